"""Background work on a job queue (Huey): printing roadmaps and library entries, so that no web request
waits on a render.

``queue`` builds the queue an app uses (SQLite in the instance folder by default, Redis when
configured); ``printing`` asks for prints and runs them; ``pages`` is what a print link answers
(the file, the progress page, the failure or the refusal); ``worker`` is the ``cop-roadmap worker``
command. May import ``models``, ``roadmap`` and the views' printing helpers (``views.files.printing``,
``views.library.files``).
"""
