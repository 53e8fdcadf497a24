"""Administration: the administrator's writes on her municipality's units, users and API tokens.

Every service takes the acting administrator (keyword-only ``acting_user``) and ids, loads the
object from ``policy.administered_*`` (another municipality's is ``NotFound``, a user who is no
administrator gets ``Forbidden``), runs in one transaction, and writes an audit row: action
``create`` or ``update`` on the object, the administrator as actor, and ``detail`` starting with
``admin=<event>`` (``EVENTS``) and naming the user or unit by id — never a name, a password, a
token or a TOTP key. ``/administration/logg/`` lists those rows in Swedish words.

Deactivating a user ends her open sessions at once (the database session engine: her session
rows are deleted) and revokes her API tokens (``services.revoke_api_tokens_of``); resetting her
second factor removes her TOTP devices and sessions, so that she enrols a new one at her next
login (``two_factor``). The CSV import is ``csv_import``. Creating, changing and deactivating
a user keeps her employment periods with the account (``employment.account_*``, decision 0040).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from skyddsnat import clock
from skyddsnat.accounts import employment, policy, services
from skyddsnat.accounts.models import (
    API_TOKEN_LIFETIME,
    ApiToken,
    ChildPopulation,
    Municipality,
    Unit,
    User,
)
from skyddsnat.audit import services as audit
from skyddsnat.errors import Collector, Forbidden, NotFound, StateConflict

#: The administration events of the audit log (``detail`` = ``admin=<code>;…``), in Swedish.
EVENTS = {
    "unit_created": _("Enhet skapad"),
    "unit_updated": _("Enhet ändrad"),
    "unit_deactivated": _("Enhet inaktiverad"),
    "unit_activated": _("Enhet aktiverad"),
    "user_created": _("Användare skapad"),
    "user_updated": _("Användare ändrad"),
    "user_deactivated": _("Användare inaktiverad"),
    "user_reactivated": _("Användare återaktiverad"),
    "second_factor_reset": _("Andra faktorn återställd"),
    "password_link": _("Länk för att välja lösenord skapad"),
    "token_issued": _("API-nyckel utfärdad"),
    "token_revoked": _("API-nyckel återkallad"),
    "users_imported": _("Användare importerade från fil"),
    "population_set": _("Antal barn i kommunen angivet"),
    "retention_plan_set": _("Informationshanteringsplanen ändrad"),
    "roll_forward_set": _("Inställning för nämndens frister ändrad"),
}

NOT_ADMIN = "Administrationen är till för administratörer."
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")


def _require_admin(user: User) -> None:
    if not policy.can_administer(user):
        raise Forbidden(NOT_ADMIN)


def _audit(acting_user: User, action: str, obj: object, event: str, **ids: object) -> None:
    detail = ";".join([f"admin={event}", *(f"{k}={v}" for k, v in ids.items())])
    audit.record(actor=acting_user, action=action, obj=obj, detail=detail[:200])


def _unit(acting_user: User, unit_id: int, *, lock: bool = True) -> Unit:
    _require_admin(acting_user)
    qs = policy.administered_units(acting_user)
    unit = (qs.select_for_update() if lock else qs).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("Enheten finns inte.")
    return unit


def _user(acting_user: User, user_id: int, *, lock: bool = True) -> User:
    _require_admin(acting_user)
    qs = policy.administered_users(acting_user)
    user = (qs.select_for_update() if lock else qs).filter(pk=user_id).first()
    if user is None:
        raise NotFound("Användaren finns inte.")
    return user


# --- units ---------------------------------------------------------------------------------


def _check_unit(errors: Collector, acting_user: User, name: str, kind: str, pk: int | None) -> None:
    errors.check(bool(name), "name", "Ange enhetens namn.")
    errors.check(len(name) <= 100, "name", "Skriv högst 100 tecken.")
    errors.check(kind in Unit.Kind.values, "kind", "Välj en typ av enhet.")
    taken = policy.administered_units(acting_user).filter(name__iexact=name)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    errors.check(not taken.exists(), "name", "Det finns redan en enhet med det namnet.")


@transaction.atomic
def create_unit(*, acting_user: User, name: str, kind: str) -> Unit:
    """Create a unit in the administrator's municipality."""
    _require_admin(acting_user)
    name = name.strip()
    errors = Collector()
    _check_unit(errors, acting_user, name, kind, None)
    errors.raise_if_any()
    municipality = acting_user.municipality
    assert municipality is not None  # an administrator belongs to one (policy.can_administer)
    unit = Unit.objects.create(municipality=municipality, name=name, kind=kind)
    _audit(acting_user, "create", unit, "unit_created", unit=unit.pk)
    return unit


