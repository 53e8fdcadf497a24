"""The import of employment periods from the HR system's CSV export (decision 0031).

Like the user import (``csv_import``): ``preview`` reads the file and checks every row,
collecting every problem as a Swedish message with the row number, and writes nothing;
``import_periods`` checks it again and, only when no row is wrong, writes every row in one
transaction (all or nothing). A row whose person, unit and start day match a period already
kept is a correction of it (``employment.correct_period``), any other row is appended
(``employment.record_period``); so importing the same file twice changes nothing.

The columns (a header row; ``;`` or ``,`` as separator; UTF-8, with or without BOM)::

    anvandarnamn;enhet;roll;fran;till;orsak
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from skyddsnat.accounts import employment, policy
from skyddsnat.accounts.csv_import import MAX_ROWS, decode
from skyddsnat.accounts.models import EmploymentPeriod, Role, User
from skyddsnat.audit import services as audit
from skyddsnat.errors import Collector, Forbidden, InvalidInput

__all__ = ["COLUMNS", "Preview", "Row", "decode", "import_periods", "preview"]

COLUMNS = ("anvandarnamn", "enhet", "roll", "fran", "till", "orsak")
REQUIRED = ("anvandarnamn", "enhet", "fran")
#: The ``PeriodData`` fields in the Swedish of the file's columns.
FIELD_COLUMNS = {
    "user": "anvandarnamn",
    "unit": "enhet",
    "role": "roll",
    "started_on": "fran",
    "ended_on": "till",
    "reason_for_leaving": "orsak",
}


@dataclass
class Row:
    """One row: its number (the header is row 1), what it says, and what is wrong with it."""

    number: int
    username: str
    data: employment.PeriodData | None
    period_id: int | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    rows: list[Row]
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors and all(not r.errors for r in self.rows)

    @property
    def new(self) -> int:
        return sum(1 for r in self.rows if r.period_id is None)

    @property
    def corrected(self) -> int:
        return sum(1 for r in self.rows if r.period_id is not None)


def _choice(value: str, choices: Sequence[tuple[str, object]]) -> str | None:
    """Return the code whose code or Swedish label is ``value`` (any case), or None."""
    wanted = value.strip().lower()
    for code, label in choices:
        if wanted in (code, str(label).lower()):
            return code
    return None


def _date(value: str, column: str, errors: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{column}: skriv datumet som ÅÅÅÅ-MM-DD (inte {value[:20]!r}).")
        return None


def preview(*, acting_user: User, text: str) -> Preview:
    """Read ``text`` and check every row; write nothing."""
    if not policy.can_keep_staff(acting_user):
        raise Forbidden(employment.NOT_MANAGER)
    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return Preview([], [f"Rubrikraden saknar kolumnerna: {', '.join(missing)}."])
    reader.fieldnames = header
    raw = []
    for number, values in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            return Preview([], [f"Filen har fler än {MAX_ROWS} rader."])
        if not any((v or "").strip() for v in values.values() if isinstance(v, str)):
            continue
        raw.append((number, {k: (values.get(k) or "").strip() for k in COLUMNS}))
    if not raw:
        return Preview([], ["Filen har inga rader med anställningar."])
    names = {values["anvandarnamn"].lower() for _n, values in raw}
    users = {
        u.username: u
        for u in User.objects.filter(username__in=names, municipality=acting_user.municipality)
    }
    units = {u.name.lower(): u for u in policy.staff_units(acting_user)}
    kept = {
        (p.user_id, p.unit_id, p.started_on): p.pk
        for p in EmploymentPeriod.objects.filter(user__in=users.values())
    }
    seen: dict[tuple[int, int, date], int] = {}
    rows = [
        _check_row(acting_user, number, values, users, units, kept, seen) for number, values in raw
    ]
    _check_overlaps_in_file(rows)
    return Preview(rows, [])


def _check_row(
    acting_user: User,
    number: int,
    values: dict[str, str],
    users: dict[str, User],
    units: dict,
    kept: dict[tuple[int, int, date], int],
    seen: dict[tuple[int, int, date], int],
) -> Row:
    errors: list[str] = []
    username = values["anvandarnamn"].lower()
    for column in REQUIRED:
        if not values[column]:
            errors.append(f"{column}: saknas.")
    user = users.get(username)
    if username and user is None:
        errors.append(f"anvandarnamn: {username[:60]!r} finns inte i kommunen.")
    unit = units.get(values["enhet"].lower())
    if values["enhet"] and unit is None:
        errors.append(f"enhet: {values['enhet'][:60]!r} är inte en av dina enheter.")
    role = user.role if user is not None else ""
    if values["roll"]:
        role = _choice(values["roll"], Role.choices) or ""
        if not role:
            errors.append(f"roll: {values['roll'][:30]!r} är ingen roll (t.ex. Handläggare).")
    start = _date(values["fran"], "fran", errors)
    end = _date(values["till"], "till", errors)
    reason = ""
    if values["orsak"]:
        reason = _choice(values["orsak"], EmploymentPeriod.Reason.choices) or ""
        if not reason:
            errors.append(
                f"orsak: {values['orsak'][:40]!r} är ingen orsak (t.ex. Egen uppsägning)."
            )
    if errors or user is None or unit is None or start is None:
        return Row(number, username, None, errors=errors)
    key = (user.pk, unit.pk, start)
    if key in seen:
        errors.append(f"fran: samma person, enhet och startdag finns redan på rad {seen[key]}.")
    seen.setdefault(key, number)
    data = employment.PeriodData(user.pk, unit.pk, role, start, end, reason)
    period_id = kept.get(key)
    collector = Collector()
    employment.check(acting_user, data, collector, period_id=period_id, user=user)
    for name, messages in collector.errors.items():
        for message in messages:
            errors.append(f"{FIELD_COLUMNS.get(name, name)}: {message}")
    return Row(number, username, data, period_id=period_id, errors=errors)


def _check_overlaps_in_file(rows: list[Row]) -> None:
    """Mark rows whose periods overlap another row's for the same person and unit."""
    by_key: dict[tuple[int, int], list[Row]] = {}
    for row in rows:
        if row.data is not None:
            by_key.setdefault((row.data.user_id, row.data.unit_id), []).append(row)
    for group in by_key.values():
        group.sort(key=lambda r: r.data.started_on if r.data and r.data.started_on else date.min)
        for earlier, later in itertools.pairwise(group):
            assert earlier.data is not None and later.data is not None
            assert later.data.started_on is not None
            if earlier.data.ended_on is None or earlier.data.ended_on >= later.data.started_on:
                later.errors.append(
                    f"fran: perioden överlappar perioden på rad {earlier.number} "
                    "för samma person i samma enhet."
                )


def import_periods(*, acting_user: User, text: str) -> Preview:
    """Write every period of the file in one transaction, or none if any row is wrong."""
    result = preview(acting_user=acting_user, text=text)
    if not result.ok:
        raise InvalidInput("Filen har fel; ingenting har sparats.", {"file": result.errors})
    with transaction.atomic():
        for row in result.rows:
            assert row.data is not None
            if row.period_id is None:
                employment.record_period(acting_user=acting_user, data=row.data)
            else:
                employment.correct_period(
                    acting_user=acting_user, period_id=row.period_id, data=row.data
                )
        audit.record(
            actor=acting_user,
            action="create",
            object_type="accounts.employment_import",
            detail=f"employment=imported;new={result.new};corrected={result.corrected}",
        )
    return result
