"""Persistence: the database and its tables, one aggregate per module.

``models.operations`` holds the use cases that change data, ``models.queries`` the read models, and
``models/migrations`` the schema's history. May import: sqlalchemy, flask_sqlalchemy and ``roadmap``;
never ``views``.
"""

from models.api_token import ApiToken
from models.base import db
from models.country import Country
from models.deliverable import Deliverable, DeliverableThreat, Indicator, deliverable_partners
from models.dependency import Dependency
from models.form_token import FormToken
from models.journal import JournalEntry
from models.library import CatalogTemplate, Lesson, LibraryEntry, RoadmapOrigin
from models.notification import NoticeKind, Notification
from models.print_job import PrintJob, PrintStatus
from models.printed_file import PrintedFile
from models.roadmap import PillarAssessment, Roadmap
from models.stakeholder import Stakeholder
from models.tracking import Baseline, Comment, CommentThread, ForecastFigures, Measurement
from models.treaty_mark import ProvisionMark
from models.user import FollowedCountry, GlobalRole, MailChoice, Membership, MembershipRole, User
from models.web_session import WebSession

__all__ = [
    "ApiToken",
    "Baseline",
    "CatalogTemplate",
    "Comment",
    "CommentThread",
    "Country",
    "Deliverable",
    "DeliverableThreat",
    "Dependency",
    "FollowedCountry",
    "ForecastFigures",
    "FormToken",
    "GlobalRole",
    "Indicator",
    "JournalEntry",
    "Lesson",
    "LibraryEntry",
    "MailChoice",
    "Measurement",
    "Membership",
    "MembershipRole",
    "NoticeKind",
    "Notification",
    "PillarAssessment",
    "PrintJob",
    "PrintStatus",
    "PrintedFile",
    "ProvisionMark",
    "Roadmap",
    "RoadmapOrigin",
    "Stakeholder",
    "User",
    "WebSession",
    "db",
    "deliverable_partners",
]
