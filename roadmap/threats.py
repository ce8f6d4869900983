"""The threat taxonomy used to tag deliverables, each threat with its CO:RE "4 Cs" category."""

from enum import StrEnum

from roadmap.i18n import N_


class RiskCategory(StrEnum):
    """The CO:RE 4 Cs (Livingstone & Stoilova, 2021): how the child meets the risk."""

    CONTENT = "content"
    CONTACT = "contact"
    CONDUCT = "conduct"
    CONTRACT = "contract"


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

    @property
    def category(self) -> RiskCategory:
        """The 4C category this threat belongs to."""
        return _CATEGORY[self]

    @property
    def label(self) -> str:
        """English name, marked for translation."""
        return _LABELS[self]


_C = RiskCategory
_CATEGORY = {
    Threat.CSAM: _C.CONTENT,
    Threat.GROOMING: _C.CONTACT,
    Threat.SEXTORTION: _C.CONTACT,
    Threat.LIVESTREAMED_ABUSE: _C.CONTACT,
    Threat.SELF_GENERATED_IMAGERY: _C.CONDUCT,
    Threat.AI_GENERATED_ABUSE: _C.CONTENT,
    Threat.PORNOGRAPHY_EXPOSURE: _C.CONTENT,
    Threat.VIOLENT_CONTENT: _C.CONTENT,
    Threat.HATE_RACISM: _C.CONTENT,
    Threat.EXTREMISM: _C.CONTENT,
    Threat.SELF_HARM_CONTENT: _C.CONTENT,
    Threat.CYBERBULLYING: _C.CONDUCT,
    Threat.CYBERSTALKING: _C.CONTACT,
    Threat.PRIVACY_DISCLOSURE: _C.CONTRACT,
    Threat.FRAUD_SCAMS: _C.CONTRACT,
    Threat.PHISHING_SPAM: _C.CONTRACT,
    Threat.GAMING_ADDICTION: _C.CONTRACT,
    Threat.GAMBLING: _C.CONTRACT,
    Threat.MISINFORMATION: _C.CONTENT,
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
}
