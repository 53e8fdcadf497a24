"""Answers pre-filled from the respondent's own data (the Barnbarometer from data).

Where the respondent is a municipality on this installation, each question with a data source
gets a *proposal*: the option(s) ``indicators.barnbarometer`` proposes from last year's
figures, and the figure behind it ("38 av 41 förhandsbedömningar: barnet kom till tals"). The
form checks the proposed options until the respondent saves their own answers; the figure
stays shown beside the question. Questions are matched by their identity (``key``), so a
later edition with reworded questions is pre-filled as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.indicators import barnbarometer
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.periods import Period, PeriodError
from skyddsnat.indicators.service import compute_indicators
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Respondent
from skyddsnat.surveys.templates_data import BARNBAROMETER_2014

#: The Barnbarometer's question numbers (as ``indicators.barnbarometer`` counts them) → keys.
KEYS = {int(q.number): q.key for q in BARNBAROMETER_2014.questions}


@dataclass(frozen=True)
class Proposal:
    """The proposed option texts of one question and the figure behind them."""

    options: tuple[str, ...]
    basis: str


def _option_text(text: str) -> str:
    return text.removesuffix(" (text)")


def proposals(respondent: Respondent, questions: Questions) -> dict[str, Proposal]:
    """Return the proposals for ``respondent`` by question number (none outside Skyddsnät)."""
    if respondent.municipality_id is None:
        return {}
    if respondent.edition.questionnaire.key != BARNBAROMETER_2014.questionnaire_key:
        return {}
    reader = policy.survey_proposal_reader(respondent.municipality_id)
    period = Period.calendar_year(clock.today().year - 1)
    values = compute_indicators(
        acting_user=reader, period=period, ids=list(barnbarometer.INDICATOR_IDS)
    )
    figures = {
        (v.id, v.breakdown_key): barnbarometer.Figure(v.numerator, v.denominator, v.masked)
        for v in values
        if v.breakdown is None or v.breakdown != d.UNIT
    }
    by_key = {q.key: q for q in questions.by_number.values()}
    found: dict[str, Proposal] = {}
    for answer in barnbarometer.answers(figures):
        question = by_key.get(KEYS.get(answer.number, ""))
        if question is None:
            continue
        texts = {o.text for o in questions.options[question.pk]}
        options = tuple(t for t in map(_option_text, answer.proposed) if t in texts)
        found[question.number] = Proposal(options, answer.basis)
    return found


def response_document(*, acting_user: User, year_text: str = "") -> dict[str, Any]:
    """Return the caller's municipality's Barnbarometer answers proposed from its own data of
    ``year_text`` (default last year), as the body ``POST /api/v1/surveys/{id}/responses``
    takes: ``{"respondent": <municipality code>, "answers": {number: text or [texts]},
    "other": {}}``. For a municipality whose survey runs on another installation; the
    indicator roles may (``policy.can_view_indicators``); the export is audited.

    An "other, namely" option is never proposed: the figures cannot say what it is.
    """
    if not policy.can_view_indicators(acting_user) or acting_user.municipality_id is None:
        raise Forbidden("Uppföljningen är till för chefer, analytiker och nämnden.")
    year_text = year_text.strip() or str(clock.today().year - 1)
    if not (year_text.isdigit() and len(year_text) == 4):
        raise InvalidInput.field("year", "Ange året med fyra siffror, till exempel 2026.")
    try:
        period = Period.calendar_year(int(year_text))
    except PeriodError as exc:
        raise InvalidInput.field("year", str(exc)) from exc
    values = compute_indicators(
        acting_user=acting_user, period=period, ids=list(barnbarometer.INDICATOR_IDS)
    )
    figures = {
        (v.id, v.breakdown_key): barnbarometer.Figure(v.numerator, v.denominator, v.masked)
        for v in values
        if v.breakdown is None or v.breakdown != d.UNIT
    }
    by_number = {q.number: q for q in BARNBAROMETER_2014.questions}
    answers: dict[str, Any] = {}
    for answer in barnbarometer.answers(figures):
        template = by_number.get(str(answer.number))
        if template is None:
            continue
        plain = {o.text for o in template.options if not o.is_other}
        chosen = [t for t in map(_option_text, answer.proposed) if t in plain]
        if not chosen:
            continue
        answers[template.number] = chosen if template.kind == "many" else chosen[0]
    municipality = acting_user.municipality
    audit.record(
        actor=acting_user, action="export", obj=municipality, detail=f"barnbarometern {year_text}"
    )
    return {
        "respondent": municipality.code or municipality.name,
        "answers": answers,
        "other": {},
    }
