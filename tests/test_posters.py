"""The posters: three posters in every language, A4 and A3, made by the build from one English text.

The PDFs of the built site are read with real tools (poppler's pdfinfo, pdffonts, pdftotext and
pdftoppm, and zbar for the QR codes); what a poster says is checked in its HTML, which is fast.
"""

from __future__ import annotations

import math
import re
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, RTL, SITE, run
from safetysite import poster_pdf
from safetysite.catalog import catalog_path, extract_template, read_catalog, write_catalog
from safetysite.contacts import PLACEHOLDER
from safetysite.output import fill_file_sizes
from safetysite.poster_text import PosterError, load_posters, read_posters
from safetysite.posters import SIZES, poster_html, poster_pages, poster_url, posters_text
from safetysite.qr import qr_svg
from safetysite.site import Site
from tools import POPPLER, ZBAR, need

TEXT = posters_text(SITE)
POSTERS = [poster.name for poster in TEXT.posters]
#: Page sizes in PostScript points: A4, and A3 as A4 scaled by the square root of 2.
PAGE_SIZES = {"a4": (595.28, 841.89), "a3": (841.89, 1190.55)}
MAX_BYTES = 300 * 1024
EVERY = [(lang.code, name, size) for lang in SITE.languages for name in POSTERS for size in SIZES]


def pdf_path(site: Path, code: str, name: str, size: str) -> Path:
    return site / SITE.language(code).folder / "posters" / f"{name}-{size}.pdf"


