"""Whether a qualified translator has checked a language: one header field in its catalogue.

Each ``.po`` file says it in its header, in one line a reviewer changes when they sign the
language off::

    "X-Review: unreviewed\\n"
    "X-Review: reviewed 2026-12-14 by a qualified Urdu translator (DPSI, law)\\n"

The reviewer is named by role, never by name, email or phone number. A missing field means
unreviewed. While a language is unreviewed its pages (and posters) tell readers so, and link to
the English page, which is the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["FIELD", "UNREVIEWED", "Review", "parse_review"]

#: The header field (GNU gettext keeps any ``X-`` field; so do Poedit and Weblate).
FIELD = "X-Review"
_REVIEWED = re.compile(r"reviewed (\d{4}-\d{2}-\d{2}) by (.+)")
#: Signs of a private person's details where only a role belongs: an email address or a phone
#: number (the reviewer here; who verified a number, in the contacts file).
PRIVATE = re.compile(r"@|\d[\d ]{6,}")
HOW = f'write "{FIELD}: unreviewed" or "{FIELD}: reviewed YYYY-MM-DD by ROLE" (a role, not a name)'


@dataclass(frozen=True)
class Review:
    """A language's review state: reviewed or not, when, and by what kind of reviewer."""

    reviewed: bool
    date: str = ""
    role: str = ""

    def __str__(self) -> str:
        return f"reviewed {self.date} by {self.role}" if self.reviewed else "unreviewed"


UNREVIEWED = Review(reviewed=False)


def parse_review(value: str | None, today: date | None = None) -> Review:
    """Read the ``X-Review`` value (None when the field is missing: unreviewed).

    Raises ValueError, saying how to write it, for anything else.
    """
    if value is None or value.strip() == "unreviewed":
        return UNREVIEWED
    match = _REVIEWED.fullmatch(value.strip())
    if not match:
        raise ValueError(f"{FIELD} {value.strip()!r} is not understood: {HOW}")
    when, role = match.groups()
    try:
        day = date.fromisoformat(when)
    except ValueError:
        raise ValueError(f"{FIELD} date {when!r} is not a date: {HOW}") from None
    if day > (today or date.today()):
        raise ValueError(f"{FIELD} date {when} is in the future: {HOW}")
    if PRIVATE.search(role):
        raise ValueError(f"{FIELD} names a role, never an email address or phone number: {HOW}")
    return Review(reviewed=True, date=when, role=role.strip())
