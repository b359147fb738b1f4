"""Read, check, extract and update the gettext catalogues.

Layout: ``locales/messages.pot`` is the template; ``locales/<lang>/LC_MESSAGES/messages.po``
holds one language. Babel parses and writes them; a small line scanner runs
first, so a broken file is reported with its line (and Babel never guesses),
and so ``#|`` previous msgids survive a round trip (Babel's ``read_po`` drops them).

Writes are deterministic: a file is rewritten only when more than its dates
would change.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileError, normalize, read_po, write_po

from safetysite.checks import Checker, kinds_of
from safetysite.contacts import Contact, describe
from safetysite.poformat import FormatError, gnu_format
from safetysite.review import FIELD as REVIEW_FIELD
from safetysite.review import UNREVIEWED, Review, parse_review

__all__ = [
    "Problem",
    "Translations",
    "catalog_path",
    "extract_template",
    "load_checker",
    "load_translations",
    "read_catalog",
    "template_kinds",
    "update_catalogs",
    "write_catalog",
]

TEMPLATE = "messages.pot"
DOMAIN = "messages"
WIDTH = 76
COMMENT_TAGS = ("Translators:",)
HEADER = """\
# {language} translations of the public-safety advice site.
# Translate msgstr only. Keep every number, link, `code` and {{placeholder}}
# exactly as in msgid: a {{placeholder}} shows a phone number or web address.
# Check your work with: safetysite check
#"""
_DATE_LINE = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a catalogue, printed as ``file:line: [check] message``."""

    path: str
    line: int
    check: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        level = "" if self.error else "warning: "
        return f"{self.path}:{self.line}: [{self.check}] {level}{self.message}"


@dataclass
class Translations:
    """The usable translations of one catalogue, the problems that kept others out, and what a
    status report needs: entries waiting (fuzzy), obsolete entries, review state, last change."""

    messages: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    fuzzy: int = 0
    obsolete: int = 0
    review: Review = UNREVIEWED
    #: The catalogue's PO-Revision-Date (YYYY-MM-DD), when a translator last saved it.
    revised: str = ""

    def gettext(self, msgid: str) -> str:
        return self.messages.get(msgid) or msgid


def catalog_path(locales: Path, locale: str) -> Path:
    return locales / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


# -- scanning ---------------------------------------------------------------------
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


@dataclass
class _Scan:
    problems: list[tuple[int, str]] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)
    #: Header fields Babel does not keep (``X-...``), as written: they are written back.
    extra: list[tuple[str, str]] = field(default_factory=list)
    previous: dict[int, str] = field(default_factory=dict)  # msgid line -> previous msgid


def _scan(text: str) -> _Scan:  # noqa: C901, PLR0912, PLR0915 (one pass over a small grammar reads best whole)
    """Check the PO syntax line by line; collect the header and ``#|`` previous msgids."""
    scan = _Scan()
    entry: dict[str, str] = {}
    entry_line = 0
    last: str | None = None
    previous: list[str] = []
    previous_open = False

    def close(lineno: int) -> None:
        nonlocal entry, last
        if "msgid" in entry and not any(k.startswith("msgstr") for k in entry):
            scan.problems.append((entry_line, "entry has a msgid but no msgstr (is the file cut short?)"))
        if entry.get("msgid") == "" and "msgstr" in entry and not scan.header:
            for row in entry["msgstr"].split("\n"):
                if ":" in row:
                    key, _, value = row.partition(":")
                    scan.header[key.strip().lower()] = value.strip()
                    if key.strip().lower().startswith("x-"):
                        scan.extra.append((key.strip(), value.strip()))
        entry, last = {}, None

    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#|"):
            body = line[2:].strip()
            if body.startswith("msgid "):
                previous, previous_open = [body[6:]], True
            elif body.startswith('"') and previous_open:
                previous.append(body)
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry and any(k.startswith("msgstr") for k in entry):
                close(lineno)
            continue
        if keyword := _KEYWORD.match(line):
            name, rest = keyword.groups()
            if not _STRING.fullmatch(rest) or not rest.startswith('"'):
                unclosed = rest.startswith('"')
                scan.problems.append(
                    (
                        lineno,
                        'string is not closed with "'
                        if unclosed
                        else f"{name} must be followed by one quoted string",
                    )
                )
                entry[name], last = "", None
                continue
            if name in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                close(lineno)
            if name == "msgid":
                entry_line = lineno
                if previous:
                    scan.previous[lineno] = "".join(_unescape(p.strip()[1:-1]) for p in previous)
                previous, previous_open = [], False
            entry[name] = _unescape(rest.strip()[1:-1])
            last = name
        elif line.startswith('"'):
            if last is None:
                scan.problems.append((lineno, "a quoted string that belongs to no msgid or msgstr"))
            elif not _STRING.fullmatch(line):
                scan.problems.append((lineno, 'string is not closed with "'))
            else:
                entry[last] += _unescape(line[1:-1])
        else:
            scan.problems.append((lineno, f"not a PO line: {line[:40]!r}"))
    close(len(text.split("\n")))
    return scan


