"""Comparison of an edition with an earlier one, question by question and option by option.

Questions and options are matched by their identity (``key``), not their number or wording:
a renamed option ("Ja, t.ex. Facebook" → "Ja, i sociala nätverk") is still the same option,
and a question added in the later edition has no earlier figure. Pure: works on the results.
"""

from __future__ import annotations

from dataclasses import dataclass

from skyddsnat.surveys.results import QuestionResult


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
