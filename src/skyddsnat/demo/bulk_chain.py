"""The scale dataset's rows for one municipality: reports, people and intake, drawn directly.

No services and no clock: every date is drawn with the same distributions as the demo stories
(``story_*``), checked against ``today`` (nothing is dated today or later), and the rows are
model instances with explicit ids, written later with ``bulk_create``. The rows respect every
database constraint and the codes of process.md.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import Max

from skyddsnat.accounts.models import Municipality, Unit, User
from skyddsnat.demo import texts
from skyddsnat.demo.families import Family, Member
from skyddsnat.demo.reports import ReportSpec
from skyddsnat.demo.story_intake import prelim_moment, prelim_outcome, protective_moment
from skyddsnat.demo.timeline import at, local_day
from skyddsnat.intake import models as im
from skyddsnat.interventions import models as cm
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Child, Guardian, GuardianRelation

JOURNAL_TEXTS = {
    "report.registered": "Anmälan registrerad.",
    "protective_assessment.made": "Skyddsbedömning gjord.",
    "preliminary_assessment.decided": "Förhandsbedömning beslutad.",
    "investigation.closed": "Utredningen avslutad.",
    "intervention.decided": "Beslut om insats.",
    "placement.visit": "Besök hos barnet.",
    "intervention.ended": "Insatsen avslutad.",
    "case.closed": "Ärendet avslutat.",
}


class Ids:
    """Explicit primary keys, handed out after the largest id already in each table."""

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}

    def __call__(self, model: type[models.Model]) -> int:
        if model not in self._next:
            self._next[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        value = self._next[model]
        self._next[model] += 1
        return value


@dataclass
class Org:
    """One municipality's organisation, as the builder needs it."""

    municipality: Municipality
    intake_unit: Unit
    intake: list[User]
    caseworkers: list[User]
    foster: list[User]
    manager: User


@dataclass
class CaseDraft:
    """A case being drawn: its id, child, report and where it stands today."""

    id: int
    child_id: int
    report_id: int
    spec: ReportSpec
    member: Member
    responsible: User
    phase: str = "assessment"
    closed_at: datetime | None = None
    joined_to: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


