"""The BBIC triangle (*Barns behov i centrum*) as versioned data.

The sub-area names are data, not code: a new version of Socialstyrelsen's triangle is a new
entry here, and investigations documented under an older version keep it (``bbic_version``).
"""

from __future__ import annotations

from dataclasses import dataclass


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
}

CURRENT_VERSION = "2016"


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
