"""The guided flow a country team drafts its roadmap in: basics, one step per pillar with its
self-assessment and deliverables, the links between them, and the review before submitting.

May import ``models``, ``roadmap``, the shared modules at the top of ``views`` (access, extensions,
conflict, charts, paging, forms, …) and other feature packages' helpers. ``views.create_app``
registers its blueprints; importing the package itself loads none of its modules, so a command that
needs one helper stays light.
"""
