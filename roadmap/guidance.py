"""Guidance shown to a country team while it drafts: what each pillar covers, the maturity scale,
and baseline questions drawn from the ITU COP national survey. Strings are marked for translation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roadmap.catalog import Template, load_catalog, templates_for
from roadmap.i18n import N_
from roadmap.vocabulary import Pillar

# The five stages of the Oxford GCSCC Cybersecurity Capacity Maturity Model, used as a common
# scale for each pillar's self-assessment.
MATURITY_LEVELS: dict[int, tuple[str, str]] = {
    1: (N_("Start-up"), N_("Little or nothing exists yet; any work is ad hoc.")),
    2: (N_("Formative"), N_("Some pieces exist, but they are new, partial or not coordinated.")),
    3: (
        N_("Established"),
        N_("The pieces are in place and working, though not yet reviewed or funded for the long term."),
    ),
    4: (N_("Strategic"), N_("Choices are made by priority and evidence, with a budget and clear owners.")),
    5: (N_("Dynamic"), N_("Measures are reviewed and adapted as risks and technology change.")),
}


@dataclass(frozen=True, slots=True)
class PillarGuidance:
    """What a pillar covers, in a few plain sentences, and questions that help assess it."""

    summary: tuple[str, ...]
    questions: tuple[str, ...]


GUIDANCE: dict[Pillar, PillarGuidance] = {
    Pillar.LEGAL: PillarGuidance(
        (
            N_("Laws decide what is a crime against a child online and what police, courts and companies must do."),
            N_(
                "Every offence against a child offline should also be an offence when it is committed online, "
                "including grooming, sextortion and abuse material, whether real or generated."
            ),
            N_(
                "This pillar also covers electronic evidence, children's personal data, the duties of service "
                "providers, and joining international conventions."
            ),
        ),
        (
            N_("Which problems do children in your country face online most often?"),
            N_("Does the law name grooming, sextortion and AI-generated abuse material as offences?"),
            N_("Can police obtain and preserve electronic evidence quickly, including from providers abroad?"),
        ),
    ),
    Pillar.TECHNICAL: PillarGuidance(
        (
            N_(
                "Technical and procedural measures turn the law into action: a place to report, a way to take "
                "content down, and people able to investigate."
            ),
            N_(
                "Typical measures are a national reporting portal or hotline, takedown procedures, a specialist "
                "police unit with forensic tools, and codes of practice for industry."
            ),
        ),
        (
            N_("Where can a child, parent or teacher report harmful content or contact today?"),
            N_("How long does it take to remove reported abuse material hosted in the country?"),
            N_("Do schools, libraries and internet cafés have safety policies for their networks?"),
        ),
    ),
    Pillar.ORGANIZATIONAL: PillarGuidance(
        (
            N_("Organizational structures decide who leads, who coordinates and how progress is followed."),
            N_(
                "A lead agency and national focal point, a committee of all stakeholders, a national strategy "
                "with a costed action plan, referral pathways and a child helpline are the backbone."
            ),
            N_("Children and young people should have a say in the measures meant to protect them."),
        ),
        (
            N_("Which agencies have published guidance on child online protection, and where?"),
            N_("Is there one agency responsible, with staff and a budget for this work?"),
            N_("How are children who need help referred to health, social and justice services?"),
        ),
    ),
    Pillar.CAPACITY: PillarGuidance(
        (
            N_(
                "Capacity building gives people the knowledge to act: police, prosecutors, judges, social "
                "workers and teachers, but also parents and children themselves."
            ),
            N_(
                "It includes training, school curricula, programmes for parents, awareness campaigns and surveys "
                "of what children actually experience online."
            ),
        ),
        (
            N_("What programmes exist in schools and youth groups, and which areas do they cover?"),
            N_("What programmes exist for parents and carers?"),
            N_("Have frontline professionals been trained to recognise and handle online abuse?"),
        ),
    ),
    Pillar.COOPERATION: PillarGuidance(
        (
            N_("Online abuse crosses borders, so no country can protect its children alone."),
            N_(
                "International cooperation means joining networks of hotlines and helplines, connecting to "
                "image databases for victim identification, working with other countries on evidence and "
                "referrals, and coordinating donors."
            ),
        ),
        (
            N_("Which international networks and alliances does the country already belong to?"),
            N_("How are requests for evidence held by providers abroad handled, and how long do they take?"),
            N_("Which partners fund or support child online protection work today?"),
        ),
    ),
}


def _depth(extra: Iterable[Template] = ()) -> dict[str, int]:
    # How many templates stand before each one in the catalog's usual order of work.
    by_key = {t.key: t for t in (*load_catalog(), *extra)}
    depth: dict[str, int] = {}

    def visit(key: str) -> int:
        if key not in depth:
            depth[key] = 1 + max(
                (visit(x.template) for x in by_key[key].depends_on if x.template in by_key), default=-1
            )
        return depth[key]

    for key in by_key:
        visit(key)
    return depth


def suggested_templates(
    pillar: Pillar, maturity: int | None, taken: set[str], extra: Iterable[Template] = ()
) -> list[Template]:
    """The pillar's templates not yet used, foundations first where maturity is low, advanced first where high.

    ``extra`` are templates accepted into the catalog from the library, kept in the database.
    """
    extra = tuple(extra)
    depth = _depth(extra)
    candidates = [t for t in templates_for(pillar, extra) if t.key not in taken]
    if maturity is not None and maturity >= 4:
        return sorted(candidates, key=lambda t: (-depth[t.key], t.key))
    return sorted(candidates, key=lambda t: (depth[t.key], t.key))
