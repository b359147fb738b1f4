"""Keep phone numbers readable in right-to-left pages.

In Urdu, Hebrew or Arabic text the groups of "0800 789 321" are laid out right
to left and read "321 789 0800", and "+44" reads "44+". :func:`isolate_numbers`
wraps every phone number and international prefix in the body text of a page in
``<bdi dir="ltr">`` so it always reads left to right, whatever surrounds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel import Locale

from safetysite.contacts import UK_PHONE

__all__ = ["direction", "isolate_numbers"]

#: A number dialled from abroad: "+44", "+44 1622 690690" (right to left, "+44" would read "44+").
INTERNATIONAL = r"\+\d{1,3}(?: \d{2,6}){0,3}"
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_SKIP = {"script", "style", "title", "textarea", "bdi", "head", "code", "pre", "svg"}


def direction(locale: str) -> str:
    """``rtl`` or ``ltr``: the direction a language is written in."""
    return "rtl" if Locale.parse(locale).character_order == "right-to-left" else "ltr"


def _pattern(numbers: Iterable[str]) -> re.Pattern[str]:
    known = "|".join(re.escape(n) for n in sorted(set(numbers), key=len, reverse=True))
    choices = f"{INTERNATIONAL}|{UK_PHONE}|{known}" if known else f"{INTERNATIONAL}|{UK_PHONE}"
    return re.compile(rf"(?<![\w.,:/-])(?:{choices})(?![\w]|[.,:]\d)")


def isolate_numbers(html: str, numbers: Iterable[str]) -> str:
    """Wrap each phone number in the text of ``html`` in ``<bdi dir="ltr">``."""
    pattern = _pattern(numbers)
    out, skipping = [], []
    for part in _TOKEN.split(html):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z][\w-]*)", part)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if tag in skipping:
                        skipping.remove(tag)
                else:
                    skipping.append(tag)
            out.append(part)
        elif skipping:
            out.append(part)
        else:
            out.append(pattern.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', part))
    return "".join(out)
