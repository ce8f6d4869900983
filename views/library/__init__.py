"""The library of published roadmaps: browsing and reading them, proposing and publishing, adapting one
as a new roadmap, and lessons learned offered as catalog templates.

May import ``models``, ``roadmap``, the shared modules at the top of ``views`` (access, extensions,
conflict, charts, paging, forms, …) and other feature packages' helpers. ``views.create_app``
registers its blueprints; importing the package itself loads none of its modules, so a command that
needs one helper stays light.
"""
