"""Which self-hosted font each language's pages need, from the script the language is written in.

A language's script comes from Unicode CLDR (through Babel's likely subtags: ``ur`` is written
in ``Arab``), so the font follows from the language list in ``mkdocs.yml`` and is written
nowhere else. Latin-script languages need no web font. ``scripts/make_fonts.py`` makes the
WOFF2 files from this table (the script's whole range: the posters use them as they are); each
build cuts them down to the letters each language's pages use (:mod:`safetysite.webfonts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

__all__ = ["LATIN", "SCRIPT_FONTS", "WEIGHTS", "Font", "font_for", "script_of"]

#: The weights every font comes in, with the name its files end in (declared here: Debian's
#: Nastaliq Bold file reports weight 400). The posters use them all.
WEIGHTS = ((400, "Regular"), (700, "Bold"))
#: The web pages of Nastaliq, Naskh, Devanagari and Gurmukhi load the regular weight only, and
#: the browser draws their bold text from it: cut down to the pages' letters, a bold file costs
#: Nastaliq 87 KB, Devanagari 24-29 KB, Naskh 12 KB and Gurmukhi 9 KB more, which is what keeps a
#: first visit on slow data within 200 KB (Urdu), 130 KB (Hindi, Nepali) and 100 KB (Arabic,
#: Punjabi). The bold the browser makes keeps each letter's shape and reads as bold at 13 and 16
#: px. Hebrew keeps its real bold (3 KB). See README, "Page weight".
REGULAR_ONLY = ((400, "Regular"),)


@dataclass(frozen=True)
class Font:
    """A Noto family, the stem of its files, the code points its committed files keep, and the
    weights the web pages load (the posters load every weight of :data:`WEIGHTS`)."""

    family: str
    stem: str
    unicodes: str
    web_weights: tuple[tuple[int, str], ...] = WEIGHTS

    def file(self, weight: str) -> str:
        """The committed file of one weight (``Regular``), relative to ``docs/assets/fonts``."""
        return f"{self.stem}-{weight}.woff2"

    def missing_web_files(self, folder: Path) -> list[Path]:
        """The committed files of the web weights that are not in ``folder`` (not made yet)."""
        files = (folder / self.file(name) for _, name in self.web_weights)
        return [file for file in files if not file.is_file()]

    def stylesheet(self, language: str) -> str:
        """Where the language's pages link their ``@font-face`` stylesheet, relative to the site;
        the build writes it, with a hash of its content in its name, and links that
        (:mod:`safetysite.webfonts`)."""
        return f"assets/fonts/{language}.css"


#: The font for each script (ISO 15924 code) that needs one.
SCRIPT_FONTS = {
    "Arab": Font(
        "Noto Naskh Arabic",
        "NotoNaskhArabic",
        "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF",
        web_weights=REGULAR_ONLY,
    ),
    "Hebr": Font("Noto Sans Hebrew", "NotoSansHebrew", "U+0590-05FF,U+FB1D-FB4F"),
    "Deva": Font(
        "Noto Sans Devanagari",
        "NotoSansDevanagari",
        "U+0900-097F,U+A8E0-A8FF,U+1CD0-1CFF",
        web_weights=REGULAR_ONLY,
    ),
    "Guru": Font(
        "Noto Sans Gurmukhi", "NotoSansGurmukhi", "U+0A00-0A7F,U+0964-0965", web_weights=REGULAR_ONLY
    ),
}
#: Latin letters, digits and punctuation for the posters (safetysite.posters): phone numbers, web
#: addresses and English left untranslated, in every language. The web pages use the reader's own.
LATIN = Font("Noto Sans", "NotoSans", "U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-205E,U+20AC,U+2212")
#: Languages whose readers expect another style of their script: Urdu is written in Nastaliq.
LANGUAGE_FONTS = {
    "ur": Font(
        "Noto Nastaliq Urdu",
        "NotoNastaliqUrdu",
        "U+0600-06FF,U+0750-077F,U+FB50-FDFF,U+FE70-FEFF",
        web_weights=REGULAR_ONLY,
    )
}


def script_of(language: str) -> str:
    """The script a language is usually written in (``ur`` → ``Arab``), or ``""`` if unknown."""
    likely = get_global("likely_subtags").get(language.replace("-", "_").split("_")[0], "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else ""  # language_Script_REGION


def font_for(language: str) -> Font | None:
    """The web font a language's pages load, or None (Latin script, or no font chosen yet)."""
    return LANGUAGE_FONTS.get(language) or SCRIPT_FONTS.get(script_of(language))
