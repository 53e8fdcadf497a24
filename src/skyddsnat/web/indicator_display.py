"""Indicator values as the follow-up page and its exports show them: Swedish numbers, charts.

Pure Python (no database): ``value_text`` ("87 %", "12,5 dagar", "1 234"), ``basis_text``
("38 av 41"), ``bar_chart`` (the geometry of a server-rendered SVG bar chart and its text
alternative) and ``export_rows`` (the figures as rows for CSV and Excel, masked cells kept masked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.masking import MASK_SYMBOL
from skyddsnat.indicators.periods import MONTHS_SV, Kind, Period
from skyddsnat.indicators.service import IndicatorValue

NBSP = "\u00a0"
NO_DATA = "Inget underlag under perioden."

DIRECTION_SV = {
    d.Direction.HIGHER_IS_BETTER.value: "Högre är bättre",
    d.Direction.LOWER_IS_BETTER.value: "Lägre är bättre",
    d.Direction.NEUTRAL.value: "Varken högre eller lägre är bättre",
}

UNIT_SV = {
    d.Measure.SHARE.value: "procent",
    d.Measure.COUNT.value: "antal",
    d.Measure.DAYS.value: "dagar",
    d.Measure.PER_1000.value: "per 1 000 barn",
    d.Measure.MEAN.value: "medelvärde",
}


def number_sv(number: float, decimals: int = 0, *, trim: bool = False) -> str:
    """Return ``number`` the Swedish way: "1 234", "12,5"; ``trim`` drops a trailing ",0"."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(number)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    if trim and decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return text


def percent_sv(fraction: float) -> str:
    """Return a share as a percentage: "87 %"; one decimal near 0 and 100 so they stay honest."""
    percent = fraction * 100
    decimals = 1 if (0 < percent < 1 or 99 < percent < 100) else 0
    text = number_sv(percent, decimals, trim=True)
    if decimals and text in ("100", "0"):
        text = number_sv(percent, 1)
    return f"{text}{NBSP}%"


def value_text(value: IndicatorValue) -> str:
    """Return the figure as shown: "87 %", "12,5 dagar", "38"; "–" when masked or empty."""
    if value.masked or value.value is None:
        return MASK_SYMBOL
    number = value.value
    if value.unit == d.Measure.SHARE:
        return percent_sv(number)
    if value.unit == d.Measure.DAYS:
        text = number_sv(number, 1, trim=True)
        return f"{text}{NBSP}{'dag' if text == '1' else 'dagar'}"
    if value.unit == d.Measure.COUNT:
        return number_sv(number)
    return number_sv(number, 1, trim=True)


def basis_text(value: IndicatorValue) -> str:
    """Return what the figure rests on: "38 av 41" for a share, "underlag 41" for a median."""
    if value.masked or not value.available or value.value is None:
        return ""
    num, den = value.numerator, value.denominator
    if value.unit == d.Measure.COUNT or den is None:
        return ""
    den_text = number_sv(den, 2, trim=True).removesuffix(",00")
    if num is None:
        return f"underlag {den_text}"
    num_text = number_sv(num, 2, trim=True).removesuffix(",00")
    if value.unit == d.Measure.SHARE:
        return f"{num_text} av {den_text}"
    return f"{num_text} / {den_text}"


def reason_text(value: IndicatorValue) -> str:
    """Return why a figure shows "–": the masking reason, or that there was nothing to count."""
    if value.masked:
        return value.mask_reason
    if value.available and value.value is None:
        return NO_DATA
    return ""


def short_label(period: Period) -> str:
    """Return a period short enough for a chart axis: 2026, 2026 H1, 2026 K3, mar 2026."""
    if period.kind is Kind.YEAR:
        return str(period.year)
    if period.kind is Kind.HALF:
        return f"{period.year} H{period.number}"
    if period.kind is Kind.QUARTER:
        return f"{period.year} K{period.number}"
    month = MONTHS_SV[period.number - 1][:3]
    prefix = "t.o.m. " if period.kind is Kind.ROLLING_12 else ""
    return f"{prefix}{month} {period.year}"


