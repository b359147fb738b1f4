"""Print what a reader downloads, per language: a first visit, with and without the font, and the next page.

    .venv/bin/mkdocs build && .venv/bin/python scripts/page_weight.py [site] [--pages]

For every page of every language it adds up what the page itself links: the page, its
stylesheets, scripts, icon and images, and the web fonts its stylesheets load. Text files count
gzipped (level 9), fonts and pictures as they are (a server does not compress them again).
Search costs nothing on other pages; the Search page counts with its script and the index it
fetches when it opens.

- ``home``: a first visit to the home page on a device without the language's Noto font (every
  font file is downloaded); ``+font``: on a device that has it (a face that names the installed
  font with ``local()`` is not downloaded);
- ``any page``, ``+font``: the same for the heaviest first visit of any page of the language (named
  at the end of the row);
- ``next``: the heaviest second page, opened from the home page (what the home page loaded is in
  the browser's cache); ``median``: the median second page;
- ``search 0``: what of search the heaviest page other than Search loads up front (goal: 0);
  ``search 1``: what opening search costs from the home page: the Search page, its script and
  its index (the rest is in the browser's cache);
- ``html``: the home page's HTML alone, gzipped: the least a first visit can cost;
- ``stock``: the same home page from stock Material for MkDocs (a throwaway ``mkdocs.yml`` with
  only ``theme: material`` over the English pages, less those made with this site's own
  templates, built in this run; its Google Fonts, loaded from Google, are not counted).

``--pages`` also prints every page's first visit without the font.
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from safetysite.output import language_pages
from safetysite.site import Language, Site

ROOT = Path(__file__).resolve().parent.parent
SITE = Site.load(ROOT / "mkdocs.yml")
TEXT = {".html", ".css", ".js", ".svg", ".json", ".txt"}
FACE = re.compile(r"@font-face\s*{([^}]*)}")
URL = re.compile(r'url\("?([^")]+\.woff2)"?\)')


@cache
def weight(path: Path) -> int:
    """Bytes on the wire: gzipped if it is text."""
    data = path.read_bytes()
    return len(gzip.compress(data, 9)) if path.suffix in TEXT else len(data)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = set((a.get("rel") or "").split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload"} and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in ("script", "img") and a.get("src"):
            self.links.append(a["src"] or "")
        if a.get("data-index"):  # the Search page fetches its index when it opens
            self.links.append(a["data-index"] or "")


def resources(page: Path, *, installed: bool) -> dict[Path, int]:
    """What a first visit to ``page`` downloads, each file with its weight (``installed``: the
    device has every font a stylesheet names with ``local()``)."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    found = {page: weight(page)}
    for link in parser.links:
        if re.match(r"^([a-z]+:)?//|^data:", link):
            continue
        target = link.split("#")[0].split("?")[0]
        base = site_root(page) if target.startswith("/") else page.parent
        path = (base / target.lstrip("/")).resolve()
        if not path.is_file():
            continue
        found[path] = weight(path)
        if path.suffix == ".css":
            for face in FACE.findall(path.read_text(encoding="utf-8")):
                if installed and "local(" in face:
                    continue
                for font in URL.findall(face):
                    found[(path.parent / font).resolve()] = weight((path.parent / font).resolve())
    return found


def site_root(page: Path) -> Path:
    """The built site a page is in (the folder with ``sitemap.xml`` or ``assets``)."""
    return next(folder for folder in page.parents if (folder / "assets").is_dir())


def pages_of(site: Path, language: Language) -> list[Path]:
    """A language's pages (safetysite.output.language_pages), its page-not-found page last."""
    pages = language_pages(site, SITE, language)
    return [p for p in pages if p.name != "404.html"] + [p for p in pages if p.name == "404.html"]


def kb(size: int) -> str:
    return f"{size / 1024:.0f}"


def stock_home() -> int:
    """The English home page's first visit from stock Material for MkDocs (see the docstring)."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for page in SITE.docs_dir.rglob("*.md"):  # the English pages, less those of our templates
            text = page.read_text(encoding="utf-8")
            if not re.search(r"^template:", text, re.MULTILINE):
                target = project / "docs" / page.relative_to(SITE.docs_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        (project / "mkdocs.yml").write_text("site_name: Stock\ntheme:\n  name: material\n", encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
        subprocess.run(
            command, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        )
        return sum(resources(project / "site" / "index.html", installed=False).values())


COLUMNS = ("home", "+font", "any page", "+font", "next", "median", "search 0", "search 1", "html", "stock")


def search_files(files: dict[Path, int]) -> int:
    """The bytes of search among a page's files: the Search page's script and index."""
    return sum(size for file, size in files.items() if file.name in {"search.js", "index.json"})


def total(page: Path, *, installed: bool = False) -> int:
    return sum(resources(page, installed=installed).values())


def main() -> int:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    site = Path(args[0] if args else ROOT / "site").resolve()
    every = "--pages" in sys.argv
    stock = stock_home()
    print("KB on the wire (text gzipped); first visits without and with the font")
    print(
        f"{'language':9}" + "".join(f" {column:>{max(5, len(column))}}" for column in COLUMNS) + "  heaviest"
    )
    for language in SITE.languages:
        pages = pages_of(site, language)
        home = site / language.folder / "index.html"
        largest = max(pages, key=total)
        cached = set(resources(home, installed=False))
        nexts = [
            sum(size for file, size in resources(page, installed=False).items() if file not in cached)
            for page in pages
            if page != home
        ]
        searching = site / language.folder / "search" / "index.html"
        others = [page for page in pages if page != searching]
        search_up_front = max(search_files(resources(page, installed=False)) for page in others)
        search_first = sum(
            size for file, size in resources(searching, installed=False).items() if file not in cached
        )
        row = (
            total(home),
            total(home, installed=True),
            total(largest),
            total(largest, installed=True),
            max(nexts),
            statistics.median(nexts),
            search_up_front,
            search_first,
            weight(home),
            stock,
        )
        name = "404" if largest.name == "404.html" else largest.parent.name or "home"
        cells = "".join(
            f" {kb(size):>{max(5, len(column))}}" for column, size in zip(COLUMNS, row, strict=True)
        )
        print(f"{language.code:9}{cells}  {name}")
        if every:
            for page in pages:
                print(f"    {page.relative_to(site)}: {kb(total(page))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
