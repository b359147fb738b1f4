"""The served font subsets draw each language's text as the full fonts do (Chromium)."""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SITE

FONTS = ROOT / "docs" / "assets" / "fonts"
#: Anti-aliasing may differ by a shade where a subset's glyph lands a fraction of a pixel away
#: (seen with Nastaliq: at most 62 of 255, in 131 of 2.4 million pixels); a wrong or missing
#: glyph, mark or joining form differs by far more (black where the other is white).
SHADE = 96


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: set[str] = set()
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.words.update(data.split())


@pytest.mark.parametrize("lang", [lang.code for lang in SITE.languages if lang.font])
def test_subset_draws_every_word_as_the_full_font(site: Path, chromium, tmp_path: Path, lang: str) -> None:
    """Every word of every page of the language, drawn with each served subset and with the full
    committed font, gives the same picture (but for anti-aliasing shades): the subset kept the
    glyphs and layout rules that shape Nastaliq, Naskh, Devanagari, Gurmukhi and Hebrew."""
    from PIL import Image, ImageChops

    from browser import serve

    language = SITE.language(lang)
    words: set[str] = set()
    for page in (site / lang).rglob("*.html"):
        parser = _Words()
        parser.feed(page.read_text(encoding="utf-8"))
        words |= parser.words
    css = next((site / "assets" / "fonts").glob(f"{lang}.*.css")).read_text(encoding="utf-8")
    served = re.findall(r'url\("([^"]+)"\)', css)
    assert served
    for name in served:
        weight = name.split(".")[0].rsplit("-", 1)[1]
        shutil.copy(site / "assets" / "fonts" / name, tmp_path / "subset.woff2")
        shutil.copy(FONTS / language.font.file(weight), tmp_path / "full.woff2")
        text = " ".join(sorted(words))
        for kind in ("subset", "full"):
            (tmp_path / f"{kind}.html").write_text(
                f'<!doctype html><html lang="{lang}" dir="{language.direction}"><meta charset="utf-8">'
                f'<style>@font-face {{ font-family: T; src: url("{kind}.woff2"); }}'
                "body { font: 20px/2.2 T; width: 1200px; margin: 8px; font-synthesis: none; }</style>"
                f"<body>{text}</body></html>",
                encoding="utf-8",
            )
        pictures = []
        with serve(tmp_path) as url:
            page = chromium.new_page(viewport={"width": 1220, "height": 800})
            for kind in ("subset", "full"):
                page.goto(f"{url}/{kind}.html")
                page.evaluate("() => document.fonts.ready")
                assert page.evaluate("() => document.fonts.check('20px T')")
                pictures.append(Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L"))
            page.close()
        assert pictures[0].size == pictures[1].size, (lang, name)
        _, largest = ImageChops.difference(*pictures).getextrema()
        assert largest <= SHADE, f"{lang} {name}: pixels differ by up to {largest} of 255"


#: Where Material cuts a long title short (overflow hidden): navigation, header, footer.
CUT_SHORT = ".md-ellipsis, .md-nav__title, .md-header__topic, .md-footer__title"


@pytest.mark.parametrize("lang", [lang.code for lang in SITE.languages if lang.font])
def test_titles_cut_short_keep_their_letters_whole(chromium, base_url: str, lang: str) -> None:
    """Titles that Material cuts short (navigation, header, footer) lose no mark or tail of a
    letter: the page looks the same when they may overflow (Devanagari's vowel signs climb above
    the line, Nastaliq hangs far below it)."""
    from PIL import Image, ImageChops

    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base_url}/{lang}/contacts/")
    page.evaluate("() => document.fonts.ready")
    assert page.locator(".md-sidebar--primary .md-ellipsis").count() >= 10  # the navigation shows
    shots = [page.screenshot()]
    page.add_style_tag(content=f"{CUT_SHORT} {{ overflow: visible !important; }}")
    page.wait_for_timeout(100)
    shots.append(page.screenshot())
    page.close()
    first, second = (Image.open(io.BytesIO(shot)).convert("L") for shot in shots)
    differing = sum(ImageChops.difference(first, second).histogram()[SHADE + 1 :])
    # A letter's edge may cross its box's side by a pixel (13 pixels at most, in Nepali); marks
    # and tails cut off were 83 to 718 pixels (Nepali, Punjabi, Hindi, Urdu) before the fix.
    assert differing < 30, f"{lang}: {differing} pixels of letters cut off"
