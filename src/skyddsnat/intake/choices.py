"""The codes of docs/spec/process.md section 2 for reports and assessments.

Contract: keep the values.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.rules import reporters


class ReportKind(models.TextChoices):
    REPORT = "report", _("Orosanmälan")
    APPLICATION = "application", _("Ansökan")


class Channel(models.TextChoices):
    PHONE = "phone", _("Telefon")
    ESERVICE = "eservice", _("E-tjänst")
    LETTER = "letter", _("Brev")
    EMAIL = "email", _("E-post")
    IN_PERSON = "in_person", _("Besök")
    POLICE_REPORT = "police_report", _("Polisanmälan")
    INTERNAL = "internal", _("Intern")


class ReporterCategory(models.TextChoices):
    POLICE = "police", _("Polis")
    SCHOOL = "school", _("Skola")
    PRESCHOOL = "preschool", _("Förskola")
    HEALTH_CARE = "health_care", _("Hälso- och sjukvård")
    CHILD_PSYCHIATRY = "child_psychiatry", _("BUP")
    DENTAL_CARE = "dental_care", _("Tandvård")
    SOCIAL_SERVICES = "social_services", _("Socialtjänst")
    OTHER_MUNICIPALITY = "other_municipality", _("Annan kommun")
    RELATIVE = "relative", _("Anhörig")
    PRIVATE_PERSON = "private_person", _("Privatperson")
    ANONYMOUS = "anonymous", _("Anonym")
    CHILD_SELF = "child_self", _("Barnet självt")
    SOCIAL_INSURANCE_AGENCY = "social_insurance_agency", _("Försäkringskassan")
    MIGRATION_AGENCY = "migration_agency", _("Migrationsverket")
    SECURITY_GUARD = "security_guard", _("Ordningsvakt")
    OTHER = "other", _("Annan")


def is_mandatory_reporter(category: str, received_on: date) -> bool:
    """Return whether reporters of ``category`` must report, for a report received on that day.

    The list is the law's and versioned (``skyddsnat.rules.reporters``): a report received before
    2026-01-15 is judged by the list in force then.
    """
    return reporters.is_mandatory_reporter(category, received_on)


class Reason(models.TextChoices):
    VIOLENCE_AGAINST_CHILD = "violence_against_child", _("Våld mot barnet")
    WITNESSED_VIOLENCE = "witnessed_violence", _("Barnet har bevittnat våld")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexuella övergrepp")
    NEGLECT = "neglect", _("Brister i omsorgen")
    GUARDIAN_SUBSTANCE_ABUSE = "guardian_substance_abuse", _("Vårdnadshavares missbruk")
    GUARDIAN_MENTAL_ILLNESS = "guardian_mental_illness", _("Vårdnadshavares psykiska ohälsa")
    CHILD_SUBSTANCE_ABUSE = "child_substance_abuse", _("Barnets missbruk")
    CHILD_CRIMINALITY = "child_criminality", _("Barnets kriminalitet")
    CHILD_OTHER_DESTRUCTIVE_BEHAVIOUR = (
        "child_other_destructive_behaviour",
        _("Barnets annat socialt nedbrytande beteende"),
    )
    SCHOOL_ABSENCE = "school_absence", _("Skolfrånvaro")
    HONOUR_RELATED = "honour_related", _("Hedersrelaterat våld och förtryck")
    UNACCOMPANIED_MINOR = "unaccompanied_minor", _("Ensamkommande barn")
    OTHER = "other", _("Annat")


class Urgency(models.TextChoices):
    ACUTE = "acute", _("Akut")
    HIGH = "high", _("Hög")
    NORMAL = "normal", _("Normal")


class Applicant(models.TextChoices):
    CHILD = "child", _("Barnet")
    GUARDIAN = "guardian", _("Vårdnadshavare")


class ProtectiveOutcome(models.TextChoices):
    NO_IMMEDIATE_NEED = "no_immediate_need", _("Inget omedelbart skyddsbehov")
    IMMEDIATE_NEED = "immediate_need", _("Omedelbart skyddsbehov")


class ProtectiveAction(models.TextChoices):
    EMERGENCY_CUSTODY = "emergency_custody", _("Omedelbart omhändertagande (LVU 6 §)")
    EMERGENCY_PLACEMENT = "emergency_placement", _("Akut placering")
    OTHER_PROTECTIVE_ACTION = "other_protective_action", _("Annan skyddsåtgärd")


class PreliminaryOutcome(models.TextChoices):
    OPENED = "opened", _("Utredning inleds")
    NOT_OPENED = "not_opened", _("Utredning inleds inte")
    TRANSFERRED = "transferred", _("Överlämnas till annan kommun")
    JOINED_TO_ONGOING = "joined_to_ongoing", _("Läggs till pågående utredning")
    #: No investigation: help at once, as an intervention without an individual needs
    #: assessment (11 kap. 5 § SoL 2025:400). The case goes on to the intervention phase.
    EARLY_HELP = "early_help", _("Hjälp utan utredning (insats utan behovsprövning)")
    #: No investigation: the child or family is referred to another service (named in
    #: ``transferred_to``). The case closes.
    REFERRED = "referred", _("Hänvisas till annan verksamhet")


#: The outcomes with no investigation and no report joined to one.
WITHOUT_INVESTIGATION = frozenset(
    {
        PreliminaryOutcome.NOT_OPENED,
        PreliminaryOutcome.TRANSFERRED,
        PreliminaryOutcome.EARLY_HELP,
        PreliminaryOutcome.REFERRED,
    }
)


class NotOpenedReason(models.TextChoices):
    NO_CONCERN_CONFIRMED = "no_concern_confirmed", _("Oron bekräftades inte")
    OUTSIDE_SOCIAL_SERVICES = "outside_social_services", _("Utanför socialtjänstens ansvar")
    ALREADY_KNOWN_NO_NEW_NEED = "already_known_no_new_need", _("Redan känt, inget nytt behov")
    MOVED = "moved", _("Barnet har flyttat")
    OTHER = "other", _("Annat")


class AdultTriggerKind(models.TextChoices):
    LVM = "lvm", _("Vårdnadshavare vårdas enligt LVM")
    LPT = "lpt", _("Vårdnadshavare vårdas enligt LPT")
    VIOLENCE = "violence", _("Utredning om våld i nära relation")
