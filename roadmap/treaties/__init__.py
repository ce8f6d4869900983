"""The treaty gap analysis: the provisions a national child online protection law must cover under the
international and regional instruments (``provisions``), and what a team's marks on them leave to do
(``gaps``). Pure data and functions, shared by the checklist page, the printed annex and the
interchange format.
"""

from roadmap.treaties.gaps import GapStatus, TreatyMark, gap_suggestions
from roadmap.treaties.provisions import PROVISIONS, Group, Provision, Reference, Treaty, provision_by_id

__all__ = [
    "PROVISIONS",
    "GapStatus",
    "Group",
    "Provision",
    "Reference",
    "Treaty",
    "TreatyMark",
    "gap_suggestions",
    "provision_by_id",
]
