"""How easy the English pages are to read: sentence lengths and standard scores.

GOV.UK asks for a reading age of about 9 and sentences of 25 words or fewer.
:func:`measure` reads a page's text through the same segmenter as translation,
with placeholders shown as their numbers and Markdown markup removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import textstat

from safetysite.contacts import Contact, expand
from safetysite.segment import segment

__all__ = ["LIMIT", "Report", "measure", "sentences"]

LIMIT = 25
_PROSE = {"paragraph", "list item", "blockquote", "admonition", "heading", "table cell"}


@dataclass(frozen=True)
class Report:
    """The figures for one page."""

    sentences: list[str]
    flesch_reading_ease: float
    flesch_kincaid_grade: float

    @property
    def longest(self) -> int:
        return max((len(s.split()) for s in self.sentences), default=0)

    @property
    def mean(self) -> float:
        return sum(len(s.split()) for s in self.sentences) / max(len(self.sentences), 1)

    def too_long(self, limit: int = LIMIT) -> list[str]:
        return [s for s in self.sentences if len(s.split()) > limit]


def _plain(text: str, contacts: Mapping[str, Contact]) -> str:
    text = expand(text, contacts)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", text)  # links and images: their text
    text = re.sub(r"<[^>]+>|[*_`]", "", text)
    return text.strip()


def sentences(markdown: str, contacts: Mapping[str, Contact]) -> list[str]:
    """The sentences of a page's prose (headings and table cells count as one each)."""
    found = []
    for seg in segment(markdown).segments:
        if seg.kind not in _PROSE:
            continue
        text = _plain(seg.msgid, contacts)
        parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])", text)
        found += [p for p in parts if re.search(r"[A-Za-z]", p)]
    return found


def measure(markdown: str, contacts: Mapping[str, Contact]) -> Report:
    found = sentences(markdown, contacts)
    prose = " ".join(s if s[-1:] in ".!?" else s + "." for s in found)
    return Report(found, textstat.flesch_reading_ease(prose), textstat.flesch_kincaid_grade(prose))
