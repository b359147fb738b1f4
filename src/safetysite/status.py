"""How much of the site each language translates, measured from the catalogues.

The accessibility statement shows these rows; they are made at build time from the template and
each language's checked translations, never typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from safetysite.site import Site

__all__ = ["StatusRow", "translation_status"]


@dataclass(frozen=True)
class StatusRow:
    """One language: how many of the template's messages it translates in a usable way."""

    locale: str
    name: str
    translated: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent, rounded down, so a language short of one message never shows 100."""
        return 100 * self.translated // self.total if self.total else 100


def translation_status(site: Site) -> list[StatusRow]:
    """One row per language, the default first. A translation counts only when it is present,
    not fuzzy and passes every check (exactly what the build uses)."""
    ids = set(site.checker().kinds)
    rows = []
    for lang in site.languages:
        done = len(ids) if lang.default else len(ids & set(site.translations(lang.code).messages))
        rows.append(StatusRow(lang.code, lang.name, done, len(ids)))
    return rows
