"""A roadmap's own pages once drafted: the home page with the user's roadmaps, the sequence, each
pillar, what-if, the timeline, the dependency graph, threat coverage and history.

May import ``models``, ``roadmap``, the shared modules at the top of ``views`` (access, extensions,
conflict, charts, paging, forms, …) and other feature packages' helpers. ``views.create_app``
registers its blueprints; importing the package itself loads none of its modules, so a command that
needs one helper stays light.
"""