@transaction.atomic
def update_unit(*, acting_user: User, unit_id: int, name: str, kind: str) -> Unit:
    """Rename the unit and set its kind (the only setting a unit has)."""
    unit = _unit(acting_user, unit_id)
    name = name.strip()
    errors = Collector()
    _check_unit(errors, acting_user, name, kind, unit.pk)
    errors.raise_if_any()
    unit.name, unit.kind = name, kind
    unit.save(update_fields=["name", "kind"])
    _audit(acting_user, "update", unit, "unit_updated", unit=unit.pk)
    return unit


@transaction.atomic
def set_unit_active(*, acting_user: User, unit_id: int, active: bool) -> Unit:
    """Activate or deactivate the unit; an inactive unit keeps its cases and members."""
    unit = _unit(acting_user, unit_id)
    if unit.is_active == active:
        raise StateConflict("Enheten är redan aktiv." if active else "Enheten är redan inaktiv.")
    unit.is_active = active
    unit.save(update_fields=["is_active"])
    _audit(
        acting_user,
        "update",
        unit,
        "unit_activated" if active else "unit_deactivated",
        unit=unit.pk,
    )
    return unit


# --- users ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserData:
    """What the administrator says about a user (the form and a CSV row alike)."""

    first_name: str
    last_name: str
    email: str
    role: str
    unit_ids: tuple[int, ...]
    employment_started_on: date | None
    employment_ended_on: date | None
    #: Her identity at the identity provider (single sign-on, decision 0024); "" for none.
    sso_subject: str = ""


def check_user_data(
    acting_user: User,
    data: UserData,
    errors: Collector,
    current: frozenset[int] = frozenset(),
    user_id: int | None = None,
) -> list[Unit]:
    """Add to ``errors`` what is wrong with ``data``; return its units.

    An inactive unit gets no new members; the user keeps one of ``current`` (her units now).
    """
    errors.check(bool(data.first_name.strip()), "first_name", "Ange förnamn.")
    errors.check(bool(data.last_name.strip()), "last_name", "Ange efternamn.")
    errors.check(len(data.first_name) <= 150, "first_name", "Skriv högst 150 tecken.")
    errors.check(len(data.last_name) <= 150, "last_name", "Skriv högst 150 tecken.")
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            errors.add("email", "Ange en giltig e-postadress.")
    errors.check(policy.is_role(data.role), "role", "Välj en roll.")
    units = list(policy.administered_units(acting_user).filter(pk__in=data.unit_ids))
    errors.check(len(units) == len(set(data.unit_ids)), "units", "Välj enheter i din egen kommun.")
    errors.check(
        all(u.is_active or u.pk in current for u in units),
        "units",
        "En inaktiv enhet kan inte få nya medlemmar.",
    )
    sso_subject = data.sso_subject.strip()
    errors.check(len(sso_subject) <= 255, "sso_subject", "Skriv högst 255 tecken.")
    if sso_subject:
        others = User.objects.filter(sso_subject__iexact=sso_subject)
        if user_id is not None:
            others = others.exclude(pk=user_id)
        errors.check(
            not others.exists(),
            "sso_subject",
            "SSO-identiteten är redan kopplad till en annan användare.",
        )
    start, end = data.employment_started_on, data.employment_ended_on
    errors.check(
        start is None or end is None or end >= start,
        "employment_ended_on",
        "Anställningen kan inte sluta före den börjar.",
    )
    return units


def check_username(username: str, errors: Collector) -> None:
    errors.check(bool(username), "username", "Ange ett användarnamn.")
    errors.check(len(username) <= 150, "username", "Skriv högst 150 tecken.")
    errors.check(
        set(username) <= USERNAME_CHARS,
        "username",
        "Använd bara små bokstäver a–z, siffror och . _ - @ i användarnamnet.",
    )


@transaction.atomic
def create_user(*, acting_user: User, username: str, data: UserData, password: str = "") -> User:
    """Create a user in the administrator's municipality.

    With ``password`` she logs in with it; without, she has no usable password until she sets
    one through ``password_link``. Either way she enrols her second factor at her first login.
    """
    _require_admin(acting_user)
    username = username.strip().lower()
    errors = Collector()
    check_username(username, errors)
    errors.check(
        not User.objects.filter(username=username).exists(),
        "username",
        "Användarnamnet är upptaget.",
    )
    units = check_user_data(acting_user, data, errors)
    candidate = User(username=username, first_name=data.first_name, last_name=data.last_name)
    if password:
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            for message in exc.messages:
                errors.add("password", message)
    errors.raise_if_any()
    user = _save_new_user(acting_user, username, data, password)
    user.units.set(units)
    employment.account_created(acting_user=acting_user, user=user, unit_ids=[u.pk for u in units])
    _audit(acting_user, "create", user, "user_created", user=user.pk)
    return user


