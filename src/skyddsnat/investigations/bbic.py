"""The BBIC triangle (*Barns behov i centrum*) as versioned data.

The sub-area names are data, not code: a new version of Socialstyrelsen's triangle is a new
entry here (``TRIANGLES`` and ``VERSIONS``), and investigations documented under an older
version keep it (``Investigation.bbic_version``, chosen by the day the investigation was
opened: ``version_for``; decision 0044). The names of the current version are the contract of
``docs/spec/bbic.md``; what could not be checked against Socialstyrelsen's own material is
listed in ``docs/legal-open-questions.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Side:
    code: str
    name: str
    areas: tuple[tuple[str, str], ...]  # (code, Swedish name)


TRIANGLES: dict[str, tuple[Side, ...]] = {
    "2016": (
        Side(
            "child_development",
            "Barnets utveckling",
            (
                ("health", "Hälsa"),
                ("education", "Utbildning"),
                ("emotions_behaviour", "Känslor och beteende"),
                ("social_relations", "Sociala relationer"),
            ),
        ),
        Side(
            "parenting_capacity",
            "Föräldrarnas förmåga",
            (
                ("basic_care", "Grundläggande omsorg"),
                ("safety", "Säkerhet"),
                ("emotional_availability", "Känslomässig tillgänglighet"),
                ("stimulation_guidance", "Stimulans och vägledning"),
            ),
        ),
        Side(
            "family_environment",
            "Familj och miljö",
            (
                ("family_network", "Familj och nätverk"),
                ("housing_finances", "Boende och ekonomi"),
                ("parents_work_education", "Arbete och utbildning (föräldrar)"),
                ("community_integration", "Lokalsamhälle och social integrering"),
            ),
        ),
    ),
    #: BBIC as used before Socialstyrelsen's revision (launched 2015, in use in the
    #: municipalities from 2016): seven areas for the child, six for the parents and seven for
    #: family and environment (docs/spec/bbic.md). Investigations opened before 2016-01-01.
    "pre2016": (
        Side(
            "child_development",
            "Barnets utveckling",
            (
                ("health", "Hälsa"),
                ("education", "Utbildning"),
                ("emotional_behavioural", "Känslo- och beteendemässig utveckling"),
                ("identity", "Identitet"),
                ("family_social_relations", "Familj och sociala relationer"),
                ("social_presentation", "Socialt uppträdande"),
                ("self_care", "Förmåga att klara sig själv"),
            ),
        ),
        Side(
            "parenting_capacity",
            "Föräldrarnas förmåga",
            (
                ("basic_care", "Grundläggande omsorg"),
                ("safety", "Säkerhet"),
                ("emotional_availability", "Känslomässig tillgänglighet"),
                ("stimulation", "Stimulans"),
                ("guidance_boundaries", "Vägledning och gränssättning"),
                ("stability", "Stabilitet"),
            ),
        ),
        Side(
            "family_environment",
            "Familj och miljö",
            (
                ("family_background", "Familjens bakgrund och funktion"),
                ("wider_family", "Släkt och nätverk"),
                ("housing", "Boende"),
                ("employment", "Arbete"),
                ("income", "Ekonomi"),
                ("social_integration", "Familjens sociala integrering"),
                ("community_resources", "Lokalsamhällets resurser"),
            ),
        ),
    ),
}


@dataclass(frozen=True)
class Version:
    """One version of the triangle and the investigations it is used for: those opened from
    ``valid_from`` (``None``: from the beginning) up to and including ``valid_to``."""

    code: str
    name: str
    valid_from: date | None
    valid_to: date | None

    def applies_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


VERSIONS: tuple[Version, ...] = (
    Version("pre2016", "BBIC före 2016", None, date(2015, 12, 31)),
    Version("2016", "BBIC 2016", date(2016, 1, 1), None),
)

CURRENT_VERSION = "2016"


def version_for(day: date) -> str:
    """Return the code of the version an investigation opened on ``day`` is documented in."""
    for version in VERSIONS:
        if version.applies_on(day):
            return version.code
    return CURRENT_VERSION


def version_name(code: str) -> str:
    """Return the name of the version ``code`` as shown to the user (``BBIC 2016``)."""
    return next((v.name for v in VERSIONS if v.code == code), f"BBIC {code}")


def all_area_codes() -> list[str]:
    """Return every sub-area code of every version, once each (the API's vocabulary)."""
    return list(dict.fromkeys(a for version in TRIANGLES for a in area_codes(version)))


def area_codes(version: str = CURRENT_VERSION) -> list[str]:
    """Return every sub-area code of ``version`` as ``side.area``."""
    return [f"{side.code}.{code}" for side in TRIANGLES[version] for code, _ in side.areas]


def area_name(area: str, version: str = CURRENT_VERSION) -> str:
    """Return the Swedish name of ``side.area`` in ``version``."""
    side_code, area_code = area.split(".", 1)
    for side in TRIANGLES[version]:
        if side.code == side_code:
            return dict(side.areas)[area_code]
    raise KeyError(area)


#: The sides of the triangle that describe the family rather than the child: their sub-areas
#: may be written once for the siblings of one report (decision 0037). The child's own
#: development (needs, views, conversations) is always the child's own.
FAMILY_SIDES = ("parenting_capacity", "family_environment")


def is_family_area(area: str) -> bool:
    """Return whether the sub-area ``side.area`` describes the family (``FAMILY_SIDES``)."""
    return area.split(".", 1)[0] in FAMILY_SIDES
