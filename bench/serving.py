"""What the HTTP benchmarks share: a demo database, a ``runserver`` on loopback, and clients.

Used by ``bench/load.py`` and ``bench/crash.py`` (never part of the test run). The database is
the one the environment names: ``DATABASE_URL`` (PostgreSQL, e.g. under ``.ci/with-postgres``)
or, without it, a fresh SQLite file in a temporary directory (``SKYDDSNAT_VAR_DIR``) with the
project's settings (decision 0013). Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "manage.py")]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEMO_PASSWORD = "demo"  # nosec B105 - the demo's synthetic logins (src/skyddsnat/demo/logins.py)


class NoAnswer(Exception):
    """The server did not answer (refused, reset, or timed out): the request may or may not
    have been carried out."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)

    def json(self) -> Any:
        return json.loads(self.body)

    def describe(self) -> str:
        """The status and the page's title (an error page) or the start of the body."""
        title = re.search(rb"<title>([^<]*)</title>", self.body)
        return f"{self.status} {(title.group(1) if title else self.body[:120])!r}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def check_loopback(url: str) -> str:
    """Return ``url`` without a trailing slash; refuse anything but a loopback http URL."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise SystemExit(f"only http://127.0.0.1 (loopback) is allowed, not {url!r}")
    return url.rstrip("/")


def request(
    base: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Answer:
    """Send one request on a new connection; raise ``NoAnswer`` when none came back."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.read(), response.getheaders())
    except (OSError, http.client.HTTPException) as exc:
        raise NoAnswer(f"{type(exc).__name__}: {exc}") from exc
    finally:
        conn.close()


def api_post(
    base: str,
    token: str,
    path: str,
    payload: dict,
    key: str | None = None,
    extra: dict[str, str] | None = None,
) -> Answer:
    headers = {
        **(extra or {}),
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
    }
    if key:
        headers["Idempotency-Key"] = key
    return request(base, "POST", f"/api/v1{path}", json.dumps(payload).encode(), headers)


def api_get(base: str, token: str, path: str) -> Answer:
    return request(base, "GET", f"/api/v1{path}", headers={"Authorization": f"Bearer {token}"})


class Browser:
    """A person at a browser: the session and CSRF cookies, no JavaScript.

    ``headers`` go with every request (a reverse proxy's ``X-Forwarded-Proto``); ``origin`` is
    the address the browser believes it is at (``https://…`` behind such a proxy), for the
    ``Referer`` that Django's CSRF check compares.
    """

    def __init__(
        self, base: str, headers: dict[str, str] | None = None, origin: str | None = None
    ) -> None:
        self.base = base
        self.headers = headers or {}
        self.origin = origin or base
        self.cookies: dict[str, str] = {}

    def _send(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        headers = {
            **self.headers,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.origin + path
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        answer = request(self.base, method, path, body, headers)
        for name, value in answer.headers:
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
        return answer

    def get(self, path: str) -> Answer:
        return self._send("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Answer:
        return self._send("POST", path, form)

    def log_in(self, username: str, password: str = DEMO_PASSWORD) -> Answer:
        """Fetch the login form, then post it; a good login answers 302."""
        form = self.get("/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
        if form.status != 200 or match is None:
            return form
        fields = {"csrfmiddlewaretoken": match.group(1).decode()}
        return self._send("POST", "/login/", {**fields, "username": username, "password": password})


def synthetic_number(rng: random.Random) -> str:
    """Return a valid synthetic (test) identity number for a child born 2008–2024."""
    sys.path.insert(0, str(ROOT / "src"))
    from skyddsnat.people.identity import synthetic_identity_number

    birth = datetime(2008, 1, 1, tzinfo=UTC).date() + timedelta(days=rng.randrange(17 * 365))
    return synthetic_identity_number(birth, rng.choice(["girl", "boy"]), rng)


def report_body(number: str, marker: str = "") -> dict:
    """A report about one child, received a minute ago (received_at must be in the past)."""
    received = datetime.now(UTC) - timedelta(minutes=1)
    return {
        "received_at": received.isoformat(timespec="seconds"),
        "channel": "phone",
        "reporter": {"category": "school"},
        "reasons": ["neglect"],
        "account": marker,
        "children": [{"personal_identity_number": number}],
    }


#: Create the PostgreSQL database if it is missing, as ``make bench-indicators`` does.
CREATE_DATABASE = f"""
sys.path.insert(0, {str(ROOT / "bench")!r})
from indicators import create_database
create_database()
"""


class Environment:
    """The server's environment: ``DATABASE_URL`` as given; without it a SQLite file in a
    private temporary directory (``private``) or the project's own (``var/``)."""

    def __init__(self, private: bool = True) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="skyddsnat-bench-"))
        self.env = {**os.environ, "SKYDDSNAT_DEBUG": "0", "SKYDDSNAT_LOG_LEVEL": "WARNING"}
        if private and "DATABASE_URL" not in os.environ:
            self.env["SKYDDSNAT_VAR_DIR"] = str(self.tmp / "var")

    @property
    def database(self) -> str:
        if "DATABASE_URL" in os.environ:
            return "PostgreSQL" if os.environ["DATABASE_URL"].startswith("postgres") else "other"
        return "SQLite"

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [*MANAGE, *args], env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def prepare(self, reports: int) -> None:
        """Create the PostgreSQL database if it is missing (a fresh server), migrate, and load
        the demo (unless the demo municipality is there already)."""
        if self.database == "PostgreSQL":
            self.python(CREATE_DATABASE)
        self.manage("migrate", "--noinput")
        self.manage("load_demo", "--if-empty", "--reports", str(reports))

    def token(self, username: str) -> str:
        return self.manage("api_token", username).strip()

    def python(self, code: str) -> str:
        """Run ``code`` with Django set up against the same database; return its stdout."""
        script = (
            f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); import django, os; "
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'skyddsnat.settings'); "
            "django.setup()\n" + code
        )
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"query failed:\n{done.stderr}")
        return done.stdout

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


class Server:
    """``manage.py runserver`` (threaded, no autoreload) on a loopback port, started by us."""

    def __init__(self, environment: Environment, port: int | None = None) -> None:
        self.environment = environment
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self, ready_within: float = 60.0) -> None:
        log = open(self.environment.tmp / "server.log", "ab")  # noqa: SIM115 - kept by Popen
        self.process = subprocess.Popen(
            [*MANAGE, "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{self.port}"],
            env=self.environment.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.starts += 1
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited; see {self.environment.tmp / 'server.log'}")
            try:
                if request(self.url, "GET", "/login/", timeout=5).status == 200:
                    return
            except NoAnswer:
                time.sleep(0.05)
        raise SystemExit("the server did not answer in time")

    def kill(self) -> None:
        """SIGKILL: the process dies wherever it is, mid-request or mid-transaction."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def percentile(values: list[float], p: float) -> float:
    """Return the ``p`` percentile (nearest rank) of ``values``, 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
