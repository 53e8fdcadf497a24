"""gunicorn's entry point for the bare comparison (``DJANGO_SETTINGS_MODULE`` set by the bench)."""

from __future__ import annotations

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
