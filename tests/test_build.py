"""The real site, built with --strict: every language's HTML as a reader's browser gets it."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import LANGUAGES, ROOT, RTL, SITE, pages, run, verify_all
from safetysite.catalog import catalog_path, read_catalog
from safetysite.contacts import UK_PHONE, load_contacts

NAMES = {lang.code: lang.name for lang in SITE.languages}


class Page(HTMLParser):
    """What a test needs from one HTML page: the html tag, loaded resources, links and text."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.resources: list[str] = []
        self.switcher: list[dict[str, str | None]] = []
        self.nav_titles: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html = a
        if tag == "title":
            self._in_title = True
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.resources.append(a["src"] or "")
        if tag == "link" and {"stylesheet", "icon", "preload", "modulepreload", "manifest"} & set(
            (a.get("rel") or "").split()
        ):
            self.resources.append(a.get("href") or "")
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switcher.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.text.append(data)


def language_of(site: Path, path: Path) -> str:
    first = path.relative_to(site).parts[0]
    return first if first in LANGUAGES else "en"


def test_every_language_is_built(site: Path) -> None:
    """Each language has its home page, the Stay Safe page and its own 404 page."""
    for lang in LANGUAGES:
        folder = site if lang == "en" else site / lang
        for name in ("index.html", "stay-safe/index.html", "404.html"):
            assert (folder / name).is_file(), folder / name


def test_html_lang_and_dir(site: Path) -> None:
    """Every page carries its language and direction on <html>."""
    assert len(pages(site)) >= 12 * len(LANGUAGES)  # ten pages, Search and page-not-found each
    for path in pages(site):
        lang = language_of(site, path)
        page = Page(path)
        assert page.html.get("lang") == lang, path
        assert page.html.get("dir") == ("rtl" if lang in RTL else "ltr"), path


def test_404_pages_in_their_own_language(site: Path) -> None:
    """The root 404 page is English (not the last language built); each language has its own."""
    assert Page(site / "404.html").html["lang"] == "en"
    assert '<h1 id="page-not-found">Page not found</h1>' in (site / "404.html").read_text(encoding="utf-8")
    for lang in LANGUAGES[1:]:
        assert Page(site / lang / "404.html").html["lang"] == lang
        html = (site / lang / "404.html").read_text(encoding="utf-8")
        assert f'<h1 id="page-not-found">{translations(lang)["Page not found"]}</h1>' in html
        assert f'<a href="/{lang}/">{translations(lang)["Go to the home page"]}</a>' in html
        assert f'href="/{lang}/search/"' in html  # search finds pages in this language
        if lang in RTL:
            assert '<a href="tel:999"><bdi dir="ltr">999</bdi></a>' in html


def test_no_third_party_resources(site: Path) -> None:
    """No page loads a script, style, font or image from any other host."""
    for path in pages(site):
        for url in Page(path).resources:
            assert not re.match(r"^(https?:)?//", url), f"{path}: {url}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*[\"']?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_fonts_only_where_needed(site: Path) -> None:
    """Each non-Latin language's pages load its own self-hosted font stylesheet, named by its
    content's hash; English pages load none."""
    for lang in LANGUAGES:
        folder = site if lang == "en" else site / lang
        styles = [u for u in Page(folder / "index.html").resources if "/fonts/" in u]
        if lang == "en":
            assert styles == []
        else:
            (style,) = styles
            assert re.fullmatch(rf"\.\./assets/fonts/{lang}\.[0-9a-f]{{10}}\.css", style), style


class Text(HTMLParser):
    """The characters of a page a reader sees or hears: its text (not scripts or styles), its
    alt, title, aria-label, placeholder and value attributes, the data attributes scripts show
    (the Search page's messages), and Material's interface strings."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.characters: set[str] = set()
        self.inside: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("alt", "title", "aria-label", "placeholder", "value") or name.startswith("data-"):
                self.characters.update(value or "")
        if tag in ("script", "style"):
            self.inside.append("config" if ("id", "__config") in attrs else tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.inside:
            self.inside.pop()

    def handle_data(self, data: str) -> None:
        if not self.inside:
            self.characters.update(data)
        elif self.inside[-1] == "config":
            for text in json.loads(data)["translations"].values():
                self.characters.update(text)


def served_fonts(site: Path, lang: str) -> tuple[str, dict[str, Path]]:
    """The stylesheet a language's home page links, and the fonts it names, by file name."""
    (style,) = [u for u in Page(site / lang / "index.html").resources if "/fonts/" in u]
    css = (site / lang / style).resolve()
    text = css.read_text(encoding="utf-8")
    return text, {name: css.parent / name for name in re.findall(r'url\("([^"]+)"\)', text)}


