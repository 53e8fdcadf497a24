"""Children (*barn*), the people around them (*närstående*: guardians, parents, siblings, foster
parents, contact persons), the dated history of every change to them, and the synthetic
population register (*folkbokföring*) of the demo and the tests."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts.models import Municipality
from skyddsnat.people.search_keys import NameKeyField


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

    #: What the search finds the child's name by (``people.search_keys``, decision 0048): kept
    #: by every save from the names, and indexed.
    name_key = NameKeyField()

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
        indexes = [
            models.Index(fields=["municipality", "last_name", "first_name"]),
            models.Index(fields=["municipality", "name_key"], name="child_name_key"),
        ]

    def save(self, *args, **kwargs) -> None:
        fields = kwargs.get("update_fields")
        if fields is not None and {"first_name", "last_name"} & set(fields):
            kwargs["update_fields"] = [*fields, "name_key"]
        super().save(*args, **kwargs)


class Guardian(Person):
    """A person around one or more children (*närstående*): a guardian (*vårdnadshavare*), a
    parent without custody, a sibling, a foster parent, a contact person. What the person is
    to each child is the relation's ``kind`` and ``has_custody``."""

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
        SIBLING = "sibling", _("Syskon")
        FOSTER_PARENT = "foster_parent", _("Familjehemsförälder")
        CONTACT_PERSON = "contact_person", _("Kontaktperson")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="guardian_relations")
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="child_relations")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PARENT)
    has_custody = models.BooleanField(_("har vårdnaden"), default=True)
    #: The day the relation ended (a custody moved, a foster placement over): kept, not deleted.
    ended_on = models.DateField(_("upphörde"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "guardian"], name="one_relation_per_pair")
        ]

    @property
    def is_guardian(self) -> bool:
        """Return whether the relation makes the person the child's guardian (*vårdnadshavare*)."""
        return self.has_custody and self.ended_on is None


#: The relations of a parent or a guardian: those the documents list under *vårdnadshavare*.
GUARDIAN_KINDS = (
    GuardianRelation.Kind.PARENT,
    GuardianRelation.Kind.APPOINTED,
    GuardianRelation.Kind.OTHER,
)


class PersonChange(models.Model):
    """One change to a child's people, dated and signed by who made it: the earlier value is
    kept here (``old_value``) while the record holds the new one. Append-only: rows are only
    ever added (``people.family``)."""

    class Record(models.TextChoices):
        CHILD = "child", _("Barnet")
        PERSON = "person", _("Närstående")
        RELATION = "relation", _("Relation")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Handläggare")
        REGISTER = "register", _("Folkbokföringen")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="people_changes")
    record = models.CharField(max_length=16, choices=Record.choices)
    record_id = models.PositiveIntegerField()
    field = models.CharField(max_length=40)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("ändring av närstående")
        verbose_name_plural = _("ändringar av närstående")
        indexes = [models.Index(fields=["child", "changed_at"])]


class RegisterRecord(models.Model):
    """A person of the synthetic population register (``people.register.SyntheticRegister``):
    written with the demo data (the same families), read instead of the real register when the
    deployment has none. A household is one family: its children are siblings, its adults their
    parents (with or without custody)."""

    personal_identity_number = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    birth_date = models.DateField()
    sex = models.CharField(max_length=16, choices=Sex.choices)
    address = models.CharField(max_length=200, blank=True)
    protected_identity = models.BooleanField(default=False)
    household = models.PositiveIntegerField(db_index=True)
    is_child = models.BooleanField(default=True)
    kind = models.CharField(
        max_length=16, choices=GuardianRelation.Kind.choices, default=GuardianRelation.Kind.PARENT
    )
    has_custody = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("post i det syntetiska folkbokföringsregistret")
        verbose_name_plural = _("poster i det syntetiska folkbokföringsregistret")
