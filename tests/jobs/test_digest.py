"""The daily digest: counts as the work lists count them, links to them, no personal data."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.test import Client

from skyddsnat.jobs.digest import send_daily_digests
from skyddsnat.jobs.models import SentNotice
from skyddsnat.jobs.queue import enqueue
from skyddsnat.people.models import Child
from tests.web.builders import story

TODAY = date(2026, 3, 11)  # a Wednesday: the week runs to Sunday 15 March


@pytest.fixture
def with_story(cast, frozen_today, settings):
    settings.SKYDDSNAT_BASE_URL = "https://skyddsnat.norrby.se"
    frozen_today(TODAY)
    built = story(cast, TODAY)
    for user in (cast.alice, cast.bob, cast.carl, cast.ida, cast.maja, cast.sara):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return built


def _mail_to(address: str) -> mail.EmailMessage:
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) == 1, [m.to for m in mail.outbox]
    return found[0]


def _rows_listed(user, url: str) -> int:
    client = Client()
    client.force_login(user)
    html = client.get(url).content.decode()
    # The unit view lists its queue "Att fördela" above its cases: count the cases' list only.
    if 'aria-labelledby="cases-heading"' in html:
        html = html.split('aria-labelledby="cases-heading"', 1)[1].split("</section>", 1)[0]
    return len(re.findall(r'<th scope="row"[^>]*><a href="/arenden/\d+/">', html))


def test_it_sends_a_caseworker_her_counts_and_links_to_her_work_list(cast, with_story):
    summary = send_daily_digests()

    message = _mail_to("alice@example.org")
    assert message.subject == "Skyddsnät: dina tidsfrister 2026-03-11"
    body = message.body
    assert "Mina ärenden" in body
    assert (
        "1 ärende där en tidsfrist har passerat: https://skyddsnat.norrby.se/arenden/?show=overdue"
        in body
    )
    assert (
        "1 ärende med sista dag denna vecka: https://skyddsnat.norrby.se/arenden/?show=week" in body
    )
    assert "Enhetens ärenden" not in body
    assert "6 skickade" in summary  # alice, bob, carl, ida, maja (Norrby) and sara (Söderby)


def test_the_counts_are_what_the_linked_lists_show(cast, with_story):
    send_daily_digests()

    for user, address, path, key in (
        (cast.alice, "alice@example.org", "/arenden/", "show"),
        (cast.maja, "maja@example.org", "/enhet/", "status"),
    ):
        body = _mail_to(address).body
        for value in ("overdue", "week"):
            line = next(line for line in body.splitlines() if f"{path}?{key}={value}" in line)
            count = int(re.search(r"- (\d+) ärende", line).group(1))
            assert count == _rows_listed(user, f"{path}?{key}={value}"), line


def test_a_manager_gets_her_units_counts(cast, with_story):
    send_daily_digests()

    body = _mail_to("maja@example.org").body
    assert "Enhetens ärenden" in body
    assert "https://skyddsnat.norrby.se/enhet/?status=overdue" in body
    assert "https://skyddsnat.norrby.se/enhet/?status=week" in body


def test_the_email_holds_no_personal_data(cast, with_story):
    send_daily_digests()

    assert mail.outbox
    children = list(Child.objects.all())
    assert children
    for message in mail.outbox:
        text = message.subject + message.body
        for child in children:
            assert child.first_name not in text
            assert child.last_name not in text
            assert child.personal_identity_number not in text
            assert child.personal_identity_number[2:8] not in text  # the date of birth part
        assert "Ebba" not in text and "Lindqvist" not in text


def test_running_it_twice_the_same_day_sends_once(cast, with_story):
    send_daily_digests()
    first = len(mail.outbox)

    summary = send_daily_digests()

    assert len(mail.outbox) == first
    assert "0 skickade" in summary
    assert SentNotice.objects.filter(user=cast.alice, day=TODAY).count() == 1


def test_the_next_day_sends_again(cast, with_story, frozen_today):
    send_daily_digests()
    first = len(mail.outbox)
    frozen_today(date(2026, 3, 12))

    send_daily_digests()

    assert len(mail.outbox) == 2 * first


def test_a_user_without_an_email_address_is_skipped_and_logged(cast, with_story, caplog):
    cast.bob.email = ""
    cast.bob.save(update_fields=["email"])

    summary = send_daily_digests()

    assert all(m.to != [""] for m in mail.outbox)
    assert "1 utan e-postadress" in summary
    assert f"user {cast.bob.pk} has no e-mail address" in caplog.text
    assert not SentNotice.objects.filter(user=cast.bob).exists()


def test_only_active_employed_case_roles_get_it(cast, with_story):
    for user in (cast.nils, cast.ana, cast.adam):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    cast.carl.is_active = False
    cast.carl.save(update_fields=["is_active"])
    cast.ida.employment_ended_on = date(2026, 3, 10)
    cast.ida.save(update_fields=["employment_ended_on"])

    send_daily_digests()

    receivers = sorted(m.to[0].split("@")[0] for m in mail.outbox)
    assert receivers == ["alice", "bob", "maja", "sara"]


def test_nothing_is_sent_at_the_weekend(cast, with_story):
    assert send_daily_digests("2026-03-14") == "Helg: ingen sammanställning."
    assert mail.outbox == []


def test_it_can_be_queued_like_any_job(cast, with_story):
    enqueue("skyddsnat.jobs.digest.send_daily_digests", day="2026-03-11", name="digest")

    assert _mail_to("alice@example.org")
