"""Continuity: the responsible caseworkers a child has had, as a table on a hand-worked history,
and the plain Swedish line of the case page."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.cases.continuity import Continuity, Holding, count_holders, duration_text

D = date.fromisoformat
TODAY = D("2026-11-20")

#: One child, two cases. Case 1 (report 2024-10-01): A until 2025-02-10, then B until it
#: closed 2025-06-30. Case 2 (report 2026-01-15): C, then B again from 2026-03-01, then D from
#: 2026-09-01. 2024: A; 2025: A, B; 2026: C, B, D; since the first report: A, B, C, D.
HISTORY = [
    Holding(1, D("2024-10-01"), D("2025-02-10")),
    Holding(2, D("2025-02-10"), D("2025-06-30")),
    Holding(3, D("2026-01-15"), D("2026-03-01")),
    Holding(2, D("2026-03-01"), D("2026-09-01")),
    Holding(4, D("2026-09-01"), TODAY),
]


@pytest.mark.parametrize(
    ("holdings", "since", "per_year"),
    [
        (HISTORY, 4, {2024: 1, 2025: 2, 2026: 3}),
        (HISTORY[:2], 2, {2024: 1, 2025: 2}),
        (HISTORY[2:], 3, {2026: 3}),
        ([Holding(1, D("2024-12-01"), D("2025-01-31"))], 1, {2024: 1, 2025: 1}),
        ([], 0, {}),
    ],
)
def test_caseworkers_since_the_first_report_and_per_year(holdings, since, per_year):
    result = count_holders(holdings, TODAY, D("2024-10-01"))
    assert (result.since_first_report, result.per_year) == (since, per_year)


@pytest.mark.parametrize(
    ("start", "text"),
    [
        ("2026-11-01", "mindre än en månad"),
        ("2026-10-20", "en månad"),
        ("2025-12-21", "10 månader"),
        ("2024-11-21", "23 månader"),
        ("2024-11-20", "två år"),
        ("2020-01-01", "sex år"),
    ],
)
def test_the_time_since_the_first_report_in_words(start, text):
    assert duration_text(D(start), TODAY) == text


@pytest.mark.parametrize(
    ("n", "first", "sentence"),
    [
        (4, "2024-11-01", "Fjärde handläggaren på två år."),
        (2, "2026-05-10", "Andra handläggaren på 6 månader."),
        (12, "2020-05-10", "12:e handläggaren på sex år."),
        (1, "2026-05-10", "Samma handläggare sedan första anmälan för 6 månader sedan."),
        (0, "2026-05-10", "Barnet har ännu inte haft någon ansvarig handläggare."),
    ],
)
def test_the_case_pages_line(n, first, sentence):
    assert Continuity(D(first), n, {}, TODAY).sentence == sentence


def test_the_history_comes_from_the_cases_and_their_reassignments(cast, frozen_today, client):
    from skyddsnat.cases.continuity import child_continuity
    from skyddsnat.intake import services as intake
    from tests.cast import local, pin_for
    from tests.services.flow import case_about, decide_preliminary

    number = pin_for(D("2014-03-03"), "girl", seed=7)
    frozen_today(D("2024-11-01"))
    first = case_about(cast.alice, local(2024, 11, 1, 9), number)
    frozen_today(D("2025-01-10"))
    intake.reassign_caseworker(acting_user=cast.maja, case_id=first.pk, caseworker=cast.bob)
    frozen_today(D("2025-02-01"))
    decide_preliminary(cast.bob, first, D("2025-02-01"), "not_opened", reason="moved")
    frozen_today(D("2026-06-01"))
    second = case_about(cast.alice, local(2026, 6, 1, 9), number)
    frozen_today(D("2026-07-01"))
    intake.reassign_caseworker(acting_user=cast.maja, case_id=second.pk, caseworker=cast.bob)
    frozen_today(D("2026-11-20"))
    result = child_continuity(first.child_id, D("2026-11-20"))
    # Alice (2024–25), Bob (2025), Alice again then Bob (2026): two people.
    assert (result.since_first_report, result.per_year) == (2, {2024: 1, 2025: 2, 2026: 2})
    assert result.sentence == "Andra handläggaren på två år."
    client.force_login(cast.maja)
    page = client.get(f"/arenden/{second.pk}/").content.decode()
    assert "Andra handläggaren på två år." in page
