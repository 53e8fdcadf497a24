"""Read indicator values the way a test wants them: by id and breakdown key."""

from __future__ import annotations

from skyddsnat.indicators.service import IndicatorValue, compute_indicators


def values(user, period: str = "2026", **kwargs) -> dict[tuple[str, str | None], IndicatorValue]:
    """Return every value the user sees, keyed by (indicator id, breakdown key)."""
    return {
        (v.id, v.breakdown_key): v
        for v in compute_indicators(acting_user=user, period=period, **kwargs)
    }


def value(user, indicator_id: str, period: str = "2026", key: str | None = None, **kwargs):
    """Return one value: the total, or the one of breakdown ``key``."""
    return values(user, period, ids=[indicator_id], **kwargs)[(indicator_id, key)]


def fraction(v: IndicatorValue) -> tuple[float | None, float | None]:
    """Return (numerator, denominator) of a value."""
    return v.numerator, v.denominator
