"""What the engine makes from the site context for templates and after the build: language links,
the translation status rows, the date numbers were checked, per-language search indexes and
page-not-found pages, and English box titles marked in a translated page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SITE
from safetysite.catalog import read_catalog, write_catalog
from safetysite.contacts import Contact, checked_date
from safetysite.languages import language_links
from safetysite.output import write_not_found_pages, write_search_indexes
from safetysite.search import LRI, PDI, Section, page_sections
from safetysite.site import Site
from safetysite.status import StatusRow, translation_status
from safetysite.translate import mark_english_titles, translate


@pytest.mark.parametrize(
    ("current", "url", "hrefs"),
    [
        ("en", "stay-safe/", {"en": ".", "ur": "../ur/stay-safe/", "he": "../he/stay-safe/"}),
        ("ur", "ur/stay-safe/", {"en": "../../stay-safe/", "ur": ".", "ar": "../../ar/stay-safe/"}),
        ("en", "", {"en": ".", "ur": "ur/"}),
        ("ar", "ar/", {"en": "../", "ar": ".", "pa": "../pa/"}),
    ],
)
def test_language_links_keep_the_page(current: str, url: str, hrefs: dict[str, str]) -> None:
    """Each language's link goes to the same page in that language, relative to the page."""
    links = {link.locale: link for link in language_links(SITE.languages, current, url)}
    assert list(links) == list(SITE.codes)
    for code, href in hrefs.items():
        assert links[code].href == href, code
    assert [code for code, link in links.items() if link.current] == [current]
    assert links["ur"].dir == "rtl"
    assert links["hi"].name == "हिन्दी"


def test_status_counts_only_usable_translations(project: Path) -> None:
    """A fuzzy, empty or failing translation does not count; percentages round down, so a language
    that lacks one message never shows 100%."""
    before = {row.locale: row for row in translation_status(Site.load(project / "mkdocs.yml"))}
    po = project / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    catalog, _ = read_catalog(po, "ur")
    usable = [m.id for m in catalog if m.id and m.string and not m.fuzzy and "{" not in m.id]
    catalog[usable[0]].flags.add("fuzzy")
    catalog[usable[1]].string = ""
    catalog["Call {emergency} when it is safe to do so."].string = "999 پر کال کریں۔"
    write_catalog(po, catalog)
    rows = {row.locale: row for row in translation_status(Site.load(project / "mkdocs.yml"))}
    total = rows["en"].total
    assert total == len([m for m in catalog if m.id])
    assert rows["en"] == StatusRow("en", "English", total, total, reference=True)
    was = before["ur"]
    assert rows["ur"].translated == was.translated - 3
    assert (rows["ur"].fuzzy, rows["ur"].rejected) == (was.fuzzy + 1, was.rejected + 1)
    assert rows["ur"].untranslated == was.untranslated + 1
    assert rows["ur"].percent == 100 * (was.translated - 3) // total < 100
    assert rows["hi"] == before["hi"]
    assert StatusRow("x", "x", 199, 200).percent == 99
    assert StatusRow("x", "x", 0, 0).percent == 100


def test_checked_date_is_the_oldest_live_verification() -> None:
    """The date shown is the oldest live verification of a published number, in the page's
    language; while any published number is unverified there is no date (the page says so)."""

    def contact(verified: str, published: bool = True) -> Contact:
        return Contact("x", "phone", "999", "p", "s", "2026-11-23", published=published, verified=verified)

    contacts = {
        "a": contact("2026-11-23"),
        "b": contact("2026-03-04"),
        "c": contact("2020-01-01", published=False),  # kept as a record, shown nowhere
    }
    assert checked_date(contacts, "en") == "4 March 2026"
    assert checked_date(contacts, "he") == "4 במרץ 2026"
    assert "2026" in checked_date(contacts, "ur")
    assert checked_date({**contacts, "d": contact("")}, "en") == ""  # copied, not yet verified
    assert checked_date({}, "en") == ""


