"""Retention services: the municipality's plan, and disposal (*gallring*) of case files.

``dispose`` runs inside ``skyddsnat.disposal.disposal()``: one transaction on the tables'
owner's connection (decision 0015), the only way past the append-only triggers. It locks the
children and cases it found, judges them again under the lock, deletes every row of each case
file that is due (the case and everything recorded on it; the report once none of its cases is
left; the child and their guardian links once none of the child's cases is left) and writes one
audit row per deleted row with its type, id, case, child and the rule, never its content. Any
failure rolls all of it back: nothing is disposed of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models, transaction

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Municipality, User
from skyddsnat.audit import services as audit
from skyddsnat.cases.models import Case
from skyddsnat.disposal import disposal, owner_alias
from skyddsnat.errors import Collector, Forbidden, InvalidInput
from skyddsnat.intake.models import AdultTrigger, Report
from skyddsnat.people.models import Child, Guardian, GuardianRelation
from skyddsnat.retention.files import CaseFile, case_files
from skyddsnat.retention.models import PlanKind, RetentionPlanEntry


@dataclass
class DisposalReport:
    """What a disposal run found: the cases due per rule, and how many were kept per rule.

    ``due`` maps a rule id to the ids of the cases disposed of (``executed``) or that would be
    (a dry run); ``kept`` maps a rule id to the number of cases of children with no open case
    that are kept (not yet due, kept by law, by the plan or for research). ``deleted`` counts
    the rows deleted per table (executed only).
    """

    as_of: date
    executed: bool
    due: dict[str, list[int]] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)


def _report(as_of: date, files: list[CaseFile], executed: bool) -> DisposalReport:
    result = DisposalReport(as_of=as_of, executed=executed)
    for f in sorted(files, key=lambda f: f.case_id):
        if f.verdict.dispose:
            result.due.setdefault(f.verdict.rule.id, []).append(f.case_id)
        else:
            result.kept[f.verdict.rule.id] = result.kept.get(f.verdict.rule.id, 0) + 1
    return result


def _municipality_ids(codes: Iterable[str] | None, using: str) -> list[int] | None:
    if codes is None:
        return None
    codes = list(codes)
    found = dict(Municipality.objects.using(using).filter(code__in=codes).values_list("code", "pk"))
    errors = Collector()
    for code in codes:
        errors.check(code in found, "municipality", f"Kommunkoden {code} finns inte.")
    errors.raise_if_any()
    return list(found.values())


def disposal_preview(
    *, as_of: date, municipality_codes: Iterable[str] | None = None
) -> DisposalReport:
    """Return what ``dispose`` would dispose of on ``as_of`` (the dry run; nothing is written)."""
    alias = owner_alias()
    ids = _municipality_ids(municipality_codes, alias)
    return _report(as_of, case_files(as_of=as_of, using=alias, municipality_ids=ids), False)


def dispose(*, as_of: date, municipality_codes: Iterable[str] | None = None) -> DisposalReport:
    """Dispose of every case file due on ``as_of``, atomically, as the tables' owner."""
    if as_of > clock.today():
        raise InvalidInput.field(
            "as_of", "Gallring kan inte göras per ett datum som inte har kommit."
        )
    with disposal() as alias:
        ids = _municipality_ids(municipality_codes, alias)
        found = case_files(as_of=as_of, using=alias, municipality_ids=ids)
        children = sorted({f.child_id for f in found if f.verdict.dispose})
        # Lock, then judge again: an entry written meanwhile makes the file not yet due.
        list(Child.objects.using(alias).select_for_update().filter(pk__in=children))
        list(Case.objects.using(alias).select_for_update().filter(child_id__in=children))
        locked = set(children)
        files = [  # a file that fell due meanwhile was not locked: it goes next time
            f
            for f in case_files(as_of=as_of, using=alias, municipality_ids=ids)
            if f.child_id in locked or not f.verdict.dispose
        ]
        result = _report(as_of, files, True)
        due = [f for f in files if f.verdict.dispose]
        if due:
            result.deleted = _delete(due, alias)
    return result


#: What an audit row of a deleted row names: (case id, child id, municipality id, rule id).
Owner = tuple[int | None, int | None, int | None, str]


