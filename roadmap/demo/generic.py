"""A generic demo roadmap of any size, from the starter catalog's templates and generic institutions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from roadmap.catalog import Template, load_catalog, translated
from roadmap.i18n import N_
from roadmap.plan import Assessment, Cost, Deliverable, Dependency, Indicator, Plan, Stakeholder
from roadmap.threats import Threat
from roadmap.vocabulary import Language, Pillar, Priority, StakeholderKind

DEMO_START = date(2027, 1, 4)  # a Monday: week 0 of the demo schedule

_K = StakeholderKind
# Generic names on purpose: the demo is an illustration, not any government's plan.
_STAKEHOLDERS = (
    Stakeholder("ICT", N_("Ministry of ICT"), _K.GOVERNMENT),
    Stakeholder("JUSTICE", N_("Ministry of Justice"), _K.GOVERNMENT),
    Stakeholder("EDUCATION", N_("Ministry of Education"), _K.GOVERNMENT),
    Stakeholder("SOCIAL", N_("Ministry of Social Welfare and Children"), _K.GOVERNMENT),
    Stakeholder("FOREIGN", N_("Ministry of Foreign Affairs"), _K.GOVERNMENT),
    Stakeholder("REGULATOR", N_("Communications Regulatory Authority"), _K.REGULATOR),
    Stakeholder("DPA", N_("Data Protection Authority"), _K.REGULATOR),
    Stakeholder("POLICE", N_("National Police, Cybercrime and Child Protection Unit"), _K.LAW_ENFORCEMENT),
    Stakeholder("PROSECUTION", N_("Office of the Director of Public Prosecutions"), _K.JUDICIARY),
    Stakeholder("ISPA", N_("Internet Service Providers' Association"), _K.INDUSTRY),
    Stakeholder("MNO", N_("Mobile operators' association"), _K.INDUSTRY),
    Stakeholder("NGO", N_("Child Rights Coalition"), _K.CIVIL_SOCIETY),
    Stakeholder("HELPLINE", N_("National Child Helpline 116 111"), _K.CIVIL_SOCIETY),
    Stakeholder("UNIV", N_("National University, Faculty of Social Sciences"), _K.ACADEMIA),
    Stakeholder("UNICEF", N_("UNICEF country office"), _K.INTERNATIONAL),
    Stakeholder("ITU", N_("International Telecommunication Union"), _K.INTERNATIONAL),
    Stakeholder("YOUTH", N_("National Youth Advisory Panel"), _K.CHILDREN_YOUTH),
    Stakeholder("PARLIAMENT", N_("Parliament"), _K.PARLIAMENT),
    Stakeholder("STATISTICS", N_("National statistics office"), _K.STATISTICS_OFFICE),
    Stakeholder("HEALTH", N_("Ministry of Health"), _K.HEALTH),
    Stakeholder("LOCAL", N_("Association of Local Authorities"), _K.LOCAL_GOVERNMENT),
    Stakeholder("PRISONS", N_("Prisons and Probation Service"), _K.PRISONS_PROBATION),
)

# Which stakeholder leads a template, by its usual lead kind and pillar.
_LEAD = {
    (_K.GOVERNMENT, Pillar.LEGAL): "JUSTICE",
    (_K.GOVERNMENT, Pillar.TECHNICAL): "ICT",
    (_K.GOVERNMENT, Pillar.ORGANIZATIONAL): "SOCIAL",
    (_K.GOVERNMENT, Pillar.CAPACITY): "EDUCATION",
    (_K.GOVERNMENT, Pillar.COOPERATION): "FOREIGN",
    (_K.REGULATOR, Pillar.LEGAL): "DPA",
}
_LEAD_BY_KIND = {
    _K.REGULATOR: "REGULATOR",
    _K.LAW_ENFORCEMENT: "POLICE",
    _K.JUDICIARY: "PROSECUTION",
    _K.INDUSTRY: "ISPA",
    _K.CIVIL_SOCIETY: "NGO",
    _K.ACADEMIA: "UNIV",
    _K.INTERNATIONAL: "UNICEF",
    _K.CHILDREN_YOUTH: "YOUTH",
    _K.PARLIAMENT: "PARLIAMENT",
    _K.STATISTICS_OFFICE: "STATISTICS",
    _K.HEALTH: "HEALTH",
    _K.LOCAL_GOVERNMENT: "LOCAL",
    _K.PRISONS_PROBATION: "PRISONS",
}
# The data-protection authority leads the legal work regulators do, except the duties on providers.
_LEAD_BY_TEMPLATE = {
    "child_helpline": "HELPLINE",
    "chi_membership": "HELPLINE",
    "itu_cop_engagement": "ICT",
    "industry_duties": "REGULATOR",
}
_PARTNERS = {
    Pillar.LEGAL: ("PROSECUTION", "DPA", "NGO"),
    Pillar.TECHNICAL: ("POLICE", "REGULATOR", "MNO"),
    Pillar.ORGANIZATIONAL: ("ICT", "UNICEF", "YOUTH"),
    Pillar.CAPACITY: ("SOCIAL", "NGO", "UNIV"),
    Pillar.COOPERATION: ("ICT", "ITU", "POLICE"),
}
_KEY_PREFIX = {
    Pillar.LEGAL: "L",
    Pillar.TECHNICAL: "T",
    Pillar.ORGANIZATIONAL: "O",
    Pillar.CAPACITY: "C",
    Pillar.COOPERATION: "I",
}
_MATURITY = {Pillar.LEGAL: 2, Pillar.TECHNICAL: 1, Pillar.ORGANIZATIONAL: 2, Pillar.CAPACITY: 1, Pillar.COOPERATION: 3}


def demo_plan(
    country: str,
    title: str,
    templates: tuple[Template, ...] | None = None,
    *,
    language: Language = Language.EN,
    gettext: Callable[[str], str] | None = None,
) -> Plan:
    """A realistic draft roadmap for a country, from the catalog's templates and their usual links.

    With ``gettext`` (the translations of ``language``) every text of the demo is written in that language.
    """
    _ = gettext or str
    templates = tuple(translated(t, _) for t in (load_catalog() if templates is None else templates))
    counters = dict.fromkeys(Pillar, 0)
    key_of: dict[str, str] = {}
    deliverables = []
    for n, t in enumerate(templates):
        counters[t.pillar] += 1
        key = f"{_KEY_PREFIX[t.pillar]}{counters[t.pillar]}"
        key_of[t.key] = key
        lead = (
            _LEAD_BY_TEMPLATE.get(t.key) or _LEAD.get((t.lead_kind, t.pillar)) or _LEAD_BY_KIND.get(t.lead_kind, "ICT")
        )
        chosen = [p for p in _PARTNERS[t.pillar] if p != lead][: 1 + n % 2]
        partners = tuple(s.key for s in _STAKEHOLDERS if s.key in chosen)  # in stakeholder order, as stored
        deliverables.append(
            Deliverable(
                key=key,
                pillar=t.pillar,
                title=t.title,
                duration_weeks=t.duration_weeks,
                description=t.description,
                lead=lead,
                partners=partners,
                objective=_(pillar_objective(t.pillar)),
                priority=(Priority.HIGH, Priority.MEDIUM, Priority.LOW)[n % 3] if t.duration_weeks else Priority.HIGH,
                cost=_cost(t, n, _),
                threats=tuple(x for x in Threat if x in t.threats),
                template=t.key,
                indicators=tuple(
                    Indicator(i.name, i.unit, i.baseline, i.target, source=i.source) for i in t.indicators
                ),
                # Two commitments with dates, so the demo shows a deadline that holds and one at risk.
                due_by=(
                    DEMO_START + timedelta(weeks=120)
                    if t.key == "child_helpline"
                    else DEMO_START + timedelta(weeks=70)
                    if t.key == "strategy_approval"
                    else None
                ),
            )
        )
    dependencies = [
        Dependency(key_of[link.template], key_of[t.key], link.type, link.lag_weeks)
        for t in templates
        for link in t.depends_on
        if link.template in key_of
    ]
    return Plan(
        country=country,
        title=title,
        start_date=DEMO_START,
        language=language,
        assessments=tuple(
            Assessment(p, _MATURITY[p], _(N_("Self-assessed by the drafting team at the inception workshop.")))
            for p in Pillar
        ),
        stakeholders=tuple(Stakeholder(s.key, _(s.name), s.kind) for s in _STAKEHOLDERS),
        deliverables=tuple(deliverables),
        dependencies=tuple(dependencies),
    )


def pillar_objective(pillar: Pillar) -> str:
    """The national objective a pillar's deliverables serve in the demos, marked for translation."""
    return {
        Pillar.LEGAL: N_("Objective 1: every offence against a child offline is an offence online too"),
        Pillar.TECHNICAL: N_("Objective 2: harmful content is reported, removed and investigated quickly"),
        Pillar.ORGANIZATIONAL: N_("Objective 3: one coordinated, funded and monitored national response"),
        Pillar.CAPACITY: N_("Objective 4: children, parents and professionals know the risks and where to get help"),
        Pillar.COOPERATION: N_("Objective 5: the country works with international networks across borders"),
    }[pillar]


_SOURCES = (N_("State budget"), N_("UNICEF country programme"), N_("Donor trust fund"))


def _cost(t: Template, n: int, _: Callable[[str], str]) -> Cost | None:
    if t.duration_weeks == 0:
        return None
    source = _(_SOURCES[n % 3])
    # A plausible cost from the duration: about 2,500 US dollars a week of work.
    return Cost(Decimal(t.duration_weeks * 2500), "USD", source)
