"""The scale dataset's reports and the intake part of their cases, drawn directly.

No services and no clock: every date is drawn with the same distributions as the demo stories
(``story_*``), checked against ``today`` (nothing is dated today or later), and the rows are
model instances with explicit ids, written later with ``bulk_create``. The rows respect every
database constraint and the codes of docs/spec/process.md.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from skyddsnat.accounts.models import User
from skyddsnat.cases import models as cases_models
from skyddsnat.demo import names, texts
from skyddsnat.demo.bulk_base import CaseDraft, Rows
from skyddsnat.demo.reports import ReportSpec
from skyddsnat.demo.story_intake import (
    prelim_heard_and_reason,
    prelim_moment,
    prelim_outcome,
    protective_moment,
)
from skyddsnat.demo.timeline import local_day
from skyddsnat.intake import models as im
from skyddsnat.interventions import models as cm


class Builder(Rows):
    """Draws reports and the intake part of their cases (the rest: ``bulk_care``)."""

    def report(self, spec: ReportSpec) -> list[CaseDraft]:
        """Add the report, its reasons, children and guardians; return its drawn cases."""
        rng, org = self.rng, self.org
        registrar = self.pick(org.intake)
        report_id = self.ids(im.Report)
        self.add(
            im.Report(
                id=report_id,
                municipality_id=org.municipality.pk,
                unit_id=org.intake_unit.pk,
                kind=spec.kind,
                received_at=spec.received_at,
                channel=spec.channel,
                reporter_category=spec.category,
                reporter_mandatory=spec.mandatory,
                reporter_name=spec.reporter_name,
                reporter_organisation=spec.organisation,
                reporter_contact=names.FICTION_PHONE if spec.organisation else "",
                applicant=spec.applicant,
                account=spec.account,
                urgency=spec.urgency,
                registered_by_id=registrar.pk,
            )
        )
        for reason in spec.reasons:
            self.add(im.ReportReason(report_id=report_id, reason=reason))
        if spec.feedback_requested:
            self.add(
                im.FeedbackRequest(
                    report_id=report_id,
                    requested_on=local_day(spec.received_at),
                    recorded_by_id=registrar.pk,
                )
            )
        child_ids = [self.child(m, spec.family) for m in spec.members]
        self.guardians(spec.family, child_ids)
        drafts = []
        for member, child_id in zip(spec.members, child_ids, strict=True):
            draft = CaseDraft(
                self.ids(cases_models.Case), child_id, report_id, spec, member, registrar
            )
            self.event(
                draft.id, spec.received_at + timedelta(minutes=5), "report.registered", registrar
            )
            drafts.append(draft)
        if spec.category == "social_services" and spec.channel == "internal" and rng.random() < 0.1:
            self.adult_trigger(spec, drafts, registrar)
        return drafts

    def adult_trigger(self, spec: ReportSpec, drafts: list[CaseDraft], registrar: User) -> None:
        trigger = im.AdultTrigger(
            id=self.ids(im.AdultTrigger),
            municipality_id=self.org.municipality.pk,
            kind=self.rng.choice(("lvm", "lpt", "violence")),
            occurred_on=local_day(spec.received_at) - timedelta(days=self.rng.randint(0, 3)),
            guardian_id=spec.family.guardians[0].row.pk,
            registered_by_id=registrar.pk,
        )
        self.add(trigger)
        for d in drafts:
            self.add(im.AdultTriggerLink(trigger_id=trigger.pk, child_id=d.child_id, case_id=d.id))

    def intake(self, d: CaseDraft) -> tuple[date, bool] | None:
        """Draw the protective and preliminary assessments; return (decided, emergency) if opened."""
        rng, spec = self.rng, d.spec
        made = protective_moment(spec.received_at, rng)
        if made >= self.horizon:
            return None
        worker = self.pick(self.org.intake)
        urgent = 0.3 if spec.urgency == "acute" else 0.1 if spec.urgency == "high" else 0.03
        action = ""
        if rng.random() < urgent:
            action = rng.choices(
                ("emergency_custody", "emergency_placement", "other_protective_action"),
                (20, 25, 55),
            )[0]
        self.add(
            im.ProtectiveAssessment(
                case_id=d.id,
                made_at=made,
                made_by_id=worker.pk,
                outcome="immediate_need" if action else "no_immediate_need",
                action=action,
                signed_at=made,
                signed_by_id=worker.pk,
            )
        )
        self.event(d.id, made, "protective_assessment.made", worker)
        emergency = action == "emergency_custody"
        if emergency:
            self.custody(d, local_day(made))
        moment = made + timedelta(minutes=20) if emergency else prelim_moment(spec, rng)
        if moment >= self.horizon:
            return None
        decided = local_day(moment)
        outcome = "opened" if emergency else prelim_outcome(spec, rng)
        ongoing = self.ongoing.get(d.child_id)
        running = ongoing and ongoing[1] <= decided and (ongoing[2] is None or ongoing[2] > decided)
        if running and not emergency and rng.random() < 0.9:
            outcome, d.joined_to = "joined_to_ongoing", ongoing[0]
        self.prelim(d, decided, moment, outcome, worker)
        if outcome != "opened":
            d.phase, d.closed_at = "closed", moment
            if outcome == "not_opened" and rng.random() < 0.3:
                self.followup(d, decided + timedelta(days=rng.randint(20, 75)))
            return None
        caseworker = self.pick(self.org.caseworkers)
        self.add(
            cases_models.CaseworkerAssignment(
                case_id=d.id,
                caseworker_id=caseworker.pk,
                previous_id=d.responsible.pk,
                assigned_at=moment,
                assigned_by_id=self.org.manager.pk,
                reason="Utredning inleds",
            )
        )
        d.responsible, d.phase = caseworker, "investigation"
        return decided, emergency

    def prelim(
        self, d: CaseDraft, decided: date, moment: datetime, outcome: str, worker: User
    ) -> None:
        rng, age = self.rng, d.member.age_on(decided)
        heard, reason = prelim_heard_and_reason(rng, age, outcome)
        self.add(
            im.PreliminaryAssessment(
                case_id=d.id,
                decided_on=decided,
                decided_by_id=worker.pk,
                outcome=outcome,
                not_opened_reason=reason,
                followup_planned=outcome == "not_opened" and rng.random() < 0.3,
                child_heard=heard,
                child_not_heard_reason=""
                if heard
                else texts.NOT_HEARD[0 if age < 4 else rng.randint(1, 3)],
                child_informed_of_rights=rng.random() < (0.85 if heard else 0.2),
                guardians_contacted=rng.random() < 0.85,
                reporter_contacted=d.spec.mandatory and rng.random() < 0.5,
                chronology_considered=rng.random() < 0.92,
                transferred_to="Grannby kommun" if outcome == "transferred" else "",
                signed_at=moment,
                signed_by_id=worker.pk,
            )
        )
        self.event(d.id, moment, "preliminary_assessment.decided", worker)
        roll = rng.random()
        if d.spec.mandatory and roll < 0.94:
            sent = decided + timedelta(days=rng.randint(0, 6) if roll < 0.8 else rng.randint(8, 25))
            if self.happened(sent):
                self.add(
                    im.ReporterFeedback(
                        case_id=d.id,
                        sent_on=sent,
                        sent_by_id=worker.pk,
                        investigation_opened=outcome == "opened",
                    )
                )

    def followup(self, d: CaseDraft, day: date) -> None:
        if self.happened(day):
            self.add(
                im.FollowUpContact(
                    case_id=d.id,
                    contacted_on=day,
                    contacted_by_id=d.responsible.pk,
                    note="Uppföljande kontakt; läget är stabilt.",
                )
            )

    def custody(self, d: CaseDraft, day: date) -> None:
        rng = self.rng
        court = day + timedelta(
            days=rng.randint(8, 10) if rng.random() < 0.1 else rng.randint(1, 5)
        )
        care = day + timedelta(
            days=rng.randint(29, 33) if rng.random() < 0.08 else rng.randint(10, 24)
        )
        self.add(
            cm.EmergencyCustody(
                case_id=d.id,
                decided_on=day,
                decided_by_id=self.org.intake[0].pk,
                carried_out_on=day,
                court_submitted_on=court if self.happened(court) else None,
                care_applied_on=care if self.happened(care) else None,
            )
        )

    def close(self, d: CaseDraft) -> None:
        """Add the case row itself, as it stands today."""
        self.add(
            cases_models.Case(
                id=d.id,
                municipality_id=self.org.municipality.pk,
                unit_id=self.org.intake_unit.pk,
                child_id=d.child_id,
                report_id=d.report_id,
                responsible_id=d.responsible.pk,
                phase=d.phase,
                closed_at=d.closed_at,
                joined_to_id=d.joined_to,
            )
        )
