"""Smoke test of production serving (never part of the test run): gunicorn as docs/deploy.md runs it.

Run with ``make smoke`` or ``.ci/with-postgres .venv/bin/python bench/smoke.py`` (``.ci/run``
does). On the database ``DATABASE_URL`` names (without it, a SQLite file in a temporary
directory) it migrates and loads a small demo, enrols a TOTP device for a demo caseworker
(``manage.py totp_enrol``: the ``otpauth://`` key an authenticator app would read) and issues
them an API token (``manage.py api_token``). Then it collects the static files and starts
gunicorn with the project's configuration (``skyddsnat/gunicorn_conf.py``) and production
settings: ``SKYDDSNAT_ENV=production`` (DEBUG off, the second factor required), a freshly
generated secret key, JSON logs, loopback only, one trusted proxy. Over HTTP, as the reverse
proxy would pass them on (``X-Forwarded-Proto: https``, ``X-Forwarded-For``), it checks:

- ``/halsa/`` answers 200 with the database OK, without a login;
- a request that did not come through the proxy is sent to HTTPS; pages carry HSTS and
  secure cookies;
- the caseworker logs in with the password and a TOTP code computed from the key, opens the
  work list and a case; the login's audit row has the address the proxy saw;
- a static file comes from WhiteNoise with its hashed name and a year's caching;
- a report is registered through the API with the token (201);
- a missing page is the plain 404 page, not Django's debug page;

then stops gunicorn and reads its output: every line is JSON, the access log lines are there
without query strings, and no identity number appears (the report's child's, or the one put
into an address on purpose). Last the worker (``manage.py qcluster``, as the worker's systemd
unit runs it, e-mail to files): a queued daily digest for a working day is run and recorded
as a success, and the worker stops on ``SIGTERM`` to its main process. Exits non-zero on the
first failure. About a minute, most of it migrating and loading the demo.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

from serving import (
    ROOT,
    Answer,
    Browser,
    Environment,
    NoAnswer,
    api_post,
    free_port,
    report_body,
    request,
)

USER = "handlaggare1"
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.44"}
CLIENT_ADDRESS = "192.0.2.44"
#: A synthetic test identity number (``people/identity.py``), put into an address on purpose.
PIN = "201505179885"
STARTED = time.monotonic()


class Failed(Exception):
    pass


def ok(what: str, detail: str = "") -> None:
    elapsed = time.monotonic() - STARTED
    print(f"  ok  {elapsed:5.1f} s  {what}{': ' + detail if detail else ''}", flush=True)


def expect(condition: bool, what: str, answer: Answer | None = None) -> None:
    if not condition:
        raise Failed(what + (f" (got {answer.describe()})" if answer else ""))


def header(answer: Answer, name: str) -> str:
    return ", ".join(v for k, v in answer.headers if k.lower() == name.lower())


def totp_code(otpauth_url: str) -> str:
    """The current six-digit code for an ``otpauth://totp/`` key, as an authenticator app."""
    from django_otp.oath import totp

    query = urllib.parse.parse_qs(urllib.parse.urlsplit(otpauth_url).query)
    secret = query["secret"][0]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    step = int(query.get("period", ["30"])[0])
    digits = int(query.get("digits", ["6"])[0])
    return f"{totp(key, step=step, t0=0, digits=digits):0{digits}d}"


