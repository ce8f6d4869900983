"""The inbox: who hears of a review step or a comment, and what they do with what they hear.

``record`` writes the notices inside the transaction of the change they tell of (the workflow and
the comment threads call it); ``inbox`` holds what a person does with their own notices (read them,
choose how they hear of them by e-mail); ``mailing`` claims notices for an e-mail so that a job run
twice sends each once. Each module imports ``models.operations.core`` at most, never
``models.operations``, so nothing imports back.
"""

from models.operations.notices.inbox import mark_all_read, mark_read, set_mail_choice
from models.operations.notices.record import NEW_NOTICES, notice_move, notice_reply, notice_thread

__all__ = [
    "NEW_NOTICES",
    "mark_all_read",
    "mark_read",
    "notice_move",
    "notice_reply",
    "notice_thread",
    "set_mail_choice",
]