def cmap(path: Path) -> set[str]:
    return {chr(code) for code in TTFont(path).getBestCmap()}


@pytest.mark.parametrize("lang", [lang.code for lang in SITE.languages if lang.font])
def test_every_letter_of_every_page_is_in_the_served_font(site: Path, lang: str) -> None:
    """Every character of every page of a language (404 page included) that the language's full
    font has is in each font file its pages load: a translation never meets a missing glyph.
    And the files served are cut down (fewer characters and glyphs than the full font), every
    page of the language links the same stylesheet, and no full font is in the site."""
    font = SITE.language(lang).font
    _, files = served_fonts(site, lang)
    assert {Path(name).name.split(".")[0] for name in files} == {
        font.stem + "-" + w for _, w in font.web_weights
    }
    links = set()
    for page in sorted((site / lang).rglob("*.html")):
        links.update(u.rsplit("/", 1)[-1] for u in Page(page).resources if "/fonts/" in u)
    assert len(links) == 1, links
    for name, path in files.items():
        weight = name.split(".")[0].rsplit("-", 1)[1]
        full = ROOT / "docs" / "assets" / "fonts" / font.file(weight)
        needed = cmap(full)
        served = cmap(path)
        for page in sorted((site / lang).rglob("*.html")):
            missing = (Text(page.read_text(encoding="utf-8")).characters & needed) - served
            assert not missing, f"{page.relative_to(site)}: {name} lacks {sorted(missing)}"
        assert served < needed, name  # cut down: letters of the script no page uses are not in it
        assert len(TTFont(path).getGlyphOrder()) < len(TTFont(full).getGlyphOrder()), name
    full_fonts = {p.read_bytes() for p in (ROOT / "docs" / "assets" / "fonts").glob("*.woff2")}
    for served in (site / "assets" / "fonts").iterdir():
        assert served.read_bytes() not in full_fonts, served.name
        assert served.name == "LICENSE.txt" or re.search(r"\.[0-9a-f]{10}\.(woff2|css)$", served.name), served


@pytest.mark.parametrize("lang", [lang.code for lang in SITE.languages if lang.font])
def test_font_stylesheet_names_the_installed_font_first(site: Path, lang: str) -> None:
    """Each @font-face names the installed font by its full and PostScript names (local()) before
    its file (url()), so a device that has the Noto font downloads nothing; a font that arrives
    after the page is drawn waits for the next page (font-display: optional), so no text moves;
    each file's name carries the hash of its content, so a browser's cached copy is never stale."""
    css, files = served_fonts(site, lang)
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == len(files) == len(SITE.language(lang).font.web_weights)
    for face in faces:
        src = re.search(r"src:([^;]*);", face).group(1)
        (name,) = re.findall(r'url\("([^"]+)"\)', src)
        weight = name.split(".")[0].rsplit("-", 1)[1]
        names = TTFont(ROOT / "docs" / "assets" / "fonts" / SITE.language(lang).font.file(weight))["name"]
        locals_ = re.findall(r'local\("([^"]+)"\)', src)
        assert names.getDebugName(4) in locals_, face  # full name: "Noto Naskh Arabic Bold"
        assert names.getDebugName(6) in locals_, face  # PostScript name: "NotoNaskhArabic-Bold"
        assert src.index("local(") < src.index("url("), face
        assert "font-display: optional;" in face, face  # never swapped in late: no text moves
        digest = hashlib.sha256(files[name].read_bytes()).hexdigest()[:10]
        assert name.split(".")[1] == digest, name


