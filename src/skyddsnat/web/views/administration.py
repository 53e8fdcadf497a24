"""Administration (``/administration/``): the administrator's pages for her municipality's units,
users and API tokens. The writes are ``accounts.administration``'s services; the policy decides
who comes here (``policy.can_administer``): every other role gets 403, another municipality's
unit, user or token is 404. The CSV import and the administration log are
``administration_import``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import administration, policy
from skyddsnat.accounts.models import API_TOKEN_LIFETIME, Role, Unit, User
from skyddsnat.errors import Forbidden, NotFound, ServiceError
from skyddsnat.limits import MAX_API_TOKEN_DAYS
from skyddsnat.web.forms.base import DateInput, SkyddsnatForm

PER_PAGE = 25


def require_admin(request: HttpRequest) -> User:
    """Return the administrator, or refuse everyone else (403)."""
    if not policy.can_administer(request.user):
        raise PermissionDenied(_("Administrationen är till för administratörer."))
    return request.user


def _call(form: forms.Form | None, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Call the service; put its refusal on ``form`` (or raise 404/403). Return (saved, value)."""
    try:
        return True, call()
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ServiceError as exc:
        if form is None:
            raise
        if exc.errors:
            form.add_service_errors(exc)  # type: ignore[attr-defined]
        else:
            form.add_error(None, exc.message)
        return False, exc.status


# --- start -----------------------------------------------------------------------------------


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Render the start of the administration: what the administrator can do here."""
    admin = require_admin(request)
    context = {
        "units": policy.administered_units(admin).count(),
        "users": policy.administered_users(admin).filter(is_active=True).count(),
    }
    return render(request, "web/administration/start.html", context)


# --- units ------------------------------------------------------------------------------------


class UnitForm(SkyddsnatForm):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Typ av enhet"), choices=Unit.Kind.choices)


@login_required
def units(request: HttpRequest) -> HttpResponse:
    """List the municipality's units; POST creates one."""
    admin = require_admin(request)
    form = UnitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved, value = _call(
                form,
                lambda: administration.create_unit(acting_user=admin, **form.cleaned_data),
            )
            if saved:
                messages.success(request, _("Enheten %(name)s är skapad.") % {"name": value.name})
                return redirect("web:admin_units")
            status = value
        else:
            status = 422
    rows = policy.administered_units(admin).annotate(
        active_members=Count("members", filter=Q(members__is_active=True))
    )
    return render(
        request, "web/administration/units.html", {"units": rows, "form": form}, status=status
    )


@login_required
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Show and change one unit: its name and kind; activate or deactivate it."""
    admin = require_admin(request)
    the_unit = policy.administered_units(admin).filter(pk=unit_id).first()
    if the_unit is None:
        raise Http404
    form = UnitForm(request.POST or None, initial={"name": the_unit.name, "kind": the_unit.kind})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved, value = _call(
                form,
                lambda: administration.update_unit(
                    acting_user=admin, unit_id=unit_id, **form.cleaned_data
                ),
            )
            if saved:
                messages.success(request, _("Enheten är sparad."))
                return redirect("web:admin_unit", unit_id=unit_id)
            status = value
        else:
            status = 422
    members = the_unit.members.order_by("last_name", "first_name")
    context = {"unit": the_unit, "form": form, "members": members}
    return render(request, "web/administration/unit.html", context, status=status)


@login_required
@require_POST
def unit_active(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Activate (``aktiv=1``) or deactivate the unit."""
    admin = require_admin(request)
    active = request.POST.get("aktiv") == "1"
    try:
        _call(
            None,
            lambda: administration.set_unit_active(
                acting_user=admin, unit_id=unit_id, active=active
            ),
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Enheten är aktiverad.") if active else _("Enheten är inaktiverad.")
        )
    return redirect("web:admin_unit", unit_id=unit_id)


# --- users ------------------------------------------------------------------------------------


