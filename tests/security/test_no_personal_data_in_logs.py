"""Application logs and error reports carry ids only (docs/spec/security.md, Data protection)."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
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


# --- production: JSON lines, gunicorn's own log and access log ---------------------------------

ROOT = Path(__file__).resolve().parents[2]


def run_logging(code: str, log_format: str) -> list[str]:
    """Run ``code`` in a fresh interpreter with ``SKYDDSNAT_LOG_FORMAT``; return its log lines."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKYDDSNAT_", "DJANGO_"))}
    env |= {
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "skyddsnat.settings",
        "SKYDDSNAT_VAR_DIR": "/tmp/skyddsnat-logging-test",
        "SKYDDSNAT_LOG_FORMAT": log_format,
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.splitlines()


DJANGO_RECORDS = f"""
import logging, django
django.setup()
from django.test import RequestFactory
request = RequestFactory().get("/sok/", {{"q": "{PIN}"}})
logging.getLogger("django.request").warning(
    "Not Found: %s", "/arenden/{PIN}/", extra={{"status_code": 404, "request": request}}
)
try:
    raise RuntimeError("oväntat fel för {PIN[:8]}-{PIN[8:]}")
except RuntimeError:
    logging.getLogger("skyddsnat").exception("fel på ärendesidan")
"""


def test_a_json_log_line_masks_an_identity_number():
    """``SKYDDSNAT_LOG_FORMAT=json``: one JSON object a line, through the same filter; what a
    library attached to the record (Django's request, whose text holds the query) stays out."""
    lines = run_logging(DJANGO_RECORDS, "json")
    records = [json.loads(line) for line in lines]
    assert [(r["level"], r["logger"]) for r in records] == [
        ("WARNING", "django.request"),
        ("ERROR", "skyddsnat"),
    ]
    assert records[0]["message"] == "Not Found: /arenden/[personnummer]/"
    assert set(records[0]) == {"timestamp", "level", "logger", "message"}
    assert "RuntimeError: oväntat fel för [personnummer]" in records[1]["exc_info"]
    output = "\n".join(lines)
    assert PIN not in output and PIN[2:] not in output and PIN[8:] not in output
    assert "q=" not in output and "WSGIRequest" not in output


def test_the_text_log_is_the_default_and_masks_too():
    lines = run_logging(DJANGO_RECORDS, "text")
    assert "WARNING django.request Not Found: /arenden/[personnummer]/" in lines[0]
    assert PIN[8:] not in "\n".join(lines)


GUNICORN_ACCESS = f"""
from datetime import timedelta
from types import SimpleNamespace
from gunicorn.config import Config
from gunicorn.glogging import Logger
from skyddsnat import gunicorn_conf

cfg = Config()
for name in ("logconfig_dict", "access_log_format", "loglevel"):
    cfg.set(name, getattr(gunicorn_conf, name))
log = Logger(cfg)
log.info("Booting worker with pid: %s", 1234)
environ = {{
    "REQUEST_METHOD": "GET",
    "RAW_URI": "/arenden/{PIN}/?q={PIN}",
    "PATH_INFO": "/arenden/{PIN}/",
    "QUERY_STRING": "q={PIN}",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "REMOTE_ADDR": "127.0.0.1",
    "HTTP_REFERER": "https://skyddsnat.example.se/sok/?q={PIN}",
}}
request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
response = SimpleNamespace(status="404 Not Found", sent=179, headers=[])
log.access(response, request, environ, timedelta(milliseconds=12))
"""


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_gunicorns_access_log_goes_through_the_filter_without_the_query_string(log_format):
    """gunicorn logs through Python's logging with the application's configuration
    (``skyddsnat/gunicorn_conf.py``); its access line has the path, never the query."""
    lines = run_logging(GUNICORN_ACCESS, log_format)
    assert len(lines) == 2
    expected = '127.0.0.1 "GET /arenden/[personnummer]/ HTTP/1.1" 404 179 12ms'
    if log_format == "json":
        booting, access = (json.loads(line) for line in lines)
        assert (booting["logger"], booting["message"]) == (
            "gunicorn.error",
            "Booting worker with pid: 1234",
        )
        assert (access["logger"], access["message"]) == ("gunicorn.access", expected)
    else:
        assert lines[1].endswith(f"INFO gunicorn.access {expected}")
    output = "\n".join(lines)
    assert PIN[8:] not in output and "q=" not in output and "sok" not in output