def test_switcher_keeps_the_page(site: Path) -> None:
    """The switcher names each language in its own script, links to the same page, marks the current one."""
    for lang in LANGUAGES:
        path = (site if lang == "en" else site / lang) / "stay-safe" / "index.html"
        links = Page(path).switcher
        assert [(a["hreflang"], a["lang"]) for a in links] == [(x, x) for x in LANGUAGES]
        assert [a.get("aria-current") for a in links] == ["true" if x == lang else None for x in LANGUAGES]
        for link in links:
            target = (path.parent / (link["href"] or "") / "index.html").resolve()
            other = link["hreflang"]
            assert (
                target == ((site if other == "en" else site / other) / "stay-safe" / "index.html").resolve()
            )
        text = " ".join(Page(path).text)
        for name in NAMES.values():
            assert name in text


def translations(lang: str) -> dict[str, str]:
    catalog, _ = read_catalog(catalog_path(ROOT / "locales", lang), lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_titles_and_nav_translated(site: Path, lang: str) -> None:
    """The page title, site name and navigation come from the language's catalogue."""
    words = translations(lang)
    page = Page(site / lang / "stay-safe" / "index.html")
    assert page.title == f"{words['Stay safe: Run, Hide, Tell']} - {words['Stay safe, stay together']}"
    text = " ".join(page.text)
    assert words["Stay safe"] in text
    assert words["Home"] in text


def article_numbers(path: Path) -> list[str]:
    """The dialled numbers (from the contacts file) written in a page's main text."""
    article = path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    article = re.sub(r'<span class="site-size"[^>]*>[^<]*</span>', " ", article)  # file sizes, not numbers
    text = re.sub(r"<[^>]+>", " ", article)
    numbers = sorted(
        {
            c.value
            for c in load_contacts(ROOT / "data" / "contacts.yml").values()
            if c.kind in ("phone", "sms", "keypad")
        },
        key=len,
        reverse=True,
    )
    pattern = "|".join(re.escape(n) for n in numbers)
    return sorted(re.findall(rf"(?<![0-9])(?:{pattern})(?![0-9])", text))


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_numbers_equal_the_english(site: Path, lang: str) -> None:
    """Every page in every language shows exactly the numbers of the English page."""
    english_pages = [p for p in site.glob("**/index.html") if language_of(site, p) == "en"]
    assert len(english_pages) >= 10
    compared = 0
    for english in english_pages:
        translated = site / lang / english.relative_to(site)
        assert article_numbers(translated) == article_numbers(english), translated
        compared += len(article_numbers(english))
    assert compared >= 30


@pytest.mark.parametrize("lang", sorted(RTL))
def test_phone_numbers_isolated_in_rtl(site: Path, lang: str) -> None:
    """In right-to-left pages every phone number is wrapped to read left to right."""
    contacts = load_contacts(ROOT / "data" / "contacts.yml")
    html = (site / lang / "contacts" / "index.html").read_text(encoding="utf-8")
    for contact in contacts.values():
        if contact.published and contact.kind in ("phone", "sms"):
            assert f'<bdi dir="ltr">{contact.value}</bdi>' in html, contact.value
    body = html.split("<body", 1)[1]
    bare = re.sub(r"<bdi dir=\"ltr\">[^<]*</bdi>|<[^>]+>", " ", body)
    assert not re.search(rf"(?<![\w.]){UK_PHONE}", bare)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_search_index_per_language(site: Path, lang: str) -> None:
    """Each language has its own index of its own pages (every page but Search, each section
    in the page's language); no other page loads anything of search, and every page links to
    its language's Search page."""
    import json

    folder = site if lang == "en" else site / lang
    index = json.loads((folder / "search" / "index.json").read_text(encoding="utf-8"))
    indexed = {record["u"].split("#")[0] for record in index}
    built = {
        "" if p.parent == folder else f"{p.parent.relative_to(folder).as_posix()}/"
        for p in folder.rglob("index.html")
        if lang != "en" or p.relative_to(folder).parts[0] not in LANGUAGES
    }
    assert indexed == built - {"search/"}
    assert len(indexed) >= 10
    title = translations(lang)["Stay safe: Run, Hide, Tell"] if lang != "en" else "Stay safe: Run, Hide, Tell"
    assert next(record["p"] for record in index if record["u"] == "stay-safe/") == title
    for path in folder.rglob("index.html"):
        if lang == "en" and path.relative_to(folder).parts[0] in LANGUAGES:
            continue
        html = path.read_text(encoding="utf-8")
        loads_search = bool(re.search(r'<script src="[^"]*search\.js"|index\.json', html))
        assert loads_search == (path.parent.name == "search"), path
        home = "" if lang == "en" else f"{lang}/"
        link = re.search(r'<a href="([^"]*)" id="site-search-link"', html)
        toggle = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
        assert f'{toggle} aria-labelledby="site-search-link" hidden>' in html  # named, hidden
        assert (path.parent / link.group(1)).resolve() == (site / home / "search").resolve(), path


def test_strict_build_fails_on_a_bad_translation(project: Path) -> None:
    """A translation that drops a number fails a strict build with file:line, whatever the log level
    (--strict, -q, -v, strict: true in mkdocs.yml); a plain build keeps that one segment in English
    (marked lang="en") and every other translation."""
    from safetysite.catalog import write_catalog

    po = catalog_path(project / "locales", "ur")
    catalog, _ = read_catalog(po, "ur")
    bad = catalog["Call {emergency} when it is safe to do so."]
    bad.string, bad.flags = "غلط ترجمہ: 999 پر کال کریں۔", set()
    good = catalog["Hide"]
    good.string, good.flags = "چھپیں", set()
    write_catalog(po, catalog)
    line = read_catalog(po, "ur")[0][bad.id].lineno
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "strict.yml").write_text(config.replace("strict: false", "strict: true"), encoding="utf-8")

    for flags in (
        ["--strict"],
        ["--strict", "-q"],
        ["--strict", "-v"],
        ["-q", "--config-file", "strict.yml"],
    ):
        strict = run("mkdocs", "build", *flags, "--site-dir", project / "out", cwd=project, check=False)
        assert strict.returncode != 0, flags  # even where -q hides warnings from MkDocs' counter
        where = f"{po.relative_to(project)}:{line}"
        assert f"{where}: [placeholders] drops or changes placeholder {{emergency}}" in strict.stderr
        assert f"{where}: [numbers] adds phone number '999'" in strict.stderr
        assert not (project / "out").exists(), flags  # it stops before writing anything

    plain = run("mkdocs", "build", "--site-dir", project / "plain", cwd=project)
    assert f"{po}:{line}: [placeholders]" in plain.stderr
    html = (project / "plain" / "ur" / "stay-safe" / "index.html").read_text(encoding="utf-8")
    assert "غلط ترجمہ" not in html
    assert (
        '<span lang="en" dir="ltr">Call <a href="tel:999"><bdi dir="ltr">999</bdi></a> when it is safe'
        in html
    )
    assert ">چھپیں</h2>" in html  # the rest of the catalogue is still used
    notice = "Some parts of this page are not translated yet, so they are shown in English."
    assert translations("ur")[notice] in html  # with a notice, in Urdu, that some parts are English


