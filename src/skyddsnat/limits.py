"""The plausible limits of what may be entered, in one place (docs/architecture.md, "Limits").

Every limit is refused with a Swedish message and nothing stored, by whichever door the input
came: the request guard (``skyddsnat/inputguard.py``) for the size of a request and the
characters no text may hold, the services for the rest. The reasons for each number are here
and in docs/architecture.md; change both together.

Pure Python: no Django, so that settings, services and tests can all import it.
"""

from __future__ import annotations

from datetime import date

#: The largest request body, in bytes, on the web and the API (Django's
#: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and the API's cap: 413 beyond it). The largest legitimate
#: request is a form with a few long texts: three texts of ``MAX_TEXT_CHARS`` characters, each
#: character escaped as six bytes (``\\u00e5`` in JSON, ``%C3%A5`` in a form), are 360 000 bytes.
MAX_BODY_BYTES = 1024 * 1024

#: The most characters one free text (an account, a child's view, an analysis, a note …) may
#: hold: about ten typed pages. A longer text is almost always a paste gone wrong; a longer
#: document belongs in several journal entries.
MAX_TEXT_CHARS = 20_000

#: The most characters a search for a child (*Sök barn*) may hold: a name or an identity number
#: is far shorter. The search is kept in the user's session while its results are shown (the
#: query never travels in an address), so a paste gone wrong must not grow the session.
MAX_SEARCH_CHARS = 100

#: The most children one report (or application) may name. A report is about one family:
#: sibling groups of more than ten are very rare, and more than 15 names is a list that should be
#: split into several reports (or a mistake), and would open as many cases at once.
MAX_CHILDREN_PER_REPORT = 15

#: No report of concern can have been received before the Social Services Act (1980:620) came
#: into force on 1 January 1982; the rules of this system start later still (SoL 2001:453).
EARLIEST_RECEIVED_DATE = date(1982, 1, 1)

#: No child or guardian in the register was born before 1900 (birth dates are also never in
#: the future; the services check that against the clock).
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

#: How far one extension of an investigation (*förlängning av utredningstid*) may move its due
#: date: at most this many months after the due date it replaces. The law lets the committee
#: extend the investigation "för viss tid" (for a definite time) when there are special reasons
#: (11 kap. 2 § SoL 2001:453; the four months are SoL 2025:400 20 kap. 3 § in
#: docs/spec/process.md section 3, where the extension's wording is still to be verified). The
#: law's purpose is an investigation without delay: a date further off than the statutory four
#: months over again, and more, serves no investigation and is almost always a typing error
#: (9999-12-31 showed "2912106 dagar kvar"). A further need is a new decision, taken before the
#: new due date passes.
MAX_EXTENSION_MONTHS = 6

#: The longest an API token may be issued for, in days (the default is 90,
#: ``accounts.models.API_TOKEN_LIFETIME``). A token is a password a system keeps in its
#: configuration: one that never expires outlives the system, the person responsible for it and
#: the reason it was given. A year is one yearly review of which systems still need theirs;
#: longer is a token nobody will remember to revoke.
MAX_API_TOKEN_DAYS = 365

NUL = "\x00"


def bad_character(text: str, subject: str = "Texten") -> str | None:
    """Return the Swedish reason ``text`` cannot be stored, or None when it can.

    ``subject`` is what the message calls the text (``Texten i ”anmälarens namn”``).

    A NUL character cannot be stored in PostgreSQL and means nothing in a text; a lone
    surrogate (half of a UTF-16 pair, e.g. ``"\\ud800"`` in JSON) is not a character at all and
    cannot be written as UTF-8.
    """
    if NUL in text:
        return f"{subject} innehåller ett nolltecken (NUL), som inte kan sparas. Ta bort det."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return (
            f"{subject} innehåller ett ogiltigt tecken (ett ensamt surrogattecken), som inte "
            "kan sparas. Skriv in texten på nytt."
        )
    return None


def number_sv(n: int) -> str:
    """Return ``n`` with Swedish thousands separators (``20 000``)."""
    return f"{n:,}".replace(",", "\N{NO-BREAK SPACE}")


def too_long(length: int, limit: int, subject: str = "Texten") -> str:
    """Return the Swedish message for a text of ``length`` characters over ``limit``."""
    return (
        f"{subject} är för lång: högst {number_sv(limit)} tecken, men den har {number_sv(length)}."
    )
