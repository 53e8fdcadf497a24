"""How Skyddsnät logs: one handler on the root logger, its personal-data filter, text or JSON.

Django's settings (``LOGGING``) and gunicorn's (``skyddsnat/gunicorn_conf.py``,
``logconfig_dict``) are both built here, so the application's records, gunicorn's own and its
access log leave the process the same way: through ``errorreports.PersonalDataLogFilter``
(identity numbers masked) and one formatter, chosen by ``SKYDDSNAT_LOG_FORMAT``: ``text`` (the
default, for a person at a terminal) or ``json`` (one JSON object a line, for the journal or
a log collector).

A JSON line holds the time, the level, the logger and the message, and nothing else a library
attached to the record: Django's request log attaches the request itself, whose text is the
whole address with its query string, which the filter never sees.
"""

from __future__ import annotations

from typing import Any

from pythonjsonlogger.json import JsonFormatter as LibraryJsonFormatter

FORMATS = ("text", "json")
#: The fields of a JSON line (besides ``timestamp`` and, for an error, ``exc_info``).
JSON_FIELDS = ("levelname", "name", "message")
JSON_RENAMED = {"levelname": "level", "name": "logger"}
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class JsonFormatter(LibraryJsonFormatter):
    """python-json-logger's formatter, keeping only the named fields and the exception."""

    KEPT = frozenset(
        {JSON_RENAMED.get(f, f) for f in JSON_FIELDS} | {"timestamp", "exc_info", "stack_info"}
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(list(JSON_FIELDS), rename_fields=JSON_RENAMED, timestamp=True, **kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in log_data.items() if key in self.KEPT}


def logging_config(log_format: str = "text", level: str = "INFO") -> dict[str, Any]:
    """Return the ``logging.config.dictConfig`` configuration: one filtered console handler.

    Django's own handlers are emptied: the ``django`` logger's debug console and
    ``mail_admins``, and ``django.server``'s (``runserver``'s access log, each request line with
    its query string); gunicorn's too. Their records go up to the root's handler instead.
    """
    if log_format not in FORMATS:
        raise ValueError(f"SKYDDSNAT_LOG_FORMAT must be text or json, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "text": {"format": TEXT_FORMAT},
            "json": {"()": "skyddsnat.logconfig.JsonFormatter"},
        },
        "filters": {"personal_data": {"()": "skyddsnat.errorreports.PersonalDataLogFilter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["personal_data"],
            }
        },
        "loggers": {
            name: {"handlers": [], "propagate": True}
            for name in ("django", "django.server", "gunicorn.error", "gunicorn.access")
        },
        "root": {"handlers": ["console"], "level": level},
    }