def _save_new_user(acting_user: User, username: str, data: UserData, password: str) -> User:
    user = User(
        username=username,
        municipality_id=acting_user.municipality_id,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        role=data.role,
        employment_started_on=data.employment_started_on,
        employment_ended_on=data.employment_ended_on,
        sso_subject=data.sso_subject.strip(),
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def update_user(*, acting_user: User, user_id: int, data: UserData) -> User:
    """Change the user's name, e-mail, role, units and employment dates."""
    user = _user(acting_user, user_id)
    errors = Collector()
    current = frozenset(user.units.values_list("pk", flat=True))
    units = check_user_data(acting_user, data, errors, current, user.pk)
    errors.check(
        not policy.is_role(data.role) or policy.may_give_role(acting_user, user, data.role),
        "role",
        "Du kan inte ta bort din egen administratörsroll.",
    )
    errors.raise_if_any()
    old_role = user.role
    _apply(user, data)
    user.save()
    user.units.set(units)
    employment.account_changed(
        acting_user=acting_user, user=user, old_role=old_role, old_unit_ids=sorted(current)
    )
    _audit(acting_user, "update", user, "user_updated", user=user.pk)
    return user


def _apply(user: User, data: UserData) -> None:
    user.first_name = data.first_name.strip()
    user.last_name = data.last_name.strip()
    user.email = data.email.strip()
    user.role = data.role
    user.employment_started_on = data.employment_started_on
    user.employment_ended_on = data.employment_ended_on
    user.sso_subject = data.sso_subject.strip()


def end_sessions(user: User) -> int:
    """Delete the open sessions of ``user`` (the database session engine); return how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def deactivate_user(*, acting_user: User, user_id: int, ended_on: date | None = None) -> User:
    """Deactivate the user: she is logged out at once and her API tokens are revoked.

    ``ended_on`` is her last day of employment (unless given: today, or the day it already
    ended if that was earlier; never before she started).
    """
    user = _user(acting_user, user_id)
    if not policy.may_deactivate(acting_user, user):
        raise Forbidden("Du kan inte inaktivera dig själv.")
    if not user.is_active:
        raise StateConflict("Användaren är redan inaktiverad.")
    if ended_on is None:
        # Today, unless her employment already ended earlier.
        earlier = user.employment_ended_on
        ended_on = earlier if earlier is not None and earlier < clock.today() else clock.today()
    started = user.employment_started_on
    if started is not None and ended_on < started:
        errors = Collector()
        errors.add("ended_on", "Anställningen kan inte sluta före den börjar.")
        errors.raise_if_any()
    revoked = services.revoke_api_tokens_of(user=user, because=ApiToken.Revocation.USER_INACTIVE)
    user.is_active = False
    user.employment_ended_on = ended_on
    user.save(update_fields=["is_active", "employment_ended_on"])
    employment.account_closed(acting_user=acting_user, user=user, last_day=ended_on)
    sessions = end_sessions(user)
    _audit(
        acting_user,
        "update",
        user,
        "user_deactivated",
        user=user.pk,
        tokens=revoked,
        sessions=sessions,
    )
    return user


@transaction.atomic
def reactivate_user(*, acting_user: User, user_id: int) -> User:
    """Make the user active again, with no end of employment (her old tokens stay revoked);
    her periods in her units go on from today (``employment.account_reopened``)."""
    user = _user(acting_user, user_id)
    if user.is_active:
        raise StateConflict("Användaren är redan aktiv.")
    user.is_active = True
    user.employment_ended_on = None
    user.save(update_fields=["is_active", "employment_ended_on"])
    employment.account_reopened(acting_user=acting_user, user=user)
    _audit(acting_user, "update", user, "user_reactivated", user=user.pk)
    return user


@transaction.atomic
def reset_second_factor(*, acting_user: User, user_id: int) -> int:
    """Remove the user's TOTP devices and end her sessions; return how many devices went.

    At her next login she enrols a new authenticator app (``two_factor``).
    """
    user = _user(acting_user, user_id)
    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    end_sessions(user)
    _audit(acting_user, "update", user, "second_factor_reset", user=user.pk, devices=removed)
    return removed


def password_link(*, acting_user: User, user_id: int) -> str:
    """Return a one-time link (a path) with which the user chooses her password.

    It is valid until used (the token covers the password hash and the last login) or for
    ``PASSWORD_RESET_TIMEOUT``; it is shown to the administrator once and never stored.
    """
    with transaction.atomic():
        user = _user(acting_user, user_id)
        if not user.is_active:
            raise StateConflict("Användaren är inaktiverad.")
        _audit(acting_user, "update", user, "password_link", user=user.pk)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("set_password", kwargs={"uidb64": uid, "token": token})


# --- API tokens ----------------------------------------------------------------------------


@transaction.atomic
def issue_token(
    *, acting_user: User, user_id: int, days: int = API_TOKEN_LIFETIME.days, label: str = ""
) -> tuple[ApiToken, str]:
    """Issue an API token for the user; return the row and the token (shown once)."""
    user = _user(acting_user, user_id)
    row, token = services.issue_api_token(user=user, valid_for=timedelta(days=days), label=label)
    _audit(acting_user, "create", row, "token_issued", user=user.pk, token=row.pk)
    return row, token


@transaction.atomic
def revoke_token(*, acting_user: User, token_id: int) -> ApiToken:
    """Revoke the API token at once."""
    _require_admin(acting_user)
    if not policy.administered_tokens(acting_user).filter(pk=token_id).exists():
        raise NotFound("API-nyckeln finns inte.")
    row = services.revoke_api_token(token_id=token_id)
    _audit(acting_user, "update", row, "token_revoked", user=row.user_id, token=row.pk)
    return row


def record_import(*, acting_user: User, created: int, updated: int) -> None:
    """Audit a CSV import as a whole (each user it created or changed has its own row)."""
    _require_admin(acting_user)
    audit.record(
        actor=acting_user,
        action="create",
        object_type="accounts.user_import",
        detail=f"admin=users_imported;created={created};updated={updated}",
    )


def active_units(acting_user: User) -> Iterable[Unit]:
    """Return the active units the administrator may give members."""
    return policy.administered_units(acting_user).filter(is_active=True)


# --- the municipality's children ---------------------------------------------------------------

#: The first year a population may be given for (the indicators' history starts later).
FIRST_POPULATION_YEAR = 1990
#: More children 0–17 than any Swedish municipality has (Stockholm: about 200 000).
MAX_CHILDREN = 1_000_000


@transaction.atomic
def set_child_population(*, acting_user: User, year: int, children: int) -> ChildPopulation:
    """Record how many children 0–17 lived in the municipality in ``year`` (SCB's figure on
    31 December); the indicators per 1 000 children are counted from it. A year given again
    is replaced, and the log keeps what it was."""
    _require_admin(acting_user)
    errors = Collector()
    last = clock.today().year
    errors.check(
        FIRST_POPULATION_YEAR <= year <= last,
        "year",
        f"Ange ett år mellan {FIRST_POPULATION_YEAR} och {last}.",
    )
    errors.check(
        1 <= children <= MAX_CHILDREN,
        "children",
        f"Ange antalet barn som ett heltal mellan 1 och {MAX_CHILDREN:,}.".replace(",", " "),
    )
    errors.raise_if_any()
    municipality_id = acting_user.municipality_id
    assert municipality_id is not None  # an administrator belongs to one (policy.can_administer)
    earlier = (
        ChildPopulation.objects.select_for_update()
        .filter(municipality_id=municipality_id, year=year)
        .values_list("children", flat=True)
        .first()
    )
    row, _created = ChildPopulation.objects.update_or_create(
        municipality_id=municipality_id, year=year, defaults={"children": children}
    )
    ids: dict[str, object] = {"year": year, "children": children}
    if earlier is not None:
        ids["was"] = earlier
    _audit(acting_user, "update" if earlier is not None else "create", row, "population_set", **ids)
    return row


@transaction.atomic
def set_roll_forward_own_duties(*, acting_user: User, roll_forward: bool) -> Municipality:
    """Set whether the municipality's own time limits (the preliminary assessment's 14 days, the
    investigation's four months) that end on a non-working day move to the next working day
    (lag 1930:173 2 §; decision 0042). Audited with what it was and what it became."""
    _require_admin(acting_user)
    municipality_id = acting_user.municipality_id
    assert municipality_id is not None  # an administrator belongs to one (policy.can_administer)
    municipality = Municipality.objects.select_for_update().get(pk=municipality_id)
    earlier = municipality.roll_forward_own_duties
    municipality.roll_forward_own_duties = roll_forward
    municipality.save(update_fields=["roll_forward_own_duties"])
    _audit(
        acting_user,
        "update",
        municipality,
        "roll_forward_set",
        was=int(earlier),
        now=int(roll_forward),
    )
    return municipality
