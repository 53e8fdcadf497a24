"""The permission matrix: every URL of the project × every role × every kind of case.

The URL list is read from the URL configuration (``get_resolver()``, the API's routes
included), so a new view or endpoint fails ``test_every_url_is_in_the_matrix`` until it is added
to ``URLS`` below with the access it should have. For each URL the expected status of every
(user, case) pair follows from two explicit tables: ``READS`` and ``WRITES`` (which of the five
cases each member of the cast may read and change), and the URL's kind.

The cases (all in the intervention phase, so that every page has something to show):

- ``alices``: in the investigation unit, Alice responsible;
- ``bobs``: in the investigation unit, Bob responsible (Alice's *own-unit* case);
- ``intake_unit``: in the intake unit, Carl responsible (*another unit* for Alice and Bob);
- ``protected``: a child with protected identity, investigation unit, Alice responsible;
- ``soderby``: Söderby's, Sara responsible (*another municipality* for everyone else).

GETs are asserted for every pair. POSTs are sent only by those who may not change the case:
they get 403 (404 from another municipality) and nothing is written anywhere.
"""

from __future__ import annotations

import functools
import itertools
import json
import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from skyddsnat.accounts.models import ApiToken, EmploymentPeriod
from skyddsnat.accounts.services import grant_break_glass
from skyddsnat.actionplans.models import ActionPlan
from skyddsnat.api.router import api
from skyddsnat.cases.models import Case
from skyddsnat.followups.models import FollowUp
from skyddsnat.interventions.models import (
    Intervention,
    LulStatement,
    LvuCourtCase,
    LvuFollowUp,
    LvuMeasure,
    ProtectedHousingOrder,
    YouthService,
)
from skyddsnat.interventions.services import emergency_custody_taken
from skyddsnat.investigations.models import ExternalRequest
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Guardian
from skyddsnat.people.services import register_guardian
from skyddsnat.timestudy import services as timestudy
from tests.cast import local
from tests.services.flow import close_investigation, decide
from tests.web.builders import named_case, opened

TODAY = date(2026, 3, 18)

USERS = ["alice", "bob", "carl", "ida", "maja", "nils", "ana", "adam", "sara", "anonymous"]
CASES = ["alices", "bobs", "intake_unit", "protected", "soderby"]
NORRBY = {"alices", "bobs", "intake_unit", "protected"}

#: Which cases each user may read (``policy.can_read_case``).
READS = {
    "alice": {"alices", "bobs", "protected"},  # own + own unit
    "bob": {"alices", "bobs", "protected"},  # own unit
    "carl": {"intake_unit", "bobs"},  # own (another unit); Bob's by break-glass (fixture)
    # intake: the cases at the intake stage and her own; these have moved on to investigation
    # and interventions (decision 0035: ``test_intake_read_access.py``)
    "ida": set(),
    "maja": {"alices", "bobs", "protected"},  # manager: her unit
    "nils": set(),  # committee
    "ana": set(),  # analyst
    "adam": set(),  # admin
    "sara": {"soderby"},
    "anonymous": set(),
}
#: Which cases each user may change (``policy.can_write_case``); the cases are past the
#: preliminary assessment, so intake only reads them.
WRITES = {
    "alice": {"alices", "protected"},
    "bob": {"bobs"},
    "carl": {"intake_unit"},
    "ida": set(),
    "maja": {"alices", "bobs", "protected"},
    "nils": set(),
    "ana": set(),
    "adam": set(),
    "sara": {"soderby"},
    "anonymous": set(),
}
#: Who may assign each case (``policy.can_assign``).
ASSIGNS = {user: ({"alices", "bobs", "protected"} if user == "maja" else set()) for user in USERS}
CASE_WORKERS = {"alice", "bob", "carl", "ida", "maja", "sara"}
INDICATOR_USERS = {"maja", "nils", "ana"}
ADMINS = {"adam"}
#: Who takes part in the time study of the investigation unit (the world below).
TIME_STUDY_PARTICIPANTS = {"alice", "bob", "maja"}


@dataclass(frozen=True)
class Url:
    """How a URL should answer: its ``kind`` decides the expected status per user and case."""

    kind: str
    method: str = "GET"
    #: What a logged-out visitor gets, when it is not the login redirect (or 401 in the API).
    anonymous: int | None = None


