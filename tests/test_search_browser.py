"""Search in a real browser (Debian's Chromium driven by Playwright), in every language: the
query set in ``tests/data/search-queries.yml`` as readers type it, the Search page with the
keyboard and without JavaScript, and the one function that folds words for both sides."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from conftest import LANGUAGES, ROOT, RTL
from test_build import translations

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search-queries.yml").read_text(encoding="utf-8"))
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "search.js"


def _(lang: str, english: str) -> str:
    return english if lang == "en" else translations(lang)[english]


def home(lang: str) -> str:
    return "/" if lang == "en" else f"/{lang}/"


def ask(page, query: str) -> list[str]:
    """Type a query into the Search page as a reader does; the found pages' paths, best first."""
    field = page.locator("#site-search-words")
    field.fill("")
    field.press_sequentially(query, delay=5)
    field.press("Enter")
    page.wait_for_function("q => new URL(location.href).searchParams.get('q') === q", arg=query)
    links = page.eval_on_selector_all("#site-search-results a", "links => links.map(a => a.href)")
    return [urlsplit(link).path for link in links]


def test_the_query_set_covers_every_language() -> None:
    """At least eight queries per language, each naming a page of the site."""
    assert set(QUERIES) == set(LANGUAGES)
    for lang, queries in QUERIES.items():
        assert len(queries) >= 8, lang
        for query in queries:
            assert (ROOT / "docs" / f"{query['page'].rstrip('/') or 'index'}.md").is_file(), query


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_query_finds_its_page(chromium, base_url: str, lang: str) -> None:
    """Each query of the set, typed into the language's Search page, lists the page it must find
    (and only pages of that language); the page says how many it found, in its own language."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{base_url}{home(lang)}search/")
    missed = []
    for query in QUERIES[lang]:
        found = ask(page, query["q"])
        if f"{home(lang)}{query['page']}" not in found:
            missed.append((query["q"], query["why"], found))
        assert all(path.startswith(home(lang)) for path in found), found
        if lang == "en":
            assert not any(path.split("/")[1] in LANGUAGES for path in found), found
    assert missed == []
    status = page.locator("#site-search-status").inner_text()
    assert status == _(lang, "Pages found: {count}").replace("{count}", str(len(found)))
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_of_search_loads_before_it_is_opened(chromium, base_url: str, lang: str) -> None:
    """The home and Stay Safe pages download nothing of search; the Search page downloads its
    script and its own language's index only, from this site."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ("", "stay-safe/"):
        page.goto(f"{base_url}{home(lang)}{path}", wait_until="networkidle")
    assert [r for r in requests if "search" in r] == []
    page.goto(f"{base_url}{home(lang)}search/", wait_until="networkidle")
    searched = [urlsplit(r).path for r in requests if "search" in r]
    assert searched == [
        f"{home(lang)}search/",
        "/assets/javascripts/search.js",
        f"{home(lang)}search/index.json",
    ]
    assert all(r.startswith(base_url) for r in requests), requests
    page.close()


