"""The codes of a follow-up of the child's situation (SoL 2025:400 23 kap.; contract: keep them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    """What the follow-up follows (23 kap. 1 and 2 §§)."""

    AFTER_INVESTIGATION = "after_investigation", _("Efter utredning som avslutats utan insats")
    AFTER_PLACEMENT = "after_placement", _("Efter att placeringen upphört")


class Consent(models.TextChoices):
    """Whose consent the follow-up rests on (23 kap. 1 and 2 §§)."""

    CONSENTED = "consented", _("Vårdnadshavarna och barnet samtycker")
    WITHOUT_CONSENT = (
        "without_consent",
        _("Utan samtycke: barnet bedöms vara i särskilt behov av nämndens skydd eller stöd"),
    )


class Outcome(models.TextChoices):
    """How the follow-up ended."""

    NO_FURTHER_ACTION = "no_further_action", _("Inget fortsatt behov av nämndens stöd")
    INVESTIGATION_OPENED = "investigation_opened", _("Ny utredning inleds")
    REFERRED = "referred", _("Hänvisad till annan verksamhet")
    TIME_LIMIT = "time_limit", _("Tiden för uppföljningen har gått ut")
    OTHER = "other", _("Annat")


#: The placement kinds after which 23 kap. 2 § allows a follow-up: a foster home, protected
#: housing or a home for care or housing (HVB; the special youth homes are such homes). Not a
#: supported housing (stödboende), which the provision does not name.
PLACEMENT_KINDS = frozenset(
    {
        "foster_home",
        "kinship_foster_home",
        "emergency_foster_home",
        "protected_housing",
        "residential_care_home",
        "secure_youth_home",
    }
)
