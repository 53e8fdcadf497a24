"""Codes shared by every stage of a case (contract: keep the values)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Where a case is in the process (BBIC: aktualisera, utreda, genomföra, avslutat).

    ``follow_up`` is the follow-up of the child's situation that the committee may decide after
    an investigation closed without an intervention or a placement ended (23 kap. SoL
    2025:400): the case is open again until the follow-up is ended.

    Only ``skyddsnat.cases.lifecycle`` changes a case's phase.
    """

    ASSESSMENT = "assessment", _("Aktualisering")
    INVESTIGATION = "investigation", _("Utredning")
    INTERVENTION = "intervention", _("Insats")
    FOLLOW_UP = "follow_up", _("Uppföljning")
    CLOSED = "closed", _("Avslutat")


class DecidedBy(models.TextChoices):
    """Who decides (*beslutsfattare*): the committee itself or a delegate."""

    COMMITTEE = "committee", _("Nämnden")
    DELEGATE = "delegate", _("Delegat")


class Basis(models.TextChoices):
    """The legal basis of a decision on an intervention (and of an investigation's proposal)."""

    SOL_VOLUNTARY = "sol_voluntary", _("SoL (frivillig)")
    LVU_2 = "lvu_2", _("LVU 2 § (hemmiljön)")
    LVU_3 = "lvu_3", _("LVU 3 § (eget beteende)")
    LVU_6_EMERGENCY = "lvu_6_emergency", _("LVU 6 § (omedelbart omhändertagande)")
    LUL = "lul", _("LUL")


class Kind(models.TextChoices):
    """The kind of an intervention (and of an investigation's proposal)."""

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
