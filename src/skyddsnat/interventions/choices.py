"""The codes of docs/spec/process.md for decisions and interventions (contract: keep the values)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    SOL_VOLUNTARY = "sol_voluntary", _("SoL (frivillig)")
    LVU_2 = "lvu_2", _("LVU 2 § (hemmiljön)")
    LVU_3 = "lvu_3", _("LVU 3 § (eget beteende)")
    LVU_6_EMERGENCY = "lvu_6_emergency", _("LVU 6 § (omedelbart omhändertagande)")
    LUL = "lul", _("LUL")


class Kind(models.TextChoices):
    CONTACT_PERSON = "contact_person", _("Kontaktperson")
    CONTACT_FAMILY = "contact_family", _("Kontaktfamilj")
    FAMILY_TREATMENT = "family_treatment", _("Familjebehandling")
    STRUCTURED_PROGRAMME = "structured_programme", _("Strukturerat program (t.ex. MST, FFT)")
    QUALIFIED_CONTACT_PERSON = "qualified_contact_person", _("Särskilt kvalificerad kontaktperson")
    PARENTING_SUPPORT = "parenting_support", _("Föräldrastöd")
    OTHER_OPEN_CARE = "other_open_care", _("Annan öppenvårdsinsats")
    FOSTER_HOME = "foster_home", _("Familjehem")
    KINSHIP_FOSTER_HOME = "kinship_foster_home", _("Nätverkshem")
    EMERGENCY_FOSTER_HOME = "emergency_foster_home", _("Jourhem")
    RESIDENTIAL_CARE_HOME = "residential_care_home", _("HVB")
    SUPPORTED_HOUSING = "supported_housing", _("Stödboende")
    SECURE_YOUTH_HOME = "secure_youth_home", _("Särskilt ungdomshem (SiS)")
    #: Help without an investigation or an individual needs assessment (11 kap. 5 § SoL
    #: 2025:400): only in a case whose preliminary assessment chose it, never after an
    #: investigation; counted apart in the indicators.
    HELP_WITHOUT_ASSESSMENT = "help_without_assessment", _("Insats utan individuell behovsprövning")


PLACEMENT_KINDS = frozenset(
    {
        Kind.FOSTER_HOME,
        Kind.KINSHIP_FOSTER_HOME,
        Kind.EMERGENCY_FOSTER_HOME,
        Kind.RESIDENTIAL_CARE_HOME,
        Kind.SUPPORTED_HOUSING,
        Kind.SECURE_YOUTH_HOME,
    }
)
FOSTER_HOME_KINDS = frozenset({Kind.FOSTER_HOME, Kind.KINSHIP_FOSTER_HOME})


class EndReason(models.TextChoices):
    COMPLETED_AS_PLANNED = "completed_as_planned", _("Avslutad enligt plan")
    BREAKDOWN = "breakdown", _("Sammanbrott")
    MOVED = "moved", _("Flyttat")
    TURNED_18 = "turned_18", _("Fyllt 18 år")
    OTHER = "other", _("Annat")


class GoalsMet(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvis")
    NO = "no", _("Nej")


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("Vården fortsätter")
    CHANGE = "change", _("Vården ändras")
    END = "end", _("Vården ska upphöra")
