"""``generate_dataset``: the expected counts, every constraint kept, deterministic from the seed."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from skyddsnat.accounts.models import Municipality, User
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.demo.bulk import WRITE_ORDER
from skyddsnat.intake.models import PreliminaryAssessment, Report
from skyddsnat.interventions.models import Intervention, Visit
from skyddsnat.investigations.models import Investigation, OpeningInformation
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.identity import parse_identity_number
from skyddsnat.people.models import Child

pytestmark = pytest.mark.django_db

CODES = ["9001", "9002"]


def generate(reports: int = 500, seed: int = 1, *extra: str) -> None:
    args = ["--reports", str(reports), "--municipalities", "2", "--seed", str(seed), "-v", "0"]
    call_command("generate_dataset", *args, *extra, stdout=io.StringIO())


def digest() -> str:
    rows = sorted(
        repr(r)
        for r in Case.objects.values_list(
            "report__received_at", "report__reporter_category", "child__personal_identity_number",
            "child__first_name", "phase", "responsible__username",
        )
    )  # fmt: skip
    rows += sorted(
        repr(r) for r in Intervention.objects.values_list("kind", "basis", "start_on", "ended_on")
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_it_creates_the_expected_counts_within_every_constraint():
    generate(500, 1, "--journal")
    assert list(Municipality.objects.filter(code__in=CODES).values_list("code", flat=True)) == CODES
    assert Report.objects.count() == 500
    cases = Case.objects.all()
    assert cases.count() > 500
    staff = User.objects.filter(municipality__code="9001")
    assert staff.filter(role="caseworker", is_active=True).count() >= 3
    assert staff.filter(role="manager").count() == 1
    assert staff.filter(employment_ended_on__isnull=False, is_active=False).count() == 1
    assert JournalEntry.objects.exists()
    assert not JournalEntry.objects.filter(signed_at=None).exists()
    assert set(cases.values_list("phase", flat=True)) == set(Phase.values)
    assert Investigation.objects.filter(closed_on__isnull=False).exists()
    # The opening information (20 kap. 4 §): mostly told, a little child not (special reasons).
    told = OpeningInformation.objects
    assert told.filter(recipient="guardians").count() > Investigation.objects.count() // 2
    assert told.exclude(withheld_reason="").exists()
    assert Visit.objects.exists()
    connection.check_constraints()  # the foreign keys, deferred until commit otherwise
    for model in WRITE_ORDER:
        nullable = [f for f in model._meta.concrete_fields if f.null]
        for row in model.objects.all()[:25]:
            empty = [f.name for f in nullable if getattr(row, f.attname) is None]  # NULL is allowed
            row.full_clean(exclude=empty)  # choices, lengths, model constraints
    for p in PreliminaryAssessment.objects.select_related("case__report"):
        assert p.decided_on >= p.case.report.received_at.date()
    for number in Child.objects.exclude(personal_identity_number=None).values_list(
        "personal_identity_number", flat=True
    ):
        assert parse_identity_number(number).digits == number


def test_the_same_seed_gives_the_same_dataset_and_a_rerun_replaces_it():
    generate(200)
    first = digest()
    generate(200)
    assert digest() == first
    assert Report.objects.count() == 200
    generate(200, seed=2)
    assert digest() != first


def test_it_refuses_when_demo_data_is_disabled(settings):
    settings.DEMO_ENABLED = False
    with pytest.raises(CommandError):
        generate(10)