def tool(name: str, *args: str | Path) -> str:
    """Run a poppler or zbar command and return what it printed."""
    command = [need(name, ZBAR if name == "zbarimg" else POPPLER), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def numbers_on(poster_name: str) -> set[str]:
    """Every number a poster shows (phone, text and keypad numbers), from its placeholders."""
    poster = TEXT.poster(poster_name)
    texts = [poster.headline, poster.lead] + [s.heading for s in poster.sections]
    texts += [line for s in poster.sections for line in s.lines]
    texts += [t for s in poster.sections for row in s.rows for t in (row.what, row.when)]
    keys = {key for t in texts if t for key in PLACEHOLDER.findall(t.msgid)}
    keys |= {row.contact for s in poster.sections for row in s.rows}
    return {SITE.contacts[k].value for k in keys if SITE.contacts[k].kind in ("phone", "sms", "keypad")}


def pdf_language(data: bytes) -> list[bytes]:
    """The /Lang entries of a PDF, read from its (compressed) object streams."""
    found = re.findall(rb"/Lang\s*\(([^)]*)\)", data)
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            found += re.findall(rb"/Lang\s*\(([^)]*)\)", zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return found


# -- the PDFs in the built site ------------------------------------------------------------
def test_every_poster_is_one_tagged_page_of_its_size(site: Path) -> None:
    """Each of the 3 posters in 7 languages and 2 sizes (42 PDFs) exists in the built site (English
    at the root, others in their folder), is one page of A4 or A3, tagged, titled with its headline,
    with the document language set, and at most 300 KB."""
    titles = {
        (page.language, page.name): re.search(r"<title>(.*?)</title>", page.html).group(1)
        for page in poster_pages(SITE, preview=True)
    }
    assert len(EVERY) == 42
    for code, name, size in EVERY:
        path = pdf_path(site, code, name, size)
        info = dict(re.findall(r"^([\w ]+):\s+(.*)$", tool("pdfinfo", path), flags=re.MULTILINE))
        assert info["Pages"] == "1", path
        assert info["Tagged"] == "yes", path
        assert info["Title"] == titles[code, name].replace("&amp;", "&"), path
        width, height = (float(n) for n in re.findall(r"[\d.]+", info["Page size"])[:2])
        assert (width, height) == pytest.approx(PAGE_SIZES[size], abs=1), path
        data = path.read_bytes()
        assert len(data) <= MAX_BYTES, f"{path}: {len(data)} bytes"
        assert pdf_language(data) == [code.encode()], path


def test_poster_fonts_are_our_own_embedded_and_subset(site: Path) -> None:
    """Every font in every poster is embedded and subset, and is one of the site's own (no system
    font stood in for a missing letter); a language with its own script has its font and Noto Sans."""
    for code, name, size in EVERY:
        rows = tool("pdffonts", pdf_path(site, code, name, size)).splitlines()[2:]
        assert rows
        families = set()
        for row in rows:
            font, *_, emb, sub, _uni, _obj, _gen = row.split()
            assert (emb, sub) == ("yes", "yes"), (code, name, row)
            assert re.fullmatch(r"[A-Z]{6}\+Poster-[\w-]+", font), (code, name, font)
            families.add(font.split("+")[1].removesuffix("-Bold"))
        script = SITE.language(code).font
        want = {"Poster-NotoSans"} | ({f"Poster-{script.stem}"} if script else set())
        assert families == want, (code, name)


def test_poster_text_holds_its_numbers_exactly(site: Path) -> None:
    """The text of every poster holds 999 and every other number the poster shows, digit for digit
    and in the same groups, in every language, left to right on right-to-left posters too."""
    checked = 0
    for code, name, size in EVERY:
        text = " ".join(tool("pdftotext", pdf_path(site, code, name, size), "-").split())
        numbers = numbers_on(name)
        assert "999" in numbers
        for number in numbers:
            assert re.search(rf"(?<![0-9]){re.escape(number)}(?![0-9])", text), (code, name, size, number)
            checked += 1
    assert checked > 42 * 3


def _decode(path: Path, size: str) -> str:
    need("pdftoppm", POPPLER)
    image = path.with_suffix(".png")
    resolution = "100" if size == "a4" else "72"
    subprocess.run(
        ["pdftoppm", "-r", resolution, "-png", "-singlefile", path, image.with_suffix("")], check=True
    )
    return tool("zbarimg", "--raw", "-q", image).strip()


def test_every_qr_code_opens_the_page_in_the_posters_language(site: Path, tmp_path: Path) -> None:
    """Every QR code, read with zbar from a rendered image of the PDF, opens the poster's page in the
    poster's language at the site's address, and that page exists in the built site."""
    jobs = {}
    for code, name, size in EVERY:
        copy = tmp_path / f"{code}-{name}-{size}.pdf"
        copy.write_bytes(pdf_path(site, code, name, size).read_bytes())
        jobs[code, name, size] = copy
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = dict(zip(jobs, pool.map(_decode, jobs.values(), [k[2] for k in jobs]), strict=True))
    for (code, name, _size), url in found.items():
        expected = poster_url(SITE, TEXT.poster(name), SITE.language(code))
        assert url == expected, (code, name)
        assert (site / url.removeprefix(SITE.site_url) / "index.html").is_file(), url


def test_posters_command_makes_them_again(site: Path, tmp_path: Path) -> None:
    """`safetysite posters --site-dir DIR` writes the 42 PDFs without building the pages (from the
    cache the build filled), the same files the build wrote."""
    result = run("safetysite", "posters", "--site-dir", tmp_path)
    assert result.stdout.startswith("42 poster PDFs (0 rendered, 21 from the cache)"), result.stdout
    for code, name, size in EVERY:
        assert (
            pdf_path(tmp_path, code, name, size).read_bytes() == pdf_path(site, code, name, size).read_bytes()
        )


def posters_page(site: Path, code: str) -> str:
    return (site / SITE.language(code).folder / "posters" / "index.html").read_text(encoding="utf-8")


def test_posters_page_shows_a_lazy_preview_of_each_poster(site: Path) -> None:
    """Each language's Posters page shows a preview of each of its 3 posters: an image the build
    drew from the A4 PDF (a PNG of the size the page gives, beside the PDF), loaded lazily, with
    its width and height given (nothing moves as it loads) and the poster's headline as its text."""
    for lang in SITE.languages:
        html = posters_page(site, lang.code)
        images = [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", html)]
        previews = [image for image in images if "site-poster-preview" in image.get("class", "")]
        assert sorted(image["src"] for image in previews) == sorted(f"{name}-a4.png" for name in POSTERS)
        for image in previews:
            assert image["loading"] == "lazy", (lang.code, image)
            assert image["alt"].strip(), (lang.code, image)
            assert image["alt"] != image["src"], (lang.code, image)
            data = (site / lang.folder / "posters" / image["src"]).read_bytes()
            assert data.startswith(b"\x89PNG\r\n\x1a\n"), (lang.code, image)
            width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
            assert (image["width"], image["height"]) == (str(width), str(height)), (lang.code, image)
            assert (width, height) == poster_pdf.PREVIEW


def test_posters_page_gives_each_pdfs_size(site: Path) -> None:
    """Beside each of the 6 links on each language's Posters page is the PDF's real size in KB,
    rounded up, as "(35 KB)"."""
    for lang in SITE.languages:
        html = posters_page(site, lang.code)
        marker = r'<span class="site-size" dir="ltr" data-file="([^"]+)">([^<]*)</span>'
        sizes = dict(re.findall(marker, html))
        assert sorted(sizes) == sorted(f"{name}-{size}.pdf" for name in POSTERS for size in SIZES), lang.code
        for name, shown in sizes.items():
            real = (site / lang.folder / "posters" / name).stat().st_size
            assert shown == f"({math.ceil(real / 1024)} KB)", (lang.code, name, shown, real)
            beside = rf'<a href="{name}"[^>]*>[^<]*</a>\s*<span class="site-size"'
            assert re.search(beside, html), (lang.code, name)


def test_file_sizes_are_filled_in_kilobytes_rounded_up() -> None:
    """fill_file_sizes puts each named file's size into its marker, in KB rounded up, and replaces a
    size already there; a file it has no size for leaves its marker empty and is reported."""
    marker = '<span class="site-size" dir="ltr" data-file="{}">{}</span>'
    html = marker.format("a.pdf", "") + marker.format("b.pdf", "(9 KB)") + marker.format("c.pdf", "")
    filled, missing = fill_file_sizes(html, {"a.pdf": 1024, "b.pdf": 35 * 1024 + 1})
    expected = [("a.pdf", "(1 KB)"), ("b.pdf", "(36 KB)"), ("c.pdf", "")]
    assert filled == "".join(marker.format(*pair) for pair in expected)
    assert missing == ["c.pdf"]


# -- what a poster says (its HTML) ---------------------------------------------------------
def html_of(site: Site, code: str, name: str, *, preview: bool = True) -> str:
    return poster_html(
        site, posters_text(site), posters_text(site).poster(name), site.language(code), preview=preview
    ).html


def test_poster_language_direction_and_numbers() -> None:
    """Each poster's HTML names its language and direction; on a right-to-left poster every number
    is isolated left to right (<bdi dir="ltr">), on a left-to-right one it is not."""
    for lang in SITE.languages:
        html = html_of(SITE, lang.code, "numbers")
        assert f'<html lang="{lang.code}" dir="{lang.direction}">' in html
        isolated = '<bdi dir="ltr" class="contact"><a href="tel:999">999</a></bdi>'
        assert (isolated in html) == (lang.code in RTL), lang.code
        assert '<a href="tel:+44800789321">0800 789 321</a>' in html


def test_directional_pictograms_face_the_reading_direction() -> None:
    """Run, Hide and Tell point the way the text reads: mirrored on right-to-left posters, as drawn
    on left-to-right ones; the phone, which points nowhere, is never mirrored. Each has a title."""
    mirror = "matrix(-1 0 0 1 100 0)"
    for lang in SITE.languages:
        stay_safe = html_of(SITE, lang.code, "stay-safe")
        assert stay_safe.count('class="pictogram"') == 3
        assert stay_safe.count(mirror) == (3 if lang.code in RTL else 0), lang.code
        assert mirror not in html_of(SITE, lang.code, "numbers")
        for svg in re.findall(r'<svg viewBox="0 0 100 100" class="pictogram".*?</svg>', stay_safe, re.DOTALL):
            assert re.search(r"<title>[^<]+</title>", svg)


def test_qr_code_is_large_enough_with_its_address_and_label() -> None:
    """The QR code is 32 mm wide on A4 (at least 25 mm) with a quiet zone, titled with the address
    it opens; the address is printed beside it, without https://, after a label saying what it is."""
    svg = qr_svg("https://advice.kent.police.uk/ur/stay-safe/", 32)
    assert 'width="32mm" height="32mm"' in svg
    assert "<title>https://advice.kent.police.uk/ur/stay-safe/</title>" in svg
    side = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    assert "M4 4h7" in svg  # the finder pattern starts 4 modules in: the quiet zone
    assert side >= 21 + 8
    public = Site.load(ROOT / "mkdocs.yml", site_url="https://advice.kent.police.uk/")
    html = html_of(public, "ur", "stay-safe", preview=False)
    assert '<bdi dir="ltr" class="address">advice.kent.police.uk/ur/stay-safe/</bdi>' in html
    label = SITE.translations("ur").messages[TEXT.common["qr"].msgid]
    assert label in html  # the QR code's label, in Urdu
    assert TEXT.common["qr"].msgid not in html


def test_preview_review_and_checked_lines() -> None:
    """A preview poster carries the sample mark, a release poster none; the footer says the numbers
    are not yet checked while they are unverified; the review line is on every language whose
    catalogue says unreviewed, in the same words as the pages, and never on the English poster."""
    sample = TEXT.common["sample"].msgid
    assert sample in html_of(SITE, "en", "stay-safe", preview=True)
    assert sample not in html_of(SITE, "en", "stay-safe", preview=False)
    assert TEXT.common["unchecked"].msgid in html_of(SITE, "en", "numbers")
    review = TEXT.common["unreviewed"]
    template, _ = read_catalog(SITE.template)
    assert "overrides/partials/include/review-notice.html" in {
        path for path, _ in template[review.msgid].locations
    }  # one message for the pages and the posters
    assert review.msgid not in html_of(SITE, "en", "hate-crime")
    for lang in SITE.languages[1:]:
        translations = SITE.translations(lang.code)
        shown = translations.messages.get(review.msgid, review.msgid)
        assert (shown in html_of(SITE, lang.code, "hate-crime")) == (not translations.review.reviewed)


def test_verified_numbers_give_the_date_on_the_poster(project: Path) -> None:
    """Once every published number is verified, the footer says when they were last checked."""
    data = project / "data" / "contacts.yml"
    text = re.sub(
        r"^((\s+)checked: .*)$",
        r"\1\n\2verified: 2026-11-30\n\2verified_how: rang it\n\2verified_by: an officer",
        data.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    data.write_text(text, encoding="utf-8")
    html = html_of(Site.load(project / "mkdocs.yml"), "en", "numbers")
    assert "We last checked these numbers on 30 November 2026." in html


# -- one source of text, checked like the pages -------------------------------------------
def test_poster_messages_are_extracted_with_notes() -> None:
    """Every poster message is in the extracted template, from data/posters.yml, with a note saying
    which poster and which part it is, and a note for each placeholder it holds."""
    template = extract_template(ROOT, ROOT / "babel.cfg", SITE.contacts)
    messages = list(TEXT.messages())
    assert len(messages) > 30
    for message in messages:
        entry = template[message.msgid]
        assert ("data/posters.yml", message.line) in entry.locations, message.msgid
        assert message.note in entry.auto_comments
        for key in PLACEHOLDER.findall(message.msgid):
            assert SITE.contacts[key].describe() in entry.auto_comments
    assert 'poster "Important numbers": headline' in template["Important numbers"].auto_comments


def test_failing_poster_translation_falls_back_and_strict_build_fails(project: Path) -> None:
    """After `safetysite update`, a poster translation that fails a check is not used: the poster
    shows that message in English, marked lang="en", and keeps the good translations; a strict
    build stops with the catalogue's file and line."""
    run("safetysite", "update", cwd=project)
    po = catalog_path(project / "locales", "ur")
    catalog, _ = read_catalog(po, "ur")
    bad = catalog["Important numbers"]
    bad.string, bad.flags = "اہم نمبر 999", set()  # adds a number
    good = catalog["Sample for checking. Do not put up this poster."]
    good.string, good.flags = "نمونہ: یہ پوسٹر نہ لگائیں۔", set()
    write_catalog(po, catalog)
    line = read_catalog(po, "ur")[0][bad.id].lineno

    site = Site.load(project / "mkdocs.yml")
    html = html_of(site, "ur", "numbers")
    assert "اہم نمبر" not in html
    assert '<h1 lang="en"><span dir="ltr">Important numbers</span></h1>' in html
    assert "نمونہ: یہ پوسٹر نہ لگائیں۔" in html

    strict = run("mkdocs", "build", "--strict", "--site-dir", project / "out", cwd=project, check=False)
    assert strict.returncode != 0
    assert f"{po.relative_to(project)}:{line}: [numbers] adds phone number '999'" in strict.stderr
    assert not (project / "out").exists()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            ("Call {emergency} when", "Call 999 when"),
            ":46: posters.stay-safe.sections[3].lines[1] writes a number",
        ),
        (
            ("{crimestoppers_online}", "{nowhere}"),
            ":62: posters.hate-crime.sections[2].lines[4]: {nowhere} is not",
        ),
        (
            ('number: "{emergency}"', "number: emergency"),
            ":73: posters.numbers.sections[1].numbers[1].number must",
        ),
        (("    headline: Important numbers\n", ""), ":67: posters.numbers needs headline"),
        (
            ("pictogram: tell", "pictogram: [tell]"),
            ":43: posters.stay-safe.sections[3].pictogram must be a name",
        ),
        (
            ("**Online:**", "[Online](https://example.org)"),
            ":61: posters.hate-crime.sections[2].lines[3] has Mark",
        ),
        (("  site: Stay", "  sight: Stay"), ":22: common: unknown part 'sight'"),
    ],
)
def test_poster_text_errors_name_file_and_line(tmp_path: Path, change: tuple[str, str], error: str) -> None:
    """A mistake in the poster text stops with the file, the line and what is wrong, then a fix."""
    source = (ROOT / "data" / "posters.yml").read_text(encoding="utf-8")
    assert change[0] in source
    path = tmp_path / "posters.yml"
    path.write_text(source.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(PosterError) as caught:
        load_posters(path, SITE.contacts)
    first, _, fix = str(caught.value).partition("\n  ")
    assert first.startswith(str(path)), first
    assert error in first, first
    assert fix


def test_poster_pages_and_pictograms_must_exist(project: Path) -> None:
    """A poster whose page or pictogram does not exist is refused with the text file's line."""
    text = project / "data" / "posters.yml"
    source = text.read_text(encoding="utf-8")
    text.write_text(source.replace("page: contacts.md", "page: numbers.md"), encoding="utf-8")
    with pytest.raises(
        PosterError, match=r"posters\.yml:66: posters\.numbers\.page: numbers\.md is not a page"
    ):
        posters_text(Site.load(project / "mkdocs.yml"))
    text.write_text(source.replace("pictogram: hide", "pictogram: duck"), encoding="utf-8")
    with pytest.raises(
        PosterError, match=r"posters\.yml:37: no pictogram 'duck' in .*\n  use one of: hide, phone"
    ):
        posters_text(Site.load(project / "mkdocs.yml"))


def test_the_text_file_reads_as_written() -> None:
    """The reader keeps the English exactly (one line of words), and lists the common lines last."""
    text = read_posters(
        "common: {qr: a, checked: 'b %(date)s', unchecked: c, unreviewed: d, sample: e, site: f, source: g}\n"
        "posters:\n  p:\n    page: index.md\n    headline: H\n"
        '    sections:\n      - lines: ["Call  {emergency}\n        now."]\n',
        Path("x.yml"),
        SITE.contacts,
    )
    assert [m.msgid for m in text.messages()] == [
        "H",
        "Call {emergency} now.",
        "a",
        "b %(date)s",
        "c",
        "d",
        "e",
        "f",
        "g",
    ]


# -- the cache ----------------------------------------------------------------------------
def test_unchanged_posters_are_copied_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second build renders nothing: every PDF comes from the cache, keyed by its inputs; a poster
    whose HTML changes (a release build: no sample mark) is rendered again."""
    made: list[str] = []

    def fake_render(html: str, base: str, label: str = "") -> tuple[dict[str, bytes], str]:
        made.append(label)
        return {size: f"{size} {label} {len(html)}".encode() for size in SIZES}, ""

    monkeypatch.setattr(poster_pdf, "render", fake_render)
    monkeypatch.setattr(poster_pdf, "preview_png", lambda pdf: b"\x89PNG " + pdf)
    cache = tmp_path / "cache"
    first = poster_pdf.write_posters(SITE, tmp_path / "one", preview=True, cache=cache, workers=1)
    assert (first.rendered, first.reused, len(first.written)) == (21, 0, 42)
    second = poster_pdf.write_posters(SITE, tmp_path / "two", preview=True, cache=cache, workers=1)
    assert (second.rendered, second.reused) == (0, 21)
    assert (tmp_path / "two/ur/posters/numbers-a3.pdf").read_bytes() == (
        tmp_path / "one/ur/posters/numbers-a3.pdf"
    ).read_bytes()
    release = poster_pdf.write_posters(SITE, tmp_path / "three", preview=False, cache=cache, workers=1)
    assert release.rendered == 21
    assert len(made) == 42


def test_rendering_is_deterministic() -> None:
    """The same poster renders to the same bytes, A4 and A3."""
    page = next(p for p in poster_pages(SITE, preview=True) if p.label == "he/numbers")
    base = page.base.resolve().as_uri() + "/"
    first, problem = poster_pdf.render(page.html, base, page.label)
    second, _ = poster_pdf.render(page.html, base, page.label)
    assert problem == ""
    assert first == second
    assert first["a4"] != first["a3"]
