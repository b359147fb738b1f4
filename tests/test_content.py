"""The content: links resolve, numbers come only from the data file, no personal details, plain English."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIGURES, LANGUAGES, ROOT, SITE, pages, run
from safetysite.contacts import ContactsError, expand, load_contacts
from safetysite.readability import measure

CONTACTS = load_contacts(ROOT / "data" / "contacts.yml")
PUBLISHED = {k: c for k, c in CONTACTS.items() if c.published}


class Links(HTMLParser):
    """Every link (href, text) and every id of a page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._open: list[list[str]] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self._open.append([a["href"] or ""])

    def handle_data(self, data: str) -> None:
        for link in self._open:
            link.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, *text = self._open.pop()
            self.links.append((href, "".join(text).strip()))


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    """Every relative link of every page of every language leads to a built file, and its #anchor exists."""
    parsed = {path: Links(path) for path in pages(site)}
    checked = 0
    for path, page in parsed.items():
        for href, _ in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            base = site if parts.path.startswith("/") else path.parent  # the 404 pages use absolute paths
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else Links(target).ids
                assert unquote(parts.fragment) in ids, f"{path}: missing anchor {href}"
            checked += 1
    assert checked > 500


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contact_page_has_every_number(site: Path, lang: str) -> None:
    """The contact page of every language has each published phone and text number as a working link
    that shows it: the number alone, or a button saying it in the page's language ("Call 18000")."""
    path = (site if lang == "en" else site / lang) / "contacts" / "index.html"
    links = set(Links(path).links)
    numbers = [c for c in PUBLISHED.values() if c.kind in ("phone", "sms")]
    assert numbers
    words = SITE.translations(lang)
    for contact in numbers:
        label = words.gettext("Call {number}" if contact.kind == "phone" else "Text {number}")
        button = label.replace("{number}", contact.text)
        assert {(contact.href, contact.text), (contact.href, button)} & links, f"{lang}: {contact.key}"


def test_every_published_contact_is_used() -> None:
    """Each published entry of the data file is shown somewhere, so the file holds no stale numbers."""
    sources = " ".join(
        p.read_text(encoding="utf-8") for p in [*ROOT.glob("docs/**/*.md"), *ROOT.glob("overrides/**/*.html")]
    )
    assert PUBLISHED
    for key in PUBLISHED:
        assert f"{{{key}}}" in sources, key


def digits(text: str) -> str:
    """The ASCII digits of ``text``, in order (a number in another script has none)."""
    return re.sub(r"[^0-9]", "", text)


def test_tel_links_are_valid_and_known(site: Path) -> None:
    """Every tel: and sms: link on every page is a valid URI for a number in the data file, and
    shows that number's digits (not none, not others) as the data file writes them."""
    shown = {c.href: c.text for c in PUBLISHED.values() if c.kind in ("phone", "sms")}
    found = 0
    for path in pages(site):
        for href, text in Links(path).links:
            if href.startswith(("tel:", "sms:")):
                assert re.fullmatch(r"(tel:\+?[0-9]+|sms:[0-9]+(\?body=[a-z]+)?)", href), f"{path}: {href}"
                assert href in shown, f"{path}: {href} is not in data/contacts.yml"
                assert digits(text) == digits(shown[href]), f"{path}: {href} shows {text!r}"
                found += 1
    assert found > 100


def test_shown_digits_check_is_strict() -> None:
    """The check above fails a link that shows no digits, other digits, a part of the number or the
    number in another script."""
    number = CONTACTS["anti_terrorist_hotline"]
    assert digits(number.text) == "0800789321"
    for text in ("", "Call now", "0800 789 322", "789 321", "0800 789 3210", "٠٨٠٠ ٧٨٩ ٣٢١"):
        assert digits(text) != digits(number.text), text


#: Phone-like numbers: UK numbers with a leading 0, and any run of 3 or more digits that is
#: not a year and not a percentage.
PHONE_LIKE = re.compile(
    r"(?<![0-9.])(?:0[0-9]{2,4}(?: [0-9]{3,6}){1,2}|(?!(?:19|20)[0-9]{2}\b)[0-9]{3,})(?![0-9%.])"
)


def test_no_number_written_by_hand() -> None:
    """Pages and templates name numbers with placeholders; none writes a phone number itself."""
    sources = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("overrides/**/*.html"), ROOT / "mkdocs.yml"]
    assert len(sources) > 10
    for path in sources:
        text = re.sub(r"\{[a-z][a-z0-9_]*\}", " ", path.read_text(encoding="utf-8"))
        text = re.sub(r"https?://\S+|\{#.*?#\}", " ", text, flags=re.DOTALL)
        assert not PHONE_LIKE.findall(text), f"{path}: {PHONE_LIKE.findall(text)}"


def test_built_pages_show_only_known_numbers(site: Path) -> None:
    """No built page shows a phone-like number that is not in the data file."""
    known = sorted({c.value for c in PUBLISHED.values()}, key=len, reverse=True)
    assert known
    known_pattern = re.compile("|".join(rf"(?<![0-9]){re.escape(v)}(?![0-9])" for v in known))
    checked = [path for path in pages(site) if path.name != "404.html"]  # "404" there is the error code
    assert len(checked) >= 70
    for path in checked:
        body = path.read_text(encoding="utf-8").split("<body", 1)[1]
        # a <data> element holds a count (messages translated), never a number to dial
        text = re.sub(
            r"<script.*?</script>|<data\b.*?</data>|<[^>]+>|https?://\S+", " ", body, flags=re.DOTALL
        )
        unknown = PHONE_LIKE.findall(known_pattern.sub(" ", text))
        assert unknown == [], f"{path}: {unknown} not in data/contacts.yml"


