"""The national coordinator's two category sets (docs/spec/timestudy.md), as data.

Pure Python, no Django. The codes, Swedish names, definitions and national shares (per cent of
registered time, final report 2017) are the spec's; migration ``0002_builtin_category_sets``
stores them as the built-in ``CategorySet`` rows. Never rename a code: results and the
indicators use them.
"""

from __future__ import annotations

from dataclasses import dataclass

SOCIAL_WORKERS = "coordinator_social_workers"
MANAGERS = "coordinator_managers"


@dataclass(frozen=True)
class BuiltinCategory:
    code: str
    name: str
    definition: str
    national_share: int


@dataclass(frozen=True)
class BuiltinSet:
    code: str
    name: str
    categories: tuple[BuiltinCategory, ...]


_C = BuiltinCategory

BUILTIN_SETS: tuple[BuiltinSet, ...] = (
    BuiltinSet(
        SOCIAL_WORKERS,
        "Socialsekreterare (den nationella samordnarens kategorier)",
        (
            _C(
                "direct_time",
                "Direkt tid barn & vuxna",
                "Deltar i kvalificerade ärenden, träffar berörda personer och deras närstående, "
                "andra myndigheter.",
                13,
            ),
            _C(
                "child_time",
                "Barntid",
                "Samtal i ärendet med bara barnet eller den unge (en vuxen som barnet valt får "
                "delta, inte en familjemedlem).",
                2,
            ),
            _C(
                "indirect_time",
                "Indirekt tid barn & vuxna",
                "Dokumentation, utredningsarbete, analyser, bedömningar och reflektion om ärenden.",
                35,
            ),
            _C("peer_consultation", "Kollegial konsultation", "", 8),
            _C("staff_meetings", "Medarbetartid", "", 3),
            _C("supervision", "Handledning", "", 3),
            _C(
                "development",
                "Utveckling",
                "Diskussioner och möten om att utveckla verksamheten och dess kvalitetssystem.",
                2,
            ),
            _C("external_cooperation", "Samverkan externt", "", 1),
            _C(
                "administration",
                "Administration",
                "E-post, post, enkel och kvalificerad administration som inte är dokumentation "
                "eller utredning.",
                11,
            ),
            _C("personal_time", "Personaltid", "", 9),
            _C("own_time", "Egen tid", "", 3),
            _C("travel", "Förflyttning", "", 9),
            _C("it_problems", "IT-strul", "", 1),
            _C("follow_up", "Uppföljning", "", 0),
        ),
    ),
    BuiltinSet(
        MANAGERS,
        "Arbetsledare och enhetschefer (den nationella samordnarens kategorier)",
        (
            _C("direct_time", "Direkt tid barn & vuxna", "", 4),
            _C("child_time", "Barntid", "", 0),
            _C(
                "indirect_time",
                "Indirekt tid barn & vuxna",
                "Dokumentation, utredningsarbete, analyser, bedömningar; möten med politiker i "
                "enskilda ärenden.",
                17,
            ),
            _C("staff_meetings", "Medarbetartid", "", 15),
            _C("follow_up", "Uppföljning", "", 1),
            _C(
                "development",
                "Utveckling",
                "Ledningsgrupp och andra möten om att utveckla verksamheten och dess "
                "kvalitetssystem.",
                12,
            ),
            _C(
                "manager_administration",
                "Chefsadministration",
                "Anställning, löner, fakturor som inte kan delegeras; egen brevlåda, semester- och "
                "schemaplanering, nämndadministration och kontakt med politiker (inte enskilda "
                "ärenden).",
                17,
            ),
            _C(
                "simple_administration",
                "Enklare administration",
                "Kräver ingen särskild utbildning eller delegation: kopiering, bokning av rum och "
                "bilar; kunde göras av någon annan.",
                6,
            ),
            _C("staff_matters", "Personalfrågor", "", 8),
            _C(
                "work_environment",
                "Arbetsmiljö",
                "Allt som är delegerat för personalens arbetsmiljö.",
                2,
            ),
            _C("own_time", "Egen tid", "", 5),
            _C("deficiency_talks", "Samtal kring brister & problem", "", 2),
            _C("personal_time", "Personaltid", "", 6),
            _C("travel", "Förflyttning", "", 5),
        ),
    ),
)

#: The headline figures (docs/spec/timestudy.md): each the share of registered time in these
#: categories. The time-study indicators of the registry are these.
HEADLINES: dict[str, tuple[str, frozenset[str]]] = {
    "timestudy_child_time_share": ("Barntid", frozenset({"child_time"})),
    "timestudy_direct_time_share": ("Direkt tid", frozenset({"direct_time", "child_time"})),
    "timestudy_documentation_admin_share": (
        "Dokumentation och administration",
        frozenset({"indirect_time", "administration"}),
    ),
}

#: Which of a municipality's own categories count in each headline, by ``Category.headline``
#: (an own set's codes are the municipality's; its categories say where they count).
OWN_HEADLINES: dict[str, frozenset[str]] = {
    "timestudy_child_time_share": frozenset({"child_time"}),
    "timestudy_direct_time_share": frozenset({"child_time", "direct_time"}),
    "timestudy_documentation_admin_share": frozenset({"documentation_admin"}),
}
