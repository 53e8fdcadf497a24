"""Siblings handled together: one decision for several children of a report, all or none."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.intake import services as intake
from skyddsnat.intake import siblings
from skyddsnat.intake.models import PreliminaryAssessment, ProtectiveAssessment, ReporterFeedback
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import report

ANNA = pin_for(date(2015, 5, 17), "girl")
BO = pin_for(date(2017, 8, 3), "boy")


@pytest.fixture
def two(cast, frozen_today) -> tuple[int, list[Case]]:
    frozen_today(date(2026, 3, 2))
    r = report(cast.ida, local(2026, 3, 2, 9), [ANNA, BO])
    return r.pk, list(r.cases.order_by("pk"))


def prelim(outcome: str = "opened", heard: bool = True, **kw) -> intake.PreliminaryInput:
    return intake.PreliminaryInput(
        decided_on=date(2026, 3, 2), outcome=outcome, child_heard=heard, **kw
    )


def test_one_protective_assessment_decides_for_both_children_each_with_its_own_record(cast, two):
    report_id, (anna, bo) = two
    made = siblings.make_protective_assessments(
        acting_user=cast.ida,
        report_id=report_id,
        made_at=local(2026, 3, 2, 10),
        children={
            anna.pk: siblings.ProtectiveChoice("no_immediate_need", note="Anna i skolan."),
            bo.pk: siblings.ProtectiveChoice("no_immediate_need", note="Bo hos mormor."),
        },
    )
    assert [a.case_id for a in made] == [anna.pk, bo.pk]
    assert ProtectiveAssessment.objects.get(case=anna).note == "Anna i skolan."
    assert ProtectiveAssessment.objects.get(case=bo).note == "Bo hos mormor."
    for case in (anna, bo):  # journalled and audited on each child's own case
        assert JournalEntry.objects.filter(case=case, event="protective_assessment.made").exists()
        assert AuditEvent.objects.filter(
            case_id=case.pk, object_type="intake.protectiveassessment", action="create"
        ).exists()


def test_an_error_for_one_child_saves_nothing_and_names_the_childs_field(cast, two):
    report_id, (anna, bo) = two
    with pytest.raises(InvalidInput) as exc:
        siblings.make_protective_assessments(
            acting_user=cast.ida,
            report_id=report_id,
            made_at=local(2026, 3, 2, 10),
            children={
                anna.pk: siblings.ProtectiveChoice("no_immediate_need"),
                bo.pk: siblings.ProtectiveChoice("immediate_need"),  # no action given
            },
        )
    assert list(exc.value.errors) == [f"children.{bo.pk}.action"]
    assert not ProtectiveAssessment.objects.exists()
    assert not JournalEntry.objects.filter(event="protective_assessment.made").exists()


def test_the_preliminary_assessments_open_both_investigations_each_with_its_own_answer(cast, two):
    report_id, (anna, bo) = two
    siblings.decide_preliminary_assessments(
        acting_user=cast.ida,
        report_id=report_id,
        children={
            anna.pk: prelim(heard=True),
            bo.pk: prelim(heard=False, child_not_heard_reason="Bo är två år."),
        },
    )
    a, b = (PreliminaryAssessment.objects.get(case=c) for c in (anna, bo))
    assert (a.child_heard, b.child_heard) == (True, False)
    assert b.child_not_heard_reason == "Bo är två år."
    assert {c.phase for c in Case.objects.filter(report_id=report_id)} == {"investigation"}


def test_a_missing_reason_for_one_child_rolls_back_the_other(cast, two):
    report_id, (anna, bo) = two
    with pytest.raises(InvalidInput) as exc:
        siblings.decide_preliminary_assessments(
            acting_user=cast.ida,
            report_id=report_id,
            children={anna.pk: prelim(), bo.pk: prelim("not_opened")},
        )
    assert f"children.{bo.pk}.reason" in exc.value.errors
    assert not PreliminaryAssessment.objects.exists()
    assert {c.phase for c in Case.objects.filter(report_id=report_id)} == {"assessment"}


def test_a_conflict_for_one_child_names_the_child_and_saves_nothing(cast, two):
    report_id, (anna, bo) = two
    intake.make_protective_assessment(
        acting_user=cast.ida,
        case_id=bo.pk,
        made_at=local(2026, 3, 2, 10),
        outcome="no_immediate_need",
    )
    with pytest.raises(StateConflict) as exc:
        siblings.make_protective_assessments(
            acting_user=cast.ida,
            report_id=report_id,
            made_at=local(2026, 3, 2, 10),
            children={
                anna.pk: siblings.ProtectiveChoice("no_immediate_need"),
                bo.pk: siblings.ProtectiveChoice("no_immediate_need"),
            },
        )
    assert "Ingenting sparades" in exc.value.message
    assert not ProtectiveAssessment.objects.filter(case=anna).exists()


def test_a_user_must_be_allowed_for_each_child(cast, two):
    report_id, (anna, bo) = two
    # Bo's case was handed to another unit meanwhile: the caseworker there may not decide Anna.
    bo.unit, bo.responsible = cast.inv_unit, cast.alice
    bo.save(update_fields=["unit", "responsible"])
    with pytest.raises(Forbidden):
        siblings.make_protective_assessments(
            acting_user=cast.alice,
            report_id=report_id,
            made_at=local(2026, 3, 2, 10),
            children={
                anna.pk: siblings.ProtectiveChoice("no_immediate_need"),
                bo.pk: siblings.ProtectiveChoice("no_immediate_need"),
            },
        )
    assert not ProtectiveAssessment.objects.exists()


def test_a_case_of_another_report_is_not_found(cast, two, frozen_today):
    report_id, (anna, _) = two
    other = report(cast.ida, local(2026, 3, 2, 11), [pin_for(date(2019, 1, 1), "boy", 5)])
    stranger = other.cases.get()
    with pytest.raises(NotFound):
        siblings.make_protective_assessments(
            acting_user=cast.ida,
            report_id=report_id,
            made_at=local(2026, 3, 2, 10),
            children={
                anna.pk: siblings.ProtectiveChoice("no_immediate_need"),
                stranger.pk: siblings.ProtectiveChoice("no_immediate_need"),
            },
        )
    with pytest.raises(NotFound):
        siblings.make_protective_assessments(
            acting_user=cast.sara,
            report_id=report_id,
            made_at=local(2026, 3, 2, 10),
            children={anna.pk: siblings.ProtectiveChoice("no_immediate_need")},
        )
    assert not ProtectiveAssessment.objects.exists()


def test_no_children_chosen_is_a_clear_error(cast, two):
    report_id, _ = two
    with pytest.raises(InvalidInput) as exc:
        siblings.decide_preliminary_assessments(
            acting_user=cast.ida, report_id=report_id, children={}
        )
    assert exc.value.errors == {"children": [siblings.NO_CHILDREN]}


def test_the_reporter_is_given_feedback_once_for_all_children(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    r = report(cast.ida, local(2026, 3, 2, 9), [ANNA, BO], category="school")
    anna, bo = r.cases.order_by("pk")
    assert r.reporter_mandatory
    siblings.decide_preliminary_assessments(
        acting_user=cast.ida,
        report_id=r.pk,
        children={
            anna.pk: prelim("not_opened", reason="no_concern_confirmed"),
            bo.pk: prelim("not_opened", reason="no_concern_confirmed"),
        },
    )
    for case in (anna, bo):
        case.refresh_from_db()
        assert siblings.feedback_pending(case)
    given = siblings.send_report_feedback(
        acting_user=cast.ida, report_id=r.pk, case_ids=[anna.pk, bo.pk], sent_on=date(2026, 3, 2)
    )
    assert len(given) == 2 and ReporterFeedback.objects.count() == 2
    with pytest.raises(StateConflict):
        siblings.send_report_feedback(
            acting_user=cast.ida, report_id=r.pk, case_ids=[anna.pk], sent_on=date(2026, 3, 2)
        )
