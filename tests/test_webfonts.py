"""The web fonts: each language's font cut down to its pages' letters, and the stylesheet."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT
from safetysite import webfonts
from safetysite.fonts import SCRIPT_FONTS, font_for
from safetysite.webfonts import (
    ALWAYS,
    Face,
    is_full_font,
    local_names,
    page_characters,
    relink,
    stylesheet,
    subset_font,
    web_font,
)

FONTS = ROOT / "docs" / "assets" / "fonts"
HEBREW = SCRIPT_FONTS["Hebr"]
DEVANAGARI = SCRIPT_FONTS["Deva"]


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with an empty font cache of its own (on disk and in memory)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(webfonts, "_MEMORY", {})
    return tmp_path / "cache" / "safetysite" / "fonts"


def cmap(data: bytes | Path) -> set[str]:
    font = TTFont(io.BytesIO(data) if isinstance(data, bytes) else data)
    return {chr(code) for code in font.getBestCmap()}


def test_page_characters_are_what_a_reader_sees_or_hears() -> None:
    """Text and the alt, title, aria-label, placeholder and data attributes count, and Material's
    interface strings; scripts, styles, tag names and other attributes do not."""
    html = (
        '<html><head><title>שלום</title><style>.x{content:"Ж"}</style></head><body>'
        '<p class="Ψ">אב &amp; ג</p><img alt="ד" src="ה.png"><a aria-label="ו" title="ז" href="#ח">x</a>'
        '<input placeholder="ט"><form data-none="כ"></form><script>var s = "Ф";</script>'
        '<script id="__config" type="application/json">{"translations": {"search": "\\u05d9"}}</script>'
        "</body></html>"
    )
    found = page_characters(html)
    assert set("שלוםאב&גדוזטxיכ ") <= found
    assert not set("ЖΨהחФ") & found


def test_subset_keeps_the_characters_and_drops_the_rest() -> None:
    """The subset has every character asked for that the font has (and ALWAYS's), no other; a
    character a new translation brings is in the next subset."""
    source = FONTS / HEBREW.file("Regular")
    data = subset_font(source, "שלום")
    assert set("שלום") <= cmap(data)
    assert set(ALWAYS) & cmap(source) <= cmap(data)
    assert "ת" not in cmap(data)
    assert "ת" in cmap(subset_font(source, "שלום ת"))
    assert len(data) < source.stat().st_size / 2


def test_subset_keeps_every_layout_feature() -> None:
    """Devanagari's shaping (conjuncts, half forms, mark positions) survives: the subset has the
    source's GSUB and GPOS features, and the glyphs a conjunct is drawn with."""
    source = FONTS / DEVANAGARI.file("Regular")
    data = subset_font(source, "क्षमा")
    full, cut = TTFont(source), TTFont(io.BytesIO(data))
    features = {
        table: {r.FeatureTag for r in cut[table].table.FeatureList.FeatureRecord}
        for table in ("GSUB", "GPOS")
    }
    assert {"akhn", "half"} <= features["GSUB"]  # क्ष is one conjunct; the half form of क
    assert {"blwm", "dist"} <= features["GPOS"]
    # the conjunct and half forms are glyphs no character maps to: reached through GSUB
    assert len(cut.getGlyphOrder()) > len(cut.getBestCmap()) + 1 + 2
    assert len(cut.getGlyphOrder()) < len(full.getGlyphOrder()) / 10


def test_subsets_are_cached_by_source_and_characters(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same font and characters are cut once: again in this process from memory, in the
    next build from the disk cache; other characters make another subset."""
    source = FONTS / HEBREW.file("Regular")
    first = subset_font(source, "שלום")
    assert len(list(own_cache.glob("*.woff2"))) == 1
    monkeypatch.setattr(webfonts, "_MEMORY", {})
    monkeypatch.setattr(webfonts.subset, "Subsetter", None)  # would fail if it cut the font again
    assert subset_font(source, "םולש") == first  # the same characters, in another order
    monkeypatch.undo()
    monkeypatch.setattr(webfonts, "_MEMORY", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(own_cache.parent.parent))
    subset_font(source, "שלום ת")
    assert len(list(own_cache.glob("*.woff2"))) == 2


def test_local_names_come_from_the_font() -> None:
    """The installed font is named as systems know it: the family and full name, and the
    PostScript name; the bold face never by the family name (that would be the regular)."""
    arabic = SCRIPT_FONTS["Arab"]
    assert local_names(FONTS / arabic.file("Regular"), regular=True) == (
        "Noto Naskh Arabic",
        "Noto Naskh Arabic Regular",
        "NotoNaskhArabic-Regular",
    )
    assert local_names(FONTS / arabic.file("Bold"), regular=False) == (
        "Noto Naskh Arabic Bold",
        "NotoNaskhArabic-Bold",
    )


def test_stylesheet_names_the_installed_font_before_the_file() -> None:
    """Each face lists local() names, then its file; Material's text font is the family."""
    faces = [
        Face("Noto Sans Hebrew", 400, ("Noto Sans Hebrew", "NotoSansHebrew-Regular"), "a.1.woff2", b""),
        Face("Noto Sans Hebrew", 700, ("Noto Sans Hebrew Bold",), "b.2.woff2", b""),
    ]
    css = stylesheet(faces, display="swap")
    sources = re.findall(r"src: ([^;]*);", css)
    assert sources == [
        'local("Noto Sans Hebrew"), local("NotoSansHebrew-Regular"), url("a.1.woff2") format("woff2")',
        'local("Noto Sans Hebrew Bold"), url("b.2.woff2") format("woff2")',
    ]
    assert re.findall(r"font-weight: (\d+);", css) == ["400", "700"]
    assert css.count("font-display: swap;") == 2
    assert ':root {\n  --md-text-font: "Noto Sans Hebrew";\n}' in css
    assert 'local("a\\"b")' in stylesheet([Face("F", 400, ('a"b',), "f.woff2", b"")])


def test_file_names_follow_the_content() -> None:
    """Each file is named by its content's hash: the same letters give the same names, a new
    letter new names (fonts and stylesheet), so a browser's cached copy is never stale."""
    one = web_font(HEBREW, "he", "שלום", FONTS)
    again = web_font(HEBREW, "he", "םולש", FONTS)
    other = web_font(HEBREW, "he", "שלום ת", FONTS)
    assert one.files.keys() == again.files.keys()
    assert not set(one.files) & set(other.files)
    assert re.fullmatch(r"he\.[0-9a-f]{10}\.css", one.css_file)
    assert [face.file.split(".")[0] for face in one.faces] == [
        "NotoSansHebrew-Regular",
        "NotoSansHebrew-Bold",
    ]
    for face in one.faces:
        assert face.file in one.css


def test_nastaliq_is_served_in_one_weight() -> None:
    """Urdu's pages load Nastaliq's regular file only (its bold costs as much again)."""
    font = web_font(font_for("ur"), "ur", "سلام", FONTS)
    assert [face.weight for face in font.faces] == [400]
    assert "font-weight: 700" not in font.css


def test_relink_and_full_fonts() -> None:
    """A page's link to the stylesheet gets the hashed name; the committed full fonts are not
    published (the licence is)."""
    html = '<link rel="stylesheet" href="../assets/fonts/ur.css"><a href="ur.css">'
    assert relink(html, "ur.css", "ur.0123456789.css") == (
        '<link rel="stylesheet" href="../assets/fonts/ur.0123456789.css"><a href="ur.css">'
    )
    assert is_full_font("assets/fonts/NotoNastaliqUrdu-Bold.woff2")
    assert is_full_font("assets/fonts/ur.css")
    assert not is_full_font("assets/fonts/LICENSE.txt")
    assert not is_full_font("assets/pictograms/run.svg")
