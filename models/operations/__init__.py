"""Use cases that change data: each runs in one transaction, takes the roadmap's write lock and writes
the journal. Views and commands call these; they never add or delete rows themselves.

``core`` holds what every use case shares (the error, the actor, the transaction, the lock, the
journal); each other module holds the use cases of one concern and imports ``core``, never this
package, so nothing imports back. This package re-exports the use cases callers need most, so they
import them from one place. May import: ``models`` (the tables), ``models.queries``, ``roadmap``.
"""

from models.operations.accounts import MIN_PASSWORD, create_user, ensure_country
from models.operations.comments import add_thread, reply, set_resolved
from models.operations.core import Actor, OperationError, StateConflict, VersionConflict
from models.operations.deliverable_rows import DELIVERABLE_FIELDS
from models.operations.editing import (
    add_deliverable,
    create_roadmap,
    delete_deliverable,
    dependents,
    next_key,
    set_assessment,
    update_deliverable,
    update_roadmap,
)
from models.operations.feeds import new_feed_token, revoke_feed_token
from models.operations.importing import import_plan, roadmap_count
from models.operations.linking import (
    add_dependency,
    add_suggested_links,
    remove_dependency,
    suggested_links,
    update_dependency,
)
from models.operations.progress import (
    Progress,
    correct_measurement,
    record_measurement,
    record_progress,
    remove_measurement,
)
from models.operations.stakeholders import add_stakeholder, delete_stakeholder, merge_stakeholders, update_stakeholder
from models.operations.workflow import move_roadmap

__all__ = [
    "DELIVERABLE_FIELDS",
    "MIN_PASSWORD",
    "Actor",
    "OperationError",
    "Progress",
    "StateConflict",
    "VersionConflict",
    "add_deliverable",
    "add_dependency",
    "add_stakeholder",
    "add_suggested_links",
    "add_thread",
    "correct_measurement",
    "create_roadmap",
    "create_user",
    "delete_deliverable",
    "delete_stakeholder",
    "dependents",
    "ensure_country",
    "import_plan",
    "merge_stakeholders",
    "move_roadmap",
    "new_feed_token",
    "next_key",
    "record_measurement",
    "record_progress",
    "remove_dependency",
    "remove_measurement",
    "reply",
    "revoke_feed_token",
    "roadmap_count",
    "set_assessment",
    "set_resolved",
    "suggested_links",
    "update_deliverable",
    "update_dependency",
    "update_roadmap",
    "update_stakeholder",
]
