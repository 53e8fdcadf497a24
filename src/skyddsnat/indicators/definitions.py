"""The registry of indicators: each one defined once, in data, and able to explain itself.

Pure Python, no Django import (``tests/indicators/test_definitions.py`` keeps it so). The ids are
the contract of docs/spec/indicators.md: reports, exports, comparisons and tests use them; never
rename one. To add an indicator: add an ``Indicator`` here, its computation in ``catalogue.py``,
and a test with a hand-built dataset in ``tests/indicators/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Measure(StrEnum):
    """What kind of number an indicator is (its *unit* in the API)."""

    COUNT = "count"
    SHARE = "share"
    PER_1000 = "per_1000"
    DAYS = "days"
    MEAN = "mean"

    @property
    def label_sv(self) -> str:
        return _MEASURE_LABELS_SV[self]


_MEASURE_LABELS_SV = {
    Measure.COUNT: "antal",
    Measure.SHARE: "andel",
    Measure.PER_1000: "per 1 000 barn",
    Measure.DAYS: "dagar",
    Measure.MEAN: "medelvärde",
}


class Direction(StrEnum):
    """Whether a higher value is better, worse, or neither."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"


class Group(StrEnum):
    """The sections of docs/spec/indicators.md."""

    REPORTS = "reports"
    INVESTIGATIONS = "investigations"
    INTERVENTIONS = "interventions"
    STAFF = "staff"
    TIME_STUDY = "time_study"
    OBLIGATIONS = "obligations"

    @property
    def label_sv(self) -> str:
        return _GROUP_LABELS_SV[self]


_GROUP_LABELS_SV = {
    Group.REPORTS: "Anmälningar och bedömningar",
    Group.INVESTIGATIONS: "Utredningar",
    Group.INTERVENTIONS: "Insatser och placeringar",
    Group.STAFF: "Personal och kontinuitet",
    Group.TIME_STUDY: "Tidsmätning",
    Group.OBLIGATIONS: "Tidsfrister",
}


@dataclass(frozen=True)
class Dimension:
    """A breakdown (*uppdelning*): the figures split by one property of what is counted."""

    id: str
    name: str
    note: str = ""


UNIT = "unit"
SEX = "sex"
AGE_GROUP = "age_group"
REPORTER_CATEGORY = "reporter_category"
REASON_CATEGORY = "reason_category"
INTERVENTION_KIND = "intervention_kind"
LEGAL_BASIS = "legal_basis"
DELAY_REASON = "delay_reason"
TRIGGER_KIND = "trigger_kind"
OBLIGATION_KIND = "obligation_kind"

DIMENSIONS: dict[str, Dimension] = {
    d.id: d
    for d in (
        Dimension(UNIT, "Enhet", "Enheten som äger ärendet."),
        Dimension(SEX, "Barnets kön", "Flicka, pojke, annat/okänt."),
        Dimension(
            AGE_GROUP,
            "Åldersgrupp",
            "Barnets ålder på räknedagen: 0–5, 6–12, 13–17 och 18–20 år.",
        ),
        Dimension(REPORTER_CATEGORY, "Anmälarkategori"),
        Dimension(
            REASON_CATEGORY,
            "Skäl till oro",
            "En anmälan kan ha flera skäl och räknas då under vart och ett.",
        ),
        Dimension(INTERVENTION_KIND, "Insats"),
        Dimension(LEGAL_BASIS, "Lagrum"),
        Dimension(
            DELAY_REASON,
            "Skäl till försening",
            "En utredning kan ange flera skäl och räknas då under vart och ett.",
        ),
        Dimension(TRIGGER_KIND, "Vad som utlöste bedömningen"),
        Dimension(
            OBLIGATION_KIND,
            "Tidsfrist",
            "Slaget av tidsfrist i lagen: skyddsbedömning, förhandsbedömning, utredning, besök "
            "hos placerat barn och så vidare.",
        ),
    )
}


@dataclass(frozen=True)
class AgeGroup:
    """An age group in whole years, both ends included."""

    code: str
    label: str
    first: int
    last: int


AGE_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("0-5", "0–5 år", 0, 5),
    AgeGroup("6-12", "6–12 år", 6, 12),
    AgeGroup("13-17", "13–17 år", 13, 17),
    AgeGroup("18-20", "18–20 år", 18, 20),
)
#: Birth date unknown, or an age outside 0–20 on the counting date.
AGE_UNKNOWN = AgeGroup("unknown", "Okänd ålder", -1, -1)


