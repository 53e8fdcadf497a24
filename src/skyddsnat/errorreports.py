"""Error reports and log records without personal data (docs/spec/security.md: "only ids").

``SafeExceptionReporterFilter`` (``DEFAULT_EXCEPTION_REPORTER_FILTER``) hides every posted value
and every local variable of the traceback: a case view's locals hold names and identity numbers.
``PersonalDataLogFilter`` (on every log handler) masks anything shaped like a Swedish personal
identity number that still reaches a log line, e.g. inside an exception message.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.views import debug

#: ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, with or without the dash or a plus sign, 10 or 12 digits.
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")
MASK = "[personnummer]"


class SafeExceptionReporterFilter(debug.SafeExceptionReporterFilter):
    """Hide all POST parameters and all traceback variables, not only the "sensitive" ones."""

    def get_post_parameters(self, request: Any) -> dict[str, str]:
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> list[tuple[str, str]]:
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


def mask(text: str) -> str:
    """Return ``text`` with identity numbers masked."""
    return IDENTITY_NUMBER.sub(MASK, text)


class PersonalDataLogFilter(logging.Filter):
    """Mask identity numbers in the message and the exception text of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
            del exc
        return True
