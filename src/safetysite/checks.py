"""Checks that a translation keeps what must not change.

Each check is a small function ``check(msgid, msgstr, context) -> Iterator[str]``
that yields one plain message per problem; :data:`CHECKS` names them. The check
command (:mod:`safetysite.cli`) and the build (:mod:`safetysite.catalog`) run the
same functions through one :class:`Checker`, which knows what each message is (from the
template) and which numbers are dialled (from the contacts file). :func:`babel_checker` runs
that same checker for Babel's ``Catalog.check()``; it is registered in the ``babel.checkers``
entry-point group. A translation identical to its English never fails a check.

- ``numbers``: every number in the English is in the translation and none is
  added. Phone numbers and SMS codes stay in ASCII digits with the same
  grouping; other numbers may use the language's own digits.
- ``placeholders``: the same ``{name}`` placeholders (numbers and addresses
  from the contacts file).
- ``links``: the same link targets, image sources and web addresses.
- ``markup``: re-parsed, the translation is the same kind of block as the
  English, with the same inline code.
- ``rendered``: rendered as Markdown, the translation has the same elements,
  attributes and links as the English: no attribute list, image, comment or
  extra link can hide or redirect a number.
- ``safety``: no raw HTML but the English's own tags; never scripts, styles,
  frames, ``on*=`` handlers or ``javascript:`` addresses.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

import markdown

from safetysite.contacts import PLACEHOLDER, UK_PHONE, placeholders
from safetysite.segment import KINDS, probe

__all__ = [
    "ADVICE",
    "CHECKS",
    "Checker",
    "Context",
    "advise_message",
    "babel_checker",
    "check_message",
    "kinds_of",
    "review",
]

#: A number in any script's digits (Python's \d is every Unicode decimal digit: Arabic-Indic,
#: Devanagari, Gurmukhi, full-width...).
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_UK_PHONE = re.compile(rf"(?<![\w.])(?:{UK_PHONE})(?!\w)")

_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_TARGET = re.compile(r"\]\[([^\]]+)\]")
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][\w+.-]*:|[\w.+-]+@)[^>\s]*)>")
_ATTR_URL = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
#: A web address written in the text: labels of any script, a top-level domain of letters.
_BARE_ADDRESS = re.compile(
    r"(?<![\w@/.-])(?:https?://)?(?:[\w-]+\.)+[^\W\d_]{2,}\b(?:/[\w\-./?%&=#~+]*[\w/])?"
)
_CODE = re.compile(r"(`+)(.+?)\1")
_TAG = re.compile(r"</?([a-zA-Z][\w-]*)(?=[\s/>])[^>]*>")
_FORBIDDEN_TAGS = {"script", "style", "iframe", "frame", "object", "embed", "base", "meta", "link"}
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What a check needs beyond the two strings.

    ``kinds``: the segment kinds the message stands for (empty for template and
    navigation strings, which are not Markdown). ``dialled``: numbers that are
    dialled or texted (from the contacts data file), kept exactly as written.
    """

    kinds: tuple[str, ...] = ()
    dialled: frozenset[str] = field(default_factory=frozenset)


def _addresses(text: str) -> list[str]:
    """Link targets, image sources, reference names and written web addresses."""
    found = [m.group(1) for m in _LINK_TARGET.finditer(text)]
    found += [f"[{m.group(1)}]" for m in _REF_TARGET.finditer(text)]
    found += [m.group(1) for m in _AUTOLINK.finditer(text)]
    found += [m.group(1) for m in _ATTR_URL.finditer(text)]
    rest = _ATTR_URL.sub(" ", _AUTOLINK.sub(" ", _LINK_TARGET.sub("] ", _CODE.sub(" ", text))))
    found += [m.group(0) for m in _BARE_ADDRESS.finditer(unicodedata.normalize("NFKC", rest))]
    return found


def _without_addresses(text: str) -> str:
    text = _CODE.sub(" ", text)
    text = _LINK_TARGET.sub("] ", _AUTOLINK.sub(" ", _ATTR_URL.sub(" ", text)))
    return _BARE_ADDRESS.sub(" ", text)


def _split_numbers(text: str, dialled: frozenset[str]) -> tuple[Counter[str], list[str]]:
    """Split the numbers of ``text`` into dialled numbers (as written) and the rest."""
    text = _without_addresses(text)
    found: Counter[str] = Counter()
    for code in sorted(dialled, key=len, reverse=True):
        pattern = re.compile(rf"(?<![\w.,]){re.escape(code)}(?![\w]|[.,]\d)")
        found.update(pattern.findall(text))
        text = pattern.sub(" ", text)
    for match in _UK_PHONE.finditer(text):
        found[match.group(0)] += 1
    text = _UK_PHONE.sub(" ", text)
    return found, [m.group(0) for m in _NUMBER.finditer(text)]


def _ascii(number: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in number)


def _value(number: str) -> str:
    return re.sub(r"[.,:](?=\d{3}(?!\d))", "", _ascii(number))


