"""The time study (*tidsmätning*, docs/spec/timestudy.md): studies, category sets, participants
and the time blocks they register.

A block belongs to one participant and is read only by that participant (``services``: every
query of blocks is filtered by the acting user). The results are shares of registered time per
group of at least 5 participants (``results``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts.models import Municipality, Unit

User = settings.AUTH_USER_MODEL


class CategorySet(models.Model):
    """A set of activity categories: built in (no municipality) or the municipality's own."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    code = models.CharField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=120)

    class Meta:
        ordering = ["municipality_id", "code"]
        verbose_name = _("kategoriuppsättning")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="category_set_code_unique"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(municipality__isnull=True),
                name="builtin_category_set_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def builtin(self) -> bool:
        return self.municipality_id is None


class Category(models.Model):
    """One activity category of a set, with the national share where the set is built in.

    ``headline`` says which headline figure a municipality's own category counts in (the
    built-in sets count by code: ``categories.HEADLINES``).
    """

    class Headline(models.TextChoices):
        NONE = "", _("Inget nyckeltal")
        CHILD_TIME = "child_time", _("Barntid (räknas också som direkt tid)")
        DIRECT_TIME = "direct_time", _("Direkt tid")
        DOCUMENTATION_ADMIN = "documentation_admin", _("Dokumentation och administration")

    category_set = models.ForeignKey(
        CategorySet, on_delete=models.CASCADE, related_name="categories"
    )
    code = models.CharField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=80)
    definition = models.CharField(_("definition"), max_length=300, blank=True)
    #: The national result in per cent of registered time (the coordinator's sets only).
    national_share = models.PositiveSmallIntegerField(_("riksresultat (%)"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    headline = models.CharField(
        _("nyckeltal"), max_length=30, choices=Headline.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["category_set_id", "position", "pk"]
        verbose_name = _("kategori")
        constraints = [
            models.UniqueConstraint(
                fields=["category_set", "code"], name="category_code_unique_in_set"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Study(models.Model):
    """A time study of the staff of chosen units over a period (default five working days).

    Social workers register in ``worker_categories``, managers in ``manager_categories``.
    Participants correct their blocks until the study is closed (``closed_at``).
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=120)
    starts_on = models.DateField(_("första dag"))
    ends_on = models.DateField(_("sista dag"))
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("enheter"))
    worker_categories = models.ForeignKey(CategorySet, on_delete=models.PROTECT, related_name="+")
    manager_categories = models.ForeignKey(CategorySet, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("tidsmätning")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="study_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Participant(models.Model):
    """A member of staff taking part in a study, with the role and unit they had when it began."""

    class Kind(models.TextChoices):
        SOCIAL_WORKER = "social_worker", _("Socialsekreterare")
        MANAGER = "manager", _("Arbetsledare eller enhetschef")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("roll"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["study_id", "pk"]
        verbose_name = _("deltagare i tidsmätning")
        constraints = [
            models.UniqueConstraint(fields=["study", "user"], name="participant_once_per_study")
        ]

    @property
    def category_set_id(self) -> int:
        if self.kind == self.Kind.MANAGER:
            return self.study.manager_categories_id
        return self.study.worker_categories_id


class TimeBlock(models.Model):
    """A stretch of time a participant spent on one category; ``ended_at`` empty while it runs.

    ``client_id`` is made by the phone (or the server for a form without script): sending the
    same registration twice, as an offline phone may, stores it once.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="blocks")
    client_id = models.UUIDField(unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("från"))
    ended_at = models.DateTimeField(_("till"), null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["participant_id", "started_at", "pk"]
        verbose_name = _("tidsblock")
        indexes = [models.Index(fields=["participant", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gt=models.F("started_at")),
                name="time_block_ends_after_start",
            )
        ]
