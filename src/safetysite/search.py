"""One search index per language.

mkdocs-static-i18n gathers every language's pages into one ``search/search_index.json``,
which every page downloads on load: seven languages' worth of text for a reader who
reads one. :func:`split_index` gives each language its own index, with locations
relative to that language's home, and :func:`point_search_at` points a page's
search at its language's index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

__all__ = ["point_search_at", "split_index"]

_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def split_index(index: dict, languages: Iterable[str], default: str) -> dict[str, dict]:
    """Split a combined index into one per language (the default language keeps the root)."""
    others = [lang for lang in languages if lang != default]
    split: dict[str, dict] = {lang: {**index, "docs": []} for lang in [default, *others]}
    for doc in index["docs"]:
        first = doc["location"].split("/", 1)[0]
        if first in others:
            split[first]["docs"].append({**doc, "location": doc["location"][len(first) + 1 :]})
        else:
            split[default]["docs"].append(doc)
    return split


def point_search_at(html: str, language: str) -> str:
    """Make a page's search (Material's ``__config.base``) use its language's folder (once)."""

    def point(match: re.Match[str]) -> str:
        base = match.group(2).rstrip("/")
        if base == language or base.endswith(f"/{language}"):
            return match.group(0)
        return f"{match.group(1)}{base}/{language}/{match.group(3)}"

    return _BASE.sub(point, html, count=1)


def dumps(index: dict) -> str:
    """Write an index as Material's search plugin does (compact, UTF-8 kept)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
