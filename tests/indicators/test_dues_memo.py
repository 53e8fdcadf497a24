"""The time-limit indicators count the same whether the obligations were worked out or kept
(decision 0052).

On a generated dataset with every kind of time limit: the first computation works every case's
obligations out and keeps them; the second reads them; both give the same figures, by kind of
time limit too. After a visit is registered, the kept obligations of that case only are worked
out again, and the figures equal a computation with nothing kept.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from skyddsnat import clock
from skyddsnat.accounts.models import Municipality, Role, User
from skyddsnat.cases.models import DuesMemo, IndicatorMemo
from skyddsnat.indicators.service import compute_indicators
from skyddsnat.interventions.models import Intervention, Visit

pytestmark = pytest.mark.django_db

IDS = [
    "obligations_met_on_time_share",
    "placement_visits_on_time_share",
    "placement_reviews_on_time_share",
]


def _figures(user: User, period: str, breakdown: str | None = None) -> list[tuple]:
    """The figures counted (no indicator table kept, decision 0053): the time limits from the
    kept obligations, or worked out."""
    IndicatorMemo.objects.all().delete()
    values = compute_indicators(acting_user=user, period=period, ids=IDS, breakdown=breakdown)
    return sorted(
        (
            (v.id, v.breakdown or "", v.breakdown_key or "", v.numerator, v.denominator, v.masked)
            for v in values
        ),
        key=repr,
    )


def _analyst_of_generated(reports: int, seed: int) -> User:
    """Generate ``reports`` in one municipality; return an analyst of it."""
    args = ["--reports", str(reports), "--municipalities", "1", "--seed", str(seed), "-v", "0"]
    call_command("generate_dataset", *args, stdout=io.StringIO())
    return User.objects.create(
        username="analytiker",
        municipality=Municipality.objects.get(),
        role=Role.ANALYST,
        is_active=True,
    )


def test_kept_obligations_count_as_worked_out_ones():
    user = _analyst_of_generated(400, seed=5)
    period = str(clock.today().year - 1)

    worked_out = _figures(user, period)
    assert DuesMemo.objects.exists()
    assert any(denominator for *_, denominator, _masked in worked_out)
    assert _figures(user, period) == worked_out
    by_kind = _figures(user, period, "obligation_kind")
    DuesMemo.objects.all().delete()
    assert _figures(user, period, "obligation_kind") == by_kind

    # A visit registered (here as the generator writes them) in a case of the period.
    placement = Intervention.objects.filter(visits__isnull=False).order_by("pk").first()
    visited = placement.visits.order_by("-visited_on").first()
    Visit.objects.create(
        intervention=placement,
        visited_on=visited.visited_on + timedelta(days=1),
        child_talked_alone=True,
        visited_by=visited.visited_by,
    )
    stamps_before = dict(DuesMemo.objects.values_list("case_id", "stamp"))
    after = _figures(user, period)
    restamped = {
        case_id
        for case_id, stamp in DuesMemo.objects.values_list("case_id", "stamp")
        if stamps_before.get(case_id) != stamp
    }
    assert restamped == {placement.case_id}
    DuesMemo.objects.all().delete()
    assert _figures(user, period) == after


def test_a_window_before_the_kept_years_is_worked_out_without_them():
    user = _analyst_of_generated(100, seed=6)
    old = str(clock.today().year - 7)
    assert date(int(old), 1, 1) < date(clock.today().year - 5, 1, 1)
    _figures(user, old)
    assert not DuesMemo.objects.exists()