def check_numbers(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """Every number kept, none added; dialled numbers in ASCII, same grouping."""
    src_dialled, src_other = _split_numbers(msgid, context.dialled)
    dst_dialled, dst_other = _split_numbers(msgstr, context.dialled)
    by_digits = {n.replace(" ", ""): n for n in (*src_dialled, *context.dialled)}
    other = Counter(_value(n) for n in src_other)
    for number in dst_other:
        plain = _ascii(number)
        if (
            plain.replace(" ", "") in by_digits
            and src_dialled[by_digits[plain]] > dst_dialled[by_digits[plain]]
        ):
            want = by_digits[plain]
            yield f"phone number {number!r} must be written {want!r}: ASCII digits, same grouping"
            dst_dialled[want] += 1
        elif other[_value(number)] > 0:
            other[_value(number)] -= 1
        else:
            yield f"adds number {number!r}, which the English does not have"
    yield from _differences(src_dialled, dst_dialled, "phone number {!r}")
    for value, count in other.items():
        if count > 0:
            yield f"drops or changes number {value!r}"


def _differences(src: Counter[str], dst: Counter[str], what: str) -> Iterator[str]:
    """What the translation (``dst``) lacks and adds compared with the English (``src``)."""
    for item, count in (src - dst).items():
        yield f"drops or changes {what.format(item)}" + (f" ({count}×)" if count > 1 else "")
    for item in dst - src:
        yield f"adds {what.format(item)}, which the English does not have"


def check_links(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """The same link targets, image sources and web addresses, as many times."""
    yield from _differences(Counter(_addresses(msgid)), Counter(_addresses(msgstr)), "link or address {!r}")


def check_placeholders(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """The same ``{placeholders}`` (numbers and addresses from the contacts file), as many times."""
    src, dst = Counter(placeholders(msgid)), Counter(placeholders(msgstr))
    yield from _differences(src, dst, "placeholder {{{}}} (it shows a number or address)")


def check_markup(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """Re-parsed, the translation is the same kind of block with the same code spans."""
    for kind in context.kinds:
        want = [s.kind for s in probe(kind, msgid)]
        got = probe(kind, msgstr)
        if [s.kind for s in got] != want:
            shape = ", ".join(s.kind for s in got) or "nothing translatable"
            yield f"the English is one {KINDS[kind]}, but the translation reads as: {shape}"
            break
    src_code = Counter(m.group(2) for m in _CODE.finditer(msgid))
    dst_code = Counter(m.group(2) for m in _CODE.finditer(msgstr))
    if src_code != dst_code:
        yield "inline code (`...`) must be kept exactly as in the English"


#: The Markdown extensions of mkdocs.yml that change what text becomes (a test keeps them in step).
RENDER_EXTENSIONS = ("attr_list", "tables", "admonition", "pymdownx.details")
#: Emphasis may differ between languages; every other element must be the same.
_FREE_TAGS = {"strong", "em", "b", "i", "br"}


class _Elements(HTMLParser):
    """The elements (with their attributes), link texts and comments of rendered HTML."""

    def __init__(self, html_text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.links: dict[str, str] = {}
        self.comments = 0
        self._link: list[str] | None = None
        self.feed(html_text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _FREE_TAGS:
            shown = "".join(f' {k}="{v}"' if v is not None else f" {k}" for k, v in sorted(attrs))
            self.tags[f"<{tag}{shown}>"] += 1
        if tag == "a":
            self._link = [dict(attrs).get("href") or ""]

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            href, *text = self._link
            self.links[href] = "".join(text)
            self._link = None

    def handle_comment(self, data: str) -> None:
        self.comments += 1


#: One renderer for every check (making one costs more than rendering a message with it).
_MARKDOWN = markdown.Markdown(extensions=list(RENDER_EXTENSIONS))


def _rendered(text: str) -> _Elements:
    """Render text as the site does, each placeholder standing as a link to itself."""
    text = PLACEHOLDER.sub(lambda m: f"[{m.group(1)}](placeholder:{m.group(1)})", text)
    return _Elements(_MARKDOWN.reset().convert(text))


def check_rendered(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """Rendered as Markdown, the translation has the same elements, attributes and links as the
    English (only emphasis may differ), no hidden comment, and the same text on any link whose
    English text is a number or an address."""
    src, dst = _rendered(msgid), _rendered(msgstr)
    yield from _differences(src.tags, dst.tags, "element {}")
    if dst.comments > src.comments:
        yield "adds an HTML comment, which would hide text"
    for href, text in src.links.items():
        if re.search(r"\d|\w\.\w", text) and href in dst.links and dst.links[href] != text:
            yield f"changes the text of link {href!r}: it must stay {text!r}"


def check_safety(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """No HTML the English does not have; never scripts, handlers or ``javascript:``.

    Inline code is shown as text, never run, so ``<script>`` inside backticks is not HTML (the
    markup check keeps code spans exactly as in the English).
    """
    msgid, msgstr = _CODE.sub(" ", msgid), _CODE.sub(" ", msgstr)
    plain = re.sub(r"\s+", "", html.unescape(msgstr)).lower()
    for tag in _TAG.finditer(msgstr):
        if tag.group(1).lower() in _FORBIDDEN_TAGS and not tag.group(0).startswith("</"):
            yield f"forbidden HTML tag <{tag.group(1)}>"
    if _HANDLER.search(html.unescape(msgstr)):
        yield "forbidden HTML event handler attribute (on...=)"
    if "javascript:" in plain or "vbscript:" in plain:
        yield "forbidden javascript: address"
    if controls := sorted(set(_BIDI_CONTROLS.findall(msgstr))):
        names = ", ".join(f"U+{ord(c):04X}" for c in controls)
        yield f"invisible direction control character {names}: the site keeps numbers left to right itself"
    extra = Counter(t.group(0) for t in _TAG.finditer(msgstr)) - Counter(
        t.group(0) for t in _TAG.finditer(msgid)
    )
    for tag in extra:
        yield f"adds raw HTML {tag!r}; use only the English's own tags"


#: Every message check, by the name printed in ``[brackets]``.
CHECKS: dict[str, Callable[[str, str, Context], Iterator[str]]] = {
    "numbers": check_numbers,
    "placeholders": check_placeholders,
    "links": check_links,
    "markup": check_markup,
    "rendered": check_rendered,
    "safety": check_safety,
}


def check_message(msgid: str, msgstr: str, context: Context) -> list[tuple[str, str]]:
    """Run every check; return ``(check name, message)`` for each problem.

    A translation identical to its English passes: it cannot change what the English says.
    """
    if msgstr == msgid:
        return []
    return [(name, text) for name, check in CHECKS.items() for text in check(msgid, msgstr, context)]


def advise_order(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """Placeholders in another order than the English: often right (word order differs between
    languages), but a swap could say "call 101 in an emergency", so a reviewer should look."""
    src, dst = placeholders(msgid), placeholders(msgstr)
    if len(set(src)) > 1 and sorted(src) == sorted(dst) and src != dst:
        shown = " ".join(f"{{{name}}}" for name in dst)
        yield f"placeholders in another order than the English ({shown}): check each is in its place"


#: Advice: printed by the check command for a reviewer; the translation is still used.
ADVICE: dict[str, Callable[[str, str, Context], Iterator[str]]] = {"order": advise_order}


def advise_message(msgid: str, msgstr: str, context: Context) -> list[tuple[str, str]]:
    """Run every advisory check; return ``(name, message)`` for each."""
    return [(name, text) for name, advise in ADVICE.items() for text in advise(msgid, msgstr, context)]


Found = tuple[tuple[str, str], ...]


@lru_cache(maxsize=1 << 16)
def review(msgid: str, msgstr: str, context: Context) -> tuple[Found, Found]:
    """Errors and advice for one translation, remembered by content: a catalogue saved again
    (as in ``mkdocs serve``) re-checks only the messages that changed."""
    errors = tuple(check_message(msgid, msgstr, context))
    return errors, () if errors else tuple(advise_message(msgid, msgstr, context))


@dataclass(frozen=True)
class Checker:
    """The checks as every entry point runs them (the build, ``safetysite check``, Babel).

    ``kinds`` says what each message of the template is (a heading, a list item...): it comes
    from the template, never from the ``#.`` lines of a ``.po`` file, which a translator can
    edit. ``dialled``: the numbers readers dial or text, from the contacts file.
    """

    kinds: Mapping[str, tuple[str, ...]] = field(hash=False, compare=False)
    dialled: frozenset[str] = frozenset()
    #: The template the kinds were read from, for messages that name it.
    template: str = "locales/messages.pot"

    def check(self, msgid: str, msgstr: str) -> tuple[Found, Found]:
        """``(errors, advice)`` for one translation, each a tuple of ``(check name, message)``."""
        if msgid not in self.kinds:
            return (("template", f"this English is not in {self.template}: run safetysite update"),), ()
        return review(msgid, msgstr, Context(kinds=self.kinds[msgid], dialled=self.dialled))


_KIND_BY_WORDS = {words: kind for kind, words in KINDS.items()}


def kinds_of(auto_comments: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The segment kinds named in a message's extracted (``#.``) comments."""
    return tuple(_KIND_BY_WORDS[c] for c in auto_comments if c in _KIND_BY_WORDS)


def babel_checker(catalog, message) -> None:
    """Babel ``babel.checkers`` entry point: raise on the first problem.

    It runs the site's own :class:`Checker` (found from the current folder's ``mkdocs.yml``),
    so Babel checks exactly as ``safetysite check`` and the build do.
    """
    from babel.messages.catalog import TranslationError

    from safetysite.site import SiteError, current_site

    if not message.id or not message.string or message.fuzzy or isinstance(message.id, tuple):
        return
    try:
        checker = current_site().checker()
    except SiteError as exc:
        raise TranslationError(str(exc)) from exc
    for name, text in checker.check(message.id, message.string)[0]:
        raise TranslationError(f"[{name}] {text}")
