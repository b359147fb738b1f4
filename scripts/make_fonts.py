"""Make the self-hosted WOFF2 fonts and their stylesheets from Debian's fonts-noto-core.

    python scripts/make_fonts.py   (writes docs/assets/fonts/; needs fonts-noto-core)

Each language of mkdocs.yml gets the font of its script (src/safetysite/fonts.py), cut down to
the script's letters plus ASCII and punctuation, with every OpenType layout feature kept
(Nastaliq and the Indic scripts need them). The posters also get Noto Sans, cut down to Latin
(``fonts.LATIN``: numbers, addresses and English left untranslated, in every language).
Weights are declared here: Debian's Nastaliq Bold file reports weight 400.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

from safetysite.fonts import LATIN, WEIGHTS
from safetysite.site import Site

SOURCE = Path("/usr/share/fonts/truetype/noto")
SITE = Site.load(Path(__file__).resolve().parent.parent / "mkdocs.yml")
OUT = SITE.docs_dir / "assets" / "fonts"
COMMON = "U+0020-007E,U+00A0-00FF,U+2000-206F,U+20B9,U+25CC"


def make(stem: str, ranges: str) -> None:
    for _, weight in WEIGHTS:
        out = OUT / f"{stem}-{weight}.woff2"
        subset.main(
            [
                str(SOURCE / f"{stem}-{weight}.ttf"),
                f"--unicodes={ranges},{COMMON}",
                "--layout-features=*",
                "--flavor=woff2",
                f"--output-file={out}",
            ]
        )
        print(f"{out.name}: {out.stat().st_size // 1024} KiB")


def stylesheet(family: str, stem: str) -> str:
    faces = "".join(
        f'@font-face {{\n  font-family: "{family}";\n  font-style: normal;\n  font-weight: {weight};\n'
        f'  font-display: swap;\n  src: url("{stem}-{name}.woff2") format("woff2");\n}}\n'
        for weight, name in WEIGHTS
    )
    return f'{faces}:root {{\n  --md-text-font: "{family}";\n}}\n'


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} not found: apt-get install fonts-noto-core", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    if not (OUT / f"{LATIN.stem}-Regular.woff2").exists() or "--force" in sys.argv:
        make(LATIN.stem, LATIN.unicodes)
    for language in SITE.languages:
        font = language.font
        if font is None:
            continue
        if not (OUT / f"{font.stem}-Regular.woff2").exists() or "--force" in sys.argv:
            make(font.stem, font.unicodes)
        css = SITE.docs_dir / font.stylesheet(language.code)
        css.write_text(stylesheet(font.family, font.stem), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
