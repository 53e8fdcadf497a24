"""What an audit row's object and channel are, in Swedish words for the people who read the log.

The log stores an object as its model label (``intake.preliminaryassessment``) and its id, so
that it never holds case text. A manager reading "who has read this child's file" needs words:
*Förhandsbedömning 267*, not the label. Every model of Skyddsnät has its word here;
``tests/security/test_audit_page.py`` fails when a model is added without one. Objects that are
no database row (a search, an export of indicators) have theirs too.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OBJECT_LABELS: dict[str, Promise] = {
    "accounts.municipality": _("Kommun"),
    "accounts.childpopulation": _("Befolkningsuppgift"),
    "accounts.unit": _("Enhet"),
    "accounts.user": _("Användare"),
    "accounts.apitoken": _("API-nyckel"),
    "accounts.breakglassaccess": _("Nödåtkomst"),
    "accounts.employmentperiod": _("Anställningsperiod"),
    "people.person": _("Person"),
    "people.child": _("Barn"),
    "people.guardian": _("Närstående"),
    "people.guardianrelation": _("Relation till barnet"),
    "people.personchange": _("Ändring av personuppgift"),
    "people.registerrecord": _("Uppgift i folkbokföringen"),
    "cases.case": _("Ärende"),
    "cases.caseworkerassignment": _("Ansvarig handläggare"),
    "cases.factsstamp": _("Ändringsstämpel för ärendets uppgifter"),
    "cases.nextduememo": _("Sparad nästa tidsfrist"),
    "cases.duesmemo": _("Sparade tidsfrister för statistiken"),
    "cases.municipalitystamp": _("Ändringsstämpel för kommunens uppgifter"),
    "cases.indicatormemo": _("Sparad indikatortabell"),
    "intake.report": _("Anmälan"),
    "intake.feedbackrequest": _("Begäran om återkoppling"),
    "intake.reportreason": _("Anmälningsorsak"),
    "intake.protectiveassessment": _("Skyddsbedömning"),
    "intake.preliminaryassessment": _("Förhandsbedömning"),
    "intake.reporterfeedback": _("Återkoppling till anmälare"),
    "intake.followupcontact": _("Uppföljande kontakt"),
    "intake.adulttrigger": _("Anmälan om vuxen"),
    "intake.adulttriggerlink": _("Koppling till vuxenärende"),
    "investigations.investigation": _("Utredning"),
    "investigations.delayreasonentry": _("Skäl till försening"),
    "investigations.triangleassessment": _("BBIC-område"),
    "investigations.childconversation": _("Samtal med barnet"),
    "investigations.externalrequest": _("Begäran om uppgifter"),
    "investigations.extension": _("Förlängning av utredningstiden"),
    "investigations.communication": _("Kommunicering"),
    "interventions.decision": _("Beslut"),
    "interventions.intervention": _("Insats"),
    "interventions.visit": _("Besök"),
    "interventions.review": _("Övervägande eller omprövning av placering"),
    "interventions.custodytransferconsideration": _("Övervägande om vårdnadsöverflyttning"),
    "interventions.emergencycustody": _("Omedelbart omhändertagande"),
    "interventions.evaluation": _("Utvärdering av insats"),
    "interventions.lvucourtcase": _("Ansökan om vård enligt LVU"),
    "interventions.lvumeasure": _("LVU-åtgärd"),
    "interventions.lvumeasurereview": _("Övervägande av LVU-åtgärd"),
    "interventions.lvufollowup": _("Uppföljning efter LVU-vård"),
    "interventions.stayextension": _("Längre vård i jourhem"),
    "interventions.lulstatement": _("Yttrande enligt LUL"),
    "interventions.youthservice": _("Ungdomstjänst"),
    "interventions.protectedhousingorder": _("Skyddat boende utan samtycke (lag 2024:79)"),
    "interventions.protectedhousingconsideration": _("Övervägande av skyddat boende utan samtycke"),
    "journal.journalentry": _("Journalanteckning"),
    "journal.formdraft": _("Utkast"),
    "audit.auditevent": _("Loggrad"),
    "api.idempotencyrecord": _("API-svar"),
    "retention.retentionplanentry": _("Gallringsplan"),
    "plans.plan": _("Vårdplan eller genomförandeplan"),
    "interventions.bestinterestsassessment": _("Bedömning av barnets bästa"),
    "investigations.openinginformation": _("Information om att utredning inletts"),
    "followups.followup": _("Uppföljning av barnets situation"),
    "followups.followupend": _("Avslutad uppföljning av barnets situation"),
    "jobs.sentnotice": _("Skickat meddelande"),
    "timestudy.categoryset": _("Kategoriuppsättning för tidsmätning"),
    "timestudy.category": _("Kategori i tidsmätning"),
    "timestudy.study": _("Tidsmätning"),
    "timestudy.participant": _("Deltagare i tidsmätning"),
    "timestudy.timeblock": _("Tidsblock"),
    "surveys.questionnaire": _("Enkät"),
    "surveys.edition": _("Enkätomgång"),
    "surveys.question": _("Enkätfråga"),
    "surveys.option": _("Svarsalternativ"),
    "surveys.respondent": _("Enkätsvarande"),
    "surveys.response": _("Enkätsvar"),
    "surveys.answer": _("Svar på enkätfråga"),
    "surveys.surveynotice": _("Utskick av enkät"),
    "actionplans.actionplan": _("Handlingsplan"),
    "actionplans.goal": _("Mål i handlingsplan"),
    "actionplans.goalindicator": _("Indikator för mål i handlingsplan"),
    "actionplans.targetversion": _("Målvärde i handlingsplan"),
    "actionplans.measure": _("Åtgärd i handlingsplan"),
    "actionplans.planchange": _("Ändring i handlingsplan"),
    # Objects that are no database row.
    "search": _("Sökning"),
    "indicators": _("Indikatorer"),
    "accounts.user_import": _("Import av användare"),
    "accounts.employment_import": _("Import av anställningar"),
}

CHANNEL_LABELS: dict[str, Promise] = {
    "web": _("Webben"),
    "api": _("API"),
    "system": _("Systemet (kommando eller schemalagt jobb)"),
}


def object_label(object_type: str) -> str:
    """Return the Swedish word for an audit row's object type; the label itself if unknown."""
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type


def channel_label(channel: str) -> str:
    """Return the Swedish words for where a request came from; the code itself if unknown."""
    label = CHANNEL_LABELS.get(channel)
    return str(label) if label is not None else channel
