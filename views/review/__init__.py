"""The review workflow: submitting, returning and approving a roadmap, its baselines, and what changed
since the last one.

May import ``models``, ``roadmap``, the shared modules at the top of ``views`` (access, extensions,
conflict, charts, paging, forms, …) and other feature packages' helpers. ``views.create_app``
registers its blueprints; importing the package itself loads none of its modules, so a command that
needs one helper stays light.
"""
