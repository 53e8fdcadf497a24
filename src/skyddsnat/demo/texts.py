"""Invented Swedish free texts for the demo (accounts, views, goals); no real case is quoted."""

from __future__ import annotations

import random

ACCOUNTS: dict[str, tuple[str, ...]] = {
    "violence_against_child": (
        "Barnet berättar för mentor att pappa slår när han blir arg. Blåmärke på armen.",
        "Barnet har märken i ansiktet och säger att mamma tog tag hårt i går kväll.",
    ),
    "witnessed_violence": (
        "Polisen kallades till bostaden efter larm om bråk. Barnen var hemma.",
        "Granne hör skrik och slag från lägenheten, barnen gråter.",
    ),
    "sexual_abuse": (
        "Barnet har berättat för skolsköterskan om övergrepp av en vuxen i närheten.",
    ),
    "neglect": (
        "Barnet kommer ofta till förskolan hungrigt och i för tunna kläder.",
        "Barnet har stor karies och har uteblivit från flera tandläkarbesök.",
        "Barnet är ofta ensamt hemma sent på kvällen.",
    ),
    "guardian_substance_abuse": (
        "Mamma var påverkad vid hämtning på förskolan.",
        "Pappa har återfallit i missbruk enligt vuxenenheten.",
    ),
    "guardian_mental_illness": (
        "Vårdnadshavare är inlagd i psykiatrisk slutenvård, oklart vem som tar hand om barnen.",
    ),
    "child_substance_abuse": ("Ungdomen har påträffats berusad vid flera tillfällen.",),
    "child_criminality": (
        "Ungdomen är misstänkt för rån tillsammans med äldre personer.",
        "Ungdomen har gripits för snatteri och skadegörelse.",
    ),
    "child_other_destructive_behaviour": (
        "Ungdomen är ute sent på nätterna och umgås med äldre kamrater.",
    ),
    "school_absence": ("Barnet har över 40 procent frånvaro denna termin.",),
    "honour_related": (
        "Ungdomen berättar att hon inte får träffa kompisar och är rädd att bli bortgift.",
    ),
    "unaccompanied_minor": ("Ensamkommande barn som anvisats till kommunen.",),
    "other": ("Oro för barnets situation, se bifogad skrivelse.",),
}

NOT_HEARD = (
    "Barnet är för ungt för ett samtal.",
    "Vårdnadshavarna ville inte att barnet skulle höras i förhandsbedömningen.",
    "Barnet ville inte prata med socialtjänsten.",
    "Oron kunde bedömas utan samtal med barnet; barnet får komma till tals i utredningen.",
)
CHILD_VIEWS = (
    "Jag vill bo kvar hemma men vill att det blir lugnare.",
    "Det är bra hemma, det är bara i skolan det är jobbigt.",
    "Jag vill att pappa slutar dricka.",
    "Jag vill inte prata om det just nu.",
    "Jag vill ha någon vuxen att prata med.",
    "Jag vill bo hos mormor.",
)
CHILD_VIEW_MISSING = (
    "Barnet är för ungt för att uttrycka en inställning.",
    "Barnet har inte velat träffa utredaren.",
    "Vårdnadshavarna har inte medverkat till samtal med barnet.",
)
CLOSED_INCOMPLETE = (
    "Familjen flyttade från kommunen under utredningen; ärendet överlämnas.",
    "Vårdnadshavarna avböjde fortsatt kontakt och det finns inte grund för tvång.",
    "Områdena bedöms inte relevanta för frågan som utreddes; kommunicering skedde muntligt.",
)
OPENING_INFORMATION_METHODS = (
    "Telefonsamtal med vårdnadshavarna, bekräftat med brev.",
    "Brev till vårdnadshavarna samma dag.",
    "Muntligt vid besök på kontoret.",
)
OPENING_INFORMATION_CHILD_METHODS = (
    "Samtal med barnet i skolan, anpassat efter ålder.",
    "Barnet informerades muntligt tillsammans med vårdnadshavare.",
)
OPENING_INFORMATION_WITHHELD = (
    "Barnet är för litet för att kunna ta till sig informationen.",
    "Information till barnet nu riskerar att vårdnadshavare påverkar barnets berättelse"
    " innan samtalet med barnet.",
)
PLAN_QUESTIONS = "Hur ser barnets vardag ut? Vilka risker och skydd finns? Vad behöver barnet?"
PLAN_CONTACTS = "Vårdnadshavare, skola/förskola, BVC eller elevhälsa, vid behov BUP."
PLAN_PARTICIPATION = (
    "Enskilda samtal med barnet i skolan; barnet får information anpassad efter ålder."
)
TRIANGLE = {
    "strength": "Fungerar väl enligt barnet och skolan.",
    "concern": "Brister som påverkar barnet; se underlag från skola och vårdnadshavare.",
    "not_investigated": "Har inte utretts.",
}
ANALYSIS = (
    "Barnet har behov av stöd som inte kan tillgodoses inom familjen.",
    "Oron är inte bekräftad; familjen har ett fungerande nätverk.",
    "Vårdnadshavarna har tagit emot råd och stöd; inget ytterligare behov av insats.",
)
EXTENSION_REASONS = (
    "Väntar på utlåtande från BUP.",
    "Polisutredningen pågår och förhör med barnet har inte hållits.",
    "Familjen har inte kunnat nås under en längre tid.",
)
GOALS = (
    "Barnet ska gå till skolan varje dag och ha en trygg vuxen att prata med.",
    "Vårdnadshavarna ska kunna sätta gränser utan våld.",
    "Barnet ska ha en trygg och stabil boendesituation.",
    "Ungdomen ska avstå från droger och kriminalitet.",
)
EVALUATION_METHODS = (
    "Barnenkät",
    "Uppföljningssamtal enligt BBIC",
    "Skattningsskala (SDQ)",
    "Målskattning med barn och vårdnadshavare",
)
EVALUATION_CHILD_VIEWS = (
    "Det har blivit bättre hemma.",
    "Kontaktpersonen var bra, vi gjorde roliga saker.",
    "Jag tyckte inte att det hjälpte.",
    "Jag vill att det fortsätter.",
)
EVALUATION_VIEW_MISSING = (
    "Barnet ville inte delta i uppföljningen.",
    "Barnet har flyttat och kunde inte nås.",
    "Barnet är för ungt för att tillfrågas.",
)
GUARDIAN_VIEWS = (
    "Vårdnadshavarna är nöjda med insatsen.",
    "Vårdnadshavaren tycker att insatsen kom för sent.",
)
NOTES = (
    "Telefonsamtal med mamma, som bekräftar att barnet har det svårt i skolan.",
    "Hembesök. Lägenheten i ordning, barnet hemma och pratade kort med handläggaren.",
    "Samråd med skolans elevhälsa om barnets frånvaro.",
)
#: Notes of visits to a placed child; several lines, as a caseworker writes them.
VISIT_NOTES = (
    "Barnet visade sitt rum och berättade om skolan.\nTrivs i familjehemmet, saknar sin bror.",
    "Enskilt samtal i parken.\n\nBarnet vill träffa mamma oftare. Tas upp vid nästa övervägande.",
    "Familjehemmet berättar att sömnen har blivit bättre.\nSkolan rapporterar god närvaro.",
    "Kort besök, barnet var trött efter träningen.",
)
CORRECTION = "Rättelse: samtalet hölls med pappa, inte mamma."
DELAY_OTHER = "Tolk fanns inte att tillgå under flera veckor."


