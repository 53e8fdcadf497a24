"""Registering reports, the protective assessment and the preliminary assessment."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from skyddsnat.accounts import policy
from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import Report
from skyddsnat.interventions.models import EmergencyCustody
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Child
from skyddsnat.people.services import ChildInput
from tests.cast import local, pin_for
from tests.services.flow import (
    case_about,
    decide_preliminary,
    open_investigation,
    report,
    report_input,
)

ANNA = pin_for(date(2015, 5, 17), "girl")
BO = pin_for(date(2017, 8, 3), "boy")
CILLA = pin_for(date(2020, 1, 9), "girl")


def _counts() -> tuple[int, int, int, int]:
    return (
        Report.objects.count(),
        Case.objects.count(),
        Child.objects.count(),
        JournalEntry.objects.count(),
    )


def _register(user, **kwargs) -> Report:
    received_at = kwargs.pop("received_at", local(2026, 3, 2, 9))
    children = kwargs.pop("children", [ChildInput(personal_identity_number=ANNA)])
    return intake.register_report(
        acting_user=user, data=report_input(received_at, children, **kwargs)
    )


def _invalid(user, **kwargs) -> dict[str, list[str]]:
    before = _counts()
    with pytest.raises(InvalidInput) as exc:
        _register(user, **kwargs)
    assert _counts() == before, "a refused registration must store nothing"
    return exc.value.errors


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 2))


# --- register_report -------------------------------------------------------------------------


def test_it_opens_one_case_per_child_named_in_a_report(cast, today):
    r = report(cast.ida, local(2026, 3, 2, 9), [ANNA, BO, CILLA])
    cases = list(r.cases.order_by("pk"))
    assert [c.child.personal_identity_number for c in cases] == [ANNA, BO, CILLA]
    assert {c.phase for c in cases} == {"assessment"}
    assert {c.unit for c in cases} == {cast.intake_unit}
    assert {c.responsible for c in cases} == {cast.ida}
    for case in cases:
        assert JournalEntry.objects.filter(case=case, event="report.registered").count() == 1


def test_it_keeps_one_child_when_a_later_report_names_the_same_child(cast, frozen_today):
    frozen_today(date(2026, 5, 1))
    first = case_about(cast.ida, local(2026, 3, 2), ANNA)
    # The same number written another way is the same child.
    second = case_about(cast.ida, local(2026, 4, 20), f"{ANNA[2:8]}-{ANNA[8:]}")
    assert second.child_id == first.child_id
    assert second.pk != first.pk
    assert second.report_id != first.report_id
    assert Child.objects.count() == 1


def test_it_gives_a_child_without_a_number_a_reserve_id(cast, today):
    child = ChildInput.from_name("Okänd Flicka", birth_date=date(2016, 4, 4))
    case = _register(cast.ida, children=[child]).cases.get()
    assert case.child.personal_identity_number is None
    assert case.child.reserve_id == f"R9901-{case.child.pk:08d}"
    assert case.child.identifier.startswith("R9901-")
    assert (case.child.first_name, case.child.last_name) == ("Okänd", "Flicka")


def test_it_finds_a_child_again_by_its_reserve_id(cast, frozen_today):
    frozen_today(date(2026, 4, 1))
    child = ChildInput.from_name("Okänd Pojke", birth_date=date(2016, 4, 4))
    first = _register(cast.ida, children=[child]).cases.get().child
    again = ChildInput(reserve_id=first.reserve_id)
    second = _register(cast.ida, received_at=local(2026, 4, 1), children=[again]).cases.get()
    assert second.child == first


def test_it_explains_a_wrong_check_digit_in_swedish(cast, today):
    wrong = ANNA[:-1] + str((int(ANNA[-1]) + 1) % 10)
    errors = _invalid(cast.ida, children=[ChildInput(personal_identity_number=wrong)])
    assert "kontrollsiffran" in errors["children.0.personal_identity_number"][0]


def test_it_explains_a_date_that_does_not_exist_in_swedish(cast, today):
    errors = _invalid(cast.ida, children=[ChildInput(personal_identity_number="20150231-9880")])
    assert "datumet" in errors["children.0.personal_identity_number"][0]


def test_it_explains_garbage_in_swedish_on_the_right_child(cast, today):
    children = [
        ChildInput(personal_identity_number=ANNA),
        ChildInput(personal_identity_number="hej"),
    ]
    errors = _invalid(cast.ida, children=children)
    assert list(errors) == ["children.1.personal_identity_number"]
    assert errors["children.1.personal_identity_number"] == [
        "hej är inte ett personnummer. Skriv det som ÅÅÅÅMMDD-NNNN."
    ]


def test_it_asks_for_a_name_and_birth_date_when_the_number_is_unknown(cast, today):
    errors = _invalid(cast.ida, children=[ChildInput()])
    assert set(errors) == {"children.0.name", "children.0.birth_date"}


def test_it_reports_every_missing_field_at_once(cast, today):
    errors = _invalid(
        cast.ida, received_at=datetime(2026, 3, 2, 9), children=[], reasons=[], channel="fax"
    )
    assert set(errors) == {"received_at", "children", "reasons", "channel"}
    assert "tidszon" in errors["received_at"][0]
    assert errors["children"] == ["Ange minst ett barn som anmälan gäller."]
    assert errors["reasons"] == ["Ange minst ett skäl till oron."]


def test_it_refuses_a_report_received_in_the_future(cast, today):
    errors = _invalid(cast.ida, received_at=local(2026, 3, 3, 9))
    assert errors["received_at"] == ["Tidpunkten då anmälan kom in kan inte ligga i framtiden."]


def test_it_refuses_unknown_and_repeated_reasons(cast, today):
    errors = _invalid(cast.ida, reasons=["neglect", "neglect", "boredom"])
    assert errors["reasons"] == ["Okänt skäl: boredom.", "Samma skäl är angivet två gånger."]


def test_it_refuses_the_same_child_twice_in_one_report_however_it_is_written(cast, today):
    same = [ANNA, f"{ANNA[:8]}-{ANNA[8:]}"]
    errors = _invalid(cast.ida, children=[ChildInput(personal_identity_number=n) for n in same])
    assert errors["children"] == ["Samma barn är angivet två gånger."]


def test_it_refuses_the_same_reserve_id_twice_in_one_report(cast, today):
    child = _register(
        cast.ida, children=[ChildInput.from_name("Okänd", birth_date=date(2016, 4, 4))]
    )
    reserve = child.cases.get().child.reserve_id
    errors = _invalid(
        cast.ida, children=[ChildInput(reserve_id=reserve), ChildInput(reserve_id=reserve)]
    )
    assert errors["children"] == ["Samma barn är angivet två gånger."]


def test_it_asks_who_applied_for_an_application(cast, today):
    errors = _invalid(cast.ida, kind="application")
    assert errors["applicant"] == ["Ange vem som ansöker."]
    r = _register(cast.ida, kind="application", applicant="guardian", category="relative")
    assert (r.kind, r.applicant) == ("application", "guardian")


@pytest.mark.parametrize(
    ("category", "given", "mandatory"),
    [
        ("school", None, True),
        ("police", None, True),
        ("child_psychiatry", None, True),
        ("relative", None, False),
        ("anonymous", None, False),
        ("private_person", True, True),  # e.g. a nurse who called from home
        ("school", False, False),  # what the intake worker recorded wins
    ],
)
def test_it_derives_a_mandatory_reporter_from_the_category(cast, today, category, given, mandatory):
    r = _register(cast.ida, category=category, mandatory=given)
    assert r.reporter_mandatory is mandatory


@pytest.mark.parametrize(
    ("category", "received", "mandatory"),
    [
        # 19 kap. 1 § SoL (2025:400) as amended by SFS 2025:1501: judged by the received day
        ("social_insurance_agency", local(2026, 1, 14, 23, 59), False),
        ("social_insurance_agency", local(2026, 1, 15, 0, 0), True),
        ("migration_agency", local(2026, 1, 14, 12), False),
        ("migration_agency", local(2026, 1, 15, 12), True),
        ("security_guard", local(2026, 1, 14, 12), False),
        ("security_guard", local(2026, 1, 15, 12), True),
    ],
)
def test_it_judges_a_report_by_the_list_of_mandatory_reporters_on_the_day_it_came_in(
    cast, today, category, received, mandatory
):
    r = _register(cast.ida, category=category, received_at=received, feedback_requested=False)
    assert r.reporter_mandatory is mandatory


def test_it_records_the_mandatory_reporters_request_for_feedback(cast, today):
    """19 kap. 6 § andra stycket SoL: the request is recorded with the report, and its day."""
    asked = _register(cast.ida, category="school", feedback_requested=True)
    assert asked.feedback_request.requested_on == date(2026, 3, 2)
    silent = _register(
        cast.ida, category="school", feedback_requested=False, children=[ChildInput(BO)]
    )
    assert not hasattr(silent, "feedback_request")
    errors = _invalid(cast.ida, category="relative", feedback_requested=True)
    assert list(errors) == ["reporter.feedback_requested"]


def test_it_refuses_registration_to_roles_without_cases(cast, today):
    for user in (cast.nils, cast.ana, cast.adam):
        with pytest.raises(Forbidden):
            _register(user)
    assert Report.objects.count() == 0


def test_it_refuses_a_unit_of_another_municipality(cast, today):
    errors = _invalid(cast.sara, unit_id=cast.intake_unit.pk)
    assert errors == {"unit": ["Enheten finns inte i din kommun."]}


def test_it_keeps_each_municipalitys_children_apart(cast, today):
    norrby = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    soderby = case_about(cast.sara, local(2026, 3, 2, 10), ANNA)
    assert norrby.child_id != soderby.child_id
    assert soderby.child.municipality == cast.soderby
    assert list(policy.cases_visible_to(cast.sara)) == [soderby]
    assert not policy.can_read_case(cast.sara, norrby)
    with pytest.raises(NotFound):
        policy.require_case(cast.sara, norrby.pk)


def test_it_puts_a_managers_report_in_the_queue_without_a_responsible(cast, today):
    case = _register(cast.maja).cases.get()
    assert case.responsible is None
    assert case.unit == cast.inv_unit


# --- protective assessment -------------------------------------------------------------------


def _protect(user, case, outcome="no_immediate_need", made_at=None, **kwargs):
    return intake.make_protective_assessment(
        acting_user=user,
        case_id=case.pk,
        made_at=made_at or local(2026, 3, 2, 11),
        outcome=outcome,
        **kwargs,
    )


def test_it_records_the_protective_assessment_once(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    assessment = _protect(cast.ida, case)
    assert assessment.is_signed
    assert assessment.made_by == cast.ida
    with pytest.raises(StateConflict):
        _protect(cast.ida, case)


def test_it_asks_what_was_done_about_an_immediate_need(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    with pytest.raises(InvalidInput) as exc:
        _protect(cast.ida, case, outcome="immediate_need")
    assert exc.value.errors == {"action": ["Ange vilken skyddsåtgärd som vidtogs."]}
    with pytest.raises(InvalidInput) as exc:
        _protect(cast.ida, case, action="emergency_placement")
    assert list(exc.value.errors) == ["action"]


def test_it_refuses_a_protective_assessment_before_the_report_or_in_the_future(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    for made_at in (local(2026, 3, 2, 8), local(2026, 3, 2, 13), datetime(2026, 3, 2, 11)):
        with pytest.raises(InvalidInput) as exc:
            _protect(cast.ida, case, made_at=made_at)
        assert list(exc.value.errors) == ["made_at"]


def test_it_starts_the_lvu_clocks_with_an_emergency_custody(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    _protect(cast.ida, case, outcome="immediate_need", action="emergency_custody")
    custody = EmergencyCustody.objects.get(case=case)
    assert (custody.decided_on, custody.carried_out_on) == (date(2026, 3, 2), date(2026, 3, 2))
    due = {o.kind: o.due_date for o in case_obligations(case, date(2026, 3, 2))}
    assert due["lvu_court_submission"] == date(2026, 3, 9)
    assert due["lvu_care_application"] == date(2026, 3, 30)
    assert due["protective_assessment"] == date(2026, 3, 2)


# --- preliminary assessment ------------------------------------------------------------------


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return case_about(cast.ida, local(2026, 3, 2, 9), ANNA)


def test_it_opens_the_investigation_on_the_day_of_the_decision(cast, case):
    assessment = open_investigation(cast.ida, case, date(2026, 3, 10))
    case.refresh_from_db()
    assert assessment.is_signed
    assert case.phase == "investigation"
    assert case.investigation.opened_on == date(2026, 3, 10)


def test_an_opened_investigation_goes_to_the_investigating_units_queue(cast, case):
    open_investigation(cast.ida, case, date(2026, 3, 10))
    case.refresh_from_db()
    assert case.unit == cast.inv_unit
    assert case.responsible is None  # "Att fördela": the unit's manager assigns it
    assert list(case.investigation.investigators.all()) == []
    entry = JournalEntry.objects.filter(case=case, event="case.handed_over").get()
    assert entry.text == "Överlämnat till Utredning barn: att fördela."
    # The manager assigns it from the queue: the caseworker becomes its investigator.
    intake.reassign_caseworker(acting_user=cast.maja, case_id=case.pk, caseworker=cast.bob)
    case.refresh_from_db()
    assert case.responsible == cast.bob
    assert list(case.investigation.investigators.all()) == [cast.bob]


def test_the_decider_may_name_the_investigating_caseworker(cast, case):
    decide_preliminary(cast.ida, case, date(2026, 3, 10), "opened", caseworker_id=cast.alice.pk)
    case.refresh_from_db()
    assert (case.unit, case.responsible) == (cast.inv_unit, cast.alice)
    assert list(case.investigation.investigators.all()) == [cast.alice]
    assignment = case.assignments.get()
    assert (assignment.caseworker, assignment.previous, assignment.assigned_by) == (
        cast.alice,
        cast.ida,
        cast.ida,
    )


@pytest.mark.parametrize("who", ["carl", "sara", "maja", "inactive"])
def test_only_an_investigation_units_caseworker_may_be_named(cast, case, who):
    if who == "inactive":
        cast.bob.is_active = False
        cast.bob.save()
    person = cast.bob if who == "inactive" else getattr(cast, who)
    with pytest.raises(InvalidInput) as raised:
        decide_preliminary(cast.ida, case, date(2026, 3, 10), "opened", caseworker_id=person.pk)
    assert "caseworker" in raised.value.errors
    assert not hasattr(Case.objects.get(pk=case.pk), "preliminary_assessment")


def test_a_caseworker_is_named_only_when_an_investigation_opens(cast, case):
    with pytest.raises(InvalidInput) as raised:
        decide_preliminary(
            cast.ida,
            case,
            date(2026, 3, 10),
            "not_opened",
            reason="no_concern_confirmed",
            caseworker_id=cast.alice.pk,
        )
    assert raised.value.errors["caseworker"] == ["Handläggare väljs bara när utredning inleds."]


def test_a_case_outside_intake_stays_with_its_caseworker(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 2, 9), ANNA)
    open_investigation(cast.alice, case, date(2026, 3, 10))
    case.refresh_from_db()
    assert (case.unit, case.responsible) == (cast.inv_unit, cast.alice)
    assert not JournalEntry.objects.filter(case=case, event="case.handed_over").exists()


def test_without_an_investigation_unit_the_case_stays_in_its_unit(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    cast.inv_unit.is_active = False
    cast.inv_unit.save()
    case = case_about(cast.ida, local(2026, 3, 2, 9), ANNA)
    open_investigation(cast.ida, case, date(2026, 3, 10))
    case.refresh_from_db()
    assert (case.unit, case.responsible) == (cast.intake_unit, cast.ida)


def test_it_decides_the_preliminary_assessment_once(cast, case):
    decide_preliminary(
        cast.ida, case, date(2026, 3, 10), "not_opened", reason="no_concern_confirmed"
    )
    with pytest.raises(StateConflict):
        open_investigation(cast.ida, case, date(2026, 3, 11))


def test_it_asks_why_the_child_was_not_heard(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide_preliminary(cast.ida, case, date(2026, 3, 10), "opened", child_heard=False)
    assert exc.value.errors == {
        "child_not_heard_reason": [
            "Skriv varför barnet inte kom till tals. Det ska alltid dokumenteras."
        ]
    }
    assessment = decide_preliminary(
        cast.ida,
        case,
        date(2026, 3, 10),
        "opened",
        child_heard=False,
        child_not_heard_reason="Barnet är två år.",
    )
    assert assessment.child_not_heard_reason == "Barnet är två år."


def test_it_closes_the_case_when_no_investigation_is_opened(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide_preliminary(cast.ida, case, date(2026, 3, 10), "not_opened")
    assert list(exc.value.errors) == ["reason"]
    decide_preliminary(
        cast.ida,
        case,
        date(2026, 3, 10),
        "not_opened",
        reason="no_concern_confirmed",
        followup_planned=True,
    )
    case.refresh_from_db()
    assert case.phase == "closed"
    assert case.closed_at is not None
    assert not hasattr(case, "investigation")


def test_it_refuses_a_not_opened_reason_when_the_investigation_opens(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide_preliminary(cast.ida, case, date(2026, 3, 10), "opened", reason="moved")
    assert list(exc.value.errors) == ["reason"]


def test_it_asks_where_a_transferred_case_went(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide_preliminary(cast.ida, case, date(2026, 3, 10), "transferred")
    assert list(exc.value.errors) == ["transferred_to"]
    decide_preliminary(cast.ida, case, date(2026, 3, 10), "transferred", transferred_to="Söderby")
    case.refresh_from_db()
    assert case.phase == "closed"


def test_it_joins_a_report_to_the_investigation_already_running(cast, case):
    with pytest.raises(InvalidInput) as exc:
        decide_preliminary(cast.ida, case, date(2026, 3, 10), "joined_to_ongoing")
    assert list(exc.value.errors) == ["outcome"]
    open_investigation(cast.ida, case, date(2026, 3, 10))
    later = case_about(cast.ida, local(2026, 3, 15), ANNA, category="police")
    decide_preliminary(cast.ida, later, date(2026, 3, 16), "joined_to_ongoing")
    later.refresh_from_db()
    assert later.joined_to == case
    assert later.phase == "closed"
    assert list(case.joined_cases.all()) == [later]


def test_it_refuses_a_decision_before_the_report_came_in_or_in_the_future(cast, case):
    for day in (date(2026, 3, 1), date(2026, 3, 21)):
        with pytest.raises(InvalidInput) as exc:
            open_investigation(cast.ida, case, day)
        assert list(exc.value.errors) == ["decided_on"]
    case.refresh_from_db()
    assert case.phase == "assessment"


def test_it_records_feedback_to_the_mandatory_reporter_after_the_decision(cast, case):
    # The investigation is the caseworker's: intake writes a case only until the decision.
    case = case_about(cast.alice, local(2026, 3, 2, 9), BO)
    with pytest.raises(StateConflict):
        intake.send_reporter_feedback(
            acting_user=cast.alice, case_id=case.pk, sent_on=date(2026, 3, 10)
        )
    open_investigation(cast.alice, case, date(2026, 3, 10))
    with pytest.raises(InvalidInput):
        intake.send_reporter_feedback(
            acting_user=cast.alice, case_id=case.pk, sent_on=date(2026, 3, 9)
        )
    feedback = intake.send_reporter_feedback(
        acting_user=cast.alice, case_id=case.pk, sent_on=date(2026, 3, 12)
    )
    assert feedback.investigation_opened is True
    with pytest.raises(StateConflict):
        intake.send_reporter_feedback(
            acting_user=cast.alice, case_id=case.pk, sent_on=date(2026, 3, 12)
        )


def test_feedback_found_inappropriate_is_recorded_with_its_reason(cast, case):
    """19 kap. 6 § andra stycket SoL: feedback is not given if inappropriate; the reason is
    required, recorded once instead of the feedback, journaled and audited."""
    case = case_about(cast.alice, local(2026, 3, 2, 9), BO)
    with pytest.raises(StateConflict):
        intake.withhold_reporter_feedback(
            acting_user=cast.alice,
            case_id=case.pk,
            decided_on=date(2026, 3, 10),
            withheld_reason="Skyddad adress.",
        )
    open_investigation(cast.alice, case, date(2026, 3, 10))
    with pytest.raises(InvalidInput) as exc:
        intake.withhold_reporter_feedback(
            acting_user=cast.alice,
            case_id=case.pk,
            decided_on=date(2026, 3, 11),
            withheld_reason="  ",
        )
    assert list(exc.value.errors) == ["withheld_reason"]
    feedback = intake.withhold_reporter_feedback(
        acting_user=cast.alice,
        case_id=case.pk,
        decided_on=date(2026, 3, 11),
        withheld_reason="Anmälaren är part i en vårdnadstvist.",
    )
    assert feedback.withheld_reason == "Anmälaren är part i en vårdnadstvist."
    assert AuditEvent.objects.filter(
        object_type="intake.reporterfeedback", object_id=str(feedback.pk)
    ).exists()
    with pytest.raises(StateConflict):
        intake.send_reporter_feedback(
            acting_user=cast.alice, case_id=case.pk, sent_on=date(2026, 3, 12)
        )


def test_it_records_a_later_request_for_feedback_once(cast, case):
    """A mandatory reporter may ask after the report came in (19 kap. 6 § andra stycket SoL)."""
    case = case_about(cast.ida, local(2026, 3, 2, 9), BO, feedback_requested=False)
    for day in (date(2026, 3, 1), date(2026, 3, 21)):  # before the report, in the future
        with pytest.raises(InvalidInput):
            intake.record_feedback_request(acting_user=cast.ida, case_id=case.pk, requested_on=day)
    asked = intake.record_feedback_request(
        acting_user=cast.ida, case_id=case.pk, requested_on=date(2026, 3, 12)
    )
    assert (asked.report_id, asked.requested_on) == (case.report_id, date(2026, 3, 12))
    with pytest.raises(StateConflict):
        intake.record_feedback_request(
            acting_user=cast.ida, case_id=case.pk, requested_on=date(2026, 3, 13)
        )
    relative = case_about(cast.ida, local(2026, 3, 2, 9), CILLA, category="relative")
    with pytest.raises(InvalidInput):
        intake.record_feedback_request(
            acting_user=cast.ida, case_id=relative.pk, requested_on=date(2026, 3, 12)
        )


def test_it_records_a_followup_contact_after_a_case_closed(cast, case):
    decide_preliminary(
        cast.ida,
        case,
        date(2026, 3, 10),
        "not_opened",
        reason="no_concern_confirmed",
        followup_planned=True,
    )
    contact = intake.record_followup_contact(
        acting_user=cast.ida,
        case_id=case.pk,
        contacted_on=date(2026, 3, 20),
        note="Familjen mår bra.",
    )
    assert contact.contacted_by == cast.ida
    assert JournalEntry.objects.filter(case=case, event="followup_contact.recorded").exists()


def test_it_refuses_a_child_born_in_the_future(cast, today):
    unborn = pin_for(date(2026, 3, 3))
    named = ChildInput.from_name("Ny Bebis", birth_date=date(2026, 3, 3))
    errors = _invalid(cast.ida, children=[ChildInput(personal_identity_number=unborn), named])
    assert errors == {
        "children.0.personal_identity_number": [
            "Födelsedatumet ligger i framtiden. Kontrollera numret eller datumet."
        ],
        "children.1.birth_date": [
            "Födelsedatumet ligger i framtiden. Kontrollera numret eller datumet."
        ],
    }
