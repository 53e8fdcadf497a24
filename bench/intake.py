"""Intake against a bare insert (never part of the test run): one report with two children
through the API, against a bare Django view that inserts one row, on the same server kind.

Run with ``make bench-intake`` (SQLite) or ``.ci/with-postgres .venv/bin/python bench/intake.py``
(``make bench-intake-pg``). On the database ``DATABASE_URL`` names (without it, a fresh SQLite
file in a temporary directory, with the project's options: WAL, ``BEGIN IMMEDIATE``,
``synchronous=FULL``) it migrates, loads a small demo and issues the intake officer
``mottagning1`` an API token. Then it starts two gunicorns on loopback with the project's
configuration (``skyddsnat/gunicorn_conf.py``, the same number of workers):

- Skyddsnät itself (``skyddsnat.wsgi``), answering ``POST /api/v1/reports``;
- a bare Django project (``bench/bare_insert/``: the same ``DATABASES``, no middleware, one
  view) whose ``POST /rows`` reads the JSON body, inserts one row and answers its id.

Both keep their database connections alike: ``DATABASES`` is Skyddsnät's, with the
``SKYDDSNAT_DB_CONN_MAX_AGE`` of the environment (or ``--conn-max-age``), by default a
connection kept for the next request (decision 0050); ``--conn-max-age 0`` opens one per request.

One client posts the same kind of body to each, one request at a time (a new connection each,
as ``bench/serving.py`` sends them): a report received a minute ago about two children known by
name and birth date (each a new child, with a reserve id), one reason, a reporter. The rounds
are interleaved (ours then bare, then bare then ours …), so that both see the same load on a
shared machine. Prints each side's median time per round (median, min, max over the rounds),
the ratio bare ÷ ours per round (median, min, max), and the target: ours at least
``TARGET`` (50 %) of the bare insert's speed (issue 13, item 5). Exits non-zero when a request
fails; the ratio is printed, not enforced (timings are noisy on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from serving import ROOT, Answer, Environment, NoAnswer, api_post, free_port, request

#: Ours must reach this share of the bare insert's speed (its time ÷ ours).
TARGET = 0.50
USER = "mottagning1"
#: ``SKYDDSNAT_DB_CONN_MAX_AGE``'s default in ``skyddsnat/settings.py`` (decision 0050).
CONN_MAX_AGE = 60
BENCH = Path(__file__).resolve().parent


class Gunicorn:
    """gunicorn with the project's configuration (``gunicorn_conf.py``) serving ``app``."""

    def __init__(
        self,
        environment: Environment,
        name: str,
        app: str,
        env: dict[str, str],
        workers: int,
        source: Path = ROOT / "src",
    ) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = environment.tmp / f"{name}.log"
        self.app = app
        self.env = {
            **environment.env,
            **env,
            "PYTHONPATH": os.pathsep.join([str(source), str(BENCH)]),
            "SKYDDSNAT_BIND": f"127.0.0.1:{self.port}",
            "SKYDDSNAT_WORKERS": str(workers),
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, ready_within: float = 60.0) -> None:
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "python:skyddsnat.gunicorn_conf",
                    self.app,
                ],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited:\n{self.log_path.read_text()}")
            try:
                request(self.url, "GET", "/halsa/", timeout=5)  # any answer: it is listening
                return
            except NoAnswer:
                time.sleep(0.1)
        raise SystemExit(f"{self.name} did not answer in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


#: The intake officer of the municipality with the most reports, in generated data.
INTAKE_OFFICER = """
from django.db.models import Count
from skyddsnat.accounts.models import Municipality, Role, User
biggest = Municipality.objects.annotate(n=Count("reports")).order_by("-n", "pk").first()
officer = User.objects.filter(
    municipality=biggest, role=Role.INTAKE, is_active=True, units__isnull=False
).order_by("pk").first()
print(officer.username if officer else "")
"""
REPORTS = """
from skyddsnat.intake.models import Report
print(f"{Report.objects.count():,}")
"""


def use_dataset(environment: Environment, reports: int) -> None:
    """Register into generated data of ``reports`` reports: on SQLite into a copy of the file
    ``bench/pages.py`` generated (so that the file stays as generated for the next run), on
    PostgreSQL into the database of ``DATABASE_URL`` as it is (a throwaway server's)."""
    if "DATABASE_URL" in os.environ:
        return
    source = ROOT / "var" / f"bench-{reports}.sqlite3"
    if not source.exists():
        raise SystemExit(
            f"{source} is missing: generate it first with bench/pages.py --reports {reports}"
        )
    copy = environment.tmp / source.name
    with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
        original.backup(target)  # a consistent copy, the write-ahead log included
    environment.env["DATABASE_URL"] = f"sqlite:///{copy}"
    environment.env.pop("SKYDDSNAT_VAR_DIR", None)


def report_body(rng: random.Random, key: bool) -> tuple[dict, dict[str, str]]:
    """A report about two new children known by name and birth date, received a minute ago."""
    received = datetime.now(UTC) - timedelta(minutes=1)

    def child() -> dict:
        born = date(2009, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        name = f"{rng.choice(['Alva', 'Elis', 'Maja', 'Noah', 'Saga'])} Bänkström"
        return {"name": name, "birth_date": born.isoformat()}

    body = {
        "received_at": received.isoformat(timespec="seconds"),
        "channel": "phone",
        "reporter": {"category": "school"},
        "reasons": ["neglect"],
        "account": "Bänktest av mottagningen.",
        "children": [child(), child()],
    }
    return body, ({"Idempotency-Key": str(uuid.uuid4())} if key else {})


def timed(send: Callable[[], Answer]) -> float:
    started = time.perf_counter()
    answer = send()
    seconds = time.perf_counter() - started
    if answer.status != 201:
        raise SystemExit(f"expected 201, got {answer.describe()}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds")
    parser.add_argument("--per-round", type=int, default=20, help="requests per side per round")
    parser.add_argument("--warm-up", type=int, default=10, help="requests per side first")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers of each")
    parser.add_argument("--reports", type=int, default=20, help="demo reports to load first")
    parser.add_argument(
        "--dataset",
        type=int,
        metavar="REPORTS",
        help="register into generate_dataset's data of this many reports instead of a small "
        "demo, as the intake officer of the municipality with the most reports: on SQLite a "
        "copy of var/bench-<REPORTS>.sqlite3 (bench/pages.py makes it), on PostgreSQL the "
        "database of DATABASE_URL, which must hold it",
    )
    parser.add_argument("--key", action="store_true", help="send an Idempotency-Key as well")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--conn-max-age",
        help="SKYDDSNAT_DB_CONN_MAX_AGE of both servers (0: a new database connection per "
        "request); default: the environment's, else the project's default",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT / "src",
        help="serve Skyddsnät from this src directory (e.g. an earlier commit's, from git "
        "archive) to compare a change; the database is migrated with this checkout's",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)

    environment = Environment()
    if args.dataset is not None:
        use_dataset(environment, args.dataset)
    if args.conn_max_age is not None:
        environment.env["SKYDDSNAT_DB_CONN_MAX_AGE"] = args.conn_max_age
    # Both servers read DATABASES from skyddsnat.settings, so they keep connections alike.
    conn_max_age = environment.env.get("SKYDDSNAT_DB_CONN_MAX_AGE", f"{CONN_MAX_AGE} (default)")
    ours = bare = None
    try:
        if args.dataset is None:
            environment.prepare(args.reports)
            user = USER
        else:
            environment.manage("migrate", "--noinput")
            user = environment.python(INTAKE_OFFICER).strip()
            if not user:
                raise SystemExit(f"no intake officer in the dataset of {args.dataset:,} reports")
        environment.manage("check")
        token = environment.token(user)
        reports_in_database = environment.python(REPORTS).strip()
        bare_env = {"DJANGO_SETTINGS_MODULE": "bare_insert.settings"}
        migrate = subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
            env={
                **environment.env,
                **bare_env,
                "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(BENCH)]),
            },
            capture_output=True,
            text=True,
            check=False,
        )
        if migrate.returncode != 0:
            raise SystemExit(f"the bare table could not be created:\n{migrate.stderr}")
        ours = Gunicorn(
            environment, "skyddsnat", "skyddsnat.wsgi", {}, args.workers, args.source.resolve()
        )
        bare = Gunicorn(environment, "bare", "bare_insert.wsgi:application", bare_env, args.workers)
        ours.start()
        bare.start()

        def send_ours() -> float:
            body, headers = report_body(rng, args.key)
            return timed(lambda: api_post(ours.url, token, "/reports", body, extra=headers))

        def send_bare() -> float:
            body, _ = report_body(rng, args.key)
            data = json.dumps(body).encode()
            return timed(
                lambda: request(
                    bare.url, "POST", "/rows", data, {"Content-Type": "application/json"}
                )
            )

        for _ in range(args.warm_up):
            send_ours()
            send_bare()
        mine: list[float] = []
        theirs: list[float] = []
        ratios: list[float] = []
        for n in range(args.rounds):
            sides = (
                [(send_ours, []), (send_bare, [])]
                if n % 2 == 0
                else [
                    (send_bare, []),
                    (send_ours, []),
                ]
            )
            times: dict[Callable[[], float], list[float]] = {}
            for send, collected in sides:
                collected.extend(send() for _ in range(args.per_round))
                times[send] = collected
            ours_ms = statistics.median(times[send_ours]) * 1000
            bare_ms = statistics.median(times[send_bare]) * 1000
            mine.append(ours_ms)
            theirs.append(bare_ms)
            ratios.append(bare_ms / ours_ms)
            print(
                f"  round {n + 1}: ours {ours_ms:6.1f} ms, bare {bare_ms:6.1f} ms, "
                f"{bare_ms / ours_ms:4.0%}",
                flush=True,
            )
    finally:
        for server in (ours, bare):
            if server is not None:
                server.stop()
        environment.close()

    def spread(values: list[float], unit: str = " ms") -> str:
        fmt = (lambda v: f"{v:.0%}") if unit == "%" else (lambda v: f"{v:.1f}{unit}")
        return (
            f"median {fmt(statistics.median(values))}, min {fmt(min(values))}, "
            f"max {fmt(max(values))}"
        )

    load = os.getloadavg()
    print(
        f"\nIntake on {environment.database} with {reports_in_database} reports in the database "
        f"(as {user}): POST /api/v1/reports (two children"
        f"{', Idempotency-Key' if args.key else ''}) against a bare insert, "
        f"{args.rounds} rounds × {args.per_round}, {args.workers} worker(s) each, "
        f"SKYDDSNAT_DB_CONN_MAX_AGE={conn_max_age} for both; load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"  ours (one report):     {spread(mine)}")
    print(f"  bare (one row):        {spread(theirs)}")
    print(f"  ratio bare ÷ ours:     {spread(ratios, '%')}")
    met = statistics.median(ratios) >= TARGET
    print(f"  target: ≥ {TARGET:.0%} of the bare insert — {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