class UserForm(SkyddsnatForm):
    first_name = forms.CharField(label=gettext_lazy("Förnamn"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Efternamn"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-post"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Roll"), choices=Role.choices)
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Enheter"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    employment_started_on = forms.DateField(
        label=gettext_lazy("Anställd från"), required=False, widget=DateInput()
    )
    employment_ended_on = forms.DateField(
        label=gettext_lazy("Anställd till"), required=False, widget=DateInput()
    )
    sso_subject = forms.CharField(
        label=gettext_lazy("SSO-identitet"),
        max_length=255,
        required=False,
        help_text=gettext_lazy(
            "Användarens identitet i kommunens inloggningstjänst (det värde som "
            "inloggningstjänsten skickar, t.ex. e-postadress eller användar-id). Tomt: "
            "användaren kan bara logga in med lösenord och engångskod."
        ),
    )

    def __init__(self, *args: Any, admin: User, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = policy.administered_units(admin)
        current = Q(pk__in=user.units.values("pk")) if user is not None else Q(pk__in=[])
        self.fields["units"].queryset = units.filter(Q(is_active=True) | current)

    def data_for_service(self) -> administration.UserData:
        data = self.cleaned_data
        return administration.UserData(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=data["role"],
            unit_ids=tuple(u.pk for u in data["units"]),
            employment_started_on=data["employment_started_on"],
            employment_ended_on=data["employment_ended_on"],
            sso_subject=data["sso_subject"],
        )


class NewUserForm(UserForm):
    username = forms.CharField(
        label=gettext_lazy("Användarnamn"),
        max_length=150,
        help_text=gettext_lazy("Små bokstäver a–z, siffror och . _ - @ (som i AD-kontot)."),
    )
    password = forms.CharField(
        label=gettext_lazy("Första lösenord (valfritt)"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "Lämna tomt för att i stället ge användaren en engångslänk där hon väljer lösenord."
        ),
    )
    field_order = ["username", "first_name", "last_name", "email", "role", "units"]


@login_required
def users(request: HttpRequest) -> HttpResponse:
    """List the municipality's users, searched by name, username or e-mail, a page at a time."""
    admin = require_admin(request)
    query = request.GET.get("q", "").strip()[:100]
    rows = policy.administered_users(admin).order_by("last_name", "first_name", "username")
    if query:
        rows = rows.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    page = Paginator(rows.prefetch_related("units"), PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "web/administration/users.html", {"page": page, "q": query})


@login_required
def user_new(request: HttpRequest) -> HttpResponse:
    """Create a user: with a first password, or with a one-time link to choose one."""
    admin = require_admin(request)
    form = NewUserForm(request.POST or None, admin=admin)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved, value = _call(
                form,
                lambda: administration.create_user(
                    acting_user=admin,
                    username=form.cleaned_data["username"],
                    data=form.data_for_service(),
                    password=form.cleaned_data["password"],
                ),
            )
            if saved:
                messages.success(
                    request, _("Användaren %(name)s är skapad.") % {"name": value.username}
                )
                return redirect("web:admin_user", user_id=value.pk)
            status = value
        else:
            status = 422
    return render(request, "web/administration/user_new.html", {"form": form}, status=status)


def _managed_user(admin: User, user_id: int) -> User:
    user = policy.administered_users(admin).filter(pk=user_id).first()
    if user is None:
        raise Http404
    return user


@login_required
def user(request: HttpRequest, user_id: int) -> HttpResponse:
    """Show one user: change her role, units and details; her API tokens; the actions."""
    admin = require_admin(request)
    the_user = _managed_user(admin, user_id)
    form = UserForm(request.POST or None, admin=admin, user=the_user, initial=_initial(the_user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved, value = _call(
                form,
                lambda: administration.update_user(
                    acting_user=admin, user_id=user_id, data=form.data_for_service()
                ),
            )
            if saved:
                messages.success(request, _("Användaren är sparad."))
                return redirect("web:admin_user", user_id=user_id)
            status = value
        else:
            status = 422
    return _user_page(request, admin, the_user, form=form, status=status)


def _initial(the_user: User) -> dict[str, Any]:
    return {
        "first_name": the_user.first_name,
        "last_name": the_user.last_name,
        "email": the_user.email,
        "role": the_user.role,
        "units": list(the_user.units.all()),
        "employment_started_on": the_user.employment_started_on,
        "employment_ended_on": the_user.employment_ended_on,
        "sso_subject": the_user.sso_subject,
    }


def _user_page(
    request: HttpRequest,
    admin: User,
    the_user: User,
    *,
    form: UserForm | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    now = timezone.now()
    tokens = [(t, t.status(now)) for t in the_user.api_tokens.all()]
    context = {
        "the_user": the_user,
        "form": form or UserForm(admin=admin, user=the_user, initial=_initial(the_user)),
        "tokens": tokens,
        "has_device": TOTPDevice.objects.filter(user=the_user, confirmed=True).exists(),
        "may_deactivate": policy.may_deactivate(admin, the_user),
        "today": clock.today(),
        "token_days": API_TOKEN_LIFETIME.days,
        "max_token_days": MAX_API_TOKEN_DAYS,
        **extra,
    }
    return render(request, "web/administration/user.html", context, status=status)


def _user_action(request: HttpRequest, user_id: int, call: Callable[[User], str]) -> HttpResponse:
    admin = require_admin(request)
    _managed_user(admin, user_id)
    try:
        message = _call(None, lambda: call(admin))[1]
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("web:admin_user", user_id=user_id)


def _ended_on(request: HttpRequest) -> date | None:
    value = request.POST.get("ended_on", "").strip()
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_POST
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    """Deactivate the user: her sessions end at once and her API tokens are revoked."""

    def call(admin: User) -> str:
        administration.deactivate_user(
            acting_user=admin, user_id=user_id, ended_on=_ended_on(request)
        )
        return _("Användaren är inaktiverad. Hon är utloggad och hennes API-nycklar återkallade.")

    return _user_action(request, user_id, call)


@login_required
@require_POST
def user_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    def call(admin: User) -> str:
        administration.reactivate_user(acting_user=admin, user_id=user_id)
        return _("Användaren är aktiv igen.")

    return _user_action(request, user_id, call)


@login_required
@require_POST
def user_reset_second_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    def call(admin: User) -> str:
        administration.reset_second_factor(acting_user=admin, user_id=user_id)
        return _(
            "Andra faktorn är återställd. Användaren registrerar en ny autentiseringsapp "
            "nästa gång hon loggar in."
        )

    return _user_action(request, user_id, call)


@login_required
@require_POST
def user_password_link(request: HttpRequest, user_id: int) -> HttpResponse:
    """Show a one-time link with which the user chooses her password (shown once)."""
    admin = require_admin(request)
    the_user = _managed_user(admin, user_id)
    try:
        link = _call(
            None, lambda: administration.password_link(acting_user=admin, user_id=user_id)
        )[1]
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("web:admin_user", user_id=user_id)
    return _user_page(request, admin, the_user, password_link=request.build_absolute_uri(link))


@login_required
@require_POST
def token_issue(request: HttpRequest, user_id: int) -> HttpResponse:
    """Issue an API token for the user and show it once."""
    admin = require_admin(request)
    the_user = _managed_user(admin, user_id)
    days = request.POST.get("days", "")
    label = request.POST.get("label", "")[:100]
    try:
        row, token = _call(
            None,
            lambda: administration.issue_token(
                acting_user=admin,
                user_id=user_id,
                days=int(days) if days.isdigit() else API_TOKEN_LIFETIME.days,
                label=label,
            ),
        )[1]
    except ServiceError as exc:
        details = [m for ms in exc.errors.values() for m in ms]
        messages.error(request, " ".join(details) or exc.message)
        return redirect("web:admin_user", user_id=user_id)
    return _user_page(request, admin, the_user, new_token=token, new_token_row=row)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    admin = require_admin(request)
    row = policy.administered_tokens(admin).filter(pk=token_id).first()
    if row is None:
        raise Http404
    try:
        _call(None, lambda: administration.revoke_token(acting_user=admin, token_id=token_id))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("API-nyckel %(id)s är återkallad.") % {"id": token_id})
    return redirect(reverse("web:admin_user", kwargs={"user_id": row.user_id}) + "#api-nycklar")


urlpatterns = [
    path("administration/", start, name="administration"),
    path("administration/enheter/", units, name="admin_units"),
    path("administration/enheter/<int:unit_id>/", unit, name="admin_unit"),
    path("administration/enheter/<int:unit_id>/aktiv/", unit_active, name="admin_unit_active"),
    path("administration/anvandare/", users, name="admin_users"),
    path("administration/anvandare/ny/", user_new, name="admin_user_new"),
    path("administration/anvandare/<int:user_id>/", user, name="admin_user"),
    path(
        "administration/anvandare/<int:user_id>/inaktivera/",
        user_deactivate,
        name="admin_user_deactivate",
    ),
    path(
        "administration/anvandare/<int:user_id>/aktivera/",
        user_reactivate,
        name="admin_user_reactivate",
    ),
    path(
        "administration/anvandare/<int:user_id>/tvafaktor/",
        user_reset_second_factor,
        name="admin_user_second_factor",
    ),
    path(
        "administration/anvandare/<int:user_id>/losenordslank/",
        user_password_link,
        name="admin_user_password_link",
    ),
    path(
        "administration/anvandare/<int:user_id>/api-nycklar/",
        token_issue,
        name="admin_token_issue",
    ),
    path(
        "administration/api-nycklar/<int:token_id>/aterkalla/",
        token_revoke,
        name="admin_token_revoke",
    ),
]
