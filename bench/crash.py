"""Crash (never part of the test run): reports sent while the server is killed and restarted.

Run with ``make bench-crash`` (SQLite) or ``.ci/with-postgres .venv/bin/python bench/crash.py``
(PostgreSQL). It migrates a fresh database (a temporary SQLite file, or ``DATABASE_URL``),
loads a small demo and starts ``manage.py runserver`` on a free loopback port. ``--clients``
systems then send ``--submissions`` reports through the API, each with its own
``Idempotency-Key``, while the server process is killed with SIGKILL at random moments
(``--kill-after`` seconds after it last came up) and started again. A client that gets no
answer (refused, reset, cut off) or an error sends the same request with the same key again,
until it is acknowledged (201) or ``--max-seconds`` have passed.

At the end it counts the reports in the database by a marker each submission carries in its
text, and prints: attempted, acknowledged, stored, lost (acknowledged but not stored under the
id the answer gave), duplicated (stored more than once), incomplete (a stored report without
exactly one case), the requests that got no answer, the error answers, and the submissions
never acknowledged; and exits non-zero on any loss, duplicate, incomplete report, error answer
or submission never acknowledged. ``--without-key`` sends no key, to see the count catch the
duplicates a retry then makes (when a kill falls between the commit and the answer).
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from serving import Environment, NoAnswer, Server, api_post, report_body, synthetic_number

USER = "mottagning1"
MAX_SUBMISSIONS = 5000


@dataclass
class Outcome:
    """What the clients saw."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: dict[str, int] = field(default_factory=dict)  # marker → the report's id
    replayed: int = 0
    no_answer: int = 0
    cut_off: int = 0
    unanswered: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    kills: int = 0
    broken: str = ""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200, help=f"1–{MAX_SUBMISSIONS}")
    parser.add_argument("--clients", type=int, default=4, help="1–32")
    parser.add_argument(
        "--kill-after",
        type=float,
        nargs=2,
        default=(0.2, 1.5),
        metavar=("MIN", "MAX"),
        help="seconds after the server came up before it is killed (uniform)",
    )
    parser.add_argument("--reports", type=int, default=20, help="demo reports to load first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-seconds", type=float, default=600, help="give up on what is left after this"
    )
    parser.add_argument(
        "--without-key",
        action="store_true",
        help="send no Idempotency-Key (the count should then catch duplicates)",
    )
    args = parser.parse_args()
    if not 1 <= args.submissions <= MAX_SUBMISSIONS or not 1 <= args.clients <= 32:
        parser.error(f"--submissions 1–{MAX_SUBMISSIONS} and --clients 1–32")
    if not 0 < args.max_seconds <= 3600 or not 0 < args.kill_after[0] <= args.kill_after[1]:
        parser.error("--max-seconds up to 3600, --kill-after MIN MAX with 0 < MIN <= MAX")
    return args


def send(server: Server, token: str, work: queue.Queue, outcome: Outcome, until: float) -> None:
    """Send each submission until it is acknowledged; send it again, with the same key, when
    no answer or an error came. Past ``until`` (or if the server cannot be restarted), what is
    left stays unacknowledged."""
    while True:
        try:
            marker, key, body = work.get_nowait()
        except queue.Empty:
            return
        while not acknowledge(server, token, marker, key, body, outcome):
            if time.monotonic() > until or outcome.broken:
                with outcome.lock:
                    outcome.unanswered.append(marker)
                break
            time.sleep(0.1)


def acknowledge(
    server: Server, token: str, marker: str, key: str | None, body: dict, outcome: Outcome
) -> bool:
    """Send one submission once; return whether it was acknowledged (201 with the report)."""
    try:
        answer = api_post(server.url, token, "/reports", body, key)
    except NoAnswer:
        with outcome.lock:
            outcome.no_answer += 1
        return False
    if answer.status != 201:
        with outcome.lock:
            outcome.errors[answer.describe()] += 1
        return False
    try:
        pk = answer.json()["id"]
    except (ValueError, KeyError):  # cut off mid-answer by the kill: no answer after all
        with outcome.lock:
            outcome.cut_off += 1
        return False
    with outcome.lock:
        outcome.acknowledged[marker] = pk
        outcome.replayed += dict(answer.headers).get("Idempotent-Replayed") == "true"
    return True


