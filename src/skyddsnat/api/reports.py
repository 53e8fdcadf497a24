"""Reports (*orosanmälningar*) and applications: ``POST /reports``, ``GET /reports/{id}``."""

from __future__ import annotations

from datetime import date
from typing import Any, Self

from django.http import HttpRequest
from ninja import Router
from pydantic import AliasGenerator, ConfigDict, Field

from skyddsnat.api.access import act, record_read
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, CaseRef, DateTime, In, LocalDateTime, Out, codes
from skyddsnat.intake import choices as c
from skyddsnat.intake import services as intake
from skyddsnat.intake.access import require_report
from skyddsnat.intake.models import Report
from skyddsnat.people.models import Sex
from skyddsnat.people.services import ChildInput

router = Router(tags=["Anmälningar / Reports"])

ReporterCategory = codes(c.ReporterCategory)
Channel = codes(c.Channel)
Reason = codes(c.Reason)
Urgency = codes(c.Urgency)
ReportKind = codes(c.ReportKind)
Applicant = codes(c.Applicant)
SexCode = codes(Sex)


class ReporterIn(In):
    """The reporter; ``mandatory`` left out: the law's list on the received day decides.

    ``feedback_requested``: the reporter asks for feedback in the report (a mandatory reporter
    only; docs/spec/api.md).
    """

    category: ReporterCategory
    mandatory: bool | None = None
    name: str = ""
    organisation: str = ""
    contact: str = ""
    feedback_requested: bool = False


class ChildIn(In):
    """A child: ``personal_identity_number``, or ``name`` and ``birth_date`` when it is unknown."""

    personal_identity_number: str = ""
    name: str = ""
    birth_date: date | None = None
    reserve_id: str = ""
    sex: SexCode | None = None
    protected_identity: bool = False

    def to_input(self) -> ChildInput:
        extra = {
            "personal_identity_number": self.personal_identity_number.strip(),
            "birth_date": self.birth_date,
            "reserve_id": self.reserve_id.strip(),
            "sex": self.sex or "",
            "protected_identity": self.protected_identity,
        }
        return ChildInput.from_name(self.name, **extra)


class ReportIn(In):
    received_at: DateTime
    channel: Channel
    reporter: ReporterIn
    reasons: list[Reason]
    children: list[ChildIn]
    account: str = ""
    urgency: Urgency = c.Urgency.NORMAL.value
    kind: ReportKind = c.ReportKind.REPORT.value
    applicant: Applicant | None = None
    unit_id: int | None = None
    #: The caller confirms an implausible received date (before a child was born, or more than
    #: two years back); without it such a report is refused with the Swedish question (422).
    confirm_unusual_date: bool = False


class ReportCreatedOut(Out):
    """The registered report with one case per child (free text is left out of this answer)."""

    id: int
    kind: str
    received_at: LocalDateTime
    channel: str
    reporter_category: str
    reporter_mandatory: bool
    reasons: list[str]
    urgency: str
    unit_id: int
    cases: list[CaseRef]

    @classmethod
    def of_report(cls, report: Report, **more: Any) -> Self:
        """Return the answer showing ``report``, its reasons and cases in the order registered."""
        reasons = [r.reason for r in report.reasons.order_by("pk")]
        return cls.of(report, reasons=reasons, cases=report.cases.order_by("pk"), **more)


class ReporterOut(Out):
    # Read from the report's own fields: ``category`` from ``reporter_category`` …
    model_config = ConfigDict(alias_generator=AliasGenerator(validation_alias="reporter_{}".format))

    category: str
    mandatory: bool
    name: str
    organisation: str
    contact: str
    #: The day the reporter asked for feedback (in the report or later), or null.
    feedback_requested_on: date | None = Field(validation_alias="feedback_requested_on")


class ReportOut(ReportCreatedOut):
    """The whole report, as the reporter gave it."""

    reporter: ReporterOut
    account: str
    applicant: str
    registered_at: LocalDateTime
    registered_by_id: int


@router.post("/reports", response={201: ReportCreatedOut, **ERRORS})
@idempotent(201)
def register_report(request: HttpRequest, payload: ReportIn) -> ReportCreatedOut:
    """Register a report or application; one case is opened per child (*registrera anmälan*)."""
    data = intake.ReportInput(
        **payload.arguments(
            reporter=intake.ReporterInput(**payload.reporter.model_dump()),
            children=[child.to_input() for child in payload.children],
            applicant=payload.applicant or "",
        )
    )
    report = act(request, intake.register_report, data=data)
    # From what the service wrote, in order: no second read.
    return ReportCreatedOut.of(
        report, reasons=report.registered_reasons, cases=report.registered_cases
    )


@router.get("/reports/{report_id}", response={200: ReportOut, **ERRORS})
def get_report(request: HttpRequest, report_id: int) -> ReportOut:
    """Return the report with its cases (the read is logged for each case)."""
    user = current_user(request)
    report = require_report(user, report_id)
    for case in report.cases.all():
        record_read(request, user, report, case)
    asked = getattr(report, "feedback_request", None)
    reporter = ReporterOut.of(report, feedback_requested_on=asked.requested_on if asked else None)
    return ReportOut.of_report(report, reporter=reporter)