# The kinds:
#   public        – 200 for everybody (the API schema, the health endpoint)
#   moved         – 301 for everybody (``/favicon.ico`` to the icon)
#   login         – the login page: 200 logged out, logged-in users are sent on (302)
#   logout        – POST only: GET is 405
#   home          – anonymous to the login page; case and indicator roles to their start
#                   page; the administrator 200
#   case_roles    – a page for caseworkers, intake and managers (200), 403 for other roles
#   managers      – the unit dashboard: managers only
#   managers_post – a manager's POST (her staff's employment periods): others 403
#   unit_target   – a manager sets her unit's caseload target: another unit's or municipality's
#                   is 404 for her; others 403
#   read          – a case page: 200 if READS, 403 in the same municipality, 404 elsewhere
#   read_nothing_signed – as ``read``, for a document of a signed record the cases do not have
#                   yet (a plan's PDF): 404 for those who may read, 403/404 for the others
#   write         – a POST changing a case: forbidden users get 403 / 404, nothing written
#   assign        – a POST assigning a case: as ``write`` with ASSIGNS
#   post_only     – a POST-only view asked with GET: 405 (after login)
#   api_read      – as ``read`` through the API (401 without a token)
#   api_write     – as ``write`` through the API
#   api_case_roles– an API endpoint for case roles (POST a report: 403 for the others)
#   api_list      – a list of cases through the API: 200 for the case roles (exactly the cases
#                   of READS: ``test_the_case_list_holds_what_the_matrix_reads``), 403 others
#   logged_in     – any logged-in user (the second-factor step)
#   keepalive     – POST: 204 for any logged-in user (the session extended), 401 logged out
#   break_glass   – ask for emergency access: those who read the case already are sent to it,
#                   case roles of the municipality get the form, other roles 403, elsewhere 404
#   review        – a manager reviews a break-glass access to a case of her unit
#   indicators    – the follow-up page and its exports: managers, analysts, the committee
#   api_indicators– aggregate indicators (the indicator issue owns this; asserted not to leak)
#   admin         – an administration page: the administrator 200 for her own municipality's
#                   unit, user or token (those of the case's), 404 for another's; others 403
#   admin_post    – an administration POST: others 403, the administrator 404 for another
#                   municipality's object (her own: the feature tests post real data)
#   open_link     – the one-time set-password link: 200 for anyone (an unknown link says so)
#   api_organisers– the surveys' API: organisers only (none in the cast: 403 for everyone;
#                   the organisers' own access: ``tests/surveys/test_api.py``)
#   organisers    – the organiser's survey pages (no organiser in the cast: 403 for everyone;
#                   ``tests/surveys/test_organiser_pages.py``)
#   survey_link   – a survey respondent's personal link (no account): an unknown link is 404
#                   for everyone (``tests/surveys/test_answering.py`` for a real one)
#   my_surveys    – "Mina enkäter": any logged-in user 200 (the surveys they are invited to)
#   my_survey     – a user's own survey invitation: none in the cast, 404 for everyone
#                   (``tests/surveys/test_user_invitations.py``: only the invited user, others 404)
#   administrators– the administration's pages (the background jobs): the administrator only
#   indicators_nothing_chosen – an export of a chosen object asked without one: 404 for the
#                   indicator roles, 403 for the others
#   api_participants – the participants of the open time study (Alice, Bob, Maja): 200; 403
#                   for everyone else
#   api_own_block_write – PATCH/DELETE/PUT (a block; an own category set): the matrix's POST is 405 for
#                   everyone (the methods themselves: tests/timestudy/test_api.py)
#   api_participants_post – a participant registers a block through the API: the participants
#                   (not sent: tests/timestudy/test_api.py), 403 for everyone else
#   study_managers_post – plan or close a time study of her units: the manager (Maja; the
#                   feature tests post real data), everyone else 403
#   category_definers(_post), api_category_definers(_post) – the municipality's own
#                   time-study categories (the list, a copy, one set): a manager or the
#                   administrator (Maja, Adam) 200 (a POST: not sent), the others 403
#   own_block, api_own_block – a participant's time block (Alice's): Alice only; everyone else 404, as if
#                   it did not exist (a participant's registrations are hers alone)
#   action_plans, api_action_plans – the list of the municipality's action plans: the indicator
#                   roles 200, others 403
#   api_staff     – the staff register (``GET /api/v1/staff``): a manager (her units') and the
#                   administrator (her municipality's periods, no caseload) 200; others 403
#   action_plan_create – POST a new plan: a manager (Maja: sent by the feature tests), others 403
#   action_plan, api_action_plan – an action plan: the case's unit's plan (the investigation
#                   unit's, the intake unit's, Söderby's): the indicator roles of the municipality
#                   200, others there 403, another municipality 404
#   action_plan_write – a POST writing a plan: a manager of the plan's unit (Maja, for the
#                   investigation unit's plan: the feature tests post real data); others 403,
#                   another municipality 404
URLS: dict[str, tuple[Url, ...]] = {
    "favicon": (Url("moved", anonymous=301),),
    "login": (Url("login", anonymous=200),),
    "logout": (Url("logout", anonymous=405),),
    "health": (Url("public", anonymous=200),),
    "api-v1:openapi-json": (Url("public", anonymous=200),),
    "api-v1:openapi-view": (Url("public", anonymous=200),),
    "api-v1:api-root": (Url("not_found", anonymous=404),),
    "api-v1:register_report": (Url("api_case_roles", "POST"),),
    "api-v1:get_report": (Url("api_read"),),
    "api-v1:list_cases": (Url("api_list"),),
    "api-v1:get_case": (Url("api_read"),),
    "api-v1:get_obligations": (Url("api_read"),),
    "api-v1:list_journal": (Url("api_read"),),
    "api-v1:reassign": (Url("api_assign", "POST"),),
    "api-v1:close_case": (Url("api_write", "POST"),),
    "api-v1:protective_assessment": (Url("api_write", "POST"),),
    "api-v1:preliminary_assessment": (Url("api_write", "POST"),),
    "api-v1:reporter_feedback": (Url("api_write", "POST"),),
    "api-v1:reporter_feedback_request": (Url("api_write", "POST"),),
    "api-v1:reporter_feedback_withheld": (Url("api_write", "POST"),),
    "api-v1:followup_contact": (Url("api_write", "POST"),),
    "api-v1:protective_assessments": (Url("api_write", "POST"),),
    "api-v1:preliminary_assessments": (Url("api_write", "POST"),),
    "api-v1:report_feedback": (Url("api_write", "POST"),),
    "api-v1:plan": (Url("api_write", "POST"),),
    "api-v1:triangle": (Url("api_write", "POST"),),
    "api-v1:child_conversation": (Url("api_write", "POST"),),
    "api-v1:extension": (Url("api_write", "POST"),),
    "api-v1:close": (Url("api_write", "POST"),),
    "api-v1:external_request": (Url("api_write", "POST"),),
    "api-v1:request_answer": (Url("api_write", "POST"),),
    "api-v1:communication": (Url("api_write", "POST"),),
    "api-v1:decide": (Url("api_write", "POST"),),
    "api-v1:interventions_of_case": (Url("api_read"),),
    "api-v1:visit": (Url("api_write", "POST"),),
    "api-v1:review": (Url("api_write", "POST"),),
    "api-v1:custody_consideration": (Url("api_write", "POST"),),
    "api-v1:end": (Url("api_write", "POST"),),
    "api-v1:evaluation": (Url("api_write", "POST"),),
    "api-v1:list_plans": (Url("api_read"),),
    "api-v1:lvu_of_case": (Url("api_read"),),
    "api-v1:apply_for_care": (Url("api_write", "POST"),),
    "api-v1:judgment": (Url("api_write", "POST"),),
    "api-v1:care_started": (Url("api_write", "POST"),),
    "api-v1:application_extension": (Url("api_write", "POST"),),
    "api-v1:decide_measure": (Url("api_write", "POST"),),
    "api-v1:review_measure": (Url("api_write", "POST"),),
    "api-v1:end_measure": (Url("api_write", "POST"),),
    "api-v1:temporary_ban_court": (Url("api_write", "POST"),),
    "api-v1:protected_housing_of_case": (Url("api_read"),),
    "api-v1:record_order": (Url("api_write", "POST"),),
    "api-v1:court_steps": (Url("api_write", "POST"),),
    "api-v1:consider": (Url("api_write", "POST"),),
    "api-v1:start_lvu_follow_up": (Url("api_write", "POST"),),
    "api-v1:end_lvu_follow_up": (Url("api_write", "POST"),),
    "api-v1:youth_and_emergency": (Url("api_read"),),
    "api-v1:extend_jourhem_stay": (Url("api_write", "POST"),),
    "api-v1:register_lul_request": (Url("api_write", "POST"),),
    "api-v1:submit_lul_statement": (Url("api_write", "POST"),),
    "api-v1:register_youth_service": (Url("api_write", "POST"),),
    "api-v1:start_youth_service": (Url("api_write", "POST"),),
    "api-v1:record_youth_service_special_reasons": (Url("api_write", "POST"),),
    "api-v1:save_plan": (Url("api_write", "POST"),),
    "api-v1:sign_plan": (Url("api_write", "POST"),),
    "api-v1:list_follow_ups": (Url("api_read"),),
    "api-v1:decide_follow_up": (Url("api_write", "POST"),),
    "api-v1:end_follow_up": (Url("api_write", "POST"),),
    "api-v1:best_interests": (Url("api_write", "POST"),),
    "api-v1:opening_information": (Url("api_write", "POST"),),
    "api-v1:chronology": (Url("api_read"),),
    "api-v1:indicators": (Url("api_indicators"),),
    "api-v1:staff": (Url("api_staff"),),
    "api-v1:get_family": (Url("api_read"),),
    "api-v1:change_family_child": (Url("api_write", "POST"),),
    "api-v1:add_family_person": (Url("api_write", "POST"),),
    "api-v1:change_family_person": (Url("api_write", "POST"),),
    "api-v1:family_from_register": (Url("api_write", "POST"),),
    "api-v1:create_survey": (Url("api_organisers", "POST"),),
    "api-v1:get_survey": (Url("api_organisers"),),
    "api-v1:add_response": (Url("api_organisers", "POST"),),
    "api-v1:get_results": (Url("api_organisers"),),
    "api-v1:get_group_results": (Url("api_organisers"),),
    "api-v1:get_comparison": (Url("api_organisers"),),
    "api-v1:invite": (Url("api_organisers", "POST"),),
    "api-v1:add_question": (Url("api_organisers", "POST"),),
    # PATCH/DELETE: the matrix's POST is 405 for everyone (tests/surveys/test_api.py).
    "api-v1:change_question": (Url("api_own_block_write", "POST", anonymous=405),),
    "api-v1:drop_question": (Url("api_own_block_write", "POST", anonymous=405),),
    "web:home": (Url("home"),),
    "web:my_cases": (Url("case_roles"),),
    "web:unit": (Url("managers"),),
    "web:staff": (Url("managers"), Url("managers_post", "POST")),
    "web:staff_period": (Url("managers"), Url("managers_post", "POST")),
    "web:staff_target": (Url("unit_target", "POST"), Url("post_only")),
    "web:staff_import": (Url("managers"), Url("managers_post", "POST")),
    "web:staff_import_confirm": (Url("managers_post", "POST"), Url("post_only")),
    "web:own_employment": (Url("case_roles"),),
    "web:unit_assign": (Url("assign", "POST"), Url("post_only")),
    "web:search": (Url("case_roles"), Url("case_roles_post", "POST")),
    "web:intake": (Url("case_roles"), Url("case_roles_post", "POST")),
    "web:intake_child": (Url("case_roles_post", "POST"), Url("post_only")),
    # The new report's draft (decision 0036): the case roles save their own; a logged-out
    # visitor gets the status line "du är utloggad" (200), as at ``web:form_draft``.
    "web:intake_draft": (
        Url("case_roles_post", "POST", anonymous=200),
        Url("post_only", anonymous=405),
    ),
    "web:intake_draft_discard": (Url("case_roles_post", "POST"), Url("post_only")),
    "web:intake_mandatory": (Url("case_roles"),),
    "web:intake_result": (Url("read"), Url("write", "POST")),
    "web:intake_siblings": (Url("write", "POST"), Url("post_only")),
    "web:case": (Url("read"), Url("write", "POST")),
    "web:family_child": (Url("write", "POST"), Url("post_only")),
    "web:family_add": (Url("write", "POST"), Url("post_only")),
    "web:family_change": (Url("write", "POST"), Url("post_only")),
    "web:family_register": (Url("write", "POST"), Url("post_only")),
    "web:journal": (Url("read"),),
    # A logged-out author gets a status line, not the login page, so the text stays in the form.
    "web:journal_draft": (Url("write", "POST", anonymous=200), Url("post_only", anonymous=405)),
    "web:journal_sign": (Url("write", "POST"), Url("post_only")),
    "web:journal_correct": (Url("write", "POST"), Url("post_only")),
    "web:investigation": (Url("read"),),
    "web:investigation_plan": (Url("write", "POST"), Url("post_only")),
    "web:investigation_area": (Url("write", "POST"), Url("post_only")),
    "web:investigation_conversation": (Url("write", "POST"), Url("post_only")),
    "web:investigation_request": (Url("write", "POST"), Url("post_only")),
    "web:investigation_answer": (Url("write", "POST"), Url("post_only")),
    "web:investigation_communication": (Url("write", "POST"), Url("post_only")),
    "web:investigation_information": (Url("write", "POST"), Url("post_only")),
    "web:investigation_extension": (Url("write", "POST"), Url("post_only")),
    "web:investigation_close": (Url("write", "POST"), Url("post_only")),
    "web:interventions": (Url("read"),),
    "web:interventions_decide": (Url("write", "POST"), Url("post_only")),
    "web:interventions_visit": (Url("write", "POST"), Url("post_only")),
    "web:interventions_review": (Url("write", "POST"), Url("post_only")),
    "web:interventions_custody": (Url("write", "POST"), Url("post_only")),
    "web:interventions_end": (Url("write", "POST"), Url("post_only")),
    "web:interventions_evaluation": (Url("write", "POST"), Url("post_only")),
    "web:interventions_best_interests": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_follow_up": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_follow_up_end": (Url("write", "POST"), Url("post_only")),
    "web:interventions_court_submitted": (Url("write", "POST"), Url("post_only")),
    "web:interventions_care_applied": (Url("write", "POST"), Url("post_only")),
    "web:interventions_application_extension": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_apply": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_judgment": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_care_started": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_measure": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_measure_review": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lvu_temporary_ban_court": (Url("write", "POST"), Url("post_only")),
    "web:interventions_protected_housing": (Url("write", "POST"), Url("post_only")),
    "web:interventions_protected_housing_court": (Url("write", "POST"), Url("post_only")),
    "web:interventions_protected_housing_consideration": (
        Url("write", "POST"),
        Url("post_only"),
    ),
    "web:interventions_jourhem_extension": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lul_request": (Url("write", "POST"), Url("post_only")),
    "web:interventions_lul_submitted": (Url("write", "POST"), Url("post_only")),
    "web:interventions_youth_service": (Url("write", "POST"), Url("post_only")),
    "web:interventions_youth_service_started": (Url("write", "POST"), Url("post_only")),
    "web:interventions_youth_service_reasons": (Url("write", "POST"), Url("post_only")),
    "web:plan": (Url("read"),),
    "web:plan_save": (Url("write", "POST"), Url("post_only")),
    "web:plan_sign": (Url("write", "POST"), Url("post_only")),
    # Nothing is signed in the matrix's cases: a reader gets 404 (no plan), the others as read.
    "web:plan_pdf": (Url("read_nothing_signed"),),
    "web:situation": (Url("read"),),
    "web:situation_decide": (Url("write", "POST"), Url("post_only")),
    "web:situation_end": (Url("write", "POST"), Url("post_only")),
    "second_factor": (Url("logged_in"),),
    # Single sign-on is off in the matrix (not configured): 404 for everybody. Configured, it is
    # a login step open to anyone, covered by tests/security/test_sso.py.
    "sso_start": (Url("not_found", anonymous=404),),
    "sso_callback": (Url("not_found", anonymous=404),),
    "web:break_glass": (Url("break_glass"), Url("break_glass", "POST")),
    "web:unit_break_glass": (Url("managers"),),
    "web:unit_audit_log": (Url("managers"),),
    "web:unit_break_glass_review": (Url("review", "POST"), Url("post_only")),
    "web:form_draft": (Url("write", "POST", anonymous=200), Url("post_only", anonymous=405)),
    "web:session_keepalive": (
        Url("keepalive", "POST", anonymous=401),
        Url("post_only", anonymous=405),
    ),
    "web:followup": (Url("indicators"),),
    "web:barnbarometer": (Url("indicators"),),
    "web:followup_csv": (Url("indicators"),),
    "web:followup_xlsx": (Url("indicators"),),
    "web:committee_report": (Url("indicators"),),
    "web:committee_report_pdf": (Url("indicators"),),
    "web:investigation_document": (Url("read"),),
    "web:investigation_document_pdf": (Url("read"),),
    "set_password": (Url("open_link", anonymous=200),),
    "web:administration": (Url("admin"),),
    "web:admin_units": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_unit": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_unit_active": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_users": (Url("admin"),),
    "web:admin_user_new": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_user": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_user_deactivate": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_user_reactivate": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_user_second_factor": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_user_password_link": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_token_issue": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_token_revoke": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_import": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_import_confirm": (Url("admin_post", "POST"), Url("post_only")),
    "web:admin_log": (Url("admin"),),
    "web:admin_population": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_retention_plan": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_time_limits": (Url("admin"), Url("admin_post", "POST")),
    "web:admin_jobs": (Url("administrators"),),
    "web:timestudy": (Url("case_roles"),),
    "web:timestudy_start": (Url("case_roles_post", "POST"), Url("post_only")),
    "web:timestudy_stop": (Url("case_roles_post", "POST"), Url("post_only")),
    "web:timestudy_add": (Url("case_roles_post", "POST"), Url("post_only")),
    "web:timestudy_sync": (Url("case_roles_post", "POST"), Url("post_only")),
    "web:timestudy_block": (Url("own_block"), Url("own_block", "POST")),
    "web:timestudy_shell": (Url("case_roles"),),
    # The service worker's script holds no data (addresses of the shell and the static files).
    "web:timestudy_sw": (Url("public", anonymous=200),),
    "web:timestudy_results": (Url("indicators"),),
    "web:timestudy_compare": (Url("indicators"),),
    # Without ?studie= there is nothing to export: 404 for those who may, 403 for the others.
    "web:timestudy_results_xlsx": (Url("indicators_nothing_chosen"),),
    "web:timestudy_compare_xlsx": (Url("indicators_nothing_chosen"),),
    "web:timestudy_plan": (Url("managers"), Url("study_managers_post", "POST")),
    "web:timestudy_close": (Url("study_managers_post", "POST"), Url("post_only")),
    "web:timestudy_categories": (
        Url("category_definers"),
        Url("category_definers_post", "POST"),
    ),
    "web:timestudy_category_copy": (Url("category_definers_post", "POST"), Url("post_only")),
    "web:timestudy_category_set": (
        Url("category_definers"),
        Url("category_definers_post", "POST"),
    ),
    "api-v1:timestudy_category_sets": (Url("api_category_definers"),),
    "api-v1:timestudy_create_category_set": (Url("api_category_definers_post", "POST"),),
    # PUT (the matrix sends GET and POST only): a POST there is 405 for everyone; who may
    # change a set, and the 409 once a study has started: tests/timestudy/test_own_sets.py.
    "api-v1:timestudy_change_category_set": (Url("api_own_block_write", "POST", anonymous=405),),
    "api-v1:timestudy_day": (Url("api_participants"),),
    "api-v1:timestudy_block": (Url("api_own_block"),),
    "web:action_plans": (Url("action_plans"), Url("action_plan_create", "POST")),
    "web:action_plan": (Url("action_plan"),),
    "web:action_plan_follow_up": (Url("action_plan"),),
    "web:action_plan_goal": (Url("action_plan_write", "POST"), Url("post_only")),
    "web:action_plan_indicator": (Url("action_plan_write", "POST"), Url("post_only")),
    "web:action_plan_target": (Url("action_plan_write", "POST"), Url("post_only")),
    "web:action_plan_measure": (Url("action_plan_write", "POST"), Url("post_only")),
    "web:action_plan_goal_edit": (Url("action_plan_write", "POST"), Url("post_only")),
    "web:action_plan_measure_edit": (Url("action_plan_write", "POST"), Url("post_only")),
    "web:action_plan_measure_remove": (Url("action_plan_write", "POST"), Url("post_only")),
    "web:action_plan_measure_status": (Url("action_plan_write", "POST"), Url("post_only")),
    "api-v1:action_plans": (Url("api_action_plans"),),
    "api-v1:action_plan": (Url("api_action_plan"),),
    "api-v1:timestudy_add_block": (Url("api_participants_post", "POST"),),
    # PATCH and DELETE of a block (the matrix sends GET and POST only): a POST there is 405
    # for everyone; the owner only, anyone else 404, anonymous 401: tests/timestudy/test_api.py.
    "api-v1:timestudy_correct_block": (Url("api_own_block_write", "POST", anonymous=405),),
    "api-v1:timestudy_delete_block": (Url("api_own_block_write", "POST", anonymous=405),),
    "web:surveys": (Url("organisers"),),
    "web:survey_results": (Url("organisers"),),
    "web:survey_results_csv": (Url("organisers"),),
    "web:survey_groups": (Url("organisers"),),
    "web:survey_comparison": (Url("organisers"),),
    "web:survey_new": (Url("organisers", "POST"), Url("post_only")),
    "web:survey_sending": (Url("organisers"), Url("organisers", "POST")),
    "web:survey_copy": (Url("organisers", "POST"), Url("post_only")),
    "web:survey_results_xlsx": (Url("organisers"),),
    "web:survey_report_pdf": (Url("organisers"),),
    "web:barnbarometer_json": (Url("indicators"),),
    "web:my_surveys": (Url("my_surveys"),),
    "web:my_survey": (Url("my_survey"), Url("my_survey", "POST")),
    "web:my_survey_save": (Url("my_survey", "POST"), Url("post_only")),
    "web:survey_questions": (Url("organisers"), Url("organisers", "POST")),
    "web:survey_question": (Url("organisers"), Url("organisers", "POST")),
    "web:survey_question_drop": (Url("organisers", "POST"), Url("post_only")),
    # The question's draft (decision 0036): a logged-out visitor gets the status line (200).
    "web:survey_questions_draft": (
        Url("organisers", "POST", anonymous=200),
        Url("post_only", anonymous=405),
    ),
    "web:survey_question_draft": (
        Url("organisers", "POST", anonymous=200),
        Url("post_only", anonymous=405),
    ),
    # A respondent's personal link needs no account; an unknown link is not found for anyone.
    "web:survey_answer": (
        Url("survey_link", anonymous=404),
        Url("survey_link", "POST", anonymous=404),
    ),
    "web:survey_save": (
        Url("survey_link", "POST", anonymous=404),
        Url("post_only", anonymous=405),
    ),
}


