"""How the segmenter reads Markdown blocks: one reader for each kind of block.

:class:`BlockReader` walks a page's lines as Python-Markdown does (fences, comments, indented
code, raw HTML, rules, headings, boxes, quotations, references, lists, tables, paragraphs) and
records a :class:`Span` for each piece of text a reader sees. :mod:`safetysite.segment` turns the
spans into segments; nothing else uses this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

__all__ = ["BlockReader", "Line", "Span", "lines_of", "visible"]


class Span(NamedTuple):
    """Where one segment is: its kind, message, offsets in the source, line and YAML quoting."""

    kind: str
    msgid: str
    start: int
    end: int
    line: int
    yaml: bool


@dataclass(frozen=True)
class Line:
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


def visible(text: str) -> str:
    """The words a reader sees in inline Markdown: no link targets, tags or code."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\{[a-z][a-z0-9_]*\}", " ", text)  # a placeholder for a number or address
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]*>", " ", text)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _blank(line: Line) -> bool:
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


class BlockReader:
    """Reads the blocks of a page and records the span of each segment in ``found``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[Span] = []

    def add(  # noqa: PLR0913 (a span needs its kind, line, both ends, text and quoting)
        self, kind: str, line: Line, start: int, end: int, lines: list[str], *, yaml: bool = False
    ) -> None:
        msgid = " ".join(part.strip() for part in lines).strip()
        if start < end and _LETTER.search(visible(msgid)):
            self.found.append(Span(kind, msgid, line.pos + start, end, line.no, yaml))

    def span(self, kind: str, lines: list[Line]) -> None:
        """Add the text of ``lines`` (already stripped of containers) as one segment."""
        first, last = lines[0], lines[-1]
        lead = len(first.text) - len(first.text.lstrip())
        tail = last.pos + len(last.text.rstrip())
        self.add(kind, first, lead, tail, [ln.text for ln in lines])

    # -- blocks -------------------------------------------------------------------
    def blocks(self, lines: list[Line], kind: str) -> None:
        i = 0
        while i < len(lines):
            i = self.block(lines, i, kind)

    def block(self, lines: list[Line], i: int, kind: str) -> int:
        """Segment the block that starts at ``lines[i]``; return the index of the line after it.

        Each reader below takes the block if it is its kind (in Python-Markdown's order) and
        returns where the block ends, or None; what none takes is a paragraph.
        """
        if _blank(lines[i]):
            return i + 1
        for read in self.READERS:
            end = read(self, lines, i)
            if end is not None:
                return end
        return self.paragraph(lines, i, kind)

    # -- blocks with nothing to translate ------------------------------------------
    def fence(self, lines: list[Line], i: int) -> int | None:
        if not (fence := _FENCE.match(lines[i].text)):
            return None
        mark = fence.group(1)
        for j in range(i + 1, len(lines)):
            close = lines[j].text.strip()
            if close.startswith(mark[0] * len(mark)) and not close.strip(mark[0]):
                return j + 1
        return len(lines)

    def comment(self, lines: list[Line], i: int) -> int | None:
        if not _COMMENT.match(lines[i].text):
            return None
        j = i
        while j < len(lines) and "-->" not in lines[j].text:
            j += 1
        return j + 1

    def indented_code(self, lines: list[Line], i: int) -> int | None:
        if _indent(lines[i].text) < 4:
            return None
        j = i + 1
        while j < len(lines) and (_blank(lines[j]) or _indent(lines[j].text) >= 4):
            j += 1
        return j

    def raw(self, lines: list[Line], i: int) -> int | None:
        """HTML blocks, attribute-list lines and abbreviations run to the next blank line."""
        text = lines[i].text
        if not (_HTML_BLOCK.match(text) or _ATTR_LINE.match(text) or _ABBREVIATION.match(text)):
            return None
        j = i + 1
        while j < len(lines) and not _blank(lines[j]):
            j += 1
        return j

    def rule(self, lines: list[Line], i: int) -> int | None:
        return i + 1 if _RULE.match(lines[i].text) else None

    # -- blocks with text ----------------------------------------------------------
    def heading(self, lines: list[Line], i: int) -> int | None:
        line = lines[i]
        if not (heading := _HEADING.match(line.text)):
            return None
        body = _CLOSING_HASHES.sub("", _ATTR_TAIL.sub("", line.text[heading.end() :]))
        start = heading.end()
        self.add("heading", line, start, line.pos + start + len(body.rstrip()), [body])
        return i + 1

    def admonition(self, lines: list[Line], i: int) -> int | None:
        line = lines[i]
        if not (admonition := _ADMONITION.match(line.text)):
            return None
        if admonition.group(1) is not None:
            end = line.pos + admonition.end(1)
            self.add("admonition title", line, admonition.start(1), end, [admonition.group(1)])
        j = i + 1
        body: list[Line] = []
        while j < len(lines) and (_blank(lines[j]) or _indent(lines[j].text) >= 4):
            inner = lines[j]
            cut = min(4, _indent(inner.text))
            body.append(Line(inner.text[cut:], inner.pos + cut, inner.no))
            j += 1
        self.blocks(body, "admonition")
        return j

    def quote(self, lines: list[Line], i: int) -> int | None:
        if not _QUOTE.match(lines[i].text):
            return None
        quoted: list[Line] = []
        j = i
        while j < len(lines) and (mark := _QUOTE.match(lines[j].text)):
            inner = lines[j]
            quoted.append(Line(inner.text[mark.end() :], inner.pos + mark.end(), inner.no))
            j += 1
        self.blocks(quoted, "blockquote")
        return j

    def reference(self, lines: list[Line], i: int) -> int | None:
        line = lines[i]
        if not (reference := _REFERENCE.match(line.text)):
            return None
        group = next((g for g in (1, 2, 3) if reference.group(g) is not None), None)
        if group is not None:
            start, end = reference.start(group), reference.end(group)
            self.add("link title", line, start, line.pos + end, [reference.group(group)])
        return i + 1

    def list_or_table(self, lines: list[Line], i: int) -> int | None:
        text = lines[i].text
        if item := _LIST.match(text):
            return self.list_item(lines, i, item)
        if i + 1 < len(lines) and "|" in text and _TABLE_RULE.match(lines[i + 1].text):
            return self.table(lines, i)
        return None

    #: Block readers in the order Python-Markdown tries them; a paragraph is what none takes.
    READERS = (fence, comment, indented_code, raw, rule, heading, admonition, quote, reference, list_or_table)

    def list_item(self, lines: list[Line], i: int, item: re.Match[str]) -> int:
        line = lines[i]
        width = item.end() if item.group(3) else len(line.text)
        content = max(4, width) if len(item.group(3)) <= 4 else item.end(2) + 1
        body = [Line(line.text[width:], line.pos + width, line.no)]
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
                body.append(Line(nxt.text[cut:], nxt.pos + cut, nxt.no))
            elif _blank(lines[j - 1]) or _interrupts(nxt.text):
                break
            else:  # lazy continuation of the item's paragraph
                body.append(nxt)
            j += 1
        self.blocks(body, "list item")
        return j

    def table(self, lines: list[Line], i: int) -> int:
        j = i
        while j < len(lines) and not _blank(lines[j]):  # a table runs to the next blank line
            if j != i + 1:
                for start, end in _cells(lines[j].text):
                    cell = lines[j].text[start:end]
                    self.add("table cell", lines[j], start, lines[j].pos + end, [cell])
            j += 1
        return j

    def paragraph(self, lines: list[Line], i: int, kind: str) -> int:
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
            para[-1] = Line(last.text[: tail.start()], last.pos, last.no)
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


def lines_of(source: str, start: int = 0, first_no: int = 1) -> list[Line]:
    out, pos, no = [], start, first_no
    while pos < len(source):
        end = source.find("\n", pos)
        end = len(source) if end == -1 else end
        text = source[pos:end]
        out.append(Line(text[:-1] if text.endswith("\r") else text, pos, no))
        pos, no = end + 1, no + 1
    return out
