"""Find a report through the policy: another municipality's is *not found*, never *forbidden*.

The question (``policy.can_read_report``) is the policy's; the lookup lives here, beside the
model, so that the policy imports none of the stages (decision 0010).
"""

from __future__ import annotations

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.errors import Forbidden, NotFound
from skyddsnat.intake.models import Report


def require_report(user: User, report_id: int) -> Report:
    """Return the report if the user may read one of its cases (else ``NotFound``/``Forbidden``)."""
    report = (
        Report.objects.prefetch_related("reasons")
        .filter(pk=report_id, municipality_id=user.municipality_id)
        .first()
    )
    if report is None:
        raise NotFound("Anmälan finns inte.")
    if not policy.can_read_report(user, report):
        raise Forbidden("Du har inte behörighet till anmälan.")
    return report
