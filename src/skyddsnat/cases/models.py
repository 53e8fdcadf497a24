"""The case (*ärende*): one child's chain from a report or application to its end.

The case is the hub every stage hangs its records on (intake's assessments, the investigation,
the decisions and interventions, the journal). Its phase is written only by
``skyddsnat.cases.lifecycle``. The report that starts a case is named by string so that this
app imports none of the stages: they depend on it, never the other way round.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from skyddsnat.accounts.models import Municipality, Unit
from skyddsnat.cases.choices import Phase
from skyddsnat.people.models import Child

User = settings.AUTH_USER_MODEL


class Case(models.Model):
    """A case (*ärende*): the chain for one child that starts with a report or application."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cases")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases")
    report = models.ForeignKey("intake.Report", on_delete=models.PROTECT, related_name="cases")
    responsible = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="responsible_cases"
    )
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.ASSESSMENT)
    closed_at = models.DateTimeField(null=True, blank=True)
    joined_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="joined_cases"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-report__received_at"]
        indexes = [
            models.Index(fields=["municipality", "phase"]),
            models.Index(fields=["responsible", "phase"]),
            models.Index(fields=["unit", "phase"]),
            # The work lists (``web/worklist.py``, decision 0020): a caseworker's or a unit's
            # cases within the municipality, the closed ones by when they were closed.
            models.Index(
                fields=["municipality", "responsible", "closed_at"], name="case_worklist_resp_idx"
            ),
            models.Index(
                fields=["municipality", "unit", "closed_at"], name="case_worklist_unit_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "child"], name="one_case_per_child_per_report"
            ),
            models.CheckConstraint(
                condition=~models.Q(phase="closed") | models.Q(closed_at__isnull=False),
                name="closed_case_has_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return f"Ärende {self.pk}"


class CaseworkerAssignment(models.Model):
    """A change of responsible caseworker (*byte av handläggare*), kept for continuity."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    caseworker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    previous = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    assigned_at = models.DateTimeField()
    assigned_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]


class FactsStamp(models.Model):
    """A number that changes whenever anything the case's facts are read from changes: kept by
    triggers in the database itself (``cases.stamps``, decision 0052), never written by code.

    What is worked out from a case's facts (its next due date on a work list) can be kept with
    the stamp it was worked out at, and is current while the stamp is the same. Deliberately
    no foreign key: a trigger may stamp a case while the same transaction deletes it, and the
    stamp of a deleted case is removed by the trigger on the cases table.
    """

    case = models.OneToOneField(
        Case,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="facts_stamp",
    )
    stamp = models.BigIntegerField()

    def __str__(self) -> str:
        return f"Ärende {self.case_id}: {self.stamp}"


class NextDueMemo(models.Model):
    """A case's next due date as a work list sorts, filters and counts by it (``rules.next_due``),
    kept with the facts stamp, the day and the rules it was worked out at (decision 0052).

    Derived, never a record: current while the case's ``FactsStamp`` is the same, the day is the
    same and ``key`` names the same rules and settings; otherwise worked out again
    (``cases.next_due_memo``). No foreign key, as for the stamp; the trigger on the cases table
    removes a deleted case's memo.
    """

    case = models.OneToOneField(
        Case,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="next_due_memo",
    )
    stamp = models.BigIntegerField()
    as_of = models.DateField()
    #: The rules' code and settings it was worked out with (``next_due_memo.key``).
    key = models.CharField(max_length=40)
    due_date = models.DateField(null=True)
    status = models.CharField(max_length=20, blank=True)
    overdue = models.BooleanField()
    due_soon = models.BooleanField()
    open_count = models.PositiveIntegerField()
    #: The unmet obligation due first, with its words (``next_due_memo.encode``), once a list
    #: has shown the case that day; NULL until then, or when nothing is due.
    next_obligation = models.JSONField(null=True)

    def __str__(self) -> str:
        return f"Ärende {self.case_id}: {self.due_date}"


class DuesMemo(models.Model):
    """A case's obligations that fell due, as the statistics count them
    (``rules.obligations_due``: kind, due date, kept or not), kept with the facts stamp, the day
    and the rules they were worked out at, for due dates from ``first`` to the day before
    ``as_of`` (decision 0052; ``cases.dues_memo``).

    Derived, never a record, as ``NextDueMemo``.
    """

    case = models.OneToOneField(
        Case,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="dues_memo",
    )
    stamp = models.BigIntegerField()
    as_of = models.DateField()
    key = models.CharField(max_length=40)
    first = models.DateField()
    #: ``[[kind, due date (ISO), kept (0/1)], …]``
    dues = models.JSONField()

    def __str__(self) -> str:
        return f"Ärende {self.case_id}: {len(self.dues)}"


class MunicipalityStamp(models.Model):
    """A number that changes whenever anything the indicators read of a municipality outside its
    cases changes (its units, staff and their employment, child population, time studies): kept
    by triggers in the database itself (``cases.stamps.MUNICIPALITY_WATCHED``, decision 0053),
    never written by code. No foreign key, as for ``FactsStamp``.
    """

    municipality = models.OneToOneField(
        Municipality,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    stamp = models.BigIntegerField()

    def __str__(self) -> str:
        return f"Kommun {self.municipality_id}: {self.stamp}"


class IndicatorMemo(models.Model):
    """One indicator's table for one period and breakdown of a municipality, before masking,
    kept while nothing it was counted from has changed (decision 0053; ``indicators.kept``).

    ``key`` names what was asked (the indicator, period, breakdown, day, units and the code and
    settings it was counted with); ``fingerprint`` what it was counted from (the municipality's
    case stamps and its municipality stamp, read before counting). Derived, never a record:
    masked per viewer when read, as a table just counted is. Uppföljning shows a stale table of
    the day while the worker counts it again (decision 0054).
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    key = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=120)
    made_on = models.DateField()
    #: When the table was counted: shown on Uppföljning while it is being counted again.
    counted_at = models.DateTimeField(null=True)
    #: The fingerprint a count has been queued for, once the table is stale (decision 0054):
    #: so that one count is queued per change, however many open the page meanwhile.
    queued_for = models.CharField(max_length=120, blank=True, default="")
    #: ``indicators.kept.encode`` of the table.
    table = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="indicator_memo_key"),
        ]

    def __str__(self) -> str:
        return f"Kommun {self.municipality_id}: {self.key[:12]}"
