"""Each poster's HTML in each language of the site, made from the site context.

The text comes from ``data/posters.yml`` (:mod:`safetysite.poster_text`) through the language's
checked translations, one message at a time: a message with no usable translation is printed in
English, marked ``lang="en" dir="ltr"``, exactly as on the pages. Numbers and addresses come from
the contacts file through their placeholders, each isolated left to right (``<bdi dir="ltr">``)
on a right-to-left poster. Each poster has:

- ``lang`` and ``dir`` on ``<html>``, a ``<title>`` (the headline): the PDF's language and title;
- pictograms (``docs/assets/pictograms``), drawn inline, mirrored in a right-to-left language
  when they point the way the text reads (``class="directional"``);
- a QR code that opens the matching page of the site in the poster's language, from the site's
  address, with that address printed beside it and a label saying what it is;
- a footer: when the numbers were last verified (or that they are still to be checked), and,
  while no qualified translator has checked the language, the same line its pages show;
- in a preview build, a sample mark at the top.

The fonts are the site's own files (``docs/assets/fonts``), the stylesheet is ``poster.css``
beside this module. :mod:`safetysite.poster_pdf` renders the HTML to PDF.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from safetysite.catalog import Translations
from safetysite.contacts import PLACEHOLDER, Contact, checked_date
from safetysite.fonts import LATIN, WEIGHTS, Font
from safetysite.poster_text import Poster, PosterError, PosterText, Row, Text, load_posters
from safetysite.qr import qr_svg
from safetysite.site import Language, Site

__all__ = ["QR_MM", "SIZES", "PosterPage", "poster_pages", "poster_url", "posters_text"]

#: The sizes each poster is made in; A3 is A4 scaled (safetysite.poster_pdf).
SIZES = ("a4", "a3")
#: The QR code's width on A4, quiet zone included (on A3, times the square root of 2).
QR_MM = 32
PICTOGRAMS = "assets/pictograms"
FONTS = "assets/fonts"
STYLESHEET = Path(__file__).with_name("poster.css")
SVG = "http://www.w3.org/2000/svg"
#: Line spacing for the scripts that reach far above or below the line (Latin and Hebrew keep the
#: stylesheet's). Nastaliq's letters climb and fall the most, and hang below the line: the blocks
#: they end need room below.
SCRIPT_CSS = {
    "NotoNastaliqUrdu": "html, h1, h2, th { line-height: 1.65; } h1 { padding-bottom: 0.35em; }"
    " .part, td { padding-bottom: 4mm !important; }",
    "NotoNaskhArabic": "html { line-height: 1.55; } h1, h2, th { line-height: 1.35; }",
    "NotoSansDevanagari": "html { line-height: 1.45; } h1, h2, th { line-height: 1.3; }",
    "NotoSansGurmukhi": "html { line-height: 1.45; } h1, h2, th { line-height: 1.3; }",
}


@dataclass(frozen=True)
class PosterPage:
    """One poster in one language: its HTML, the files it loads, and where its PDFs go."""

    name: str
    language: str
    folder: str
    html: str
    #: Files the HTML loads (its fonts), relative URLs resolved against ``base``.
    files: tuple[Path, ...]
    base: Path

    def target(self, size: str) -> str:
        """Where the PDF goes in the built site: ``posters/stay-safe-a4.pdf``, ``ur/posters/...``."""
        return f"{self.folder}posters/{self.name}-{size}.pdf"

    @property
    def label(self) -> str:
        return f"{self.language}/{self.name}"


def posters_text(site: Site) -> PosterText:
    """The site's poster text, checked: placeholders, pages and pictograms (errors name file:line)."""
    text = load_posters(site.posters, site.contacts)
    for poster in text.posters:
        if not (site.docs_dir / poster.page).is_file():
            raise PosterError(
                f"{site.posters}:{poster.line}: posters.{poster.name}.page: {poster.page} is not a page"
                f" in {site.docs_dir}\n  name the page whose advice the poster gives, e.g. stay-safe.md"
            )
        pictograms = [(poster.pictogram, poster.pictogram_line)]
        pictograms += [(s.pictogram, s.pictogram_line) for s in poster.sections]
        for name, line in pictograms:
            if name and not (site.docs_dir / PICTOGRAMS / f"{name}.svg").is_file():
                have = ", ".join(sorted(p.stem for p in (site.docs_dir / PICTOGRAMS).glob("*.svg")))
                raise PosterError(
                    f"{site.posters}:{line}: no pictogram {name!r} in {site.docs_dir / PICTOGRAMS}"
                    f"\n  use one of: {have}"
                )
    return text


def poster_url(site: Site, poster: Poster, language: Language) -> str:
    """The address of the poster's page in ``language`` (``https://.../ur/stay-safe/``)."""
    if not site.site_url:
        raise PosterError(
            f"{site.config_file}: site_url is empty: the posters' QR codes need the site's address"
        )
    page = poster.page.removesuffix(".md")
    path = "" if page == "index" else page.removesuffix("/index") + "/"
    return f"{site.site_url.rstrip('/')}/{language.folder}{path}"


