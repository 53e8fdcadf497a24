"""One form for several children of a report (decision 0025): the protective assessment, the
preliminary assessment and the reporter feedback decided for the siblings at once.

The form has the fields the children share (the time, the date, what was read, who
investigates) once, and each child's own fields (outcome, child heard, reason) once per child,
named ``<field>_<case id>``, with a box "Ta med i beslutet" (ticked) per child. The service
(``intake.siblings``) writes every ticked child's record or none; its errors about one child
(``children.<case id>.<field>``) come back next to that child's field.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from skyddsnat.intake import siblings
from skyddsnat.intake.models import Report
from skyddsnat.web.forms.assessments import (
    CaseActionForm,
    PreliminaryAssessmentForm,
    ProtectiveAssessmentForm,
    ReporterFeedbackForm,
)
from skyddsnat.web.forms.base import (
    FIELD_TEMPLATE,
    ErrorLink,
    Groups,
    SkyddsnatForm,
    aware,
    errors_id,
    limit_free_texts,
)


def child_name(case: Case) -> str:
    child = case.child
    return f"{child.first_name} {child.last_name}".strip() or child.identifier


@dataclass(frozen=True)
class ChildPart:
    """One child's fieldset in a joint form."""

    case: Case
    name: str
    include: forms.BoundField
    fields: list[forms.BoundField]


class JointForm(SkyddsnatForm):
    """A decision for several children of one report (the subclasses say which)."""

    key: ClassVar[str]
    title: ClassVar[object]
    intro: ClassVar[object]
    submit_label: ClassVar[object]
    done_message: ClassVar[object]
    #: The per-child service the joint one wraps (the question each child's case is asked).
    service: ClassVar[Callable[..., object]]
    #: The single form whose fields this one is made of.
    single: ClassVar[type[CaseActionForm]]
    #: The fields the children share (once), and each child's own (once per child).
    shared: ClassVar[list[str]] = []
    own: ClassVar[list[str]] = []

    def __init__(self, data=None, *, report: Report, cases: Sequence[Case], **kwargs) -> None:
        self.report, self.cases = report, list(cases)
        kwargs.setdefault("prefix", f"{self.key}-r{report.pk}")
        super().__init__(data, **kwargs)
        base = self.single.base_fields
        fields: dict[str, forms.Field] = {n: copy.deepcopy(base[n]) for n in self.shared}
        renamed: dict[str, str] = {}
        for case in self.cases:
            fields[f"include_{case.pk}"] = forms.BooleanField(
                label=gettext("Ta med %(name)s i beslutet") % {"name": child_name(case)},
                required=False,
                initial=True,
            )
            for name in self.own:
                field = copy.deepcopy(base[name])
                field.required = False  # asked only of the children ticked (``clean``)
                fields[f"{name}_{case.pk}"] = field
                renamed[siblings.child_field(case.pk, name)] = f"{name}_{case.pk}"
            for service_name, name in self.single.service_fields.items():
                renamed[siblings.child_field(case.pk, service_name)] = name
            for name in self.shared:
                renamed[siblings.child_field(case.pk, name)] = name
        self.fields = fields
        self.service_fields = renamed
        for field in self.fields.values():
            field.template_name = field.template_name or FIELD_TEMPLATE
        limit_free_texts(self)
        self.setup()

    def setup(self) -> None:
        """Adjust the fields once made (e.g. a choice list from the cases)."""

    @property
    def groups(self) -> Groups:  # type: ignore[override]
        return [(None, list(self.shared))]

    def children(self) -> list[ChildPart]:
        return [
            ChildPart(
                case=case,
                name=child_name(case),
                include=self[f"include_{case.pk}"],
                fields=[self[f"{name}_{case.pk}"] for name in self.own],
            )
            for case in self.cases
        ]

    def chosen(self) -> list[Case]:
        return [c for c in self.cases if self.cleaned_data.get(f"include_{c.pk}")]

    def own_data(self, case: Case) -> dict[str, Any]:
        return {name: self.cleaned_data.get(f"{name}_{case.pk}") for name in self.own}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_bound and not any(data.get(f"include_{c.pk}") for c in self.cases):
            raise forms.ValidationError(siblings.NO_CHILDREN)
        return data

    def call(self, acting_user: User) -> Callable[[dict[str, Any]], object]:
        raise NotImplementedError

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return cls.single.applies_to(case)

    def summary(self) -> list[ErrorLink]:
        """Return the error summary's links, a child's field named with the child's name."""
        names = {str(c.pk): child_name(c) for c in self.cases}
        links = []
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                target, label = errors_id(self), gettext("Formuläret")
            else:
                bound = self[name]
                multiple = isinstance(bound.field.widget, forms.RadioSelect)
                target = f"{bound.auto_id}_0" if multiple else bound.auto_id
                owner = names.get(name.rsplit("_", 1)[-1]) if name not in self.shared else None
                label = f"{owner} – {bound.label}" if owner else str(bound.label)
            links.extend(ErrorLink(f"#{target}", label, str(e)) for e in errors)
        return links


