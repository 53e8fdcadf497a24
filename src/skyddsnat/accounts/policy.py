"""The policy: may this user do this to this object? (docs/spec/security.md)

The one place that answers it; web views, API handlers and services ask here, and no other
module compares roles. One condition per line. The rules:

- Nobody sees another municipality's objects: they are *not found* (404), never *forbidden*.
- ``caseworker``: reads the cases of their own units and the cases they are responsible for;
  writes the cases they are responsible for (and unassigned cases of their units).
- ``intake``: reads and writes every case of the municipality at the intake stage (until its
  preliminary assessment, and the duties that follow a case closed there) and the cases she is
  responsible for; once an investigation is opened the case has moved on: she reads what she
  registered (the report, its protective and preliminary assessments, the child's concern
  chronology) but not the investigation, journal, placements and documents (decision 0035).
- ``manager``: everything a caseworker may in their units, writes every case there, assigns.
- ``committee``, ``analyst``, ``admin``: no case data at all (403 on every case page).
- The background jobs and their failures (``/administration/jobb/``): the administrator only.
- The daily digest of time limits goes to the active, employed case roles.
- Indicators (*uppföljning*): ``manager``, ``analyst`` and ``committee`` see the figures of their
  municipality; a small number is unmasked only for a member of the unit that owns it.
- Break-glass (*nödåtkomst*): a case role may read a case outside its rights, never write it,
  until the access expires (8 hours); the unit's managers review it.
- Protected identity: address and contact only with ``accounts.view_protected_address``;
  never in documents.
- Surveys (*enkäter*, ``/api/v1/surveys``): only ``organiser``, and only the editions
  organised from their own municipality (or, without one, those of organisers without one);
  others' are *not found*. A respondent's own answers are read only through their link, or
  by the user invited as that respondent (*Mina enkäter*, ``surveys.services.respondent_for_user``).
- Administration (``/administration/``): only ``admin``, and only their own municipality's
  units, users, API tokens and administration log; another municipality's are *not found*.
  The administrator never reads case files (``admin`` is no case role).
- The child's people (*närstående*): seen by whoever reads one of the child's cases, changed
  by whoever may change it.
- The time study (*tidsmätning*): the case roles take part; a participant's time blocks are
  read and changed by that participant only (anyone else: *not found*); a manager starts and
  closes a study of her units; the results (groups of at least 5) are for the indicator roles.
- The action plan (*handlingsplan*): read by the indicator roles of the municipality (its
  figures are the indicators', masked as theirs); written by a manager: the municipality's
  plans by any of its managers, a unit's plan by the managers of that unit. Another
  municipality's plan is *not found*.

Tested as a matrix over every URL: ``tests/security/test_matrix.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from django.db.models import Model, Q, QuerySet

from skyddsnat import clock
from skyddsnat.accounts.models import (
    ApiToken,
    BreakGlassAccess,
    EmploymentPeriod,
    Role,
    Unit,
    User,
)
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, NotFound
from skyddsnat.people.models import Child
from skyddsnat.surveys.models import Edition

#: Roles that work with cases at all; the others never see case data.
CASE_ROLES = frozenset({Role.CASEWORKER, Role.INTAKE, Role.MANAGER})
#: Roles a manager may make responsible for a case.
ASSIGNABLE_ROLES = (Role.CASEWORKER, Role.INTAKE)
#: Roles that may see indicators (the follow-up page, its exports, the API's ``/indicators``).
INDICATOR_ROLES = frozenset({Role.MANAGER, Role.ANALYST, Role.COMMITTEE})
#: Roles whose members see their own units' figures unmasked.
OWNER_ROLES = frozenset({Role.MANAGER, Role.CASEWORKER, Role.INTAKE})


def _active_in_a_municipality(user: User) -> bool:
    """Return whether ``user`` is logged in, active, and belongs to a municipality."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return user.municipality_id is not None


