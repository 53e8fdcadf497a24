"""Drafts of the casework forms' long texts: saved as the user types, restored, never documentation.

A draft belongs to one author, one case and one form (``form_key``). Only the form's text fields
are kept (``FORM_FIELDS``), each at most ``MAX_CHARS`` characters (the limit of every free text,
``limits.MAX_TEXT_CHARS``: a draft that could never be saved is no use) and none with a
character that cannot be stored (``limits.bad_character``). A draft is saved only while
its form can still be saved (the investigation is open, the preliminary assessment is not yet
decided); the row the form saves is locked first, so a late autosave never outlives the save
that discarded the draft. Creating a draft is audited once; the saves while typing are not.

The new report's form has no case yet, a survey question's form never has one: such a draft
is the author's alone, without a case (``CASELESS_FIELDS``, ``save_caseless_draft``; decision
0036).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from django.db import transaction

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.followups.models import FollowUp
from skyddsnat.interventions.models import (
    Intervention,
    LulStatement,
    LvuMeasure,
    ProtectedHousingOrder,
    YouthService,
)
from skyddsnat.investigations import bbic
from skyddsnat.investigations.models import Investigation, TriangleAssessment
from skyddsnat.journal.models import EntryKind, FormDraft, JournalEntry
from skyddsnat.limits import MAX_TEXT_CHARS, bad_character, too_long

MAX_CHARS = MAX_TEXT_CHARS
TRIANGLE = "triangle."

#: The text fields each form keeps in its draft (the triangle's sub-areas: ``triangle.<area>``).
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "investigation.plan": ("questions", "contacts", "child_participation"),
    "investigation.close": ("analysis", "child_view_not_documented_reason", "incomplete_reason"),
    "investigation.extension": ("reason",),
    "investigation.opening_information": ("withheld_reason",),
    "conversation.new": ("child_view",),
    "protective": ("note",),
    "preliminary": ("child_not_heard_reason", "note"),
    "followup": ("note",),
    "feedback_withheld": ("withheld_reason",),
    "decision": ("goals", "text", "child_view"),
    "lvu_measure": ("note",),
    "protected_housing": ("note",),
    "situation.decide": ("special_need_reason", "purpose"),
    "situation.end": ("note",),
}
#: The forms of the follow-up of the child's situation (decision 0028).
SITUATION = ("situation.decide", "situation.end")
#: A form about one record of the case: ``<kind>.<record id>`` (an LVU measure's review, the
#: correction of a signed journal entry).
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "lvu_measure_review": ("note",),
    "protected_housing_consideration": ("note",),
    "correction": ("text",),
}
#: The forms that have no case: their drafts are their author's alone (decision 0036). By form:
#: the new report (``intake.report``) and a survey question's form (``survey.question``: the
#: key is ``survey.<edition id>.question`` to add one, ``survey.<edition id>.question.<number>``
#: to change one; ``caseless_form``). Who may keep one: ``CASELESS_CHECKS``.
CASELESS_FIELDS: dict[str, tuple[str, ...]] = {
    "intake.report": ("account", "reporter_name", "reporter_organisation", "reporter_contact"),
    "survey.question": ("text", "options", "other"),
}
SURVEY_QUESTION = re.compile(
    r"survey\.(?P<edition>[0-9]{1,18})\.question(?:\.(?P<number>[^/]{1,10}))?"
)
#: The intake forms of the case page (their draft key is their form key).
INTAKE = ("protective", "preliminary", "followup", "feedback_withheld")
#: The follow-up of one intervention: ``<kind>.<intervention id>``.
INTERVENTION_FIELDS: dict[str, tuple[str, ...]] = {
    "visit": ("note",),
    "review": ("note",),
    "custody": ("note",),
    "evaluation": ("child_view", "child_view_not_documented_reason", "guardian_view"),
    "best_interests": ("child_view", "child_view_not_documented_reason", "weighing", "conclusion"),
    "jourhem": ("reasons",),
    "lvu_follow_up": ("note",),
}
#: The drafts of a youth-offending record's form (``lul.<statement id>``,
#: ``youth_service.<service id>``): the record's model, its text fields and the date field that
#: is set once it is saved (then no draft is kept).
YOUTH_FIELDS: dict[str, tuple[type[LulStatement] | type[YouthService], tuple[str, ...], str]] = {
    "lul": (LulStatement, ("planned_measures",), "submitted_on"),
    "youth_service": (YouthService, ("work_plan",), "started_on"),
    "youth_service_reasons": (YouthService, ("special_reasons",), "special_reasons_on"),
}
TRIANGLE_FIELDS = ("text",)
#: A plan's draft: ``plan.<vardplan|genomforandeplan>.<intervention id>``.
PLAN = "plan."
PLAN_SLUGS = ("vardplan", "genomforandeplan")
PLAN_TEXTS = (
    "child_view",
    "child_view_not_documented_reason",
    "guardian_view",
    "responsibilities",
    "long_term_housing",
)


def plan_fields(slug: str = "vardplan") -> tuple[str, ...]:
    """Return the text fields of a plan's form: its texts and a goal per BBIC sub-area (the
    child's long-term housing is the care plan's only)."""
    goals = tuple("goal_" + area.replace(".", "__") for area in bbic.area_codes())
    texts = PLAN_TEXTS if slug == "vardplan" else PLAN_TEXTS[:-1]
    return texts + goals


def plan_key(slug: str, intervention_id: int) -> str:
    return f"{PLAN}{slug}.{intervention_id}"


def _plan_of(form_key: str) -> int | None:
    """Return the intervention id of a plan's form key, or None if it is not one."""
    slug, _dot, pk = form_key.removeprefix(PLAN).partition(".")
    if not form_key.startswith(PLAN) or slug not in PLAN_SLUGS or not pk.isdigit():
        return None
    return int(pk)