@pytest.mark.parametrize("lang", ["en", "ur", "hi"])
def test_search_with_the_keyboard_alone(chromium, base_url: str, lang: str) -> None:
    """From a page, the keyboard reaches the header's Search link, opens the Search page, types a
    word and submits it; the result count is announced (role=status), in the page's direction,
    and Tab reaches the first result."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{base_url}{home(lang)}stay-safe/")
    for _tab in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-search-link')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == _(lang, "Search")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}{home(lang)}search/")
    for _tab in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-words":
            break
    word = QUERIES[lang][0]["q"]
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_function("q => new URL(location.href).searchParams.get('q') === q", arg=word)
    status = page.locator("[role=status]#site-search-status")
    assert status.inner_text().startswith(_(lang, "Pages found: {count}").split("{count}")[0])
    direction = page.evaluate("getComputedStyle(document.getElementById('site-search-results')).direction")
    assert direction == ("rtl" if lang in RTL else "ltr")
    page.keyboard.press("Tab")  # from the field to the button
    page.keyboard.press("Tab")  # to the first result
    assert page.evaluate("document.activeElement.closest('#site-search-results') !== null")
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar", "pa"])
def test_without_javascript_search_says_it_needs_it(chromium, base_url: str, lang: str) -> None:
    """With JavaScript off the search form is hidden, the page says in its language that search
    needs JavaScript, and it lists every page."""
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}{home(lang)}search/")
    assert not page.locator("form.site-search").is_visible()
    message = _(
        lang,
        "Search needs JavaScript, which is off or not working in this browser. "
        "Every page of this site is listed below.",
    )
    notice = page.locator(".site-search__off")  # (Playwright's text search skips <noscript>)
    assert notice.is_visible()
    assert notice.inner_text().strip() == message
    listed = page.locator("#all-pages + ul a")
    assert listed.count() >= 10
    assert _(lang, "Contact numbers") in listed.all_inner_texts()
    context.close()


@pytest.fixture(scope="module")
def script(chromium):
    """A blank page with search.js loaded: the browser's own Unicode, as readers' browsers have."""
    page = chromium.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    yield page
    page.close()


def found(script, sections: list[dict], lang: str, *queries: str) -> list[list[str]]:
    """What each typed query (a finished word: a space after it) finds in an index of ``sections``
    built in the browser: the found sections' addresses, best first."""
    return script.evaluate(
        """([sections, lang, queries]) => { const index = siteSearch.buildIndex(sections, lang);
             return queries.map(q => siteSearch.search(index, q + ' ').map(r => r.section.u)); }""",
        [sections, lang, list(queries)],
    )


FOLDS = [
    ("nukta, letter + U+093C and precomposed U+095E", "न\u092b\u093cरत", "न\u095eरत"),
    ("nukta left out", "नफ़रत", "नफरत"),
    ("Gurmukhi nukta and addak", "ਸ਼ੱਕੀ", "ਸਕੀ"),
    ("Arabic harakat and tatweel", "شُرْطَة", "شرطـة"),
    ("Hebrew niqqud", "מִשְׁטָרָה", "משטרה"),
    ("Arabic yeh and kaf for Urdu yeh and keheh", "مشكوك پوليس", "مشکوک پولیس"),
    ("noon ghunna typed as noon", "کریں", "کرین"),
    ("nukta in a letter NFC keeps whole (U+0929)", "\u0929", "न"),
    ("heh goal and teh marbuta", "ہنگامی شرطة", "هنگامی شرطه"),
    ("alef with hamza", "الإرهاب", "الارهاب"),
    ("digits of every script", "٩٩٩ ۹۹۹ ९९९ ੯੯੯", "999 999 999 999"),
]


@pytest.mark.parametrize(("why", "written", "typed"), FOLDS, ids=[f[0] for f in FOLDS])
def test_folding_makes_what_is_typed_and_what_is_written_one(
    script, why: str, written: str, typed: str
) -> None:
    """Each folding: the word as the page writes it and as a reader types it fold the same."""
    folded = script.evaluate(
        "ws => ws.map(w => w.split(' ').map(siteSearch.fold).join(' '))", [written, typed]
    )
    assert folded[0] == folded[1], (why, folded)
    assert script.evaluate("w => siteSearch.fold(w)", written) != written or why.startswith("digits")


FINDS = [
    ("en", "Call the police if it is safe.", "policing"),
    ("en", "Reporting a crime helps.", "reports"),
    ("en", "The officers will arrive.", "officer"),
    ("en", "In emergencies, call 999.", "emergency"),
    ("he", "התקשרו למשטרה.", "משטרה"),
    ("he", "המשטרה תגיע.", "למשטרה"),
    ("ar", "اتصل بالشرطة الآن.", "شرطة"),
    ("ar", "مستوى الإرهاب", "ارهاب"),
    ("ur", "ہنگامی حالات میں", "هنگامي"),
    ("hi", "नफ़रत से भरा अपराध", "नफरत"),
    ("ne", "प्रहरीलाई खबर गर्नुहोस्", "प्रहरी"),
    ("pa", "ਸ਼ੱਕੀ ਚੀਜ਼", "ਸੱਕੀ"),
]


