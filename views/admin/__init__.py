"""Accounts: signing in and out, a user's own API tokens, and the administrators' pages for accounts,
roles and country memberships.

May import ``models``, ``roadmap``, the shared modules at the top of ``views`` (access, extensions,
conflict, charts, paging, forms, …) and other feature packages' helpers. ``views.create_app``
registers its blueprints; importing the package itself loads none of its modules, so a command that
needs one helper stays light.
"""
