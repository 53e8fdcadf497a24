"""Indicators (*indikatorer*): the figures of docs/spec/indicators.md for the caller's municipality.

``GET /indicators?period=2026&unit=<id>&breakdown=sex&id=reports_count&id=…``. Who may ask and
what is masked is decided by the policy module (``accounts.policy.can_view_indicators``,
``indicator_owned_units``) through ``skyddsnat.indicators.service``: managers, analysts and the
committee; small numbers (1–4) are masked outside the unit that owns them.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router
from ninja.params import P, QueryEx

from skyddsnat.accounts.models import Unit
from skyddsnat.api.auth import current_user
from skyddsnat.api.schemas import ERRORS, Out, codes
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.masking import MASK_SYMBOL
from skyddsnat.indicators.service import compute_indicators, parse_period

router = Router(tags=["Indikatorer / Indicators"])

Breakdown = codes(d.DIMENSIONS)


class UnitOut(Out):
    id: int
    name: str


class ValueOut(Out):
    id: str
    name: str
    unit: str
    direction: str
    value: int | float | None
    numerator: int | float | None
    denominator: int | float | None
    masked: bool
    shown_as: str
    mask_reason: str
    breakdown: str | None
    breakdown_key: str | None
    breakdown_label: str
    available: bool
    note: str
    #: What else a figure carries (staff turnover: the headcount on the first day of each month).
    extra: dict[str, int | float | list[int]]


class IndicatorsOut(Out):
    period: str = Field(validation_alias="code")
    period_label: str = Field(validation_alias="label")
    start: date
    end: date
    unit: UnitOut | None
    breakdown: str | None
    values: list[ValueOut]


@router.get("/indicators", response={200: IndicatorsOut, **ERRORS})
def indicators(
    request: HttpRequest,
    period: str | None = None,
    unit: int | None = None,
    breakdown: Breakdown | None = None,
    ids: QueryEx[list[str] | None, P(alias="id")] = None,
) -> IndicatorsOut:
    """Return indicator values for the caller's municipality.

    ``period``: ``2026`` (default: this year), ``2026H1``, ``2026Q3``, ``2026-03`` or
    ``R12-2026-03``. ``unit``: one unit's figures. ``breakdown``: split by ``unit``, ``sex``,
    ``age_group``, ``reporter_category``, ``reason_category``, ``intervention_kind``,
    ``legal_basis``, ``delay_reason`` or ``trigger_kind``. ``id`` (repeatable): only these
    indicators. A share's ``value`` is a fraction from 0 to 1. A masked figure has no numbers
    (``shown_as`` is "–") and ``mask_reason`` says why.
    """
    values = compute_indicators(
        acting_user=current_user(request), period=period, unit_id=unit, breakdown=breakdown, ids=ids
    )
    return IndicatorsOut.of(
        parse_period(period),
        unit=Unit.objects.filter(pk=unit).first() if unit is not None else None,
        breakdown=breakdown,
        values=[ValueOut.of(v, shown_as=MASK_SYMBOL if v.masked else "") for v in values],
    )