# -- text -------------------------------------------------------------------------
_BOLD = re.compile(r"\*\*(.+?)\*\*")


class _Writer:
    """Writes messages as HTML in one language: translated where it can, else English, marked."""

    def __init__(self, language: Language, translations: Translations, contacts: dict[str, Contact]):
        self.language = language
        self.messages = {} if language.default else translations.messages
        self.contacts = contacts
        self.rtl = language.direction == "rtl"

    def contact(self, key: str) -> str:
        contact = self.contacts.get(key)
        if contact is None or not contact.published:
            raise PosterError(f"{{{key}}} is not a published entry of the contacts file")
        if self.rtl:
            return f'<bdi dir="ltr" class="contact">{contact.html()}</bdi>'
        return f'<span class="contact">{contact.html()}</span>'

    def inline(self, text: str) -> str:
        out = _BOLD.sub(r"<strong>\1</strong>", html.escape(text, quote=False))
        return PLACEHOLDER.sub(lambda m: self.contact(m.group(1)), out)

    def translated(self, message: Text) -> str | None:
        return self.messages.get(message.msgid)

    def render(self, message: Text, **values: str) -> tuple[str, bool]:
        """The message as HTML with ``%(name)s`` values filled in, and whether it is English
        standing in for a missing translation."""
        text = self.translated(message)
        if text is not None and not all(f"%({name})s" in text for name in values):
            text = None  # a translation that drops the date is not used
        body = self.inline(text if text is not None else message.msgid)
        for name, value in values.items():
            body = body.replace(f"%({name})s", html.escape(value))
        return body, text is None and not self.language.default

    def __call__(self, message: Text, **values: str) -> str:
        """The message as inline HTML; English standing in for a translation is marked."""
        body, english = self.render(message, **values)
        return f'<span lang="en" dir="ltr">{body}</span>' if english else body

    def block(self, tag: str, message: Text, css: str = "", **values: str) -> str:
        """The message as a block element; English standing in for a translation marks the block
        ``lang="en"`` (its Latin font and line spacing) and runs left to right inside it."""
        body, english = self.render(message, **values)
        attributes = f' class="{css}"' if css else ""
        if english:
            return f'<{tag}{attributes} lang="en"><span dir="ltr">{body}</span></{tag}>'
        return f"<{tag}{attributes}>{body}</{tag}>"

    def plain(self, message: Text) -> str:
        """The message as plain text (for a title or a text alternative)."""
        text = self.translated(message) or message.msgid
        return PLACEHOLDER.sub(lambda m: self.contacts[m.group(1)].text, _BOLD.sub(r"\1", text))


# -- pictures -----------------------------------------------------------------------
@lru_cache(maxsize=32)
def _svg_source(path: Path, changed: int) -> str:
    return path.read_text(encoding="utf-8")


def pictogram(path: Path, title: str, *, rtl: bool) -> str:
    """A pictogram as an inline ``<svg>`` whose title is ``title``; one that points the way the
    text reads (``class="directional"``) is mirrored in a right-to-left language."""
    try:
        root = ET.fromstring(_svg_source(path, path.stat().st_mtime_ns))  # noqa: S314 (our own files)
    except ET.ParseError as exc:
        raise PosterError(f"{path}:{exc.position[0]}: not valid SVG: {exc}") from None
    directional = "directional" in root.get("class", "").split()
    children = [child for child in root if child.tag != f"{{{SVG}}}title"]
    for child in list(root):
        root.remove(child)
    name = ET.SubElement(root, f"{{{SVG}}}title")
    name.text = title
    holder = root
    if rtl and directional:
        x, _, width, _ = (float(n) for n in root.get("viewBox", "0 0 100 100").split())
        holder = ET.SubElement(root, f"{{{SVG}}}g", transform=f"matrix(-1 0 0 1 {2 * x + width:g} 0)")
    holder.extend(children)
    root.set("class", "pictogram")
    root.attrib.pop("role", None)
    for element in root.iter():  # plain names and one xmlns: whatever prefixes other code registered
        element.tag = element.tag.removeprefix(f"{{{SVG}}}")
    root.set("xmlns", SVG)
    return ET.tostring(root, encoding="unicode")


def _font_faces(site: Site, language: Language) -> tuple[str, tuple[Path, ...]]:
    """``@font-face`` rules for the language's script font and the Latin font, and their files."""
    # One family name per font file: a renderer that makes posters in several languages keeps
    # every font it has loaded, so a name shared by two files would mix their letters.
    fonts: list[tuple[str, Font]] = [(f"Poster {LATIN.stem}", LATIN)]
    if language.font:
        fonts.insert(0, (f"Poster {language.font.stem}", language.font))
    rules, files = [], []
    for family, font in fonts:
        for weight, name in WEIGHTS:
            relative = f"{FONTS}/{font.stem}-{name}.woff2"
            if not (site.docs_dir / relative).is_file():
                fix = "run scripts/make_fonts.py (it needs Debian's fonts-noto-core)"
                raise PosterError(
                    f"{site.docs_dir / relative}: missing, so the posters have no font\n  {fix}"
                )
            files.append(site.docs_dir / relative)
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{relative}"); font-weight: {weight};'
                " font-style: normal; }"
            )
    stack = ", ".join(f'"{family}"' for family, _ in fonts)
    latin = ", ".join(f'"{family}"' for family, _ in reversed(fonts))
    rules.append(f"html {{ font-family: {stack}; }}")
    rules.append(f":lang(en), .contact, .address {{ font-family: {latin}; }}")
    if language.font and language.font.stem in SCRIPT_CSS:
        rules.append(SCRIPT_CSS[language.font.stem])
        rules.append('[lang="en"] { line-height: 1.3; }')  # English standing in needs no more
    return "\n".join(rules), tuple(files)


