"""The questionnaires Skyddsnät ships as templates (docs/spec/barnbarometer-questionnaire.md).

Pure data: each question has a ``key`` (its identity across editions), a number, the text and
options exactly as the questionnaire prints them, a kind, and optionally a condition (the keys
of options in an earlier question, one of which must have been chosen). An option ending in
"nämligen:" asks for a text ("other, namely").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OptionTemplate:
    key: str
    text: str
    is_other: bool = False


@dataclass(frozen=True)
class QuestionTemplate:
    key: str
    number: str
    text: str
    kind: str
    options: tuple[OptionTemplate, ...] = ()
    #: (question key, option keys): asked only of those who chose one of these options.
    condition: tuple[str, tuple[str, ...]] | None = None
    condition_text: str = ""


@dataclass(frozen=True)
class Template:
    key: str
    questionnaire_key: str
    questionnaire_name: str
    year: int
    title: str
    questions: tuple[QuestionTemplate, ...] = field(default=())


def _options(*texts: str) -> tuple[OptionTemplate, ...]:
    """Return options keyed ``o1``, ``o2`` …; a text ending in "nämligen:" is an other-option."""
    return tuple(
        OptionTemplate(f"o{i}", text, is_other=text.endswith("nämligen:"))
        for i, text in enumerate(texts, start=1)
    )


FREQUENCY = _options("Alltid", "I de flesta fall", "Sällan", "Aldrig", "Vet ej")
ALWAYS_INVESTIGATED = _options(
    "Ja, alltid barnutredning",
    "Ja, alltid förhandsbedömning",
    "Ja, alltid antingen barnutredning eller förhandsbedömning",
    "Nej",
    "Vet ej",
)

BARNBAROMETER_2014 = Template(
    key="barnbarometer-2014",
    questionnaire_key="barnbarometer",
    questionnaire_name="Barnbarometern",
    year=2014,
    title="Barnbarometern 2014",
    questions=(
        QuestionTemplate(
            "rights-informed",
            "1",
            "När socialtjänsten möter barn och unga för första gången i ett ärende, upplyser då "
            "socialtjänsten barnet om dess rättigheter och socialtjänstens skyldigheter?",
            "one",
            FREQUENCY,
        ),
        QuestionTemplate(
            "dialogue-preliminary",
            "2",
            "För socialtjänsten dialog direkt med barnet när förhandsbedömningar görs?",
            "one",
            FREQUENCY,
        ),
        QuestionTemplate(
            "lvm-investigated",
            "3",
            "Genomförs det alltid en barnutredning eller förhandsbedömning när en "
            "vårdnadshavare utreds enligt LVM?",
            "one",
            ALWAYS_INVESTIGATED,
        ),
        QuestionTemplate(
            "lpt-investigated",
            "4",
            "Genomförs det alltid en barnutredning eller förhandsbedömning när vårdnadshavare "
            "utreds enligt LPT?",
            "one",
            ALWAYS_INVESTIGATED,
        ),
        QuestionTemplate(
            "violence-investigated",
            "5",
            "Genomförs det alltid en barnutredning eller en förhandsbedömning när det "
            "förekommer våld i nära relationer mellan vårdnadshavare eller andra "
            "familjemedlemmar?",
            "one",
            ALWAYS_INVESTIGATED,
        ),
        QuestionTemplate(
            "followup-contact",
            "6",
            "Genomför socialtjänsten någon uppföljande kontakt med involverade barn i de fall "
            "en förhandsbedömning inte leder till utredning, och i de fall en utredning inte "
            "leder till någon beslutad insats?",
            "one",
            FREQUENCY,
        ),
        QuestionTemplate(
            "staff-turnover",
            "7",
            "Hur stor var personalomsättningen av socialsekreterare vid socialförvaltningen "
            "under senaste verksamhetsåret?",
            "one",
            _options(
                "0-10 procent", "11-20 procent", "21-30 procent", "31 procent eller mer", "Vet ej"
            ),
        ),
        QuestionTemplate(
            "late-investigations",
            "8",
            "Hur många gånger har det under det senaste året förekommit att utredningar som "
            "rör barn och unga har tagit längre än fyra månader att slutföra?",
            "one",
            _options(
                "1-5 gånger",
                "6-10 gånger",
                "11 gånger eller fler",
                "Det har inte förekommit att utredningar tagit mer än fyra månader att genomföra",
                "Vet ej",
            ),
        ),
        QuestionTemplate(
            "delay-reasons",
            "9",
            "Vilka anledningar finns till att utredningar som rör barn och unga har tagit mer "
            "än fyra månader att slutföra?",
            "many",
            _options(
                "Hög arbetsbelastning",
                "Väntetid för att få underlag från eller dialog med andra aktörer",
                "Barnet och/eller dess familj motarbetar",
                "Mer akuta ärenden får företräde",
                "Annan anledning, nämligen:",
            ),
        ),
        QuestionTemplate(
            "interventions-evaluated",
            "10",
            "Genomför kommunen utvärderingar av behandlingsinsatser för barn och unga efter att "
            "insatserna avslutats?",
            "one",
            FREQUENCY,
        ),
        QuestionTemplate(
            "child-view-documented",
            "11",
            "Dokumenteras barnens synpunkter på insatsen när utvärderingar av insatser för barn "
            "genomförs?",
            "one",
            FREQUENCY,
        ),
        QuestionTemplate(
            "support-person",
            "12",
            "Erbjuder socialtjänsten barnombud till barn och unga i ärenden som rör dem?",
            "one",
            FREQUENCY,
        ),
        QuestionTemplate(
            "information-efforts",
            "13",
            "Vilka av följande informationsinsatser genomför kommunen riktat till barn och "
            "ungdomar för att öka kunskapen om socialtjänstens arbete och vart enskilda kan "
            "vända sig?",
            "many",
            _options(
                "Annonsering i massmedier",
                "Annonsering genom affischering eller liknande",
                "Hushållsutskick",
                "Informationsbesök i skolor",
                "Informationsbesök i föreningsverksamhet eller arbetsliv",
                "Information på kommunens hemsida",
                "Öppet hus",
                "Andra insatser, nämligen:",
                "Vet ej",
            ),
        ),
        QuestionTemplate(
            "social-media",
            "14",
            "Använder sig socialtjänsten av sociala medier i arbetet med att nå ut till barn "
            "och unga?",
            "many",
            _options(
                "Ja, t.ex. Facebook, Twitter, Instagram",
                "Ja, bloggar",
                "Ja, chatforum",
                "Ja, annat nämligen:",
                "Nej",
                "Vet ej",
            ),
        ),
        QuestionTemplate(
            "social-media-strategy",
            "15",
            "Har socialförvaltningen en strategi eller motsvarande för användning av sociala "
            "medier i arbetet riktat mot barn och unga?",
            "one",
            _options("Ja", "Nej", "Vet ej"),
        ),
        QuestionTemplate(
            "social-media-purposes",
            "16",
            "För vilka ändamål används sociala medier?",
            "many",
            _options(
                "För informationsspridning",
                "För informationssökning i enskilda ärenden",
                "För uppsökande verksamhet",
                "För att inom förvaltningen höja kunskap och förståelse om ungas situation",
                "För att barn och unga ska kunna lämna synpunkter",
                "För andra ändamål, nämligen:",
            ),
            condition=("social-media", ("o1", "o2", "o3", "o4")),
            condition_text="Besvaras av dem som svarat Ja i fråga 14.",
        ),
        QuestionTemplate(
            "staff-training-social-media",
            "17",
            "Har personal fått kompetensutveckling inom området sociala medier under de "
            "senaste åren?",
            "one",
            _options(
                "Ja, och utbildningen har omfattat samtlig personal",
                "Ja, men utbildningen har inte omfattat samtlig personal",
                "Nej",
                "Vet ej",
            ),
        ),
    ),
)

TEMPLATES: dict[str, Template] = {t.key: t for t in (BARNBAROMETER_2014,)}
