"""The time limits of docs/spec/process.md section 3, defined once, as data.

To add a time limit: add a kind constant, one ``Rule`` per version of the law below, and a trigger
for the kind in ``triggers.py`` (the facts that start and meet it). To follow a change in the law:
give the old version a ``valid_to`` and add the new version from that date.

``due_soon_days`` defaults (a unit can override them per kind in ``RuleSettings``):
protective assessment 0 (it is due soon on its own day), preliminary assessment 3 and
investigation 14 (docs/spec/process.md), reporter feedback 2, placement visits and reviews 14,
custody-transfer consideration 30 (it needs the foster family's and the child's views first),
LVU court submission 2, LVU care application 7, evaluation 14, care plan 0 (due on the day the
placement is decided), implementation plan 7, first care-plan revision 30, implementation-plan
review 7, LVU care start 7, LVU measure reviews 14, follow-up after LVU care 7 (start) and 14
(end), follow-up of the child's situation 14.

Legal references follow docs/spec/process.md and were checked against SoL (2025:400) and LVU
(1990:52); a reference not yet checked (``reference_checked=False``), and every reading the text
leaves open, is listed in docs/legal-open-questions.md (``tests/rules/test_registry.py`` keeps the
two in step). References are shown to users, so they never carry such a mark themselves.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from .calendar import Period
from .rule import AtOnce, Rule, RuleRegistry

PROTECTIVE_ASSESSMENT = "protective_assessment"
PRELIMINARY_ASSESSMENT = "preliminary_assessment"
REPORTER_FEEDBACK = "reporter_feedback"
INVESTIGATION = "investigation"
PLACEMENT_VISIT = "placement_visit"
PLACEMENT_REVIEW = "placement_review"
CUSTODY_TRANSFER_CONSIDERATION = "custody_transfer_consideration"
LVU_COURT_SUBMISSION = "lvu_court_submission"
LVU_CARE_APPLICATION = "lvu_care_application"
EVALUATION = "evaluation"
CARE_PLAN = "care_plan"
IMPLEMENTATION_PLAN = "implementation_plan"
CARE_PLAN_REVISION = "care_plan_revision"
IMPLEMENTATION_PLAN_REVIEW = "implementation_plan_review"
LVU_CARE_START = "lvu_care_start"
LVU_CONTACT_RESTRICTION_REVIEW = "lvu_contact_restriction_review"
LVU_REMOVAL_BAN_REVIEW = "lvu_removal_ban_review"
LVU_TRAVEL_BAN_REVIEW = "lvu_travel_ban_review"
LVU_SUPPORT_REVIEW = "lvu_support_review"
LVU_FOLLOW_UP = "lvu_follow_up"
LVU_FOLLOW_UP_END = "lvu_follow_up_end"
LVU_TEMPORARY_REMOVAL_BAN_SUBMISSION = "lvu_temporary_removal_ban_submission"
LVU_REMOVAL_BAN_APPLICATION = "lvu_removal_ban_application"
LVU_TEMPORARY_TRAVEL_BAN_SUBMISSION = "lvu_temporary_travel_ban_submission"
LVU_TRAVEL_BAN_APPLICATION = "lvu_travel_ban_application"

#: The LVU measures of ``LvuMeasureFacts.kind`` and the kind of obligation that reviews each.
MEASURE_CONTACT_RESTRICTION = "contact_restriction"  # 14 § andra stycket 1 LVU
# 14 § andra stycket 2 LVU (a code, no password):
MEASURE_WHEREABOUTS_SECRET = "whereabouts_secret"  # nosec B105
MEASURE_REMOVAL_BAN = "removal_ban"  # 24 § LVU
MEASURE_TRAVEL_BAN = "travel_ban"  # 31 a § LVU
MEASURE_COMPULSORY_SUPPORT = "compulsory_support"  # 22 § LVU
MEASURE_TEMPORARY_REMOVAL_BAN = "temporary_removal_ban"  # 27 § LVU
MEASURE_TEMPORARY_TRAVEL_BAN = "temporary_travel_ban"  # 31 d § LVU
#: The committee's temporary bans: the kinds of their submission to the administrative court
#: (28 §, 31 e §) and of the application for the ban once the court confirmed it (29 §, 31 f §).
TEMPORARY_BANS = {
    MEASURE_TEMPORARY_REMOVAL_BAN: (
        LVU_TEMPORARY_REMOVAL_BAN_SUBMISSION,
        LVU_REMOVAL_BAN_APPLICATION,
    ),
    MEASURE_TEMPORARY_TRAVEL_BAN: (
        LVU_TEMPORARY_TRAVEL_BAN_SUBMISSION,
        LVU_TRAVEL_BAN_APPLICATION,
    ),
}
MEASURE_REVIEWS = {
    MEASURE_CONTACT_RESTRICTION: LVU_CONTACT_RESTRICTION_REVIEW,
    MEASURE_WHEREABOUTS_SECRET: LVU_CONTACT_RESTRICTION_REVIEW,
    MEASURE_REMOVAL_BAN: LVU_REMOVAL_BAN_REVIEW,
    MEASURE_TRAVEL_BAN: LVU_TRAVEL_BAN_REVIEW,
    MEASURE_COMPULSORY_SUPPORT: LVU_SUPPORT_REVIEW,
}
#: Only the travel ban's application time may be extended by the court (31 f §; 29 § has none).
EXTENDABLE_BAN_APPLICATIONS = frozenset({LVU_TRAVEL_BAN_APPLICATION})
FOLLOW_UP = "follow_up"
INVESTIGATION_INFORMATION = "investigation_information"
EMERGENCY_FOSTER_HOME_STAY = "emergency_foster_home_stay"
PROTECTED_HOUSING_REVIEW = "protected_housing_review"
#: Protected housing for a child without the other guardian's consent, lag (2024:79).
PROTECTED_HOUSING_SUBMISSION = "protected_housing_submission"
PROTECTED_HOUSING_APPLICATION = "protected_housing_application"
PROTECTED_HOUSING_START = "protected_housing_start"
PROTECTED_HOUSING_CONSIDERATION = "protected_housing_consideration"
LUL_STATEMENT = "lul_statement"
YOUTH_SERVICE_START = "youth_service_start"

#: The intervention kinds (``InterventionFacts.kind``) the jourhem and protected-housing rules
#: read: jourhem (22 kap. 4 § SoL 2025:400) and protected housing (9 kap. 6 §, 22 kap. 5 §).
EMERGENCY_FOSTER_HOME_KIND = "emergency_foster_home"
PROTECTED_HOUSING_KIND = "protected_housing"

#: The plan kinds of ``PlanFacts.kind`` (9 kap. 12 § SoL (2025:400)).
PLAN_CARE = "care_plan"
PLAN_IMPLEMENTATION = "implementation_plan"

#: Actions towards a court, whose last day on a Saturday, Sunday, public holiday, Midsummer Eve,
#: Christmas Eve or New Year's Eve moves to the next working day by default: lagen (1930:173)
#: om beräkning av lagstadgad tid, 2 §. The committee's own duties keep the calendar date
#: (docs/spec/process.md section 3); a unit may change either (``RuleSettings.roll_forward``).
COURT_ACTIONS = frozenset(
    {
        LVU_COURT_SUBMISSION,
        LVU_CARE_APPLICATION,
        LVU_TEMPORARY_REMOVAL_BAN_SUBMISSION,
        LVU_REMOVAL_BAN_APPLICATION,
        LVU_TEMPORARY_TRAVEL_BAN_SUBMISSION,
        LVU_TRAVEL_BAN_APPLICATION,
        PROTECTED_HOUSING_SUBMISSION,
        PROTECTED_HOUSING_APPLICATION,
    }
)
ROLL_FORWARD_NOTE = (
    "En åtgärd mot domstol: infaller sista dagen på en lördag, söndag, helgdag, midsommarafton, "
    "julafton eller nyårsafton räcker det att den görs nästa arbetsdag (2 § lagen (1930:173) "
    "om beräkning av lagstadgad tid)."
)

#: The reporter feedback's at-once cases (19 kap. 6 § andra stycket SoL (2025:400)).
FEEDBACK_LATE_REQUEST = "late_request"
FEEDBACK_INVESTIGATION_RUNNING = "investigation_running"

SOL_2001 = date(2002, 1, 1)  # SoL (2001:453) in force.
SOL_2001_CHILD_REPORTS = date(2013, 1, 1)  # 11 kap. 1 a § SoL (SFS 2012:776).
CUSTODY_THREE_YEARS = date(2003, 7, 1)  # 6 kap. 8 § SoL, 13 § LVU (SFS 2003:406).
CUSTODY_YEARLY = date(2021, 3, 1)  # yearly after the first: 13 § LVU (SFS 2020:1259).
CUSTODY_TWO_YEARS = date(2022, 7, 1)  # 6 kap. 8 b § SoL, 13 c § LVU (SFS 2022:664).
SOL_2025 = date(2025, 7, 1)  # SoL (2025:400) replaces SoL (2001:453).
REPORTER_FEEDBACK_LAW = date(2026, 1, 15)  # 19 kap. 6 § SoL (2025:400) (SFS 2025:1501).
LVU = date(1990, 7, 1)  # LVU (1990:52) in force.
SOL_2001_IMPLEMENTATION_PLAN = date(2013, 1, 1)  # genomförandeplan, 11 kap. 3 § (SFS 2012:776).
CARE_PLAN_TWO_YEARS = date(2022, 7, 1)  # first revision within two years (SFS 2022:664).
LVU_TRAVEL_BAN = date(2020, 7, 1)  # utreseförbud, 31 a–31 i §§ LVU (SFS 2020:352).
LVU_FOLLOW_UP_LAW = date(2022, 7, 1)  # 21 b–21 c §§ and 22 § tredje stycket LVU (SFS 2022:664).
SOL_2001_FOLLOW_UP = date(2013, 1, 1)  # uppföljning, 11 kap. 4 a–4 c §§ (SFS 2012:776).
PROTECTED_HOUSING_LAW = date(2024, 4, 1)  # lag (2024:79) om placering av barn i skyddat boende.
LUL_YOUTH_CASES = date(1995, 3, 1)  # the statement to the prosecutor, 11 § LUL (prop. 1994/95:12).


_protective = partial(
    Rule,
    kind=PROTECTIVE_ASSESSMENT,
    title_sv="Skyddsbedömning",
    period=Period(0, "days"),
    next_day_after_cutoff=True,
    explanation_template="Skyddsbedömning ska göras genast, samma dag som {start_event} ({start}).",
    start_event_sv="anmälan kom in",
    met_by_sv="skyddsbedömning gjord",
    due_soon_days=0,
    note_sv="Lagen säger genast; förarbetena säger samma dag, eller nästa dag när anmälan kommer "
    "sent på dagen (prop. 2012/13:10 s. 60). Brytpunkten är enhetens inställning.",
)
_preliminary = partial(
    Rule,
    kind=PRELIMINARY_ASSESSMENT,
    title_sv="Förhandsbedömning",
    period=Period(14, "days"),
    explanation_template="Beslut om att inleda utredning ska fattas inom {period} från att "
    "{start_event} ({start}).",
    start_event_sv="anmälan kom in",
    met_by_sv="beslut om att inleda eller inte inleda utredning",
    due_soon_days=3,
    note_sv="Längre tid bara vid synnerliga skäl, aldrig på grund av arbetsbelastning.",
)
_investigation = partial(
    Rule,
    kind=INVESTIGATION,
    title_sv="Utredning",
    period=Period(4, "months"),
    explanation_template="Utredningen ska vara klar inom {period} från att {start_event} "
    "({start}).",
    start_event_sv="utredningen inleddes",
    met_by_sv="utredningen avslutad",
    due_soon_days=14,
    note_sv="Nämnden kan besluta om förlängning; det senast beslutade nya datumet ersätter sista "
    "dag. Förlängning ska beslutas innan sista dag har passerat.",
)
_visit = partial(
    Rule,
    kind=PLACEMENT_VISIT,
    title_sv="Besök hos placerat barn",
    period=Period(3, "months"),
    repeat_period=Period(3, "months"),
    period_setting="placement_visit_months",
    explanation_template="Barnet ska besökas regelbundet, med enskilda samtal: besök {sequence} "
    "ska göras inom {period} från att {start_event} ({start}).",
    start_event_sv="placeringen började",
    repeat_start_event_sv="föregående besök gjordes",
    met_by_sv="besök registrerat",
    due_soon_days=14,
    note_sv="Tiden är enhetens inställning; Socialstyrelsens allmänna råd anger minst fyra besök "
    "per år.",
)
_review = partial(
    Rule,
    kind=PLACEMENT_REVIEW,
    title_sv="Övervägande/omprövning av vården",
    period=Period(6, "months"),
    repeat_period=Period(6, "months"),
    explanation_template="Vården ska övervägas (vid LVU 3 §: omprövas) regelbundet: "
    "övervägande {sequence} ska göras inom {period} från att {start_event} ({start}).",
    start_event_sv="placeringen började",
    repeat_start_event_sv="föregående övervägande gjordes",
    met_by_sv="övervägande eller omprövning registrerad",
    due_soon_days=14,
)
_custody = partial(
    Rule,
    kind=CUSTODY_TRANSFER_CONSIDERATION,
    title_sv="Övervägande av vårdnadsöverflyttning",
    repeat_period=Period(1, "years"),
    version_by="due",
    explanation_template="Nämnden ska särskilt överväga om det finns skäl att ansöka om "
    "vårdnadsöverflyttning inom {period} från att {start_event} ({start}).",
    start_event_sv="placeringen i familjehemmet började",
    repeat_start_event_sv="föregående övervägande gjordes",
    met_by_sv="övervägande av vårdnadsöverflyttning registrerat",
    due_soon_days=30,
)
_evaluation = partial(
    Rule,
    kind=EVALUATION,
    title_sv="Utvärdering av avslutad insats",
    period=Period(3, "months"),
    period_setting="evaluation_months",
    explanation_template="Insatsen ska utvärderas, med barnets syn på hjälpen, inom {period} från "
    "att {start_event} ({start}).",
    start_event_sv="insatsen avslutades",
    met_by_sv="utvärdering registrerad",
    due_soon_days=14,
    note_sv="Ingen lagstadgad frist: tiden är enhetens inställning.",
)

_care_plan = partial(
    Rule,
    kind=CARE_PLAN,
    title_sv="Vårdplan",
    period=Period(0, "days"),
    explanation_template="En vårdplan ska upprättas när vård utanför det egna hemmet beslutas: "
    "den ska finnas samma dag som {start_event} ({start}).",
    start_event_sv="placeringen beslutades",
    met_by_sv="vårdplan signerad",
    due_soon_days=0,
    note_sv="Lagen anger ingen frist utöver att planen ska upprättas när barnet behöver vårdas "
    "utanför hemmet; att den räknas från beslutsdagen är Skyddsnäts läsning (se "
    "docs/legal-open-questions.md). Av planen ska även framgå vad andra huvudmän ansvarar för.",
)
_implementation_plan = partial(
    Rule,
    kind=IMPLEMENTATION_PLAN,
    title_sv="Genomförandeplan",
    period=Period(1, "months"),
    explanation_template="En genomförandeplan ska upprättas för barnet som vårdas utanför det "
    "egna hemmet: inom {period} från att {start_event} ({start}).",
    start_event_sv="placeringen började",
    met_by_sv="genomförandeplan signerad",
    due_soon_days=7,
    note_sv="Lagen anger ingen frist; en månad från placeringens start är Skyddsnäts läsning "
    "(se docs/legal-open-questions.md).",
)
_care_plan_revision = partial(
    Rule,
    kind=CARE_PLAN_REVISION,
    title_sv="Första revidering av vårdplanen",
    period=Period(2, "years"),
    version_by="due",
    explanation_template="Vårdplanen ska revideras första gången senast när barnet har varit "
    "placerat i {period} från att {start_event} ({start}); då ska den, om inte särskilda skäl "
    "talar emot det, särskilt ta upp barnets långsiktiga boende.",
    start_event_sv="placeringen började",
    met_by_sv="reviderad vårdplan signerad",
    due_soon_days=30,
    note_sv="Därefter revideras vårdplanen vid behov.",
)

_follow_up = partial(
    Rule,
    kind=FOLLOW_UP,
    title_sv="Uppföljning av barnets situation",
    explanation_template="Nämnden har beslutat att följa upp barnets situation: uppföljningen "
    "ska avslutas senast {period} från att {start_event} ({start}).",
    start_event_sv="utredningen avslutades utan insats eller placeringen upphörde",
    met_by_sv="uppföljningen avslutad",
    due_soon_days=14,
    note_sv="Uppföljningen avslutas också när nämnden dessförinnan inleder en utredning. "
    "Barn som fyllt 15 år och vårdnadshavarna ska informeras om beslutet att inleda och att "
    "avsluta uppföljningen.",
)


_RULES: tuple[Rule, ...] = (
    _protective(
        id="protective_assessment/sol2001",
        legal_reference="11 kap. 1 a § första stycket SoL (2001:453)",
        valid_from=SOL_2001_CHILD_REPORTS,
        valid_to=SOL_2025,
    ),
    _protective(
        id="protective_assessment/sol2025",
        legal_reference="20 kap. 1 § SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    _preliminary(
        id="preliminary_assessment/sol2001",
        legal_reference="SoL (2001:453) 11 kap. 1 a §",
        valid_from=SOL_2001_CHILD_REPORTS,
        valid_to=SOL_2025,
    ),
    _preliminary(
        id="preliminary_assessment/sol2025",
        legal_reference="SoL (2025:400) 20 kap. 2 §",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    Rule(
        id="reporter_feedback/sol2025",
        kind=REPORTER_FEEDBACK,
        title_sv="Återkoppling till anmälare",
        legal_reference="19 kap. 6 § andra stycket SoL (2025:400) i lydelse från 2026-01-15 "
        "(SFS 2025:1501)",
        valid_from=REPORTER_FEEDBACK_LAW,
        valid_to=None,
        period=Period(1, "weeks"),
        explanation_template="Anmälaren är anmälningsskyldig och har begärt återkoppling: "
        "besked om utredning har inletts, inte inletts eller redan pågår ska lämnas senast "
        "{period} efter att {start_event} ({start}).",
        start_event_sv="beslutet om att inleda eller inte inleda utredning fattades",
        met_by_sv="återkoppling lämnad, eller registrerat att den inte lämnas för att den vore "
        "olämplig",
        due_soon_days=2,
        exception_sv="Återkoppling lämnas inte: den bedömdes {recorded} vara olämplig med "
        "hänsyn till omständigheterna (19 kap. 6 § andra stycket): {reason}",
        note_sv="Gäller bara när en anmälningsskyldig anmälare har begärt återkoppling, och inte "
        "om det är olämpligt med hänsyn till omständigheterna. Veckan är lagens, inte enhetens "
        "inställning.",
        at_once=(
            AtOnce(
                FEEDBACK_LATE_REQUEST,
                "begäran kommer in efter beslutet",
                "Begäran om återkoppling kom in ({start}) efter beslutet om att inleda eller "
                "inte inleda utredning: återkopplingen ska lämnas genast.",
            ),
            AtOnce(
                FEEDBACK_INVESTIGATION_RUNNING,
                "en utredning om barnet redan pågår",
                "En utredning om barnet pågår redan: återkopplingen ska lämnas genast, från att "
                "begäran om återkoppling kom in ({start}).",
            ),
        ),
    ),
    _investigation(
        id="investigation/sol2001",
        legal_reference="11 kap. 2 § SoL (2001:453)",
        valid_from=SOL_2001,
        valid_to=SOL_2025,
    ),
    _investigation(
        id="investigation/sol2025",
        legal_reference="20 kap. 3 § SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    _visit(
        id="placement_visit/sol2001",
        legal_reference="6 kap. 7 b § SoL (2001:453)",
        reference_checked=False,
        valid_from=SOL_2001,
        valid_to=SOL_2025,
    ),
    _visit(
        id="placement_visit/sol2025",
        legal_reference="22 kap. 11 § första stycket 1–2 och 12 § andra stycket SoL (2025:400); "
        "13 a § LVU (1990:52)",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    _review(
        id="placement_review/sol2001",
        legal_reference="6 kap. 8 § första stycket SoL (2001:453); 13 § LVU (1990:52)",
        valid_from=SOL_2001,
        valid_to=SOL_2025,
    ),
    _review(
        id="placement_review/sol2025",
        legal_reference="22 kap. 13 § SoL (2025:400); 13 § LVU (1990:52)",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    _custody(
        id="custody_transfer_consideration/sol2001-3y-once",
        legal_reference="6 kap. 8 § andra stycket SoL (2001:453) och 13 § tredje stycket LVU "
        "(1990:52), i lydelse från 2003-07-01 (SFS 2003:406 för LVU) till 2021-03-01",
        valid_from=CUSTODY_THREE_YEARS,
        valid_to=CUSTODY_YEARLY,
        period=Period(3, "years"),
        repeat_period=None,
        repeat_start_event_sv="",
        note_sv="Ett enda övervägande efter tre år; det årliga övervägandet därefter infördes "
        "2021-03-01.",
    ),
    _custody(
        id="custody_transfer_consideration/sol2001-3y",
        legal_reference="6 kap. 8 § andra stycket SoL (2001:453) och 13 § tredje stycket LVU "
        "(1990:52), i lydelse från 2021-03-01 (SFS 2020:1259 för LVU) till 2022-07-01",
        valid_from=CUSTODY_YEARLY,
        valid_to=CUSTODY_TWO_YEARS,
        period=Period(3, "years"),
        note_sv="Tre år, därefter årligen.",
    ),
    _custody(
        id="custody_transfer_consideration/sol2001-2y",
        legal_reference="6 kap. 8 b § SoL (2001:453) och 13 c § LVU (1990:52), i lydelse från "
        "2022-07-01 (SFS 2022:664 för LVU)",
        valid_from=CUSTODY_TWO_YEARS,
        valid_to=SOL_2025,
        period=Period(2, "years"),
    ),
    _custody(
        id="custody_transfer_consideration/sol2025",
        legal_reference="22 kap. 14 § SoL (2025:400); 13 c § LVU (1990:52)",
        valid_from=SOL_2025,
        valid_to=None,
        period=Period(2, "years"),
    ),
    Rule(
        id="lvu_court_submission/lvu",
        kind=LVU_COURT_SUBMISSION,
        title_sv="Underställning av omedelbart omhändertagande",
        legal_reference="7 § LVU (1990:52)",
        valid_from=LVU,
        valid_to=None,
        period=Period(1, "weeks"),
        explanation_template="Beslutet om omedelbart omhändertagande ska underställas "
        "förvaltningsrätten inom {period} från att {start_event} ({start}); annars upphör det.",
        start_event_sv="beslutet fattades",
        met_by_sv="beslutet underställt förvaltningsrätten",
        due_soon_days=2,
        roll_forward=True,
        note_sv=ROLL_FORWARD_NOTE,
    ),
    Rule(
        id="lvu_care_application/lvu",
        kind=LVU_CARE_APPLICATION,
        title_sv="Ansökan om vård enligt LVU",
        legal_reference="8 § LVU (1990:52)",
        valid_from=LVU,
        valid_to=None,
        period=Period(4, "weeks"),
        explanation_template="Ansökan om vård enligt LVU ska göras inom {period} från att "
        "{start_event} ({start}); rätten kan medge förlängning.",
        start_event_sv="omhändertagandet verkställdes",
        met_by_sv="ansökan om vård gjord",
        due_soon_days=7,
        roll_forward=True,
        note_sv=ROLL_FORWARD_NOTE,
    ),
    _evaluation(
        id="evaluation/local",
        legal_reference="Enhetens rutin för uppföljning (ingen lagstadgad frist)",
        valid_from=SOL_2001,
        valid_to=None,
    ),
    _care_plan(
        id="care_plan/sol2001",
        legal_reference="11 kap. 3 § första stycket SoL (2001:453)",
        valid_from=SOL_2001,
        valid_to=SOL_2025,
    ),
    _care_plan(
        id="care_plan/sol2025",
        legal_reference="9 kap. 12 § första och tredje styckena SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    _implementation_plan(
        id="implementation_plan/sol2001",
        legal_reference="11 kap. 3 § andra stycket SoL (2001:453), i lydelse från 2013-01-01 "
        "(SFS 2012:776)",
        valid_from=SOL_2001_IMPLEMENTATION_PLAN,
        valid_to=SOL_2025,
    ),
    _implementation_plan(
        id="implementation_plan/sol2025",
        legal_reference="9 kap. 12 § andra och tredje styckena SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    _care_plan_revision(
        id="care_plan_revision/sol2001",
        legal_reference="11 kap. 3 § SoL (2001:453), i lydelse från 2022-07-01 (SFS 2022:664)",
        valid_from=CARE_PLAN_TWO_YEARS,
        valid_to=SOL_2025,
    ),
    _care_plan_revision(
        id="care_plan_revision/sol2025",
        legal_reference="9 kap. 13 § andra stycket SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
    ),
    Rule(
        id="implementation_plan_review/sol2025",
        kind=IMPLEMENTATION_PLAN_REVIEW,
        title_sv="Översyn av genomförandeplanen",
        legal_reference="9 kap. 13 § första stycket SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
        period=Period(1, "months"),
        explanation_template="Vårdplanen reviderades ({start}) och det finns en "
        "genomförandeplan: den ska ses över inom {period} från att {start_event}.",
        start_event_sv="den reviderade vårdplanen signerades",
        met_by_sv="ny version av genomförandeplanen signerad",
        due_soon_days=7,
        note_sv="Lagen säger att genomförandeplanen ska ses över när vårdplanen revideras, utan "
        "frist; en månad är Skyddsnäts läsning (se docs/legal-open-questions.md).",
    ),
    Rule(
        id="lvu_care_start/lvu",
        kind=LVU_CARE_START,
        title_sv="Vården enligt LVU ska påbörjas",
        legal_reference="5 § LVU (1990:52)",
        valid_from=LVU,
        valid_to=None,
        period=Period(4, "weeks"),
        explanation_template="Förvaltningsrättens beslut om vård enligt LVU upphör att gälla om "
        "vården inte har påbörjats inom {period} från att {start_event} ({start}).",
        start_event_sv="domen om vård vann laga kraft",
        met_by_sv="vården påbörjad",
        due_soon_days=7,
        note_sv="Räknas från den dag domen vann laga kraft, inte från domens dag. Är domen "
        "överklagad börjar tiden inte förrän den vunnit laga kraft.",
    ),
    Rule(
        id="lvu_contact_restriction_review/lvu",
        kind=LVU_CONTACT_RESTRICTION_REVIEW,
        title_sv="Övervägande av umgängesbegränsning",
        legal_reference="14 § tredje stycket LVU (1990:52)",
        valid_from=LVU,
        valid_to=None,
        period=Period(3, "months"),
        repeat_period=Period(3, "months"),
        explanation_template="Nämnden ska minst en gång var tredje månad överväga om beslutet "
        "om umgänge eller om att inte röja vistelseorten fortfarande behövs: övervägande "
        "{sequence} ska göras inom {period} från att {start_event} ({start}).",
        start_event_sv="beslutet fattades",
        repeat_start_event_sv="föregående övervägande gjordes",
        met_by_sv="övervägande registrerat",
        due_soon_days=14,
    ),
    Rule(
        id="lvu_removal_ban_review/lvu",
        kind=LVU_REMOVAL_BAN_REVIEW,
        title_sv="Övervägande av flyttningsförbud",
        legal_reference="26 § första stycket LVU (1990:52)",
        valid_from=LVU,
        valid_to=None,
        period=Period(3, "months"),
        repeat_period=Period(3, "months"),
        explanation_template="Nämnden ska minst en gång var tredje månad överväga om "
        "flyttningsförbudet fortfarande behövs: övervägande {sequence} ska göras inom {period} "
        "från att {start_event} ({start}).",
        start_event_sv="flyttningsförbudet beslutades",
        repeat_start_event_sv="föregående övervägande gjordes",
        met_by_sv="övervägande registrerat",
        due_soon_days=14,
        note_sv="När förbudet inte längre behövs ska nämnden besluta att det upphör (26 § andra "
        "stycket).",
    ),
    Rule(
        id="lvu_travel_ban_review/lvu2020",
        kind=LVU_TRAVEL_BAN_REVIEW,
        title_sv="Prövning av utreseförbud",
        legal_reference="31 c § första stycket LVU (1990:52), i lydelse från 2020-07-01 "
        "(SFS 2020:352)",
        valid_from=LVU_TRAVEL_BAN,
        valid_to=None,
        period=Period(6, "months"),
        repeat_period=Period(6, "months"),
        explanation_template="Nämnden ska pröva om utreseförbudet ska upphöra: prövning "
        "{sequence} ska göras inom {period} från att {start_event} ({start}).",
        start_event_sv="utreseförbudet beslutades",
        repeat_start_event_sv="föregående prövning gjordes",
        met_by_sv="prövning registrerad",
        due_soon_days=14,
        note_sv="Utreseförbudet upphör senast när barnet fyller 18 år (31 c § tredje stycket).",
    ),
    Rule(
        id="lvu_support_review/lvu2022",
        kind=LVU_SUPPORT_REVIEW,
        title_sv="Prövning av insats enligt 22 § LVU",
        legal_reference="22 § tredje stycket och 13 § andra stycket LVU (1990:52), i lydelse "
        "från 2022-07-01 (SFS 2022:664)",
        valid_from=LVU_FOLLOW_UP_LAW,
        valid_to=None,
        period=Period(6, "months"),
        repeat_period=Period(6, "months"),
        explanation_template="Nämnden ska pröva om beslutet om kvalificerad kontaktperson "
        "eller behandling i öppna former ska upphöra: prövning {sequence} ska göras inom "
        "{period} från att {start_event} ({start}).",
        start_event_sv="nämnden fattade beslutet",
        repeat_start_event_sv="föregående prövning gjordes",
        met_by_sv="prövning registrerad",
        due_soon_days=14,
    ),
    Rule(
        id="lvu_follow_up/lvu2022",
        kind=LVU_FOLLOW_UP,
        title_sv="Uppföljning efter avslutad LVU-vård",
        legal_reference="21 b § LVU (1990:52), i lydelse från 2022-07-01 (SFS 2022:664)",
        valid_from=LVU_FOLLOW_UP_LAW,
        valid_to=None,
        period=Period(1, "months"),
        explanation_template="Vården enligt LVU upphörde innan barnet fyllt 18 år: nämnden "
        "ska följa upp barnets situation. Uppföljningen ska inledas inom {period} från att "
        "{start_event} ({start}).",
        start_event_sv="vården upphörde",
        met_by_sv="uppföljning inledd",
        due_soon_days=7,
        note_sv="Lagen anger ingen frist för när uppföljningen ska inledas; en månad är "
        "Skyddsnäts läsning (se docs/legal-open-questions.md). Behöver återföreningen med "
        "vårdnadshavarna förberedas följs situationen upp först när den har skett. Barnet, "
        "om det fyllt 15 år, och berörda vårdnadshavare ska underrättas när uppföljningen "
        "inleds och avslutas (21 c § andra stycket).",
    ),
    Rule(
        id="lvu_follow_up_end/lvu2022",
        kind=LVU_FOLLOW_UP_END,
        title_sv="Uppföljningen efter LVU-vård ska avslutas",
        legal_reference="21 c § tredje stycket LVU (1990:52), i lydelse från 2022-07-01 "
        "(SFS 2022:664)",
        valid_from=LVU_FOLLOW_UP_LAW,
        valid_to=None,
        period=Period(6, "months"),
        explanation_template="Uppföljningen ska avslutas senast {period} från att "
        "{start_event} ({start}).",
        start_event_sv="den inleddes",
        met_by_sv="uppföljningen avslutad",
        due_soon_days=14,
        note_sv="Uppföljningen avslutas också om nämnden inleder en utredning om barnet.",
    ),
    Rule(
        id="investigation_information/sol2025",
        kind=INVESTIGATION_INFORMATION,
        title_sv="Information om att utredning inletts",
        legal_reference="20 kap. 4 § SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
        period=Period(0, "days"),
        explanation_template="Den som berörs av utredningen, vårdnadshavarna och barnet, ska "
        "genast informeras om att en utredning har inletts: samma dag som {start_event} "
        "({start}).",
        start_event_sv="utredningen inleddes",
        met_by_sv="information till vårdnadshavarna och barnet registrerad (eller de särskilda "
        "skälen mot den)",
        due_soon_days=0,
        note_sv="Om särskilda skäl talar mot det lämnas informationen inte; skälen registreras "
        "i stället. Att genast läses som samma dag är Skyddsnäts läsning (se "
        "docs/legal-open-questions.md).",
    ),
    _follow_up(
        id="follow_up/sol2001",
        legal_reference="11 kap. 4 c § SoL (2001:453), i lydelse från 2013-01-01 (SFS 2012:776)",
        reference_checked=False,
        valid_from=SOL_2001_FOLLOW_UP,
        valid_to=SOL_2025,
        period=Period(2, "months"),
    ),
    _follow_up(
        id="follow_up/sol2025",
        legal_reference="23 kap. 5 § SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
        period=Period(6, "months"),
    ),
    Rule(
        id="emergency_foster_home_stay/sol2025",
        kind=EMERGENCY_FOSTER_HOME_STAY,
        title_sv="Vård i jourhem efter avslutad utredning",
        legal_reference="22 kap. 4 § andra stycket SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
        period=Period(2, "months"),
        explanation_template="Barnet vårdas i jourhem och utredningen avslutades ({start}): "
        "barnet får vårdas där i högst {period} från att {start_event}, om inte nämnden "
        "beslutar att det av särskilda skäl får vårdas längre.",
        start_event_sv="utredningen avslutades",
        met_by_sv="placeringen i jourhemmet avslutad",
        due_soon_days=14,
        extension_sv="Nämnden beslutade {decided} att barnet av särskilda skäl får vårdas "
        "längre i jourhemmet: ny sista dag {new_due}.",
        note_sv="Om det finns särskilda skäl får barnet vårdas längre i jourhemmet; nämndens "
        "beslut om det registreras på placeringen och ger en ny sista dag.",
    ),
    Rule(
        id="protected_housing_review/sol2025",
        kind=PROTECTED_HOUSING_REVIEW,
        title_sv="Övervägande av skyddat boende",
        legal_reference="22 kap. 13 § andra stycket SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
        period=Period(6, "months"),
        repeat_period=Period(6, "months"),
        explanation_template="Barnet har beviljats skyddat boende: nämnden ska minst en gång "
        "var sjätte månad överväga om insatsen fortfarande behövs och hur den bör inriktas och "
        "utformas. Övervägande {sequence} ska göras inom {period} från att {start_event} "
        "({start}).",
        start_event_sv="placeringen i skyddat boende började",
        repeat_start_event_sv="föregående övervägande gjordes",
        met_by_sv="övervägande registrerat",
        due_soon_days=14,
        note_sv="Ett barn får beviljas skyddat boende bara tillsammans med en myndig "
        "vårdnadshavare som också beviljas insatsen (22 kap. 5 §). Vilar placeringen på lagen "
        "(2024:79) om placering av barn i skyddat boende, utan den andra vårdnadshavarens "
        "samtycke, övervägs den i stället enligt 5 kap. 3 § i den lagen.",
    ),
    Rule(
        id="lvu_temporary_removal_ban_submission/lvu",
        kind=LVU_TEMPORARY_REMOVAL_BAN_SUBMISSION,
        title_sv="Underställning av tillfälligt flyttningsförbud",
        legal_reference="28 § och 7 § första och tredje styckena LVU (1990:52)",
        valid_from=LVU,
        valid_to=None,
        period=Period(1, "weeks"),
        explanation_template="Nämndens beslut om tillfälligt flyttningsförbud ska underställas "
        "förvaltningsrätten inom {period} från att {start_event} ({start}); annars upphör det.",
        start_event_sv="beslutet fattades",
        met_by_sv="beslutet underställt förvaltningsrätten",
        due_soon_days=2,
        roll_forward=True,
        note_sv=ROLL_FORWARD_NOTE,
    ),
    Rule(
        id="lvu_removal_ban_application/lvu",
        kind=LVU_REMOVAL_BAN_APPLICATION,
        title_sv="Ansökan om flyttningsförbud",
        legal_reference="29 § och 30 § första stycket 1 LVU (1990:52)",
        valid_from=LVU,
        valid_to=None,
        period=Period(2, "weeks"),
        explanation_template="Förvaltningsrätten fastställde det tillfälliga flyttningsförbudet "
        "({start}): nämnden ska ansöka om flyttningsförbud inom {period} från att "
        "{start_event}; annars upphör det tillfälliga förbudet.",
        start_event_sv="rätten fastställde beslutet",
        met_by_sv="ansökan om flyttningsförbud gjord",
        due_soon_days=3,
        roll_forward=True,
        note_sv=ROLL_FORWARD_NOTE + " Lagen ger ingen möjlighet till förlängning av tiden.",
    ),
    Rule(
        id="lvu_temporary_travel_ban_submission/lvu2020",
        kind=LVU_TEMPORARY_TRAVEL_BAN_SUBMISSION,
        title_sv="Underställning av tillfälligt utreseförbud",
        legal_reference="31 e § första och tredje styckena LVU (1990:52), i lydelse från "
        "2020-07-01 (SFS 2020:352)",
        valid_from=LVU_TRAVEL_BAN,
        valid_to=None,
        period=Period(1, "weeks"),
        explanation_template="Nämndens beslut om tillfälligt utreseförbud ska underställas "
        "förvaltningsrätten inom {period} från att {start_event} ({start}); annars upphör det.",
        start_event_sv="beslutet fattades",
        met_by_sv="beslutet underställt förvaltningsrätten",
        due_soon_days=2,
        roll_forward=True,
        note_sv=ROLL_FORWARD_NOTE,
    ),
    Rule(
        id="lvu_travel_ban_application/lvu2020",
        kind=LVU_TRAVEL_BAN_APPLICATION,
        title_sv="Ansökan om utreseförbud",
        legal_reference="31 f § och 31 g § första stycket 1 LVU (1990:52), i lydelse från "
        "2020-07-01 (SFS 2020:352)",
        valid_from=LVU_TRAVEL_BAN,
        valid_to=None,
        period=Period(4, "weeks"),
        explanation_template="Förvaltningsrätten fastställde det tillfälliga utreseförbudet "
        "({start}): nämnden ska ansöka om utreseförbud inom {period} från att {start_event}; "
        "annars upphör det tillfälliga förbudet. Rätten kan medge förlängning.",
        start_event_sv="rätten fastställde beslutet",
        met_by_sv="ansökan om utreseförbud gjord",
        due_soon_days=7,
        roll_forward=True,
        extension_sv="Förvaltningsrätten medgav {decided} förlängd tid för ansökan: ny sista "
        "dag {new_due}.",
        note_sv=ROLL_FORWARD_NOTE,
    ),
    Rule(
        id="protected_housing_submission/lag2024",
        kind=PROTECTED_HOUSING_SUBMISSION,
        title_sv="Underställning av omedelbart skyddat boende",
        legal_reference="4 kap. 3 § första stycket och 4 § lagen (2024:79) om placering av barn "
        "i skyddat boende",
        valid_from=PROTECTED_HOUSING_LAW,
        valid_to=None,
        period=Period(1, "weeks"),
        explanation_template="Nämndens beslut om en omedelbar insats i form av skyddat boende, "
        "utan den andra vårdnadshavarens samtycke, ska underställas förvaltningsrätten inom "
        "{period} från att {start_event} ({start}); annars upphör det att gälla.",
        start_event_sv="beslutet fattades",
        met_by_sv="beslutet underställt förvaltningsrätten",
        due_soon_days=2,
        roll_forward=True,
        note_sv=ROLL_FORWARD_NOTE,
    ),
    Rule(
        id="protected_housing_application/lag2024",
        kind=PROTECTED_HOUSING_APPLICATION,
        title_sv="Ansökan om skyddat boende utan samtycke",
        legal_reference="4 kap. 6 och 7 §§ lagen (2024:79) om placering av barn i skyddat boende",
        valid_from=PROTECTED_HOUSING_LAW,
        valid_to=None,
        period=Period(6, "weeks"),
        explanation_template="Förvaltningsrätten fastställde den omedelbara insatsen: nämnden "
        "ska ansöka om skyddat boende enligt 3 kap. inom {period} från att {start_event} "
        "({start}); annars upphör den omedelbara insatsen. Rätten kan medge förlängning.",
        start_event_sv="placeringen påbörjades",
        met_by_sv="ansökan till förvaltningsrätten gjord",
        due_soon_days=7,
        roll_forward=True,
        extension_sv="Förvaltningsrätten medgav {decided} förlängd tid för ansökan: ny sista "
        "dag {new_due}.",
        note_sv=ROLL_FORWARD_NOTE,
    ),
    Rule(
        id="protected_housing_start/lag2024",
        kind=PROTECTED_HOUSING_START,
        title_sv="Placeringen i skyddat boende ska påbörjas",
        legal_reference="3 kap. 4 § lagen (2024:79) om placering av barn i skyddat boende",
        valid_from=PROTECTED_HOUSING_LAW,
        valid_to=None,
        period=Period(4, "weeks"),
        explanation_template="Rättens beslut att bevilja barnet skyddat boende upphör att gälla "
        "om placeringen inte har påbörjats inom {period} från att {start_event} ({start}).",
        start_event_sv="beslutet fick laga kraft",
        met_by_sv="placeringen påbörjad",
        due_soon_days=7,
        note_sv="Placeringen anses påbörjad när barnet har kommit till det skyddade boendet "
        "(5 kap. 2 §); en placering som redan pågår efter en omedelbar insats är påbörjad.",
    ),
    Rule(
        id="protected_housing_consideration/lag2024",
        kind=PROTECTED_HOUSING_CONSIDERATION,
        title_sv="Övervägande av skyddat boende utan samtycke",
        legal_reference="5 kap. 3 § lagen (2024:79) om placering av barn i skyddat boende",
        valid_from=PROTECTED_HOUSING_LAW,
        valid_to=None,
        period=Period(6, "months"),
        repeat_period=Period(6, "months"),
        explanation_template="Barnet är placerat i skyddat boende utan den andra "
        "vårdnadshavarens samtycke: nämnden ska minst en gång var sjätte månad överväga om "
        "insatsen ska fortsätta. Övervägande {sequence} ska göras inom {period} från att "
        "{start_event} ({start}).",
        start_event_sv="placeringen påbörjades",
        repeat_start_event_sv="föregående övervägande gjordes",
        met_by_sv="övervägande registrerat",
        due_soon_days=14,
        note_sv="När det inte längre finns skäl för insatsen ska nämnden besluta att den ska "
        "upphöra; den upphör senast när vårdnadshavarens skyddade boende upphör eller barnet "
        "fyller 18 år (7 kap. 1 §).",
    ),
    Rule(
        id="lul_statement/lul1995",
        kind=LUL_STATEMENT,
        title_sv="Yttrande till åklagaren (LUL)",
        legal_reference="11 § lagen (1964:167) med särskilda bestämmelser om unga lagöverträdare",
        valid_from=LUL_YOUTH_CASES,
        valid_to=None,
        period=Period(0, "days"),
        explanation_template="Åklagaren begärde nämndens yttrande om den unge ({start}): det "
        "ska lämnas senast den dag åklagaren har bestämt.",
        start_event_sv="begäran kom in",
        met_by_sv="yttrandet skickat till åklagaren",
        due_soon_days=5,
        due_set_by_sv="åklagaren har bestämt",
        reference_checked=False,
        note_sv="Sista dagen är åklagarens, registrerad med begäran (se "
        "docs/legal-open-questions.md).",
    ),
    Rule(
        id="youth_service_start/sol2025",
        kind=YOUTH_SERVICE_START,
        title_sv="Ungdomstjänst ska påbörjas",
        legal_reference="18 kap. 8 § första stycket SoL (2025:400)",
        valid_from=SOL_2025,
        valid_to=None,
        period=Period(2, "months"),
        explanation_template="Domen på ungdomstjänst fick laga kraft ({start}): "
        "verkställigheten ska påbörjas senast {period} från att {start_event}, om inte "
        "särskilda skäl talar mot det.",
        start_event_sv="domen fick laga kraft",
        met_by_sv="ungdomstjänsten påbörjad, eller särskilda skäl mot att påbörja den inom "
        "tiden registrerade",
        due_soon_days=14,
        exception_sv="Nämnden registrerade {recorded} särskilda skäl mot att påbörja "
        "verkställigheten inom två månader: {reason}",
        note_sv="Nämnden bestämmer i en arbetsplan vad ungdomstjänsten ska innehålla och utser "
        "en handledare (18 kap. 8 § andra stycket).",
    ),
)


RULES = RuleRegistry(_RULES)
