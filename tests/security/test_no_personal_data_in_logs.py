"""Application logs and error reports carry ids only (docs/spec/security.md, Data protection)."""

from __future__ import annotations

import io
import logging
import sys
from datetime import date

import pytest
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from skyddsnat.errorreports import PersonalDataLogFilter, mask
from tests.web.builders import named_case


@pytest.fixture
def console():
    """Return the text the configured console handler writes while the test runs."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, PersonalDataLogFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_an_error_on_a_case_page_logs_the_case_id_and_no_personal_data(
    cast, frozen_today, monkeypatch, console
):
    frozen_today(date(2026, 3, 18))
    case = named_case(cast.alice, date(2026, 3, 10), "Ebba Lindqvist", seed=11)
    pin = case.child.personal_identity_number

    def broken(*args, **kwargs):
        raise RuntimeError(f"oväntat fel för {pin}")

    monkeypatch.setattr("skyddsnat.web.views.case.case_header", broken)
    client = Client(raise_request_exception=False)
    client.force_login(cast.alice)
    answer = client.get(f"/arenden/{case.pk}/")
    assert answer.status_code == 500
    output = console.getvalue()
    assert f"/arenden/{case.pk}/" in output
    assert "RuntimeError" in output
    for personal in (pin, pin[2:], "Ebba", "Lindqvist"):
        assert personal not in output
    assert "[personnummer]" in output


def test_an_error_report_shows_no_variables_or_posted_values(cast):
    request = RequestFactory().post("/arenden/1/", {"first_name": "Ebba", "pin": "201001012384"})
    request.user = cast.alice
    child_name = "Ebba Lindqvist"  # a local variable the report would otherwise show
    try:
        raise ValueError("fel")
    except ValueError:
        text = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert child_name not in text
    assert "201001012384" not in text
    assert "Ebba" not in text


@pytest.mark.parametrize(
    "text, masked",
    [
        ("barn 201001012384 saknas", "barn [personnummer] saknas"),
        ("barn 20100101-2384 saknas", "barn [personnummer] saknas"),
        ("barn 100101-2384 saknas", "barn [personnummer] saknas"),
        ("ärende 1234 och 56", "ärende 1234 och 56"),
    ],
)
def test_it_masks_identity_numbers_in_log_lines(text, masked):
    assert mask(text) == masked