def works_with_cases(user: User) -> bool:
    """Return whether ``user`` has a role that reads case data (start page, search, worklist)."""
    return _active_in_a_municipality(user) and user.role in CASE_ROLES


def can_search_children(user: User) -> bool:
    return works_with_cases(user)


def has_own_cases(user: User) -> bool:
    """Return whether ``user`` may have a list of their own cases (*Mina ärenden*)."""
    return works_with_cases(user)


def works_at_intake(user: User) -> bool:
    """Return whether ``user`` is an intake officer (*mottagning*): the menu names their report
    form after the intake."""
    return user.role == Role.INTAKE


def can_view_unit(user: User) -> bool:
    """Return whether ``user`` may see the unit dashboard of their units."""
    if not works_with_cases(user):
        return False
    return user.role == Role.MANAGER


def cases_visible_to(user: User) -> QuerySet[Case]:
    """Return the cases ``user`` may read (the list form of ``can_read_case``)."""
    if not works_with_cases(user):
        return Case.objects.none()
    qs = Case.objects.filter(municipality_id=user.municipality_id)
    if user.role == Role.INTAKE:
        return qs.filter(
            _at_intake()
            | Q(responsible=user)
            | Q(pk__in=active_break_glass(user).values("case_id"))
        )
    return qs.filter(
        Q(unit__in=user.units.all())
        | Q(responsible=user)
        | Q(pk__in=active_break_glass(user).values("case_id"))
    ).distinct()


def _at_intake() -> Q:
    """The cases still at the intake stage: before the preliminary assessment, or closed there
    (no investigation opened); the list form of ``at_intake``."""
    return Q(phase="assessment") | Q(phase="closed", investigation__isnull=True)


def at_intake(case: Case) -> bool:
    """Return whether ``case`` is still intake's: before its preliminary assessment, or closed
    there with no investigation opened (reporter feedback and the follow-up contact remain)."""
    return case.phase == "assessment" or (
        case.phase == "closed" and not hasattr(case, "investigation")
    )


def intake_reads_by_role(user: User, case: Case) -> bool:
    """Return whether the intake officer ``user`` reads ``case`` by her role (decision 0035):
    a case at the intake stage, or one she is responsible for; not a case that has moved on to
    the investigating unit (its investigation, journal, placements and documents)."""
    return at_intake(case) or case.responsible_id == user.pk


def read_through_break_glass(user: User, case_ids: Collection[int]) -> set[int]:
    """Return those of ``case_ids`` (cases ``user`` may read) that ``user``'s role and units do
    not let them read: the ones read through a break-glass access (one query, none when
    ``case_ids`` is empty or the role reads the whole municipality)."""
    if not case_ids or not works_with_cases(user):
        return set()
    own = (
        _at_intake() | Q(responsible=user)
        if user.role == Role.INTAKE
        else Q(unit__in=user.units.all()) | Q(responsible=user)
    )
    by_role = Case.objects.filter(
        own, pk__in=case_ids, municipality_id=user.municipality_id
    ).values_list("pk", flat=True)
    return set(case_ids) - set(by_role)


def reads_by_role(user: User, case: Case) -> bool:
    """Return whether ``user``'s role and units let them read ``case`` (without break-glass)."""
    if not works_with_cases(user):
        return False
    if case.municipality_id != user.municipality_id:
        return False
    if user.role == Role.INTAKE:
        return intake_reads_by_role(user, case)
    if case.responsible_id == user.pk:
        return True
    return user.units.filter(pk=case.unit_id).exists()


def can_read_case(user: User, case: Case) -> bool:
    if reads_by_role(user, case):
        return True
    return break_glass_for(user, case) is not None