def all_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """Yield (qualified name, route) of every URL pattern, walking included configurations."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else p.namespace
            yield from all_patterns(p.url_patterns, prefix + str(p.pattern), ns or namespace)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace else p.name
            yield name, prefix + str(p.pattern)


ROUTES = dict(all_patterns())


def test_every_url_is_in_the_matrix():
    missing = sorted(name for name in ROUTES if name not in URLS)
    assert not missing, f"Add the new view to the matrix in {__file__}: {missing}"
    stale = sorted(name for name in URLS if name not in ROUTES)
    assert not stale, f"Remove views that no longer exist from the matrix: {stale}"


def expected(url: Url, user: str, case: str) -> int | set[int] | None:
    """Return the status ``user`` should get for ``case`` at ``url`` (None: not sent)."""
    kind = url.kind
    in_municipality = (case in NORRBY) == (user != "sara")
    if user == "anonymous":
        if url.anonymous is not None:
            return url.anonymous
        return 401 if kind.startswith("api_") else 302
    if kind == "login":
        return 302
    if kind == "public":
        return 200
    if kind == "moved":
        return 301
    if kind == "not_found":
        return 404
    if kind == "logout":
        return 405
    if kind == "home":
        return 302 if user in CASE_WORKERS | INDICATOR_USERS | ADMINS else 200
    if kind == "open_link":
        return 200
    if kind == "admin":
        if user not in ADMINS:
            return 403
        return 200 if in_municipality else 404
    if kind == "admin_post":
        if user not in ADMINS:
            return 403
        return None if in_municipality else 404
    if kind in ("case_roles", "api_list"):
        return 200 if user in CASE_WORKERS else 403
    if kind == "managers":
        return 200 if user == "maja" else 403
    if kind == "managers_post":
        return None if user == "maja" else 403
    if kind == "unit_target":
        if user != "maja":
            return 403
        return None if case in {"alices", "bobs", "protected"} else 404
    if kind == "post_only":
        return 405
    if kind in ("read", "api_read", "read_nothing_signed"):
        if case in READS[user]:
            return 404 if kind == "read_nothing_signed" else 200
        return 403 if in_municipality else 404
    allowed = {
        "write": WRITES,
        "api_write": WRITES,
        "assign": ASSIGNS,
        "api_assign": ASSIGNS,
    }.get(kind)
    if allowed is not None:
        if case in allowed[user]:
            return None  # allowed: the feature tests post real data
        return 403 if in_municipality else 404
    if kind in ("case_roles_post", "api_case_roles"):
        return None if user in CASE_WORKERS else 403
    if kind == "logged_in":
        return 200
    if kind == "keepalive":
        return 204
    if kind == "break_glass":
        if case in READS[user]:
            return 302
        if not in_municipality:
            return 404
        if user in CASE_WORKERS:
            return 200 if url.method == "GET" else None
        return 403
    if kind == "review":
        if user == "maja":
            return None
        return 403 if user != "sara" else 404
    if kind == "indicators":
        return 200 if user in INDICATOR_USERS else 403
    if kind == "api_indicators":
        return {200, 403}
    if kind == "administrators":
        return 200 if user == "adam" else 403
    if kind == "indicators_nothing_chosen":
        return 404 if user in INDICATOR_USERS else 403
    if kind == "study_managers_post":
        return None if user == "maja" else 403
    if kind in ("category_definers", "category_definers_post"):
        if user not in {"maja", "adam"}:
            return 403
        return 200 if url.method == "GET" else None
    if kind == "api_category_definers":
        return 200 if user in {"maja", "adam"} else 403
    if kind == "api_category_definers_post":
        return None if user in {"maja", "adam"} else 403
    if kind == "api_own_block_write":
        return 405
    if kind == "api_participants_post":
        return None if user in TIME_STUDY_PARTICIPANTS else 403
    if kind == "api_participants":
        return 200 if user in TIME_STUDY_PARTICIPANTS else 403
    if kind == "api_own_block":
        return 200 if user == "alice" else 404
    if kind == "own_block":
        if user != "alice":
            return 404
        return 200 if url.method == "GET" else None
    if kind in ("action_plans", "api_action_plans"):
        return 200 if user in INDICATOR_USERS else 403
    if kind == "action_plan_create":
        return None if user == "maja" else 403
    if kind in ("action_plan", "api_action_plan", "action_plan_write"):
        if not in_municipality:
            return 404
        if kind == "action_plan_write":
            return None if user == "maja" and case in WRITES["maja"] else 403
        return 200 if user in INDICATOR_USERS else 403
    if kind == "api_staff":
        return 200 if user in {"maja", "adam"} else 403
    if kind == "api_organisers":
        return 403
    if kind == "organisers":
        return 403
    if kind == "survey_link":
        return 404
    if kind == "my_surveys":
        return 200
    if kind == "my_survey":
        return 404
    raise AssertionError(f"unknown kind {kind}")


@dataclass
class World:
    cast: object
    cases: dict[str, Case]
    interventions: dict[str, Intervention]
    requests: dict[str, int]
    entries: dict[str, int]
    relations: dict[str, int]
    tokens: dict[str, str]
    access_id: int
    token_ids: dict[str, int]
    lvu: dict[str, dict[str, int]]
    follow_ups: dict[str, int]
    block_id: int = 0
    period_id: int = 0
    action_plans: dict[str, int] = field(default_factory=dict)
    study_id: int = 0
    category_set_id: int = 0


@pytest.fixture
def world(cast, frozen_today) -> World:
    frozen_today(TODAY)
    specs = {
        "alices": (cast.alice, cast.alice, cast.inv_unit, False, 31),
        "bobs": (cast.bob, cast.bob, cast.inv_unit, False, 32),
        "intake_unit": (cast.carl, cast.carl, cast.intake_unit, False, 33),
        "protected": (cast.alice, cast.alice, cast.inv_unit, True, 34),
        "soderby": (cast.sara, cast.sara, cast.soderby_unit, False, 35),
    }
    cases, interventions, requests, entries, relations = {}, {}, {}, {}, {}
    for key, (author, responsible, unit, protected, seed) in specs.items():
        case = named_case(
            author, date(2025, 10, 1), f"Barn Nummer{seed}", seed=seed, protected=protected
        )
        Case.objects.filter(pk=case.pk).update(unit=unit, responsible=responsible)
        case.refresh_from_db()
        worker = responsible
        opened(worker, case, date(2025, 10, 10))
        close_investigation(worker, case, date(2026, 1, 10))
        case.refresh_from_db()
        interventions[key] = decide(worker, case, date(2026, 1, 20))
        Case.objects.filter(pk=case.pk).update(unit=unit, responsible=responsible)
        case.refresh_from_db()
        cases[key] = case
        request = ExternalRequest.objects.filter(investigation__case=case).first()
        requests[key] = request.pk if request else 999999
        entry = JournalEntry.objects.filter(case=case).order_by("pk").first()
        entries[key] = entry.pk if entry else 999999
        relations[key] = register_guardian(
            acting_user=author, child=case.child, first_name="Förälder", last_name=key
        ).pk
    tokens = {name: ApiToken.issue(getattr(cast, name)) for name in USERS if name != "anonymous"}
    token_ids = {
        name: ApiToken.objects.get(digest=ApiToken.digest_of(token)).pk
        for name, token in tokens.items()
    }
    access = grant_break_glass(
        acting_user=cast.carl, case_id=cases["bobs"].pk, reason="on_call", explanation="Jour"
    )
    # A time study of the investigation unit (Alice, Bob and Maja take part), one block Alice's.
    study = timestudy.create_study(
        acting_user=cast.maja, name="Mätning", unit_ids=[cast.inv_unit.pk], starts_on=TODAY
    )
    block = timestudy.add_block(
        acting_user=cast.alice,
        client_id=uuid.uuid4(),
        category_code="travel",
        started_at=local(2026, 3, 18, 8),
        ended_at=local(2026, 3, 18, 9),
    )
    # Norrby's own category set (no study uses it: editable by Maja and Adam).
    own_set = timestudy.create_category_set(
        acting_user=cast.maja,
        code="matris",
        name="Matrisens kategorier",
        categories=[timestudy.CategoryIn("a", "A"), timestudy.CategoryIn("b", "B")],
    )
    # Alice's employment in the investigation unit (Maja's staff).
    period = EmploymentPeriod.objects.create(
        user=cast.alice, unit=cast.inv_unit, role="caseworker", started_on=date(2020, 1, 1)
    )
    # A follow-up of each child's situation (SoL 2025:400 23 kap.), written as a row: the
    # cases' placements run, so the service would refuse it (``tests/services/test_follow_ups``).
    follow_ups = {
        key: FollowUp.objects.create(
            case=case,
            basis="after_investigation",
            started_from=date(2026, 1, 10),
            decided_on=date(2026, 1, 12),
            decided_by=case.responsible,
            consent="consented",
            purpose="Matrisens uppföljning.",
            planned_end_on=date(2026, 7, 10),
        ).pk
        for key, case in cases.items()
    }
    # An action plan of each unit: the investigation unit's (Maja's), the intake unit's (another
    # unit for Maja) and Söderby's; the case's unit picks the plan (``path_for``).
    plans = {
        unit.pk: ActionPlan.objects.create(
            municipality_id=unit.municipality_id,
            unit=unit,
            name=f"Handlingsplan {unit.name}",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            created_by=cast.maja,
            created_at=local(2026, 1, 2),
        ).pk
        for unit in (cast.inv_unit, cast.intake_unit, cast.soderby_unit)
    }
    return World(
        cast,
        cases,
        interventions,
        requests,
        entries,
        relations,
        tokens,
        access.pk,
        token_ids,
        {key: _lvu_records(case, interventions[key]) for key, case in cases.items()},
        follow_ups,
        block.pk,
        period.pk,
        {key: plans[case.unit_id] for key, case in cases.items()},
        study.pk,
        own_set.pk,
    )


def _lvu_records(case: Case, intervention: Intervention) -> dict[str, int]:
    """Return the ids of one of each LVU record of ``case`` (written directly, as fixtures)."""
    user = case.responsible
    custody = emergency_custody_taken(case=case, acting_user=user, on=date(2026, 3, 2))
    court_case = LvuCourtCase.objects.create(
        case=case, basis="lvu_2", applied_on=date(2026, 3, 3), applied_by=user
    )
    measure = LvuMeasure.objects.create(
        case=case, kind="contact_restriction", decided_on=date(2026, 3, 3), recorded_by=user
    )
    follow_up = LvuFollowUp.objects.create(
        case=case, intervention=intervention, started_on=date(2026, 3, 3), recorded_by=user
    )
    statement = LulStatement.objects.create(
        case=case, requested_on=date(2026, 3, 3), due_on=date(2026, 3, 24), recorded_by=user
    )
    service = YouthService.objects.create(
        case=case, final_on=date(2026, 3, 3), hours=40, recorded_by=user
    )
    guardian = Guardian.objects.create(
        municipality=case.municipality, first_name="Per", last_name="Matrisson"
    )
    order = ProtectedHousingOrder.objects.create(
        case=case,
        non_consenting_guardian=guardian,
        immediate_decided_on=date(2026, 3, 3),
        placement_started_on=date(2026, 3, 3),
        recorded_by=user,
    )
    return {
        "order_id": order.pk,
        "custody_id": custody.pk,
        "court_case_id": court_case.pk,
        "measure_id": measure.pk,
        "lvu_follow_up_id": follow_up.pk,
        "statement_id": statement.pk,
        "service_id": service.pk,
    }


def path_for(route: str, world: World, case: str) -> str:
    """Fill in the route's parameters with ``case``'s ids."""
    c = world.cases[case]
    values = {
        "case_id": c.pk,
        "report_id": c.report_id,
        "child_id": c.child_id,
        "intervention_id": world.interventions[case].pk,
        "entry_id": world.entries[case],
        "request_id": world.requests[case],
        "key": world.interventions[case].pk,
        "access_id": world.access_id,
        # Administration: the case's unit, and its responsible (Sara's in Söderby).
        "unit_id": c.unit_id,
        "user_id": c.responsible_id,
        "token_id": world.token_ids["sara" if case == "soderby" else "alice"],
        "uidb64": "MQ",
        "token": "ingen-giltig-nyckel",
        "kind": "care_plan" if route.startswith("api/") else "vardplan",
        "relation_id": world.relations[case],
        "block_id": world.block_id,
        "period_id": world.period_id,
        "study_id": world.study_id,
        "set_id": world.category_set_id,
        **world.lvu[case],
        "survey_id": 1,
        "number": "1",
        "respondent_id": 1,
        "follow_up_id": world.follow_ups[case],
        "decision_id": world.interventions[case].decision_id,
        "plan_id": world.action_plans[case],
    }
    if "triangel/<str:key>" in route:
        values["key"] = "health"
    if "<str:form_key>" in route:
        values["form_key"] = "plan"
    if "begaran/<int:key>" in route:
        values["key"] = world.requests[case]
    if "ungdom/lul/<int:key>" in route:
        values["key"] = world.lvu[case]["statement_id"]
    if "ungdomstjanst/<int:key>" in route:
        values["key"] = world.lvu[case]["service_id"]
    path = route
    for name, value in values.items():
        for converter in ("<int:", "<str:", "<"):
            path = path.replace(f"{converter}{name}>", str(value))
    return "/" + path


def _example(schema: dict, components: dict):
    """Return a value that validates against ``schema`` (dates today, enums their first)."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[1]], components)
    if "anyOf" in schema:
        return _example(schema["anyOf"][0], components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {k: _example(props[k], components) for k in schema.get("required", [])}
    if kind == "array":
        items = _example(schema.get("items", {}), components)
        return [items] if schema.get("minItems") else []
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "uuid":
            return str(uuid.uuid4())
        if fmt == "date":
            return TODAY.isoformat()
        if fmt == "date-time":
            return f"{TODAY.isoformat()}T10:00:00+01:00"
        return "x" * max(1, schema.get("minLength", 1))
    if kind == "integer":
        return 1
    if kind == "boolean":
        return True
    return None


@functools.cache
def openapi_schema() -> dict:
    """Return the API's OpenAPI schema, built once: ninja builds it anew on every call (about a
    second with this many operations), and the matrix asks for it once per API request it sends.
    Only read, never changed (``_example`` builds new values)."""
    return api.get_openapi_schema()


def valid_body(route: str) -> dict:
    """Return a request body the API's schema accepts for the POST at ``route``.

    The API validates the body before the handler asks the policy; a body that passes
    validation shows that the refusal comes from the policy and not from the schema.
    """
    schema = openapi_schema()
    path = "/" + route.replace("<", "{").replace(">", "}")
    operation = schema["paths"][path].get("post")
    if operation is None:  # a PATCH or DELETE path (only its anonymous refusal is sent)
        return {}
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is None:
        return {}
    return _example(body["schema"], schema["components"]["schemas"])


@functools.cache
def counted_tables() -> tuple[str, ...]:
    """Return the table of every model of the project (sessions and tokens aside)."""
    return tuple(
        sorted(
            {
                m._meta.db_table
                for m in apps.get_models()
                if m.__module__.startswith("skyddsnat.")
                and m._meta.label != "accounts.ApiToken"
                and m._meta.managed
                and not m._meta.proxy
            }
        )
    )


def row_counts() -> dict[str, int]:
    """Return the number of rows of every table of the project, in one query (a query per
    model, before and after each of the matrix's thousands of posts, was half its time)."""
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in counted_tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def client_for(world: World, user: str, api: bool) -> Client:
    if user == "anonymous":
        return Client()
    if api:
        return Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens[user]}")
    client = Client()
    client.force_login(getattr(world.cast, user))
    return client


