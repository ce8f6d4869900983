"""Background work on a job queue (Huey): printing roadmaps and library entries, and e-mail about the
inbox, so that no web request waits on a render or a mail relay.

``queue`` builds the queue an app uses (SQLite in the instance folder by default, Redis when
configured); ``printing`` asks for prints and runs them; ``pages`` is what a print link answers
(the file, the progress page, the failure or the refusal); ``mail`` queues and sends the inbox's
e-mails and the daily digest, ``letters`` writes them and reaches the relay; ``figures`` works out
the dashboard's figures every night; ``worker`` is the ``cop-roadmap worker`` command. May import
``models``, ``roadmap`` and the views' printing and inbox helpers (``views.files.printing``,
``views.library.files``, ``views.inbox``).
"""