def can_write_case(user: User, case: Case) -> bool:
    """Return whether ``user`` may change ``case``; a break-glass access never grants this."""
    if not reads_by_role(user, case):
        return False
    if user.role == Role.MANAGER:
        return True
    if user.role == Role.INTAKE:
        # Intake owns the case until the preliminary assessment, and the duties that follow a
        # case it closed there (reporter feedback, follow-up contact).
        return at_intake(case)
    if case.responsible_id == user.pk:
        return True
    return case.responsible_id is None


def can_read_people(user: User, case: Case) -> bool:
    """Return whether ``user`` may see the child's people (the family panel) through ``case``:
    whoever reads the case."""
    return can_read_case(user, case)


def can_edit_people(user: User, case: Case) -> bool:
    """Return whether ``user`` may change the child's name, address and people through
    ``case``: whoever may change the case (a break-glass access never grants this)."""
    return can_write_case(user, case)


def can_register_report(user: User) -> bool:
    return works_with_cases(user)


def can_assign(user: User, case: Case) -> bool:
    if not can_view_unit(user):
        return False
    return reads_by_role(user, case)


def may_be_responsible(user: User, case: Case) -> bool:
    """Return whether ``user`` can be made responsible for ``case`` (any case role, same municipality)."""
    if user.municipality_id != case.municipality_id:
        return False
    return user.role in CASE_ROLES


def responsible_for_own_reports(user: User) -> bool:
    """Return whether the cases of a report ``user`` registers are made ``user``'s own: everyone's
    but a manager's, which stay unassigned until she assigns them."""
    return user.role != Role.MANAGER


def caseworkers(users: QuerySet[User]) -> QuerySet[User]:
    """Return those of ``users`` who handle cases (*handläggare*): caseworkers and intake staff,
    the roles a manager may make responsible for a case (the staff indicators count them)."""
    return users.filter(role__in=ASSIGNABLE_ROLES)


def assignable_caseworkers(manager: User) -> QuerySet[User]:
    """Return the active caseworkers and intake staff of the manager's units."""
    if not can_view_unit(manager):
        return User.objects.none()
    return User.objects.filter(
        units__in=manager.units.all(), role__in=ASSIGNABLE_ROLES, is_active=True
    ).distinct()


#: The roles an employment period may have (the staff who work with cases).
EMPLOYMENT_ROLES = (Role.CASEWORKER, Role.INTAKE, Role.MANAGER)


def can_keep_staff(user: User) -> bool:
    """Return whether ``user`` keeps employment periods and a caseload target: a manager, for
    her own units only (``staff_units``)."""
    return can_view_unit(user) and user.municipality_id is not None


def staff_units(manager: User) -> QuerySet[Unit]:
    """Return the units whose staff and caseload target ``manager`` keeps: her own."""
    if not can_keep_staff(manager):
        return Unit.objects.none()
    return manager.units.filter(municipality_id=manager.municipality_id)


def kept_periods(manager: User) -> QuerySet[EmploymentPeriod]:
    """Return the employment periods ``manager`` may read and correct: those of her units."""
    return EmploymentPeriod.objects.filter(unit__in=staff_units(manager))


def may_employ(manager: User, user: User) -> bool:
    """Return whether ``manager`` may record a period for ``user``: staff of her municipality
    with a case role."""
    return (
        can_keep_staff(manager)
        and user.municipality_id == manager.municipality_id
        and user.role in EMPLOYMENT_ROLES
    )


def is_employment_role(role: str) -> bool:
    """Return whether an employment period may have ``role``."""
    return role in EMPLOYMENT_ROLES


def employable_staff(manager: User) -> QuerySet[User]:
    """Return whom ``manager`` may record a period for (``may_employ``)."""
    if not can_keep_staff(manager):
        return User.objects.none()
    return User.objects.filter(municipality_id=manager.municipality_id, role__in=EMPLOYMENT_ROLES)


def turnover_periods(periods: QuerySet[EmploymentPeriod]) -> QuerySet[EmploymentPeriod]:
    """Return those of ``periods`` the staff turnover counts: as caseworker or intake staff."""
    return periods.filter(role__in=ASSIGNABLE_ROLES)


