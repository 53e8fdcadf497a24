"""The Barnbarometer answered from data: the questions of the survey that registered data can answer.

Pure Python, no Django. docs/spec/barnbarometer-questionnaire.md lists Humana's questions; twelve of
them have a data source. ``answers(figures)`` proposes an answer to each from the indicator
figures of one year (``figures`` maps ``(indicator id, breakdown key)`` to a ``Figure``) and
says which figure it rests on: "38 av 41 förhandsbedömningar: barnet kom till tals → I de
flesta fall". A proposal is only a proposal: the respondent sees the figure and may change it.

The frequency scale (questions 1, 2, 6, 10, 11, 12): 100 % → Alltid; 50–99.9 % → I de flesta
fall; above 0 and under 50 % → Sällan; 0 % → Aldrig; nothing registered → Vet ej. A share whose
denominator is masked (1–4, outside the owning unit) also gives Vet ej: the figure is not shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ALWAYS = "Alltid"
MOSTLY = "I de flesta fall"
SELDOM = "Sällan"
NEVER = "Aldrig"
DONT_KNOW = "Vet ej"
FREQUENCY = (ALWAYS, MOSTLY, SELDOM, NEVER, DONT_KNOW)

ALWAYS_INVESTIGATION = "Ja, alltid barnutredning"
ALWAYS_PRELIMINARY = "Ja, alltid förhandsbedömning"
ALWAYS_EITHER = "Ja, alltid antingen barnutredning eller förhandsbedömning"
NO = "Nej"
TRIGGER_OPTIONS = (ALWAYS_INVESTIGATION, ALWAYS_PRELIMINARY, ALWAYS_EITHER, NO, DONT_KNOW)

TURNOVER_OPTIONS = (
    "0-10 procent",
    "11-20 procent",
    "21-30 procent",
    "31 procent eller mer",
    DONT_KNOW,
)
LATE_NONE = "Det har inte förekommit att utredningar tagit mer än fyra månader att genomföra"
LATE_OPTIONS = ("1-5 gånger", "6-10 gånger", "11 gånger eller fler", LATE_NONE, DONT_KNOW)

#: The survey's wording of each delay reason registered on an investigation.
DELAY_REASON_OPTIONS = {
    "high_workload": "Hög arbetsbelastning",
    "waiting_for_others": "Väntetid för att få underlag från eller dialog med andra aktörer",
    "family_not_cooperating": "Barnet och/eller dess familj motarbetar",
    "more_urgent_cases": "Mer akuta ärenden får företräde",
    "other": "Annan anledning, nämligen: (text)",
}

MASKED_NOTE = "underlaget är färre än 5 och visas inte utanför enheten"


@dataclass(frozen=True)
class Figure:
    """One indicator figure: numerator and denominator (None when masked or not counted)."""

    numerator: float | None = None
    denominator: float | None = None
    masked: bool = False


Figures = Mapping[tuple[str, str | None], Figure]


@dataclass(frozen=True)
class Answer:
    """A question with its proposed answer(s) and the figure behind them."""

    number: int
    question: str
    options: tuple[str, ...]
    proposed: tuple[str, ...]
    basis: str
    indicators: tuple[str, ...]
    many: bool = False

    @property
    def summary(self) -> str:
        """Return "figure → answer", as the page shows it."""
        return f"{self.basis} → {', '.join(self.proposed)}"


def _n(number: float | None) -> str:
    if number is None:
        return "0"
    rounded = Decimal(str(number)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}".replace(".", ",")
    return text.removesuffix(",0")


def frequency(figure: Figure | None) -> str:
    """Return the frequency option for a share: Alltid, I de flesta fall, Sällan, Aldrig, Vet ej."""
    if figure is None or figure.masked or not figure.denominator:
        return DONT_KNOW
    numerator = figure.numerator or 0
    if numerator >= figure.denominator:
        return ALWAYS
    if numerator * 2 >= figure.denominator:
        return MOSTLY
    if numerator > 0:
        return SELDOM
    return NEVER


def _share_basis(figure: Figure | None, what: str) -> str:
    if figure is None or (not figure.denominator and not figure.masked):
        return f"Inga {what.split(':')[0]} registrerade under året"
    if figure.masked:
        return f"{what} ({MASKED_NOTE})"
    return f"{_n(figure.numerator)} av {_n(figure.denominator)} {what}"


@dataclass(frozen=True)
class _FrequencyQuestion:
    number: int
    question: str
    indicator: str
    what: str


_FREQUENCY_QUESTIONS = (
    _FrequencyQuestion(
        1,
        "När socialtjänsten möter barn och unga för första gången i ett ärende, upplyser då "
        "socialtjänsten barnet om dess rättigheter och socialtjänstens skyldigheter?",
        "child_informed_rights_share",
        "förhandsbedömningar: barnet informerades om sina rättigheter",
    ),
    _FrequencyQuestion(
        2,
        "För socialtjänsten dialog direkt med barnet när förhandsbedömningar görs?",
        "prelim_child_heard_share",
        "förhandsbedömningar: barnet kom till tals",
    ),
    _FrequencyQuestion(
        10,
        "Genomför kommunen utvärderingar av behandlingsinsatser för barn och unga efter att "
        "insatserna avslutats?",
        "evaluation_after_intervention_share",
        "avslutade insatser: utvärderades",
    ),
    _FrequencyQuestion(
        11,
        "Dokumenteras barnens synpunkter på insatsen när utvärderingar av insatser för barn "
        "genomförs?",
        "evaluation_child_view_share",
        "utvärderingar: barnets synpunkter dokumenterades",
    ),
    _FrequencyQuestion(
        12,
        "Erbjuder socialtjänsten barnombud till barn och unga i ärenden som rör dem?",
        "support_person_offered_share",
        "avslutade utredningar: barnombud erbjöds",
    ),
)

_TRIGGER_QUESTIONS = (
    (
        3,
        "Genomförs det alltid en barnutredning eller förhandsbedömning när en vårdnadshavare "
        "utreds enligt LVM?",
        "lvm",
        "barn till vårdnadshavare som vårdas enligt LVM",
    ),
    (
        4,
        "Genomförs det alltid en barnutredning eller förhandsbedömning när vårdnadshavare utreds "
        "enligt LPT?",
        "lpt",
        "barn till vårdnadshavare som vårdas enligt LPT",
    ),
    (
        5,
        "Genomförs det alltid en barnutredning eller en förhandsbedömning när det förekommer våld "
        "i nära relationer mellan vårdnadshavare eller andra familjemedlemmar?",
        "violence",
        "barn i familjer där våld i nära relation utreds",
    ),
)

QUESTION_6 = (
    "Genomför socialtjänsten någon uppföljande kontakt med involverade barn i de fall en "
    "förhandsbedömning inte leder till utredning, och i de fall en utredning inte leder till "
    "någon beslutad insats?"
)
QUESTION_7 = (
    "Hur stor var personalomsättningen av socialsekreterare vid socialförvaltningen under "
    "senaste verksamhetsåret?"
)
QUESTION_8 = (
    "Hur många gånger har det under det senaste året förekommit att utredningar som rör barn "
    "och unga har tagit längre än fyra månader att slutföra?"
)
QUESTION_9 = (
    "Vilka anledningar finns till att utredningar som rör barn och unga har tagit mer än fyra "
    "månader att slutföra?"
)


def _trigger(number: int, question: str, kind: str, who: str, figures: Figures) -> Answer:
    figure = figures.get(("adult_trigger_covered_share", kind))
    if figure is None or (not figure.denominator and not figure.masked):
        proposed, basis = DONT_KNOW, f"Inga {who} registrerade under året"
    elif figure.masked:
        proposed, basis = DONT_KNOW, f"{who} ({MASKED_NOTE})"
    else:
        covered = (figure.numerator or 0) >= figure.denominator
        proposed = ALWAYS_EITHER if covered else NO
        basis = (
            f"{_n(figure.numerator)} av {_n(figure.denominator)} {who} fick en "
            "förhandsbedömning eller utredning"
        )
    return Answer(
        number, question, TRIGGER_OPTIONS, (proposed,), basis, ("adult_trigger_covered_share",)
    )


def _followups(figures: Figures) -> Answer:
    ids = ("followup_after_not_opened_share", "no_intervention_followup_share")
    parts = [figures.get((i, None)) for i in ids]
    if any(p is not None and p.masked for p in parts):
        combined = Figure(masked=True)
    else:
        combined = Figure(
            sum((p.numerator or 0) for p in parts if p is not None),
            sum((p.denominator or 0) for p in parts if p is not None),
        )
    what = (
        "förhandsbedömningar utan utredning och utredningar utan insats: barnet fick en "
        "uppföljande kontakt"
    )
    return Answer(
        6, QUESTION_6, FREQUENCY, (frequency(combined),), _share_basis(combined, what), ids
    )


def turnover_option(figure: Figure | None) -> str:
    """Return the turnover band of a share (whole percent, rounded half up)."""
    if figure is None or figure.masked or not figure.denominator:
        return DONT_KNOW
    percent = Decimal(str((figure.numerator or 0) / figure.denominator * 100))
    whole = percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if whole <= 10:
        return TURNOVER_OPTIONS[0]
    if whole <= 20:
        return TURNOVER_OPTIONS[1]
    if whole <= 30:
        return TURNOVER_OPTIONS[2]
    return TURNOVER_OPTIONS[3]


def _turnover(figures: Figures) -> Answer:
    figure = figures.get(("staff_turnover", None))
    if figure is None or (not figure.denominator and not figure.masked):
        basis = "Inga anställda handläggare registrerade under året"
    elif figure.masked:
        basis = f"Personalomsättning ({MASKED_NOTE})"
    else:
        percent = _n((figure.numerator or 0) / figure.denominator * 100)
        basis = (
            f"{_n(figure.numerator)} av i medeltal {_n(figure.denominator)} handläggare "
            f"slutade: {percent} %"
        )
    return Answer(
        7, QUESTION_7, TURNOVER_OPTIONS, (turnover_option(figure),), basis, ("staff_turnover",)
    )


def late_option(figure: Figure | None) -> str:
    """Return the band of the number of investigations that took more than four months."""
    if figure is None:
        return DONT_KNOW
    if figure.masked:
        return LATE_OPTIONS[0]  # a masked count is 1–4
    count = figure.numerator or 0
    if count == 0:
        return LATE_NONE
    if count <= 5:
        return LATE_OPTIONS[0]
    if count <= 10:
        return LATE_OPTIONS[1]
    return LATE_OPTIONS[2]


def _late(figures: Figures) -> Answer:
    figure = figures.get(("investigations_late_count", None))
    if figure is None:
        basis = "Inga avslutade utredningar registrerade"
    elif figure.masked:
        basis = "Färre än 5 utredningar avslutades mer än fyra månader efter att de inleddes"
    else:
        basis = (
            f"{_n(figure.numerator)} utredningar avslutades mer än fyra månader efter att de "
            "inleddes"
        )
    return Answer(
        8, QUESTION_8, LATE_OPTIONS, (late_option(figure),), basis, ("investigations_late_count",)
    )


def _delay_reasons(figures: Figures) -> Answer:
    proposed = []
    words = []
    for code, option in DELAY_REASON_OPTIONS.items():
        figure = figures.get(("investigation_delay_reasons", code))
        if figure is None:
            continue
        if figure.masked:
            proposed.append(option)  # masked: 1–4 investigations gave it
            words.append(f"{option}: färre än 5")
        elif figure.numerator:
            proposed.append(option)
            words.append(
                f"{option}: {_n(figure.numerator)} av {_n(figure.denominator)} försenade "
                "utredningar"
            )
    if not proposed:
        return Answer(
            9,
            QUESTION_9,
            tuple(DELAY_REASON_OPTIONS.values()),
            (),
            "Inga försenade utredningar med registrerade skäl under året",
            ("investigation_delay_reasons",),
            many=True,
        )
    return Answer(
        9,
        QUESTION_9,
        tuple(DELAY_REASON_OPTIONS.values()),
        tuple(proposed),
        "; ".join(words),
        ("investigation_delay_reasons",),
        many=True,
    )


def answers(figures: Figures) -> list[Answer]:
    """Return the proposed answers to the questions with a data source, in question order."""
    result = [
        Answer(
            q.number,
            q.question,
            FREQUENCY,
            (frequency(figures.get((q.indicator, None))),),
            _share_basis(figures.get((q.indicator, None)), q.what),
            (q.indicator,),
        )
        for q in _FREQUENCY_QUESTIONS
    ]
    result += [_trigger(*q, figures) for q in _TRIGGER_QUESTIONS]
    result += [_followups(figures), _turnover(figures), _late(figures), _delay_reasons(figures)]
    return sorted(result, key=lambda a: a.number)


#: Every indicator the answers read.
INDICATOR_IDS = (
    "child_informed_rights_share",
    "prelim_child_heard_share",
    "adult_trigger_covered_share",
    "followup_after_not_opened_share",
    "no_intervention_followup_share",
    "staff_turnover",
    "investigations_late_count",
    "investigation_delay_reasons",
    "evaluation_after_intervention_share",
    "evaluation_child_view_share",
    "support_person_offered_share",
)
#: The questions of the survey that have no data source and are answered by hand.
WITHOUT_DATA = (13, 14, 15, 16, 17)
