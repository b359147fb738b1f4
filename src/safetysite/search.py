"""Search: what each language's search index holds, read from its finished pages.

Search runs in the reader's browser, on the Search page only (``overrides/search.html`` and
``docs/assets/javascripts/search.js``): no other page loads any of it. This module gives each
language one small index, ``search/index.json`` under the language's home: one record per
section of each page (its address, the page's title, the section's heading and its text), taken
from the HTML the reader sees. Numbers that the pages isolate left to right stay isolated in the
text (with Unicode isolate marks), so a result's excerpt reads them the right way round.

The index holds text, not words: the browser folds and stems words with one function
(``keys`` in search.js) for the index and for the query, so the two sides cannot drift.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from html.parser import HTMLParser

__all__ = ["INDEX", "SEARCH_PAGE", "Section", "dumps", "page_sections"]

#: Where the Search page is, under each language's home; its index is in the same folder.
SEARCH_PAGE = "search/"
INDEX = "search/index.json"
#: Unicode's left-to-right isolate and its end: a number inside reads left to right in any text.
LRI, PDI = "\u2066", "\u2069"

_BLOCK = {
    *("p", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "div", "section"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "details", "summary", "figure"),
    "figcaption",
}
_SKIPPED = {"script", "style", "svg", "button", "form", "nav", "template", "noscript"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "embed", "track", "base"}
#: Parts of a page that are not its content: the heading's link mark, the unreviewed-translation
#: and partly-English notices (on every page, so they would match every query).
_SKIPPED_CLASSES = {"headerlink", "site-review", "site-partial"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    """One record of the index: ``url`` is relative to the language's home."""

    url: str
    page: str
    heading: str
    text: str


class _Sections(HTMLParser):
    """Reads the article of one page into sections, each starting at a heading with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list[str]] = []  # [anchor, heading, text]
        self.inside = False  # in the page's article
        self.skipping = 0  # inside a part that is not content when > 0
        self.heading: list[str] | None = None  # the heading being read
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skips, isolates) of open elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if not self.inside:
            self.inside = tag == "article" and "md-content__inner" in classes
            return
        if tag in _VOID:
            if tag in {"br", "hr"}:
                self.text(" ")
            return
        skips = tag in _SKIPPED or bool(classes & _SKIPPED_CLASSES) or "hidden" in values
        isolates = values.get("dir") == "ltr" and not (self.skipping or skips)
        self.stack.append((tag, skips, isolates))
        self.skipping += skips
        if isolates:
            self.text(LRI)
        if tag in _BLOCK:
            self.text(" ")
        if tag in {"h1", "h2", "h3"} and not self.skipping and (values.get("id") or not self.sections):
            anchor = "" if tag == "h1" or not self.sections else values.get("id") or ""
            self.sections.append([anchor, "", ""])
            self.heading = []

    def handle_endtag(self, tag: str) -> None:
        if not self.inside or tag in _VOID:
            return
        if tag not in {open_tag for open_tag, _, _ in self.stack}:
            self.inside = tag != "article"  # the article ends; a stray end tag is ignored
            return
        while self.stack:
            open_tag, skips, isolates = self.stack.pop()
            self.skipping -= skips
            if isolates:
                self.text(PDI)
            if open_tag in _BLOCK and not self.skipping:
                self.text(" ")
            if open_tag in {"h1", "h2", "h3"} and self.heading is not None and self.sections:
                self.sections[-1][1] = _clean("".join(self.heading))
                self.heading = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.inside and not self.skipping:
            self.text(data)

    def text(self, data: str) -> None:
        """Add text to the heading being read, or else to the current section."""
        if self.heading is not None:
            self.heading.append(data)
        elif self.sections:
            self.sections[-1][2] += data


def _clean(text: str) -> str:
    """Text with its spaces made single, none inside an isolate's ends, and no empty isolates."""
    text = _SPACE.sub(" ", text).replace(f"{LRI}{PDI}", "")
    text = re.sub(rf"{LRI}\s+", LRI, re.sub(rf"\s+{PDI}", PDI, text))
    return text.strip()


def page_sections(html: str, url: str) -> list[Section]:
    """The sections of a finished page at ``url`` (relative to its language's home): the first
    is the page's top, under its title; each later one starts at a heading with an id."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    if not parser.sections:
        return []
    title = parser.sections[0][1]
    return [
        Section(
            url=f"{url}#{anchor}" if anchor else url,
            page=title,
            heading="" if i == 0 else heading,
            text=_clean(text),
        )
        for i, (anchor, heading, text) in enumerate(parser.sections)
        if i == 0 or heading or text.strip()
    ]


def dumps(sections: list[Section]) -> str:
    """The index file: compact JSON, UTF-8 kept (it is most of what a first search downloads)."""
    records = [{k[0]: v for k, v in asdict(s).items() if v or k == "url"} for s in sections]  # u, p, h, t
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"))