def in_present_role(user: User, role: str) -> bool:
    """Return whether ``role`` (an earlier role, or an employment period's) is ``user``'s role
    now: the account's employment periods follow it (decision 0040)."""
    return role == user.role


def can_read_staff_register(user: User) -> bool:
    """Return whether ``user`` may read the staff register through the API
    (``GET /api/v1/staff``): a manager (her units') or an administrator (her municipality's,
    whose accounts the periods follow; decision 0040)."""
    return can_keep_staff(user) or can_administer(user)


def staff_register(user: User) -> QuerySet[EmploymentPeriod]:
    """Return the employment periods ``user`` reads in the staff register: a manager those of
    her units, an administrator those of her municipality, anyone else none."""
    if can_keep_staff(user):
        return kept_periods(user)
    if can_administer(user):
        return EmploymentPeriod.objects.filter(unit__municipality_id=user.municipality_id)
    return EmploymentPeriod.objects.none()


def sees_staff_caseload(user: User) -> bool:
    """Return whether the staff register shows ``user`` her staff's caseload: a manager only
    (an administrator reads no figures drawn from cases)."""
    return can_keep_staff(user)


def readable_periods(user: User) -> QuerySet[EmploymentPeriod]:
    """Return the employment periods ``user`` may read: a manager those of her units, anyone
    with a case role her own."""
    if not works_with_cases(user):
        return EmploymentPeriod.objects.none()
    return EmploymentPeriod.objects.filter(Q(user=user) | Q(pk__in=kept_periods(user)))


def investigating_unit(case: Case) -> Unit | None:
    """Return the unit an investigation opened in ``case`` goes to (*överlämning*): the
    municipality's first active investigation unit, or None when it has none (the case then
    stays where it is)."""
    return (
        Unit.objects.filter(
            municipality_id=case.municipality_id, kind=Unit.Kind.INVESTIGATION, is_active=True
        )
        .order_by("pk")
        .first()
    )


def handover_caseworkers(case: Case) -> QuerySet[User]:
    """Return whom the decider of the preliminary assessment may name to investigate ``case``:
    the active caseworkers of the municipality's investigation units."""
    return User.objects.filter(
        municipality_id=case.municipality_id,
        units__kind=Unit.Kind.INVESTIGATION,
        units__is_active=True,
        role=Role.CASEWORKER,
        is_active=True,
    ).distinct()


def audit_cases_for(manager: User) -> QuerySet[Case]:
    """Return the cases whose audit log ``manager`` may search: those of her units."""
    if not can_view_unit(manager):
        return Case.objects.none()
    return Case.objects.filter(
        municipality_id=manager.municipality_id, unit__in=manager.units.all()
    )


# --- indicators (uppföljning) ------------------------------------------------------------------


def digest_recipients() -> QuerySet[User]:
    """Return the staff who may get the daily digest of time limits (``jobs/digest.py``)."""
    return User.objects.filter(is_active=True, municipality__isnull=False, role__in=CASE_ROLES)


def receives_digest(user: User, today: date) -> bool:
    """Return whether ``user`` gets ``today``'s digest: a case role, active, still employed."""
    if not works_with_cases(user):
        return False
    return user.employment_ended_on is None or user.employment_ended_on >= today


def can_view_jobs(user: User) -> bool:
    """Return whether ``user`` may see the background jobs and their failures (no case data)."""
    return _active_in_a_municipality(user) and user.role == Role.ADMIN


def can_view_indicators(user: User) -> bool:
    """Return whether ``user`` may see indicators: managers, analysts and the committee."""
    return _active_in_a_municipality(user) and user.role in INDICATOR_ROLES


def indicator_owned_units(user: User) -> frozenset[int]:
    """Return the units whose figures ``user`` sees unmasked: their own, for the case roles."""
    if user.role not in OWNER_ROLES:
        return frozenset()
    return frozenset(user.units.values_list("pk", flat=True))