def _follow_up_of(form_key: str) -> tuple[str, int] | None:
    """Return the kind and intervention id of an intervention's follow-up form key, or None."""
    kind, _dot, pk = form_key.partition(".")
    if kind not in INTERVENTION_FIELDS or not pk.isdigit():
        return None
    return kind, int(pk)


def _record_of(form_key: str) -> tuple[str, int] | None:
    """Return the kind and record id of a form about one record (``RECORD_FIELDS``), or None."""
    kind, _dot, pk = form_key.partition(".")
    if kind not in RECORD_FIELDS or not pk.isdigit():
        return None
    return kind, int(pk)


def correction_key(entry_id: int) -> str:
    return f"correction.{entry_id}"


def _youth_of(form_key: str) -> tuple[str, int] | None:
    """Return the kind and record id of a youth-offending record's form key, or None."""
    kind, _dot, pk = form_key.partition(".")
    if kind not in YOUTH_FIELDS or not pk.isdigit():
        return None
    return kind, int(pk)


def form_fields(form_key: str) -> tuple[str, ...]:
    """Return the text fields of ``form_key``; an unknown form is NotFound."""
    if form_key in FORM_FIELDS:
        return FORM_FIELDS[form_key]
    youth = _youth_of(form_key)
    if youth is not None:
        return YOUTH_FIELDS[youth[0]][1]
    record = _record_of(form_key)
    if record is not None:
        return RECORD_FIELDS[record[0]]
    follow_up = _follow_up_of(form_key)
    if follow_up is not None:
        return INTERVENTION_FIELDS[follow_up[0]]
    if _plan_of(form_key) is not None:
        return plan_fields(form_key.removeprefix(PLAN).partition(".")[0])
    area = form_key.removeprefix(TRIANGLE)
    if form_key.startswith(TRIANGLE) and any(
        area in bbic.area_codes(version) for version in bbic.TRIANGLES
    ):
        return TRIANGLE_FIELDS
    raise NotFound("Formuläret finns inte.")


def _ensure_open(case: Case, form_key: str) -> None:
    """Lock what the form saves and refuse a draft of a form that can no longer be saved."""
    if form_key in INTAKE or form_key == "decision":
        _ensure_case_form_open(case, form_key)
        return
    if form_key in SITUATION or form_key in ("lvu_measure", "protected_housing"):
        _ensure_situation_open(case, form_key)
        return
    record = _record_of(form_key)
    if record is not None:
        _ensure_record_open(case, *record)
        return
    follow_up = _follow_up_of(form_key)
    if follow_up is not None:
        _ensure_follow_up_open(case, *follow_up)
        return
    youth = _youth_of(form_key)
    if youth is not None:
        model, _texts, done = YOUTH_FIELDS[youth[0]]
        record = (
            model._default_manager.select_for_update()
            .filter(pk=youth[1], case_id=case.pk)
            .values_list(done, flat=True)
        )
        if not record:
            raise NotFound("Formuläret finns inte.")
        if record[0] is not None:
            raise StateConflict("Uppgiften är redan registrerad. Utkastet sparas inte.")
        return
    intervention_id = _plan_of(form_key)
    if intervention_id is not None:
        placement = (
            Intervention.objects.select_for_update()
            .filter(pk=intervention_id, case_id=case.pk)
            .first()
        )
        if placement is None or not placement.is_placement:
            raise NotFound("Formuläret finns inte.")
        if placement.ended_on is not None:
            raise StateConflict("Placeringen är avslutad. Utkastet sparas inte.")
        return
    investigation = Investigation.objects.select_for_update().filter(case_id=case.pk).first()
    if investigation is None:
        raise StateConflict("Ärendet har ingen utredning.")
    if investigation.closed_on is not None:
        raise StateConflict("Utredningen är avslutad. Utkastet sparas inte.")
    if form_key.startswith(TRIANGLE) and form_key.removeprefix(TRIANGLE) not in bbic.area_codes(
        investigation.bbic_version
    ):
        raise NotFound("Formuläret finns inte.")


