"""Where Ghana's child online protection stood at the end of 2025, as the Ghana demo records it: the pillar
self-assessment, the Model National Response capability ratings and the treaty gap checklist.

Every rating rests on the public record listed in roadmap/demo/ghana.py. Where that record is thin or
could not be confirmed, the evidence says "to confirm" rather than guessing: a reader of the demo should
see how a careful team writes a baseline, not take it as an official assessment.
"""

from __future__ import annotations

from collections.abc import Callable

from roadmap.i18n import N_
from roadmap.plan import Assessment, CapabilityRating
from roadmap.treaties.gaps import GapStatus, TreatyMark
from roadmap.vocabulary import Pillar

# Pillars on the GCSCC scale (1 start-up … 5 dynamic).
_ASSESSMENTS = (
    (
        Pillar.LEGAL,
        3,
        N_(
            "2025 baseline: Act 1038 makes child sexual abuse material, grooming and sextortion offences and "
            "gives investigators procedural powers; its legislative instrument and the OPSC are outstanding."
        ),
    ),
    (
        Pillar.TECHNICAL,
        3,
        N_(
            "2025 baseline: an IWF reporting portal since October 2020, CERT-GH and a digital forensic "
            "laboratory; no agreed takedown times or triage of platform referrals yet."
        ),
    ),
    (
        Pillar.ORGANIZATIONAL,
        2,
        N_(
            "2025 baseline: the Cyber Security Authority leads and the National Child Online Protection "
            "Framework (October 2024) sets the direction; it is not yet costed, funded or monitored."
        ),
    ),
    (
        Pillar.CAPACITY,
        2,
        N_(
            "2025 baseline: awareness every October in National Cyber Security Awareness Month; training of "
            "investigators, prosecutors, social workers and teachers is occasional and not yet planned."
        ),
    ),
    (
        Pillar.COOPERATION,
        3,
        N_(
            "2025 baseline: party to the Budapest Convention since 2018 and working with the IWF; the "
            "Second Additional Protocol and access to INTERPOL's ICSE database are to be confirmed."
        ),
    ),
)

# MNR capabilities on the maturity model's phases (1 building … 4 maturity); those not rated are unknown.
_CAPABILITIES = (
    (1, 3, N_("The Cyber Security Authority leads under Act 1038; the National COP Framework dates from 2024.")),
    (2, 1, N_("No recent national survey of children's online experiences was found.")),
    (3, 3, N_("Act 1038 covers abuse material, grooming and sextortion; its legislative instrument is pending.")),
    (4, 2, N_("The CID Cybercrime Unit and DOVVSU investigate, without a dedicated child exploitation team.")),
    (5, 1, N_("No specialised training of prosecutors and judges on Act 1038 offences was found.")),
    (7, 1, N_("No national image database; connection to INTERPOL's ICSE database to be confirmed.")),
    (8, 2, N_("DOVVSU and the Department of Social Welfare support victims; referral is case by case.")),
    (11, 1, N_("A toll-free child helpline on the 116 number was not found in operation (to confirm).")),
    (12, 3, N_("The IWF reporting portal for Ghana has taken reports since October 2020.")),
    (13, 2, N_("National Cyber Security Awareness Month reaches schools every October.")),
    (16, 2, N_("Reports are removed through the IWF; no agreed takedown times with local providers.")),
    (17, 1, N_("Referrals from global platforms reach the police without a set triage procedure.")),
)

_MARKS = (
    ("child_under_18", GapStatus.IN_LAW, N_("Children's Act, 1998 (Act 560): a child is a person under 18.")),
    ("csam_definition", GapStatus.PARTLY, N_("Act 1038: whether computer-made images are covered is to be checked.")),
    ("csam_offences", GapStatus.IN_LAW, N_("Cybersecurity Act, 2020 (Act 1038).")),
    ("grooming", GapStatus.IN_LAW, N_("Cybersecurity Act, 2020 (Act 1038).")),
    ("intimate_images", GapStatus.IN_LAW, N_("Cybersecurity Act, 2020 (Act 1038).")),
    ("sexual_exploitation", GapStatus.IN_LAW, N_("Criminal Offences Act, 1960 (Act 29); Act 1038.")),
    ("sale_of_children", GapStatus.IN_LAW, N_("Human Trafficking Act, 2005 (Act 694).")),
    ("preservation", GapStatus.IN_LAW, N_("Act 1038, on the model of the Budapest Convention.")),
    ("production_orders", GapStatus.IN_LAW, N_("Act 1038, on the model of the Budapest Convention.")),
    ("search_seizure", GapStatus.IN_LAW, N_("Act 1038, on the model of the Budapest Convention.")),
    ("child_victims", GapStatus.PARTLY, N_("No court procedure adapted to child victims of online abuse.")),
    ("recovery_compensation", GapStatus.PARTLY, N_("Compensation depends on a civil claim by the family.")),
    ("children_data", GapStatus.PARTLY, N_("Data Protection Act, 2012 (Act 843) has no rules for children.")),
    ("mutual_assistance", GapStatus.IN_LAW, N_("Mutual Legal Assistance Act, 2010 (Act 807).")),
    ("contact_point", GapStatus.IN_LAW, N_("24/7 point of contact under the Budapest Convention (office to confirm).")),
    ("direct_disclosure", GapStatus.MISSING, N_("Second Additional Protocol not ratified (signature to confirm).")),
    ("emergency_cooperation", GapStatus.MISSING, N_("Second Additional Protocol not ratified (signature to confirm).")),
)
# Gaps the team has planned work for: provision → the deliverable that closes it.
_PLANNED = {
    "csam_definition": "L8",
    "child_victims": "L13",
    "recovery_compensation": "L14",
    "children_data": "L12",
    "direct_disclosure": "L11",
    "emergency_cooperation": "L11",
}


def assessments(_: Callable[[str], str]) -> tuple[Assessment, ...]:
    """The five pillars as the team rated them at the 2025 baseline."""
    return tuple(Assessment(p, level, _(note)) for p, level, note in _ASSESSMENTS)


def capability_ratings(_: Callable[[str], str]) -> tuple[CapabilityRating, ...]:
    """The MNR capabilities the public record lets the team rate, with the evidence."""
    return tuple(CapabilityRating(n, phase, _(evidence)) for n, phase, evidence in _CAPABILITIES)


def treaty_marks(_: Callable[[str], str]) -> tuple[TreatyMark, ...]:
    """The treaty checklist as Ghana's law stood in 2025, gaps tied to the deliverables that close them."""
    # In the order of their provision ids, as a stored roadmap gives them back.
    return tuple(TreatyMark(p, status, _(note), _PLANNED.get(p)) for p, status, note in sorted(_MARKS))
