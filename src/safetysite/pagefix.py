"""Small fixes to the HTML that Material for MkDocs writes.

- :func:`set_direction`: Material puts ``dir`` on ``<body>`` only; screen
  readers and CSS need it on ``<html>`` too.
- :func:`drop_head_alternates`: Material's script fetches ``sitemap.xml`` beside
  every ``<link rel="alternate" hreflang>`` in the head, and static-i18n points
  those at each page, so every page view cost seven failed requests. The
  hreflang alternates stay in ``sitemap.xml`` for search engines, and the
  language switcher links each page to itself in every language.
- :func:`print_addresses`: a printed page cannot be clicked, so each link in the
  page text gets its full web address in ``data-print-url`` for the print
  stylesheet to write after it.
- :func:`drop_checkbox_autocomplete`: Material marks its checkbox toggles
  ``autocomplete="off"``, which HTML allows only on text-like inputs (the Nu
  HTML Checker reports it as an error).
- :func:`name_theme_parts`: what accessibility checkers other than axe find in
  Material's markup. Its search toggle stays in the page without the search
  plugin (its script needs it), a checkbox with no name: it is named by the
  header's Search link and hidden. Icons are decoration beside a name: hidden,
  and never focusable. The announcement bar (the emergency line) is a landmark
  named by its own text.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

__all__ = [
    "drop_checkbox_autocomplete",
    "drop_head_alternates",
    "name_theme_parts",
    "print_addresses",
    "set_direction",
]

_HTML_TAG = re.compile(r"<html\b([^>]*)>")
_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
_SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
_ICON = re.compile(r"<svg\b(?![^>]*(?<![-\w])(?:role|aria-[a-z]+)=)(?![^>]*>\s*<title\b)")
_BANNER = '<aside class="md-banner">'


def set_direction(html: str, direction: str) -> str:
    """Put ``dir`` on the ``<html>`` element (replacing any there)."""

    def add(match: re.Match[str]) -> str:
        attrs = re.sub(r'\sdir="[^"]*"', "", match.group(1))
        return f'<html{attrs} dir="{direction}">'

    return _HTML_TAG.sub(add, html, count=1)


def drop_checkbox_autocomplete(html: str) -> str:
    """Remove ``autocomplete="off"`` from checkboxes, where HTML does not allow it."""
    return _CHECKBOX.sub(r"\1", html)


def drop_head_alternates(html: str) -> str:
    """Remove the head's per-language ``<link rel="alternate" hreflang>`` elements."""
    head, sep, body = html.partition("</head>")
    return _ALTERNATE.sub("", head) + sep + body


_ARTICLE = re.compile(r"(<article\b.*?</article>)", re.DOTALL)
_LINK = re.compile(r'<a href="([^"#][^"]*)"(?! data-print-url=)')


def print_addresses(html: str, page_url: str) -> str:
    """Give each link in the article a ``data-print-url``: its full address (``page_url`` is absolute)."""

    def one(match: re.Match[str]) -> str:
        href = match.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:", href):  # https:, tel:, sms: print as they are
            return match.group(0)
        return f'{match.group(0)} data-print-url="{urljoin(page_url, href)}"'

    return _ARTICLE.sub(lambda article: _LINK.sub(one, article.group(1)), html, count=1)


def name_theme_parts(html: str) -> str:
    """Material's search toggle named by the Search link (``id="site-search-link"``) and hidden,
    its icons hidden from screen readers, and its announcement bar named by the
    emergency line (``id="site-emergency"``) when there is one."""
    if 'id="site-search-link"' in html:
        html = html.replace(
            _SEARCH_TOGGLE, f'{_SEARCH_TOGGLE[:-1]} aria-labelledby="site-search-link" hidden>', 1
        )
    html = _ICON.sub('<svg aria-hidden="true" focusable="false"', html)
    if 'id="site-emergency"' in html:
        html = html.replace(_BANNER, '<aside class="md-banner" aria-labelledby="site-emergency">', 1)
    return html