def age_on(birth_date: date | None, day: date) -> int | None:
    """Return the age in whole years on ``day`` of someone born on ``birth_date`` (None: unknown)."""
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_group_of(age: int | None) -> AgeGroup:
    """Return the age group of a child who is ``age`` whole years old (None: unknown)."""
    for group in AGE_GROUPS:
        if age is not None and group.first <= age <= group.last:
            return group
    return AGE_UNKNOWN


@dataclass(frozen=True)
class Indicator:
    """One indicator: what it counts, over which period, and how it may be split.

    ``numerator`` and ``denominator`` are Swedish words for the two numbers of a share (the
    denominator is empty for a count). ``default_breakdown`` is the breakdown used when none
    (or one the indicator does not support) is asked for: docs/spec/indicators.md gives some
    indicators "per delay reason" or "per trigger kind". ``available`` is False for an indicator
    the registered data cannot give yet; ``note`` says why.
    """

    id: str
    group: Group
    name: str
    definition: str
    numerator: str
    denominator: str
    unit: Measure
    direction: Direction
    counting_date: str
    breakdowns: tuple[str, ...] = ()
    default_breakdown: str | None = None
    available: bool = True
    note: str = ""

    def __post_init__(self) -> None:
        unknown = [b for b in self.breakdowns if b not in DIMENSIONS]
        if unknown:
            raise ValueError(f"{self.id}: unknown breakdowns {unknown}")
        if self.default_breakdown and self.default_breakdown not in self.breakdowns:
            raise ValueError(f"{self.id}: the default breakdown must be one of its breakdowns")

    def supports(self, breakdown: str | None) -> bool:
        """Return True if the indicator can be split by ``breakdown`` (None: no split)."""
        return breakdown is None or breakdown in self.breakdowns

    def breakdown_for(self, requested: str | None) -> str | None:
        """Return the breakdown to compute when ``requested`` is asked for."""
        return requested if requested in self.breakdowns else self.default_breakdown

    def help_text(self) -> str:
        """Return the indicator explained in Swedish, for the screen beside the figure."""
        parts = [f"{self.name}: {self.definition}"]
        if self.denominator:
            parts.append(f"Täljare: {self.numerator}. Nämnare: {self.denominator}.")
        parts.append(f"Räknas på: {self.counting_date}.")
        if self.breakdowns:
            names = ", ".join(DIMENSIONS[b].name.lower() for b in self.breakdowns)
            parts.append(f"Kan delas upp efter {names}.")
        if self.note:
            parts.append(self.note)
        return " ".join(parts)


class IndicatorRegistry:
    """The indicators in the order of docs/spec/indicators.md, looked up by id."""

    def __init__(self, indicators: tuple[Indicator, ...]) -> None:
        ids = [i.id for i in indicators]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"Indicator ids used twice: {sorted(duplicates)}")
        self._by_id = {i.id: i for i in indicators}

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def get(self, indicator_id: str) -> Indicator:
        """Return the indicator with ``indicator_id``; raise KeyError for an unknown id."""
        return self._by_id[indicator_id]

    def ids(self) -> list[str]:
        return list(self._by_id)

    def available(self) -> list[Indicator]:
        """Return the indicators the registered data can give."""
        return [i for i in self if i.available]


# --- the indicators of docs/spec/indicators.md ---------------------------------------------------

_CASE = (UNIT, SEX, AGE_GROUP)
_REPORT = (*_CASE, REPORTER_CATEGORY, REASON_CATEGORY)
_INTERVENTION = (*_CASE, INTERVENTION_KIND, LEGAL_BASIS)

RECEIVED = "dagen då anmälan kom in (svensk tid)"
DECIDED = "beslutsdagen för förhandsbedömningen"
OPENED = "dagen då utredningen inleddes"
CLOSED = "dagen då utredningen avslutades"
SNAPSHOT = "periodens sista dag (eller i dag, om perioden inte är slut)"
STARTED = "insatsens startdag"
ENDED = "insatsens slutdag"
DUE = "tidsfristens sista dag"
#: What "fell due in the period" means for the obligation indicators (they are counted from the
#: rules engine's obligations, see ``indicators/obligations.py``).
FALLEN_DUE_NOTE = (
    "En tidsfrist räknas när dess sista dag ligger i perioden och har passerat: en frist som "
    "går ut i dag eller senare räknas inte än, även om den redan är uppfylld. Fristerna räknas "
    "fram av regelmotorn, med samma regler som visas i ärendet."
)

