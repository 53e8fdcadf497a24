"""The work lists' background job: every case's next due date worked out before office hours.

Mina ärenden and Enhetens översikt sort, filter and count their cases by each case's next due
date, kept for the day while nothing it depends on changed (decision 0052). On a new day every
kept date is stale, so the day's first list worked them all out again: at 100,000 reports a
manager with 9,000 cases on the unit list waited over a second. Every night, after the day has
turned, the next due date of every case that may be on a work list (open, or closed within
``worklist.CLOSED_CASES_KEPT``) is worked out and kept, a slice of cases at a time, so that the
day's first list reads kept dates like the rest of the day. A case that changes during the day
is worked out again by the list that shows it, as before.

Each case's first unmet time limit is kept in words too (its title, explanation and legal
reference), as a list keeps it for the rows it shows, so that the morning's lists read no
facts at all. Nothing personal is read out: the facts are read to work out dates, and what is
kept is derived from them (a date, a status, counts, the rule's words), written without audit
as a list writes it; the lists that show it are audited as they always were.
"""

from __future__ import annotations

import logging

from skyddsnat import clock
from skyddsnat.cases.models import Case
from skyddsnat.idlists import IdIn
from skyddsnat.web import worklist

logger = logging.getLogger(__name__)

#: Cases worked out together: their facts are held in memory at once (about 2,000 cases' facts
#: are a few megabytes), and each slice is one upsert.
SLICE = 2000


def keep_next_due_dates() -> str:
    """Work out and keep today's next due date of every case on a work list; return a summary.

    Idempotent: run again the same day with nothing changed, it works out none.
    """
    today = clock.today()
    ids = list(
        worklist.on_the_list(Case.objects.all(), today).order_by("pk").values_list("pk", flat=True)
    )
    worked = 0
    for start in range(0, len(ids), SLICE):
        cases = Case.objects.filter(IdIn("pk", ids[start : start + SLICE]))
        worked += worklist.keep_next_dues(cases, today)
    summary = f"{today.isoformat()}: {len(ids)} ärenden på arbetslistor, {worked} frister räknade"
    logger.info("Next due dates %s.", summary)
    return summary
