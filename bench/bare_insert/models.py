"""The one table of the bare comparison."""

from __future__ import annotations

from django.db import models


class Row(models.Model):
    """One posted body's text and when it came."""

    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