_reports = (
    Indicator(
        "reports_count",
        Group.REPORTS,
        "Antal orosanmälningar",
        "Orosanmälningar om barn, en per barn och anmälan: en anmälan om tre syskon räknas tre "
        "gånger. Ansökningar räknas inte.",
        "orosanmälningar (en per barn och anmälan)",
        "",
        Measure.COUNT,
        Direction.NEUTRAL,
        RECEIVED,
        _REPORT,
    ),
    Indicator(
        "reports_per_1000",
        Group.REPORTS,
        "Orosanmälningar per 1 000 barn",
        "Antal orosanmälningar per 1 000 barn 0–17 år som bor i kommunen. Folkmängden är en "
        "årlig inställning och hämtas för det år perioden slutar. Perioder kortare än ett år "
        "räknas inte om till helår.",
        "orosanmälningar (en per barn och anmälan)",
        "antal barn 0–17 år i kommunen, delat med 1 000",
        Measure.PER_1000,
        Direction.NEUTRAL,
        RECEIVED,
        (),
        note="Kan inte delas upp: folkmängden finns bara för hela kommunen.",
    ),
    Indicator(
        "children_reported",
        Group.REPORTS,
        "Antal barn som anmälts",
        "Barn med minst en orosanmälan under perioden; varje barn räknas en gång.",
        "barn med minst en orosanmälan",
        "",
        Measure.COUNT,
        Direction.NEUTRAL,
        RECEIVED,
        _REPORT,
        note="I en uppdelning kan samma barn räknas i flera grupper (t.ex. två åldrar eller "
        "två anmälarkategorier), så delarna kan bli fler än summan.",
    ),
    Indicator(
        "repeat_reported_children",
        Group.REPORTS,
        "Barn med upprepade anmälningar",
        "Barn som fick minst tre orosanmälningar inom tolv månader, där den tredje (eller en "
        "senare) kom under perioden. Samma mönster som flaggas i barnets anmälningshistorik.",
        "barn med tre eller fler anmälningar inom tolv månader",
        "",
        Measure.COUNT,
        Direction.NEUTRAL,
        "dagen då den tredje anmälan inom tolv månader kom in",
        _CASE,
    ),
    Indicator(
        "reports_investigated_share",
        Group.REPORTS,
        "Andel anmälningar som ledde till utredning",
        "Förhandsbedömningar av orosanmälningar som ledde till att utredning inleddes eller "
        "att anmälan lades till en pågående utredning.",
        "förhandsbedömningar med beslut att inleda utredning eller lägga till pågående utredning",
        "alla beslutade förhandsbedömningar av orosanmälningar",
        Measure.SHARE,
        Direction.NEUTRAL,
        DECIDED,
        _REPORT,
    ),
    Indicator(
        "protective_same_day_share",
        Group.REPORTS,
        "Skyddsbedömning samma dag",
        "Orosanmälningar där skyddsbedömningen gjordes samma dag som anmälan kom in.",
        "anmälningar med skyddsbedömning samma dag",
        "alla orosanmälningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        RECEIVED,
        _REPORT,
        note="En anmälan som kom in efter enhetens brytpunkt (t.ex. kl. 16) och bedömdes nästa "
        "dag räknas inte som samma dag, även om tidsfristen hölls.",
    ),
    Indicator(
        "prelim_within_14d_share",
        Group.REPORTS,
        "Förhandsbedömning inom 14 dagar",
        "Förhandsbedömningar av orosanmälningar som beslutades senast 14 dagar efter att "
        "anmälan kom in. Ansökningar räknas inte: de leder direkt till utredning. Räknat mot "
        "kalenderdagen, även där kommunen flyttar fristen till nästa arbetsdag.",
        "förhandsbedömningar beslutade inom 14 dagar",
        "alla beslutade förhandsbedömningar av orosanmälningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DECIDED,
        _REPORT,
    ),
    Indicator(
        "prelim_median_days",
        Group.REPORTS,
        "Mediantid till beslut om utredning",
        "Mediantiden i dagar från att orosanmälan kom in till beslutet i förhandsbedömningen "
        "(ansökningar räknas inte). Vid ett jämnt antal är medianen medelvärdet av de två "
        "mittersta.",
        "",
        "antal beslutade förhandsbedömningar av orosanmälningar",
        Measure.DAYS,
        Direction.LOWER_IS_BETTER,
        DECIDED,
        (*_CASE, REPORTER_CATEGORY),
    ),
    Indicator(
        "prelim_child_heard_share",
        Group.REPORTS,
        "Barnet kom till tals i förhandsbedömningen",
        "Förhandsbedömningar av orosanmälningar där barnet kom till tals.",
        "förhandsbedömningar där barnet kom till tals",
        "alla beslutade förhandsbedömningar av orosanmälningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DECIDED,
        _REPORT,
    ),
    Indicator(
        "child_informed_rights_share",
        Group.REPORTS,
        "Barnet informerat om sina rättigheter",
        "Första kontakter (förhandsbedömningar av orosanmälningar) där barnet informerades om "
        "sina rättigheter och om socialtjänstens skyldigheter.",
        "förhandsbedömningar där barnet informerades om sina rättigheter",
        "alla beslutade förhandsbedömningar av orosanmälningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DECIDED,
        _REPORT,
    ),
    Indicator(
        "followup_after_not_opened_share",
        Group.REPORTS,
        "Uppföljande kontakt när utredning inte inleddes",
        "Förhandsbedömningar av orosanmälningar där utredning inte inleddes och där en "
        "uppföljande kontakt registrerades samma dag som beslutet eller senare.",
        "beslut att inte inleda utredning med uppföljande kontakt",
        "alla beslut att inte inleda utredning efter en orosanmälan",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DECIDED,
        _REPORT,
    ),
    Indicator(
        "reporter_feedback_share",
        Group.REPORTS,
        "Återkoppling till anmälare",
        "Förhandsbedömningar av anmälningar från anmälningsskyldiga (yrkesverksamma) anmälare "
        "där återkoppling lämnades till anmälaren. Där återkoppling inte lämnas för att den "
        "vore olämplig (19 kap. 6 § SoL) räknas bedömningen inte.",
        "förhandsbedömningar med återkoppling till anmälaren",
        "förhandsbedömningar av anmälningar från anmälningsskyldiga, utom där återkoppling "
        "bedömts olämplig",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DECIDED,
        (UNIT, REPORTER_CATEGORY),
    ),
    Indicator(
        "prelim_early_help_share",
        Group.REPORTS,
        "Hjälp utan utredning efter förhandsbedömning",
        "Förhandsbedömningar av orosanmälningar där nämnden i stället för att inleda utredning "
        "gav hjälp direkt, som en insats utan individuell behovsprövning (11 kap. 5 § SoL).",
        "förhandsbedömningar med beslut om hjälp utan utredning",
        "alla beslutade förhandsbedömningar av orosanmälningar",
        Measure.SHARE,
        Direction.NEUTRAL,
        DECIDED,
        _REPORT,
    ),
    Indicator(
        "prelim_referred_share",
        Group.REPORTS,
        "Hänvisade till annan verksamhet efter förhandsbedömning",
        "Förhandsbedömningar av orosanmälningar där utredning inte inleddes och barnet eller "
        "familjen hänvisades till en annan verksamhet.",
        "förhandsbedömningar med beslut att hänvisa till annan verksamhet",
        "alla beslutade förhandsbedömningar av orosanmälningar",
        Measure.SHARE,
        Direction.NEUTRAL,
        DECIDED,
        _REPORT,
    ),
)

