"""Triggers from an adult's case: every child of the guardian gets assessed."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import AdultTrigger
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Child, Guardian, GuardianRelation
from skyddsnat.people.services import ChildInput, find_or_create_child
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide_preliminary

ANNA = pin_for(date(2015, 5, 17), "girl")
BO = pin_for(date(2017, 8, 3), "boy")


def _guardian(municipality, *children: Child) -> Guardian:
    guardian = Guardian.objects.create(
        municipality=municipality,
        personal_identity_number=pin_for(date(1985, 4, 4), "boy"),
        first_name="Per",
        last_name="Förälder",
    )
    for child in children:
        GuardianRelation.objects.create(child=child, guardian=guardian)
    return guardian


def _trigger(user, guardian, kind="lvm", occurred_on=date(2026, 3, 5)):
    return intake.register_adult_trigger(
        acting_user=user,
        guardian=guardian,
        kind=kind,
        occurred_on=occurred_on,
        adult_case_reference="V-123",
    )


@pytest.fixture
def family(cast, frozen_today):
    """Anna has an open case; her brother Bo is known but has none."""
    frozen_today(date(2026, 3, 5))
    anna_case = case_about(cast.ida, local(2026, 3, 2), ANNA)
    bo = find_or_create_child(cast.norrby, ChildInput(personal_identity_number=BO, first_name="Bo"))
    return anna_case, bo, _guardian(cast.norrby, anna_case.child, bo)


def test_it_links_a_child_with_an_open_case_and_reports_a_child_without_one(cast, family):
    anna_case, bo, guardian = family
    trigger = _trigger(cast.ida, guardian)
    links = {link.child_id: link.case for link in trigger.links.all()}
    assert links[anna_case.child_id] == anna_case
    bo_case = links[bo.pk]
    assert bo_case.report.channel == "internal"
    assert bo_case.report.reporter_category == "social_services"
    assert bo_case.report.reporter_mandatory is True
    assert list(bo_case.report.reasons.values_list("reason", flat=True)) == [
        "guardian_substance_abuse"
    ]
    kinds = {o.kind: (o.due_date, o.status) for o in case_obligations(bo_case, date(2026, 3, 5))}
    assert kinds["preliminary_assessment"] == (date(2026, 3, 19), "open")
    assert Case.objects.filter(child=anna_case.child).count() == 1
    for case in (anna_case, bo_case):
        assert JournalEntry.objects.filter(case=case, event="adult_trigger.linked").count() == 1


@pytest.mark.parametrize(
    ("kind", "reason"),
    [("lpt", "guardian_mental_illness"), ("violence", "witnessed_violence")],
)
def test_it_gives_the_new_report_the_reason_of_the_trigger(cast, family, kind, reason):
    _, bo, guardian = family
    trigger = _trigger(cast.ida, guardian, kind=kind)
    report = trigger.links.get(child=bo).case.report
    assert list(report.reasons.values_list("reason", flat=True)) == [reason]


def test_it_reports_a_child_again_when_its_earlier_case_is_closed(cast, family):
    anna_case, _, guardian = family
    decide_preliminary(
        cast.ida, anna_case, date(2026, 3, 4), "not_opened", reason="no_concern_confirmed"
    )
    trigger = _trigger(cast.ida, guardian)
    new_case = trigger.links.get(child=anna_case.child).case
    assert new_case != anna_case
    assert new_case.phase == "assessment"


def test_it_audits_each_linked_case(cast, family):
    _, _, guardian = family
    trigger = _trigger(cast.ida, guardian)
    linked = {link.case_id for link in trigger.links.all()}
    audited = set(
        AuditEvent.objects.filter(object_type="intake.adulttriggerlink").values_list(
            "case_id", flat=True
        )
    )
    assert audited == linked


def test_it_refuses_a_trigger_in_the_future_or_of_unknown_kind_and_stores_nothing(cast, family):
    _, _, guardian = family
    with pytest.raises(InvalidInput) as exc:
        _trigger(cast.ida, guardian, kind="tax", occurred_on=date(2026, 3, 6))
    assert set(exc.value.errors) == {"kind", "occurred_on"}
    assert not AdultTrigger.objects.exists()


def test_it_refuses_a_guardian_of_another_municipality(cast, family):
    _, _, guardian = family
    with pytest.raises(InvalidInput) as exc:
        _trigger(cast.sara, guardian)
    assert list(exc.value.errors) == ["guardian"]
    assert Case.objects.count() == 1


def test_it_lets_only_staff_who_register_reports_register_a_trigger(cast, family):
    _, _, guardian = family
    before = (Case.objects.count(), JournalEntry.objects.count())
    for user in (cast.nils, cast.ana, cast.adam):
        with pytest.raises(Forbidden):
            _trigger(user, guardian)
    assert not AdultTrigger.objects.exists()
    assert (Case.objects.count(), JournalEntry.objects.count()) == before