def _ensure_case_form_open(case: Case, form_key: str) -> None:
    """Lock the case and refuse a draft of its intake form or decision that no longer applies."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if form_key == "preliminary":
        decided = hasattr(locked, "preliminary_assessment")
        if decided or locked.phase != Phase.ASSESSMENT:
            raise StateConflict("Förhandsbedömningen är redan beslutad. Utkastet sparas inte.")
    elif form_key == "protective":
        made = hasattr(locked, "protective_assessment")
        if made or locked.phase != Phase.ASSESSMENT:
            raise StateConflict("Skyddsbedömningen är redan gjord. Utkastet sparas inte.")
    elif form_key == "followup":
        if locked.phase != Phase.CLOSED:
            raise StateConflict("Ärendet är inte avslutat. Utkastet sparas inte.")
    elif form_key == "feedback_withheld":
        if hasattr(locked, "reporter_feedback"):
            raise StateConflict("Återkopplingen är redan registrerad. Utkastet sparas inte.")
    elif locked.phase != Phase.INTERVENTION:
        raise StateConflict("Ärendet väntar inte på ett beslut om insats. Utkastet sparas inte.")


def _ensure_situation_open(case: Case, form_key: str) -> None:
    """Lock the case and refuse a draft of the follow-up's form that no longer applies: a new
    follow-up while one runs, the end of one when none runs. An LVU measure can always be
    registered."""
    Case.objects.select_for_update().filter(pk=case.pk).first()
    running = FollowUp.objects.filter(case_id=case.pk, end__isnull=True).exists()
    if form_key == "situation.decide" and running:
        raise StateConflict("En uppföljning pågår redan. Utkastet sparas inte.")
    if form_key == "situation.end" and not running:
        raise StateConflict("Ingen uppföljning pågår i ärendet. Utkastet sparas inte.")


def _ensure_record_open(case: Case, kind: str, record_id: int) -> None:
    """Lock the record and refuse a draft of a review of a measure that has ended; the entry a
    correction is about is a signed one of the case (never an event)."""
    if kind == "lvu_measure_review":
        measure = (
            LvuMeasure.objects.select_for_update().filter(pk=record_id, case_id=case.pk).first()
        )
        if measure is None:
            raise NotFound("Formuläret finns inte.")
        if measure.ended_on is not None:
            raise StateConflict("Åtgärden har upphört. Utkastet sparas inte.")
        return
    if kind == "protected_housing_consideration":
        order = (
            ProtectedHousingOrder.objects.select_for_update()
            .filter(pk=record_id, case_id=case.pk)
            .first()
        )
        if order is None:
            raise NotFound("Formuläret finns inte.")
        if order.ended_on is not None:
            raise StateConflict("Insatsen har upphört. Utkastet sparas inte.")
        return
    entry = JournalEntry.objects.filter(
        pk=record_id, case_id=case.pk, signed_at__isnull=False
    ).exclude(kind=EntryKind.EVENT)
    if not entry.exists():
        raise NotFound("Formuläret finns inte.")


def _ensure_follow_up_open(case: Case, kind: str, intervention_id: int) -> None:
    """Lock the intervention and refuse a draft of a follow-up it can no longer get."""
    intervention = (
        Intervention.objects.select_for_update().filter(pk=intervention_id, case_id=case.pk).first()
    )
    if intervention is None:
        raise NotFound("Formuläret finns inte.")
    if kind == "best_interests":
        if hasattr(intervention.decision, "best_interests"):
            raise StateConflict("Barnets bästa är redan bedömt för beslutet. Utkastet sparas inte.")
        return
    if kind == "evaluation":
        if intervention.ended_on is None or hasattr(intervention, "evaluation"):
            raise StateConflict("Insatsen kan inte utvärderas nu. Utkastet sparas inte.")
        return
    if kind == "lvu_follow_up":
        if intervention.ended_on is None or hasattr(intervention, "lvu_follow_up"):
            raise StateConflict("Uppföljningen kan inte inledas nu. Utkastet sparas inte.")
        return
    if not intervention.is_placement:
        raise NotFound("Formuläret finns inte.")
    if intervention.ended_on is not None:
        raise StateConflict("Insatsen är avslutad. Utkastet sparas inte.")


def current_version(case: Case, form_key: str) -> int | None:
    """Return the version of the record ``form_key`` edits now (None: the form makes a new one).

    The investigation's plan and closing edit the investigation; a BBIC sub-area its row (0 when
    it has none yet).
    """
    if form_key in ("investigation.plan", "investigation.close"):
        row = Investigation.objects.filter(case_id=case.pk).values_list("version", flat=True)
        return row.first()
    if form_key.startswith(TRIANGLE):
        area = form_key.removeprefix(TRIANGLE)
        version = TriangleAssessment.objects.filter(
            investigation__case_id=case.pk, area=area
        ).values_list("version", flat=True)
        return version.first() or 0
    return None


def stale(draft: FormDraft | None, version: int | None) -> bool:
    """Return whether someone saved the record after ``draft`` was begun (at ``version``)."""
    return draft is not None and draft.base_version is not None and draft.base_version != version


def form_draft(user: User, case: Case, form_key: str) -> FormDraft | None:
    """Return ``user``'s draft of ``form_key`` on ``case``, or None.

    Drafts are visible only to their author: never call this with another user than the one
    asking.
    """
    return FormDraft.objects.filter(author=user, case=case, form_key=form_key).first()


def form_drafts(user: User, case: Case) -> dict[str, FormDraft]:
    """Return every draft ``user`` has on ``case``, by form key (one query, for a whole page)."""
    return {d.form_key: d for d in FormDraft.objects.filter(author=user, case=case)}


@case_action()
def save_form_draft(
    *, acting_user: User, case: Case, form_key: str, data: Mapping[str, object]
) -> FormDraft | None:
    """Create or update ``acting_user``'s draft of ``form_key`` with the form's text fields.

    Other fields in ``data`` are ignored. When every text field is empty the draft is removed
    and None returned.
    """
    texts = _texts(form_fields(form_key), data)
    _ensure_open(case, form_key)
    draft = (
        FormDraft.objects.select_for_update()
        .filter(author=acting_user, case=case, form_key=form_key)
        .first()
    )
    if not any(text.strip() for text in texts.values()):
        if draft is not None:
            draft.delete()
        return None
    if draft is None:
        draft = FormDraft.objects.create(
            author=acting_user,
            case=case,
            form_key=form_key,
            data=texts,
            saved_at=clock.now(),
            base_version=_posted_version(data, current_version(case, form_key)),
        )
        audit.record(
            actor=acting_user, action="create", obj=draft, case_id=case.pk, child_id=case.child_id
        )
        return draft
    draft.data = texts
    draft.saved_at = clock.now()
    draft.save(update_fields=["data", "saved_at"])
    return draft


def _texts(fields: tuple[str, ...], data: Mapping[str, object]) -> dict[str, str]:
    """Return the form's text fields from ``data``; one that could never be saved is refused."""
    texts = {name: str(data.get(name) or "") for name in fields}
    for name, text in texts.items():
        reason = bad_character(text)
        if reason is None and len(text) > MAX_CHARS:
            reason = too_long(len(text), MAX_CHARS)
        if reason is not None:
            raise InvalidInput.field(name, reason)
    return texts


