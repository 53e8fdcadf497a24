"""Application logs and error reports carry ids only (docs/spec/security.md, Data protection)."""

from __future__ import annotations

import io
import logging
import sys
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from skyddsnat.errorreports import PersonalDataLogFilter, mask
from tests.cast import pin_for
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


# --- every handler, the server's access log included ------------------------------------------

PIN = pin_for(date(2015, 5, 17), "girl")


def every_handler() -> list[tuple[str, logging.Handler]]:
    """Return (logger name, handler) for every handler configured on any logger."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    return [
        (logger.name, handler)
        for logger in loggers
        for handler in logger.handlers
        if not type(handler).__module__.startswith("_pytest")  # pytest's capture of the test
        # A library's NullHandler (weasyprint adds one when a PDF is first made) writes nothing.
        and type(handler) is not logging.NullHandler
    ]


@pytest.fixture
def every_stream():
    """Return the text every configured stream handler writes while the test runs."""
    swapped = []
    for _, handler in every_handler():
        if isinstance(handler, logging.StreamHandler):
            stream = io.StringIO()
            swapped.append((handler, handler.setStream(stream), stream))
    yield lambda: "".join(stream.getvalue() for _, _, stream in swapped)
    for handler, previous, _ in swapped:
        handler.setStream(previous)


def test_every_log_handler_masks_identity_numbers():
    unfiltered = [
        f"{name}: {type(handler).__name__}"
        for name, handler in every_handler()
        if not any(isinstance(f, PersonalDataLogFilter) for f in handler.filters)
    ]
    assert unfiltered == []


@pytest.mark.parametrize("status", ["200", "404", "500"])
def test_the_development_servers_access_log_masks_an_identity_number(every_stream, status):
    """``runserver`` logs each request line through the ``django.server`` logger."""
    server = SimpleNamespace(request=None, log_date_time_string=lambda: "03/Dec/2026 10:00:00")
    line = f"GET /sok/?q={PIN[:8]}-{PIN[8:]} HTTP/1.1"
    WSGIRequestHandler.log_message(server, '"%s" %s %s', line, status, "1234")
    output = every_stream()
    assert "GET /sok/?q=[personnummer] HTTP/1.1" in output
    assert PIN[8:] not in output


def test_a_record_of_any_logger_is_masked_in_every_handler(every_stream):
    for name in ("django", "django.request", "django.server", "skyddsnat", "axes"):
        logging.getLogger(name).error("barn %s", PIN)
    output = every_stream()
    assert output.count("[personnummer]") >= 5
    assert PIN not in output and PIN[2:] not in output
