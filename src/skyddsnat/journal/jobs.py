"""The journal's background jobs: old drafts of forms that have no case are removed.

A draft of a casework form goes with its case (and its form's save). The new report's draft and a
survey question's have no case (decision 0036): one never saved would stay for ever, so every
case-less draft, whatever its form, not saved for ``CASELESS_DRAFT_DAYS`` days is removed every night, each removal audited (``dispose``, channel
``system``), never its text.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, transaction

from skyddsnat import clock
from skyddsnat.audit import services as audit
from skyddsnat.audit.services import DisposedRow
from skyddsnat.journal.models import FormDraft

CASELESS_DRAFT_DAYS = 30
RULE = f"caseless_form_draft_{CASELESS_DRAFT_DAYS}_days"


def remove_old_caseless_drafts() -> str:
    """Remove every case-less draft last saved more than ``CASELESS_DRAFT_DAYS`` days ago.

    Idempotent: run again, it finds nothing more to remove.
    """
    cutoff = clock.now() - timedelta(days=CASELESS_DRAFT_DAYS)
    with transaction.atomic():
        old = list(
            FormDraft.objects.select_for_update()
            .filter(case__isnull=True, saved_at__lt=cutoff)
            .select_related("author")
        )
        audit.record_disposals(
            [
                DisposedRow(
                    object_type="journal.formdraft",
                    object_id=str(draft.pk),
                    case_id=None,
                    child_id=None,
                    municipality_id=draft.author.municipality_id,
                    rule_id=RULE,
                )
                for draft in old
            ],
            using=DEFAULT_DB_ALIAS,
        )
        FormDraft.objects.filter(pk__in=[draft.pk for draft in old]).delete()
    return f"{len(old)} gamla utkast utan ärende borttagna."
