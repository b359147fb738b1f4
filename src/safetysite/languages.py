"""Links from one page to the same page in every language of the site.

The ``languages`` include (on the "Your language" page and the page-not-found page) lists every
language by its own name, each linked to the page the reader is on, in that language.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from safetysite.site import Language

__all__ = ["LanguageLink", "language_links"]


@dataclass(frozen=True)
class LanguageLink:
    """One language's link: where it goes (relative), its name, and whether it is the page's own."""

    locale: str
    name: str
    href: str
    dir: str
    current: bool


def language_links(languages: Iterable[Language], current: str, page_url: str) -> list[LanguageLink]:
    """The page at ``page_url`` (MkDocs' ``page.url`` in language ``current``) in every language.

    ``page_url`` is relative to the site's root and includes the language folder
    (``ur/stay-safe/``); each ``href`` is relative to the page, so the links work
    wherever the site is served.
    """
    languages = list(languages)
    own = next((lang for lang in languages if lang.code == current), None)
    prefix = own.folder if own else ""
    english = page_url[len(prefix) :] if prefix and page_url.startswith(prefix) else page_url
    here = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else "."
    links = []
    for lang in languages:
        href = posixpath.relpath((lang.folder + english) or ".", here or ".")
        links.append(
            LanguageLink(
                locale=lang.code,
                name=lang.name,
                href=href if href.endswith("/") or href == "." else href + "/",
                dir=lang.direction,
                current=lang.code == current,
            )
        )
    return links
