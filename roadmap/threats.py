"""The threat taxonomy used to tag deliverables, each threat placed on both axes of the CO:RE "4 Cs".

The CO:RE classification (Livingstone & Stoilova, 2021) crosses how the child meets a risk (content,
contact, conduct, contract) with the nature of the harm (aggressive, sexual, values). Some risks run
across every cell of that grid: privacy, physical and mental health, inequality and discrimination.
A threat is either in one cell of the grid or cross-cutting, and then its nature says which of the
cross-cutting risks it is.

The codes are stored in databases and cop-roadmap/1 files: an existing code keeps its meaning, and a
new threat gets a new code.
"""

from enum import StrEnum

from roadmap.i18n import N_


class RiskCategory(StrEnum):
    """The CO:RE 4 Cs: how the child meets the risk; cross-cutting risks run across all four."""

    CONTENT = "content"
    CONTACT = "contact"
    CONDUCT = "conduct"
    CONTRACT = "contract"
    CROSS_CUTTING = "cross_cutting"

    @property
    def label(self) -> str:
        """English name, marked for translation."""
        return _CATEGORY_LABELS[self][0]

    @property
    def meaning(self) -> str:
        """What the category covers, for a legend; marked for translation."""
        return _CATEGORY_LABELS[self][1]


class RiskNature(StrEnum):
    """The CO:RE nature of the harm; for a cross-cutting threat, which cross-cutting risk it is."""

    AGGRESSIVE = "aggressive"
    SEXUAL = "sexual"
    VALUES = "values"
    PRIVACY = "privacy"
    HEALTH = "health"
    INEQUALITY = "inequality"

    @property
    def label(self) -> str:
        """English name, marked for translation."""
        return _NATURE_LABELS[self][0]

    @property
    def meaning(self) -> str:
        """What the nature covers, for a legend; marked for translation."""
        return _NATURE_LABELS[self][1]

    @property
    def cross_cutting(self) -> bool:
        """True for the natures that only cross-cutting threats have."""
        return self in _CROSS_CUTTING_NATURES


class Threat(StrEnum):
    """A risk children meet online that a roadmap's deliverables can address."""

    CSAM = "csam"
    GROOMING = "grooming"
    SEXTORTION = "sextortion"
    LIVESTREAMED_ABUSE = "livestreamed_abuse"
    SELF_GENERATED_IMAGERY = "self_generated_imagery"
    AI_GENERATED_ABUSE = "ai_generated_abuse"
    PORNOGRAPHY_EXPOSURE = "pornography_exposure"
    VIOLENT_CONTENT = "violent_content"
    HATE_RACISM = "hate_racism"
    EXTREMISM = "extremism"
    SELF_HARM_CONTENT = "self_harm_content"
    CYBERBULLYING = "cyberbullying"
    CYBERSTALKING = "cyberstalking"
    PRIVACY_DISCLOSURE = "privacy_disclosure"
    FRAUD_SCAMS = "fraud_scams"
    PHISHING_SPAM = "phishing_spam"
    GAMING_ADDICTION = "gaming_addiction"
    GAMBLING = "gambling"
    MISINFORMATION = "misinformation"
    TRAFFICKING = "trafficking"
    GENDER_BASED_VIOLENCE = "gender_based_violence"
    INTIMATE_IMAGE_ABUSE = "intimate_image_abuse"
    COMMERCIAL_PROFILING = "commercial_profiling"
    IDENTITY_THEFT = "identity_theft"
    DANGEROUS_CHALLENGES = "dangerous_challenges"
    DISCRIMINATION = "discrimination"

    @property
    def category(self) -> RiskCategory:
        """How the child meets this threat (one of the 4 Cs), or cross-cutting."""
        return _PLACE[self][0]

    @property
    def nature(self) -> RiskNature:
        """The nature of the harm (aggressive, sexual, values), or the cross-cutting risk it is."""
        return _PLACE[self][1]

    @property
    def label(self) -> str:
        """English name, marked for translation."""
        return _LABELS[self]


def in_grid_order() -> list[Threat]:
    """The threats by 4C category, then by nature, cross-cutting ones last, taxonomy order within a cell."""
    categories, natures = list(RiskCategory), list(RiskNature)
    return sorted(Threat, key=lambda t: (categories.index(t.category), natures.index(t.nature)))