_investigations = (
    Indicator(
        "investigations_opened",
        Group.INVESTIGATIONS,
        "Inledda utredningar",
        "Utredningar som inleddes under perioden.",
        "inledda utredningar",
        "",
        Measure.COUNT,
        Direction.NEUTRAL,
        OPENED,
        _REPORT,
    ),
    Indicator(
        "investigation_within_4m_share",
        Group.INVESTIGATIONS,
        "Utredningar klara inom fyra månader",
        "Avslutade utredningar som blev klara inom fyra månader från att de inleddes (samma "
        "dag i månaden fyra månader senare; finns inte dagen, sista dagen i månaden). Räknat "
        "mot kalenderdagen, även där kommunen flyttar fristen till nästa arbetsdag.",
        "utredningar avslutade inom fyra månader",
        "alla avslutade utredningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        CLOSED,
        _REPORT,
    ),
    Indicator(
        "investigation_within_due_share",
        Group.INVESTIGATIONS,
        "Utredningar klara inom beslutad tid",
        "Avslutade utredningar som blev klara senast sista dag: fyra månader, eller det nya "
        "datumet i den förlängning som beslutades sist före avslutet.",
        "utredningar avslutade senast sista dag, med beslutade förlängningar",
        "alla avslutade utredningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        CLOSED,
        _REPORT,
    ),
    Indicator(
        "investigation_median_days",
        Group.INVESTIGATIONS,
        "Mediantid för utredning",
        "Mediantiden i dagar från att utredningen inleddes till att den avslutades. Vid ett "
        "jämnt antal är medianen medelvärdet av de två mittersta.",
        "",
        "antal avslutade utredningar",
        Measure.DAYS,
        Direction.LOWER_IS_BETTER,
        CLOSED,
        (*_CASE, REPORTER_CATEGORY),
    ),
    Indicator(
        "investigations_late_count",
        Group.INVESTIGATIONS,
        "Utredningar längre än fyra månader",
        "Avslutade utredningar som tog mer än fyra månader, med eller utan beslutad förlängning.",
        "utredningar avslutade mer än fyra månader efter att de inleddes",
        "",
        Measure.COUNT,
        Direction.LOWER_IS_BETTER,
        CLOSED,
        _REPORT,
    ),
    Indicator(
        "investigation_delay_reasons",
        Group.INVESTIGATIONS,
        "Skäl till försenade utredningar",
        "För varje skäl: andelen av de försenade utredningarna som angav skälet. En försenad "
        "utredning avslutades efter sista dag (fyra månader eller beslutad förlängning) och "
        "ska då ange skälen; flera skäl kan anges, så andelarna kan bli mer än 100 %.",
        "försenade utredningar som angav skälet",
        "alla utredningar avslutade efter sista dag",
        Measure.SHARE,
        Direction.NEUTRAL,
        CLOSED,
        (DELAY_REASON,),
        default_breakdown=DELAY_REASON,
    ),
    Indicator(
        "investigations_overdue_open",
        Group.INVESTIGATIONS,
        "Pågående utredningar över tiden",
        "Utredningar som pågick på räknedagen och vars sista dag (fyra månader eller beslutad "
        "förlängning) hade passerat.",
        "pågående utredningar efter sista dag",
        "",
        Measure.COUNT,
        Direction.LOWER_IS_BETTER,
        SNAPSHOT,
        _CASE,
    ),
    Indicator(
        "investigation_child_talked_alone_share",
        Group.INVESTIGATIONS,
        "Barnsamtal i utredningen",
        "Avslutade utredningar med minst ett samtal enskilt med barnet.",
        "utredningar med minst ett enskilt barnsamtal",
        "alla avslutade utredningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        CLOSED,
        _REPORT,
    ),
    Indicator(
        "investigation_child_view_share",
        Group.INVESTIGATIONS,
        "Barnets inställning dokumenterad",
        "Avslutade utredningar där barnets inställning är dokumenterad.",
        "utredningar med barnets inställning dokumenterad",
        "alla avslutade utredningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        CLOSED,
        _REPORT,
    ),
    Indicator(
        "support_person_offered_share",
        Group.INVESTIGATIONS,
        "Barnombud erbjudet",
        "Avslutade utredningar där barnet erbjöds ett barnombud.",
        "utredningar där barnombud erbjöds",
        "alla avslutade utredningar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        CLOSED,
        _REPORT,
    ),
    Indicator(
        "no_intervention_followup_share",
        Group.INVESTIGATIONS,
        "Uppföljande kontakt när utredning inte ledde till insats",
        "Utredningar avslutade utan insats där en uppföljande kontakt registrerades samma dag "
        "som avslutet eller senare.",
        "utredningar utan insats med uppföljande kontakt",
        "alla utredningar avslutade utan insats",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        CLOSED,
        _REPORT,
    ),
    *(
        Indicator(
            f"rereferred_within_year_{first}_{last}_share",
            Group.INVESTIGATIONS,
            f"Barn {first}–{last} år som återaktualiserats inom ett år",
            f"Barn {first}–{last} år vars utredning avslutades utan insats och som anmäldes "
            "på nytt (en ny orosanmälan) inom ett år efter avslutet (KKiK). Räknas när året "
            "efter avslutet har gått; åldern är barnets på avslutsdagen.",
            "barn som anmäldes på nytt inom ett år",
            f"alla utredningar utan insats om barn {first}–{last} år vars år efter avslutet har gått",
            Measure.SHARE,
            Direction.LOWER_IS_BETTER,
            CLOSED,
            _REPORT,
        )
        for first, last in ((0, 12), (13, 20))
    ),
    Indicator(
        "adult_trigger_covered_share",
        Group.INVESTIGATIONS,
        "Barnets situation bedömd när vårdnadshavare utreds",
        "När en vårdnadshavare vårdas enligt LVM eller LPT eller utreds för våld i nära "
        "relation ska varje barn till vårdnadshavaren få en förhandsbedömning eller utredning. "
        "Räknas per barn: ett barn vars ärende fått en förhandsbedömning eller en utredning är "
        "bedömt.",
        "barn vars ärende fått förhandsbedömning eller utredning",
        "alla barn som berörs av en utlösande händelse i ett vuxenärende",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        "dagen för händelsen i vuxenärendet",
        (TRIGGER_KIND, *_CASE),
        default_breakdown=TRIGGER_KIND,
    ),
)

