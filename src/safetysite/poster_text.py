"""The posters' English text (``data/posters.yml``): read, checked, and listed as messages.

One reader for the Babel extractor (:func:`safetysite.extract.extract_posters`) and the build
(:mod:`safetysite.posters`), so what translators see and what is printed cannot drift apart.
Each message carries a note saying which poster and which part it is (``#.`` in the catalogues).

The file is checked where it is written: every text is a non-empty line of plain words with
``**bold**`` and ``{placeholders}`` only; a number of three digits or more must be a placeholder
(numbers come from the contacts file, never from the text); a row of the numbers poster names
exactly one placeholder. With the contacts, each placeholder must be a published entry. An error
is ``file:line: what is wrong``, then one line saying how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from safetysite.contacts import PLACEHOLDER, Contact
from safetysite.yamlerror import yaml_error

__all__ = ["COMMON", "Poster", "PosterError", "PosterText", "Row", "Section", "Text", "load_posters"]

#: The lines every poster has, with the note translators see.
COMMON = {
    "qr": "label beside the QR code and the web address it opens",
    "checked": "footer: when the numbers were last checked (%(date)s is a date the site writes)",
    "unchecked": "footer: said instead while the numbers are not yet checked",
    "unreviewed": "footer: said while no qualified translator has checked the language",
    "sample": "mark at the top of a preview (sample) poster, which must not be put up",
    "site": "footer: the site's name",
    "source": "footer: where the advice comes from",
}
_POSTER_KEYS = {"page", "headline", "lead", "pictogram", "sections"}
_SECTION_KEYS = {"heading", "pictogram", "lines", "numbers"}
_ROW_KEYS = {"number", "what", "when"}
_NAME = re.compile(r"[a-z][a-z0-9-]*")
#: What poster text may not hold: links, HTML, code, and numbers written out.
_FORBIDDEN = (
    (re.compile(r"\[|\]\(|<|>|`"), "has Markdown links, HTML or code", "write plain words and **bold**"),
    (re.compile(r"\d{3,}"), "writes a number", "name it with a {placeholder} from the contacts file"),
)


class PosterError(ValueError):
    """The poster text file is wrong; the message names the file, the line and a fix."""


@dataclass(frozen=True)
class Text:
    """One message: the English as written, its line, and the note translators see."""

    msgid: str
    line: int
    note: str


@dataclass(frozen=True)
class Row:
    """A row of the numbers poster: the number (a contact's key), what it is for, when to use it."""

    contact: str
    line: int
    what: Text
    when: Text | None = None


@dataclass(frozen=True)
class Section:
    """A part of a poster: an optional pictogram and heading, then lines or rows of numbers."""

    heading: Text | None
    pictogram: str
    pictogram_line: int
    lines: tuple[Text, ...] = ()
    rows: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Poster:
    """One poster: its name (the file's), the page its QR code opens, its text."""

    name: str
    line: int
    page: str
    headline: Text
    lead: Text | None
    pictogram: str
    pictogram_line: int
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class PosterText:
    """Everything in the file: the lines every poster has, and the posters."""

    path: Path
    common: Mapping[str, Text]
    posters: tuple[Poster, ...]

    def messages(self) -> Iterator[Text]:
        """Every message, in the order of the file (common lines last)."""
        for poster in self.posters:
            yield poster.headline
            if poster.lead:
                yield poster.lead
            for section in poster.sections:
                if section.heading:
                    yield section.heading
                yield from section.lines
                for row in section.rows:
                    yield from (t for t in (row.what, row.when) if t)
        yield from sorted(self.common.values(), key=lambda t: t.line)

    def poster(self, name: str) -> Poster:
        return next(p for p in self.posters if p.name == name)


class _Reader:
    """Reads the nodes of the file, each error naming its line."""

    def __init__(self, path: Path, contacts: Mapping[str, Contact] | None) -> None:
        self.path = path
        self.contacts = contacts

    def error(self, node: yaml.Node, what: str, fix: str) -> PosterError:
        return PosterError(f"{self.path}:{node.start_mark.line + 1}: {what}\n  {fix}")

    def mapping(self, node: yaml.Node | None, where: str, keys: set[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(
                node, f"{where} must be a mapping", f"write its parts: {', '.join(sorted(keys))}"
            )
        found: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if keys and name not in keys:
                raise self.error(
                    key, f"{where}: unknown part {name!r}", f"the parts are {', '.join(sorted(keys))}"
                )
            if name in found:
                raise self.error(key, f"{where}.{name} is written twice", "keep one of them")
            found[name] = value
        return found

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise self.error(node, f"{where} must be a list", "write each item on a line starting with '- '")
        return node.value

    def text(self, node: yaml.Node, where: str, note: str) -> Text:
        if (
            not isinstance(node, yaml.ScalarNode)
            or node.tag != "tag:yaml.org,2002:str"
            or not node.value.strip()
        ):
            raise self.error(
                node, f"{where} must be a line of text", 'write it as text (quote it if it starts with "{")'
            )
        value = " ".join(node.value.split())
        plain = PLACEHOLDER.sub(" ", value).replace("%(date)s", " ")
        for pattern, what, fix in _FORBIDDEN:
            if pattern.search(plain):
                raise self.error(node, f"{where} {what}: {value!r}", fix)
        for key in PLACEHOLDER.findall(value):
            contact = None if self.contacts is None else self.contacts.get(key)
            if self.contacts is not None and (contact is None or not contact.published):
                why = "is not in the contacts file" if contact is None else "is marked published: false"
                raise self.error(
                    node, f"{where}: {{{key}}} {why}", "use a published entry of data/contacts.yml"
                )
        return Text(value, node.start_mark.line + 1, note)

    def name(self, node: yaml.Node, where: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not _NAME.fullmatch(node.value):
            raise self.error(
                node, f"{where} must be a name", "lower case letters, digits and -, e.g. stay-safe"
            )
        return node.value


def _rows(reader: _Reader, node: yaml.Node, where: str, title: str) -> tuple[Row, ...]:
    rows = []
    for number, item in enumerate(reader.sequence(node, where), start=1):
        parts = reader.mapping(item, f"{where}[{number}]", _ROW_KEYS)
        if "number" not in parts or "what" not in parts:
            raise reader.error(item, f"{where}[{number}] needs number and what", "see the first row")
        value = parts["number"]
        match = PLACEHOLDER.fullmatch(value.value) if isinstance(value, yaml.ScalarNode) else None
        if not match:
            raise reader.error(
                value, f"{where}[{number}].number must be one placeholder", 'e.g. number: "{emergency}"'
            )
        reader.text(value, f"{where}[{number}].number", "")  # the placeholder is a published entry
        key = match.group(1)
        what = reader.text(
            parts["what"], f"{where}[{number}].what", f"{title}: what the number {{{key}}} is for"
        )
        when = parts.get("when")
        note = f"{title}: when to use the number {{{key}}}"
        rows.append(
            Row(
                key,
                item.start_mark.line + 1,
                what,
                reader.text(when, f"{where}[{number}].when", note) if when else None,
            )
        )
    return tuple(rows)


def _section(reader: _Reader, node: yaml.Node, where: str, title: str) -> Section:
    parts = reader.mapping(node, where, _SECTION_KEYS)
    if ("lines" in parts) == ("numbers" in parts):
        raise reader.error(node, f"{where} needs lines or numbers (one of them)", "see the other sections")
    heading = None
    if "heading" in parts:
        heading = reader.text(parts["heading"], f"{where}.heading", f"{title}: heading of a section")
    label = f'{title}, section "{heading.msgid}"' if heading else title
    lines: tuple[Text, ...] = ()
    if "lines" in parts:
        items = reader.sequence(parts["lines"], f"{where}.lines")
        lines = tuple(
            reader.text(item, f"{where}.lines[{n}]", f"{label}: line {n}") for n, item in enumerate(items, 1)
        )
    rows = _rows(reader, parts["numbers"], f"{where}.numbers", title) if "numbers" in parts else ()
    pictogram = parts.get("pictogram")
    return Section(
        heading,
        reader.name(pictogram, f"{where}.pictogram") if pictogram else "",
        pictogram.start_mark.line + 1 if pictogram else 0,
        lines,
        rows,
    )


def _poster(reader: _Reader, key: yaml.Node, node: yaml.Node) -> Poster:
    name = reader.name(key, "posters: a poster's name")
    where = f"posters.{name}"
    parts = reader.mapping(node, where, _POSTER_KEYS)
    for needed in ("page", "headline", "sections"):
        if needed not in parts:
            raise reader.error(node, f"{where} needs {needed}", "see the other posters")
    page = parts["page"]
    if not isinstance(page, yaml.ScalarNode) or not page.value.endswith(".md"):
        raise reader.error(page, f"{where}.page must be a page of the site", "e.g. page: stay-safe.md")
    headline = reader.text(parts["headline"], f"{where}.headline", "")
    title = f'poster "{headline.msgid}"'
    headline = Text(headline.msgid, headline.line, f"{title}: headline")
    lead = (
        reader.text(parts["lead"], f"{where}.lead", f"{title}: line under the headline")
        if "lead" in parts
        else None
    )
    sections = tuple(
        _section(reader, item, f"{where}.sections[{n}]", title)
        for n, item in enumerate(reader.sequence(parts["sections"], f"{where}.sections"), start=1)
    )
    pictogram = parts.get("pictogram")
    return Poster(
        name=name,
        line=key.start_mark.line + 1,
        page=page.value,
        headline=headline,
        lead=lead,
        pictogram=reader.name(pictogram, f"{where}.pictogram") if pictogram else "",
        pictogram_line=pictogram.start_mark.line + 1 if pictogram else 0,
        sections=sections,
    )


def read_posters(text: str, path: Path, contacts: Mapping[str, Contact] | None = None) -> PosterText:
    """Read the poster text from ``text`` (the content of ``path``); see the module's docstring."""
    reader = _Reader(path, contacts)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise PosterError(yaml_error(path, exc, text)) from None
    if root is None:
        raise PosterError(f"{path}:1: empty: it needs common: and posters:")
    top = reader.mapping(root, "the file", {"common", "posters"})
    if set(top) != {"common", "posters"}:
        raise reader.error(root, "the file needs common: and posters:", "see the comments at its top")
    lines = reader.mapping(top["common"], "common", set(COMMON))
    if missing := [key for key in COMMON if key not in lines]:
        raise reader.error(
            top["common"], f"common needs {', '.join(missing)}", "every poster has these lines"
        )
    common = {key: reader.text(lines[key], f"common.{key}", f"every poster: {COMMON[key]}") for key in COMMON}
    posters = top["posters"]
    if not isinstance(posters, yaml.MappingNode) or not posters.value:
        raise reader.error(posters, "posters must be a mapping of posters by name", "e.g. stay-safe: {...}")
    reader.mapping(posters, "posters", set())  # no name twice
    return PosterText(path, common, tuple(_poster(reader, key, node) for key, node in posters.value))


def load_posters(path: Path, contacts: Mapping[str, Contact] | None = None) -> PosterText:
    """Read and check the poster text file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PosterError(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise PosterError(f"{path}: not UTF-8 (byte {exc.start}): save it as UTF-8") from exc
    return read_posters(text, path, contacts)
