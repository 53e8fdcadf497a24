"""Municipalities (*kommuner*), units (*enheter*) and staff (*personal*) with their roles."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skyddsnat import clock


class Municipality(models.Model):
    """A municipality (*kommun*): the tenant every case row belongs to."""

    code = models.CharField(_("kommunkod"), max_length=4, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    municipality_group = models.CharField(_("kommungrupp"), max_length=100, blank=True)
    #: Whether the committee's own time limits (the preliminary assessment's 14 days, the
    #: investigation's four months) that end on a Saturday, Sunday or public holiday move to the
    #: next working day (lag 1930:173 2 §). Off by default: judged against the calendar date,
    #: the later legal last day shown beside it (decisions 0004 and 0042).
    roll_forward_own_duties = models.BooleanField(
        _("nämndens egna frister flyttas till nästa arbetsdag"), default=False
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{4}$"), name="municipality_code_4_digits"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ChildPopulation(models.Model):
    """The number of children 0–17 living in the municipality in a year (a yearly setting)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveIntegerField(_("år"))
    children = models.PositiveIntegerField(_("antal barn 0–17 år"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_population_per_year")
        ]


class Unit(models.Model):
    """A unit (*enhet*) of the social services, e.g. mottagning or utredning."""

    class Kind(models.TextChoices):
        INTAKE = "intake", _("Mottagning")
        INVESTIGATION = "investigation", _("Utredning")
        FOSTER_CARE = "foster_care", _("Familjehem och placering")
        OPEN_CARE = "open_care", _("Öppenvård")
        OTHER = "other", _("Annan")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(_("namn"), max_length=100)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    #: An inactive unit keeps its cases and members but is offered to no one (administration).
    is_active = models.BooleanField(_("aktiv"), default=True)
    #: The open cases per caseworker the unit aims at (*mål för ärendebelastning*), set by its
    #: manager; empty: no target. The unit view shows each caseworker's caseload against it.
    caseload_target = models.PositiveSmallIntegerField(
        _("mål för antal öppna ärenden per handläggare"), null=True, blank=True
    )

    class Meta:
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="unit_name_unique_in_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The staff roles of docs/spec/security.md."""

    CASEWORKER = "caseworker", _("Handläggare")
    INTAKE = "intake", _("Mottagningshandläggare")
    MANAGER = "manager", _("Enhetschef")
    COMMITTEE = "committee", _("Nämndledamot")
    ANALYST = "analyst", _("Analytiker")
    ADMIN = "admin", _("Administratör")
    #: Runs surveys (the Barnbarometer): no case data, only the surveys they organise.
    ORGANISER = "organiser", _("Enkätansvarig")


class User(AbstractUser):
    """A member of staff with one role in one municipality and one or more units."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    units = models.ManyToManyField(
        Unit, related_name="members", blank=True, verbose_name=_("enheter")
    )
    employment_started_on = models.DateField(_("anställd från"), null=True, blank=True)
    employment_ended_on = models.DateField(_("anställd till"), null=True, blank=True)
    #: Her identity at the municipality's identity provider (single sign-on, decision 0024):
    #: the value of the claim ``SKYDDSNAT_OIDC_USER_CLAIM`` names (``sub``, ``upn``, ``email``
    #: …), set by the administrator; compared without regard to case. Empty: no SSO login.
    sso_subject = models.CharField(_("SSO-identitet"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        permissions = [
            (
                "view_protected_address",
                "Får se adress och kontaktuppgifter för personer med skyddade personuppgifter",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employment_ended_on__isnull=True)
                | models.Q(employment_started_on__isnull=True)
                | models.Q(employment_ended_on__gte=models.F("employment_started_on")),
                name="employment_ends_after_start",
            ),
            models.UniqueConstraint(
                Lower("sso_subject"),
                condition=~models.Q(sso_subject=""),
                name="sso_subject_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


#: How long an API token is valid unless its issue says otherwise (at most
#: ``limits.MAX_API_TOKEN_DAYS``).
API_TOKEN_LIFETIME = timedelta(days=90)


class ApiToken(models.Model):
    """A bearer token for the HTTP API; only its SHA-256 digest is stored.

    It is valid until ``expires_at`` unless revoked (``api_token revoke``, or automatically when
    its user is deactivated or has left: ``accounts/signals.py``), and only while its user is
    active and employed (``usable``). ``last_used_at`` says when it was last used (to the
    minute); the audit rows of the requests it authenticated name it (``AuditEvent.api_token_id``).
    Its times are the real time (``timezone.now``), not the services' clock (``clock``), which
    tests move to the dates of a case.
    """

    class Revocation(models.TextChoices):
        COMMAND = "command", _("Återkallad")
        USER_INACTIVE = "user_inactive", _("Användaren är inaktiverad")
        EMPLOYMENT_ENDED = "employment_ended", _("Anställningen har upphört")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    #: What the token is for (the system that holds it); never the token itself.
    label = models.CharField(_("används av"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("giltig till"))
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_because = models.CharField(max_length=20, choices=Revocation.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"API-nyckel {self.pk}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def create_for(
        cls, user: User, *, valid_for: timedelta = API_TOKEN_LIFETIME, label: str = ""
    ) -> tuple[ApiToken, str]:
        """Create a token for ``user``; return the row and the token in clear text (shown once)."""
        token = "sn_" + secrets.token_urlsafe(32)
        row = cls.objects.create(
            user=user,
            digest=cls.digest_of(token),
            label=label,
            expires_at=timezone.now() + valid_for,
        )
        return row, token

    @classmethod
    def issue(
        cls, user: User, *, valid_for: timedelta = API_TOKEN_LIFETIME, label: str = ""
    ) -> str:
        """Create a token for ``user`` and return it in clear text (shown once)."""
        return cls.create_for(user, valid_for=valid_for, label=label)[1]

    @classmethod
    def usable(cls, now: datetime) -> models.QuerySet[ApiToken]:
        """Return the tokens that authenticate at ``now``: not revoked, not expired, their user
        active and still employed (``employment_ended_on`` is the last day)."""
        return cls.objects.filter(
            models.Q(user__employment_ended_on__isnull=True)
            | models.Q(user__employment_ended_on__gte=timezone.localdate(now)),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )

    def status(self, now: datetime) -> str:
        """Return the token's state at ``now`` in Swedish (for ``api_token list``)."""
        if self.revoked_at is not None:
            return f"återkallad {timezone.localtime(self.revoked_at):%Y-%m-%d} ({self.get_revoked_because_display()})"
        if self.expires_at <= now:
            return "utgången"
        if not type(self).usable(now).filter(pk=self.pk).exists():
            return "användaren får inte använda den"
        return "giltig"


#: How long a break-glass access lasts unless set otherwise.
BREAK_GLASS_DURATION = timedelta(hours=8)


def _eight_hours_from_now() -> datetime:
    return clock.now() + BREAK_GLASS_DURATION


class BreakGlassAccess(models.Model):
    """Emergency read access (*nödåtkomst*) to a case outside the user's rights.

    Required by docs/spec/security.md (Break-glass).

    It grants reading only, never writing, until ``expires_at``; the case shows a banner while
    it lasts and a manager of the case's unit reviews it afterwards (reviewed / flagged).
    """

    class Reason(models.TextChoices):
        URGENT_PROTECTION = "urgent_protection", _("Akut skyddsbehov för barnet")
        ON_CALL = "on_call", _("Jour eller beredskap")
        RESPONSIBLE_ABSENT = "responsible_absent", _("Ansvarig handläggare är inte nåbar")
        LEGAL_REQUEST = "legal_request", _("Begäran från domstol eller polis")
        OTHER = "other", _("Annat skäl (beskriv)")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_accesses")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("skäl"), max_length=30, choices=Reason.choices)
    explanation = models.CharField(_("beskrivning"), max_length=200)
    granted_at = models.DateTimeField(_("beviljad"))
    expires_at = models.DateTimeField(_("upphör"), default=_eight_hours_from_now)
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    flagged = models.BooleanField(_("flaggad för uppföljning"), default=False)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("nödåtkomst")
        verbose_name_plural = _("nödåtkomster")
        indexes = [models.Index(fields=["user", "case", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("granted_at")),
                name="break_glass_expires_after_grant",
            )
        ]


class EmploymentPeriod(models.Model):
    """One employment of a member of staff in a unit (*anställningsperiod*), from the HR record.

    Kept by the unit's manager or imported from the HR system's CSV (``accounts.employment``);
    staff turnover and headcount are counted from these (decision 0031). The user's own
    ``employment_*`` dates govern her access; these periods are the history. A correction
    changes the period in place and is audited with the fields it changed.
    """

    class Reason(models.TextChoices):
        RESIGNED = "resigned", _("Egen uppsägning")
        INTERNAL = "internal", _("Byte inom förvaltningen")
        RETIRED = "retired", _("Pension")
        TEMPORARY_ENDED = "temporary_ended", _("Visstidsanställning upphörde")
        DISMISSED = "dismissed", _("Uppsägning från arbetsgivaren")
        OTHER = "other", _("Annat skäl")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="employment_periods")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employment_periods")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    started_on = models.DateField(_("från"))
    ended_on = models.DateField(_("till och med"), null=True, blank=True)
    reason_for_leaving = models.CharField(
        _("orsak till att anställningen upphörde"),
        max_length=20,
        choices=Reason.choices,
        blank=True,
        default="",
    )
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user", "started_on", "pk"]
        verbose_name = _("anställningsperiod")
        verbose_name_plural = _("anställningsperioder")
        indexes = [models.Index(fields=["unit", "started_on"], name="employment_unit_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="employment_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=False) | models.Q(reason_for_leaving=""),
                name="employment_period_reason_only_when_ended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.started_on}–{self.ended_on or ''}"
