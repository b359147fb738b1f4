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
letter in it (a lone number or a dash has nothing to translate).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

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


@dataclass(frozen=True)
class _Line:
    text: str  # the line without its newline and without container prefixes
    pos: int  # offset of text[0] in the source
    no: int  # 1-based line number


_LETTER = re.compile(r"[^\W\d_]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]*")  # Python-Markdown needs no space after the #s
#: An attribute list ends a line; a {placeholder} (a number from the contacts file) is not one.
_ATTR_TAIL = re.compile(r"[ \t]*(?!\{[a-z][a-z0-9_]*\})\{:?[ \t]*[#.:\w-][^}]*\}[ \t]*$")
_ATTR_LINE = re.compile(r"^[ \t]*(?!\{[a-z][a-z0-9_]*\})\{:?[ \t]*[#.:\w-][^}]*\}[ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
_QUOTE = re.compile(r"^ {0,3}> ?")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"(.*?)")?[ \t]*$')
_HTML_BLOCK = re.compile(r"^ {0,3}</?[a-zA-Z][\w-]*(?:[\s/>]|$)")
_COMMENT = re.compile(r"^ {0,3}<!--")
_REFERENCE = re.compile(
    r"""^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*<?\S+?>?(?:[ \t]+(?:"(.*)"|'(.*)'|\((.*)\)))?[ \t]*$"""
)
_ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]]+\]:")
_IMAGE = re.compile(r'^!\[([^\]]*)\]\(\s*<?[^\s)>]*>?(?:\s+"([^"]*)")?\s*\)(?:\{[^}]*\})?$')
_TABLE_RULE = re.compile(r"^(?=.*\|)[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_FRONT = re.compile(r"^(title|description):[ \t]*(.*?)[ \t]*$")


def visible(text: str) -> str:
    """The words a reader sees in inline Markdown: no link targets, tags or code."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\{[a-z][a-z0-9_]*\}", " ", text)  # a placeholder for a number or address
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]*>", " ", text)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _blank(line: _Line) -> bool:
    return not line.text.strip()


def _interrupts(text: str) -> bool:
    """Whether a line starts a new block instead of continuing a paragraph."""
    return bool(
        _FENCE.match(text)
        or _HEADING.match(text)
        or _QUOTE.match(text)
        or _ADMONITION.match(text)
        or _COMMENT.match(text)
        or _RULE.match(text)
        or _LIST.match(text)
        or _ATTR_LINE.match(text)
        or _HTML_BLOCK.match(text)
    )


class _Segmenter:
    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[Segment] = []

    def add(  # noqa: PLR0913 (a span needs its kind, line, both ends, text and quoting)
        self, kind: str, line: _Line, start: int, end: int, lines: list[str], *, yaml: bool = False
    ) -> None:
        msgid = " ".join(part.strip() for part in lines).strip()
        if start < end and _LETTER.search(visible(msgid)):
            self.found.append(Segment(kind, msgid, line.pos + start, end, line.no, yaml))

    def span(self, kind: str, lines: list[_Line]) -> None:
        """Add the text of ``lines`` (already stripped of containers) as one segment."""
        first, last = lines[0], lines[-1]
        lead = len(first.text) - len(first.text.lstrip())
        tail = last.pos + len(last.text.rstrip())
        self.add(kind, first, lead, tail, [ln.text for ln in lines])

    # -- blocks -------------------------------------------------------------------
    def blocks(self, lines: list[_Line], kind: str) -> None:
        i = 0
        while i < len(lines):
            i = self.block(lines, i, kind)

    def block(self, lines: list[_Line], i: int, kind: str) -> int:  # noqa: C901, PLR0911, PLR0912, PLR0915 (one branch per block kind, in Markdown's order)
        line = lines[i]
        text = line.text
        if _blank(line):
            return i + 1
        if fence := _FENCE.match(text):
            mark = fence.group(1)
            j = i + 1
            while j < len(lines):
                close = lines[j].text.strip()
                if close.startswith(mark[0] * len(mark)) and not close.strip(mark[0]):
                    return j + 1
                j += 1
            return j
        if _COMMENT.match(text):
            j = i
            while j < len(lines) and "-->" not in lines[j].text:
                j += 1
            return j + 1
        if _indent(text) >= 4:  # indented code
            j = i + 1
            while j < len(lines) and (_blank(lines[j]) or _indent(lines[j].text) >= 4):
                j += 1
            return j
        if _HTML_BLOCK.match(text) or _ATTR_LINE.match(text) or _ABBREVIATION.match(text):
            j = i + 1
            while j < len(lines) and not _blank(lines[j]):
                j += 1
            return j
        if _RULE.match(text):
            return i + 1
        if heading := _HEADING.match(text):
            body = text[heading.end() :]
            body = _CLOSING_HASHES.sub("", _ATTR_TAIL.sub("", body))
            start = heading.end()
            self.add("heading", line, start, line.pos + start + len(body.rstrip()), [body])
            return i + 1
        if admonition := _ADMONITION.match(text):
            if admonition.group(1) is not None:
                start = admonition.start(1)
                end = line.pos + admonition.end(1)
                self.add("admonition title", line, start, end, [admonition.group(1)])
            j = i + 1
            body: list[_Line] = []
            while j < len(lines) and (_blank(lines[j]) or _indent(lines[j].text) >= 4):
                inner = lines[j]
                cut = min(4, _indent(inner.text))
                body.append(_Line(inner.text[cut:], inner.pos + cut, inner.no))
                j += 1
            self.blocks(body, "admonition")
            return j
        if _QUOTE.match(text):
            quoted: list[_Line] = []
            j = i
            while j < len(lines) and (mark := _QUOTE.match(lines[j].text)):
                inner = lines[j]
                quoted.append(_Line(inner.text[mark.end() :], inner.pos + mark.end(), inner.no))
                j += 1
            self.blocks(quoted, "blockquote")
            return j
        if reference := _REFERENCE.match(text):
            group = next((g for g in (1, 2, 3) if reference.group(g) is not None), None)
            if group is not None:
                start, end = reference.start(group), reference.end(group)
                self.add("link title", line, start, line.pos + end, [reference.group(group)])
            return i + 1
        if item := _LIST.match(text):
            return self.list_item(lines, i, item)
        if i + 1 < len(lines) and "|" in text and _TABLE_RULE.match(lines[i + 1].text):
            return self.table(lines, i)
        return self.paragraph(lines, i, kind)

    def list_item(self, lines: list[_Line], i: int, item: re.Match[str]) -> int:
        line = lines[i]
        width = item.end() if item.group(3) else len(line.text)
        content = max(4, width) if len(item.group(3)) <= 4 else item.end(2) + 1
        body = [_Line(line.text[width:], line.pos + width, line.no)]
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            if _blank(nxt):
                k = j
                while k < len(lines) and _blank(lines[k]):
                    k += 1
                if k == len(lines) or _indent(lines[k].text) < min(content, 4):
                    break
                body.extend(lines[j:k])
                j = k
                continue
            indent = _indent(nxt.text)
            if indent >= min(content, 4):
                cut = min(indent, content)
                body.append(_Line(nxt.text[cut:], nxt.pos + cut, nxt.no))
            elif _blank(lines[j - 1]) or _interrupts(nxt.text):
                break
            else:  # lazy continuation of the item's paragraph
                body.append(nxt)
            j += 1
        self.blocks(body, "list item")
        return j

    def table(self, lines: list[_Line], i: int) -> int:
        j = i
        while j < len(lines) and not _blank(lines[j]):  # a table runs to the next blank line
            if j != i + 1:
                for start, end in _cells(lines[j].text):
                    cell = lines[j].text[start:end]
                    self.add("table cell", lines[j], start, lines[j].pos + end, [cell])
            j += 1
        return j

    def paragraph(self, lines: list[_Line], i: int, kind: str) -> int:
        para = [lines[i]]
        j = i + 1
        while j < len(lines) and not _blank(lines[j]):
            if _SETEXT.match(lines[j].text):
                self.span("heading", para)
                return j + 1
            if _interrupts(lines[j].text):
                break
            para.append(lines[j])
            j += 1
        last = para[-1]
        if tail := _ATTR_TAIL.search(last.text):  # block attribute list after the text
            para[-1] = _Line(last.text[: tail.start()], last.pos, last.no)
        one = " ".join(ln.text.strip() for ln in para)
        image = _IMAGE.match(one) if len(para) == 1 else None
        if image:
            first = para[0]
            lead = _indent(first.text)
            for group, what in ((1, "image alt"), (2, "image title")):
                if image.group(group):
                    start, end = lead + image.start(group), lead + image.end(group)
                    self.add(what, first, start, first.pos + end, [image.group(group)])
        else:
            self.span(kind if kind != "document" else "paragraph", para)
        return j


def _cells(row: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each trimmed cell of a table row (pipes in closed code spans kept)."""
    code = [span.span() for span in re.finditer(r"(`+)(?:(?!\1).)+?\1", row)]
    bounds = [
        k
        for k, char in enumerate(row)
        if char == "|" and (k == 0 or row[k - 1] != "\\") and not any(a < k < b for a, b in code)
    ]
    edges = [-1, *bounds, len(row)]
    for left, right in pairwise(edges):
        cell = row[left + 1 : right]
        if (left == -1 and not cell.strip()) or (right == len(row) and not cell.strip()):
            continue
        lead = len(cell) - len(cell.lstrip())
        if cell.strip():
            yield left + 1 + lead, left + 1 + len(cell.rstrip())


def _lines(source: str, start: int = 0, first_no: int = 1) -> list[_Line]:
    out, pos, no = [], start, first_no
    while pos < len(source):
        end = source.find("\n", pos)
        end = len(source) if end == -1 else end
        text = source[pos:end]
        out.append(_Line(text[:-1] if text.endswith("\r") else text, pos, no))
        pos, no = end + 1, no + 1
    return out


def _front_matter(seg: _Segmenter, lines: list[_Line]) -> int:
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
    seg = _Segmenter(source)
    lines = _lines(source)
    first = _front_matter(seg, lines)
    seg.blocks(lines[first:], "document")
    return Document(source, tuple(sorted(seg.found, key=lambda s: s.start)))


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
