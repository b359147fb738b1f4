"""Every page of every language, opened in Chromium and checked as its readers would check it.

Pages are discovered from the built site. One server and one browser serve the whole run: the
``audit`` fixture visits each page once per setting (desktop, 320 px, 200 % zoom, no JavaScript)
and records what it finds; each test then asserts one behaviour over every page.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIGURES, LANGUAGES, ROOT, RTL, SITE
from safetysite.contacts import load_contacts
from tools import NPM, need_file

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: HTML_CodeSniffer, a second rules engine (Squiz's, independent of axe), WCAG 2 AA standard.
HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
#: Rules that are wrong for a page, each with the reason. Empty: the site is fixed instead.
AXE_EXCEPTIONS: dict[str, str] = {}
CONTACTS = load_contacts(ROOT / "data" / "contacts.yml")


@dataclass
class Visit:
    """What one page showed in one setting."""

    url: str
    lang: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)


def language_of(path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in LANGUAGES else "en"


def discover(site: Path) -> list[str]:
    """Every page's URL path, from the built site."""
    found = []
    for html in sorted(site.rglob("index.html")):
        relative = html.parent.relative_to(site).as_posix()
        found.append("/" if relative == "." else f"/{relative}/")
    return found


PAGE_FACTS = """
() => {
  const html = document.documentElement;
  const switcher = [...document.querySelectorAll('a.md-select__link')].map(a => ({
    href: a.href, lang: a.getAttribute('lang'), hreflang: a.getAttribute('hreflang'),
    current: a.getAttribute('aria-current')}));
  const links = [...document.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')]
    .map(a => ({href: a.getAttribute('href'), text: a.innerText.trim(),
                number: (a.querySelector('bdi') || a).innerText.trim(),
                button: a.classList.contains('site-button')}));
  // Left-to-right order of the digit groups of every phone number with spaces.
  const order = [];
  for (const el of document.querySelectorAll('article bdi, article a[href^="tel:"]')) {
    const node = [...el.childNodes].find(n => n.nodeType === 3 && /\\d \\d/.test(n.textContent))
      || (el.firstChild && el.firstChild.nodeType === 1 ? [...el.firstChild.childNodes].find(
          n => n.nodeType === 3 && /\\d \\d/.test(n.textContent)) : null);
    if (!node) continue;
    const xs = [];
    const re = /\\d+/g; let m;
    while ((m = re.exec(node.textContent))) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      xs.push(range.getBoundingClientRect().left);
    }
    order.push({text: node.textContent, xs});
  }
  return {lang: html.getAttribute('lang'), dir: html.getAttribute('dir'), switcher, links, order,
          text: (document.querySelector('article') || document.body).innerText.trim().length};
}
"""

LAYOUT_FACTS = """
() => {
  const root = document.documentElement;
  const clipped = [];
  for (const el of document.querySelectorAll('.md-content *, .md-header *, .md-banner *')) {
    const style = getComputedStyle(el);
    if (!el.offsetParent || !el.textContent.trim()) continue;
    if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && !el.matches('.md-ellipsis, .md-header__topic, .md-header__title, .site-visually-hidden')) {
      clipped.push(el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40));
    }
    // a box of the page text (a table, say) that must be scrolled sideways to be read
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && el.closest('.md-content')) {
      clipped.push('scrolls sideways ' + el.tagName + ': ' + el.textContent.trim().slice(0, 40));
    }
    const box = el.getBoundingClientRect();
    if (el.children.length === 0 && box.width > 0 && (box.right > root.clientWidth + 1 || box.left < -1)
        && !el.closest('.md-sidebar, .md-nav, .md-search, .md-select')) {
      clipped.push('off screen ' + el.tagName + ': ' + el.textContent.trim().slice(0, 40));
    }
  }
  return {scroll: root.scrollWidth, width: root.clientWidth, clipped};
}
"""

NO_JS_FACTS = """
() => ({
  text: (document.querySelector('article') || document.body).innerText.trim().length,
  nav: [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link, a.site-search-link')]
    .map(a => a.pathname),
  languages: [...document.querySelectorAll('a.md-select__link')].map(a => a.getAttribute('hreflang')),
})
"""


