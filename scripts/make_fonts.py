"""Make the self-hosted WOFF2 fonts and their stylesheets from Debian's fonts-noto-core.

    python scripts/make_fonts.py   (writes docs/assets/fonts/; needs fonts-noto-core)

Each script's font is cut down to its own letters plus ASCII and punctuation, with
every OpenType layout feature kept (Nastaliq and the Indic scripts need them).
Weights are declared here: Debian's Nastaliq Bold file reports weight 400.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

SOURCE = Path("/usr/share/fonts/truetype/noto")
OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "fonts"
COMMON = "U+0020-007E,U+00A0-00FF,U+2000-206F,U+20B9,U+25CC"
#: language -> (family, file stem, the script's code points)
FONTS = {
    "ur": ("Noto Nastaliq Urdu", "NotoNastaliqUrdu", "U+0600-06FF,U+0750-077F,U+FB50-FDFF,U+FE70-FEFF"),
    "ar": (
        "Noto Naskh Arabic",
        "NotoNaskhArabic",
        "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF",
    ),
    "he": ("Noto Sans Hebrew", "NotoSansHebrew", "U+0590-05FF,U+FB1D-FB4F"),
    "hi": ("Noto Sans Devanagari", "NotoSansDevanagari", "U+0900-097F,U+A8E0-A8FF,U+1CD0-1CFF"),
    "pa": ("Noto Sans Gurmukhi", "NotoSansGurmukhi", "U+0A00-0A7F,U+0964-0965"),
}
FONTS["ne"] = FONTS["hi"]


def make(stem: str, ranges: str) -> None:
    for weight in ("Regular", "Bold"):
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
        for weight, name in ((400, "Regular"), (700, "Bold"))
    )
    return f'{faces}:root {{\n  --md-text-font: "{family}";\n}}\n'


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} not found: apt-get install fonts-noto-core", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for language, (family, stem, ranges) in FONTS.items():
        if not (OUT / f"{stem}-Regular.woff2").exists() or "--force" in sys.argv:
            make(stem, ranges)
        (OUT / f"{language}.css").write_text(stylesheet(family, stem), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