class Builder:
    """Accumulates rows for one municipality; ``take()`` hands over a chunk to write."""

    def __init__(self, org: Org, ids: Ids, today: date, rng: random.Random, journal: bool) -> None:
        self.org, self.ids, self.today, self.rng, self.journal = org, ids, today, rng, journal
        self.horizon = at(today, 0)
        self.rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.ongoing: dict[int, tuple[int, date, date | None]] = {}

    def take(self) -> dict[type[models.Model], list[models.Model]]:
        rows, self.rows = self.rows, defaultdict(list)
        return rows

    def add(self, obj: models.Model) -> None:
        self.rows[type(obj)].append(obj)

    def happened(self, day: date) -> bool:
        return day < self.today

    def event(self, case_id: int, moment: datetime, event: str, author: User) -> None:
        if self.journal:
            self.add(JournalEntry(
                case_id=case_id, kind="event", event=event, text=JOURNAL_TEXTS[event], author_id=author.pk,
                created_at=moment, signed_at=moment, signed_by_id=author.pk,
            ))  # fmt: skip

    def pick(self, users: list[User]) -> User:
        return self.rng.choice(users)

    # --- people -------------------------------------------------------------------------

    def child(self, member: Member, family: Family) -> int:
        if member.child_id is None:
            pk = self.ids(Child)
            code = self.org.municipality.code
            self.add(Child(
                id=pk, municipality_id=self.org.municipality.pk, personal_identity_number=member.pin,
                reserve_id=None if member.pin else f"R{code}-{pk:08d}", first_name=member.first_name,
                last_name=member.last_name, birth_date=member.birth_date, sex=member.sex,
                protected_identity=family.protected,
            ))  # fmt: skip
            member.child_id = pk
        return member.child_id

    def guardians(self, family: Family, child_ids: list[int]) -> None:
        for g in family.guardians:
            if g.row is None:
                g.row = Guardian(
                    id=self.ids(Guardian), municipality_id=self.org.municipality.pk,
                    personal_identity_number=g.pin, first_name=g.first_name, last_name=g.last_name,
                    birth_date=g.birth_date, sex=g.sex, protected_identity=family.protected,
                    address=family.address,
                )  # fmt: skip
                self.add(g.row)
        for child_id in child_ids:
            if child_id not in family.related:
                family.related.add(child_id)
                for g in family.guardians:
                    self.add(GuardianRelation(child_id=child_id, guardian_id=g.row.pk, kind=g.kind,
                                              has_custody=g.has_custody))  # fmt: skip

    # --- report and intake --------------------------------------------------------------

    def report(self, spec: ReportSpec) -> list[CaseDraft]:
        """Add the report, its reasons, children and guardians; return its drawn cases."""
        rng, org = self.rng, self.org
        registrar = self.pick(org.intake)
        report_id = self.ids(im.Report)
        self.add(im.Report(
            id=report_id, municipality_id=org.municipality.pk, unit_id=org.intake_unit.pk, kind=spec.kind,
            received_at=spec.received_at, channel=spec.channel, reporter_category=spec.category,
            reporter_mandatory=spec.mandatory, reporter_name=spec.reporter_name,
            reporter_organisation=spec.organisation, applicant=spec.applicant, account=spec.account,
            urgency=spec.urgency, registered_by_id=registrar.pk,
        ))  # fmt: skip
        for reason in spec.reasons:
            self.add(im.ReportReason(report_id=report_id, reason=reason))
        child_ids = [self.child(m, spec.family) for m in spec.members]
        self.guardians(spec.family, child_ids)
        drafts = []
        for member, child_id in zip(spec.members, child_ids, strict=True):
            draft = CaseDraft(self.ids(im.Case), child_id, report_id, spec, member, registrar)
            self.event(draft.id, spec.received_at + timedelta(minutes=5), "report.registered", registrar)
            drafts.append(draft)
        if spec.category == "social_services" and spec.channel == "internal" and rng.random() < 0.1:
            self.adult_trigger(spec, drafts, registrar)
        return drafts

    def adult_trigger(self, spec: ReportSpec, drafts: list[CaseDraft], registrar: User) -> None:
        trigger = im.AdultTrigger(
            id=self.ids(im.AdultTrigger), municipality_id=self.org.municipality.pk,
            kind=self.rng.choice(("lvm", "lpt", "violence")),
            occurred_on=local_day(spec.received_at) - timedelta(days=self.rng.randint(0, 3)),
            guardian_id=spec.family.guardians[0].row.pk, registered_by_id=registrar.pk,
        )  # fmt: skip
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
            action = rng.choices(("emergency_custody", "emergency_placement", "other_protective_action"), (20, 25, 55))[0]
        self.add(im.ProtectiveAssessment(
            case_id=d.id, made_at=made, made_by_id=worker.pk, outcome="immediate_need" if action else "no_immediate_need",
            action=action, signed_at=made, signed_by_id=worker.pk,
        ))  # fmt: skip
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
        if not emergency and ongoing and ongoing[1] <= decided and (ongoing[2] is None or ongoing[2] > decided):
            if rng.random() < 0.9:
                outcome, d.joined_to = "joined_to_ongoing", ongoing[0]
        self.prelim(d, decided, moment, outcome, worker)
        if outcome != "opened":
            d.phase, d.closed_at = "closed", moment
            if outcome == "not_opened" and rng.random() < 0.3:
                self.followup(d, decided + timedelta(days=rng.randint(20, 75)))
            return None
        caseworker = self.pick(self.org.caseworkers)
        self.add(im.CaseworkerAssignment(
            case_id=d.id, caseworker_id=caseworker.pk, previous_id=d.responsible.pk, assigned_at=moment,
            assigned_by_id=self.org.manager.pk, reason="Utredning inleds",
        ))  # fmt: skip
        d.responsible, d.phase = caseworker, "investigation"
        return decided, emergency

    def prelim(self, d: CaseDraft, decided: date, moment: datetime, outcome: str, worker: User) -> None:
        rng, age = self.rng, d.member.age_on(decided)
        heard = rng.random() < (0.15 if age < 6 else 0.6 if age < 13 else 0.72)
        reason = ""
        if outcome == "not_opened":
            reason = rng.choices(("no_concern_confirmed", "already_known_no_new_need", "outside_social_services",
                                  "moved", "other"), (45, 25, 12, 5, 13))[0]  # fmt: skip
        self.add(im.PreliminaryAssessment(
            case_id=d.id, decided_on=decided, decided_by_id=worker.pk, outcome=outcome, not_opened_reason=reason,
            followup_planned=outcome == "not_opened" and rng.random() < 0.3, child_heard=heard,
            child_not_heard_reason="" if heard else texts.NOT_HEARD[0 if age < 4 else rng.randint(1, 3)],
            child_informed_of_rights=rng.random() < (0.85 if heard else 0.2),
            guardians_contacted=rng.random() < 0.85, reporter_contacted=d.spec.mandatory and rng.random() < 0.5,
            chronology_considered=rng.random() < 0.92,
            transferred_to="Grannby kommun" if outcome == "transferred" else "",
            signed_at=moment, signed_by_id=worker.pk,
        ))  # fmt: skip
        self.event(d.id, moment, "preliminary_assessment.decided", worker)
        roll = rng.random()
        if d.spec.mandatory and roll < 0.94:
            sent = decided + timedelta(days=rng.randint(0, 6) if roll < 0.8 else rng.randint(8, 25))
            if self.happened(sent):
                self.add(im.ReporterFeedback(case_id=d.id, sent_on=sent, sent_by_id=worker.pk,
                                             investigation_opened=outcome == "opened"))  # fmt: skip

    def followup(self, d: CaseDraft, day: date) -> None:
        if self.happened(day):
            self.add(im.FollowUpContact(case_id=d.id, contacted_on=day, contacted_by_id=d.responsible.pk,
                                        note="Uppföljande kontakt; läget är stabilt."))  # fmt: skip

    def custody(self, d: CaseDraft, day: date) -> None:
        rng = self.rng
        court = day + timedelta(days=rng.randint(8, 10) if rng.random() < 0.1 else rng.randint(1, 5))
        care = day + timedelta(days=rng.randint(29, 33) if rng.random() < 0.08 else rng.randint(10, 24))
        self.add(cm.EmergencyCustody(
            case_id=d.id, decided_on=day, decided_by_id=self.org.intake[0].pk, carried_out_on=day,
            court_submitted_on=court if self.happened(court) else None,
            care_applied_on=care if self.happened(care) else None,
        ))  # fmt: skip

    def close(self, d: CaseDraft) -> None:
        """Add the case row itself, as it stands today."""
        self.add(im.Case(
            id=d.id, municipality_id=self.org.municipality.pk, unit_id=self.org.intake_unit.pk,
            child_id=d.child_id, report_id=d.report_id, responsible_id=d.responsible.pk, phase=d.phase,
            closed_at=d.closed_at, joined_to_id=d.joined_to,
        ))  # fmt: skip
