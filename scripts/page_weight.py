"""Print what a first visit to each language's home page downloads, raw and gzipped.

    .venv/bin/mkdocs build && .venv/bin/python scripts/page_weight.py [site]

Counts the page, its stylesheets and scripts, the fonts its stylesheets load, the search
worker and the language's search index (Material fetches both on load).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

from safetysite.site import Site

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
LANGUAGES = Site.load(ROOT / "mkdocs.yml").languages


def weight(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9))


def first_visit(page: Path) -> dict[str, tuple[int, int]]:
    html = page.read_text(encoding="utf-8")
    files = {page.name: weight(page)}
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        css_or_js = (page.parent / ref).resolve()
        files[css_or_js.name] = weight(css_or_js)
        if css_or_js.suffix == ".css":
            for font in re.findall(r'url\("([^"]+\.woff2)"\)', css_or_js.read_text(encoding="utf-8")):
                files[font] = weight(css_or_js.parent / font)
    worker = next((SITE / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    files[worker.name] = weight(worker)
    files["search_index.json"] = weight(page.parent / "search" / "search_index.json")
    return files


def main() -> int:
    print(f"{'language':9} {'files':>5} {'raw KB':>7} {'gzip KB':>8}  largest")
    for lang in LANGUAGES:
        home = SITE / lang.folder / "index.html"
        files = first_visit(home)
        raw = sum(r for r, _ in files.values()) / 1024
        packed = sum(g for _, g in files.values()) / 1024
        largest = max(files, key=lambda name: files[name][1])
        language = lang.code
        biggest = files[largest][1] / 1024
        print(f"{language:9} {len(files):5} {raw:7.0f} {packed:8.0f}  {largest} ({biggest:.0f} KB gz)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
