"""Jobb in a real browser: the administrator finds a job that failed for good; axe."""

from __future__ import annotations

from django.utils import timezone
from django_q.models import Task
from playwright.sync_api import expect


def test_the_administrator_sees_a_failed_job(cast, page, login, axe_violations):
    now = timezone.now()
    Task.objects.create(
        id="0" * 32,
        name="digest",
        func="skyddsnat.jobs.digest.send_daily_digests",
        args=(),
        kwargs={},
        started=now,
        stopped=now,
        result="Traceback …\nskyddsnat.jobs.queue.JobFailed: Daglig sammanställning (användare 7).",
        success=False,
        attempt_count=3,
    )
    login(page, cast.adam)
    page.get_by_role("link", name="Jobb").click()
    page.wait_for_url("**/administration/jobb/")
    expect(page.get_by_role("heading", name="Misslyckade jobb", level=2)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Misslyckades slutgiltigt")
    expect(row).to_contain_text("Daglig sammanställning av tidsfrister")
    expect(row).to_contain_text("3 av 3")
    expect(row).to_contain_text("användare 7")
    assert axe_violations(page) == []