# --- the time study (tidsmätning) -----------------------------------------------------------


def takes_part_in_time_studies(user: User) -> bool:
    """Return whether ``user`` may be a participant: social workers and managers (case roles)."""
    return works_with_cases(user)


def owns_time_blocks(user: User, participant_user_id: int) -> bool:
    """Return whether ``user`` may read and change a participant's blocks: that participant."""
    if not takes_part_in_time_studies(user):
        return False
    return user.pk == participant_user_id


def manages_in_time_study(user: User) -> bool:
    """Return whether ``user`` registers in a study as a manager (the managers' categories)."""
    return user.role == Role.MANAGER


def time_study_participants(unit: Unit) -> QuerySet[User]:
    """Return who takes part when ``unit`` is measured: its active social workers and managers."""
    return unit.members.filter(is_active=True, role__in=CASE_ROLES).order_by("pk")


def can_run_time_study(user: User) -> bool:
    """Return whether ``user`` may start and close a time study of her units: a manager."""
    if not works_with_cases(user):
        return False
    return user.role == Role.MANAGER


def can_define_time_study_categories(user: User) -> bool:
    """Return whether ``user`` may define the municipality's own category set: a manager (who
    runs studies) or the administrator (settings, no case data: docs/spec/security.md)."""
    if not _active_in_a_municipality(user):
        return False
    return user.role in (Role.MANAGER, Role.ADMIN)


def can_view_time_study_results(user: User) -> bool:
    """Return whether ``user`` may see a study's results: the indicator roles."""
    return can_view_indicators(user)


# --- the action plan (handlingsplan) --------------------------------------------------------


def can_read_action_plans(user: User) -> bool:
    """Return whether ``user`` may read her municipality's action plans: the indicator roles."""
    return can_view_indicators(user)


def can_create_action_plan(user: User) -> bool:
    """Return whether ``user`` may write action plans at all: an active manager."""
    if not works_with_cases(user):
        return False
    return user.role == Role.MANAGER


def can_write_action_plan(user: User, municipality_id: int, unit_id: int | None) -> bool:
    """Return whether ``user`` may write a plan of ``unit_id`` (None: the municipality's)."""
    if not can_create_action_plan(user):
        return False
    if municipality_id != user.municipality_id:
        return False
    if unit_id is None:
        return True
    return user.units.filter(pk=unit_id).exists()


def action_plan_owners(municipality_id: int) -> QuerySet[User]:
    """Return who may own a measure of a plan: the municipality's active case roles."""
    return User.objects.filter(
        municipality_id=municipality_id, is_active=True, role__in=CASE_ROLES
    ).order_by("last_name", "first_name", "pk")


# --- surveys (enkäter) -----------------------------------------------------------------------


def can_run_surveys(user: User) -> bool:
    """Return whether ``user`` may organise surveys: an active organiser (no case data)."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return user.role == Role.ORGANISER


def organised_editions(user: User) -> QuerySet[Edition]:
    """Return the survey editions ``user`` organises: those of their own municipality."""
    if not can_run_surveys(user):
        return Edition.objects.none()
    return Edition.objects.filter(organiser_municipality_id=user.municipality_id)


def survey_proposal_reader(municipality_id: int) -> User:
    """Return whose eyes a survey respondent's pre-filled proposals are computed with.

    The respondent has no account: the figures are the municipality's as an analyst sees them
    (aggregates only, small numbers masked as outside every unit). Not saved, never logged in.
    """
    return User(role=Role.ANALYST, municipality_id=municipality_id, is_active=True)


# --- administration (administration av enheter, användare och API-nycklar) --------------------


def may_log_in_by_sso(user: User, today: date) -> bool:
    """Return whether ``user``, found by her SSO identity, may be logged in by single sign-on:
    active, in a municipality, and still employed (``employment_ended_on`` is the last day).
    The identity provider's claims never add to this (decision 0024)."""
    if not user.is_active:
        return False
    if user.municipality_id is None:
        return False
    return user.employment_ended_on is None or user.employment_ended_on >= today