def sniff(page) -> list[str]:
    """HTML_CodeSniffer's errors (not its warnings and notices, which ask for a person to look)."""
    page.add_script_tag(path=str(HTMLCS))
    return page.evaluate(
        """() => new Promise(done => HTMLCS.process('WCAG2AA', document, () => done(
             HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
               .map(m => m.code + ' ' + m.element.outerHTML.slice(0, 100)))))"""
    )


def visit(context, base_url: str, path: str, script: str | None = None, checks: str = "htmlcs") -> Visit:
    """Open a page and record what it loads and logs, ``script``'s facts and each of ``checks``
    (``axe`` adds the first Tab's facts; ``htmlcs`` needs JavaScript on)."""
    page = context.new_page()
    record = Visit(path, language_of(path))
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("requestfailed", lambda r: record.failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and record.failed.append(f"{r.url} ({r.status})"))
    page.on("request", lambda r: record.requests.append(r.url))
    page.goto(base_url + path, wait_until="load")
    if script:
        record.facts = page.evaluate(script)
    if "htmlcs" in checks:
        record.facts["htmlcs"] = sniff(page)
    if "axe" in checks:
        page.add_script_tag(path=str(AXE))
        record.facts["axe"] = page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                 .violations.map(v => ({id: v.id, help: v.help,
                   nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""",
            AXE_TAGS,
        )
        record.facts["keyboard"] = keyboard(page)
    page.close()
    return record


def keyboard(page) -> dict:
    """Press Tab once: the skip link must be first and visibly focused; Enter must move to the content."""
    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => { const el = document.activeElement; const s = getComputedStyle(el);
             return {cls: el.className, href: el.getAttribute('href'),
                     outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                     shadow: s.boxShadow !== 'none', visible: el.getBoundingClientRect().height > 0}; }"""
    )
    page.keyboard.press("Enter")
    first["hash"] = page.evaluate("() => location.hash")
    return first


@dataclass
class Audit:
    pages: list[str]
    desktop: dict[str, Visit]
    narrow: dict[str, Visit]
    zoomed: dict[str, Visit]
    no_js: dict[str, Visit]
    seconds: float


@pytest.fixture(scope="session")
def audit(site: Path, base_url: str, chromium) -> Audit:
    need_file(AXE, NPM)
    need_file(HTMLCS, NPM)
    start = time.monotonic()
    paths = discover(site)
    desktop = chromium.new_context(viewport={"width": 1280, "height": 900})
    narrow = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2)
    zoomed = chromium.new_context(
        viewport={"width": 640, "height": 450}, device_scale_factor=2
    )  # 1280 at 200 %
    no_js = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    result = Audit(
        paths,
        {p: visit(desktop, base_url, p, PAGE_FACTS, checks="axe htmlcs") for p in paths},
        {p: visit(narrow, base_url, p, LAYOUT_FACTS) for p in paths},
        {p: visit(zoomed, base_url, p, LAYOUT_FACTS, checks="") for p in paths},
        {p: visit(no_js, base_url, p, NO_JS_FACTS, checks="") for p in paths},
        time.monotonic() - start,
    )
    for context in (desktop, narrow, zoomed, no_js):
        context.close()
    languages = {language_of(p) for p in paths}
    FIGURES.append(
        f"browser audit: {len(paths)} pages ({len(paths) // len(languages)} × {len(languages)} languages) "
        f"in 4 settings (desktop, 320 px, 200 % zoom, no JavaScript): {result.seconds:.0f} s"
    )
    return result


def test_every_page_and_language_audited(audit: Audit) -> None:
    """The audit found every page in every language (10 pages or more in each of the seven)."""
    for lang in LANGUAGES:
        assert len([p for p in audit.pages if language_of(p) == lang]) >= 10, lang


def test_no_console_error_or_failed_request(audit: Audit) -> None:
    """No page logs a console error or has a failed request, in any setting."""
    problems = {
        v.url: v.console_errors + v.failed
        for s in (audit.desktop, audit.narrow, audit.zoomed)
        for v in s.values()
        if v.console_errors or v.failed
    }
    assert problems == {}


def test_no_request_leaves_the_machine(audit: Audit, base_url: str) -> None:
    """Every request every page makes goes to the site's own host."""
    host = urlsplit(base_url).netloc
    outside = {
        v.url: [r for r in v.requests if urlsplit(r).netloc != host and not r.startswith("data:")]
        for s in (audit.desktop, audit.narrow, audit.no_js)
        for v in s.values()
    }
    assert {k: v for k, v in outside.items() if v} == {}


def test_lang_and_dir(audit: Audit) -> None:
    """<html> carries the page's language and direction."""
    for visit_ in audit.desktop.values():
        want = "rtl" if visit_.lang in RTL else "ltr"
        assert (visit_.facts["lang"], visit_.facts["dir"]) == (visit_.lang, want), visit_.url


def test_switcher_links(audit: Audit, base_url: str) -> None:
    """Switcher links carry lang and hreflang, mark the current language, and go to the same page."""
    for path, visit_ in audit.desktop.items():
        links = visit_.facts["switcher"]
        assert [a["hreflang"] for a in links] == list(LANGUAGES), path
        assert all(a["lang"] == a["hreflang"] for a in links), path
        assert [a["current"] for a in links] == ["true" if x == visit_.lang else None for x in LANGUAGES], (
            path
        )
        english = path if visit_.lang == "en" else path[len(visit_.lang) + 1 :]
        for link in links:
            want = english if link["hreflang"] == "en" else f"/{link['hreflang']}{english}"
            assert urlsplit(link["href"]).path == want, (path, link)


def test_following_the_switcher(chromium, base_url: str) -> None:
    """Choosing another language in the switcher lands on the same page in that language."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/hate-crime/")
    for lang in LANGUAGES[1:]:
        page.hover(".md-header__option .md-select")
        page.click(f'a.md-select__link[hreflang="{lang}"]')
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == f"/{lang}/hate-crime/"
        assert page.evaluate("document.documentElement.lang") == lang
    page.close()


def test_axe_finds_no_wcag_violation(audit: Audit) -> None:
    """axe-core reports no violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules on any page."""
    found = {}
    for path, visit_ in audit.desktop.items():
        violations = [v for v in visit_.facts["axe"] if v["id"] not in AXE_EXCEPTIONS]
        if violations:
            found[path] = [f"{v['id']}: {v['help']} {v['nodes']}" for v in violations]
    assert found == {}


def test_html_codesniffer_finds_no_wcag_error(audit: Audit) -> None:
    """A second engine, HTML_CodeSniffer, finds no WCAG 2 AA error on any page, on a desktop or a
    320 px phone (200 % zoom has the phone's layout), Material's own markup included."""
    found = {}
    for setting in ("desktop", "narrow"):
        for path, visit_ in getattr(audit, setting).items():
            if visit_.facts["htmlcs"]:
                found[f"{setting} {path}"] = visit_.facts["htmlcs"][:5]
    assert found == {}


@pytest.mark.parametrize("setting", ["narrow", "zoomed"])
def test_no_horizontal_scrolling_or_clipping(audit: Audit, setting: str) -> None:
    """At 320 px wide, and at 200 % zoom, no page (and no table in it) scrolls sideways and no text
    is cut off."""
    for path, visit_ in getattr(audit, setting).items():
        facts = visit_.facts
        assert facts["scroll"] <= facts["width"], f"{path}: {facts['scroll']} > {facts['width']}"
        assert facts["clipped"] == [], path


def test_rtl_numbers_read_left_to_right(audit: Audit) -> None:
    """On right-to-left pages, the digit groups of each phone number sit left to right on screen."""
    checked = 0
    for path, visit_ in audit.desktop.items():
        if visit_.lang not in RTL:
            continue
        for number in visit_.facts["order"]:
            assert number["xs"] == sorted(number["xs"]), f"{path}: {number['text']} reads right to left"
            checked += 1
    assert checked >= 3 * 8


def test_tel_and_sms_links_are_known_numbers(audit: Audit) -> None:
    """Every tel: and sms: link is a valid URI for a number in the data file, and shows on screen
    exactly that number as the data file writes it: alone, or in a button's words ("Call 999")."""
    shown = {c.href: c.text for c in CONTACTS.values() if c.published and c.kind in ("phone", "sms")}
    checked = buttons = 0
    for path, visit_ in audit.desktop.items():
        for link in visit_.facts["links"]:
            href, text, number = link["href"], link["text"], link["number"]
            assert re.fullmatch(r"tel:\+?[0-9]+|sms:[0-9]+(\?body=\w+)?", href), (path, href)
            assert href in shown, (path, href)
            assert number == shown[href], f"{path}: {href} shows {number!r}"
            if link["button"]:
                assert number in text, f"{path}: button {href} says {text!r}"
                assert text != number, f"{path}: button {href} says only {text!r}"
                buttons += 1
            else:
                assert text == number, f"{path}: {href} shows {text!r}"
            checked += 1
    assert checked > 100
    assert buttons >= 13 * len(LANGUAGES)


def test_works_without_javascript(audit: Audit) -> None:
    """With JavaScript off, each page shows its text, links to every page and the language links."""
    for path, visit_ in audit.no_js.items():
        facts = visit_.facts
        assert facts["text"] > 50, path
        prefix = "" if visit_.lang == "en" else f"/{visit_.lang}"
        same_language = {p for p in audit.pages if language_of(p) == visit_.lang}
        reachable = {p if p.endswith("/") else p + "/" for p in facts["nav"]} | {path}
        assert same_language <= {p for p in reachable if p.startswith(prefix + "/")}, path
        assert facts["languages"] == list(LANGUAGES), path


def test_skip_link_first_and_focus_visible(audit: Audit) -> None:
    """The first Tab reaches a visible "skip to content" link with a visible focus; Enter follows it."""
    for path, visit_ in audit.desktop.items():
        key = visit_.facts["keyboard"]
        assert "md-skip" in key["cls"], f"{path}: first Tab reached {key}"
        assert key["visible"], f"{path}: skip link not shown on focus {key}"
        assert key["outline"] or key["shadow"], f"{path}: focus not visible {key}"
        assert unquote(key["hash"]) == key["href"], f"{path}: {key}"


def test_print_stylesheet(chromium, base_url: str) -> None:
    """Printed, a page hides its header (with search), navigation and footer, and writes each web
    link's address after it."""
    page = chromium.new_page()
    page.goto(f"{base_url}/ur/hate-crime/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-banner', '.md-footer']
             .map(s => document.querySelector(s)).filter(Boolean)
             .map(el => getComputedStyle(el).display)"""
    )
    assert len(hidden) == 4
    assert set(hidden) == {"none"}
    after = page.evaluate(
        """() => ['article :not(.site-review) > a[data-print-url]', 'article a.site-address']
             .map(s => getComputedStyle(document.querySelector(s), '::after').content)"""
    )
    assert re.fullmatch(r'" \(https?://[^ ]+/ur/contacts/\)"', after[0]), after
    assert after[1] == "none", after  # the link text is the address already
    size = page.evaluate(
        """() => [getComputedStyle(document.querySelector('article a[href^="tel:"]')).fontSize,
                  getComputedStyle(document.querySelector('article p')).fontSize].map(parseFloat)"""
    )
    assert size[0] > size[1]
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_pages(chromium, base_url: str, lang: str) -> None:
    """Each language's page-not-found page loads cleanly, in its language, with no axe violation
    or HTML_CodeSniffer error, and its first Tab stop is a working "skip to content" link."""
    need_file(AXE, NPM)
    need_file(HTMLCS, NPM)
    path = "/404.html" if lang == "en" else f"/{lang}/404.html"
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    result = visit(context, base_url, path, PAGE_FACTS, checks="axe htmlcs")
    context.close()
    assert (result.console_errors, result.failed) == ([], [])
    assert (result.facts["lang"], result.facts["dir"]) == (lang, "rtl" if lang in RTL else "ltr")
    assert [v["id"] for v in result.facts["axe"]] == []
    assert result.facts["htmlcs"] == []
    assert "md-skip" in result.facts["keyboard"]["cls"]
    assert result.facts["keyboard"]["hash"] == "#page-not-found"


# -- the contact numbers page: big buttons on a phone, a table on a wide screen --------------------
CONTACT_FACTS = """
() => {
  const box = el => { const r = el.getBoundingClientRect();
    return {w: r.width, h: r.height, top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const size = s => { const el = document.querySelector(s);
    return el && parseFloat(getComputedStyle(el).fontSize); };
  return {
    links: [...document.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')].map(a => ({
      href: a.getAttribute('href'), text: a.innerText.trim(), banner: !!a.closest('.md-banner'),
      button: a.classList.contains('site-button'), ...box(a)})),
    websites: [...document.querySelectorAll('article a.site-button[href^="https:"]')].map(
      a => ({text: a.innerText.trim(), ...box(a)})),
    heads: [...document.querySelectorAll('article .site-cards thead tr')].map(box),
    rows: [...document.querySelectorAll('article .site-cards tbody tr')].filter(
      tr => tr.querySelector('a.site-button')).map(tr => ({row: box(tr), cells: [...tr.children].map(box),
      button: box(tr.querySelector('a.site-button'))})),
    td: size('article td'), p: size('article'),
  };
}
"""
#: The contact numbers page's tables: each row's first cell is a placeholder; its kind decides the button.
CONTACT_ROWS = [
    CONTACTS[key]
    for key in re.findall(r"^\| \{([a-z_0-9]+)\} \|", (ROOT / "docs" / "contacts.md").read_text(), re.M)
]


def contact_facts(chromium, base_url: str, path: str, width: int, javascript: bool = True) -> dict:
    context = chromium.new_context(viewport={"width": width, "height": 844}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    facts = page.evaluate(CONTACT_FACTS)
    context.close()
    return facts


def prefix(lang: str) -> str:
    return "" if lang == SITE.default.code else f"/{lang}"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_are_big_targets_on_a_phone(chromium, base_url: str, lang: str, javascript: bool) -> None:
    """On a 390 px phone, with or without JavaScript, every tel: and sms: link of the contact numbers
    page (its buttons, the numbers in its sentences and the emergency line at the top) is at least
    44 by 44 CSS px, and so is the emergency line's link on the home page."""
    contacts = contact_facts(chromium, base_url, f"{prefix(lang)}/contacts/", 390, javascript)
    home = contact_facts(chromium, base_url, f"{prefix(lang)}/", 390, javascript)
    links = contacts["links"] + [link for link in home["links"] if link["banner"]]
    assert [link["banner"] for link in home["links"]].count(True) == 1
    assert sum(link["button"] for link in links) == sum(c.kind in ("phone", "sms") for c in CONTACT_ROWS)
    small = [
        f"{x['href']} {x['text']!r}: {x['w']:.0f}x{x['h']:.0f}" for x in links if min(x["w"], x["h"]) < 44
    ]
    assert small == []
    assert all(min(x["w"], x["h"]) >= 44 for x in contacts["websites"])
    assert len(contacts["websites"]) == sum(c.kind == "web" for c in CONTACT_ROWS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contact_cards_on_a_phone(chromium, base_url: str, lang: str) -> None:
    """On a 390 px phone each service is a card: no header row, what it is for and when to use it
    above, then a button across the card saying, in the page's language, what a tap does and the
    number ("Call 0800 789 321")."""
    facts = contact_facts(chromium, base_url, f"{prefix(lang)}/contacts/", 390)
    assert facts["heads"]
    assert all(head["h"] == 0 for head in facts["heads"])
    assert len(facts["rows"]) == len([c for c in CONTACT_ROWS if c.kind != "keypad"])
    for row in facts["rows"]:
        button, (action, *text) = row["button"], row["cells"]
        assert action["top"] >= max(cell["bottom"] for cell in text), row
        assert button["w"] >= 0.8 * row["row"]["w"], row
    words = SITE.translations(lang)
    buttons = [link for link in facts["links"] if link["button"]]
    assert buttons
    for link in buttons:
        contact = next(c for c in CONTACT_ROWS if c.href == link["href"])
        label = words.gettext("Call {number}" if contact.kind == "phone" else "Text {number}")
        assert link["text"] == label.replace("{number}", contact.text), link
    website = words.gettext("Open website")
    assert all(x["text"].startswith(website) for x in facts["websites"]), facts["websites"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contact_tables_on_a_wide_screen(chromium, base_url: str, lang: str) -> None:
    """At 1280 px the contact numbers stay tables: the header row shows, each row's cells sit side by
    side, and table text is as large as the text of the page."""
    facts = contact_facts(chromium, base_url, f"{prefix(lang)}/contacts/", 1280)
    assert len(facts["heads"]) >= 6
    assert all(head["h"] > 20 for head in facts["heads"])
    for row in facts["rows"]:
        tops = {round(cell["top"]) for cell in row["cells"]}
        assert len(tops) == 1, row
        lefts = [cell["left"] for cell in row["cells"]]
        assert lefts == sorted(lefts, reverse=lang in RTL), row
    assert facts["td"] >= facts["p"]
