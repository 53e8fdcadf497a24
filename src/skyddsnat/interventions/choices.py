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
    #: Protected housing (9 kap. 6 § SoL 2025:400), for a child only together with a guardian
    #: who is also granted it (22 kap. 5 §); considered every six months (22 kap. 13 §).
    PROTECTED_HOUSING = "protected_housing", _("Skyddat boende")
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
        Kind.PROTECTED_HOUSING,
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


class GuardianConsent(models.TextChoices):
    """Whether the guardians consent to the intervention (LVU 1 § andra stycket)."""

    GIVEN = "given", _("Vårdnadshavarna samtycker")
    REFUSED = "refused", _("Vårdnadshavarna, eller någon av dem, samtycker inte")
    NOT_REACHED = "not_reached", _("Vårdnadshavarna har inte kunnat tillfrågas")


class ChildConsent(models.TextChoices):
    """Whether the child consents; asked from 15 (LVU 1 § andra stycket)."""

    GIVEN = "given", _("Barnet samtycker")
    REFUSED = "refused", _("Barnet samtycker inte")
    UNDER_15 = "under_15", _("Barnet är under 15 år")


LVU_CARE_BASES = frozenset({Basis.LVU_2, Basis.LVU_3})


class LvuMeasureKind(models.TextChoices):
    """LVU measures short of or beside care, each with its review (rules/registry.py)."""

    CONTACT_RESTRICTION = "contact_restriction", _("Umgängesbegränsning (14 § andra stycket 1)")
    WHEREABOUTS_SECRET = "whereabouts_secret", _("Vistelseorten röjs inte (14 § andra stycket 2)")
    REMOVAL_BAN = "removal_ban", _("Flyttningsförbud (24 §)")
    TRAVEL_BAN = "travel_ban", _("Utreseförbud (31 a §)")
    COMPULSORY_SUPPORT = "compulsory_support", _("Insats utan samtycke (22 §)")


#: The measures the administrative court decides on the committee's application (24, 31 b §§).
COURT_MEASURES = frozenset({LvuMeasureKind.REMOVAL_BAN, LvuMeasureKind.TRAVEL_BAN})
