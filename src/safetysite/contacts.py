"""The contacts data file: every phone number, SMS number and service address.

Numbers live in ``data/contacts.yml`` and nowhere else. Pages and templates
name them with placeholders such as ``{anti_terrorist_hotline}``;
:func:`expand` turns each into a link (``tel:``, ``sms:`` or ``https:``) when a
page is built. The catalogue checks guard the placeholders, and the numbers
check reads the dialled numbers from here, so a translation can never change one.

:func:`load_contacts` checks the file where the numbers are written, so a wrong
number never reaches a page: each ``phone`` and ``sms`` value is digits and
single spaces, and a real UK number or short code by Google's libphonenumber
(the ``phonenumbers`` package), which also writes the ``tel:`` link; ``keypad``
keys are digits; ``checked`` is a YYYY-MM-DD date, not in the future. An
error is one line naming the file and the line (``data/contacts.yml:27: ...``),
then one line saying how to fix it; a YAML syntax error is one line with the
column too. The build and ``safetysite check`` both read the file here (through
``safetysite.site.Site.load``), so they fail alike, without a traceback.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import phonenumbers
import yaml
from babel.dates import format_date
from phonenumbers import shortnumberinfo

from safetysite.yamlerror import yaml_error

__all__ = [
    "Contact",
    "ContactsError",
    "checked_date",
    "dial",
    "dialled_numbers",
    "expand",
    "load_contacts",
    "long_date",
    "placeholders",
]

#: What a contact is: dialled, texted, pressed on a call, visited, or a name.
KINDS = ("phone", "sms", "keypad", "web", "name")
FIELDS = ("kind", "value", "purpose", "source", "checked")
OPTIONAL = ("when", "note", "body", "published", "verified", "verified_how", "verified_by")
#: A UK phone number written by hand, in groups or not: 0800 789 321, 01622 690690, 02079460999.
UK_PHONE = r"0\d{2,4}(?: \d{3,4}){1,2}|0\d{9,10}"
#: A web address a page can link to: https, a host name with a dot, no spaces, quotes or brackets.
WEB = re.compile(r"https://[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s()<>\"'\\]*)?", re.IGNORECASE)
#: A placeholder in a page or a translation: ``{emergency}``.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
#: How a number is written in the data file: ASCII digits in groups, one space between groups.
WRITTEN = re.compile(r"[0-9]+(?: [0-9]+)*")
#: Relay UK: this prefix, then the number to call, reaches it through text relay (18001 101).
RELAY = ("18001", "18002")
REGION = "GB"
EXAMPLES = {"phone": "0800 789 321 or 999", "sms": "61016", "keypad": "55"}
LENGTH_PROBLEMS = {
    phonenumbers.ValidationResult.TOO_SHORT: "too few digits",
    phonenumbers.ValidationResult.TOO_LONG: "too many digits",
}
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"


@dataclass(frozen=True)
class Contact:
    """One number or address: what it is for, where it comes from, when it was last checked."""

    key: str
    kind: str
    value: str
    purpose: str
    source: str
    checked: str
    when: str = ""
    note: str = ""
    body: str = ""
    published: bool = True
    #: When the value was last verified against its live source (rung, texted or opened), how,
    #: and by whom (a role, never a person's name or details): see safetysite.release.
    verified: str = ""
    verified_how: str = ""
    verified_by: str = ""
    #: The entry's line in the data file, for messages.
    line: int = 0

    @property
    def href(self) -> str | None:
        """The address a tap opens: ``tel:`` or ``sms:`` with what :func:`dial` gives, or the web."""
        if self.kind in ("phone", "sms"):
            try:
                number = dial(self.value, self.kind)
            except ValueError as exc:
                raise ContactsError(f"contacts.{self.key}.value: {exc}") from exc
            if self.kind == "phone":
                return f"tel:{number}"
            return f"sms:{number}" + (f"?body={quote(self.body)}" if self.body else "")
        if self.kind == "web":
            return self.value
        return None

    @property
    def text(self) -> str:
        """How the contact is written on the page: a web address without https:// or www."""
        if self.kind == "web":
            return re.sub(r"^https?://(www\.)?", "", self.value).rstrip("/")
        return self.value

    def markdown(self) -> str:
        if self.kind == "keypad":
            return f"**{self.text}**"
        if self.kind == "web":  # the text is the address already: print needs no copy of it
            return f"[{self.text}]({self.href}){{ .site-address }}"
        return f"[{self.text}]({self.href})" if self.href else self.text

    def html(self) -> str:
        text = html.escape(self.text)
        if self.kind == "keypad":
            return f"<strong>{text}</strong>"
        address = ' class="site-address"' if self.kind == "web" else ""
        return f'<a href="{html.escape(self.href)}"{address}>{text}</a>' if self.href else text

    def describe(self) -> str:
        """One line for translators: what the placeholder shows."""
        shown = {
            "phone": "phone number",
            "sms": "text number",
            "keypad": "keys to press",
            "web": "web address",
        }
        kind = shown.get(self.kind, "name")
        return f"{{{self.key}}} = {kind} {self.text}"


