"""The Ghana demo: a roadmap that builds on what Ghana already has, from the public record to the end of 2025.

What exists is listed as "already in place" (the schedule starts from it and never plans it again); what
remains is planned with Ghana's own institutions leading, realistic durations, budget lines in cedis (GHS)
from the government and in US dollars where development partners usually fund such work. Costs are
illustrations of the size of each line, not figures from Ghana's budget.

Sources relied on (public, as of 2025), and what they support:

- Cybersecurity Act, 2020 (Act 1038), assented in December 2020: the Cyber Security Authority (CSA) and
  CERT-GH; offences on indecent images of children, grooming, cyberstalking, sextortion and the
  non-consensual sharing of intimate images; procedural powers on the model of the Budapest Convention;
  the Cybersecurity Fund; regulations (a legislative instrument) still to be made under it.
- Council of Europe Treaty Office, ETS No. 185: Ghana acceded to the Budapest Convention in
  December 2018 (in force for Ghana in 2019). Its signature of the Second Additional Protocol (CETS
  No. 224) could not be confirmed and is marked "to confirm".
- UN Treaty Collection, chapter IV.11.c: Ghana signed the Optional Protocol on the sale of children,
  child prostitution and child pornography (OPSC) on 24 September 2003; no ratification was found, so
  the demo plans it. Check the current status before relying on it.
- African Union treaty status lists: the African Charter on the Rights and Welfare of the Child
  (ratified 2005) and the Malabo Convention (ratified 2019); both dates to confirm.
- The CSA's launch of the IWF reporting portal for Ghana (October 2020), its National Cyber Security
  Awareness Month every October, its 292 incident reporting line, and the National Child Online
  Protection Framework launched in October 2024.
- Laws cited in the treaty checklist: Criminal Offences Act, 1960 (Act 29); Children's Act, 1998
  (Act 560); Human Trafficking Act, 2005 (Act 694); Mutual Legal Assistance Act, 2010 (Act 807); Data
  Protection Act, 2012 (Act 843).
- Institutions as named in 2025, including the Ministry of Communication, Digital Technology and
  Innovations (renamed in 2025) and the Police's Domestic Violence and Victim Support Unit (DOVVSU).

Uncertain facts are written as such in the texts ("to confirm"); nothing here is an official position of
the Government of Ghana. The baseline ratings and treaty marks are in roadmap/demo/ghana_baseline.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from roadmap.catalog import Template, templates_by_key, translated
from roadmap.demo.generic import DEMO_START, pillar_objective
from roadmap.demo.ghana_baseline import assessments, capability_ratings, treaty_marks
from roadmap.i18n import N_
from roadmap.plan import Cost, Deliverable, Dependency, Indicator, Plan, Stakeholder
from roadmap.threats import Threat
from roadmap.vocabulary import DeliverableStatus, DependencyType, Language, Pillar, Priority, StakeholderKind

# The years are those the schedule runs (sequence(ghana_plan(TITLE)): January 2027 to November 2028), as
# a reader takes a title's years for the plan's horizon; tests/roadmap/test_demo_ghana.py keeps them so.
TITLE = "National Child Online Protection Roadmap 2027–2028 (demo)"

_K = StakeholderKind
STAKEHOLDERS = (
    Stakeholder("CSA", N_("Cyber Security Authority (CSA)"), _K.REGULATOR),
    Stakeholder("MOCDTI", N_("Ministry of Communication, Digital Technology and Innovations"), _K.GOVERNMENT),
    Stakeholder("MOGCSP", N_("Ministry of Gender, Children and Social Protection"), _K.GOVERNMENT),
    Stakeholder("MOJAG", N_("Office of the Attorney-General and Ministry of Justice"), _K.GOVERNMENT),
    Stakeholder("MFA", N_("Ministry of Foreign Affairs"), _K.GOVERNMENT),
    Stakeholder("MOF", N_("Ministry of Finance"), _K.GOVERNMENT),
    Stakeholder("MOE", N_("Ministry of Education"), _K.GOVERNMENT),
    Stakeholder("GES", N_("Ghana Education Service"), _K.GOVERNMENT),
    Stakeholder("NCCE", N_("National Commission for Civic Education"), _K.GOVERNMENT),
    Stakeholder("CCU", N_("Ghana Police Service, CID Cybercrime Unit"), _K.LAW_ENFORCEMENT),
    Stakeholder("DOVVSU", N_("Ghana Police Service, Domestic Violence and Victim Support Unit"), _K.LAW_ENFORCEMENT),
    Stakeholder("ODPP", N_("Office of the Director of Public Prosecutions"), _K.JUDICIARY),
    Stakeholder("JSG", N_("Judicial Service of Ghana"), _K.JUDICIARY),
    Stakeholder("NCA", N_("National Communications Authority"), _K.REGULATOR),
    Stakeholder("DPC", N_("Data Protection Commission"), _K.REGULATOR),
    Stakeholder(
        "CHRAJ", N_("Commission on Human Rights and Administrative Justice (CHRAJ)"), _K.HUMAN_RIGHTS_INSTITUTION
    ),
    Stakeholder("PARL", N_("Parliament of Ghana"), _K.PARLIAMENT),
    Stakeholder("GSS", N_("Ghana Statistical Service"), _K.STATISTICS_OFFICE),
    Stakeholder("HEALTH", N_("Ghana Health Service"), _K.HEALTH),
    Stakeholder("GCT", N_("Ghana Chamber of Telecommunications"), _K.INDUSTRY),
    Stakeholder("GNCRC", N_("Ghana NGO Coalition on the Rights of the Child"), _K.CIVIL_SOCIETY),
    Stakeholder("UG", N_("University of Ghana"), _K.ACADEMIA),
    Stakeholder("UNICEF", N_("UNICEF Ghana"), _K.INTERNATIONAL),
    Stakeholder("IWF", N_("Internet Watch Foundation"), _K.INTERNATIONAL),
    Stakeholder("ITU", N_("International Telecommunication Union"), _K.INTERNATIONAL),
    Stakeholder("YOUTH", N_("Youth advisory panel on online safety"), _K.CHILDREN_YOUTH),
)

# Funding sources, as a budget officer would name them.
_GOG = N_("Government of Ghana budget")
_FUND = N_("Cybersecurity Fund (Act 1038)")
_UNICEF = N_("UNICEF Ghana country programme")
_PARTNERS = N_("Development partners (to be sought)")
_INDUSTRY = N_("Industry contribution")
_JUDICIARY = N_("Judicial Service budget")


@dataclass(frozen=True, slots=True)
class _Item:
    key: str
    title: str
    lead: str
    partners: tuple[str, ...] = ()
    template: str | None = None
    weeks: int = 0  # a template's duration when 0 and a template is given
    description: str | None = None  # the template's when None
    in_place: bool = False
    cost: tuple[int, str, str] | None = None  # amount, currency, source
    priority: Priority = Priority.MEDIUM
    due_by: date | None = None
    pillar: Pillar | None = None  # for items without a template
    threats: tuple[Threat, ...] = ()  # for items without a template


_H, _L = Priority.HIGH, Priority.LOW
_T = Threat
_ITEMS = (
    # -- Legal measures
    _Item(
        "L1",
        N_("Cybersecurity Act, 2020 (Act 1038): offences on abuse material, grooming and sextortion"),
        "CSA",
        ("MOCDTI", "MOJAG", "PARL"),
        "offences_law",
        description=N_(
            "Act 1038 makes indecent images of children, grooming, cyberstalking of a child, sexual extortion "
            "and the non-consensual sharing of intimate images offences, and created the Cyber Security Authority."
        ),
        in_place=True,
    ),
    _Item(
        "L2",
        N_("Procedural powers and electronic evidence in Act 1038"),
        "CSA",
        ("MOJAG", "CCU"),
        "procedural_powers",
        description=N_("Preservation, production and search orders for computer data, on the Budapest model."),
        in_place=True,
    ),
    _Item(
        "L3",
        N_("Accession to the Budapest Convention on Cybercrime (December 2018)"),
        "MFA",
        ("CSA", "MOJAG"),
        "accede_budapest",
        description=N_("Ghana is a party to the Convention itself; the Second Additional Protocol is planned below."),
        in_place=True,
    ),
    _Item(
        "L4",
        N_("African Children's Charter and Malabo Convention ratified"),
        "MFA",
        ("MOGCSP", "CSA"),
        "ratify_african_instruments",
        description=N_("Ratified in 2005 and 2019 respectively (dates to confirm against the African Union's lists)."),
        in_place=True,
    ),
    _Item(
        "L5",
        N_("Draft the legislative instrument for Act 1038 with the Attorney-General's drafting division"),
        "CSA",
        ("MOCDTI", "MOJAG"),
        "implementing_regulations",
        34,
        cost=(420_000, "GHS", _FUND),
        priority=_H,
    ),
    _Item(
        "L6",
        N_("Lay the legislative instrument before Parliament for 21 sitting days"),
        "MOCDTI",
        ("CSA", "PARL"),
        weeks=14,
        description=N_("An instrument laid before Parliament comes into force after 21 sitting days unless annulled."),
        cost=(45_000, "GHS", _GOG),
        priority=_H,
        due_by=date(2027, 12, 17),  # before Parliament rises for the year
        pillar=Pillar.LEGAL,
        threats=(_T.CSAM, _T.GROOMING, _T.SEXTORTION),
    ),
    _Item(
        "L7",
        N_("Set providers' duties to report, take down and preserve in the legislative instrument"),
        "CSA",
        ("NCA", "GCT"),
        "industry_duties",
        30,
        cost=(180_000, "GHS", _FUND),
        priority=_H,
    ),
    _Item(
        "L8",
        N_("Amend Act 1038 to cover AI-generated and manipulated abuse material"),
        "CSA",
        ("MOJAG", "PARL"),
        "ai_abuse_offences",
        52,
        description=N_(
            "Extend the offences of Act 1038 to images made or altered by computer, AI or nudification apps, and to "
            "offering such tools for that purpose. Done when Parliament passes the amendment."
        ),
        cost=(260_000, "GHS", _FUND),
    ),
    _Item(
        "L9",
        N_("Prepare the OPSC's ratification: compatibility review, Cabinet memorandum, Parliament's approval"),
        "MOGCSP",
        ("MOJAG", "MFA", "PARL"),
        "ratify_child_instruments",
        52,
        description=N_("Ghana signed the Optional Protocol on 24 September 2003; no ratification was found."),
        cost=(180_000, "GHS", _GOG),
        priority=_H,
    ),
    _Item(
        "L10",
        N_("Ghana deposits its instrument of ratification of the OPSC"),
        "MFA",
        ("MOGCSP",),
        description=N_("Deposited with the Secretary-General of the United Nations, after Parliament's approval."),
        priority=_H,
        due_by=date(2028, 3, 31),
        pillar=Pillar.LEGAL,
        threats=(_T.CSAM, _T.TRAFFICKING),
    ),
    _Item(
        "L11",
        N_("Ratify the Second Additional Protocol to the Budapest Convention"),
        "CSA",
        ("MOJAG", "MFA", "PARL"),
        weeks=52,
        description=N_("Direct cooperation with providers abroad and emergency disclosure of electronic evidence."),
        cost=(150_000, "GHS", _GOG),
        pillar=Pillar.LEGAL,
        threats=(_T.CSAM, _T.SEXTORTION, _T.GROOMING),
    ),
    _Item(
        "L12",
        N_("Issue rules on children's personal data under the Data Protection Act, 2012"),
        "DPC",
        ("CSA", "GNCRC"),
        "child_data_protection",
        26,
        description=N_(
            "Rules on parental consent, profiling and advertising aimed at children, and the erasure of what a child "
            "posted. Done when the Data Protection Commission issues them."
        ),
        cost=(210_000, "GHS", _GOG),
        priority=_L,
    ),
    _Item(
        "L13",
        N_("Adopt child-friendly court procedures for online abuse cases"),
        "JSG",
        ("ODPP", "MOGCSP"),
        "child_friendly_justice",
        cost=(120_000, "USD", _UNICEF),
    ),
    _Item(
        "L14",
        N_("Guarantee compensation and recovery for child victims of online abuse"),
        "MOGCSP",
        ("MOJAG", "CHRAJ"),
        "victim_remedies",
        description=N_(
            "A right to compensation, free legal aid and the removal of abuse images, claimed with the support of "
            "DOVVSU and social welfare. Done when the provisions are laid before Parliament."
        ),
        cost=(300_000, "GHS", _GOG),
    ),
    _Item(
        "L15",
        N_("Sign and ratify the UN Convention against Cybercrime"),
        "MOCDTI",
        ("CSA", "MFA", "MOJAG"),
        "ratify_un_cybercrime",
        52,
        description=N_("Opened for signature in Hanoi in October 2025; whether Ghana signed there is to be confirmed."),
        cost=(120_000, "GHS", _GOG),
        priority=_L,
    ),
    # -- Technical and procedural measures
    _Item(
        "T1",
        N_("IWF reporting portal for child sexual abuse material (October 2020)"),
        "CSA",
        ("IWF",),
        "reporting_portal",
        description=N_(
            "Anyone in Ghana can report images anonymously; IWF analysts assess them and have them removed."
        ),
        in_place=True,
    ),
    _Item(
        "T2",
        N_("CERT-GH, the national computer emergency response team, within the CSA"),
        "CSA",
        (),
        "cirt_role",
        description=N_("CERT-GH handles cyber incidents and shares threat information with providers and the police."),
        in_place=True,
    ),
    _Item(
        "T3",
        N_("Cybercrime Unit of the Criminal Investigation Department"),
        "CCU",
        ("DOVVSU",),
        "specialist_police_unit",
        description=N_("Investigates online offences; DOVVSU takes over the care of child victims."),
        in_place=True,
    ),
    _Item(
        "T4",
        N_("A digital forensic laboratory for cybercrime cases"),
        "CCU",
        ("CSA",),
        "forensics_lab",
        description=N_(
            "Which institution hosts the laboratory, and its capacity for child abuse cases, are to be confirmed."
        ),
        in_place=True,
    ),
    _Item(
        "T5",
        N_("The CSA's 292 line for reporting cybercrime, online child abuse included"),
        "CSA",
        ("NCA",),
        weeks=8,  # work in place takes no time in the schedule; a duration keeps it from reading as a milestone
        description=N_("Calls and messages to 292 reach the CSA's incident reporting point of contact."),
        in_place=True,
        pillar=Pillar.TECHNICAL,
        threats=(_T.SEXTORTION, _T.CSAM, _T.CYBERSTALKING),
    ),
    _Item(
        "T6",
        N_("Agree takedown times with providers for content reported through the portal"),
        "CSA",
        ("NCA", "GCT", "IWF"),
        "takedown_procedure",
        cost=(95_000, "GHS", _FUND),
        priority=_H,
    ),
    _Item(
        "T7",
        N_("Set up a sextortion response: fast removal requests and hashing of victims' images"),
        "CSA",
        ("CCU", "DOVVSU"),
        weeks=16,
        description=N_("A child who is being extorted gets the images blocked and the case to DOVVSU within a day."),
        cost=(60_000, "USD", _PARTNERS),
        priority=_H,
        pillar=Pillar.TECHNICAL,
        threats=(_T.SEXTORTION, _T.SELF_GENERATED_IMAGERY, _T.INTIMATE_IMAGE_ABUSE),
    ),
    _Item(
        "T8",
        N_("Build a national image database linked to INTERPOL's ICSE database"),
        "CCU",
        ("CSA",),
        "image_database",
        cost=(250_000, "USD", _PARTNERS),
        priority=_L,
    ),
    _Item(
        "T9",
        N_("Agree a child online protection code of practice with the Ghana Chamber of Telecommunications"),
        "GCT",
        ("CSA", "NCA"),
        "industry_code",
        cost=(150_000, "GHS", _INDUSTRY),
    ),
    _Item(
        "T10",
        N_("Adopt filtering and acceptable-use policies for school networks"),
        "GES",
        ("MOE", "CSA"),
        "school_network_policy",
        cost=(180_000, "GHS", _GOG),
        priority=_L,
    ),
    # -- Organizational structures
    _Item(
        "O1",
        N_("The Cyber Security Authority leads, with a Child Online Protection unit"),
        "CSA",
        ("MOCDTI",),
        "lead_agency",
        description=N_("Act 1038 gives the CSA its mandate; its Child Online Protection unit is the focal point."),
        in_place=True,
    ),
    _Item(
        "O2",
        N_("National Child Online Protection Framework (October 2024)"),
        "CSA",
        ("MOGCSP", "UNICEF"),
        "national_strategy",
        description=N_("The national direction for child online protection; its action plan is not yet costed."),
        in_place=True,
    ),
    _Item(
        "O3",
        N_("Convene the inter-agency committee that steers the Framework"),
        "CSA",
        ("MOGCSP", "DOVVSU", "GES", "GNCRC"),
        "coordination_committee",
        8,
        description=N_("If a committee set up with the Framework already meets, record this as already in place."),
        cost=(90_000, "GHS", _FUND),
        priority=_H,
    ),
    _Item(
        "O4",
        N_("Cost the Framework's action plan"),
        "CSA",
        ("MOF", "UNICEF"),
        weeks=12,
        description=N_("Each action with an owner, a timeline and a budget line, in cedis, ready for the budget."),
        cost=(120_000, "GHS", _UNICEF),
        priority=_H,
        pillar=Pillar.ORGANIZATIONAL,
    ),
    _Item(
        "O5",
        N_("Secure budget lines for the Framework in the 2028 national budget"),
        "MOF",
        ("CSA", "MOGCSP", "PARL"),
        "budget_line",
        20,
        priority=_H,
        due_by=date(2027, 11, 15),
    ),
    _Item(
        "O6",
        N_("Monitor the Framework with indicators and data from the Ghana Statistical Service"),
        "GSS",
        ("CSA",),
        "me_framework",
        cost=(140_000, "GHS", _GOG),
    ),
    _Item(
        "O7",
        N_("Agree referral pathways from a report to DOVVSU, social welfare and health care"),
        "MOGCSP",
        ("DOVVSU", "HEALTH", "UNICEF"),
        "referral_pathways",
        cost=(80_000, "USD", _UNICEF),
        priority=_H,
    ),
    _Item(
        "O8",
        N_("Set up a toll-free child helpline on 116 linked to the referral pathways"),
        "MOGCSP",
        ("NCA", "GNCRC", "UNICEF"),
        "child_helpline",
        39,
        description=N_(
            "No national child helpline on 116 was found in operation (to confirm); the NCA allocates the number."
        ),
        cost=(1_450_000, "GHS", _GOG),
        priority=_H,
    ),
    _Item(
        "O9",
        N_("Create a youth advisory panel on online safety"),
        "CSA",
        ("GNCRC", "MOGCSP"),
        "youth_panel",
        cost=(75_000, "GHS", _FUND),
    ),
    _Item(
        "O10",
        N_("Review progress each year, report to Parliament and publish the results"),
        "CSA",
        ("PARL", "CHRAJ"),
        "progress_review",
        cost=(60_000, "GHS", _FUND),
    ),
    # -- Capacity building
    _Item(
        "C1",
        N_("National Cyber Security Awareness Month every October, child online protection included"),
        "CSA",
        ("NCCE", "GES"),
        "awareness_campaign",
        description=N_(
            "Every October the CSA runs media, school and community events; children's safety online is a theme."
        ),
        in_place=True,
    ),
    _Item(
        "C2",
        N_("Conduct a national survey of children's online experiences"),
        "GSS",
        ("UG", "UNICEF"),
        "children_survey",
        cost=(320_000, "USD", _UNICEF),
        priority=_H,
    ),
    _Item(
        "C3",
        N_("Train Cybercrime Unit and DOVVSU investigators on online child exploitation and sextortion"),
        "CCU",
        ("DOVVSU", "CSA"),
        "police_training",
        cost=(180_000, "USD", _PARTNERS),
        priority=_H,
    ),
    _Item(
        "C4",
        N_("Train prosecutors and judges on Act 1038 offences and electronic evidence"),
        "JSG",
        ("ODPP",),
        "justice_training",
        cost=(520_000, "GHS", _JUDICIARY),
    ),
    _Item(
        "C5",
        N_("Train social welfare officers to support children harmed online"),
        "MOGCSP",
        ("GNCRC",),
        "social_worker_training",
        cost=(640_000, "GHS", _GOG),
    ),
    _Item(
        "C6",
        N_("Train teachers and school counsellors on online safety"),
        "GES",
        ("MOE", "CSA"),
        "teacher_training",
        78,
        cost=(2_300_000, "GHS", _GOG),
    ),
    _Item(
        "C7",
        N_("Put online safety and digital citizenship into the school curriculum"),
        "MOE",
        ("GES",),
        "digital_citizenship_curriculum",
        52,
        cost=(950_000, "GHS", _GOG),
        priority=_L,
    ),
    _Item(
        "C8",
        N_("Run programmes for parents and caregivers with the National Commission for Civic Education"),
        "NCCE",
        ("MOGCSP", "GNCRC"),
        "parent_programme",
        52,
        cost=(700_000, "GHS", _GOG),
        priority=_L,
    ),
    _Item(
        "C9",
        N_("Run a sextortion awareness campaign for adolescents that points to 292 and the helpline"),
        "CSA",
        ("NCCE", "GES", "YOUTH"),
        weeks=52,
        description=N_("Launched once the sextortion response and the helpline can answer the calls it brings."),
        cost=(1_100_000, "GHS", _FUND),
        pillar=Pillar.CAPACITY,
        threats=(_T.SEXTORTION, _T.SELF_GENERATED_IMAGERY, _T.GROOMING),
    ),
    # -- International cooperation
    _Item(
        "I1",
        N_("Triage referrals from global platforms within set times"),
        "CCU",
        ("CSA", "DOVVSU"),
        "industry_referrals",
        16,
        description=N_(
            "Referrals from platforms, such as NCMEC CyberTipline reports, prioritised and assigned within 48 hours."
        ),
        cost=(150_000, "USD", _PARTNERS),
        priority=_H,
    ),
    _Item(
        "I2",
        N_("Connect the Cybercrime Unit to INTERPOL's ICSE database through NCB Accra"),
        "CCU",
        ("MOJAG",),
        "icse_access",
        cost=(90_000, "USD", _PARTNERS),
    ),
    _Item(
        "I3",
        N_("Validate the Model National Response self-assessment with the WeProtect Global Alliance"),
        "CSA",
        ("UNICEF",),
        "mns_self_assessment",
        cost=(60_000, "GHS", _FUND),
        priority=_L,
    ),
    _Item(
        "I4",
        N_("Streamline mutual legal assistance for electronic evidence"),
        "MOJAG",
        ("CSA", "ODPP"),
        "mla_procedures",
        cost=(200_000, "GHS", _GOG),
    ),
    _Item(
        "I5",
        N_("Join Child Helpline International once the helpline runs"),
        "MOGCSP",
        ("GNCRC",),
        "chi_membership",
        cost=(40_000, "GHS", _GOG),
        priority=_L,
    ),
    _Item(
        "I6",
        N_("Take part in ECOWAS and African Union cooperation on child online protection"),
        "CSA",
        ("MFA",),
        "regional_engagement",
        cost=(150_000, "GHS", _FUND),
        priority=_L,
    ),
    _Item(
        "I7",
        N_("Bring development partners behind the costed action plan"),
        "MOF",
        ("CSA", "UNICEF"),
        "donor_coordination",
    ),
    _Item(
        "I8",
        N_("Share Ghana's experience with ITU and peer countries"),
        "CSA",
        ("ITU",),
        "share_lessons",
        cost=(60_000, "GHS", _FUND),
        priority=_L,
    ),
)

_FS, _SS = DependencyType.FINISH_TO_START, DependencyType.START_TO_START
# Links the catalog does not give, because the work is Ghana's own or the catalog's link runs through
# work Ghana has done already.
_LINKS = (
    ("L5", "L7", _SS, 8),
    ("L5", "L6", _FS, 0),
    ("L7", "L6", _FS, 0),
    ("L9", "L10", _FS, 0),
    ("L11", "L15", _SS, 12),
    ("O3", "O4", _FS, 0),
    ("O4", "O5", _FS, 0),
    ("O4", "I7", _FS, 0),
    ("O3", "C2", _FS, 0),
    ("O3", "I3", _FS, 0),
    ("C2", "O6", _SS, 8),
    ("T6", "T7", _SS, 4),
    ("T7", "C9", _FS, 0),
    ("O8", "C9", _FS, 0),
    ("C3", "I1", _SS, 4),
)


def ghana_plan(title: str, *, language: Language = Language.EN, gettext: Callable[[str], str] | None = None) -> Plan:
    """Ghana's roadmap from the public record: what is in place, and the work that remains, with its costs.

    With ``gettext`` (the translations of ``language``) every text of the demo is written in that language.
    """
    _ = gettext or str
    catalog = templates_by_key()
    deliverables = tuple(_deliverable(item, catalog, _) for item in _ITEMS)
    in_place = {item.key for item in _ITEMS if item.in_place}
    key_of = {item.template: item.key for item in _ITEMS if item.template}
    # The catalog's usual links between the templates used, except into work already in place: it waits on nothing.
    usual = [
        Dependency(key_of[link.template], item.key, link.type, link.lag_weeks)
        for item in _ITEMS
        if item.template and item.key not in in_place
        for link in catalog[item.template].depends_on
        if link.template in key_of
    ]
    own = [Dependency(p, s, kind, lag) for p, s, kind, lag in _LINKS]
    return Plan(
        country="GHA",
        title=title,
        start_date=DEMO_START,
        language=language,
        assessments=assessments(_),
        stakeholders=tuple(Stakeholder(s.key, _(s.name), s.kind) for s in STAKEHOLDERS),
        deliverables=deliverables,
        dependencies=(*usual, *own),
        capabilities=capability_ratings(_),
        treaty_marks=treaty_marks(_),
    )


def _deliverable(item: _Item, catalog: dict[str, Template], _: Callable[[str], str]) -> Deliverable:
    t = translated(catalog[item.template], _) if item.template else None
    pillar = t.pillar if t else item.pillar
    assert pillar is not None, item.key
    return Deliverable(
        key=item.key,
        pillar=pillar,
        title=_(item.title),
        duration_weeks=item.weeks or (t.duration_weeks if t else 0),
        description=_(item.description) if item.description else t.description if t else None,
        lead=item.lead,
        partners=tuple(s.key for s in STAKEHOLDERS if s.key in item.partners),  # in stakeholder order, as stored
        objective=_(pillar_objective(pillar)),
        due_by=item.due_by,
        priority=item.priority,
        status=DeliverableStatus.IN_PLACE if item.in_place else DeliverableStatus.NOT_STARTED,
        cost=Cost(Decimal(item.cost[0]), item.cost[1], _(item.cost[2])) if item.cost else None,
        threats=tuple(x for x in Threat if x in (t.threats if t else item.threats)),
        template=item.template,
        indicators=tuple(Indicator(i.name, i.unit, i.baseline, i.target, source=i.source) for i in t.indicators)
        if t and not item.in_place
        else (),
    )