_C = RiskCategory
_N = RiskNature
_CROSS_CUTTING_NATURES = frozenset({_N.PRIVACY, _N.HEALTH, _N.INEQUALITY})
_CATEGORY_LABELS = {
    _C.CONTENT: (N_("Content"), N_("The child meets potentially harmful content.")),
    _C.CONTACT: (N_("Contact"), N_("The child is targeted by potentially harmful contact, usually from an adult.")),
    _C.CONDUCT: (N_("Conduct"), N_("The child takes part in, witnesses or suffers potentially harmful peer conduct.")),
    _C.CONTRACT: (
        N_("Contract"),
        N_("The child is party to, or exploited by, a potentially harmful contract or commercial interest."),
    ),
    _C.CROSS_CUTTING: (
        N_("Cross-cutting"),
        N_("Risks that run across all four Cs: privacy, physical and mental health, inequality and discrimination."),
    ),
}
_NATURE_LABELS = {
    _N.AGGRESSIVE: (N_("Aggressive"), N_("Violence, hostility, harassment, fraud.")),
    _N.SEXUAL: (N_("Sexual"), N_("Sexual abuse, exploitation and harassment.")),
    _N.VALUES: (
        N_("Values"),
        N_("Harm to the child's beliefs, well-being and choices: misinformation, radicalisation, manipulation."),
    ),
    _N.PRIVACY: (N_("Privacy"), N_("Personal data collected, exposed or misused.")),
    _N.HEALTH: (N_("Physical and mental health"), N_("Excessive use, isolation, anxiety and other harm to health.")),
    _N.INEQUALITY: (
        N_("Inequality and discrimination"),
        N_("Exclusion, exploitation of vulnerability, biased treatment."),
    ),
}
# The cells follow CO:RE's own examples: the making and sharing of abuse material is contact x sexual
# (a child is abused to make it), paid live-streamed abuse and trafficking are contract x sexual.
_PLACE = {
    Threat.CSAM: (_C.CONTACT, _N.SEXUAL),
    Threat.GROOMING: (_C.CONTACT, _N.SEXUAL),
    Threat.SEXTORTION: (_C.CONTACT, _N.SEXUAL),
    Threat.LIVESTREAMED_ABUSE: (_C.CONTRACT, _N.SEXUAL),
    Threat.SELF_GENERATED_IMAGERY: (_C.CONDUCT, _N.SEXUAL),
    Threat.AI_GENERATED_ABUSE: (_C.CONTENT, _N.SEXUAL),
    Threat.PORNOGRAPHY_EXPOSURE: (_C.CONTENT, _N.SEXUAL),
    Threat.VIOLENT_CONTENT: (_C.CONTENT, _N.AGGRESSIVE),
    Threat.HATE_RACISM: (_C.CONTENT, _N.AGGRESSIVE),
    Threat.EXTREMISM: (_C.CONTACT, _N.VALUES),
    Threat.SELF_HARM_CONTENT: (_C.CONDUCT, _N.VALUES),
    Threat.CYBERBULLYING: (_C.CONDUCT, _N.AGGRESSIVE),
    Threat.CYBERSTALKING: (_C.CONTACT, _N.AGGRESSIVE),
    Threat.PRIVACY_DISCLOSURE: (_C.CROSS_CUTTING, _N.PRIVACY),
    Threat.FRAUD_SCAMS: (_C.CONTRACT, _N.AGGRESSIVE),
    Threat.PHISHING_SPAM: (_C.CONTRACT, _N.AGGRESSIVE),
    Threat.GAMING_ADDICTION: (_C.CROSS_CUTTING, _N.HEALTH),
    Threat.GAMBLING: (_C.CONTRACT, _N.VALUES),
    Threat.MISINFORMATION: (_C.CONTENT, _N.VALUES),
    Threat.TRAFFICKING: (_C.CONTRACT, _N.SEXUAL),
    Threat.GENDER_BASED_VIOLENCE: (_C.CONTACT, _N.AGGRESSIVE),
    Threat.INTIMATE_IMAGE_ABUSE: (_C.CONDUCT, _N.SEXUAL),
    Threat.COMMERCIAL_PROFILING: (_C.CONTRACT, _N.VALUES),
    Threat.IDENTITY_THEFT: (_C.CONTRACT, _N.AGGRESSIVE),
    Threat.DANGEROUS_CHALLENGES: (_C.CONDUCT, _N.VALUES),
    Threat.DISCRIMINATION: (_C.CROSS_CUTTING, _N.INEQUALITY),
}
_LABELS = {
    Threat.CSAM: N_("Child sexual abuse material"),
    Threat.GROOMING: N_("Grooming and sexual solicitation"),
    Threat.SEXTORTION: N_("Sextortion"),
    Threat.LIVESTREAMED_ABUSE: N_("Live-streamed abuse"),
    Threat.SELF_GENERATED_IMAGERY: N_("Self-generated sexual imagery"),
    Threat.AI_GENERATED_ABUSE: N_("AI-generated abuse material"),
    Threat.PORNOGRAPHY_EXPOSURE: N_("Exposure to pornography"),
    Threat.VIOLENT_CONTENT: N_("Violent content"),
    Threat.HATE_RACISM: N_("Hate and racism"),
    Threat.EXTREMISM: N_("Extremism"),
    Threat.SELF_HARM_CONTENT: N_("Self-harm, suicide and eating-disorder content"),
    Threat.CYBERBULLYING: N_("Cyberbullying"),
    Threat.CYBERSTALKING: N_("Cyberstalking"),
    Threat.PRIVACY_DISCLOSURE: N_("Disclosure of private information"),
    Threat.FRAUD_SCAMS: N_("Online fraud and scams"),
    Threat.PHISHING_SPAM: N_("Phishing and spam"),
    Threat.GAMING_ADDICTION: N_("Online gaming and addiction"),
    Threat.GAMBLING: N_("Gambling and gambling-like mechanics"),
    Threat.MISINFORMATION: N_("Misinformation"),
    Threat.TRAFFICKING: N_("Trafficking of children for sexual exploitation"),
    Threat.GENDER_BASED_VIOLENCE: N_("Technology-facilitated gender-based violence"),
    Threat.INTIMATE_IMAGE_ABUSE: N_("Non-consensual sharing of intimate images"),
    Threat.COMMERCIAL_PROFILING: N_("Commercial profiling and dark patterns"),
    Threat.IDENTITY_THEFT: N_("Identity theft and account hijacking"),
    Threat.DANGEROUS_CHALLENGES: N_("Dangerous online challenges"),
    Threat.DISCRIMINATION: N_("Discrimination and exclusion"),
}