class ContactsError(ValueError):
    """The data file or a placeholder is wrong; the message names the file, the line and a fix."""


# -- numbers ------------------------------------------------------------------------------
@lru_cache(maxsize=256)
def dial(value: str, kind: str = "phone") -> str:
    """What a tap on a ``phone`` or ``sms`` value dials: ``+44800789321`` (E.164, as phonenumbers
    writes it) for a UK number, the digits of a short code (``999``, ``61016``), or of the text
    relay prefix and the number after it (``18001101``). A ``keypad`` value is returned as it is.
    Anything else raises ValueError, saying what is wrong."""
    if kind == "keypad":
        if not re.fullmatch(r"[0-9]+", value):
            raise ValueError(f'"{value}" is not keys to press: digits only, such as 55')
        return value
    if not WRITTEN.fullmatch(value):
        raise ValueError(f'"{value}" {_layout_problem(value)}')
    prefix, _, rest = value.partition(" ")
    if kind == "phone" and prefix in RELAY and rest:
        if rest.partition(" ")[0] in RELAY:
            raise ValueError(f'"{value}" has the text relay prefix twice')
        try:
            _uk_number(rest)
        except ValueError as exc:
            raise ValueError(f'"{value}": after the text relay prefix {prefix}, {exc}') from None
        return prefix + rest.replace(" ", "")
    return _uk_number(value)


def _uk_number(value: str) -> str:
    """A full UK number (starting 0) in E.164 form, or a UK short code's digits."""
    digits = value.replace(" ", "")
    try:
        number = phonenumbers.parse(digits, REGION)
    except phonenumbers.NumberParseException as exc:
        why = re.sub(r"^[(][0-9]+[)] ", "", str(exc))  # "(4) The string supplied is too long..."
        raise ValueError(f'"{value}" is not a phone number ({why})') from None
    if digits.startswith("0"):
        if phonenumbers.is_valid_number(number) and number.country_code == 44:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        why = LENGTH_PROBLEMS.get(
            phonenumbers.is_possible_number_with_reason(number),
            f"no UK number range holds it ({len(digits)} digits: a digit missing or extra?)",
        )
        raise ValueError(f'"{value}" is not a UK phone number: {why}')
    if shortnumberinfo.is_valid_short_number_for_region(number, REGION):
        return digits
    raise ValueError(f'"{value}" is not a UK short code, and a full UK number starts with 0')


def _layout_problem(value: str) -> str:
    if "  " in value:
        return "has two spaces in a row"
    if value != value.strip():
        return "starts or ends with a space"
    bad = next(c for c in value if not ("0" <= c <= "9" or c == " "))
    return f'has "{bad}": a number is written with the digits 0-9 and single spaces'


def _number_fix(value: str, kind: str, source: str) -> str:
    """How to fix a wrong number: its tidy form if spacing was all that was wrong, else the source."""
    tidy = " ".join(value.split())
    if tidy != value:
        try:
            dial(tidy, kind)
        except ValueError:
            pass
        else:
            return f"write it as the service publishes it, digits and single spaces: {tidy}"
    if kind == "keypad":
        return "write the keys a caller presses, digits only, e.g. 55"
    return (
        f"check it against its source ({source}) and write it as the service publishes it, "
        f"digits and single spaces, e.g. {EXAMPLES[kind]}"
    )


