"""Read models: queries that read rows and hand back plain values or ``roadmap`` dataclasses, never
change anything — loading a stored roadmap as a plan, the advisers' dashboard, the library's search.

May import: ``models`` (the tables) and ``roadmap``; never ``models.operations``.
"""