def _page(title: str, body: str = "") -> str:
    article = f'<article class="md-content__inner md-typeset"><h1 id="t">{title}</h1>{body}</article>'
    return f"<html><body>{article}</body></html>"


def test_search_index_per_language(tmp_path: Path) -> None:
    """Each language's index holds its own pages only, addressed from its home, without the
    Search page; English at the root leaves the other languages' folders out."""
    pages = {
        "index.html": _page("Home"),
        "stay-safe/index.html": _page("Stay safe"),
        "urgent/index.html": _page("An English page whose name starts ur"),
        "search/index.html": _page("Search"),
        "ur/index.html": _page("گھر"),
        "ur/stay-safe/index.html": _page("محفوظ"),
    }
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    written = write_search_indexes(tmp_path, SITE)
    assert len(written) == len(SITE.codes)
    english = json.loads((tmp_path / "search" / "index.json").read_text(encoding="utf-8"))
    urdu = json.loads((tmp_path / "ur" / "search" / "index.json").read_text(encoding="utf-8"))
    assert [(r["u"], r["p"]) for r in english] == [
        ("", "Home"),
        ("stay-safe/", "Stay safe"),
        ("urgent/", "An English page whose name starts ur"),
    ]
    assert [r["u"] for r in urdu] == ["", "stay-safe/"]
    assert json.loads((tmp_path / "he" / "search" / "index.json").read_text(encoding="utf-8")) == []


def test_search_sections_are_what_the_reader_reads() -> None:
    """A page's sections start at its headings with ids; heading marks, the unreviewed notice,
    scripts, buttons, hidden parts and the navigation are left out (with no empty isolate); each
    block is a word apart; a number isolated left to right stays isolated."""
    body = (
        '<p class="site-review" role="note">Not reviewed yet.</p>'
        "<p>Run, <strong>hide</strong>,\n tell.</p><nav><a>Home</a></nav>"
        '<h2 id="hide">Hide<a class="headerlink" href="#hide">¶</a></h2>'
        '<p>Call <a href="tel:999"><bdi dir="ltr">999</bdi></a>.</p><script>var x = 1;</script>'
        '<h2>No id</h2><p>More.</p><p hidden>Secret</p><button dir="ltr">Copy</button>'
        "<details><summary>Sum</summary>Body</details><h4>Deep</h4>deep<hr>end"
    )
    sections = page_sections(_page("Stay safe", body), "stay-safe/")
    assert sections == [
        Section("stay-safe/", "Stay safe", "", "Run, hide, tell."),
        Section(
            "stay-safe/#hide", "Stay safe", "Hide", f"Call {LRI}999{PDI}. No id More. Sum Body Deep deep end"
        ),
    ]
    assert page_sections("<html><body><p>No article</p></body></html>", "x/") == []


def test_not_found_pages_go_to_their_folders(tmp_path: Path) -> None:
    """English's page-not-found page is at the root, every other language's in its folder."""
    write_not_found_pages(tmp_path, SITE, {"ur": "<p>اردو</p>", "en": "<p>English</p>"})
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == "<p>English</p>"
    assert (tmp_path / "ur" / "404.html").read_text(encoding="utf-8") == "<p>اردو</p>"


def test_english_box_title_with_markup_is_marked() -> None:
    """A box title with emphasis or a placeholder left in English is still marked lang="en";
    a translated title is not."""
    page = '!!! warning "Stay **low**, call {emergency}"\n    Keep down.\n\n!!! note "Hide"\n    Body.\n'
    result = translate(page, {"Hide": "چھپیں"})
    assert result.english_titles == ("Stay **low**, call {emergency}",)
    html = (
        '<p class="admonition-title">Stay <strong>low</strong>, call <a href="tel:999">999</a></p>'
        '<p class="admonition-title">چھپیں</p>'
    )
    marked = mark_english_titles(html, result.english_titles)
    assert marked.count('lang="en"') == 1
    assert '<p lang="en" dir="ltr" class="admonition-title">Stay <strong>low</strong>' in marked
