"""How far each language is translated and checked, measured from the catalogues.

``safetysite status`` prints these rows for translators, and the accessibility statement shows
them to readers; both are made from the template and each language's catalogue when asked, never
typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from safetysite.review import UNREVIEWED, Review
from safetysite.site import Site

__all__ = ["StatusRow", "format_table", "translation_status"]


@dataclass(frozen=True)
class StatusRow:
    """One language, counted over the template's messages.

    ``translated``: usable (present, not fuzzy, passes every check). ``fuzzy``: waiting for a
    translator to look again (the English changed). ``rejected``: translated but failing a check,
    so shown in English. ``untranslated``: the rest. ``obsolete``: old entries kept for reuse.
    ``warnings``: advice for a reviewer (placeholders in another order).
    """

    locale: str
    name: str
    translated: int
    total: int
    fuzzy: int = 0
    rejected: int = 0
    obsolete: int = 0
    warnings: int = 0
    review: Review = UNREVIEWED
    revised: str = ""
    #: The default language: its English is what every translation is checked against.
    reference: bool = False

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy - self.rejected

    @property
    def percent(self) -> int:
        """Whole percent, rounded down, so a language short of one message never shows 100."""
        return 100 * self.translated // self.total if self.total else 100


def translation_status(site: Site) -> list[StatusRow]:
    """One row per language, the default first (its English is the reference)."""
    ids = set(site.checker().kinds)
    rows = []
    for lang in site.languages:
        if lang.default:
            rows.append(StatusRow(lang.code, lang.name, len(ids), len(ids), reference=True))
            continue
        loaded = site.translations(lang.code)
        rejected = {
            p.line for p in loaded.problems if p.error and p.check not in ("po", "header", "template")
        }
        rows.append(
            StatusRow(
                locale=lang.code,
                name=lang.name,
                translated=len(ids & set(loaded.messages)),
                total=len(ids),
                fuzzy=loaded.fuzzy,
                rejected=len(rejected),
                obsolete=loaded.obsolete,
                warnings=sum(1 for p in loaded.problems if not p.error),
                review=loaded.review,
                revised=loaded.revised,
            )
        )
    return rows


COLUMNS = (
    "language",
    "translated",
    "fuzzy",
    "untranslated",
    "failing",
    "obsolete",
    "done",
    "review",
    "warnings",
    "revised",
)


def format_table(rows: list[StatusRow]) -> str:
    """The rows as a plain-text table for a terminal (the default language is the reference)."""
    table = [COLUMNS]
    for row in rows:
        review = "reference" if row.reference else str(row.review)
        counts = (row.translated, row.fuzzy, row.untranslated, row.rejected, row.obsolete)
        table.append(
            (row.locale, *map(str, counts), f"{row.percent}%", review, str(row.warnings), row.revised or "-")
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = ("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in table)
    return "\n".join(line.rstrip() for line in lines)
