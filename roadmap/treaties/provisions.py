"""The checklist of a treaty gap analysis: what a national child online protection law must do to meet
the instruments a country has joined or may join, one line per obligation with the articles it comes from.

The obligations are grouped by what the law must do (offences, procedural powers, jurisdiction,
liability of companies, protection of victims, international cooperation), not treaty by treaty: one
domestic provision usually answers several treaties at once. Article numbers follow the texts as adopted:

- OPSC: Optional Protocol to the Convention on the Rights of the Child on the sale of children, child
  prostitution and child pornography, UNGA resolution A/RES/54/263 (2000), in force 18 January 2002.
- Lanzarote: Council of Europe Convention on the Protection of Children against Sexual Exploitation and
  Sexual Abuse, CETS No. 201 (2007); open to non-members on invitation.
- Budapest: Council of Europe Convention on Cybercrime, ETS No. 185 (2001).
- Budapest P2: its Second Additional Protocol on enhanced co-operation and disclosure of electronic
  evidence, CETS No. 224 (2022).
- UNCC: United Nations Convention against Cybercrime, UNGA resolution A/RES/79/243 (24 December 2024).
- ACRWC: African Charter on the Rights and Welfare of the Child (OAU, 1990), in force 29 November 1999.
- Malabo: African Union Convention on Cyber Security and Personal Data Protection (Malabo, 2014), in
  force 8 June 2023.
- ILO C182: ILO Worst Forms of Child Labour Convention, 1999 (No. 182).

The texts are plain descriptions written for this checklist, not quotations; a team reads the articles
themselves before marking a provision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from roadmap.i18n import N_


class Treaty(StrEnum):
    """An instrument the checklist refers to."""

    OPSC = "opsc"
    LANZAROTE = "lanzarote"
    BUDAPEST = "budapest"
    BUDAPEST_P2 = "budapest_p2"
    UNCC = "uncc"
    ACRWC = "acrwc"
    MALABO = "malabo"
    ILO_C182 = "ilo_c182"

    @property
    def abbreviation(self) -> str:
        """The short name printed in references; the same in every language."""
        return _ABBREVIATIONS[self]

    @property
    def label(self) -> str:
        """Full English name, marked for translation."""
        return _LABELS[self]


_ABBREVIATIONS = {
    Treaty.OPSC: "OPSC",
    Treaty.LANZAROTE: "Lanzarote",
    Treaty.BUDAPEST: "Budapest",
    Treaty.BUDAPEST_P2: "Budapest P2",
    Treaty.UNCC: "UNCC",
    Treaty.ACRWC: "ACRWC",
    Treaty.MALABO: "Malabo",
    Treaty.ILO_C182: "ILO C182",
}
_LABELS = {
    Treaty.OPSC: N_("Optional Protocol to the CRC on the sale of children, child prostitution and child pornography"),
    Treaty.LANZAROTE: N_("Council of Europe Lanzarote Convention on sexual exploitation and sexual abuse of children"),
    Treaty.BUDAPEST: N_("Council of Europe Budapest Convention on Cybercrime"),
    Treaty.BUDAPEST_P2: N_("Second Additional Protocol to the Budapest Convention on electronic evidence"),
    Treaty.UNCC: N_("United Nations Convention against Cybercrime"),
    Treaty.ACRWC: N_("African Charter on the Rights and Welfare of the Child"),
    Treaty.MALABO: N_("African Union Malabo Convention on Cyber Security and Personal Data Protection"),
    Treaty.ILO_C182: N_("ILO Worst Forms of Child Labour Convention (No. 182)"),
}


class Group(StrEnum):
    """What the law must do; the checklist is read group by group, in this order."""

    OFFENCES = "offences"
    PROCEDURE = "procedure"
    JURISDICTION = "jurisdiction"
    CORPORATE = "corporate"
    VICTIMS = "victims"
    COOPERATION = "cooperation"

    @property
    def label(self) -> str:
        """English heading, marked for translation."""
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    Group.OFFENCES: N_("Offences"),
    Group.PROCEDURE: N_("Procedural powers"),
    Group.JURISDICTION: N_("Jurisdiction, including over offences abroad"),
    Group.CORPORATE: N_("Liability of companies"),
    Group.VICTIMS: N_("Protection of victims and children"),
    Group.COOPERATION: N_("International cooperation"),
}


@dataclass(frozen=True, slots=True)
class Reference:
    """Articles of one treaty: ``("3(1)(c)",)`` prints as "OPSC Art. 3(1)(c)"."""

    treaty: Treaty
    articles: tuple[str, ...]

    def __str__(self) -> str:
        return self.cite()

    def cite(self, gettext: Callable[[str], str] = str) -> str:
        """The reference as printed, its word for "article" in the reader's language ("OPSC art. 3(1)(c)")."""
        articles = gettext(_ARTICLE if len(self.articles) == 1 else _ARTICLES) % {"articles": ", ".join(self.articles)}
        return f"{self.treaty.abbreviation} {articles}"