# -- reading ----------------------------------------------------------------------
def read_catalog(path: Path, locale: str | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Read a ``.po``/``.pot`` file; return the catalogue (None if unreadable) and problems.

    With ``locale``, the header must name that language, say UTF-8 and give
    ``Plural-Forms``.
    """
    name = str(path)
    data = path.read_bytes()
    if not data.strip():
        return None, [Problem(name, 1, "po", "the file is empty: it needs at least a header entry")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        return None, [Problem(name, line, "po", f"not UTF-8 (byte 0x{byte}); save the file as UTF-8")]
    scan = _scan(text)
    problems = [Problem(name, line, "po", message) for line, message in scan.problems]
    if problems:
        return None, problems
    try:
        catalog = read_po(io.BytesIO(data), locale=None, abort_invalid=True, charset="utf-8")
    except PoFileError as exc:
        return None, [Problem(name, exc.lineno + 1, "po", str(exc).rsplit(" on ", 1)[0])]
    for message in catalog:
        message.flags.discard("python-format")  # Babel guesses it from any "%"
        # Babel reads "#|" lines as translator comments; they are the previous msgid.
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        if message.lineno in scan.previous and message.fuzzy:  # a reviewed entry needs no old English
            message.previous_id = [scan.previous[message.lineno]]
    catalog.extra_headers = scan.extra  # type: ignore[attr-defined]  (render writes them back)
    if locale is not None:
        problems += _check_header(name, scan.header, locale)
    return catalog, problems


def _check_header(name: str, header: dict[str, str], locale: str) -> list[Problem]:
    found = []
    if header.get("language", "").replace("-", "_") != locale:
        found.append(f"header Language is {header.get('language', '')!r}; this catalogue is for {locale!r}")
    if "charset=utf-8" not in header.get("content-type", "").lower().replace(" ", ""):
        found.append('header Content-Type must say "text/plain; charset=UTF-8"')
    if not header.get("plural-forms"):
        found.append("header has no Plural-Forms line")
    return [Problem(name, 1, "header", text) for text in found]


def template_kinds(template: Path) -> dict[str, tuple[str, ...]]:
    """What each message is (heading, list item...), from the template.

    The checks take this from the template, not from the ``#.`` lines of a ``.po``
    file, which a translator can edit.
    """
    catalog, _ = read_catalog(template) if template.exists() else (None, [])
    return {m.id: kinds_of(m.auto_comments) for m in catalog or [] if isinstance(m.id, str) and m.id}


def load_checker(template: Path, dialled: Iterable[str] = ()) -> Checker:
    """The checker every entry point uses: message kinds from ``template``, the dialled numbers."""
    return Checker(template_kinds(template), frozenset(dialled), str(template))


def load_translations(path: Path, locale: str, checker: Checker) -> Translations:
    """Every translated, non-fuzzy message that passes every check, and the problems."""
    if not checker.kinds:
        why = "is missing or holds no message"
        return Translations(
            problems=[Problem(checker.template, 1, "po", f"the template {why}: run safetysite update")]
        )
    result = Translations()
    catalog, result.problems = read_catalog(path, locale)
    if catalog is None:
        return result
    headers = dict(getattr(catalog, "extra_headers", ()))
    try:
        result.review = parse_review(headers.get(REVIEW_FIELD))
    except ValueError as exc:
        result.problems.append(Problem(str(path), 1, "header", str(exc)))
    revised = catalog.revision_date  # a datetime, or the template's "YEAR-MO-DA HO:MI+ZONE" text
    result.revised = revised.date().isoformat() if isinstance(revised, datetime) else ""
    result.obsolete = len(catalog.obsolete)
    result.fuzzy = sum(1 for m in catalog if m.id and m.fuzzy and m.string and m.id in checker.kinds)
    for message in catalog:
        if not message.id or not message.string or message.fuzzy or isinstance(message.id, tuple):
            continue
        errors, advice = checker.check(message.id, message.string)
        line = message.lineno or 1
        result.problems += [Problem(str(path), line, check, text) for check, text in errors]
        result.problems += [Problem(str(path), line, check, text, error=False) for check, text in advice]
        if not errors:
            result.messages[message.id] = message.string
    return result


# -- extracting and updating -----------------------------------------------------
def extract_template(root: Path, mapping: Path, contacts: Mapping[str, Contact] | None = None) -> Catalog:
    """Extract every message under ``root`` as the ``mapping`` file says.

    With ``contacts``, each message with a placeholder gets a note saying what it shows.
    """
    with mapping.open() as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj)
    template = _catalog(None)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    ):
        notes = list(describe(message, contacts or {}))
        template.add(message, None, [(filename, lineno)], auto_comments=[*comments, *notes], context=context)
    return template


def _catalog(locale: str | None) -> Catalog:
    language = Locale.parse(locale).english_name if locale else "Template for"
    return Catalog(
        locale=locale,
        project="safetysite",
        version="1",
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER.format(language=language),
        language_team=f"{language} translators",
        last_translator="",
    )


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def render(catalog: Catalog) -> bytes:
    """The catalogue as PO bytes, exactly as GNU gettext writes it (:mod:`safetysite.poformat`).

    ``#|`` previous msgids are written the GNU way (Babel wraps a long one as comment text,
    which no PO reader can read back). Obsolete entries with no translation are dropped: they
    hold nothing a translator could reuse. Obsolete entries with a translation stay, as GNU
    ``msgmerge`` keeps them, so the work is there if the English comes back.
    """
    for message in catalog:
        message.flags.discard("python-format")
    for msgid in [key for key, message in catalog.obsolete.items() if not message.string]:
        del catalog.obsolete[msgid]
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, include_previous=False, sort_output=False)
    text = out.getvalue().decode("utf-8")
    for message in catalog:
        if message.previous_id and message.fuzzy and isinstance(message.id, str):
            entry = f"\nmsgid {normalize(message.id, width=WIDTH)}\n"
            old = normalize(message.previous_id[0], width=WIDTH).split("\n")
            previous = "".join(f"#| {'msgid ' if i == 0 else ''}{line}\n" for i, line in enumerate(old))
            text = text.replace(entry, "\n" + previous + entry[1:], 1)
    extra = "".join(f'"{key}: {_escape(value)}\\n"\n' for key, value in getattr(catalog, "extra_headers", ()))
    text = re.sub(r'^("Generated-By: [^"\n]*"\n)', lambda m: m.group(1) + extra, text, count=1, flags=re.M)
    return gnu_format(text.encode("utf-8"))


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` unless only its dates would change; return whether it was written.

    A file another tool rewrapped gets GNU gettext's wrapping back with its dates unchanged.
    """
    data = render(catalog)
    if path.exists():
        existing = path.read_bytes()
        if _DATE_LINE.sub(b"", existing) == _DATE_LINE.sub(b"", data):
            return False
        try:  # saved by another tool: does only its wrapping differ?
            rewrapped = gnu_format(existing)
        except FormatError:  # a broken file is replaced whole
            rewrapped = b""
        if rewrapped and _DATE_LINE.sub(b"", rewrapped) == _DATE_LINE.sub(b"", data):
            data = rewrapped  # then keep its dates: nothing but the wrapping changed
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update_catalogs(
    root: Path, mapping: Path, locales: Path, contacts: Mapping[str, Contact] | None = None
) -> tuple[list[Path], list[Problem]]:
    """Refresh the template and merge it into every language's catalogue.

    Exact matches keep their translation; changed English is matched fuzzily and
    marked fuzzy with its previous msgid; removed English becomes obsolete.
    A catalogue that cannot be read is left untouched and reported.
    """
    template = extract_template(root, mapping, contacts)
    written, problems = [], []
    if write_catalog(locales / TEMPLATE, template):
        written.append(locales / TEMPLATE)
    for path in sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        catalog, found = read_catalog(path)
        if catalog is None:
            problems += found
            continue
        previous = {m.id: m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
        catalog.update(template, update_creation_date=False)
        for message in catalog:  # Babel drops #| from messages it matches exactly
            if message.fuzzy and not message.previous_id and message.id in previous:
                message.previous_id = previous[message.id]
        if write_catalog(path, catalog):
            written.append(path)
    return written, problems


def new_catalog(template: Catalog, locale: str) -> Catalog:
    """A fresh catalogue for ``locale`` from the template (Babel's ``init``)."""
    catalog = _catalog(locale)
    catalog.update(template, update_creation_date=False)
    return catalog