# -- the poster ---------------------------------------------------------------------------
def _when(write: _Writer, row: Row) -> str:
    return write.block("p", row.when) if row.when else ""


def _sections(write: _Writer, site: Site, poster: Poster) -> str:
    out = []
    aligned = any(section.pictogram for section in poster.sections)
    for section in poster.sections:
        heading = write.block("h2", section.heading) if section.heading else ""
        picture = '<div class="pictogram"></div>' if aligned else ""  # keeps the text in line
        if section.pictogram:
            title = write.plain(section.heading) if section.heading else write.plain(poster.headline)
            picture = pictogram(site.docs_dir / PICTOGRAMS / f"{section.pictogram}.svg", title, rtl=write.rtl)
        if len(section.lines) == 1 and not section.heading:  # a line on its own is said, not listed
            body = write.block("p", section.lines[0], "said")
        else:
            body = "".join(write.block("li", line) for line in section.lines)
            body = f"<ul>{body}</ul>" if body else ""
        if section.rows:
            rows = "".join(
                f'<tr><th scope="row">{write.contact(row.contact)}</th>'
                f"<td>{write.block('p', row.what, 'what')}{_when(write, row)}</td></tr>"
                for row in section.rows
            )
            body += f'<table class="numbers">{rows}</table>'
        out.append(f'<section class="part">{picture}<div class="text">{heading}{body}</div></section>')
    return "\n".join(out)


def _footer(write: _Writer, site: Site, text: PosterText, url: str, translations: Translations) -> str:
    """The QR code with its label, the address and the site's name beside it; then when the
    numbers were checked and, while the language is unreviewed, the line its pages show."""
    common = text.common
    address = html.escape(url.removeprefix("https://"))
    tag = "bdi" if write.rtl else "span"
    beside = [
        write.block("p", common["qr"]),
        f'<p><{tag} dir="ltr" class="address">{address}</{tag}></p>',
        f"<p><strong>{write(common['site'])}</strong>&ensp;{write(common['source'])}</p>",
    ]
    lines = [f'<div class="scan">{qr_svg(url, QR_MM)}<div>{"".join(beside)}</div></div>']
    date = checked_date(site.contacts, write.language.code)
    lines.append(
        write.block("p", common["checked"], date=date) if date else write.block("p", common["unchecked"])
    )
    if not write.language.default and not translations.review.reviewed:
        lines.append(write.block("p", common["unreviewed"]))
    return "\n".join(lines)


def poster_html(
    site: Site, text: PosterText, poster: Poster, language: Language, *, preview: bool
) -> PosterPage:
    """One poster in one language (see the module's docstring)."""
    translations = site.translations(language.code)
    write = _Writer(language, translations, dict(site.contacts))
    url = poster_url(site, poster, language)
    faces, files = _font_faces(site, language)
    sample = write.block("p", text.common["sample"], "sample") if preview else ""
    picture = ""
    if poster.pictogram:
        path = site.docs_dir / PICTOGRAMS / f"{poster.pictogram}.svg"
        picture = pictogram(path, write.plain(poster.headline), rtl=write.rtl)
    lead = write.block("p", poster.lead, "lead") if poster.lead else ""
    description = (
        f'<meta name="description" content="{html.escape(write.plain(poster.lead))}">' if poster.lead else ""
    )
    page = f"""<!DOCTYPE html>
<html lang="{language.code}" dir="{language.direction}">
<head>
<meta charset="utf-8">
<title>{html.escape(write.plain(poster.headline))}</title>
{description}
<meta name="author" content="{html.escape(write.plain(text.common["site"]))}">
<style>
{STYLESHEET.read_text(encoding="utf-8")}
{faces}
</style>
</head>
<body>
<main>
{sample}
<header class="top">{picture}<div>
{write.block("h1", poster.headline)}
{lead}
</div></header>
{_sections(write, site, poster)}
</main>
<footer>
{_footer(write, site, text, url, translations)}
</footer>
</body>
</html>
"""
    return PosterPage(poster.name, language.code, language.folder, page, files, site.docs_dir)


def poster_pages(site: Site, *, preview: bool) -> list[PosterPage]:
    """Every poster in every language of the site, the default language first."""
    text = posters_text(site)
    return [
        poster_html(site, text, poster, language, preview=preview)
        for language in site.languages
        for poster in text.posters
    ]
