"""The investigation: plan, BBIC triangle, child conversations, requests, extension, closing."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import case_about, close_investigation, open_investigation

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def case(cast, frozen_today):
    """A case whose investigation opened on 2026-01-31 (due 2026-05-31); today is 2026-08-01."""
    frozen_today(date(2026, 8, 1))
    case = case_about(cast.alice, local(2026, 1, 20), ANNA)
    open_investigation(cast.alice, case, date(2026, 1, 31))
    return case


def _extend(user, case, decided_on, new_due_date, reason="Väntar på BUP.", decided_by="committee"):
    return investigations.extend_investigation(
        acting_user=user,
        case_id=case.pk,
        decided_on=decided_on,
        decided_by=decided_by,
        reason=reason,
        new_due_date=new_due_date,
    )


# --- extension --------------------------------------------------------------------------------


def test_it_counts_four_months_from_the_day_the_investigation_opened(case):
    assert investigations.current_due_date(case.investigation, date(2026, 2, 1)) == date(
        2026, 5, 31
    )


def test_it_extends_the_investigation_to_the_new_due_date(cast, case):
    extension = _extend(cast.alice, case, date(2026, 5, 20), date(2026, 7, 31))
    assert extension.is_signed
    assert investigations.current_due_date(case.investigation, date(2026, 6, 1)) == date(
        2026, 7, 31
    )
    assert JournalEntry.objects.filter(case=case, event="investigation.extended").exists()


def test_it_asks_for_the_reason_of_an_extension(cast, case):
    with pytest.raises(InvalidInput) as exc:
        _extend(cast.alice, case, date(2026, 5, 20), date(2026, 7, 31), reason="  ")
    assert list(exc.value.errors) == ["reason"]


def test_it_refuses_an_extension_that_does_not_move_the_due_date_later(cast, case):
    for new_due in (date(2026, 5, 31), date(2026, 5, 1)):
        with pytest.raises(InvalidInput) as exc:
            _extend(cast.alice, case, date(2026, 5, 20), new_due)
        assert list(exc.value.errors) == ["new_due_date"]


def test_it_refuses_an_extension_decided_after_the_due_date_passed(cast, case):
    _extend_on_due_day = _extend(cast.alice, case, date(2026, 5, 31), date(2026, 6, 30))
    assert _extend_on_due_day.decided_on == date(2026, 5, 31)
    with pytest.raises(InvalidInput) as exc:
        _extend(cast.alice, case, date(2026, 7, 1), date(2026, 7, 31))
    assert exc.value.errors["decided_on"] == [
        "Förlängning måste beslutas innan utredningstiden går ut (2026-06-30)."
    ]


def test_it_refuses_a_first_extension_the_day_after_the_due_date(cast, case):
    with pytest.raises(InvalidInput) as exc:
        _extend(cast.alice, case, date(2026, 6, 1), date(2026, 7, 31))
    assert list(exc.value.errors) == ["decided_on"]
    assert not case.investigation.extensions.exists()


def test_it_asks_who_decided_an_extension(cast, case):
    with pytest.raises(InvalidInput) as exc:
        _extend(cast.alice, case, date(2026, 5, 20), date(2026, 7, 31), decided_by="caseworker")
    assert list(exc.value.errors) == ["decided_by"]


# --- closing ----------------------------------------------------------------------------------


def test_it_closes_in_time_without_delay_reasons_and_freezes_the_investigation(cast, case):
    investigation = close_investigation(cast.alice, case, date(2026, 5, 31), "no_intervention")
    assert investigation.is_signed
    assert investigation.closed_by == cast.alice
    case.refresh_from_db()
    assert case.phase == "closed"
    with pytest.raises(StateConflict):
        investigations.update_plan(
            acting_user=cast.alice,
            case_id=case.pk,
            questions="Nya frågor",
            contacts="",
            child_participation="",
        )
    with pytest.raises(StateConflict):
        _extend(cast.alice, case, date(2026, 5, 31), date(2026, 7, 31))


def test_it_moves_the_case_to_interventions_when_the_outcome_is_an_intervention(cast, case):
    close_investigation(cast.alice, case, date(2026, 5, 1), "intervention")
    case.refresh_from_db()
    assert case.phase == "intervention"
    assert case.closed_at is None


def test_it_asks_why_an_investigation_closed_late(cast, case):
    with pytest.raises(InvalidInput) as exc:
        close_investigation(cast.alice, case, date(2026, 6, 1))
    assert exc.value.errors["delay_reasons"] == [
        "Utredningen blev klar efter sista dag (2026-05-31). Ange skälen till förseningen."
    ]
    investigation = close_investigation(
        cast.alice, case, date(2026, 6, 1), delay_reasons=["waiting_for_others", "high_workload"]
    )
    assert sorted(investigation.delay_reasons.values_list("reason", flat=True)) == [
        "high_workload",
        "waiting_for_others",
    ]


def test_it_needs_no_delay_reason_before_an_extended_due_date(cast, case):
    _extend(cast.alice, case, date(2026, 5, 20), date(2026, 7, 31))
    investigation = close_investigation(cast.alice, case, date(2026, 7, 15))
    assert not investigation.delay_reasons.exists()


def test_it_asks_to_describe_another_delay_reason(cast, case):
    with pytest.raises(InvalidInput) as exc:
        close_investigation(cast.alice, case, date(2026, 6, 1), delay_reasons=["other"])
    assert list(exc.value.errors) == ["delay_other_text"]
    investigation = close_investigation(
        cast.alice,
        case,
        date(2026, 6, 1),
        delay_reasons=["other"],
        delay_other_text="Tolk saknades.",
    )
    assert investigation.delay_other_text == "Tolk saknades."


def test_it_refuses_unknown_outcomes_and_delay_reasons_at_once(cast, case):
    with pytest.raises(InvalidInput) as exc:
        close_investigation(cast.alice, case, date(2026, 6, 1), "maybe", delay_reasons=["weather"])
    assert set(exc.value.errors) == {"outcome", "delay_reasons"}
    assert Investigation.objects.get(case=case).closed_on is None


def test_it_asks_why_the_childs_view_is_not_documented(cast, case):
    with pytest.raises(InvalidInput) as exc:
        close_investigation(cast.alice, case, date(2026, 5, 1), child_view_documented=False)
    assert list(exc.value.errors) == ["child_view_not_documented_reason"]


def test_it_refuses_a_closing_date_before_the_opening_or_in_the_future(cast, case):
    for day in (date(2026, 1, 30), date(2026, 8, 2)):
        with pytest.raises(InvalidInput) as exc:
            close_investigation(cast.alice, case, day, delay_reasons=["high_workload"])
        assert list(exc.value.errors) == ["closed_on"]


def test_it_refuses_investigation_steps_on_a_case_without_investigation(cast, case):
    other = case_about(cast.alice, local(2026, 7, 1), pin_for(date(2012, 2, 2)))
    with pytest.raises(StateConflict):
        investigations.update_plan(
            acting_user=cast.alice,
            case_id=other.pk,
            questions="",
            contacts="",
            child_participation="",
        )


# --- plan, triangle, conversations, requests -------------------------------------------------


def test_it_writes_the_investigation_plan(cast, case):
    investigation = investigations.update_plan(
        acting_user=cast.alice,
        case_id=case.pk,
        questions="Hur ser omsorgen ut?",
        contacts="Skolan, BUP",
        child_participation="Barnsamtal i skolan",
    )
    assert investigation.version == 2
    assert Investigation.objects.get(pk=investigation.pk).plan_contacts == "Skolan, BUP"


def test_it_documents_a_triangle_area_of_the_bbic_version(cast, case):
    area = bbic.area_codes()[0]
    row = investigations.assess_triangle_area(
        acting_user=cast.alice,
        case_id=case.pk,
        area=area,
        text="Frisk.",
        rating="strength",
        sources=["BVC"],
    )
    assert (row.area, row.rating, row.sources, row.version) == (area, "strength", ["BVC"], 1)
    again = investigations.assess_triangle_area(
        acting_user=cast.maja, case_id=case.pk, area=area, text="Astma.", rating="concern"
    )
    assert (again.pk, again.version, again.updated_by) == (row.pk, 2, cast.maja)


@pytest.mark.parametrize("area", ["health", "child_development", "child_development.football", ""])
def test_it_refuses_an_area_outside_the_triangle(cast, case, area):
    with pytest.raises(InvalidInput) as exc:
        investigations.assess_triangle_area(
            acting_user=cast.alice, case_id=case.pk, area=area, text="", rating="great"
        )
    assert set(exc.value.errors) == {"area", "rating"}


def test_it_records_a_conversation_with_the_child_alone(cast, case):
    conversation = investigations.record_child_conversation(
        acting_user=cast.alice,
        case_id=case.pk,
        held_on=date(2026, 2, 10),
        alone=True,
        child_view="Jag vill bo kvar.",
    )
    assert conversation.is_signed
    assert conversation.present == ""


def test_it_asks_who_was_present_when_the_child_was_not_alone(cast, case):
    with pytest.raises(InvalidInput) as exc:
        investigations.record_child_conversation(
            acting_user=cast.alice,
            case_id=case.pk,
            held_on=date(2026, 2, 10),
            alone=False,
            child_view="Vet inte.",
        )
    assert exc.value.errors == {"present": ["Ange vem som var med i samtalet."]}
    conversation = investigations.record_child_conversation(
        acting_user=cast.alice,
        case_id=case.pk,
        held_on=date(2026, 2, 10),
        alone=False,
        child_view="Vet inte.",
        present="Mamma",
    )
    assert conversation.present == "Mamma"


def test_it_asks_for_the_childs_view_and_a_date_within_the_investigation(cast, case):
    with pytest.raises(InvalidInput) as exc:
        investigations.record_child_conversation(
            acting_user=cast.alice,
            case_id=case.pk,
            held_on=date(2026, 1, 30),
            alone=True,
            child_view=" ",
        )
    assert set(exc.value.errors) == {"held_on", "child_view"}


def test_it_records_a_request_and_its_answer(cast, case):
    request = investigations.record_external_request(
        acting_user=cast.alice, case_id=case.pk, actor="child_psychiatry", sent_on=date(2026, 2, 1)
    )
    answered = investigations.record_request_answer(
        acting_user=cast.alice,
        case_id=case.pk,
        request_id=request.pk,
        answered_on=date(2026, 4, 15),
    )
    assert answered.answered_on == date(2026, 4, 15)
    with pytest.raises(StateConflict):
        investigations.record_request_answer(
            acting_user=cast.alice,
            case_id=case.pk,
            request_id=request.pk,
            answered_on=date(2026, 4, 16),
        )


def test_it_refuses_an_answer_before_the_request(cast, case):
    request = investigations.record_external_request(
        acting_user=cast.alice, case_id=case.pk, actor="school", sent_on=date(2026, 2, 10)
    )
    with pytest.raises(InvalidInput) as exc:
        investigations.record_request_answer(
            acting_user=cast.alice,
            case_id=case.pk,
            request_id=request.pk,
            answered_on=date(2026, 2, 9),
        )
    assert exc.value.errors == {"answered_on": ["Svaret kan inte komma före begäran."]}


def test_it_refuses_an_answer_to_another_investigations_request(cast, case):
    other = case_about(cast.alice, local(2026, 2, 1), pin_for(date(2012, 2, 2)))
    open_investigation(cast.alice, other, date(2026, 2, 2))
    request = investigations.record_external_request(
        acting_user=cast.alice, case_id=other.pk, actor="police", sent_on=date(2026, 2, 3)
    )
    with pytest.raises(InvalidInput) as exc:
        investigations.record_request_answer(
            acting_user=cast.alice,
            case_id=case.pk,
            request_id=request.pk,
            answered_on=date(2026, 2, 4),
        )
    assert list(exc.value.errors) == ["request"]


def test_it_records_communication_of_the_material(cast, case):
    investigations.record_communication(
        acting_user=cast.alice,
        case_id=case.pk,
        communicated_on=date(2026, 5, 10),
        party="Vårdnadshavare",
    )
    investigations.record_communication(
        acting_user=cast.alice, case_id=case.pk, communicated_on=date(2026, 5, 12), party="Barnet"
    )
    case.investigation.refresh_from_db()
    assert case.investigation.communicated_on == date(2026, 5, 10)
    assert case.investigation.communications.count() == 2
