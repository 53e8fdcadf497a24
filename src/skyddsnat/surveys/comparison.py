"""Comparison of an edition with an earlier one, question by question and option by option.

Questions and options are matched by their identity (``key``), not their number or wording:
a renamed option ("Ja, t.ex. Facebook" → "Ja, i sociala nätverk") is still the same option,
and a question added in the later edition has no earlier figure. ``compare`` is pure (it works
on the results); ``comparison_for`` is the organiser's audited read that picks the editions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.errors import InvalidInput
from skyddsnat.surveys.models import Edition
from skyddsnat.surveys.results import QuestionResult, compute, option_keys
from skyddsnat.surveys.services import require_edition


@dataclass(frozen=True)
class OptionChange:
    option: str
    earlier: str | None
    now: str

    def text(self, earlier_year: int, year: int) -> str:
        """Return "2017 → 2018: 23% → 37%" (or "ny" when there is no earlier figure)."""
        before = self.earlier if self.earlier is not None else "ny"
        return f"{earlier_year} → {year}: {before} → {self.now}"


@dataclass(frozen=True)
class QuestionChange:
    number: str
    key: str
    text: str
    earlier_number: str | None
    options: list[OptionChange]


def compare(
    now: list[QuestionResult],
    now_keys: dict[str, list[str]],
    earlier: list[QuestionResult],
    earlier_keys: dict[str, list[str]],
) -> list[QuestionChange]:
    """Return each question of ``now`` with its options' percent then and now.

    ``*_keys`` map a question's key to its options' keys in the order of its result rows.
    """
    before = {r.key: r for r in earlier}
    changes = []
    for result in now:
        old = before.get(result.key)
        old_percent: dict[str, str] = {}
        if old is not None:
            old_percent = dict(
                zip(earlier_keys.get(old.key, []), (row.percent for row in old.rows), strict=True)
            )
        options = [
            OptionChange(row.option, old_percent.get(key), row.percent)
            for key, row in zip(now_keys.get(result.key, []), result.rows, strict=True)
        ]
        changes.append(
            QuestionChange(
                result.number, result.key, result.text, old.number if old else None, options
            )
        )
    return changes


def earlier_editions(edition: Edition) -> list[Edition]:
    """Return the organiser's other editions of the same questionnaire from before ``edition``
    (an earlier year, or the same year and made before it), the latest first."""
    return list(
        Edition.objects.filter(
            questionnaire_id=edition.questionnaire_id,
            organiser_municipality_id=edition.organiser_municipality_id,
        )
        .exclude(pk=edition.pk)
        .filter(Q(year__lt=edition.year) | Q(year=edition.year, pk__lt=edition.pk))
        .order_by("-year", "-pk")
    )


def comparison_for(
    *, acting_user: User, edition_id: int, earlier_id: int | None = None
) -> tuple[Edition, Edition | None, list[QuestionChange]]:
    """Return the edition, the earlier one it is compared with, and the changes per question.

    Without ``earlier_id`` the edition it was copied from is taken, else the latest earlier
    edition of the same questionnaire; with none there is nothing to compare (``None``, no
    changes). An ``earlier_id`` that is not an earlier edition of the same questionnaire by the
    same organiser is refused with a Swedish message. The read is audited.
    """
    edition = require_edition(acting_user, edition_id)
    candidates = earlier_editions(edition)
    if earlier_id is not None:
        earlier = next((e for e in candidates if e.pk == earlier_id), None)
        if earlier is None:
            raise InvalidInput.field(
                "earlier", "Jämförelsen görs bara med en tidigare omgång av samma enkät."
            )
    else:
        by_pk = {e.pk: e for e in candidates}
        earlier = by_pk.get(edition.copied_from_id or 0) or (candidates[0] if candidates else None)
    audit.record(
        actor=acting_user,
        action="read",
        obj=edition,
        detail=f"jämförelse med {earlier.pk}" if earlier else "jämförelse",
    )
    if earlier is None:
        return edition, None, []
    changes = compare(
        compute(edition), option_keys(edition), compute(earlier), option_keys(earlier)
    )
    return edition, earlier, changes