def _date_problem(text: str, today: date) -> str:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return f'"{text}" is not a date written YYYY-MM-DD'
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        return f'"{text}" is not a real date ({exc})'
    return f'"{text}" is in the future (today is {today.isoformat()})' if day > today else ""


def _date_fix(text: str, today: date) -> str:
    """How to write ``checked``: a day-first date (1/11/2026) as YYYY-MM-DD, else today as an example."""
    if match := re.fullmatch(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})", text):
        day, month, year = map(int, match.groups())
        try:
            meant = date(year, month, day)
        except ValueError:
            meant = None
        if meant and meant <= today:
            said = format_date(meant, "d MMMM y", locale="en_GB")
            return f"write it YYYY-MM-DD: checked: {meant.isoformat()} (if you mean {said})"
    return f"write the day it was last checked against its source, e.g. checked: {today.isoformat()}"


# -- the data file ------------------------------------------------------------------------
def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _error(path: Path, node: yaml.Node, what: str, fix: str) -> ContactsError:
    return ContactsError(f"{path}:{_line(node)}: {what}\n  {fix}")


def _compose(path: Path) -> yaml.Node | None:
    """The file's YAML as nodes, which know their line; a syntax error is one line with file:line:column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContactsError(f"{path}: not UTF-8 (byte {exc.start}): save it as UTF-8") from exc
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ContactsError(yaml_error(path, exc, text)) from None


def _pairs(path: Path, node: yaml.MappingNode, where: str) -> Iterator[tuple[yaml.ScalarNode, yaml.Node]]:
    """The keys and values of a mapping; a key that is not a name, or is written twice, is an error."""
    seen: dict[str, int] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise _error(path, key, f"{where}: a key must be a name", "write name: value")
        if key.value in seen:
            fix = f"keep one of them (the first is on line {seen[key.value]})"
            name = f"{where}.{key.value}" if where else key.value
            raise _error(path, key, f"{name} is written twice", fix)
        seen[key.value] = _line(key)
        yield key, value


def load_contacts(path: Path, *, today: date | None = None) -> dict[str, Contact]:
    """Read and validate the contacts file (see the module's docstring). Errors are
    ``file:line: what is wrong``, then how to fix it; ``today`` is for the tests."""
    root = _compose(path)
    top = {k.value: v for k, v in _pairs(path, root, "")} if isinstance(root, yaml.MappingNode) else {}
    entries = top.get("contacts")
    if not isinstance(entries, yaml.MappingNode):
        at = f":{_line(entries or root)}" if (entries or root) else ""
        raise ContactsError(
            f"{path}{at}: needs a 'contacts:' mapping, e.g. contacts: {{emergency: {{kind: phone, ...}}}}"
        )
    today = today or date.today()
    return {key.value: _contact(path, key, entry, today) for key, entry in _pairs(path, entries, "contacts")}


def _fields(path: Path, key: yaml.ScalarNode, entry: yaml.Node) -> dict[str, yaml.ScalarNode]:
    """An entry's fields by name, each a scalar; null (empty) fields are left out."""
    where = f"contacts.{key.value}"
    if not PLACEHOLDER.fullmatch(f"{{{key.value}}}"):
        fix = "a key is lower case letters, digits and _ (e.g. anti_terrorist_hotline)"
        raise _error(path, key, f"{where}: {key.value!r} cannot be a placeholder", fix)
    if not isinstance(entry, yaml.MappingNode):
        raise _error(path, entry, f"{where}: must be a mapping", f"give it {', '.join(FIELDS)}")
    fields = {}
    for name, value in _pairs(path, entry, where):
        if name.value not in FIELDS + OPTIONAL:
            known = ", ".join(FIELDS + OPTIONAL)
            raise _error(path, name, f"{where}: unknown field {name.value}", f"the fields are {known}")
        if not isinstance(value, yaml.ScalarNode):
            raise _error(path, value, f"{where}.{name.value}: must be text", "not a list or a mapping")
        if value.tag != _NULL and value.value != "":
            fields[name.value] = value
    if missing := [f for f in FIELDS if f not in fields]:
        fix = f"every entry has {', '.join(FIELDS)} (see the top of the file)"
        raise _error(path, key, f"{where}: missing {', '.join(missing)}", fix)
    return fields


def _contact(path: Path, key: yaml.ScalarNode, entry: yaml.Node, today: date) -> Contact:
    """One entry, checked: its kind, its number, its date, its published flag."""
    fields = _fields(path, key, entry)
    where = f"contacts.{key.value}"
    kind, value, source = (fields[f].value for f in ("kind", "value", "source"))
    if kind not in KINDS:
        fix = "write the kind of contact it is, e.g. kind: phone (keypad: keys pressed during a call)"
        raise _error(path, fields["kind"], f"{where}.kind: {kind!r} is not one of {', '.join(KINDS)}", fix)
    if kind == "web" and not WEB.fullmatch(value):
        fix = "write the whole address with https://, as the service publishes it, e.g. https://www.report-it.org.uk/"
        raise _error(path, fields["value"], f"{where}.value: {value!r} is not a web address to link to", fix)
    if kind in EXAMPLES:
        try:
            dial(value, kind)
        except ValueError as exc:
            fix = _number_fix(value, kind, source)
            raise _error(path, fields["value"], f"{where}.value: {exc}", fix) from None
    for name in ("checked", "verified"):
        if name in fields and (problem := _date_problem(fields[name].value, today)):
            fix = _date_fix(fields[name].value, today).replace("checked:", f"{name}:")
            raise _error(path, fields[name], f"{where}.{name}: {problem}", fix)
    if "verified" in fields and not {"verified_how", "verified_by"} <= set(fields):
        fix = "say how (verified_how: rang it and heard the greeting) and who (verified_by: a role)"
        raise _error(path, fields["verified"], f"{where}: verified needs verified_how and verified_by", fix)
    values: dict[str, str | bool] = {name: node.value for name, node in fields.items()}
    if "published" in fields:
        node = fields["published"]
        if node.tag != _BOOL:
            problem = f"{where}.published: {node.value!r} is not true or false"
            raise _error(path, node, problem, "write published: false, or leave the line out")
        values["published"] = yaml.constructor.SafeConstructor.bool_values[node.value.lower()]
    return Contact(key=key.value, line=_line(key), **values)


def dialled_numbers(contacts: Mapping[str, Contact] | Path) -> frozenset[str]:
    """Every number a reader dials, texts or presses, exactly as written."""
    if isinstance(contacts, Path):
        contacts = load_contacts(contacts) if contacts.exists() else {}
    return frozenset(c.value for c in contacts.values() if c.kind in ("phone", "sms", "keypad"))


def checked_date(contacts: Mapping[str, Contact], language: str) -> str:
    """When every published number was last verified against its live source: the oldest such
    date, written in ``language`` (English the UK way: 23 November 2026); empty while any
    published number or address has no live verification (then the page says so)."""
    shown = [c for c in contacts.values() if c.published and c.kind != "name"]
    if not shown or any(not c.verified for c in shown):
        return ""
    return long_date(min(c.verified for c in shown), language)


def long_date(iso: str, language: str) -> str:
    """A YYYY-MM-DD date written out in ``language`` (English the UK way: 23 November 2026)."""
    if not iso:
        return ""
    locale = "en_GB" if language == "en" else language
    return format_date(date.fromisoformat(iso), "long", locale=locale)


def placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, in order."""
    return PLACEHOLDER.findall(text)


def expand(text: str, contacts: Mapping[str, Contact], *, as_html: bool = False) -> str:
    """Replace each ``{key}`` with its contact as Markdown (or HTML); unknown keys raise."""

    def one(match: re.Match[str]) -> str:
        contact = contacts.get(match.group(1))
        if contact is None or not contact.published:
            why = "is not in the contacts file" if contact is None else "is marked published: false"
            raise ContactsError(f"{match.group(0)} {why}")
        return contact.html() if as_html else contact.markdown()

    return PLACEHOLDER.sub(one, text)


def describe(text: str, contacts: Mapping[str, Contact]) -> Iterable[str]:
    """Translator notes for the placeholders in ``text``."""
    for key in dict.fromkeys(placeholders(text)):
        if key in contacts:
            yield contacts[key].describe()