def keep_killing(
    server: Server,
    rng: random.Random,
    after: tuple[float, float],
    done: threading.Event,
    outcome: Outcome,
) -> None:
    """Kill the server at a random moment after each start, and start it again, until ``done``
    is set (leaving it up)."""
    try:
        while not done.wait(rng.uniform(*after)):
            server.kill()
            outcome.kills += 1
            server.start()
    except SystemExit as exc:  # the server did not come back
        outcome.broken = str(exc)


STORED = """
import json
from django.db.models import Count
from skyddsnat.intake.models import Report
rows = Report.objects.filter(account__startswith={prefix!r}).annotate(n=Count("cases"))
print(json.dumps([[r.account, r.pk, r.n] for r in rows]))
"""


def main() -> int:
    args = parse_args()
    rng = random.Random(args.seed)
    run = uuid.uuid4().hex[:8]
    prefix = f"crash-{run}-"
    environment = Environment()
    server = Server(environment)
    try:
        environment.prepare(args.reports)
        token = environment.token(USER)
        work: queue.Queue = queue.Queue()
        for i in range(args.submissions):
            marker = f"{prefix}{i:05d}"
            key = None if args.without_key else str(uuid.uuid4())
            work.put((marker, key, report_body(synthetic_number(rng), marker)))
        server.start()
        outcome = Outcome()
        done = threading.Event()
        began = time.monotonic()
        killer = threading.Thread(
            target=keep_killing, args=(server, rng, args.kill_after, done, outcome)
        )
        clients = [
            threading.Thread(
                target=send, args=(server, token, work, outcome, began + args.max_seconds)
            )
            for _ in range(args.clients)
        ]
        killer.start()
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        done.set()
        killer.join()
        elapsed = time.monotonic() - began
        server.stop()
        stored_rows = json.loads(environment.python(STORED.format(prefix=prefix)))
    finally:
        server.stop()
        environment.close()

    stored: dict[str, list[int]] = {}
    incomplete = 0
    for marker, pk, cases in stored_rows:
        stored.setdefault(marker, []).append(pk)
        incomplete += cases != 1
    lost = [m for m, pk in outcome.acknowledged.items() if pk not in stored.get(m, [])]
    duplicated = [m for m, pks in stored.items() if len(pks) > 1]
    errors = sum(outcome.errors.values())
    keys = "no keys" if args.without_key else "a key each"
    print(
        f"crash: {args.submissions} reports ({keys}) from {args.clients} clients on "
        f"{environment.database}; the server killed (SIGKILL) {outcome.kills} times and "
        f"started {server.starts} times in {elapsed:.1f} s"
    )
    lines = [
        ("attempted", args.submissions, ""),
        ("acknowledged", len(outcome.acknowledged), f"{outcome.replayed} replayed"),
        ("stored", len(stored), f"{len(stored_rows)} reports"),
        ("lost", len(lost), "acknowledged, not stored"),
        ("duplicated", len(duplicated), "stored more than once"),
        ("incomplete", incomplete, "a report without its case"),
        ("no answer", outcome.no_answer, f"+ {outcome.cut_off} cut off; each sent again"),
        ("error answers", errors, ""),
        ("not acknowledged", len(outcome.unanswered), f"given up after {args.max_seconds:g} s"),
    ]
    for name, number, note in lines:
        print(f"  {name:<18}{number:>6}  {note}".rstrip())
    if outcome.broken:
        print(f"  the server could not be restarted: {outcome.broken}")
    for failure, times in outcome.errors.most_common(5):
        print(f"    {times} × {failure}")
    bad = lost or duplicated or incomplete or errors or len(outcome.acknowledged) < args.submissions
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