def can_administer(user: User) -> bool:
    """Return whether ``user`` may reach the administration pages: an active administrator."""
    if not _active_in_a_municipality(user):
        return False
    return user.role == Role.ADMIN


def administered_units(admin: User) -> QuerySet[Unit]:
    """Return the units ``admin`` manages: those of her own municipality."""
    if not can_administer(admin):
        return Unit.objects.none()
    return Unit.objects.filter(municipality_id=admin.municipality_id)


def administered_users(admin: User) -> QuerySet[User]:
    """Return the users ``admin`` manages: those of her own municipality (herself included)."""
    if not can_administer(admin):
        return User.objects.none()
    return User.objects.filter(municipality_id=admin.municipality_id)


def administered_tokens(admin: User) -> QuerySet[ApiToken]:
    """Return the API tokens of the users ``admin`` manages."""
    if not can_administer(admin):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user__municipality_id=admin.municipality_id)


def is_role(value: str) -> bool:
    """Return whether ``value`` is the code of a role."""
    return value in Role.values


def may_give_role(admin: User, user: User | None, role: str) -> bool:
    """Return whether ``admin`` may give ``user`` (``None``: a new user) the role ``role``.

    Any role, but she never takes her own administrator role away (the municipality would be
    left without an administrator).
    """
    if not is_role(role):
        return False
    if user is None or user.pk != admin.pk:
        return True
    return role == Role.ADMIN


def may_deactivate(admin: User, user: User) -> bool:
    """Return whether ``admin`` may deactivate ``user``: anyone she manages but herself."""
    if not administered_users(admin).filter(pk=user.pk).exists():
        return False
    return user.pk != admin.pk


# --- protected identity (skyddade personuppgifter) ---------------------------------------------

PROTECTED_ADDRESS_PERMISSION = "accounts.view_protected_address"


def can_see_contact(user: User, *people: Any) -> bool:
    """Return whether ``user`` may see the address and contact details of ``people`` together.

    Shown unless one of them has a protected identity; then only with the explicit permission.
    """
    if not any(person.protected_identity for person in people):
        return True
    return user.has_perm(PROTECTED_ADDRESS_PERMISSION)


def contact_in_documents(*people: Any) -> bool:
    """Return whether a document may carry the contact details: never for a protected person,
    whoever prints it, since documents go to the other party."""
    return not any(person.protected_identity for person in people)


# --- break-glass (nödåtkomst) ---------------------------------------------------------------


def active_break_glass(user: User) -> QuerySet[BreakGlassAccess]:
    """Return ``user``'s break-glass accesses that have not yet expired."""
    return BreakGlassAccess.objects.filter(user_id=user.pk, expires_at__gt=clock.now())


def break_glass_for(user: User, case: Case) -> BreakGlassAccess | None:
    """Return the unexpired break-glass access of ``user`` to ``case``, if any."""
    if not works_with_cases(user):
        return None
    if case.municipality_id != user.municipality_id:
        return None
    return active_break_glass(user).filter(case_id=case.pk).order_by("-expires_at").first()


def can_request_break_glass(user: User, case: Case) -> bool:
    """Return whether ``user`` may ask for emergency read access to ``case``.

    Only staff who work with cases, in the case's municipality, for a case they cannot read
    already; never the committee, analysts or administrators.
    """
    if not works_with_cases(user):
        return False
    if case.municipality_id != user.municipality_id:
        return False
    return not can_read_case(user, case)


def break_glass_to_review(manager: User) -> QuerySet[BreakGlassAccess]:
    """Return the break-glass accesses to the cases of the manager's units."""
    if not can_view_unit(manager):
        return BreakGlassAccess.objects.none()
    return BreakGlassAccess.objects.filter(
        case__municipality_id=manager.municipality_id, case__unit__in=manager.units.all()
    )