def pick(options: tuple[str, ...], rng: random.Random) -> str:
    return rng.choice(options)


def account(reasons: list[str], rng: random.Random) -> str:
    return rng.choice(ACCOUNTS[reasons[0]])


#: Care plans and implementation plans: goals per BBIC sub-area, the child's view, who does what.
PLAN_GOALS = {
    "child_development.health": (
        "Barnet ska få den tandvård och hälsoundersökning som erbjuds.",
        "Barnet ska sova hela nätter och äta regelbundet.",
    ),
    "child_development.education": (
        "Barnet ska gå i skolan varje dag; mentorn följer upp närvaron varje vecka.",
        "Barnet ska få stöd i matematik och svenska.",
    ),
    "child_development.emotions_behaviour": (
        "Barnet ska ha en vuxen att prata med om det som hänt hemma.",
    ),
    "child_development.social_relations": (
        "Barnet ska fortsätta med sin fritidsaktivitet och träffa sina vänner.",
    ),
    "family_environment.family_network": (
        "Barnet ska träffa sin mamma varannan helg och sina syskon varje vecka.",
    ),
}
PLAN_CHILD_VIEWS = (
    "Barnet vill bo kvar och träffa mamma oftare.",
    "Barnet tycker att det är bra i familjehemmet men saknar sina syskon.",
    "Ungdomen vill flytta hem så snart som möjligt.",
)
PLAN_RESPONSIBILITIES = (
    "Socialsekreteraren: besök var tredje månad och samtal med barnet enskilt. "
    "Familjehemmet: vardagen, skolkontakt. Skolan: mentor och närvaro. Regionen: tandvård.",
    "Socialsekreteraren: uppföljning och umgänge. Boendet: struktur och skolgång. "
    "Regionen (BUP): samtalskontakt.",
)
PLAN_LONG_TERM_HOUSING = (
    "Barnet bor kvar i familjehemmet så länge vården pågår; vårdnadsöverflyttning övervägs.",
)

#: What a follow-up of the child's situation follows (SoL 2025:400 23 kap.).
FOLLOW_UP_PURPOSES = (
    "Att skolnärvaron håller i sig och att familjen tar emot stödet från elevhälsan.",
    "Att kontakten med BUP kommer igång och att barnet mår bättre hemma.",
    "Att föräldrarna fullföljer föräldrastödet som de har anmält sig till.",
)
#: Why a follow-up is decided without the guardians' and the child's consent.
FOLLOW_UP_NEEDS = (
    "Upprepad oro från skolan; vårdnadshavarna avböjer stöd men förhållandena är inte sådana "
    "som avses i LVU.",
)


#: The demo's youth offending and jourhem texts (invented).
JOURHEM_REASONS = (
    "Ett familjehem är utrett men kan ta emot barnet först om några veckor; att flytta barnet "
    "två gånger vore sämre för barnet."
)
LUL_MEASURES = (
    "Nämnden avser att erbjuda särskilt kvalificerad kontaktperson i sex månader och "
    "bedömer att den unge är lämplig för ungdomstjänst."
)
YOUTH_SERVICE_PLAN = (
    "Fyra timmar i veckan på kommunens återbruk, samtal med handledaren efter varje pass."
)

#: Protected housing without the father's consent (lag 2024:79) and the temporary travel ban
#: (LVU 31 d §) of the showcase case (decision 0043).
PROTECTED_HOUSING_NOTE = (
    "Barnet följer med mamma till skyddat boende. Pappa samtycker inte; beslutet kunde inte "
    "avvakta rättens prövning med hänsyn till risken för barnets säkerhet."
)
TRAVEL_BAN_NOTE = (
    "Pappa har sagt att han ska ta barnet till släkten utomlands. Rättens beslut kan inte "
    "avvaktas med hänsyn till risken att barnet förs utomlands."
)
