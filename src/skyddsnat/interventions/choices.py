"""The codes of docs/spec/process.md for decisions and interventions (contract: keep the values)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from skyddsnat.cases import choices as shared

# The legal bases and kinds of intervention are shared with the investigation, which proposes
# them when it closes (``Investigation.proposed_basis``, ``proposed_kind``): they live in
# ``cases.choices`` and are named here as before.
Basis = shared.Basis
Kind = shared.Kind


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
    TEMPORARY_REMOVAL_BAN = "temporary_removal_ban", _("Tillfälligt flyttningsförbud (27 §)")
    TEMPORARY_TRAVEL_BAN = "temporary_travel_ban", _("Tillfälligt utreseförbud (31 d §)")


#: The measures the administrative court decides on the committee's application (24, 31 b §§).
COURT_MEASURES = frozenset({LvuMeasureKind.REMOVAL_BAN, LvuMeasureKind.TRAVEL_BAN})
#: The temporary bans the committee (or its chair) decides, submitted to the court within a week
#: (27–30 §§, 31 d–31 g §§); only the travel ban's application time may be extended (31 f §).
TEMPORARY_BANS = frozenset(
    {LvuMeasureKind.TEMPORARY_REMOVAL_BAN, LvuMeasureKind.TEMPORARY_TRAVEL_BAN}
)
EXTENDABLE_BANS = frozenset({LvuMeasureKind.TEMPORARY_TRAVEL_BAN})