@pytest.mark.parametrize(("lang", "text", "query"), FINDS, ids=[f"{f[0]}-{f[2]}" for f in FINDS])
def test_a_query_finds_a_word_written_another_way(script, lang: str, text: str, query: str) -> None:
    """The index side (a section's text) and the query side (what is typed) go through the same
    function: the query finds the section, and a word the section lacks finds nothing."""
    sections = [{"u": "a/", "p": "A", "t": text}, {"u": "b/", "p": "B", "t": "unrelated words"}]
    assert found(script, sections, lang, query, "zzzz") == [["a/"], []], (lang, text, query)


@pytest.mark.parametrize("cut", ["end", "start"])
def test_an_excerpt_never_leaves_a_number_turned_round(script, cut: str) -> None:
    """An excerpt cut inside an isolated number, at its end or its start, keeps the number
    isolated (opened and closed); the found word is marked."""
    number = "\u20660800 789 321\u2069 "
    if cut == "end":
        text = "word " * 40 + "بالرقم " + "word " * 18 + number + "word " * 40
    else:
        text = "word " * 40 + number + "word " * 8 + "بالرقم " + "word " * 40
    parts = script.evaluate(
        "([t]) => siteSearch.excerpt(t, [{forms: siteSearch.keys('الرقم', 'ar'), prefix: ''}], 'ar')", [text]
    )
    joined = "".join(p["text"] for p in parts)
    assert joined.count("\u2066") == joined.count("\u2069") == 1
    assert joined.index("\u2066") < joined.index("\u2069")
    assert [p["text"] for p in parts if p.get("mark")] == ["بالرقم"]


def test_a_word_being_typed_is_found_and_marked(script) -> None:
    """The last word, still being typed, finds the words it starts and marks them."""
    sections = [{"u": "a/", "p": "A", "t": "In an emergency, call 999."}]
    marked = script.evaluate(
        """(sections) => { const index = siteSearch.buildIndex(sections, 'en');
             const found = siteSearch.search(index, 'emerg');
             return found.length ? siteSearch.excerpt(sections[0].t, found[0].terms, 'en')
               .filter(p => p.mark).map(p => p.text) : null; }""",
        sections,
    )
    assert marked == ["emergency"]


NOT_FOUND = [
    ("he", "המשטרה תגיע.", "מטרה", "a goal is not the police (they share only טרה)"),
    ("he", "הממשלה אמרה", "שלה", "government is not hers (ממ is no prefix)"),
    ("ar", "الدين والعرق", "والد", "father is not religion (they share only الد)"),
    ("en", "Call the police.", "polite", "polite is not police"),
    ("ur", "ہنگامی حالات", "نگامی", "a word is not found by its tail"),
]


@pytest.mark.parametrize(
    ("lang", "text", "query", "why"), NOT_FOUND, ids=[f"{f[0]}-{f[2]}" for f in NOT_FOUND]
)
def test_a_query_does_not_find_another_word_that_looks_alike(
    script, lang: str, text: str, query: str, why: str
) -> None:
    """Prefixes and endings stripped on both sides never make two different words one."""
    assert found(script, [{"u": "a/", "p": "A", "t": text}], lang, query) == [[]], why


def test_a_page_whose_title_is_the_query_comes_first(script) -> None:
    """A word of a page's title outranks the same word repeated in other pages' text, and a
    common word ("the") does not decide the order."""
    sections = [
        {"u": "privacy/", "p": "Privacy", "t": "The police keep the data. The police, the law, the rules."},
        {"u": "privacy/#more", "p": "Privacy", "h": "More", "t": "The police and the courts. The police."},
        {"u": "police/", "p": "Call the police", "t": "When to call."},
    ]
    order = found(script, sections, "en", "police", "the police")
    assert [urls[0] for urls in order] == ["police/", "police/"], order
