"""The treaty gap analysis of a roadmap: the team's marks on the checklist's provisions (in law, partly,
missing, with a note) and the legal deliverable added in one step to close gaps. ``marks`` imports
``models.operations.core`` and the shared checks, never ``models.operations``, so nothing imports back.
"""

from models.operations.treaties.marks import add_gap_deliverable, set_provision_marks, treaty_marks

__all__ = ["add_gap_deliverable", "set_provision_marks", "treaty_marks"]