_interventions = (
    Indicator(
        "interventions_started",
        Group.INTERVENTIONS,
        "Påbörjade insatser",
        "Insatser (öppenvård och placeringar) som började under perioden, per insats och lagrum.",
        "påbörjade insatser",
        "",
        Measure.COUNT,
        Direction.NEUTRAL,
        STARTED,
        _INTERVENTION,
    ),
    Indicator(
        "placements_started",
        Group.INTERVENTIONS,
        "Påbörjade placeringar",
        "Placeringar (familjehem, nätverkshem, jourhem, HVB, stödboende, SiS) som började under "
        "perioden, per placeringsform och lagrum.",
        "påbörjade placeringar",
        "",
        Measure.COUNT,
        Direction.NEUTRAL,
        STARTED,
        _INTERVENTION,
    ),
    Indicator(
        "help_without_assessment_started",
        Group.INTERVENTIONS,
        "Påbörjade insatser utan behovsprövning",
        "Insatser utan individuell behovsprövning (11 kap. 5 § SoL) som började under perioden: "
        "hjälp som gavs utan föregående utredning. Räknas också i Påbörjade insatser.",
        "påbörjade insatser utan individuell behovsprövning",
        "",
        Measure.COUNT,
        Direction.NEUTRAL,
        STARTED,
        _INTERVENTION,
    ),
    Indicator(
        "health_exam_before_placement_share",
        Group.INTERVENTIONS,
        "Hälsoundersökning före placering",
        "Påbörjade placeringar där barnet hälsoundersöktes före placeringen.",
        "placeringar med hälsoundersökning före start",
        "alla påbörjade placeringar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        STARTED,
        _INTERVENTION,
    ),
    Indicator(
        "placement_school_arranged_share",
        Group.INTERVENTIONS,
        "Skolgång ordnad vid placering",
        "Påbörjade placeringar där barnets skolgång var ordnad när placeringen beslutades "
        "(22 kap. 8 § 2 SoL 2025:400: lämplig utbildning). Tillsammans med hälsoundersökningen "
        "före placeringen visar den om barnets hälsa och skola prövades före beslutet.",
        "placeringar med ordnad skolgång",
        "alla påbörjade placeringar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        STARTED,
        _INTERVENTION,
    ),
    Indicator(
        "placement_breakdown_share",
        Group.INTERVENTIONS,
        "Placeringar som avbrutits i förtid",
        "Avslutade placeringar som slutade med sammanbrott (oplanerat, tidigare än planerat).",
        "placeringar avslutade med sammanbrott",
        "alla avslutade placeringar",
        Measure.SHARE,
        Direction.LOWER_IS_BETTER,
        ENDED,
        _INTERVENTION,
    ),
    Indicator(
        "placement_completed_share",
        Group.INTERVENTIONS,
        "Fullföljda placeringar utan sammanbrott",
        "Avslutade placeringar som inte slutade med sammanbrott (1 − andelen sammanbrott).",
        "placeringar avslutade utan sammanbrott",
        "alla avslutade placeringar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        ENDED,
        _INTERVENTION,
    ),
    Indicator(
        "placement_visits_on_time_share",
        Group.INTERVENTIONS,
        "Besök hos placerade barn i tid",
        "Tidsfristerna för besök hos placerade barn som hölls / alla som löpte ut under perioden.",
        "besök gjorda senast sista dag",
        "besöksfrister som löpte ut under perioden",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DUE,
        _CASE,
        note=FALLEN_DUE_NOTE,
    ),
    Indicator(
        "placement_reviews_on_time_share",
        Group.INTERVENTIONS,
        "Övervägande/omprövning i tid",
        "Tidsfristerna för övervägande och omprövning som hölls / alla som löpte ut under "
        "perioden.",
        "överväganden gjorda senast sista dag",
        "frister för övervägande som löpte ut under perioden",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DUE,
        _CASE,
        note=FALLEN_DUE_NOTE,
    ),
    Indicator(
        "evaluation_after_intervention_share",
        Group.INTERVENTIONS,
        "Utvärdering efter avslutad insats",
        "Avslutade insatser som har utvärderats.",
        "avslutade insatser med utvärdering",
        "alla avslutade insatser",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        ENDED,
        _INTERVENTION,
    ),
    Indicator(
        "evaluation_child_view_share",
        Group.INTERVENTIONS,
        "Barnets synpunkter i utvärderingen",
        "Utvärderingar där barnets syn på hjälpen är dokumenterad.",
        "utvärderingar med barnets synpunkter",
        "alla utvärderingar",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        "utvärderingsdagen",
        _INTERVENTION,
    ),
    Indicator(
        "placement_visit_child_alone_share",
        Group.INTERVENTIONS,
        "Barnets delaktighet i uppföljningen av placeringen",
        "Besök hos placerade barn där socialsekreteraren samtalade enskilt med barnet (22 kap. "
        "11 § första stycket 2 SoL 2025:400).",
        "besök med enskilt samtal med barnet",
        "alla besök hos placerade barn",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        "besöksdagen",
        _INTERVENTION,
    ),
    Indicator(
        "plan_child_participated_share",
        Group.INTERVENTIONS,
        "Barnets delaktighet i planeringen",
        "Signerade versioner av vårdplaner och genomförandeplaner där barnet har deltagit i "
        "planeringen. Versioner som signerades innan frågan ställdes räknas inte.",
        "signerade planer där barnet deltog i planeringen",
        "alla signerade planer med svar på frågan",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        "dagen då planen upprättades",
        _INTERVENTION,
    ),
)

