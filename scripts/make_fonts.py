"""Make the committed WOFF2 fonts from Debian's fonts-noto-core.

    python scripts/make_fonts.py [--force]   (writes docs/assets/fonts/; needs fonts-noto-core)

Each language of mkdocs.yml gets the font of its script (src/safetysite/fonts.py), cut down to
the script's letters plus ASCII and punctuation, with every OpenType layout feature kept
(Nastaliq and the Indic scripts need them). The posters also get Noto Sans, cut down to Latin
(``fonts.LATIN``: numbers, addresses and English left untranslated, in every language).
Weights are declared in fonts.WEIGHTS: Debian's Nastaliq Bold file reports weight 400.

The posters use these files whole. The web pages never load them: each build cuts them down to
the letters each language's pages use and writes the stylesheet (safetysite.webfonts), so a
build needs only these committed files, never fonts-noto-core.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

from safetysite.fonts import LATIN, WEIGHTS, Font
from safetysite.site import Site

SOURCE = Path("/usr/share/fonts/truetype/noto")
SITE = Site.load(Path(__file__).resolve().parent.parent / "mkdocs.yml")
OUT = SITE.docs_dir / "assets" / "fonts"
COMMON = "U+0020-007E,U+00A0-00FF,U+2000-206F,U+20B9,U+25CC"


def make(font: Font) -> None:
    for _, weight in WEIGHTS:
        out = OUT / font.file(weight)
        subset.main(
            [
                str(SOURCE / f"{font.stem}-{weight}.ttf"),
                f"--unicodes={font.unicodes},{COMMON}",
                "--layout-features=*",
                "--flavor=woff2",
                f"--output-file={out}",
            ]
        )
        print(f"{out.name}: {out.stat().st_size // 1024} KiB")


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} not found: apt-get install fonts-noto-core", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for font in dict.fromkeys([LATIN, *(lang.font for lang in SITE.languages if lang.font)]):
        if not all((OUT / font.file(name)).exists() for _, name in WEIGHTS) or "--force" in sys.argv:
            make(font)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
