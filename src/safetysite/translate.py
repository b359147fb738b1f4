"""Translate a Markdown page segment by segment.

A segment is replaced when the catalogue has a usable translation for it (one
that is present, not fuzzy and passed every check: see
:func:`safetysite.catalog.load_translations`); every other segment stays in
English, so a bad or missing translation never loses the English text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from safetysite.segment import Segment, segment

__all__ = ["Result", "translate"]


@dataclass(frozen=True)
class Result:
    """A translated page, with how many of its segments were translated."""

    text: str
    total: int
    translated: int

    @property
    def partial(self) -> bool:
        """Some segments are still in English."""
        return self.translated < self.total


def translate(source: str, messages: Mapping[str, str]) -> Result:
    """Replace every segment of ``source`` that ``messages`` translates."""
    document = segment(source)
    done = 0

    def lookup(seg: Segment) -> str | None:
        nonlocal done
        text = messages.get(seg.msgid)
        done += text is not None
        return text

    text = document.join(lookup)
    return Result(text, len(document.segments), done)