class JointProtectiveForm(JointForm):
    key = "siblings_protective"
    title = _("Skyddsbedömning för syskonen")
    intro = _(
        "Bedöm barnen tillsammans. Varje barn får en egen skyddsbedömning med eget svar och "
        "egen motivering; sparas inte allt sparas ingenting."
    )
    submit_label = _("Spara skyddsbedömningarna")
    done_message = _("Skyddsbedömningarna är sparade.")
    service = intake.make_protective_assessment
    single = ProtectiveAssessmentForm
    shared = ["made_date", "made_time"]
    own = ["outcome", "action", "note"]

    def __init__(self, data=None, *, report: Report, cases: Sequence[Case], **kwargs) -> None:
        initial = ProtectiveAssessmentForm(case=cases[0]).initial if cases else {}
        kwargs.setdefault("initial", {k: initial[k] for k in ("made_date", "made_time")})
        super().__init__(data, report=report, cases=cases, **kwargs)

    @property
    def groups(self) -> Groups:  # type: ignore[override]
        return [(None, [("made_date", "made_time")])]

    def call(self, acting_user: User) -> Callable[[dict[str, Any]], object]:
        def do(data: dict[str, Any]) -> object:
            return siblings.make_protective_assessments(
                acting_user=acting_user,
                report_id=self.report.pk,
                made_at=aware(data["made_date"], data["made_time"]),
                children={
                    case.pk: siblings.ProtectiveChoice(
                        outcome=own["outcome"] or "",
                        action=own["action"] or "",
                        note=own["note"] or "",
                    )
                    for case in self.chosen()
                    for own in [self.own_data(case)]
                },
            )

        return do