class Gunicorn:
    """gunicorn with the project's configuration and production settings, on loopback."""

    def __init__(self, environment: Environment, reports: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = environment.tmp / "gunicorn.log"
        self.env = {
            **environment.env,
            "PYTHONPATH": str(ROOT / "src"),
            "SKYDDSNAT_ENV": "production",
            "SKYDDSNAT_SECRET_KEY": secrets.token_urlsafe(50),
            "SKYDDSNAT_ALLOWED_HOSTS": "127.0.0.1",
            "SKYDDSNAT_STATIC_ROOT": str(environment.tmp / "static"),
            "SKYDDSNAT_LOG_FORMAT": "json",
            "SKYDDSNAT_LOG_LEVEL": "INFO",
            "SKYDDSNAT_TRUSTED_PROXY_COUNT": "1",
            "SKYDDSNAT_BIND": f"127.0.0.1:{self.port}",
            "SKYDDSNAT_WORKERS": "2",
        }
        self.env.pop("SKYDDSNAT_DEBUG", None)
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process: subprocess.Popen[bytes] | None = None

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise Failed(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def start(self, ready_within: float = 60.0) -> None:
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "python:skyddsnat.gunicorn_conf",
                    "skyddsnat.wsgi",
                ],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Failed(f"gunicorn exited:\n{self.log_path.read_text()}")
            try:
                request(self.url, "GET", "/halsa/", timeout=5)
                return
            except NoAnswer:
                time.sleep(0.1)
        raise Failed("gunicorn did not answer in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def prepare(environment: Environment, server: Gunicorn, reports: int) -> tuple[str, str]:
    """The database with the demo, the caseworker's TOTP key and API token, static files
    (collected meanwhile: WhiteNoise compresses each, which takes a while)."""
    collect = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        env=server.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    environment.prepare(reports)
    ok("migrate and load_demo", f"{environment.database}, {reports} reports")
    enrolled = environment.manage("totp_enrol", "--replace", USER)
    otpauth = next(line for line in enrolled.splitlines() if line.startswith("otpauth://"))
    token = environment.token(USER)
    ok("totp_enrol and api_token", USER)
    output, _ = collect.communicate()
    if collect.returncode != 0:
        raise Failed(f"collectstatic failed:\n{output.decode()}")
    server.manage("check", "--deploy", "--fail-level", "WARNING")
    ok("collectstatic and check --deploy", "production settings")
    return otpauth, token


def check_serving(environment: Environment, server: Gunicorn, otpauth: str, token: str) -> None:
    base = server.url
    health = request(base, "GET", "/halsa/", headers={"Accept": "application/json"})
    expect(health.status == 200, "/halsa/ answers 200", health)
    expect(health.json() == {"Database(alias='default')": "OK"}, "/halsa/: the database is OK")
    ok("/halsa/", f"{health.status} {health.body.decode()}")

    direct = request(base, "GET", "/login/")
    expect(direct.status == 301, "plain HTTP is sent to HTTPS", direct)
    expect(header(direct, "Location").startswith("https://"), "the redirect is to https")
    ok("plain HTTP", f"301 to {header(direct, 'Location')}")

    browser = Browser(base, headers=PROXY, origin=f"https://127.0.0.1:{server.port}")
    form = browser.get("/login/")
    expect(form.status == 200, "the login page through the proxy", form)
    expect("max-age=31536000" in header(form, "Strict-Transport-Security"), "HSTS is sent")
    expect("Secure" in header(form, "Set-Cookie"), "cookies are Secure")
    logged_in = browser.log_in(USER)
    expect(logged_in.status == 302, "the password is accepted", logged_in)
    start = browser.get("/")
    expect(
        start.status == 302 and header(start, "Location").startswith("/login/tvafaktor/"),
        "the second factor is asked for",
        start,
    )
    verify = browser.get("/login/tvafaktor/?next=/arenden/")
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', verify.body)
    expect(verify.status == 200 and match is not None, "the code page", verify)
    assert match is not None
    code = totp_code(otpauth)
    verified = browser.post(
        "/login/tvafaktor/",
        {"csrfmiddlewaretoken": match.group(1).decode(), "code": code, "next": "/arenden/"},
    )
    expect(verified.status == 302, "the TOTP code is accepted", verified)
    ok("login", f"{USER}: password, then TOTP code {code[:2]}…")

    worklist = browser.get("/arenden/")
    expect(worklist.status == 200, "the work list (/arenden/)", worklist)
    case_ids = re.findall(rb'href="/arenden/(\d+)/"', worklist.body)
    expect(bool(case_ids), "the work list shows cases")
    case_page = browser.get(f"/arenden/{case_ids[0].decode()}/")
    expect(case_page.status == 200, "a case page", case_page)
    ok("a case page", f"/arenden/{case_ids[0].decode()}/ 200")

    ip = environment.python(
        "from skyddsnat.audit.models import AuditEvent\n"
        "print(AuditEvent.objects.filter(action='login').latest('at').ip)"
    ).strip()
    expect(ip == CLIENT_ADDRESS, f"the login's audit row has the proxy's client {ip!r}")
    ok("SKYDDSNAT_TRUSTED_PROXY_COUNT=1", f"the login's audit row has {ip}")

    stylesheet = re.search(rb'href="(/static/web/skyddsnat\.[0-9a-f]+\.css)"', case_page.body)
    expect(stylesheet is not None, "the page links its style sheet by a hashed name")
    assert stylesheet is not None
    css = browser.get(stylesheet.group(1).decode())
    expect(css.status == 200, "the style sheet", css)
    caching = header(css, "Cache-Control")
    expect("max-age=315360000" in caching and "no-store" not in caching, f"cached: {caching}")
    ok("a static file", f"{stylesheet.group(1).decode()} 200, {caching}")

    report = report_body(f"{PIN[:8]}-{PIN[8:]}", "Röktest av produktionsdriften.")
    created = api_post(base, token, "/reports", report, key=str(uuid.uuid4()), extra=PROXY)
    expect(created.status == 201, "POST /api/v1/reports with the token", created)
    ok("POST /api/v1/reports", f"201, case {created.json()['cases'][0]['id']}")

    missing = browser.get(f"/arenden/{PIN}/")
    expect(missing.status == 404, "a missing page is 404", missing)
    expect(b"URLconf" not in missing.body, "no debug page (DEBUG is off)")
    old_search = browser.get(f"/sok/?q={PIN}")
    expect(old_search.status in (200, 302), "the old search address", old_search)
    ok("404 without the debug page", f"/arenden/{PIN[:4]}…/; also /sok/?q=…")


def check_logs(path: Path) -> None:
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            records.append(json.loads(line))
        except ValueError:
            raise Failed(f"gunicorn.log line {number} is not JSON: {line[:200]}") from None
    expect(
        all({"timestamp", "level", "logger", "message"} <= set(r) for r in records),
        "every line has timestamp, level, logger and message",
    )
    access = [r["message"] for r in records if r["logger"] == "gunicorn.access"]
    for wanted in ('"GET /halsa/ ', '"POST /api/v1/reports ', '"GET /arenden/[personnummer]/ '):
        expect(any(wanted in m for m in access), f"an access log line with {wanted}")
    expect(any('"GET /sok/ ' in m for m in access), "the search's access line, without query")
    expect(
        any(r["logger"] == "django.request" and "[personnummer]" in r["message"] for r in records),
        "Django's 'Not Found' line, masked",
    )
    text = path.read_text()
    for personal in (PIN, PIN[2:], f"{PIN[:8]}-{PIN[8:]}", f"{PIN[2:8]}-{PIN[8:]}", "?q="):
        expect(personal not in text, f"{personal!r} is not in the log")
    ok("logs", f"{len(records)} JSON lines, {len(access)} access lines, no identity number")


#: A Monday: the digest sends nothing at weekends, whatever day the smoke test runs on.
DIGEST_DAY = "2026-11-30"


def check_worker(environment: Environment, server: Gunicorn, within: float = 90.0) -> None:
    """Queue the daily digest, run the worker until it has done it, stop it with SIGTERM."""
    env = {**server.env, "SKYDDSNAT_EMAIL": "file", "SKYDDSNAT_JOB_WORKERS": "1"}
    log_path = environment.tmp / "worker.log"
    # Queued with the service's settings: the queue's rows are signed with its secret key.
    task_id = server.manage(
        "shell",
        "-c",
        "from skyddsnat.jobs.queue import enqueue\n"
        f"print(enqueue('skyddsnat.jobs.digest.send_daily_digests', day={DIGEST_DAY!r}))",
    ).splitlines()[-1]
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        result = server.manage(
            "shell",
            "-c",
            "import time\nfrom django_q.models import Task\n"
            f"deadline = time.monotonic() + {within}\n"
            "while time.monotonic() < deadline:\n"
            f"    task = Task.objects.filter(id={task_id!r}).first()\n"
            "    if task is not None:\n"
            "        print('ok' if task.success else 'failed', task.result)\n"
            "        break\n"
            "    time.sleep(0.5)\n"
            "else:\n"
            "    print('timeout')\n",
        ).splitlines()[-1]
        expect(result.startswith("ok"), f"the worker ran the queued digest ({result[:200]})")
        ok("worker", f"qcluster ran the digest for {DIGEST_DAY}: {result[3:][:120]}")
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
                raise Failed(
                    f"the worker did not stop on SIGTERM:\n{log_path.read_text()}"
                ) from None
    expect(worker.returncode is not None, "the worker stopped on SIGTERM")
    ok("worker stopped", f"exit status {worker.returncode} after SIGTERM")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=150, help="demo reports (default 150)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    environment = Environment()
    server = Gunicorn(environment, args.reports)
    print(f"smoke test of production serving in {environment.tmp}", flush=True)
    try:
        otpauth, token = prepare(environment, server, args.reports)
        server.start()
        ok("gunicorn started", f"{server.url}, 2 workers, production settings, JSON logs")
        try:
            check_serving(environment, server, otpauth, token)
        finally:
            server.stop()
        check_logs(server.log_path)
        check_worker(environment, server)
    except Failed as failure:
        server.stop()
        print(f"FAILED: {failure}\n(gunicorn's output: {server.log_path})", file=sys.stderr)
        return 1
    if not args.keep:
        environment.close()
    print(f"smoke test passed in {time.monotonic() - STARTED:.0f} s")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
