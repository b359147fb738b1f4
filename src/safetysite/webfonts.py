"""Each language's web font, cut down to the characters its built pages use, and its stylesheet.

The committed fonts (``docs/assets/fonts``, made by ``scripts/make_fonts.py``) hold their
script's whole range: the posters use them as they are. A reader on slow data should download
only the letters the pages show, so every build reads the text of all of a language's built
pages (:func:`page_characters`: text, the attribute text a reader sees or hears, and Material's
interface strings) and cuts each of the language's fonts down to those characters
(:func:`subset_font`). fontTools' subsetter keeps every OpenType layout feature and the glyphs
they reach (the closure over GSUB), so Nastaliq and the Indic scripts shape as with the full
font; the dotted circle, the zero-width joiners and the no-break space are always kept. TrueType
hinting is dropped (phones ignore it, and it is a fifth of a file). A new translation is
never without its letters: the subset is made again from the text at each build.

Each file's name carries a hash of its content (``NotoNaskhArabic-Regular.3f9c0a1b2d.woff2``,
``ar.5e6f7a8b9c.css``), so a browser may keep it for ever. Subsets are remembered by the source
font's digest and the characters, in memory (``mkdocs serve``) and on disk
(``$XDG_CACHE_HOME/safetysite/fonts``), so an unchanged language costs no subsetting.

Each ``@font-face`` names the installed font first (``local()``, by its full and PostScript
names as read from the font file), so a phone that has the Noto font downloads nothing. Its
``font-display`` is ``optional`` (:data:`DISPLAY`): a font that is not there when the page is
first drawn is not swapped in later, so the text never moves under the reader's eyes; it is
in the cache for the next page.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from safetysite.fonts import Font

__all__ = [
    "ALWAYS",
    "DISPLAY",
    "Face",
    "WebFont",
    "cache_dir",
    "is_full_font",
    "local_names",
    "page_characters",
    "relink",
    "stylesheet",
    "subset_font",
    "web_font",
]

#: Attributes whose text a reader sees (alt, title, placeholder, value) or hears (aria-label);
#: ``data-*`` attributes count too, as scripts show them (the Search page's messages).
TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder", "value"})
#: Kept in every subset: space and no-break space, the zero-width non-joiner and joiner (they
#: shape Arabic and Indic letters), the direction marks, the dotted circle (what a shaper draws
#: under a mark with no letter to sit on), the digits, and what scripts and styles write between
#: words: the en dash of a search result ("page – heading") and the ellipsis of a title cut short.
ALWAYS = " \u00a0\u200c\u200d\u200e\u200f\u25cc0123456789\u2013\u2026"
#: What the subsets are made with; part of the cache key, so changing it remakes them.
OPTIONS = {"layout_features": ["*"], "hinting": False, "flavor": "woff2"}
#: How a face that is still downloading is shown. Measured with scripts/layout_shift.py (390 px,
#: 1.6 Mbit/s, 150 ms, no cache, no Noto fonts on the device): with ``swap`` the text moves when
#: the font arrives (layout shift 0.23-0.27 on Urdu pages, 0.16 Arabic home, 0.14 Hindi home,
#: 0.22 Nepali home); with ``optional`` it never does (0.000-0.005 on every page). Preloading the
#: font with ``swap`` also gave 0.000-0.003, but a preload is downloaded even when the device
#: has the font, and local() is then of no use.
DISPLAY = "optional"
#: The length of the content hash in file names.
HASH = 10
#: Cached subsets unused for this long are removed.
MAX_AGE_DAYS = 30


class _Text(HTMLParser):
    """Collects the characters of a page's text nodes, its text and data attributes and
    Material's strings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.characters: set[str] = set()
        self._skip = 0  # inside <script> or <style>
        self._config = False  # inside Material's <script id="__config">

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in TEXT_ATTRIBUTES or name.startswith("data-")):
                self.characters.update(value)
        if tag in ("script", "style"):
            self._skip += 1
            self._config = tag == "script" and ("id", "__config") in attrs

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
            self._config = False

    def handle_data(self, data: str) -> None:
        if self._config:  # the search box's and the copy button's words, in the page's language
            try:
                translations = json.loads(data).get("translations") or {}
            except (ValueError, AttributeError):
                translations = {}
            for text in translations.values():
                self.characters.update(str(text))
        elif not self._skip:
            self.characters.update(data)


def page_characters(html: str) -> set[str]:
    """Every character a reader of the page may see or hear: see :class:`_Text`."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.characters


@dataclass(frozen=True)
class Face:
    """One ``@font-face``: a weight of a family, its installed names and its subset's file."""

    family: str
    weight: int
    #: The names a system knows the installed font by (full name, PostScript name).
    local: tuple[str, ...]
    file: str
    data: bytes


