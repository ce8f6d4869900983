"""The domain of COP Roadmap: pillars, threats, the catalog, the plan, sequencing, exchange.

Nothing here knows about Flask or the database; views and models convert to and from
the plain dataclasses in :mod:`roadmap.plan`.
"""
