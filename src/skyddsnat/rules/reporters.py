"""Who must report a concern about a child (*anmälningsskyldiga*), as versioned data.

The list of authorities and professionals with a duty to report is law, and it changes: SoL
(2025:400) 19 kap. 1 § as amended by SFS 2025:1501 names many more of them from 2026-01-15
(Försäkringskassan, Migrationsverket, security guards, everyone working under the Education Act,
private dental care …). A report is judged by the list in force on the day it came in.

The lists hold reporter-category codes of docs/spec/process.md section 2 (plain strings: this
package imports no Django). A category is listed when every reporter in it has the duty by the
wording of the law; a category in which only some have it (``other``, or an authority only "whose
activity concerns children") is not, and the person registering the report says so case by case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MandatoryReporters:
    """One version of the list: the categories whose reporters must report, from ``valid_from``.

    ``valid_to`` is exclusive, as in ``Rule``.
    """

    id: str
    legal_reference: str
    valid_from: date
    valid_to: date | None
    categories: frozenset[str]

    def in_force_on(self, d: date) -> bool:
        """Return True when this list applies to a report received on ``d``."""
        return self.valid_from <= d and (self.valid_to is None or d < self.valid_to)


SOL_2025 = date(2025, 7, 1)
WIDENED = date(2026, 1, 15)  # SFS 2025:1501

#: Authorities and professionals named by the law before 2026-01-15 (health care, social
#: services, the police, and authorities and private activities concerning children).
_BEFORE_2026 = frozenset(
    {
        "police",
        "school",
        "preschool",
        "health_care",
        "child_psychiatry",
        "dental_care",
        "social_services",
        "other_municipality",
    }
)

VERSIONS: tuple[MandatoryReporters, ...] = (
    MandatoryReporters(
        id="sol2001",
        legal_reference="14 kap. 1 § SoL (2001:453)",
        valid_from=date.min,
        valid_to=SOL_2025,
        categories=_BEFORE_2026,
    ),
    MandatoryReporters(
        id="sol2025",
        legal_reference="19 kap. 1 § SoL (2025:400), i lydelse före 2026-01-15",
        valid_from=SOL_2025,
        valid_to=WIDENED,
        categories=_BEFORE_2026,
    ),
    MandatoryReporters(
        id="sol2025-2026",
        legal_reference="19 kap. 1 § första stycket SoL (2025:400), i lydelse enligt SFS 2025:1501",
        valid_from=WIDENED,
        valid_to=None,
        # Newly named: Försäkringskassan (9), Migrationsverket (14), security guards (6).
        categories=_BEFORE_2026 | {"social_insurance_agency", "migration_agency", "security_guard"},
    ),
)


def mandatory_reporters(on: date) -> MandatoryReporters:
    """Return the list in force for a report received on ``on``."""
    for version in VERSIONS:
        if version.in_force_on(on):
            return version
    raise LookupError(f"No list of mandatory reporters for {on}.")  # pragma: no cover


def is_mandatory_reporter(category: str, on: date) -> bool:
    """Return whether reporters of ``category`` had the duty to report on ``on``."""
    return category in mandatory_reporters(on).categories