def can_review_break_glass(manager: User, access: BreakGlassAccess) -> bool:
    if not can_view_unit(manager):
        return False
    if access.user_id == manager.pk:
        return False
    return break_glass_to_review(manager).filter(pk=access.pk).exists()


def require_case(
    user: User,
    case_id: int,
    *,
    write: bool = False,
    may: Callable[[User, Case], bool] | None = None,
    read: Callable[[User, Case], bool] | None = None,
) -> Case:
    """Return the case, or raise ``NotFound`` (other municipality / unknown) or ``Forbidden``.

    ``write`` asks ``can_write_case``; ``may`` is a further question (e.g. ``can_assign``);
    ``read`` replaces ``can_read_case`` for a page showing only part of the case (e.g.
    ``can_read_intake_record``).
    """
    case = (
        Case.objects.select_related("child", "report", "unit", "responsible")
        .filter(pk=case_id, municipality_id=user.municipality_id)
        .first()
    )
    if case is None:
        raise NotFound("Ärendet finns inte.")
    if not (read or can_read_case)(user, case):
        raise Forbidden("Du har inte behörighet till ärendet.")
    if write and not can_write_case(user, case):
        raise Forbidden("Du har inte behörighet att ändra i ärendet.")
    if may is not None and not may(user, case):
        raise Forbidden("Du har inte behörighet att göra detta i ärendet.")
    return case


def can_read_report(user: User, report: Model) -> bool:
    """Return whether ``user`` may read ``report`` (an ``intake.Report``): one of its cases.

    The report is typed as a model so that this module imports none of the stages (decision
    0010): the stages' services ask the policy, and ``investigations`` and ``interventions``
    must not depend on intake. ``intake.access.require_report`` loads the report and asks this.
    """
    if registered_by_intake(user, report):
        return True
    return cases_visible_to(user).filter(report_id=report.pk).exists()


def registered_by_intake(user: User, report: Model) -> bool:
    """Return whether ``report`` is one the intake officer ``user`` registered: she keeps reading
    it, its assessments and the children's chronology after the cases have moved on."""
    if not works_with_cases(user) or user.role != Role.INTAKE:
        return False
    return getattr(report, "registered_by_id", None) == user.pk


def can_read_intake_record(user: User, case: Case) -> bool:
    """Return whether ``user`` may read the intake record of ``case`` (the report, the
    protective and preliminary assessments, the chronology; not the investigation, journal,
    placements or documents): whoever reads the case, and the intake officer who registered
    its report."""
    if can_read_case(user, case):
        return True
    if case.municipality_id != user.municipality_id:
        return False
    return registered_by_intake(user, case.report)


def require_child(user: User, child_id: int) -> Child:
    """Return the child (its concern chronology) if the user may read one of the child's cases,
    or, at intake, registered a report about the child."""
    child = Child.objects.filter(pk=child_id, municipality_id=user.municipality_id).first()
    if child is None:
        raise NotFound("Barnet finns inte.")
    if cases_visible_to(user).filter(child=child).exists():
        return child
    # The intake officer keeps the chronology of the children of the reports she registered.
    registered = Case.objects.filter(
        child=child, municipality_id=user.municipality_id, report__registered_by_id=user.pk
    )
    if user.role == Role.INTAKE and works_with_cases(user) and registered.exists():
        return child
    raise Forbidden("Du har inte behörighet till barnet.")


def can_manage_retention_plan(user: User) -> bool:
    """Return whether ``user`` may set the municipality's document management plan (the
    administrator; it decides disposal, never reads a case)."""
    return _active_in_a_municipality(user) and user.role == Role.ADMIN


def require(allowed: bool, message: str) -> None:
    """Raise ``Forbidden`` with ``message`` unless ``allowed``."""
    if not allowed:
        raise Forbidden(message)
