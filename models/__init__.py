"""Persistence: the database, one aggregate per module, and the operations that change data."""

from models.api_token import ApiToken
from models.base import db
from models.country import Country
from models.deliverable import Deliverable, DeliverableThreat, Indicator, deliverable_partners
from models.dependency import Dependency
from models.journal import JournalEntry
from models.library import CatalogTemplate, Lesson, LibraryEntry, RoadmapOrigin
from models.roadmap import PillarAssessment, Roadmap
from models.stakeholder import Stakeholder
from models.tracking import Baseline, Comment, CommentThread, ForecastFigures, Measurement
from models.user import GlobalRole, Membership, MembershipRole, User

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
    "ForecastFigures",
    "GlobalRole",
    "Indicator",
    "JournalEntry",
    "Lesson",
    "LibraryEntry",
    "Measurement",
    "Membership",
    "MembershipRole",
    "PillarAssessment",
    "Roadmap",
    "RoadmapOrigin",
    "Stakeholder",
    "User",
    "db",
    "deliverable_partners",
]
