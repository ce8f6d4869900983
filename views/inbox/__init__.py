"""The inbox: what happened to the roadmaps a person is concerned with (submitted, returned with a
comment, approved, a new thread or a reply), its count of unread notices in every page's header, and
the link in each e-mail that turns mail off.

``routes`` is the inbox's pages; ``words`` says each kind of notice in a sentence, for the page and for
the e-mails (views/jobs/mail.py); ``tokens`` signs the unsubscribe links. May import ``models``,
``roadmap`` and the shared modules at the top of ``views``.
"""
