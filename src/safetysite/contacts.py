"""The contacts data file: every phone number, SMS number and service address.

Numbers live in ``data/contacts.yml`` and nowhere else. Pages and templates
name them with placeholders such as ``{anti_terrorist_hotline}``;
:func:`expand` turns each into a link (``tel:``, ``sms:`` or ``https:``) when a
page is built. The catalogue checks guard the placeholders, and the numbers
check reads the dialled numbers from here, so a translation can never change one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from babel.dates import format_date

__all__ = [
    "Contact",
    "ContactsError",
    "checked_date",
    "dialled_numbers",
    "expand",
    "load_contacts",
    "placeholders",
]

#: What a contact is: dialled, texted, pressed on a call, visited, or a name.
KINDS = ("phone", "sms", "keypad", "web", "name")
FIELDS = ("kind", "value", "purpose", "source", "checked")
#: A UK phone number written by hand, in groups or not: 0800 789 321, 01622 690690, 02079460999.
UK_PHONE = r"0\d{2,4}(?: \d{3,4}){1,2}|0\d{9,10}"
#: A placeholder in a page or a translation: ``{emergency}``.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


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

    @property
    def href(self) -> str | None:
        """The address a tap opens: ``tel:`` in international form where it can be, ``sms:``, or the web."""
        digits = re.sub(r"\D", "", self.value)
        if self.kind == "phone":
            return f"tel:+44{digits[1:]}" if digits.startswith("0") else f"tel:{digits}"
        if self.kind == "sms":
            return f"sms:{digits}" + (f"?body={self.body}" if self.body else "")
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
    """The data file or a placeholder is wrong; the message names the file and the entry."""


def load_contacts(path: Path) -> dict[str, Contact]:
    """Read and validate the contacts file; errors name the file and the entry, with an example."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("contacts") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise ContactsError(
            f"{path}: needs a 'contacts:' mapping, e.g. contacts: {{emergency: {{kind: phone, ...}}}}"
        )
    out = {}
    for key, entry in entries.items():
        where = f"{path}: contacts.{key}"
        if not PLACEHOLDER.fullmatch(f"{{{key}}}"):
            raise ContactsError(
                f"{where}: a key is lower case letters, digits and _ (e.g. anti_terrorist_hotline)"
            )
        if not isinstance(entry, dict):
            raise ContactsError(f"{where}: must be a mapping with {', '.join(FIELDS)}")
        if missing := [f for f in FIELDS if not entry.get(f)]:
            raise ContactsError(f"{where}: missing {', '.join(missing)}")
        if entry["kind"] not in KINDS:
            raise ContactsError(f"{where}.kind: {entry['kind']!r} is not one of {', '.join(KINDS)}")
        if unknown := set(entry) - {*FIELDS, "when", "note", "body", "published"}:
            raise ContactsError(f"{where}: unknown field {', '.join(sorted(unknown))}")
        values = {k: str(v) if k != "published" else bool(v) for k, v in entry.items()}
        out[key] = Contact(key=key, **values)
    return out


def dialled_numbers(contacts: Mapping[str, Contact] | Path) -> frozenset[str]:
    """Every number a reader dials, texts or presses, exactly as written."""
    if isinstance(contacts, Path):
        contacts = load_contacts(contacts) if contacts.exists() else {}
    return frozenset(c.value for c in contacts.values() if c.kind in ("phone", "sms", "keypad"))


def checked_date(contacts: Mapping[str, Contact], language: str) -> str:
    """When the published numbers were last checked: the oldest of their dates, written in
    ``language`` (English in the UK way: 23 November 2026)."""
    dates = [c.checked for c in contacts.values() if c.published]
    if not dates:
        return ""
    locale = "en_GB" if language == "en" else language
    return format_date(date.fromisoformat(min(dates)), "long", locale=locale)


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
