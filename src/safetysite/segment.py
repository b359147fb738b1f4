"""Split a Markdown page into translatable segments and put it back together.

One segmenter serves extraction (:mod:`safetysite.extract`), translation
(:mod:`safetysite.translate`) and the markup check (:mod:`safetysite.checks`),
so the three cannot drift apart.

A segment is a span of the source text plus the message that stands for it.
Everything between segments is kept byte for byte, so joining a page with no
translations gives back the source exactly. Hard-wrapped lines of one block
make one message, joined with single spaces, so re-wrapping English keeps its
translations.

Segments: front-matter ``title`` and ``description``, headings, paragraphs,
list items (nested), table cells, paragraphs in blockquotes, admonition titles
and bodies (``!!!``, ``???``, ``???+``), image alt text and titles, link
reference titles. Not segments: fenced and indented code, attribute lists,
HTML comments and blocks, link reference targets, rules, and any text with no
letter in it (a lone number or a dash has nothing to translate). The block readers
that find them are in :mod:`safetysite.blocks`; this module is the segmenter's interface.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from safetysite.blocks import BlockReader, Line, lines_of

__all__ = ["Document", "Segment", "normalize", "probe", "segment"]

#: What each kind of segment is, in words for the translator (``#.`` comments).
KINDS = {
    "title": "page title (front matter)",
    "description": "page description (front matter)",
    "heading": "heading",
    "paragraph": "paragraph",
    "list item": "list item",
    "table cell": "table cell",
    "blockquote": "quotation",
    "admonition title": "box title",
    "admonition": "text in a box",
    "image alt": "image description (alt text)",
    "image title": "image title",
    "link title": "link title",
}


@dataclass(frozen=True)
class Segment:
    """One translatable span of a page.

    ``start``/``end`` index the source text; ``msgid`` is what translators see;
    ``line`` is the 1-based line where the span starts; ``yaml`` says the span is
    a YAML scalar, so a translation is written back quoted.
    """

    kind: str
    msgid: str
    start: int
    end: int
    line: int
    yaml: bool = False

    def encode(self, text: str) -> str:
        """Return ``text`` as it must be written in place of this span."""
        text = normalize(text)
        return json.dumps(text, ensure_ascii=False) if self.yaml else text


@dataclass(frozen=True)
class Document:
    """A page split into segments; :meth:`join` puts it back together."""

    source: str
    segments: tuple[Segment, ...]

    def join(self, translate: Callable[[Segment], str | None] = lambda s: None) -> str:
        """Rebuild the page, replacing each segment ``translate`` gives text for."""
        out, pos = [], 0
        for seg in self.segments:
            out.append(self.source[pos : seg.start])
            text = translate(seg)
            out.append(self.source[seg.start : seg.end] if text is None else seg.encode(text))
            pos = seg.end
        out.append(self.source[pos:])
        return "".join(out)


def normalize(text: str) -> str:
    """Join hard-wrapped lines: every run of whitespace with a newline becomes one space."""
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", text).strip()


_FRONT = re.compile(r"^(title|description):[ \t]*(.*?)[ \t]*$")


def _front_matter(seg: BlockReader, lines: list[Line]) -> int:
    """Segment a leading YAML front matter block; return the index of the first body line."""
    if not lines or lines[0].text.rstrip() != "---":
        return 0
    for j in range(1, len(lines)):
        if lines[j].text.rstrip() in ("---", "..."):
            break
    else:
        return 0
    for line in lines[1:j]:
        if not (field := _FRONT.match(line.text)):
            continue
        value, start = field.group(2), field.start(2)
        quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
        if quoted:
            try:
                inner = json.loads(value) if value[0] == '"' else value[1:-1].replace("''", "'")
            except ValueError:
                continue
        elif value and value[0] not in "|>[{&*!%@`#":
            inner = value
        else:
            continue
        seg.add(field.group(1), line, start, line.pos + start + len(value), [inner], yaml=True)
    return j + 1


def segment(source: str) -> Document:
    """Split ``source`` (a whole Markdown page) into a :class:`Document`."""
    seg = BlockReader(source)
    lines = lines_of(source)
    first = _front_matter(seg, lines)
    seg.blocks(lines[first:], "document")
    return Document(source, tuple(Segment(*span) for span in sorted(seg.found, key=lambda s: s.start)))


#: How each kind of segment is written alone, so a translation can be re-parsed.
_PROBES: dict[str, Callable[[str], str]] = {
    "title": lambda t: f"---\ntitle: {t}\n---\n",
    "description": lambda t: f"---\ndescription: {t}\n---\n",
    "heading": lambda t: f"## {t}\n",
    "paragraph": lambda t: f"{t}\n",
    "list item": lambda t: f"- {t}\n",
    "table cell": lambda t: f"| {t} |\n|---|\n",
    "blockquote": lambda t: f"> {t}\n",
    "admonition title": lambda t: f'!!! note "{t}"\n',
    "admonition": lambda t: f"!!! note\n    {t}\n",
    "image alt": lambda t: f"![{t}](x.png)\n",
    "image title": lambda t: f'![x](x.png "{t}")\n',
    "link title": lambda t: f'[x]: https://example.org "{t}"\n',
}


def probe(kind: str, text: str) -> tuple[Segment, ...]:
    """Segment ``text`` written alone as a ``kind`` block (the markup check's re-parse)."""
    encoded = (
        json.dumps(normalize(text), ensure_ascii=False)
        if kind in ("title", "description")
        else normalize(text)
    )
    return segment(_PROBES[kind](encoded)).segments