# --- the trend chart -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label: str
    text: str
    text_y: float
    current: bool
    empty: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: tuple[Bar, ...]
    alt: str
    rows: tuple[tuple[str, str, str, str], ...]


WIDTH = 360
HEIGHT = 150
TOP = 22
BOTTOM = 118


def bar_chart(
    name: str, points: Sequence[tuple[Period, IndicatorValue | None]], current: Period
) -> Chart:
    """Return a bar chart of one indicator over ``points`` (oldest first), with its alternative.

    Shares are drawn on a 0–100 % scale, other figures from zero to the largest value. A masked
    or empty period has no bar, only "–" above the axis; the text alternative and the table say
    which periods are masked.
    """
    numbers = [
        v.value
        for _, v in points
        if v is not None and not v.masked and v.value is not None and v.available
    ]
    is_share = any(v is not None and v.unit == d.Measure.SHARE for _, v in points)
    top = 1.0 if is_share else max([*numbers, 0]) or 1.0
    slot = WIDTH / max(len(points), 1)
    bar_width = min(44.0, slot * 0.6)
    bars = []
    words = []
    rows = []
    for index, (period, value) in enumerate(points):
        shown = value is not None and not value.masked and value.value is not None
        text = value_text(value) if value is not None else MASK_SYMBOL
        height = (BOTTOM - TOP) * (value.value / top) if shown else 0.0
        x = index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(BOTTOM - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                label_x=round(index * slot + slot / 2, 1),
                label=short_label(period),
                text=text,
                text_y=round(BOTTOM - height - 5, 1),
                current=period == current,
                empty=not shown,
            )
        )
        if value is not None and value.masked:
            said = "dold (färre än 5)"
        elif shown:
            said = text.replace(NBSP, " ")
            basis = basis_text(value)
            if basis:
                said += f" ({basis.replace(NBSP, ' ')})"
        else:
            said = "inget underlag"
        words.append(f"{period.label}: {said}")
        rows.append(
            (
                period.label,
                text,
                basis_text(value) if value is not None else "",
                reason_text(value) if value is not None else NO_DATA,
            )
        )
    alt = f"{name}, utveckling per period. " + "; ".join(words) + "."
    return Chart(WIDTH, HEIGHT, BOTTOM, tuple(bars), alt, tuple(rows))


# --- exports -------------------------------------------------------------------------------------

EXPORT_HEADER = (
    "Område",
    "Indikator-id",
    "Indikator",
    "Period",
    "Enhet",
    "Uppdelning",
    "Kategori",
    "Värde",
    "Måttenhet",
    "Täljare",
    "Nämnare",
    "Visas som",
    "Anmärkning",
)


def export_value(value: IndicatorValue) -> float | None:
    """Return the value in its export unit: shares as percent with one decimal."""
    if value.masked or value.value is None:
        return None
    if value.unit == d.Measure.SHARE:
        return round(value.value * 100, 1)
    return value.value


def export_rows(
    values: Iterable[IndicatorValue], period: Period, unit_name: str
) -> list[tuple[object, ...]]:
    """Return the figures as rows (after ``EXPORT_HEADER``); a masked figure keeps only "–".

    Numbers stay numbers (None when masked or empty); ``Visas som`` holds the text of the page,
    so a masked row says "–" and the reason.
    """
    rows = []
    for value in values:
        indicator = d.INDICATORS.get(value.id)
        masked = value.masked
        note = " ".join(n for n in (reason_text(value), value.note) if n)
        if not value.available:
            note = " ".join(n for n in ("Inte tillgänglig.", value.note) if n)
        dimension = d.DIMENSIONS.get(value.breakdown or "")
        rows.append(
            (
                indicator.group.label_sv,
                value.id,
                value.name,
                period.label,
                unit_name,
                dimension.name if dimension else "",
                value.breakdown_label,
                export_value(value),
                UNIT_SV[value.unit],
                None if masked else value.numerator,
                None if masked else value.denominator,
                value_text(value) if value.available else "",
                note,
            )
        )
    return rows


def csv_cell(cell: object) -> str:
    """Return one cell for the Swedish CSV: decimal comma, no thousands separator."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "ja" if cell else "nej"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        text = f"{cell:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(cell).replace(NBSP, " ")