def test_printed_link_addresses(site: Path) -> None:
    """Every link in a page's text carries, for print, the full address of the page it opens, and
    that page exists in the built site; links that are addresses already carry none."""
    from urllib.parse import urljoin

    site_url = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set
    checked = 0
    for lang in LANGUAGES:
        folder = "" if lang == "en" else f"{lang}/"
        path = site / folder / "hate-crime" / "index.html"
        article = path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
        for href, printed in re.findall(r'<a href="([^"#][^"]*)" data-print-url="([^"]*)"', article):
            assert printed == urljoin(f"{site_url}{folder}hate-crime/", href), (path, href)
            assert (site / printed[len(site_url) :] / "index.html").is_file(), printed
            checked += 1
        assert not re.search(r'<a href="(?:https?|tel|sms):[^"]*" data-print-url=', article), path
    assert checked >= len(LANGUAGES)


def test_status_table_and_checked_date_follow_the_data(project: Path) -> None:
    """The accessibility page's table shows each language's share of translated messages, and the
    contacts page the oldest live verification of a published number: change either and the page
    follows."""
    from babel.messages.pofile import read_po

    from safetysite.catalog import write_catalog

    po = catalog_path(project / "locales", "ur")
    catalog, _ = read_catalog(po, "ur")
    for message in [m for m in catalog if m.id][:7]:
        message.flags.add("fuzzy")
    write_catalog(po, catalog)
    header = '"X-Review: unreviewed\\n"'
    text = po.read_text(encoding="utf-8")
    assert header in text
    po.write_text(text.replace(header, '"X-Review: reviewed 2026-11-30 by a qualified Urdu translator\\n"'))
    verify_all(project)
    contacts = project / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace("verified: 2026-11-30", "verified: 2026-02-03", 1), encoding="utf-8")

    run("mkdocs", "build", "--strict", "--site-dir", project / "out", cwd=project)

    def counted(path: Path) -> set[str]:  # straight from the files, as a translator's tool counts
        with path.open("rb") as fileobj:
            return {
                m.id for m in read_po(fileobj) if m.id and (m.string or path.suffix == ".pot") and not m.fuzzy
            }

    total = counted(project / "locales" / "messages.pot")
    table = (project / "out" / "accessibility" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<th scope="row" lang="([a-z]+)">[^<]*</th>\s*<td>(\d+)%</td>', table))
    assert rows["ur"] == str(100 * len(total & counted(po)) // len(total))
    assert int(rows["ur"]) < 100
    assert rows["en"] == "100"
    assert rows.keys() == set(LANGUAGES)
    page = (project / "out" / "contacts" / "index.html").read_text(encoding="utf-8")
    assert "We last checked these numbers on 3 February 2026." in page  # the oldest verification
    review = dict(
        re.findall(r'<th scope="row" lang="([a-z]+)">[^<]*</th>\s*<td>\d+%</td>\s*<td>([^<]*)</td>', table)
    )
    assert review["ur"] == "Yes, on 30 November 2026"
    assert review["hi"] == "Not yet"
    assert review["en"] == "This is the original"
    # a reviewed language's pages carry no notice; an unreviewed language's still do
    assert 'class="site-review"' not in (project / "out" / "ur" / "stay-safe" / "index.html").read_text()
    assert 'class="site-review"' in (project / "out" / "hi" / "stay-safe" / "index.html").read_text()


def test_unreviewed_languages_say_so_on_every_page(site: Path) -> None:
    """Every page of a language no qualified translator has checked says so in that language, right
    after its heading, and links to the same page in English; English pages carry no notice."""
    checked = 0
    for path in pages(site):
        lang = language_of(site, path)
        html = path.read_text(encoding="utf-8")
        if lang == "en":
            assert "site-review" not in html, path
            continue
        notice = re.search(
            r'</h1>\s*<p class="site-review" role="note">\s*([^<]+?)\s*<a href="([^"]+)"[^>]* hreflang="en">',
            html,
        )
        assert notice, path
        assert (
            notice.group(1)
            == translations(lang)["A qualified translator has not checked this translation yet."]
        )
        target = path.parent / notice.group(2)
        english = site / path.relative_to(site / lang)
        if path.name == "404.html":  # the page-not-found page links to the English home page
            assert notice.group(2) == "/", path
        else:
            assert (target / "index.html").resolve() == english.resolve(), path
        checked += 1
    assert checked == 12 * (len(LANGUAGES) - 1)


def test_posters_page_links_each_poster_in_its_language(site: Path) -> None:
    """Each language's Posters page links the three posters, A4 and A3, in that language; every
    link opens a PDF the build wrote."""
    for lang in LANGUAGES:
        folder = site if lang == "en" else site / lang
        html = (folder / "posters" / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="([a-z-]+-a[34]\.pdf)"[^>]* type="application/pdf"', html)
        assert sorted(links) == sorted(
            f"{n}-{s}.pdf" for n in ("stay-safe", "hate-crime", "numbers") for s in ("a4", "a3")
        )
        for link in links:
            assert (folder / "posters" / link).stat().st_size > 5000, (lang, link)


def test_stay_safe_pictograms_have_text(site: Path) -> None:
    """The Run, Hide and Tell pictograms on the Stay Safe page have a size and a description in the
    page's language (the translation's own words, not the English)."""
    for lang in LANGUAGES:
        folder = site if lang == "en" else site / lang
        html = (folder / "stay-safe" / "index.html").read_text(encoding="utf-8")
        images = re.findall(r'<img alt="([^"]+)" class="site-pictogram directional"[^>]*>', html)
        assert len(images) == 3, lang
        for tag in re.findall(r"<img [^>]*site-pictogram[^>]*>", html):
            assert 'width="64"' in tag, tag
            assert 'height="64"' in tag, tag
        if lang != "en":
            assert not set(images) & {
                "A person running away from danger",
                "A person crouching behind a thick wall",
            }