@pytest.mark.parametrize("name", sorted(URLS))
def test_the_url_answers_every_role_as_the_matrix_says(world, name):
    route = ROUTES[name]
    takes_case = "<" in route
    wrong = []
    clients = {}
    for url, user in itertools.product(URLS[name], USERS):
        api = url.kind.startswith("api_") or name.startswith("api-v1:")
        key = (user, api)
        if key not in clients:
            clients[key] = client_for(world, user, api)
        client = clients[key]
        for case in CASES if takes_case else ["alices"]:
            want = expected(url, user, case)
            if want is None:
                continue
            path = path_for(route, world, case)
            if url.method == "GET":
                got = client.get(path).status_code
            else:
                before = row_counts()
                if api:
                    body = json.dumps(valid_body(route))
                    got = client.post(path, body, content_type="application/json").status_code
                else:
                    got = client.post(path, {"case": world.cases[case].pk}).status_code
                if row_counts() != before:
                    wrong.append(f"{user} {url.method} {case}: something was written")
            if got not in (want if isinstance(want, set) else {want}):
                wrong.append(f"{user} {url.method} {case}: {got}, expected {want}")
    assert not wrong, f"{name} ({route}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("user", sorted(set(USERS) - {"anonymous"}))
def test_the_case_list_holds_what_the_matrix_reads(world, user):
    """``GET /api/v1/cases`` lists exactly the cases of ``READS``: own, own unit, the whole
    municipality for intake, break-glass; never another unit's or municipality's."""
    response = client_for(world, user, api=True).get("/api/v1/cases")
    if user not in CASE_WORKERS:
        assert response.status_code == 403
        return
    listed = {item["id"] for item in response.json()["items"]}
    assert listed == {world.cases[case].pk for case in READS[user]}