# Article numbers as a lawyer writes them in each language ("Art. 3(1)(c)", "art. 3(1)(c)", "第3(1)(c)条").
_ARTICLE = N_("Art. %(articles)s")
_ARTICLES = N_("Arts. %(articles)s")


@dataclass(frozen=True, slots=True)
class Provision:
    """One obligation of the checklist: what the law must do, where it comes from, and the catalog
    template that usually answers it (None: a deliverable of its own is suggested)."""

    id: str
    group: Group
    text: str
    references: tuple[Reference, ...]
    template: str | None = None

    @property
    def cited(self) -> str:
        """The references as one line: "OPSC Art. 3(1)(c); Lanzarote Art. 20(1)"."""
        return self.cite()

    def cite(self, gettext: Callable[[str], str] = str) -> str:
        """The references as one line in the reader's language."""
        return "; ".join(r.cite(gettext) for r in self.references)

    @property
    def treaties(self) -> frozenset[Treaty]:
        """The treaties this provision comes from."""
        return frozenset(r.treaty for r in self.references)


def _r(treaty: Treaty, *articles: str) -> Reference:
    return Reference(treaty, articles)


T = Treaty
OFF, PR, J, C, V, IC = Group

PROVISIONS: tuple[Provision, ...] = (
    # -- offences
    Provision(
        "child_under_18",
        OFF,
        N_("Treat everyone under 18 as a child in every offence, whatever the age of sexual consent"),
        (_r(T.LANZAROTE, "3(a)"), _r(T.BUDAPEST, "9(3)"), _r(T.ACRWC, "2"), _r(T.ILO_C182, "2")),
        "offences_law",
    ),
    Provision(
        "csam_definition",
        OFF,
        N_("Define child sexual abuse material to cover real, simulated, and realistic or computer-made images"),
        (_r(T.OPSC, "2(c)"), _r(T.LANZAROTE, "20(2)"), _r(T.BUDAPEST, "9(2)"), _r(T.UNCC, "14(2)")),
        "ai_abuse_offences",
    ),
    Provision(
        "csam_offences",
        OFF,
        N_("Criminalise producing, offering, distributing, procuring and possessing child sexual abuse material"),
        (
            _r(T.OPSC, "3(1)(c)"),
            _r(T.LANZAROTE, "20(1)"),
            _r(T.BUDAPEST, "9(1)"),
            _r(T.UNCC, "14(1)"),
            _r(T.ACRWC, "27(1)(c)"),
            _r(T.MALABO, "29(3)"),
            _r(T.ILO_C182, "3(b)"),
        ),
        "offences_law",
    ),
    Provision(
        "csam_access",
        OFF,
        N_("Criminalise knowingly accessing child sexual abuse material online, streaming included"),
        (_r(T.LANZAROTE, "20(1)(f)"), _r(T.UNCC, "14(1)")),
        "offences_law",
    ),
    Provision(
        "sexual_performances",
        OFF,
        N_("Criminalise recruiting or coercing a child into sexual performances, live-streamed ones included"),
        (_r(T.LANZAROTE, "21"), _r(T.ACRWC, "27(1)(c)"), _r(T.ILO_C182, "3(b)")),
        "offences_law",
    ),
    Provision(
        "sexual_exploitation",
        OFF,
        N_("Criminalise offering, obtaining, procuring or providing a child for sexual exploitation"),
        (_r(T.OPSC, "3(1)(b)"), _r(T.LANZAROTE, "19"), _r(T.ACRWC, "27(1)(b)"), _r(T.ILO_C182, "3(b)")),
        "offences_law",
    ),
    Provision(
        "sale_of_children",
        OFF,
        N_("Criminalise the sale of children for sexual exploitation, including when arranged online"),
        (_r(T.OPSC, "3(1)(a)"), _r(T.ACRWC, "29"), _r(T.ILO_C182, "3(a)")),
    ),
    Provision(
        "grooming",
        OFF,
        N_("Criminalise soliciting or grooming a child online for sexual purposes"),
        (_r(T.LANZAROTE, "23"), _r(T.UNCC, "15"), _r(T.ACRWC, "27(1)(a)")),
        "offences_law",
    ),
    Provision(
        "exposing_children",
        OFF,
        N_("Criminalise exposing a child to sexual abuse, sexual activity or pornography"),
        (_r(T.LANZAROTE, "22"), _r(T.MALABO, "29(3)")),
        "offences_law",
    ),
    Provision(
        "intimate_images",
        OFF,
        N_("Criminalise sharing intimate images of a person without their consent"),
        (_r(T.UNCC, "16"),),
        "harassment_offences",
    ),
    Provision(
        "attempt_complicity",
        OFF,
        N_("Make attempting, aiding and abetting these offences crimes too"),
        (_r(T.OPSC, "3(2)"), _r(T.LANZAROTE, "24"), _r(T.BUDAPEST, "11"), _r(T.UNCC, "19")),
        "offences_law",
    ),
    Provision(
        "penalties",
        OFF,
        N_("Set penalties that match the gravity of the offences, with aggravating circumstances"),
        (
            _r(T.OPSC, "3(3)"),
            _r(T.LANZAROTE, "27(1)", "28"),
            _r(T.BUDAPEST, "13"),
            _r(T.UNCC, "21"),
            _r(T.ILO_C182, "7(1)"),
        ),
        "offences_law",
    ),
    Provision(
        "time_limits",
        OFF,
        N_("Let prosecution start without a complaint and long after the victim turns 18"),
        (_r(T.LANZAROTE, "32", "33"), _r(T.UNCC, "20")),
    ),
    # -- procedural powers
    Provision(
        "preservation",
        PR,
        N_("Empower the authorities to order the quick preservation of stored data and traffic data"),
        (_r(T.BUDAPEST, "16", "17"), _r(T.UNCC, "25", "26")),
        "procedural_powers",
    ),
    Provision(
        "production_orders",
        PR,
        N_("Empower the authorities to order providers to hand over data and subscriber information"),
        (_r(T.BUDAPEST, "18"), _r(T.UNCC, "27")),
        "procedural_powers",
    ),
    Provision(
        "search_seizure",
        PR,
        N_("Empower the authorities to search computer systems and seize stored data"),
        (_r(T.BUDAPEST, "19"), _r(T.UNCC, "28")),
        "procedural_powers",
    ),
    Provision(
        "interception",
        PR,
        N_("Allow real-time collection of traffic data and interception of content for serious offences"),
        (_r(T.BUDAPEST, "20", "21"), _r(T.UNCC, "29", "30")),
        "procedural_powers",
    ),
    Provision(
        "safeguards",
        PR,
        N_("Subject these powers to judicial or independent supervision, proportionality and data protection"),
        (_r(T.BUDAPEST, "15"), _r(T.BUDAPEST_P2, "13", "14"), _r(T.UNCC, "24", "36")),
        "procedural_powers",
    ),
    Provision(
        "specialised_investigation",
        PR,
        N_("Provide for specialised investigators, covert work and image analysis to identify victims"),
        (_r(T.LANZAROTE, "30(5)", "34"),),
        "procedural_powers",
    ),
    Provision(
        "confiscation",
        PR,
        N_("Provide for seizing and confiscating material, tools and proceeds, and closing premises used"),
        (_r(T.OPSC, "7"), _r(T.LANZAROTE, "27(3)", "27(4)"), _r(T.UNCC, "31")),
        "procedural_powers",
    ),
    # -- jurisdiction
    Provision(
        "territorial",
        J,
        N_("Cover offences committed on the territory and on ships and aircraft registered there"),
        (_r(T.OPSC, "4(1)"), _r(T.LANZAROTE, "25(1)"), _r(T.BUDAPEST, "22(1)"), _r(T.UNCC, "22(1)")),
    ),
    Provision(
        "extraterritorial",
        J,
        N_("Cover offences committed abroad by nationals and residents, even where the act is not a crime there"),
        (
            _r(T.OPSC, "4(2)"),
            _r(T.LANZAROTE, "25(1)", "25(4)", "25(6)"),
            _r(T.BUDAPEST, "22(1)(d)"),
            _r(T.UNCC, "22(2)"),
        ),
    ),
    Provision(
        "extradite_or_prosecute",
        J,
        N_(
            "Prosecute an offender found on the territory who is not extradited, "
            "at least where extradition is refused because he or she is a national"
        ),
        (_r(T.OPSC, "4(3)"), _r(T.LANZAROTE, "25(7)"), _r(T.BUDAPEST, "22(3)"), _r(T.UNCC, "22(3)", "22(4)")),
    ),
    # -- liability of companies
    Provision(
        "legal_persons",
        C,
        N_("Hold companies liable, in criminal, civil or administrative law, for offences committed for their benefit"),
        (
            _r(T.OPSC, "3(4)"),
            _r(T.LANZAROTE, "26"),
            _r(T.BUDAPEST, "12"),
            _r(T.UNCC, "18"),
            _r(T.MALABO, "30(2)"),
        ),
    ),
    # -- protection of victims and children
    Provision(
        "child_victims",
        V,
        N_("Protect child victims in proceedings: adapted procedures, information, privacy, safety, no delay"),
        (_r(T.OPSC, "8"), _r(T.LANZAROTE, "31", "36"), _r(T.UNCC, "34")),
        "child_friendly_justice",
    ),
    Provision(
        "child_interviews",
        V,
        N_("Have children interviewed by trained people in suitable places, recorded interviews counting as evidence"),
        (_r(T.LANZAROTE, "35"),),
        "child_friendly_justice",
    ),
    Provision(
        "recovery_compensation",
        V,
        N_("Guarantee victims' recovery, reintegration and access to compensation"),
        (_r(T.OPSC, "9(3)", "9(4)"), _r(T.LANZAROTE, "14"), _r(T.UNCC, "34"), _r(T.ILO_C182, "7(2)(b)")),
        "victim_remedies",
    ),
    Provision(
        "reporting",
        V,
        N_("Let professionals report suspected abuse despite confidentiality rules, through set procedures"),
        (_r(T.LANZAROTE, "12"), _r(T.ACRWC, "16(2)")),
    ),
    Provision(
        "vetting",
        V,
        N_("Check candidates for sexual offence convictions before they work with children"),
        (_r(T.LANZAROTE, "5(3)"),),
    ),
    Provision(
        "offender_records",
        V,
        N_("Record convicted sexual offenders and take convictions abroad into account"),
        (_r(T.LANZAROTE, "29", "37"), _r(T.UNCC, "32")),
    ),
    Provision(
        "children_data",
        V,
        N_("Protect children's privacy and personal data, with an independent data-protection authority"),
        (_r(T.ACRWC, "10"), _r(T.MALABO, "11", "13")),
        "child_data_protection",
    ),
    # -- international cooperation
    Provision(
        "extradition",
        IC,
        N_("Make the offences extraditable, with the treaties as a legal basis"),
        (_r(T.OPSC, "5"), _r(T.LANZAROTE, "38(3)"), _r(T.BUDAPEST, "24"), _r(T.UNCC, "37")),
    ),
    Provision(
        "mutual_assistance",
        IC,
        N_("Give other states the widest mutual legal assistance in investigations and proceedings"),
        (
            _r(T.OPSC, "6"),
            _r(T.LANZAROTE, "38(1)"),
            _r(T.BUDAPEST, "25"),
            _r(T.UNCC, "40"),
            _r(T.MALABO, "28(2)"),
            _r(T.ILO_C182, "8"),
        ),
    ),
    Provision(
        "preservation_abroad",
        IC,
        N_("Preserve data and disclose traffic data quickly when another state asks"),
        (_r(T.BUDAPEST, "29", "30"), _r(T.UNCC, "42", "43")),
        "accede_budapest",
    ),
    Provision(
        "contact_point",
        IC,
        N_("Designate a point of contact available 24 hours a day, seven days a week"),
        (_r(T.BUDAPEST, "35"), _r(T.UNCC, "41")),
        "accede_budapest",
    ),
    Provision(
        "direct_disclosure",
        IC,
        N_(
            "Let providers answer other Parties' requests for domain registration and subscriber data, "
            "and give effect to their orders for traffic data"
        ),
        (_r(T.BUDAPEST_P2, "6", "7", "8"),),
        "accede_budapest",
    ),
    Provision(
        "emergency_cooperation",
        IC,
        N_("Provide for emergency disclosure of data and emergency mutual assistance"),
        (_r(T.BUDAPEST_P2, "9", "10"),),
        "accede_budapest",
    ),
    Provision(
        "joint_investigations",
        IC,
        N_("Allow joint investigation teams and hearings by video conference"),
        (_r(T.BUDAPEST_P2, "11", "12"), _r(T.UNCC, "48")),
        "accede_budapest",
    ),
)

_BY_ID = {p.id: p for p in PROVISIONS}


def provision_by_id(provision_id: str) -> Provision | None:
    """The provision with this id, or None for an id the checklist does not hold (an old file, a bad form)."""
    return _BY_ID.get(provision_id)
