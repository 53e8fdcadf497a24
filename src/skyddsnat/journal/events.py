"""What each kind of journal event is called, as the heading of its place in the case's timeline.

The services append events with a code (``preliminary_assessment.decided``) and a sentence. A
timeline item is headed by what happened (*Förhandsbedömning beslutad*), so that a reader can scan
the headings. ``tests/web/test_case_page.py`` fails when a service appends an event code that has
no heading here.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENT_TITLES: dict[str, Promise] = {
    "report.registered": _("Anmälan registrerad"),
    "protective_assessment.made": _("Skyddsbedömning gjord"),
    "caseworker.reassigned": _("Ny ansvarig handläggare"),
    "preliminary_assessment.decided": _("Förhandsbedömning beslutad"),
    "case.handed_over": _("Överlämnat till utredning"),
    "reporter_feedback.requested": _("Återkoppling begärd"),
    "reporter_feedback.sent": _("Återkoppling lämnad"),
    "reporter_feedback.withheld": _("Återkoppling lämnas inte (olämplig)"),
    "adult_trigger.linked": _("Kopplat till vuxenärende"),
    "followup_contact.recorded": _("Uppföljande kontakt"),
    "investigation.plan_updated": _("Utredningsplan uppdaterad"),
    "investigation.request_sent": _("Begäran om uppgifter skickad"),
    "investigation.request_answered": _("Svar på begäran om uppgifter"),
    "investigation.child_conversation": _("Samtal med barnet"),
    "investigation.communicated": _("Utredningen kommunicerad"),
    "investigation.extended": _("Utredningstiden förlängd"),
    "investigation.closed": _("Utredningen avslutad"),
    "intervention.decided": _("Beslut om insats"),
    "intervention.ended": _("Insatsen avslutad"),
    "intervention.evaluated": _("Insatsen utvärderad"),
    "placement.visit": _("Besök hos barnet"),
    "placement.review": _("Övervägande eller omprövning"),
    "placement.custody_consideration": _("Vårdnadsöverflyttning övervägd"),
    "lvu.care_applied": _("Ansökan om vård enligt LVU"),
    "lvu.judgment": _("Förvaltningsrättens dom"),
    "lvu.care_started": _("Vården enligt LVU påbörjad"),
    "lvu.application_extended": _("Förlängd tid för ansökan om vård"),
    "lvu.measure_decided": _("LVU-åtgärd beslutad"),
    "lvu.measure_reviewed": _("LVU-åtgärd övervägd"),
    "lvu.measure_ended": _("LVU-åtgärd upphörd"),
    "lvu.follow_up_started": _("Uppföljning efter LVU-vård inledd"),
    "lvu.follow_up_ended": _("Uppföljning efter LVU-vård avslutad"),
    "lvu.temporary_ban_court": _("Tillfälligt förbud hos förvaltningsrätten"),
    "protected_housing.order_recorded": _("Skyddat boende utan samtycke registrerat"),
    "protected_housing.court_steps": _("Skyddat boende utan samtycke hos förvaltningsrätten"),
    "protected_housing.considered": _("Skyddat boende utan samtycke övervägt"),
    "care.jourhem_extended": _("Längre vård i jourhem beslutad"),
    "care.lul_requested": _("Begäran om yttrande enligt LUL"),
    "care.lul_submitted": _("Yttrande enligt LUL skickat"),
    "care.youth_service_registered": _("Dom på ungdomstjänst"),
    "care.youth_service_started": _("Ungdomstjänst påbörjad"),
    "care.youth_service_special_reasons": _("Särskilda skäl för senare start av ungdomstjänst"),
    "case.closed": _("Ärendet avslutat"),
    "people.child_changed": _("Barnets uppgifter ändrade"),
    "people.added": _("Närstående tillagd"),
    "people.person_changed": _("Närståendes uppgifter ändrade"),
    "people.relation_changed": _("Relation till närstående ändrad"),
    "people.register": _("Uppgifter hämtade från folkbokföringen"),
    # plans/services.py builds these from the plan's kind.
    "plan.care_plan.saved": _("Vårdplan sparad som utkast"),
    "plan.care_plan.signed": _("Vårdplan signerad"),
    "plan.implementation_plan.saved": _("Genomförandeplan sparad som utkast"),
    "plan.implementation_plan.signed": _("Genomförandeplan signerad"),
    "decision.best_interests": _("Bedömning av barnets bästa"),
    "investigation.opening_information": _("Information om att utredning inletts"),
    "follow_up.decided": _("Uppföljning av barnets situation beslutad"),
    "follow_up.ended": _("Uppföljning av barnets situation avslutad"),
}


def event_title(event: str) -> str:
    """Return the heading for an event code; *Händelse* for a code without one."""
    title = EVENT_TITLES.get(event)
    return str(title) if title is not None else str(_("Händelse"))