def test_unpublished_numbers_stay_out(site: Path) -> None:
    """Numbers marked published: false (Tell MAMA, Kent's old SMS service) are on no page."""
    hidden = [c.value for c in CONTACTS.values() if not c.published]
    assert hidden
    assert len(pages(site)) >= 70
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        for value in hidden:
            assert value not in html, f"{path}: {value}"
    with pytest.raises(ContactsError, match="published: false"):
        expand("{tell_mama}", CONTACTS)


#: SHA-256 of the personal details in the police letters (mobile and direct lines, internal
#: extension, personal e-mail addresses, officers' names), lower case with spaces removed.
#: Hashed so that the repository never holds them.
PERSONAL_HASHES = {
    "20fec8d6587d93600aae49bf1a007034b7e392dc1c845a631abc9980917c9b15",
    "5fa43adcf565258915f9e8dc8da87f72b677cf6b1322ee545a99e3f2b6e5c1e5",
    "7b930bdc9d62fdc47141a1cc8511209c07703cfb65e81f95f71e736f220e0e1c",
    "7c4beae69e0cf0071d6da771f3acc4f369ef8a34ff5367f1edfc47604ebcd457",
    "8683e97c8f5d801971e0136b1042916afbe297641c71479f52f6f32d249a736a",
    "91271924d0414e06dc4d531c8946ec4a19b5e7979f058f38713af5a49eba3154",
    "91834771bfdd5fbeccdc99d183aec0c9cc9e65ac7c20ecf82e798c1134cc0e2d",
    "c1a9a0db36c208dd27db667f55bc7d4e4326855a366c3200c6544bf436733c20",
    "d4752196b9d959c503160b9d9e1bfb49623dd35b78cb089cfac0ba5a5514d088",
    "e4946dd0aca82cb6eb1922ce992f6e1e03c652ca78082811e3e8112199f3075c",
    "f4eb1e226070219b1b983c5197ca5378b61a515a093f894dca4104e5b7620a17",
    "fea281de87c06aa1eaed1d870ccf0be56ede2da11763f68969625c4e26e115dd",
}


def _tokens(text: str) -> set[str]:
    words = set(re.findall(r"[\w.+-]+@[\w.-]+", text.lower()))
    words |= {re.sub(r"\D", "", m) for m in re.findall(r"\d[\d -]{5,}\d", text)}
    words |= set(re.findall(r"[a-z]+", text.lower()))
    return words


def test_personal_hashes_match_the_letters() -> None:
    """The hashes really are the letters' details: each one is found in the letters (when they are here)."""
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    found = set()
    for letter in seeds.glob("*.txt"):
        found |= {hashlib.sha256(t.encode()).hexdigest() for t in _tokens(letter.read_text(errors="ignore"))}
    assert found >= PERSONAL_HASHES


def test_no_personal_details(site: Path) -> None:
    """None of the letters' personal details (phones, e-mails, names) is in the site or the repository."""
    files = [p for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".css", ".js")]
    files += [
        p
        for p in ROOT.rglob("*")
        if p.is_file()
        and ".git" not in p.parts
        and ".venv" not in p.parts
        and p.suffix in (".md", ".po", ".pot", ".yml", ".html", ".py", ".txt", ".toml", ".css")
    ]
    assert len(files) > 100
    for path in files:
        found = {hashlib.sha256(t.encode()).hexdigest() for t in _tokens(path.read_text(errors="ignore"))}
        assert not found & PERSONAL_HASHES, f"{path} holds a personal detail from the letters"


def test_readability() -> None:
    """Every English page: no sentence over 25 words, grade 7 at most; the figures are printed at the end."""
    english = sorted((ROOT / "docs").rglob("*.md"))
    assert len(english) >= 10
    for page in english:
        report = measure(page.read_text(encoding="utf-8"), CONTACTS)
        FIGURES.append(
            f"readability {page.name}: {len(report.sentences)} sentences, mean {report.mean:.1f} words, "
            f"longest {report.longest}, Flesch {report.flesch_reading_ease:.0f}, "
            f"grade {report.flesch_kincaid_grade:.1f}"
        )
        assert report.sentences
        assert report.too_long() == [], page
        assert report.flesch_kincaid_grade <= 7, page


def test_readability_catches_a_long_sentence() -> None:
    """The bar is real: a 26-word sentence fails it."""
    long = "word " * 25 + "end."
    assert measure(long + "\n", CONTACTS).too_long() == [long.strip()]


def test_site_for_another_force(project: Path) -> None:
    """Changing the three force entries in the data file builds the site for the Metropolitan Police."""
    data = project / "data" / "contacts.yml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("value: Kent Police", "value: Metropolitan Police")
    text = text.replace("value: https://www.kent.police.uk/", "value: https://www.met.police.uk/")
    # 020 7946 0xxx is Ofcom's range for drama: a number that can never reach anyone.
    text = text.replace('value: "01622 690690"', 'value: "020 7946 0999"')
    data.write_text(text, encoding="utf-8")
    run("mkdocs", "build", "--strict", "--site-dir", project / "out", cwd=project)
    for lang in LANGUAGES:
        html = (project / "out" / ("" if lang == "en" else lang) / "contacts" / "index.html").read_text()
        assert 'href="tel:+442079460999"' in html
        assert 'href="https://www.met.police.uk/"' in html
        assert "Metropolitan Police" in html
        assert "Kent" not in html.split("<article", 1)[1]