class JointPreliminaryForm(JointForm):
    key = "siblings_preliminary"
    title = _("Förhandsbedömning för syskonen")
    intro = _(
        "Besluta för barnen tillsammans. Varje barn får ett eget beslut med eget svar på om "
        "barnet kommit till tals och eget skäl; sparas inte allt sparas ingenting."
    )
    submit_label = _("Besluta förhandsbedömningarna")
    done_message = _("Förhandsbedömningarna är beslutade.")
    service = intake.decide_preliminary_assessment
    single = PreliminaryAssessmentForm
    shared = [
        "decided_on",
        "chronology_considered",
        "guardians_contacted",
        "reporter_contacted",
        "caseworker",
    ]
    own = [
        "outcome",
        "child_heard",
        "child_not_heard_reason",
        "child_informed_of_rights",
        "reason",
        "followup_planned",
        "transferred_to",
        "note",
    ]

    def setup(self) -> None:
        field = self.fields["caseworker"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            policy.handover_caseworkers(self.cases[0]).order_by("first_name", "last_name")
            if self.cases
            else User.objects.none()
        )
        field.label_from_instance = lambda u: u.get_full_name() or u.username
        field.help_text = _(
            "Gäller de barn vars utredning inleds. Utan vald handläggare går ärendena till "
            "enhetens kö Att fördela."
        )
        # Each child's fields stand without the single form's group headings: say when they apply.
        for case in self.cases:
            self.fields[f"reason_{case.pk}"].label = _("Skäl, om utredning inte inleds")
            self.fields[f"transferred_to_{case.pk}"].label = _("Kommun, om ärendet överlämnas")

    @property
    def groups(self) -> Groups:  # type: ignore[override]
        return [
            (None, ["decided_on"]),
            (
                _("Underlag (gäller alla barnen)"),
                ["chronology_considered", "guardians_contacted", "reporter_contacted"],
            ),
            (_("Om utredning inleds"), ["caseworker"]),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for case in self.chosen():
            if data.get(f"child_heard_{case.pk}") is None:
                self.add_error(f"child_heard_{case.pk}", _("Ange om barnet har kommit till tals."))
        return data

    def call(self, acting_user: User) -> Callable[[dict[str, Any]], object]:
        def do(data: dict[str, Any]) -> object:
            caseworker = data.get("caseworker")
            children = {}
            for case in self.chosen():
                own = self.own_data(case)
                opened = own["outcome"] == "opened"
                children[case.pk] = intake.PreliminaryInput(
                    decided_on=data["decided_on"],
                    outcome=own["outcome"] or "",
                    child_heard=bool(own["child_heard"]),
                    child_not_heard_reason=own["child_not_heard_reason"] or "",
                    child_informed_of_rights=bool(own["child_informed_of_rights"]),
                    reason=own["reason"] or "",
                    followup_planned=bool(own["followup_planned"]),
                    guardians_contacted=bool(data.get("guardians_contacted")),
                    reporter_contacted=bool(data.get("reporter_contacted")),
                    chronology_considered=bool(data.get("chronology_considered")),
                    transferred_to=own["transferred_to"] or "",
                    note=own["note"] or "",
                    caseworker_id=caseworker.pk if caseworker is not None and opened else None,
                )
            return siblings.decide_preliminary_assessments(
                acting_user=acting_user, report_id=self.report.pk, children=children
            )

        return do


class JointFeedbackForm(JointForm):
    key = "siblings_feedback"
    title = _("Återkoppling till anmälaren för alla barnen")
    intro = _(
        "Anmälaren får en återkoppling om anmälan. Den registreras i vart och ett av barnens "
        "ärenden."
    )
    submit_label = _("Registrera återkopplingen")
    done_message = _("Återkopplingen är registrerad för barnen.")
    service = intake.send_reporter_feedback
    single = ReporterFeedbackForm
    shared = ["sent_on"]
    own = []

    @classmethod
    def applies_to(cls, case: Case) -> bool:
        return siblings.feedback_pending(case)

    def call(self, acting_user: User) -> Callable[[dict[str, Any]], object]:
        def do(data: dict[str, Any]) -> object:
            return siblings.send_report_feedback(
                acting_user=acting_user,
                report_id=self.report.pk,
                case_ids=[c.pk for c in self.chosen()],
                sent_on=data["sent_on"],
            )

        return do


JOINT_FORMS: tuple[type[JointForm], ...] = (
    JointProtectiveForm,
    JointPreliminaryForm,
    JointFeedbackForm,
)


def joint_form_class(key: str) -> type[JointForm] | None:
    return next((f for f in JOINT_FORMS if f.key == key), None)


def joint_forms(
    report: Report, cases: Sequence[Case], user: User, bound: JointForm | None = None
) -> list[JointForm]:
    """Return the joint forms that apply to two or more of ``cases`` the user may change;
    ``bound`` (a failed post) replaces its own."""
    result: list[JointForm] = []
    writable = [c for c in cases if policy.can_write_case(user, c)]
    for form_class in JOINT_FORMS:
        if bound is not None and isinstance(bound, form_class):
            result.append(bound)
            continue
        applying = [c for c in writable if form_class.applies_to(c)]
        if len(applying) >= 2:
            result.append(form_class(report=report, cases=applying))
    return result