@dataclass(frozen=True)
class WebFont:
    """A language's web font: its faces and its stylesheet, each file named by its content."""

    faces: tuple[Face, ...]
    css: str
    css_file: str

    @property
    def files(self) -> dict[str, bytes]:
        """Every file to write beside each other (``assets/fonts/``), by name."""
        return {self.css_file: self.css.encode("utf-8")} | {face.file: face.data for face in self.faces}


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where subsets are kept between builds."""
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "safetysite" / "fonts"


_MEMORY: dict[str, bytes] = {}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def subset_font(source: Path, characters: Iterable[str], *, cache: Path | None = None) -> bytes:
    """The WOFF2 of ``source`` with only ``characters`` (and :data:`ALWAYS`), every layout feature
    and the glyphs they reach kept; remembered by the source's content and the characters."""
    wanted = "".join(sorted(set(characters) | set(ALWAYS)))
    data = source.read_bytes()
    parts = (_digest(data), wanted, json.dumps(OPTIONS, sort_keys=True), metadata.version("fonttools"))
    key = _digest("\0".join(parts).encode("utf-8"))[:32]
    if key in _MEMORY:
        return _MEMORY[key]
    cache = cache or cache_dir()
    cached = cache / f"{key}.woff2"
    if cached.is_file():
        os.utime(cached)  # still in use: keep it
        _MEMORY[key] = cached.read_bytes()
        return _MEMORY[key]
    font = TTFont(io.BytesIO(data))
    options = subset.Options(**OPTIONS)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in wanted])
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = OPTIONS["flavor"]
    font.save(out)
    _MEMORY[key] = out.getvalue()
    try:  # atomically: a parallel build never reads half a file
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache, suffix=".tmp", delete=False) as file:
            file.write(_MEMORY[key])
        os.replace(file.name, cached)
        _prune(cache)
    except OSError:  # no writable cache: this process remembers it
        pass
    return _MEMORY[key]


def _prune(cache: Path) -> None:
    """Remove cached subsets no build has used for :data:`MAX_AGE_DAYS` days."""
    now = time.time()
    for path in cache.glob("*.woff2"):
        if now - path.stat().st_mtime > MAX_AGE_DAYS * 86400:
            path.unlink(missing_ok=True)


_NAMES: dict[str, tuple[str, ...]] = {}


def local_names(source: Path, *, regular: bool) -> tuple[str, ...]:
    """The names an installed copy of the font is found by: its full name (name ID 4) and its
    PostScript name (ID 6); for the regular weight also the family name, which some systems give
    as the regular face's full name ("Noto Naskh Arabic")."""
    key = f"{_digest(source.read_bytes())} {regular}"
    if key not in _NAMES:
        names = TTFont(source)["name"]
        found = [names.getDebugName(4), names.getDebugName(6)]
        if regular:
            found.insert(0, names.getDebugName(16) or names.getDebugName(1))
        _NAMES[key] = tuple(dict.fromkeys(name for name in found if name))
    return _NAMES[key]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stylesheet(faces: Iterable[Face], *, display: str = DISPLAY) -> str:
    """``@font-face`` rules, each naming the installed font (``local()``) before its file, and
    Material's text font set to the family."""
    faces = tuple(faces)
    rules = []
    for face in faces:
        sources = [f"local({_quote(name)})" for name in face.local]
        sources.append(f'url("{face.file}") format("woff2")')
        rules.append(
            f"@font-face {{\n  font-family: {_quote(face.family)};\n  font-style: normal;\n"
            f"  font-weight: {face.weight};\n  font-display: {display};\n"
            f"  src: {', '.join(sources)};\n}}\n"
        )
    families = ", ".join(dict.fromkeys(_quote(face.family) for face in faces))
    return "".join(rules) + f":root {{\n  --md-text-font: {families};\n}}\n"


def web_font(
    font: Font,
    language: str,
    characters: Iterable[str],
    fonts_dir: Path,
    *,
    display: str = DISPLAY,
) -> WebFont:
    """The language's web font: each of ``font``'s web weights, from its file in ``fonts_dir``,
    cut down to ``characters``, and the stylesheet that loads them."""
    characters = set(characters)
    faces = []
    for weight, name in font.web_weights:
        source = fonts_dir / font.file(name)
        data = subset_font(source, characters)
        file = f"{font.stem}-{name}.{_digest(data)[:HASH]}.woff2"
        local = local_names(source, regular=weight == 400)
        faces.append(Face(font.family, weight, local, file, data))
    css = stylesheet(faces, display=display)
    return WebFont(tuple(faces), css, f"{language}.{_digest(css.encode('utf-8'))[:HASH]}.css")


def is_full_font(src_uri: str) -> bool:
    """Whether a file of ``docs/`` is a committed full font (or a stylesheet an older
    ``make_fonts.py`` wrote for one): the posters read it there, the site never serves it."""
    return src_uri.startswith("assets/fonts/") and src_uri.endswith((".woff2", ".css"))


def relink(html: str, old: str, new: str) -> str:
    """The page with its link to the stylesheet file ``old`` pointing at ``new`` (names only: the
    link's folder is the page's own business)."""
    return html.replace(f'/{old}"', f'/{new}"')
