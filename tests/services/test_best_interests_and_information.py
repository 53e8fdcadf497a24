"""The best-interests assessment of a decision (SoL 2025:400 3 kap. 1–2 §§) and the information
that an investigation was opened (20 kap. 4 §): signed records, access at the boundary, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.facts import case_obligations
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.interventions import services as interventions
from skyddsnat.interventions.models import BestInterestsAssessment
from skyddsnat.investigations import services as investigations
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide, investigated_case, open_investigation

ANNA = pin_for(date(2012, 5, 17), "girl")


def best_interests(user, decision_id, **overrides):
    values = {
        "child_view": "Anna vill bo kvar i familjehemmet och träffa mamma varannan helg.",
        "weighing": "Anna är 14 år och har tydligt uttryckt sin vilja; den väger tungt.",
        "conclusion": "Det är bäst för Anna att vården fortsätter i samma familjehem.",
    }
    values.update(overrides)
    return interventions.record_best_interests(
        acting_user=user,
        decision_id=decision_id,
        data=interventions.BestInterestsInput(**values),
    )


@pytest.fixture
def decision(cast, frozen_today):
    frozen_today(date(2026, 7, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    return decide(cast.alice, case, date(2026, 6, 1)).decision


def test_the_best_interests_assessment_is_a_signed_record_of_the_decision(cast, decision):
    assessment = best_interests(cast.alice, decision.pk)
    assert assessment.is_signed and decision.best_interests == assessment
    with pytest.raises(IntegrityError), transaction.atomic():
        BestInterestsAssessment.objects.filter(pk=assessment.pk).update(conclusion="ändrad")
    with pytest.raises(StateConflict):
        best_interests(cast.alice, decision.pk)
    assert JournalEntry.objects.filter(event="decision.best_interests").count() == 1
    assert AuditEvent.objects.filter(
        object_type="interventions.bestinterestsassessment", action="create"
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"child_view": ""}, "child_view"),
        ({"weighing": " "}, "weighing"),
        ({"conclusion": ""}, "conclusion"),
    ],
)
def test_what_the_child_said_and_how_it_was_weighed_are_required(cast, decision, overrides, field):
    with pytest.raises(InvalidInput) as refused:
        best_interests(cast.alice, decision.pk, **overrides)
    assert field in refused.value.errors


def test_without_the_childs_words_the_reason_is_recorded(cast, decision):
    assessment = best_interests(
        cast.alice, decision.pk, child_view="", child_view_not_documented_reason="Barnet är 2 år."
    )
    assert assessment.child_view_not_documented_reason == "Barnet är 2 år."


def test_access_to_the_best_interests_is_checked_at_the_boundary(cast, decision):
    with pytest.raises(Forbidden):
        best_interests(cast.carl, decision.pk)
    with pytest.raises(NotFound):
        best_interests(cast.sara, decision.pk)


@pytest.fixture
def investigated(cast, frozen_today):
    frozen_today(date(2026, 3, 5))
    case = case_about(cast.alice, local(2026, 2, 20, 9), ANNA)
    open_investigation(cast.alice, case, date(2026, 3, 2))
    return case


def inform(user, case, recipient, **overrides):
    values = {"informed_on": date(2026, 3, 2), "method": "Samtal och brev"}
    values.update(overrides)
    return investigations.record_opening_information(
        acting_user=user, case_id=case.pk, recipient=recipient, **values
    )


def status(case, as_of=date(2026, 3, 5)):
    return [
        (o.status.value, o.met_at)
        for o in case_obligations(case, as_of)
        if o.kind == "investigation_information"
    ]


def test_the_information_meets_its_obligation_when_both_were_told(cast, investigated):
    assert status(investigated) == [("overdue", None)]
    inform(cast.alice, investigated, "guardians")
    assert status(investigated) == [("overdue", None)]
    inform(
        cast.alice,
        investigated,
        "child",
        informed_on=date(2026, 3, 3),
        method="",
        withheld_reason="Barnet informeras av skolkuratorn efter samtalet med föräldrarna.",
    )
    assert status(investigated) == [("met_late", date(2026, 3, 3))]
    with pytest.raises(StateConflict):
        inform(cast.alice, investigated, "child")
    assert AuditEvent.objects.filter(object_type="investigations.openinginformation").count() == 2


@pytest.mark.parametrize(
    ("recipient", "overrides", "field"),
    [
        ("neighbour", {}, "recipient"),
        ("guardians", {"informed_on": date(2026, 3, 1)}, "informed_on"),  # before it opened
        ("guardians", {"informed_on": date(2026, 3, 6)}, "informed_on"),  # in the future
        ("guardians", {"method": ""}, "method"),
    ],
)
def test_bad_information_input_is_refused(cast, investigated, recipient, overrides, field):
    with pytest.raises(InvalidInput) as refused:
        inform(cast.alice, investigated, recipient, **overrides)
    assert field in refused.value.errors


def test_access_to_the_information_is_checked_at_the_boundary(cast, investigated):
    with pytest.raises(Forbidden):
        inform(cast.carl, investigated, "guardians")
    with pytest.raises(NotFound):
        inform(cast.sara, investigated, "guardians")