def _posted_version(data: Mapping[str, object], current: int | None) -> int | None:
    """Return the version the form was shown at (its ``version`` field), else ``current``."""
    posted = str(data.get("version") or "")
    if current is not None and posted.isdigit():
        return int(posted)
    return current


def discard_form_draft(*, acting_user: User, case: Case, form_key: str) -> None:
    """Remove ``acting_user``'s draft of ``form_key`` (the form itself has been saved)."""
    FormDraft.objects.filter(author=acting_user, case=case, form_key=form_key).delete()


def caseless_form(form_key: str) -> str:
    """Return the form (a key of ``CASELESS_FIELDS``) whose draft key ``form_key`` is; a key of
    no form that has no case is NotFound."""
    if form_key in CASELESS_FIELDS and form_key != "survey.question":
        return form_key
    if SURVEY_QUESTION.fullmatch(form_key):
        return "survey.question"
    raise NotFound("Formuläret finns inte.")


def caseless_fields(form_key: str) -> tuple[str, ...]:
    """Return the text fields of a form that has no case; another form is NotFound."""
    return CASELESS_FIELDS[caseless_form(form_key)]


def survey_question_key(edition_id: int, number: str = "") -> str:
    """Return the draft key of the form adding a question to the edition (``number`` empty) or
    changing its question ``number``."""
    key = f"survey.{edition_id}.question"
    return f"{key}.{number}" if number else key


