"""``/halsa/``: is the application up and can it reach its database? (django-health-check)

For the municipality's monitoring and the load balancer: no login, no personal data, not
audited. It answers 200 when every check passes and 500 when one fails, with the checks'
results as JSON (``{"Database(alias='default')": "OK"}``), whatever the client accepts: the
library's HTML page carries an inline style sheet that the Content-Security-Policy refuses.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from health_check.views import HealthCheckView


class HealthView(HealthCheckView):
    """The database answers ``SELECT 1`` (the only service the application depends on)."""

    checks = ("health_check.checks.Database",)

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        return self.render_to_response_json(response_kwargs.get("status", 200))
