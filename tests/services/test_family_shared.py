"""The family's part of BBIC written once for the siblings of one report (decision 0037)."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.errors import InvalidInput, StaleEdit
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import TriangleAssessment
from skyddsnat.people.models import Child
from tests.cast import local, pin_for
from tests.services.flow import close_investigation, open_investigation, report

ANNA = pin_for(date(2015, 5, 17), "girl")
BO = pin_for(date(2017, 3, 2), "boy", seed=2)
CIA = pin_for(date(2019, 9, 9), "girl", seed=3)
SAFETY = "parenting_capacity.safety"
TEXT = "Föräldrarna skyddar barnen och har ordnat en trygg vardag."


@pytest.fixture
def siblings(cast, frozen_today):
    """Three siblings of one report, each with an investigation opened on 2026-01-31."""
    frozen_today(date(2026, 2, 10))
    cases = list(report(cast.alice, local(2026, 1, 20), [ANNA, BO, CIA]).cases.order_by("pk"))
    for case in cases:
        open_investigation(cast.alice, case, date(2026, 1, 31))
    for case, name in zip(cases, ("Anna", "Bo", "Cia"), strict=False):
        Child.objects.filter(pk=case.child_id).update(first_name=name, last_name="Berg")
        case.child.refresh_from_db()
    return cases


def share(user, case: Case, area: str = SAFETY, text: str = TEXT, **kwargs):
    return investigations.assess_triangle_area(
        acting_user=user,
        case_id=case.pk,
        area=area,
        text=text,
        rating="strength",
        sources=["guardian"],
        for_siblings=True,
        **kwargs,
    )


def row(case: Case, area: str = SAFETY) -> TriangleAssessment | None:
    return TriangleAssessment.objects.filter(investigation__case=case, area=area).first()


def test_the_familys_area_is_written_into_every_open_sibling_investigation(cast, siblings):
    anna, bo, cia = siblings
    written = share(cast.alice, anna)
    assert written.shared
    for case in (bo, cia):
        copy = row(case)
        assert copy is not None
        assert (copy.text, copy.rating, copy.sources) == (TEXT, "strength", ["guardian"])
        assert copy.shared
        assert copy.written_in_id == anna.investigation.pk


def test_a_closed_sibling_investigation_is_left_alone(cast, siblings):
    anna, bo, cia = siblings
    close_investigation(cast.alice, cia, date(2026, 2, 10), outcome="no_intervention")
    share(cast.alice, anna)
    assert row(bo) is not None
    assert row(cia) is None


def test_a_siblings_own_different_text_is_not_overwritten(cast, siblings):
    anna, bo, cia = siblings
    investigations.assess_triangle_area(
        acting_user=cast.alice,
        case_id=bo.pk,
        area=SAFETY,
        text="Bos egen text.",
        rating="concern",
    )
    with pytest.raises(StaleEdit) as refused:
        share(cast.alice, anna)
    assert "har redan en egen text om Säkerhet" in refused.value.message
    assert "Bo Berg har redan" in refused.value.message
    assert "Ingenting sparades" in refused.value.message
    assert row(bo).text == "Bos egen text."
    assert row(anna) is None  # nothing written, not even in the child's own investigation
    assert row(cia) is None


def test_a_siblings_same_text_and_an_earlier_shared_text_are_replaced(cast, siblings):
    anna, bo, cia = siblings
    investigations.assess_triangle_area(
        acting_user=cast.alice, case_id=bo.pk, area=SAFETY, text=TEXT, rating="concern"
    )
    share(cast.alice, anna)
    assert row(bo).rating == "strength"
    share(cast.alice, bo, text="Ny gemensam text.")  # written again from Bo's investigation
    assert row(anna).text == row(cia).text == "Ny gemensam text."
    assert row(anna).written_in_id == bo.investigation.pk


def test_saved_alone_the_area_becomes_the_childs_own_again(cast, siblings):
    anna, bo, _ = siblings
    share(cast.alice, anna)
    investigations.assess_triangle_area(
        acting_user=cast.alice, case_id=bo.pk, area=SAFETY, text="Bara Bo.", rating="concern"
    )
    assert not row(bo).shared and row(bo).written_in is None
    assert row(anna).text == TEXT  # the sibling's copy is not touched by a save alone


def test_a_sibling_investigation_the_user_may_not_change_is_left_alone(cast, siblings):
    anna, bo, cia = siblings
    Case.objects.filter(pk=bo.pk).update(responsible=cast.bob)  # Bob's: Alice may not write
    share(cast.alice, anna)
    assert row(bo) is None
    assert row(cia) is not None


def test_only_the_familys_areas_can_be_shared(cast, siblings):
    anna, bo, _ = siblings
    with pytest.raises(InvalidInput) as refused:
        share(cast.alice, anna, area="child_development.health")
    assert list(refused.value.errors) == ["for_siblings"]
    assert row(anna, "child_development.health") is None
    assert row(bo, "child_development.health") is None


def test_each_siblings_copy_is_audited_on_its_own_childs_case(cast, siblings):
    anna, bo, _ = siblings
    share(cast.alice, anna)
    for case in siblings:
        copy = row(case)
        event = AuditEvent.objects.get(object_id=str(copy.pk), object_type__icontains="triangle")
        assert (event.case_id, event.child_id, event.action) == (case.pk, case.child_id, "create")
    share(cast.alice, anna, text="Ändrad.")
    assert AuditEvent.objects.filter(case_id=bo.pk, action="update").exists()


def test_a_child_without_siblings_saves_as_before(cast, frozen_today):
    frozen_today(date(2026, 2, 10))
    case = report(cast.alice, local(2026, 1, 20), [ANNA]).cases.get()
    open_investigation(cast.alice, case, date(2026, 1, 31))
    written = share(cast.alice, case)
    assert written.text == TEXT
    assert not written.shared  # nobody to share with