def _delete(files: list[CaseFile], alias: str) -> dict[str, int]:
    """Delete the rows of ``files`` and write their audit rows; return rows deleted per table."""
    deleted: dict[str, int] = defaultdict(int)
    audit_rows: list[audit.DisposedRow] = []

    def remove(
        model: type[models.Model], lookup: dict[str, object], owner: str, of: Callable[[Any], Owner]
    ) -> None:
        """Delete ``model``'s rows matching ``lookup``; ``of`` names each row's file by ``owner``."""
        rows = list(model._default_manager.using(alias).filter(**lookup).values_list("pk", owner))
        if not rows:
            return
        for pk, owned_by in rows:
            case_id, child_id, municipality_id, rule_id = of(owned_by)
            audit_rows.append(
                audit.DisposedRow(
                    object_type=model._meta.label_lower,
                    object_id=str(pk),
                    case_id=case_id,
                    child_id=child_id,
                    municipality_id=municipality_id,
                    rule_id=rule_id,
                )
            )
        model._default_manager.using(alias).filter(pk__in=[r[0] for r in rows])._raw_delete(alias)
        deleted[model._meta.label_lower] += len(rows)

    by_case = {f.case_id: f for f in files}
    by_report = {f.report_id: f for f in files}
    by_child = {f.child_id: f for f in files}

    def case_of(case_id: int) -> Owner:
        f = by_case[case_id]
        return f.case_id, f.child_id, f.municipality_id, f.verdict.rule.id

    def report_of(report_id: int) -> Owner:
        f = by_report[report_id]
        return None, f.child_id, f.municipality_id, f.verdict.rule.id

    def child_of(child_id: int) -> Owner:
        f = by_child[child_id]
        return None, f.child_id, f.municipality_id, f.verdict.rule.id

    def lone_guardian(municipality_id: int) -> Owner:
        return None, None, municipality_id, "guardian-without-children"

    case_ids = list(by_case)
    for model, path in _case_records():
        remove(model, {f"{path}__in": case_ids}, path, case_of)
    remove(Case, {"pk__in": case_ids}, "pk", case_of)

    # A report goes once none of its cases is left (it may be about several children).
    cases = Case.objects.using(alias)
    left = set(cases.filter(report_id__in=list(by_report)).values_list("report_id", flat=True))
    reports = [pk for pk in by_report if pk not in left]
    for model, name in _pointing_at(Report):
        remove(model, {f"{name}__in": reports}, f"{name}_id", report_of)
    remove(Report, {"pk__in": reports}, "pk", report_of)

    # A child goes once none of their cases is left; a guardian left without a child or an
    # adult trigger goes with them.
    left = set(cases.filter(child_id__in=list(by_child)).values_list("child_id", flat=True))
    children = [pk for pk in by_child if pk not in left]
    guardians = list(
        GuardianRelation.objects.using(alias)
        .filter(child_id__in=children)
        .values_list("guardian_id", flat=True)
    )
    remove(GuardianRelation, {"child_id__in": children}, "child_id", child_of)
    remove(Child, {"pk__in": children}, "pk", child_of)
    lone = (
        Guardian.objects.using(alias)
        .filter(pk__in=guardians)
        .exclude(pk__in=GuardianRelation.objects.using(alias).values("guardian_id"))
        .exclude(pk__in=AdultTrigger.objects.using(alias).values("guardian_id"))
    )
    remove(
        Guardian,
        {"pk__in": list(lone.values_list("pk", flat=True))},
        "municipality_id",
        lone_guardian,
    )

    audit.record_disposals(audit_rows, using=alias)
    return dict(deleted)


def _case_records() -> list[tuple[type[models.Model], str]]:
    """Return ``(model, path to the case id)`` for every model recorded on a case, leaves first.

    Found from the models' relations, so that a record added to a case later is disposed of
    with it without a change here (the child and the report are handled apart).
    """
    found: list[tuple[type[models.Model], str]] = []
    seen: set[type[models.Model]] = {Case, Child, Report}

    def walk(model: type[models.Model], path: str) -> None:
        for related, name in _pointing_at(model, include_hidden=True):
            if related in seen:
                continue
            seen.add(related)
            deeper = f"{name}__{path}"
            walk(related, deeper)
            found.append((related, deeper))

    walk(Case, "id")
    return found


def _pointing_at(
    model: type[models.Model], include_hidden: bool = False
) -> list[tuple[type[models.Model], str]]:
    """Return every other model with a foreign key to ``model``, with the key's name."""
    out = []
    for relation in model._meta.get_fields(include_hidden=include_hidden):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        related = relation.related_model
        if isinstance(related, type) and related is not model and related is not Case:
            out.append((related, relation.field.name))  # type: ignore[union-attr]
    return out


@transaction.atomic
def set_plan_entry(
    *, acting_user: User, kind: str, years: int | None, reference: str, decided_on: date
) -> RetentionPlanEntry | None:
    """Record the municipality's plan for ``kind``: disposed ``years`` after the last entry.

    ``years=None`` removes the entry: the kind is kept again. Only kinds the law leaves to the
    municipality may be planned.
    """
    policy.require(
        policy.can_manage_retention_plan(acting_user),
        "Du har inte behörighet att ändra informationshanteringsplanen.",
    )
    errors = Collector()
    errors.check(kind in PlanKind.values, "kind", "Lagen bestämmer gallringen av den typen av akt.")
    errors.check(years is None or 1 <= years <= 110, "years", "Ange ett antal år mellan 1 och 110.")
    errors.check(years is None or bool(reference.strip()), "reference", "Ange beslutet.")
    errors.raise_if_any()
    municipality_id = acting_user.municipality_id
    if municipality_id is None:  # the policy refused it already
        raise Forbidden("Du hör inte till någon kommun.")
    entries = RetentionPlanEntry.objects.filter(municipality_id=municipality_id, kind=kind)
    if years is None:
        for entry in entries:
            audit.record(
                actor=acting_user,
                action="update",
                obj=entry,
                detail=f"admin=retention_plan_set;kind={kind};keep",
            )
        entries.delete()
        return None
    entry, _ = RetentionPlanEntry.objects.update_or_create(
        municipality_id=municipality_id,
        kind=kind,
        defaults={"years": years, "reference": reference.strip(), "decided_on": decided_on},
    )
    audit.record(
        actor=acting_user,
        action="update",
        obj=entry,
        detail=f"admin=retention_plan_set;kind={kind};years={years}",
    )
    return entry
