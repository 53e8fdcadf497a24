"""Load (never part of the test run): many people at once against a server on loopback.

Run with ``make bench-load`` (SQLite) or ``.ci/with-postgres .venv/bin/python bench/load.py``
(PostgreSQL). Without ``--url`` it migrates a fresh database (a temporary SQLite file, or
``DATABASE_URL``), loads a small demo and starts ``manage.py runserver`` on a free loopback
port. Then ``--clients`` people, each with a demo login and that user's API token, log in at
the same moment and, when all are in, work for ``--seconds`` as fast as answers come: each
registers reports through the API (``POST /api/v1/reports`` with an ``Idempotency-Key``; one
in seven about a child already reported), opens a work list (``/arenden/``, the manager
``/enhet/``) and opens cases from it (``/arenden/<id>/``), 4 : 3 : 3.

Prints, per kind of request, how many were sent, how many failed (no answer, or another status
than a browser or system would expect) and the median and 95th percentile time, and exits
non-zero if any failed. With ``--url`` (loopback only) it uses a server already running on the
database this environment names (for the tokens): ``manage.py api_token`` is run here.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from serving import (
    Browser,
    Environment,
    NoAnswer,
    Server,
    api_post,
    check_loopback,
    percentile,
    report_body,
    synthetic_number,
)

#: The demo users the clients log in as, in turn (src/skyddsnat/demo/logins.py).
USERS = ("handlaggare1", "handlaggare2", "mottagning1", "enhetschef1")
MANAGERS = {"enhetschef1"}
#: How often each client does what, after logging in.
MIX = {"report": 4, "worklist": 3, "case": 3}
KINDS = ("login", "report", "worklist", "case")
MAX_CLIENTS = 100
MAX_SECONDS = 600
CASE_LINK = re.compile(rb'href="/arenden/(\d+)/"')


@dataclass
class Tally:
    """What the clients saw: times per kind, and the failures."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: Counter[str] = field(default_factory=Counter)

    def note(self, kind: str, seconds: float, failure: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if failure is not None:
                self.errors[kind] += 1
                self.failures[f"{kind}: {failure}"] += 1


class Schedule:
    """All clients log in at once; when the last is in, all work for ``seconds``."""

    def __init__(self, clients: int, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = 0.0
        self.log_in = threading.Barrier(clients)
        self.work = threading.Barrier(clients, action=self._begin)
        self.began = 0.0

    def _begin(self) -> None:
        self.began = time.monotonic()
        self.deadline = self.began + self.seconds


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help=f"1–{MAX_CLIENTS}")
    parser.add_argument("--seconds", type=float, default=60, help=f"1–{MAX_SECONDS}")
    parser.add_argument("--url", help="a server already running on loopback")
    parser.add_argument("--reports", type=int, default=200, help="demo reports to load first")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 1 <= args.clients <= MAX_CLIENTS or not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--clients 1–{MAX_CLIENTS} and --seconds 1–{MAX_SECONDS}")
    return args


class Client(threading.Thread):
    """One person: logs in, then registers reports, reads the work list and opens cases."""

    def __init__(
        self,
        n: int,
        base: str,
        token: str,
        schedule: Schedule,
        known: list[str],
        tally: Tally,
        seed: int,
    ):
        super().__init__(daemon=True)
        self.user = USERS[n % len(USERS)]
        self.browser = Browser(base)
        self.base, self.token, self.schedule = base, token, schedule
        self.known, self.tally = known, tally
        self.rng = random.Random(seed * 1000 + n)
        self.cases: list[int] = []

    def timed(self, kind: str, expected: int, call) -> bytes:
        started = time.perf_counter()
        try:
            answer = call()
        except NoAnswer as exc:
            self.tally.note(kind, time.perf_counter() - started, f"no answer ({exc})")
            return b""
        failure = None
        if answer.status != expected:
            failure = answer.describe()
        self.tally.note(kind, time.perf_counter() - started, failure)
        return answer.body

    def run(self) -> None:
        self.schedule.log_in.wait()
        self.timed("login", 302, lambda: self.browser.log_in(self.user))
        self.schedule.work.wait()
        kinds, weights = zip(*MIX.items(), strict=True)
        while time.monotonic() < self.schedule.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            if kind == "case" and not self.cases:
                kind = "worklist"
            getattr(self, kind)()

    def report(self) -> None:
        # Mostly new children; now and then one already reported (by anyone, at any moment).
        known = self.rng.random() < 1 / 7
        number = self.rng.choice(self.known) if known else synthetic_number(self.rng)
        key = str(uuid.uuid4())
        self.timed(
            "report",
            201,
            lambda: api_post(self.base, self.token, "/reports", report_body(number), key),
        )

    def worklist(self) -> None:
        path = "/enhet/" if self.user in MANAGERS else "/arenden/"
        body = self.timed("worklist", 200, lambda: self.browser.get(path))
        found = [int(i) for i in CASE_LINK.findall(body)]
        if found:
            self.cases = found

    def case(self) -> None:
        case_id = self.rng.choice(self.cases)
        self.timed("case", 200, lambda: self.browser.get(f"/arenden/{case_id}/"))


def main() -> int:
    args = parse_args()
    environment = Environment(private=args.url is None)
    server = None
    try:
        if args.url:
            base = check_loopback(args.url)
        else:
            environment.prepare(args.reports)
            server = Server(environment)
            server.start()
            base = server.url
        tokens = {user: environment.token(user) for user in USERS}
        rng = random.Random(args.seed)
        known = [synthetic_number(rng) for _ in range(10)]
        tally = Tally()
        schedule = Schedule(args.clients, args.seconds)
        clients = [
            Client(n, base, tokens[USERS[n % len(USERS)]], schedule, known, tally, args.seed)
            for n in range(args.clients)
        ]
        for c in clients:
            c.start()
        for c in clients:
            c.join(timeout=args.seconds + 300)
        elapsed = time.monotonic() - schedule.began if schedule.began else 0.0
        stuck = sum(c.is_alive() for c in clients)
    finally:
        if server is not None:
            server.stop()
        environment.close()

    print(
        f"load: {args.clients} clients on {environment.database} ({base}): all log in at once, "
        f"then work for {args.seconds:g} s (until the last answer: {elapsed:.1f} s)"
    )
    print(f"{'kind':<10}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}")
    every: list[float] = []
    for kind in KINDS:
        times = tally.times.get(kind, [])
        every += times
        print(
            f"{kind:<10}{len(times):>10}{tally.errors.get(kind, 0):>8}"
            f"{percentile(times, 50) * 1000:>9.0f}{percentile(times, 95) * 1000:>9.0f}"
        )
    errors = sum(tally.errors.values())
    print(
        f"{'all':<10}{len(every):>10}{errors:>8}"
        f"{percentile(every, 50) * 1000:>9.0f}{percentile(every, 95) * 1000:>9.0f}"
        f"   ({(len(every) - len(tally.times.get('login', []))) / max(elapsed, 1e-9):.0f} requests/s after login)"
    )
    for failure, times in tally.failures.most_common(8):
        print(f"  {times} × {failure}")
    if stuck:
        print(f"{stuck} clients still waiting for an answer at the end")
    return 1 if errors or stuck else 0


if __name__ == "__main__":
    sys.exit(main())
