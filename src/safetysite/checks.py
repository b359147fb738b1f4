"""Checks that a translation keeps what must not change.

Each check is a small function ``check(msgid, msgstr, context) -> Iterator[str]``
that yields one plain message per problem; :data:`CHECKS` names them. The check
command (:mod:`safetysite.cli`) and the build (:mod:`safetysite.catalog`) run the
same functions. :func:`babel_checker` runs them for Babel's
``Catalog.check()``; it is registered in the ``babel.checkers`` entry-point group.

- ``numbers``: every number in the English is in the translation and none is
  added. Phone numbers and SMS codes stay in ASCII digits with the same
  grouping; other numbers may use the language's own digits.
- ``placeholders``: the same ``{name}`` placeholders (numbers and addresses
  from the contacts file).
- ``links``: the same link targets, image sources and web addresses.
- ``markup``: re-parsed, the translation is the same kind of block as the
  English, with the same inline code.
- ``safety``: no raw HTML but the English's own tags; never scripts, styles,
  frames, ``on*=`` handlers or ``javascript:`` addresses.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from safetysite.contacts import placeholders
from safetysite.segment import KINDS, probe

__all__ = ["CHECKS", "Context", "babel_checker", "check_message", "kinds_of"]

_DIGITS = {
    "ASCII": "0123456789",
    "Arabic-Indic": "٠١٢٣٤٥٦٧٨٩",
    "Extended Arabic-Indic": "۰۱۲۳۴۵۶۷۸۹",
    "Devanagari": "०१२३४५६७८९",
    "Gurmukhi": "੦੧੨੩੪੫੬੭੮੯",
}
_TO_ASCII = str.maketrans({d: str(i) for digits in _DIGITS.values() for i, d in enumerate(digits)})
_ANY_DIGIT = "".join(_DIGITS.values())
_NUMBER = re.compile(f"[{_ANY_DIGIT}]+(?:[.,:][{_ANY_DIGIT}]+)*")
#: UK phone numbers written in groups: 0800 789 321, 01622 690690, 020 7946 0999.
_UK_PHONE = re.compile(r"(?<![\w.])0\d{2,4}(?: \d{3,4}){1,2}(?![\w])|(?<![\w.])0\d{9,10}(?!\w)")

_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_TARGET = re.compile(r"\]\[([^\]]+)\]")
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][\w+.-]*:|[\w.+-]+@)[^>\s]*)>")
_ATTR_URL = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_BARE_ADDRESS = re.compile(
    r"(?<![\w@/.-])(?:https?://)?(?:[a-zA-Z0-9-]+\.)+(?:uk|com|org|net|gov|police|info|eu)\b"
    r"(?:/[\w\-./?%&=#~+]*[\w/])?",
    re.IGNORECASE,
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
    found += [m.group(0) for m in _BARE_ADDRESS.finditer(rest)]
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


def _value(number: str) -> str:
    return re.sub(r"[.,:](?=\d{3}(?!\d))", "", number.translate(_TO_ASCII))


def check_numbers(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """Every number kept, none added; dialled numbers in ASCII, same grouping."""
    src_dialled, src_other = _split_numbers(msgid, context.dialled)
    dst_dialled, dst_other = _split_numbers(msgstr, context.dialled)
    by_digits = {n.replace(" ", ""): n for n in (*src_dialled, *context.dialled)}
    other = Counter(_value(n) for n in src_other)
    for number in dst_other:
        plain = number.translate(_TO_ASCII)
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


def check_safety(msgid: str, msgstr: str, context: Context) -> Iterator[str]:
    """No HTML the English does not have; never scripts, handlers or ``javascript:``."""
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
    "safety": check_safety,
}


def check_message(msgid: str, msgstr: str, context: Context) -> list[tuple[str, str]]:
    """Run every check; return ``(check name, message)`` for each problem."""
    return [(name, text) for name, check in CHECKS.items() for text in check(msgid, msgstr, context)]


_KIND_BY_WORDS = {words: kind for kind, words in KINDS.items()}


def kinds_of(auto_comments: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The segment kinds named in a message's extracted (``#.``) comments."""
    return tuple(_KIND_BY_WORDS[c] for c in auto_comments if c in _KIND_BY_WORDS)


def babel_checker(catalog, message) -> None:
    """Babel ``babel.checkers`` entry point: raise on the first problem."""
    from babel.messages.catalog import TranslationError

    if not message.id or not message.string or message.fuzzy or isinstance(message.id, tuple):
        return
    context = Context(kinds=kinds_of(message.auto_comments))
    for name, text in check_message(message.id, message.string, context):
        raise TranslationError(f"[{name}] {text}")
