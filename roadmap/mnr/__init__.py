"""The WeProtect Global Alliance Model National Response (MNR): its 21 capabilities in six groups, the
phases of its maturity model a country rates each capability on, and the sections of UN CRC General
Comment No. 25 that catalog templates cite.

Sources:
- WePROTECT Global Alliance, "Preventing and Tackling Child Sexual Exploitation and Abuse (CSEA): A Model
  National Response" (2015; updated framework 2022). The numbers, groups and names of the capabilities
  below are the MNR's; each description is a one-line summary of the outcome the MNR sets for it.
- WeProtect Global Alliance and UNICEF, "Model National Response Maturity Model" and its self-assessment
  tool (2022): "four broad phases for each capability from 'building' to 'maturity'"; countries do not
  always move through them in a linear way, and the results are not used to rank countries. The first
  and last names are the published ones; the two between follow the model's arc from building to
  maturity, and each phase's description summarises what a country at that phase typically has.
- UN Committee on the Rights of the Child, General Comment No. 25 (2021) on children's rights in
  relation to the digital environment (CRC/C/GC/25): section numbers and headings as published.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.i18n import N_

LOWEST, HIGHEST = 1, 4  # the maturity model's phases, rated as whole numbers
EVIDENCE_MAX = 2_000  # evidence is a few sentences and references, not a report


@dataclass(frozen=True, slots=True)
class Group:
    """One of the six groups the MNR arranges its capabilities in."""

    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Capability:
    """One of the MNR's 21 capabilities, numbered as the MNR numbers them."""

    number: int
    group: Group
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase of the MNR maturity model, 1 (building) to 4 (maturity)."""

    number: int
    name: str
    description: str


POLICY = Group("policy_governance", N_("Policy and Governance"))
JUSTICE = Group("criminal_justice", N_("Criminal Justice"))
VICTIM = Group("victim", N_("Victim"))
SOCIETAL = Group("societal", N_("Societal"))
INDUSTRY = Group("industry", N_("Industry"))
MEDIA = Group("media_communications", N_("Media and Communications"))
GROUPS: tuple[Group, ...] = (POLICY, JUSTICE, VICTIM, SOCIETAL, INDUSTRY, MEDIA)

CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        1,
        POLICY,
        N_("Leadership"),
        N_("An accountable national governance and oversight committee leads the response."),
    ),
    Capability(
        2,
        POLICY,
        N_("Research, analysis and monitoring"),
        N_("A national situational analysis of the risk and the response, with measures that are monitored."),
    ),
    Capability(
        3,
        POLICY,
        N_("Legislation"),
        N_("A comprehensive legal framework to investigate offenders and protect victims."),
    ),
    Capability(
        4,
        JUSTICE,
        N_("Dedicated law enforcement"),
        N_("Trained officers with a national remit run proactive and reactive, victim-focused investigations."),
    ),
    Capability(
        5,
        JUSTICE,
        N_("Judiciary and prosecutors"),
        N_("Trained, victim-focused prosecutors and judges."),
    ),
    Capability(
        6,
        JUSTICE,
        N_("Offender management process"),
        N_("Offenders are managed to prevent reoffending, at home and abroad."),
    ),
    Capability(
        7,
        JUSTICE,
        N_("Access to image databases"),
        N_("Abuse images are held in a national database linked to INTERPOL's ICSE database."),
    ),
    Capability(
        8,
        VICTIM,
        N_("End-to-end support"),
        N_("Integrated services for child victims during investigation, prosecution and aftercare."),
    ),
    Capability(
        9,
        VICTIM,
        N_("Child protection workforce"),
        N_("A trained, coordinated child protection workforce is available to support victims."),
    ),
    Capability(
        10,
        VICTIM,
        N_("Compensation, remedies and complaints"),
        N_("Accessible procedures for compensation, remedies and complaints."),
    ),
    Capability(
        11,
        VICTIM,
        N_("Child helpline"),
        N_("A child helpline takes reports, supports children and refers them to services."),
    ),
    Capability(
        12,
        SOCIETAL,
        N_("CSEA hotline"),
        N_("A hotline takes reports of abuse material online and passes them to police and service providers."),
    ),
    Capability(
        13,
        SOCIETAL,
        N_("Education programme"),
        N_("Education for children, parents and carers, teachers, practitioners and faith leaders."),
    ),
    Capability(
        14,
        SOCIETAL,
        N_("Child participation"),
        N_("Children and young people have a voice in the policy and practice that concern them."),
    ),
    Capability(
        15,
        SOCIETAL,
        N_("Offender support systems"),
        N_("Medical, psychological and self-help support for people at risk of offending."),
    ),
    Capability(
        16,
        INDUSTRY,
        N_("Takedown procedures"),
        N_("Abuse material found online is removed or blocked quickly."),
    ),
    Capability(
        17,
        INDUSTRY,
        N_("CSEA reporting"),
        N_("The law lets companies report abuse, and pass the material, to police or a designated agency."),
    ),
    Capability(
        18,
        INDUSTRY,
        N_("Innovative solution development"),
        N_("Companies take part in developing solutions to the country's own problems."),
    ),
    Capability(
        19,
        INDUSTRY,
        N_("Corporate social responsibility"),
        N_("Companies run effective programmes that put children first."),
    ),
    Capability(
        20,
        MEDIA,
        N_("Ethical and informed media reporting"),
        N_("Media reporting that builds an accurate understanding of the problem."),
    ),
    Capability(
        21,
        MEDIA,
        N_("Universal terminology"),
        N_("Agreed terms, following the Luxembourg Guidelines, used by every sector."),
    ),
)

PHASES: tuple[Phase, ...] = (
    Phase(1, N_("Building"), N_("The need is recognised; little is in place yet and any work is ad hoc.")),
    Phase(
        2,
        N_("Developing"),
        N_("First structures, laws or services exist, but they are partial or not yet coordinated."),
    ),
    Phase(3, N_("Enhancing"), N_("The capability works across the country, with resources and clear owners.")),
    Phase(4, N_("Maturity"), N_("The capability is sustained, monitored and improved as risks and technology change.")),
)

# UN CRC General Comment No. 25 (2021): the sections a catalog template may cite, by their number.
GC25_SECTIONS: dict[str, str] = {
    "III.A": N_("Non-discrimination"),
    "III.D": N_("Respect for the views of the child"),
    "V.A": N_("Legislation"),
    "V.B": N_("Comprehensive policy and strategy"),
    "V.C": N_("Coordination"),
    "V.D": N_("Allocation of resources"),
    "V.E": N_("Data collection and research"),
    "V.F": N_("Independent monitoring"),
    "V.G": N_("Dissemination of information, awareness-raising and training"),
    "V.H": N_("Cooperation with civil society"),
    "V.I": N_("Children's rights and the business sector"),
    "V.K": N_("Access to justice and remedies"),
    "VI.E": N_("Right to privacy"),
    "VII": N_("Violence against children"),
    "X": N_("Health and welfare"),
    "XI.A": N_("Right to education"),
    "XII.A": N_("Protection from economic, sexual and other forms of exploitation"),
    "XII.B": N_("Administration of child justice"),
    "XIII": N_("International and regional cooperation"),
}

_BY_NUMBER = {c.number: c for c in CAPABILITIES}
_PHASE_BY_NUMBER = {p.number: p for p in PHASES}


def capability(number: int) -> Capability:
    """The capability with this MNR number; KeyError if there is none."""
    return _BY_NUMBER[number]


def phase(number: int) -> Phase:
    """The maturity phase with this number; KeyError if there is none."""
    return _PHASE_BY_NUMBER[number]


def in_group(group: Group) -> tuple[Capability, ...]:
    """The capabilities of one group, in MNR order."""
    return tuple(c for c in CAPABILITIES if c.group == group)
