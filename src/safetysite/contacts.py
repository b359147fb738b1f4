"""The contacts data file: every phone number, SMS code and service address.

Numbers live here and nowhere else. The catalogue checks read the dialled
numbers from it, so a translation can never change one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["Contact", "dialled_numbers", "load_contacts"]

_KINDS = ("phone", "sms", "web", "keypad")


@dataclass(frozen=True)
class Contact:
    """One number or address, what it is for, where it comes from and when it was checked."""

    key: str
    kind: str
    value: str
    purpose: str
    source: str
    checked: str


class ContactsError(ValueError):
    """The data file is not in the expected shape; the message names the entry."""


def load_contacts(path: Path) -> dict[str, Contact]:
    """Read and validate the contacts file; errors name the file and entry."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("contacts")
    if not isinstance(entries, dict):
        raise ContactsError(f"{path}: needs a 'contacts:' mapping, e.g. contacts: {{emergency: {{...}}}}")
    out = {}
    for key, entry in entries.items():
        where = f"{path}: contacts.{key}"
        if not isinstance(entry, dict):
            raise ContactsError(f"{where}: must be a mapping with kind, value, purpose, source, checked")
        missing = [f for f in ("kind", "value", "purpose", "source", "checked") if not entry.get(f)]
        if missing:
            raise ContactsError(f"{where}: missing {', '.join(missing)}")
        if entry["kind"] not in _KINDS:
            raise ContactsError(f"{where}.kind: {entry['kind']!r} is not one of {', '.join(_KINDS)}")
        out[key] = Contact(
            key, entry["kind"], str(entry["value"]), entry["purpose"], entry["source"], str(entry["checked"])
        )
    return out


def dialled_numbers(path: Path) -> frozenset[str]:
    """Every number a reader dials, texts or presses, exactly as written."""
    if not path.exists():
        return frozenset()
    return frozenset(c.value for c in load_contacts(path).values() if c.kind != "web")
