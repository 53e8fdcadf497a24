"""Every write through the services leaves an audit row that names the case, never its text."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.intake import services as intake
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.journal import services as journal
from tests.cast import local, pin_for
from tests.services.flow import (
    ACCOUNT,
    case_about,
    close_investigation,
    decide,
    end,
    open_investigation,
)

ANNA = pin_for(date(2015, 5, 17), "girl")
NOTE = "Mamma berättade om pappas drickande."
SECRETS = (
    ACCOUNT,
    NOTE,
    "Jag vill bo kvar.",
    "Pappa dricker",
    "Familjen mår bra.",
    "Rektor Testsson",
)


def _new_rows(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("pk")[before:])


def test_it_audits_every_write_with_the_case_and_without_its_text(cast, frozen_today):
    frozen_today(date(2026, 12, 1))
    u = cast.alice
    before = AuditEvent.objects.count()
    case = case_about(u, local(2026, 3, 2, 9), ANNA)
    rows = _new_rows(before)
    assert {(r.object_type, r.case_id) for r in rows} == {
        ("cases.case", case.pk),
        ("intake.report", None),
    }

    steps = {
        "protective": lambda: intake.make_protective_assessment(
            acting_user=u,
            case_id=case.pk,
            made_at=local(2026, 3, 2, 10),
            outcome="no_immediate_need",
            note=NOTE,
        ),
        "note": lambda: journal.write_note(acting_user=u, case_id=case.pk, text=NOTE, sign=False),
        "preliminary": lambda: open_investigation(u, case, date(2026, 3, 10)),
        "feedback": lambda: intake.send_reporter_feedback(
            acting_user=u, case_id=case.pk, sent_on=date(2026, 3, 11)
        ),
        "plan": lambda: investigations.update_plan(
            acting_user=u,
            case_id=case.pk,
            questions="Pappa dricker?",
            contacts="",
            child_participation="",
        ),
        "triangle": lambda: investigations.assess_triangle_area(
            acting_user=u,
            case_id=case.pk,
            area=bbic.area_codes()[0],
            text="Pappa dricker",
            rating="concern",
        ),
        "conversation": lambda: investigations.record_child_conversation(
            acting_user=u,
            case_id=case.pk,
            held_on=date(2026, 4, 1),
            alone=True,
            child_view="Jag vill bo kvar.",
        ),
        "request": lambda: investigations.record_external_request(
            acting_user=u,
            case_id=case.pk,
            actor="school",
            sent_on=date(2026, 4, 2),
            note="Pappa dricker",
        ),
        "extension": lambda: investigations.extend_investigation(
            acting_user=u,
            case_id=case.pk,
            decided_on=date(2026, 7, 1),
            decided_by="delegate",
            reason="Pappa dricker",
            new_due_date=date(2026, 8, 31),
        ),
        "communication": lambda: investigations.record_communication(
            acting_user=u, case_id=case.pk, communicated_on=date(2026, 7, 2), party="Pappa"
        ),
        "close": lambda: close_investigation(u, case, date(2026, 7, 3), analysis="Pappa dricker"),
        "decide": lambda: decide(u, case, date(2026, 7, 6), goals="Pappa dricker"),
        "reassign": lambda: intake.reassign_caseworker(
            acting_user=cast.maja, case_id=case.pk, caseworker=cast.bob
        ),
        "followup": lambda: intake.record_followup_contact(
            acting_user=cast.bob,  # responsible since "reassign"
            case_id=case.pk,
            contacted_on=date(2026, 7, 7),
            note="Familjen mår bra.",
        ),
    }
    for name, step in steps.items():
        before = AuditEvent.objects.count()
        obj = step()
        rows = _new_rows(before)
        assert rows, f"{name} wrote no audit row"
        assert all(r.case_id == case.pk for r in rows), name
        assert all(r.actor_id in (u.pk, cast.maja.pk, cast.bob.pk) for r in rows), name
        assert any(r.object_id == str(obj.pk) for r in rows) or name == "decide", name

    placement = case.interventions.get()
    follow_up = {
        "visit": lambda: interventions.record_visit(
            acting_user=cast.bob,
            intervention_id=placement.pk,
            visited_on=date(2026, 8, 1),
            child_talked_alone=True,
            note=NOTE,
        ),
        "review": lambda: interventions.record_review(
            acting_user=cast.bob,
            intervention_id=placement.pk,
            held_on=date(2026, 9, 1),
            outcome="continue",
            note=NOTE,
        ),
        "custody": lambda: interventions.record_custody_consideration(
            acting_user=cast.bob,
            intervention_id=placement.pk,
            considered_on=date(2026, 9, 2),
            transfer_proposed=False,
            note=NOTE,
        ),
        "end": lambda: end(cast.bob, placement, date(2026, 10, 1)),
        "evaluation": lambda: interventions.record_evaluation(
            acting_user=cast.bob,
            intervention_id=placement.pk,
            data=interventions.EvaluationInput(
                evaluated_on=date(2026, 10, 2), goals_met="yes", child_view=NOTE
            ),
        ),
        "close_case": lambda: intake.close_case(acting_user=cast.bob, case_id=case.pk),
    }
    for name, step in follow_up.items():
        before = AuditEvent.objects.count()
        step()
        rows = _new_rows(before)
        assert [r.case_id for r in rows] == [case.pk], name

    for row in AuditEvent.objects.all():
        assert row.object_type and row.object_id
        assert row.municipality_id == cast.norrby.pk
        # Every row about the case names its child (the manager's log of one child).
        if row.case_id is not None:
            assert row.child_id == case.child_id, (row.object_type, row.action)
        values = " ".join(str(getattr(row, f.attname)) for f in AuditEvent._meta.concrete_fields)
        for secret in SECRETS:
            assert secret not in values, (row.object_type, secret)


def test_it_writes_no_audit_row_for_a_refused_write(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    case = case_about(cast.alice, local(2026, 3, 2, 9), ANNA)
    before = AuditEvent.objects.count()
    for refused in (
        lambda: open_investigation(cast.alice, case, date(2026, 3, 3)),
        lambda: journal.write_note(acting_user=cast.alice, case_id=case.pk, text=""),
        lambda: intake.reassign_caseworker(
            acting_user=cast.alice, case_id=case.pk, caseworker=cast.bob
        ),
    ):
        with pytest.raises((InvalidInput, Forbidden)):
            refused()
    assert AuditEvent.objects.count() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite trigger")
def test_it_keeps_the_audit_log_append_only(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    case_about(cast.alice, local(2026, 3, 2, 9), ANNA)
    row = AuditEvent.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).update(reason="ändrad")
