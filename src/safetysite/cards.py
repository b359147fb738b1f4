"""Tables as cards on a phone, and contact numbers as big buttons ("Call 0800 789 321").

:func:`cards` marks the tables that ``site.css`` lays out as one card per row on a narrow screen
(they stay tables on a wide one: one HTML, nothing read twice by a screen reader, no JavaScript),
and turns the numbers of the contact tables into buttons that say what a tap does, in the page's
language.

- A *contact table* lists services, one a row, with the number first: its first column holds
  links that :func:`safetysite.contacts.expand` wrote from placeholders. A first cell that holds
  one ``tel:``, ``sms:`` or web address link (``class="site-address"``) and nothing else becomes
  a button; the link keeps its ``href`` exactly (it came from ``data/contacts.yml``), only its
  text and class change. A ``tel:`` link says :attr:`Labels.call`, an ``sms:`` link
  :attr:`Labels.text`, a web link :attr:`Labels.website` with the address under it. Every first
  cell of a contact table (keys to press, 55, too) gets ``class="site-action"``: on a card it
  comes last, under what the service is for and when to use it.
- The number sits where the label's ``{number}`` is, wrapped in ``<bdi dir="ltr">`` so it reads
  left to right in right-to-left pages too. A label without ``{number}`` (it should not happen: the
  placeholder check refuses such a translation) still shows the number, after it: a button never
  hides what it dials. Labels are text (translations): they are escaped, never read as HTML.
- A contact table, and any table of :data:`CARD_COLUMNS` columns or more (too many to share a
  phone's width at the size of the body text), is wrapped in ``<div class="site-cards">``.
  Other tables, and links anywhere else (in a sentence, or a cell with more than the link), are
  left as they are.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["CARD_COLUMNS", "Labels", "cards"]

#: Where the number goes in a label.
NUMBER = "{number}"
#: A table with this many columns or more is a card per row on a phone.
CARD_COLUMNS = 3

_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_BODY = re.compile(r"(<tbody>)(.*?)(</tbody>)", re.DOTALL)
_ROW = re.compile(r"(<tr\b[^>]*>\s*)<td\b([^>]*)>(.*?)</td>", re.DOTALL)
#: A cell holding one link and nothing else; the link's text is plain text (no tags).
_LINK_ONLY = re.compile(r"\s*<a\s+([^>]*)>([^<]+)</a>\s*")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_HEADER_ROW = re.compile(r"<thead>\s*<tr\b[^>]*>(.*?)</tr>", re.DOTALL)


@dataclass(frozen=True)
class Labels:
    """What each kind of button says, in the page's language."""

    call: str = "Call {number}"
    text: str = "Text {number}"
    website: str = "Open website"


def _with_number(label: str, number: str) -> str:
    """The label, escaped, with the number (already HTML) isolated left to right where it goes."""
    shown = f'<bdi dir="ltr">{number}</bdi>'
    before, found, after = label.partition(NUMBER)
    if not found:
        return f"{html.escape(label, quote=False)} {shown}"
    return html.escape(before, quote=False) + shown + html.escape(after, quote=False)


def _button(attributes: str, text: str, labels: Labels) -> str | None:
    """The button for one contact link (its attributes and its text, as HTML), or None."""
    attrs = dict(_ATTRIBUTE.findall(attributes))
    href = attrs.get("href", "")
    classes = attrs.get("class", "").split()
    if href.startswith("tel:"):
        kind, inside = "site-call", _with_number(labels.call, text)
    elif href.startswith("sms:"):
        kind, inside = "site-text", _with_number(labels.text, text)
    elif href.startswith("https://") and "site-address" in classes:  # a web address from the data file
        label = html.escape(labels.website, quote=False)
        kind, inside = "site-web", f'{label} <span dir="ltr" class="site-button-address">{text}</span>'
    else:
        return None
    classes = [*classes, "site-button", kind]
    return f'<a href="{href}" class="{" ".join(classes)}">{inside}</a>'


def _table(table: str, labels: Labels) -> str:
    """One table: its contact cells as buttons, and the card wrapper if it needs one."""
    first_cells = [match.group(3) for body in _BODY.finditer(table) for match in _ROW.finditer(body.group(2))]
    contact = any(
        (link := _LINK_ONLY.fullmatch(content)) and _button(link.group(1), link.group(2), labels)
        for content in first_cells
    )
    header = _HEADER_ROW.search(table)
    columns = header.group(1).count("<th") if header else 0
    if not contact:
        return f'<div class="site-cards">\n{table}\n</div>' if columns >= CARD_COLUMNS else table

    def cell(match: re.Match[str]) -> str:
        row, attributes, content = match.groups()
        link = _LINK_ONLY.fullmatch(content)
        button = _button(link.group(1), link.group(2), labels) if link else None
        return f'{row}<td{attributes} class="site-action">{button or content}</td>'

    def body(match: re.Match[str]) -> str:
        start, rows, end = match.groups()
        return start + _ROW.sub(cell, rows) + end

    return f'<div class="site-cards">\n{_BODY.sub(body, table)}\n</div>'


def cards(html_text: str, labels: Labels) -> str:
    """Mark the tables that are cards on a phone, with their contact numbers as buttons (see the
    module's docstring)."""
    return _TABLE.sub(lambda match: _table(match.group(0), labels), html_text)
