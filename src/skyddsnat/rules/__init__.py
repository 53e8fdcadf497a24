"""The law as data: Swedish child-welfare time limits, free of Django.

Build a ``CaseFacts`` from what was registered and call ``evaluate(facts, as_of)``: every rule
runs, and every obligation that had started by ``as_of`` comes back with its due date, status,
legal reference and a Swedish explanation. Statistics over many cases count them with
``obligations_due`` instead: the same obligations in a window, without the words. ``RULES``
holds the rules themselves; each explains itself with ``help_text()``.

This package imports nothing from Django (``tests/rules/test_no_django.py`` keeps it so).
"""

from .calendar import (
    STOCKHOLM,
    Period,
    add_months,
    is_swedish_non_working_day,
    local_date,
    next_working_day,
)
from .engine import Due, evaluate, investigation_due_date, obligations_due
from .facts import (
    CaseFacts,
    EmergencyCustodyFacts,
    ExtensionFacts,
    FollowUpFacts,
    InterventionFacts,
    InvestigationFacts,
    LulStatementFacts,
    LvuCourtCaseFacts,
    LvuFollowUpFacts,
    LvuMeasureFacts,
    PlanFacts,
    ProtectedHousingOrderFacts,
    RuleSettings,
    StayExtensionFacts,
    YouthServiceFacts,
)
from .obligation import (
    STATUS_DUE_SOON,
    STATUS_MET,
    STATUS_MET_LATE,
    STATUS_OPEN,
    STATUS_OVERDUE,
    Obligation,
    Status,
)
from .registry import RULES
from .rule import Rule, RuleRegistry

__all__ = [
    "RULES",
    "STATUS_DUE_SOON",
    "STATUS_MET",
    "STATUS_MET_LATE",
    "STATUS_OPEN",
    "STATUS_OVERDUE",
    "STOCKHOLM",
    "CaseFacts",
    "Due",
    "EmergencyCustodyFacts",
    "ExtensionFacts",
    "FollowUpFacts",
    "InterventionFacts",
    "InvestigationFacts",
    "LulStatementFacts",
    "LvuCourtCaseFacts",
    "LvuFollowUpFacts",
    "LvuMeasureFacts",
    "Obligation",
    "Period",
    "PlanFacts",
    "ProtectedHousingOrderFacts",
    "Rule",
    "RuleRegistry",
    "RuleSettings",
    "Status",
    "StayExtensionFacts",
    "YouthServiceFacts",
    "add_months",
    "evaluate",
    "investigation_due_date",
    "is_swedish_non_working_day",
    "local_date",
    "next_working_day",
    "obligations_due",
]