_staff = (
    Indicator(
        "caseload_open_investigations",
        Group.STAFF,
        "Pågående utredningar per handläggare",
        "Pågående utredningar på räknedagen delat med antalet ansvariga handläggare som har minst "
        "en; det högsta antalet för en handläggare visas också (max). Ansvarig är den som är "
        "ansvarig för ärendet nu.",
        "pågående utredningar med ansvarig handläggare",
        "handläggare med minst en pågående utredning",
        Measure.MEAN,
        Direction.LOWER_IS_BETTER,
        SNAPSHOT,
        (UNIT,),
        note="Små tal döljs även här: de handlar om enskilda handläggares arbetsbörda.",
    ),
    Indicator(
        "caseworkers_per_child",
        Group.STAFF,
        "Antal handläggare per barn",
        "Medelantalet olika ansvariga handläggare per barn med ett öppet ärende under perioden: "
        "den som var ansvarig när perioden började (eller när ärendet öppnades) och alla som "
        "fick ärendet under perioden. Ett barn räknas på enheten för sitt senast registrerade "
        "öppna ärende.",
        "barn × olika ansvariga handläggare",
        "barn med ett öppet ärende under perioden",
        Measure.MEAN,
        Direction.LOWER_IS_BETTER,
        "perioden (ärendet var öppet någon dag under perioden)",
        _CASE,
    ),
    Indicator(
        "caseworkers_since_first_report",
        Group.STAFF,
        "Antal handläggare sedan första anmälan",
        "Medelantalet olika ansvariga handläggare som ett barn har haft sedan sin första "
        "anmälan, för barnen med ett öppet ärende under perioden: i alla barnets ärenden i "
        "kommunen, från den dag den första anmälan kom in till periodens slut (den första "
        "ansvariga i varje ärende och alla som fick ärendet efter). Samma räkning som "
        "kontinuiteten på ärendets sida. Ett barn räknas på enheten för sitt senast "
        "registrerade öppna ärende.",
        "barn × olika ansvariga handläggare sedan första anmälan",
        "barn med ett öppet ärende under perioden",
        Measure.MEAN,
        Direction.LOWER_IS_BETTER,
        "perioden (ärendet var öppet någon dag under perioden)",
        _CASE,
    ),
    Indicator(
        "staff_turnover",
        Group.STAFF,
        "Personalomsättning",
        "Handläggare som slutade under perioden, delat med det genomsnittliga antalet anställda "
        "handläggare. Räknas från anställningsperioderna (handläggare och "
        "mottagningshandläggare). Genomsnittligt antal anställda: medelvärdet av antalet "
        "anställda den första dagen i varje månad i perioden (tolv dagar för ett år, för "
        "innevarande år månaderna fram till i dag). Slutade: anställningen upphörde under "
        "perioden och personen har ingen anställning (i någon roll) dagen efter – i samma "
        "enhet för enhetens tal, i någon av kommunens enheter för kommunens. Byte av enhet "
        "eller roll, och en anställning som upphörde med orsaken Byte inom förvaltningen, är "
        "ingen avgång från kommunen. Räknas normalt för ett kalenderår och besvarar "
        "Barnbarometerns fråga 7.",
        "handläggare som slutade",
        "genomsnittligt antal anställda handläggare (den första dagen i varje månad)",
        Measure.SHARE,
        Direction.LOWER_IS_BETTER,
        "dagen då anställningen upphörde",
        (UNIT,),
    ),
)

