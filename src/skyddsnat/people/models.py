"""Children (*barn*) and guardians (*vårdnadshavare*)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts.models import Municipality


class Sex(models.TextChoices):
    GIRL = "girl", _("Flicka")
    BOY = "boy", _("Pojke")
    OTHER_UNKNOWN = "other_unknown", _("Annat/okänt")


class Person(models.Model):
    """What a child and a guardian have in common."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    # NULL (not "") when unknown, so that the unique constraints hold only for known numbers.
    personal_identity_number = models.CharField(  # noqa: DJ001
        _("personnummer"), max_length=12, null=True, blank=True
    )
    reserve_id = models.CharField(_("reservnummer"), max_length=40, null=True, blank=True)  # noqa: DJ001
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    birth_date = models.DateField(_("födelsedatum"), null=True, blank=True)
    sex = models.CharField(_("kön"), max_length=16, choices=Sex.choices, default=Sex.OTHER_UNKNOWN)
    protected_identity = models.BooleanField(_("skyddade personuppgifter"), default=False)
    address = models.CharField(_("adress"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def identifier(self) -> str:
        """Return the identity number as ``YYYYMMDD-NNNN``, or the reserve id."""
        if self.personal_identity_number:
            n = self.personal_identity_number
            return f"{n[:8]}-{n[8:]}"
        return self.reserve_id or ""


class Child(Person):
    """A child (*barn*): every person under 18, and young people in care up to 21."""

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("barn")
        verbose_name_plural = _("barn")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "personal_identity_number"],
                condition=models.Q(personal_identity_number__isnull=False),
                name="child_pin_unique_in_municipality",
            ),
            models.UniqueConstraint(
                fields=["municipality", "reserve_id"],
                condition=models.Q(reserve_id__isnull=False),
                name="child_reserve_id_unique_in_municipality",
            ),
            models.CheckConstraint(
                condition=models.Q(personal_identity_number__isnull=False)
                | models.Q(reserve_id__isnull=False),
                name="child_has_pin_or_reserve_id",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "last_name", "first_name"])]


class Guardian(Person):
    """A guardian (*vårdnadshavare*) of one or more children."""

    children = models.ManyToManyField(Child, through="GuardianRelation", related_name="guardians")

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("vårdnadshavare")
        verbose_name_plural = _("vårdnadshavare")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "personal_identity_number"],
                condition=models.Q(personal_identity_number__isnull=False),
                name="guardian_pin_unique_in_municipality",
            ),
        ]


class GuardianRelation(models.Model):
    """The relation between a child and one guardian."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("Förälder")
        APPOINTED = "appointed", _("Särskilt förordnad vårdnadshavare")
        OTHER = "other", _("Annan")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="guardian_relations")
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="child_relations")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PARENT)
    has_custody = models.BooleanField(_("har vårdnaden"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "guardian"], name="one_relation_per_pair")
        ]
