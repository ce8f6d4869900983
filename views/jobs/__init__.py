"""Background work on a job queue (Huey): printing roadmaps, so that no web request waits on a render.

``queue`` builds the queue an app uses (SQLite in the instance folder by default, Redis when
configured); ``printing`` asks for prints and runs them; ``worker`` is the ``cop-roadmap worker``
command. May import ``models``, ``roadmap`` and the views' own helpers (``views.files.printing``).
"""