_TIME_STUDY = (
    "Från kommunens avslutade tidsmätningar vars sista dag ligger i perioden; bara "
    "socialsekreterarnas tid. Grupper med färre än 5 deltagare visas inte."
)
_time_study = (
    Indicator(
        "timestudy_child_time_share",
        Group.TIME_STUDY,
        "Barntid",
        "Andel av handläggarnas registrerade tid i kategorin Barntid.",
        "registrerad barntid",
        "all registrerad tid",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        "tidsmätningens sista dag",
        (UNIT,),
        note=_TIME_STUDY,
    ),
    Indicator(
        "timestudy_direct_time_share",
        Group.TIME_STUDY,
        "Direkt tid",
        "Andel av den registrerade tiden i kategorierna Direkt tid barn & vuxna och Barntid.",
        "registrerad direkt tid och barntid",
        "all registrerad tid",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        "tidsmätningens sista dag",
        (UNIT,),
        note=_TIME_STUDY,
    ),
    Indicator(
        "timestudy_documentation_admin_share",
        Group.TIME_STUDY,
        "Dokumentation och administration",
        "Andel av den registrerade tiden i kategorierna Indirekt tid och Administration.",
        "registrerad indirekt tid och administration",
        "all registrerad tid",
        Measure.SHARE,
        Direction.LOWER_IS_BETTER,
        "tidsmätningens sista dag",
        (UNIT,),
        note=_TIME_STUDY,
    ),
)

_obligations = (
    Indicator(
        "obligations_met_on_time_share",
        Group.OBLIGATIONS,
        "Tidsfrister som hölls",
        "Per slag av tidsfrist: fristerna som hölls senast sista dag / alla frister som löpte "
        "ut under perioden.",
        "frister som hölls senast sista dag",
        "frister som löpte ut under perioden",
        Measure.SHARE,
        Direction.HIGHER_IS_BETTER,
        DUE,
        (*_CASE, OBLIGATION_KIND),
        default_breakdown=OBLIGATION_KIND,
        note=FALLEN_DUE_NOTE,
    ),
)

INDICATORS = IndicatorRegistry(
    (*_reports, *_investigations, *_interventions, *_staff, *_time_study, *_obligations)
)
