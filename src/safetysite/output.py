"""Files the build writes once every language is built: one search index and one
page-not-found page per language.

mkdocs-static-i18n builds the languages one after another into one folder. Two of its files
come out wrong: ``search/search_index.json`` holds every language's pages (each reader would
download all seven), and the root ``404.html`` is whichever language was built last.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from safetysite.search import dumps, split_index
from safetysite.site import Site

__all__ = ["write_not_found_pages", "write_search_indexes"]


def write_search_indexes(site_dir: Path, site: Site) -> list[Path]:
    """Split the combined index into ``search/search_index.json`` under each language's folder."""
    combined = site_dir / "search" / "search_index.json"
    if not combined.exists():
        return []
    written = []
    indexes = split_index(json.loads(combined.read_text("utf-8")), site.codes, site.default.code)
    for code, index in indexes.items():
        target = site_dir / site.language(code).folder / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(index), encoding="utf-8")
        written.append(target)
    return written


def write_not_found_pages(site_dir: Path, site: Site, pages: Mapping[str, str]) -> list[Path]:
    """Write each language's finished page-not-found HTML to its folder (English at the root)."""
    written = []
    for code, html in pages.items():
        target = site_dir / site.language(code).folder / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written
