"""Translate a Markdown page segment by segment.

A segment is replaced when the catalogue has a usable translation for it (one
that is present, not fuzzy and passed every check: see
:func:`safetysite.catalog.load_translations`); every other segment stays in
English, so a bad or missing translation never loses the English text. English
left in a translated page is marked ``lang="en" dir="ltr"``, so screen readers
switch voice and the text reads left to right inside a right-to-left page.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import markdown

from safetysite.contacts import PLACEHOLDER
from safetysite.segment import Segment, segment

__all__ = ["Result", "after_heading", "mark_english_titles", "translate", "translate_titles"]

#: Kinds whose text sits in an element that can hold a marked-up <span>.
MARKABLE = {"paragraph", "heading", "list item", "table cell", "blockquote", "admonition"}


@dataclass(frozen=True)
class Result:
    """A translated page, with how many of its segments were translated."""

    text: str
    total: int
    translated: int
    #: Box titles left in English: Markdown cannot mark them, so the page's HTML is marked later.
    english_titles: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        """Some segments are still in English."""
        return self.translated < self.total

    def meta(self) -> dict:
        """What templates and later steps read from a translated page's metadata."""
        return {
            "partial": self.partial,
            "translated": self.translated,
            "total": self.total,
            "english_titles": self.english_titles,
        }


def translate(source: str, messages: Mapping[str, str], *, mark_english: bool = False) -> Result:
    """Replace every segment of ``source`` that ``messages`` translates.

    With ``mark_english``, each segment left in English is wrapped in
    ``<span lang="en" dir="ltr">`` where Markdown allows it.
    """
    document = segment(source)
    done = 0
    titles: list[str] = []

    def lookup(seg: Segment) -> str | None:
        nonlocal done
        text = messages.get(seg.msgid)
        if text is not None:
            done += 1
            return text
        if seg.kind == "admonition title":
            titles.append(seg.msgid)
        if mark_english and seg.kind in MARKABLE:
            return f'<span lang="en" dir="ltr">{seg.msgid}</span>'
        return None

    text = document.join(lookup)
    return Result(text, len(document.segments), done, tuple(titles))


_TITLE = re.compile(r'<p class="admonition-title">(.*?)</p>', re.DOTALL)
_MARKDOWN = markdown.Markdown()
#: Stands for a {placeholder} while a title is rendered: letters only, so Markdown leaves it be.
_SLOT = "Qplaceholderq"


def _text(fragment: str) -> str:
    """The words of an HTML fragment, as a reader sees them."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _title_pattern(title: str) -> re.Pattern[str]:
    """What a box title's rendered text looks like: its Markdown rendered (``Stay **low**`` reads
    "Stay low"), each {placeholder} standing for the number or address it becomes."""
    rendered = _text(_MARKDOWN.reset().convert(PLACEHOLDER.sub(_SLOT, title)))
    return re.compile(".+?".join(re.escape(part) for part in rendered.split(_SLOT)))


def mark_english_titles(html: str, titles: tuple[str, ...]) -> str:
    """Mark box titles that stayed in English with ``lang="en" dir="ltr"`` in rendered HTML."""
    patterns = [_title_pattern(title) for title in titles]

    def mark(match: re.Match[str]) -> str:
        if any(p.fullmatch(_text(match.group(1))) for p in patterns):
            return f'<p lang="en" dir="ltr" class="admonition-title">{match.group(1)}</p>'
        return match.group(0)

    return _TITLE.sub(mark, html) if patterns else html


_FIRST_HEADING = re.compile(r"<h1\b[^>]*>.*?</h1>", re.DOTALL)


def after_heading(html: str, insert: str) -> str:
    """Put ``insert`` right after the page's first ``<h1>`` (at the start if it has none)."""
    found = _FIRST_HEADING.search(html)
    return html[: found.end()] + insert + html[found.end() :] if found else insert + html


def translate_titles(
    items: Iterable[Any],
    gettext: Callable[[str], str],
    *,
    children: Callable[[Any], Iterable[Any]],
    explicit: Callable[[Any], bool],
) -> None:
    """Translate, in place, every title a site's navigation writes itself (``explicit``), walking
    sections through ``children``; titles taken from a page come translated with the page."""
    todo = list(items)
    while todo:
        item = todo.pop()
        todo.extend(children(item))
        if explicit(item) and item.title:
            item.title = gettext(item.title)
