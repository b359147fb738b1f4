"""Files the build writes once every language is built: one search index and one
page-not-found page per language, the posters' file sizes on each Posters page, and each
language's web font, cut down to the letters its finished pages use.

mkdocs-static-i18n builds the languages one after another into one folder, so a language's
search index can be read only once its pages are finished, and the root ``404.html`` it writes
is whichever language was built last.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path

from safetysite.search import INDEX, SEARCH_PAGE, Section, dumps, page_sections
from safetysite.site import Language, Site
from safetysite.webfonts import DISPLAY, WebFont, page_characters, relink, web_font

__all__ = [
    "FONTS",
    "fill_file_sizes",
    "language_pages",
    "write_file_sizes",
    "write_not_found_pages",
    "write_search_indexes",
    "write_web_fonts",
]

#: Where the fonts are: the committed full fonts under ``docs/``, the pages' subsets in the site.
FONTS = "assets/fonts"


def site_sections(site_dir: Path, site: Site, language: Language) -> list[Section]:
    """Every section of every page of a language (:func:`language_pages`, the Search page itself
    left out), in address order, each address relative to the language's home."""
    home = site_dir / language.folder
    sections = []
    for path in language_pages(site_dir, site, language):
        relative = path.parent.relative_to(home).as_posix()
        url = "" if relative == "." else f"{relative}/"
        if path.name == "index.html" and url != SEARCH_PAGE:
            sections.extend(page_sections(path.read_text(encoding="utf-8"), url))
    return sections


def write_search_indexes(site_dir: Path, site: Site) -> list[Path]:
    """Write each language's search index (:data:`safetysite.search.INDEX` under its home) from
    its finished pages."""
    written = []
    for language in site.languages:
        target = site_dir / language.folder / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(site_sections(site_dir, site, language)), encoding="utf-8")
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


#: Where a page shows a file's size: the Posters page's template writes it empty (the posters are
#: made after the pages); :func:`fill_file_sizes` fills it in.
SIZE_MARKER = re.compile(r'(<span class="site-size" dir="ltr" data-file="([^"]+)">)[^<]*(</span>)')


def fill_file_sizes(html: str, sizes: Mapping[str, int]) -> tuple[str, list[str]]:
    """The page with each size marker showing its file's size in KB, rounded up ("(35 KB)"), and
    the files it names that have no size (their markers are left empty)."""
    missing = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in sizes:
            missing.append(name)
            return match.group(1) + match.group(3)
        return f"{match.group(1)}({math.ceil(sizes[name] / 1024)} KB){match.group(3)}"

    return SIZE_MARKER.sub(fill, html), missing


def write_file_sizes(site_dir: Path, site: Site) -> list[str]:
    """Fill in the file sizes on each language's Posters page from the files beside it; the files
    a page names that are not there."""
    missing = []
    for language in site.languages:
        page = site_dir / language.folder / "posters" / "index.html"
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8")
        names = {match.group(2) for match in SIZE_MARKER.finditer(html)}
        files = [page.parent / name for name in names]
        sizes = {file.name: file.stat().st_size for file in files if file.is_file()}
        filled, absent = fill_file_sizes(html, sizes)
        if filled != html:
            page.write_text(filled, encoding="utf-8")
        missing += [f"{page.relative_to(site_dir)}: {name}" for name in absent]
    return missing


def language_pages(site_dir: Path, site: Site, language: Language) -> list[Path]:
    """Every built HTML page of one language: those under its folder (for the default language,
    the site's root less the other languages' folders)."""
    if not language.default:
        return sorted((site_dir / language.folder).rglob("*.html"))
    others = {lang.folder.strip("/") for lang in site.languages if not lang.default}
    return sorted(
        page for page in site_dir.rglob("*.html") if page.relative_to(site_dir).parts[0] not in others
    )


def write_web_fonts(site_dir: Path, site: Site, *, display: str = DISPLAY) -> dict[str, WebFont]:
    """For each language with a web font: cut its fonts down to the characters of its finished
    pages (:mod:`safetysite.webfonts`), write them and their stylesheet into ``assets/fonts/``
    and point the pages' stylesheet link at the stylesheet's hashed name. Run it last: it reads
    the pages as readers get them."""
    out = site_dir / FONTS
    written = {}
    for language in site.languages:
        source = language.font
        if source is None or source.missing_web_files(site.docs_dir / FONTS):
            continue  # no web font, or its files are not made yet (the build has warned)
        pages = {page: page.read_text(encoding="utf-8") for page in language_pages(site_dir, site, language)}
        characters = set().union(*map(page_characters, pages.values()))
        font = web_font(source, language.code, characters, site.docs_dir / FONTS, display=display)
        out.mkdir(parents=True, exist_ok=True)
        for name, data in font.files.items():
            (out / name).write_bytes(data)
        linked = Path(source.stylesheet(language.code)).name
        for page, html in pages.items():
            if (relinked := relink(html, linked, font.css_file)) != html:
                page.write_text(relinked, encoding="utf-8")
        written[language.code] = font
    return written
