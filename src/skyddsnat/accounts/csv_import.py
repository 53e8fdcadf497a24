"""The CSV import of users from the municipality's HR or AD export (docs/administration.md).

``preview`` reads the file and checks every row, collecting every problem as a Swedish message
with the row number; ``import_users`` reads and checks it again and, only when no row is wrong,
creates or updates every user in one transaction (all or nothing). It is idempotent by
username: a username already in the municipality is updated, a new one created (without a
password: the administrator gives her a set-password link; she enrols her second factor at her
first login). A username of another municipality is an error, never touched.

The columns (a header row; ``;`` or ``,`` as separator; UTF-8, with or without BOM)::

    anvandarnamn;fornamn;efternamn;epost;roll;enheter;anstalld_fran;anstalld_till
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from skyddsnat.accounts import administration, policy
from skyddsnat.accounts.models import Role, Unit, User
from skyddsnat.errors import Collector, Forbidden, InvalidInput
from skyddsnat.limits import bad_character

COLUMNS = (
    "anvandarnamn",
    "fornamn",
    "efternamn",
    "epost",
    "roll",
    "enheter",
    "anstalld_fran",
    "anstalld_till",
    "sso_identitet",
)
#: The optional column of the user's identity at the identity provider (decision 0024): a file
#: with it sets it (an empty cell removes it); a file without it leaves it as it is.
SSO_COLUMN = "sso_identitet"
REQUIRED = ("anvandarnamn", "fornamn", "efternamn", "roll")
MAX_ROWS = 2000
#: Small enough that the preview can post the file's text back, form-encoded, within
#: ``limits.MAX_BODY_BYTES`` (1 MiB).
MAX_BYTES = 300_000
#: The field names of ``UserData`` in the Swedish of the file's columns.
FIELD_COLUMNS = {
    "username": "anvandarnamn",
    "first_name": "fornamn",
    "last_name": "efternamn",
    "email": "epost",
    "role": "roll",
    "units": "enheter",
    "employment_started_on": "anstalld_fran",
    "employment_ended_on": "anstalld_till",
    "ended_on": "anstalld_till",
    "sso_subject": SSO_COLUMN,
}


@dataclass
class Row:
    """One row of the file: its number (the header is row 1), what it says, what is wrong."""

    number: int
    username: str
    data: administration.UserData | None
    existing: bool = False
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    rows: list[Row]
    errors: list[str]  # about the file as a whole

    @property
    def ok(self) -> bool:
        return not self.errors and all(not r.errors for r in self.rows)

    @property
    def new(self) -> int:
        return sum(1 for r in self.rows if not r.existing)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.existing)


def decode(content: bytes) -> str:
    """Return the file's text; raise ``InvalidInput`` if it is too big or not UTF-8."""
    if len(content) > MAX_BYTES:
        raise InvalidInput.field("file", "Filen är för stor (högst 300 kB, cirka 2 000 rader).")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.field("file", "Filen måste vara sparad som UTF-8.") from None
    if bad_character(text):
        raise InvalidInput.field("file", "Filen innehåller tecken som inte kan sparas (NUL).")
    return text


def _role(value: str) -> str:
    value = value.strip()
    for code, label in Role.choices:
        if value.lower() in (code, str(label).lower()):
            return code
    return ""


def _date(value: str, column: str, errors: list[str]) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{column}: skriv datumet som ÅÅÅÅ-MM-DD (inte {value[:20]!r}).")
        return None


def preview(*, acting_user: User, text: str) -> Preview:
    """Read ``text`` and check every row; write nothing."""
    if not policy.can_administer(acting_user):
        raise Forbidden(administration.NOT_ADMIN)
    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return Preview([], [f"Rubrikraden saknar kolumnerna: {', '.join(missing)}."])
    reader.fieldnames = header
    units = {u.name.lower(): u for u in policy.administered_units(acting_user)}
    raw = []
    for number, values in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            return Preview([], [f"Filen har fler än {MAX_ROWS} rader."])
        if not any((v or "").strip() for v in values.values() if isinstance(v, str)):
            continue
        raw.append((number, {k: (values.get(k) or "").strip() for k in COLUMNS}))
    names = [values["anvandarnamn"].lower() for _n, values in raw]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    seen: dict[str, int] = {}
    sso = SSO_COLUMN in header
    rows = [
        _check_row(acting_user, number, values, units, users, seen, sso) for number, values in raw
    ]
    if not rows:
        return Preview([], ["Filen har inga rader med användare."])
    return Preview(rows, [])


def _check_row(
    acting_user: User,
    number: int,
    values: dict[str, str],
    units: dict[str, Unit],
    users: dict[str, User],
    seen: dict[str, int],
    sso_column: bool = False,
) -> Row:
    errors: list[str] = []
    username = values["anvandarnamn"].lower()
    for column in REQUIRED:
        if not values[column]:
            errors.append(f"{column}: saknas.")
    role = _role(values["roll"])
    if values["roll"] and not role:
        errors.append(
            f"roll: {values['roll'][:30]!r} är ingen roll (t.ex. caseworker eller Handläggare)."
        )
    unit_ids = []
    for name in filter(None, (n.strip() for n in values["enheter"].split("|"))):
        unit = units.get(name.lower())
        if unit is None:
            errors.append(f"enheter: {name[:60]!r} finns inte i kommunen.")
        else:
            unit_ids.append(unit.pk)
    start = _date(values["anstalld_fran"], "anstalld_fran", errors)
    end = _date(values["anstalld_till"], "anstalld_till", errors)
    if username in seen:
        errors.append(f"anvandarnamn: {username!r} finns redan på rad {seen[username]}.")
    seen.setdefault(username, number)
    existing = users.get(username)
    if existing is not None and existing.municipality_id != acting_user.municipality_id:
        errors.append(f"anvandarnamn: {username!r} är upptaget.")
    sso_subject = existing.sso_subject if existing is not None else ""
    if sso_column:
        sso_subject = values[SSO_COLUMN]
        key = "sso:" + sso_subject.lower()  # no username has a colon
        if sso_subject and key in seen:
            errors.append(f"{SSO_COLUMN}: samma SSO-identitet finns redan på rad {seen[key]}.")
        if sso_subject:
            seen.setdefault(key, number)
    data = administration.UserData(
        first_name=values["fornamn"],
        last_name=values["efternamn"],
        email=values["epost"],
        role=role,
        unit_ids=tuple(unit_ids),
        employment_started_on=start,
        employment_ended_on=end,
        sso_subject=sso_subject,
    )
    collector = Collector()
    if username:
        administration.check_username(username, collector)
    if not errors:
        administration.check_user_data(
            acting_user, data, collector, user_id=existing.pk if existing is not None else None
        )
    for name, messages in collector.errors.items():
        for message in messages:
            errors.append(f"{FIELD_COLUMNS.get(name, name)}: {message}")
    return Row(number, username, data, existing=existing is not None, errors=errors)


def import_users(*, acting_user: User, text: str) -> Preview:
    """Create or update every user of the file in one transaction, or none if any row is wrong."""
    result = preview(acting_user=acting_user, text=text)
    if not result.ok:
        raise InvalidInput("Filen har fel; ingenting har sparats.", {"file": result.errors})
    with transaction.atomic():
        for row in result.rows:
            assert row.data is not None
            user = User.objects.filter(username=row.username).first()
            if user is None:
                administration.create_user(
                    acting_user=acting_user, username=row.username, data=row.data
                )
            else:
                administration.update_user(acting_user=acting_user, user_id=user.pk, data=row.data)
        administration.record_import(
            acting_user=acting_user, created=result.new, updated=result.updated
        )
    return result