def caseless_draft(user: User, form_key: str) -> FormDraft | None:
    """Return ``user``'s draft of the case-less form ``form_key`` (the new report), or None.

    Only its author ever sees it: never call this with another user than the one asking.
    """
    return FormDraft.objects.filter(author=user, case__isnull=True, form_key=form_key).first()


def _may_register(user: User, form_key: str) -> None:
    if not policy.can_register_report(user):
        raise Forbidden("Du har inte behörighet att registrera anmälningar.")


def _may_edit_question(user: User, form_key: str) -> None:
    """The organiser's own edition (another's is NotFound), not yet sent, locked (so a late
    autosave never outlives the save that discarded the draft); a changed question exists."""
    from skyddsnat.surveys import editing  # the surveys build on the journal's drafts, not back

    found = SURVEY_QUESTION.fullmatch(form_key)
    assert found is not None  # caseless_form checked it
    edition = editing.editable(user, int(found["edition"]))
    number = found["number"]
    if number is not None and not edition.questions.filter(number=number).exists():
        raise NotFound(editing.NO_QUESTION)


#: Who may keep a draft of each case-less form, and while it can still be saved: a check that
#: raises (Forbidden, NotFound, StateConflict) or returns.
CASELESS_CHECKS: dict[str, Callable[[User, str], None]] = {
    "intake.report": _may_register,
    "survey.question": _may_edit_question,
}


def _may_write_caseless(user: User, form_key: str) -> None:
    """Refuse a user who may not fill in the form, or a form that can no longer be saved."""
    CASELESS_CHECKS[caseless_form(form_key)](user, form_key)


@transaction.atomic
def save_caseless_draft(
    *, acting_user: User, form_key: str, data: Mapping[str, object]
) -> FormDraft | None:
    """Create or update ``acting_user``'s draft of a form that has no case yet (decision 0036).

    As ``save_form_draft``: only the form's text fields are kept, the first save is audited,
    an empty draft is removed (None). The author's row is locked, so two tabs saving at once
    keep one draft (the database allows no second: ``one_caseless_form_draft_per_author``).
    """
    _may_write_caseless(acting_user, form_key)
    texts = _texts(caseless_fields(form_key), data)
    User.objects.select_for_update().filter(pk=acting_user.pk).first()
    draft = (
        FormDraft.objects.select_for_update()
        .filter(author=acting_user, case__isnull=True, form_key=form_key)
        .first()
    )
    if not any(text.strip() for text in texts.values()):
        if draft is not None:
            draft.delete()
        return None
    if draft is None:
        draft = FormDraft.objects.create(
            author=acting_user, case=None, form_key=form_key, data=texts, saved_at=clock.now()
        )
        audit.record(actor=acting_user, action="create", obj=draft, detail=form_key)
        return draft
    draft.data = texts
    draft.saved_at = clock.now()
    draft.save(update_fields=["data", "saved_at"])
    return draft


@transaction.atomic
def discard_caseless_draft(*, acting_user: User, form_key: str, by_hand: bool = False) -> None:
    """Remove ``acting_user``'s draft of a case-less form: its form was saved, or (``by_hand``)
    she threw it away, which is audited (what she typed is gone, not documented anywhere)."""
    _may_write_caseless(acting_user, form_key)
    draft = (
        FormDraft.objects.select_for_update()
        .filter(author=acting_user, case__isnull=True, form_key=form_key)
        .first()
    )
    if draft is None:
        return
    if by_hand:
        audit.record(actor=acting_user, action="update", obj=draft, detail=f"{form_key};kastat")
    draft.delete()


@transaction.atomic
def discard_question_drafts(*, edition_id: int, number: str) -> None:
    """Remove every draft of changing the edition's question ``number``: it has been dropped
    (by its organiser: ``surveys.editing.drop_question``), nobody can save it now."""
    FormDraft.objects.filter(
        case__isnull=True, form_key=survey_question_key(edition_id, number)
    ).delete()
