"""The finishing pipeline: every change made to a built HTML page, in one visible order.

MkDocs and Material write each page; these steps then adjust it. Each step is a small function
``step(html, page) -> html`` and :data:`STEPS` runs them in order, so a step that must see the
final HTML (a content-security hash, say) is added at the end and sees every earlier change.
Only HTML goes through it (never ``sitemap.xml``).

1. ``direction``: ``dir`` on ``<html>`` (Material puts it on ``<body>`` only).
2. ``valid html``: no ``autocomplete`` on checkboxes (the Nu HTML Checker rejects it).
3. ``named theme parts``: Material's unused search toggle named and hidden; its icons hidden
   from screen readers; the announcement bar named by the emergency line.
4. ``no head alternates``: drop the head's hreflang links (Material fetches a sitemap for each).
5. ``print addresses``: links in the article carry their full address for the print stylesheet.
6. ``numbers left to right``: phone numbers isolated in right-to-left pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from safetysite.bidi import isolate_numbers
from safetysite.pagefix import (
    drop_checkbox_autocomplete,
    drop_head_alternates,
    name_theme_parts,
    print_addresses,
    set_direction,
)

__all__ = ["STEPS", "Target", "finish"]


@dataclass(frozen=True)
class Target:
    """What the steps need to know about the page being finished."""

    language: str
    direction: str
    #: The page's full address (``https://example.org/ur/contacts/``), for printed links; empty for
    #: pages made from a theme template (page not found), which nobody prints.
    url: str
    #: Numbers readers dial or text, from the contacts file.
    dialled: frozenset[str] = field(default_factory=frozenset)


Step = Callable[[str, Target], str]


def _direction(html: str, page: Target) -> str:
    return set_direction(html, page.direction)


def _valid_html(html: str, page: Target) -> str:
    return drop_checkbox_autocomplete(html)


def _named_theme_parts(html: str, page: Target) -> str:
    return name_theme_parts(html)


def _no_head_alternates(html: str, page: Target) -> str:
    return drop_head_alternates(html)


def _print_addresses(html: str, page: Target) -> str:
    return print_addresses(html, page.url) if page.url else html


def _numbers_left_to_right(html: str, page: Target) -> str:
    return isolate_numbers(html, page.dialled) if page.direction == "rtl" else html


#: Every step, in the order it runs (see the module's docstring).
STEPS: tuple[tuple[str, Step], ...] = (
    ("direction", _direction),
    ("valid html", _valid_html),
    ("named theme parts", _named_theme_parts),
    ("no head alternates", _no_head_alternates),
    ("print addresses", _print_addresses),
    ("numbers left to right", _numbers_left_to_right),
)


def finish(html: str, page: Target) -> str:
    """Run every step of :data:`STEPS` over one built HTML page."""
    for _name, step in STEPS:
        html = step(html, page)
    return html
