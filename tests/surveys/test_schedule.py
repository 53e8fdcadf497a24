"""The schedule: invitations on the day, reminders to those who have not answered, closing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.test import Client

from skyddsnat.errors import InvalidInput
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.jobs import send_survey_notices
from skyddsnat.surveys.models import Edition


@pytest.fixture
def scheduled(olle, edition):
    """2014's schedule: sent 20 May, reminders 5 and 11 June, closed 15 June."""
    for name in ("Gävle kommun", "Umeå kommun"):
        surveys.invite(
            acting_user=olle, edition_id=edition.pk, name=name, email=f"ifo@{name[:4]}.invalid"
        )
    return surveys.set_schedule(
        acting_user=olle,
        edition_id=edition.pk,
        sent_on=date(2026, 5, 20),
        reminders_on=[date(2026, 6, 5), date(2026, 6, 11)],
        closes_on=date(2026, 6, 15),
    )


def link_in(message) -> str:
    return next(line for line in message.body.splitlines() if "/enkat/" in line).strip()


def test_nothing_is_sent_before_the_day(scheduled):
    assert send_survey_notices("2026-05-19") == "0 utskick, 0 enkäter stängda."
    assert mail.outbox == []


def test_the_invitations_go_out_once_with_a_personal_link(scheduled):
    assert send_survey_notices("2026-05-20") == "2 utskick, 0 enkäter stängda."
    assert send_survey_notices("2026-05-20") == "0 utskick, 0 enkäter stängda."
    assert send_survey_notices("2026-05-21") == "0 utskick, 0 enkäter stängda."
    assert [m.subject for m in mail.outbox] == ["Barnbarometern 2026"] * 2
    link = link_in(mail.outbox[0])
    assert Client().get(link.split("8000", 1)[1]).status_code == 200


def test_a_reminder_goes_to_those_who_have_not_submitted_with_the_same_link(scheduled):
    send_survey_notices("2026-05-20")
    first = {m.to[0]: link_in(m) for m in mail.outbox}
    gavle = first["ifo@Gävl.invalid"]
    token = gavle.rstrip("/").rsplit("/", 1)[1]
    surveys.save_by_link(token, {"1": "Alltid"}, submit=True)
    mail.outbox.clear()
    assert send_survey_notices("2026-06-05") == "1 utskick, 0 enkäter stängda."
    (reminder,) = mail.outbox
    assert reminder.subject == "Påminnelse: Barnbarometern 2026"
    assert reminder.to == ["ifo@Umeå.invalid"]
    assert link_in(reminder) == first["ifo@Umeå.invalid"]


def test_the_edition_closes_after_its_last_day(scheduled):
    send_survey_notices("2026-06-15")
    assert Edition.objects.get(pk=scheduled.pk).status == "open"
    assert send_survey_notices("2026-06-16").endswith("1 enkäter stängda.")
    assert Edition.objects.get(pk=scheduled.pk).status == "closed"


def test_a_reminder_outside_the_answering_time_is_refused(olle, edition):
    with pytest.raises(InvalidInput) as refused:
        surveys.set_schedule(
            acting_user=olle,
            edition_id=edition.pk,
            sent_on=date(2026, 5, 20),
            reminders_on=[date(2026, 7, 1)],
            closes_on=date(2026, 6, 15),
        )
    assert (
        "Påminnelsen 2026-07-01 ska ligga efter utskicket"
        in refused.value.errors["reminders_on"][0]
    )
