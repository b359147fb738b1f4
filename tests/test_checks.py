"""Catalogue checks: each bad input gives a `file:line: [check] message` and changes nothing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from conftest import ROOT, run
from safetysite.catalog import Translations, load_checker, load_translations
from safetysite.checks import Context, check_message
from safetysite.contacts import dialled_numbers

DIALLED = dialled_numbers(ROOT / "data" / "contacts.yml")
HEADER = """\
msgid ""
msgstr ""
"Language: ur\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def entry(msgid: str, msgstr: str, kind: str = "paragraph") -> str:
    def quote(s: str) -> str:
        return s.replace("\\", "\\\\").replace('"', '\\"')

    return f'\n#. {kind}\n#: docs/index.md:1\nmsgid "{quote(msgid)}"\nmsgstr "{quote(msgstr)}"\n'


SITE_CONFIG = """\
site_name: Test
plugins:
  - i18n:
      languages:
        - {locale: en, name: English, default: true}
        - {locale: ur, name: اردو}
"""


def write_catalogue(root: Path, *entries: str, language: str = "ur", raw: bytes | None = None) -> Path:
    """Write a small site: mkdocs.yml, the template of ``entries`` (English only) and a catalogue."""
    path = root / "locales" / language / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw if raw is not None else (HEADER + "".join(entries)).encode("utf-8"))
    english = entries or (GOOD, entry("Stay calm.", ""))
    template = re.sub(r'msgstr ".*"', 'msgstr ""', "".join(english))
    (root / "locales" / "messages.pot").write_text(HEADER.replace("Language: ur", "Language: ") + template)
    (root / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "contacts.yml").write_bytes((ROOT / "data" / "contacts.yml").read_bytes())
    return path


def load(path: Path) -> Translations:
    """The translations the build would use, checked against the template beside the catalogue."""
    return load_translations(path, "ur", load_checker(path.parents[2] / "messages.pot", DIALLED))


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def check_command(root: Path) -> tuple[int, list[str]]:
    """Run the real check command on ``root`` and return its exit status and report lines."""
    before = digest(root)
    result = run("safetysite", "--root", root, "check", check=False)
    assert digest(root) == before, "the check command must not change any file"
    return result.returncode, result.stdout.splitlines()


GOOD = entry("Call 101 when it is not an emergency.", "ایمرجنسی نہ ہو تو 101 پر کال کریں۔")
LINE = 16  # the second entry's msgid: 7 header lines, 5 for the first entry, then a blank, #. and #:


@pytest.mark.parametrize(
    ("msgid", "msgstr", "check", "words"),
    [
        ("Call 999 now.", "ابھی 998 پر کال کریں۔", "numbers", "drops or changes phone number '999'"),
        ("Call 999 now.", "ابھی 9999 پر کال کریں۔", "numbers", "adds number '9999'"),
        (
            "Call 0800 789 321 or 101.",
            "0800 789 321 پر کال کریں۔",
            "numbers",
            "drops or changes phone number '101'",
        ),
        ("Wait for 10 minutes.", "10 منٹ یا 20 منٹ انتظار کریں۔", "numbers", "adds number '20'"),
        ("Call 999 now.", "ابھی ۹۹۹ پر کال کریں۔", "numbers", "must be written '999'"),
        (
            "Call 0800 789 321.",
            "0800789321 پر کال کریں۔",
            "numbers",
            "drops or changes phone number '0800 789 321'",
        ),
        (
            "Go to [True Vision](https://www.report-it.org.uk/).",
            "[ٹرو وژن](https://www.report-it.org/) پر جائیں۔",
            "links",
            "drops or changes link or address 'https://www.report-it.org.uk/'",
        ),
        (
            "Go to [True Vision](https://www.report-it.org.uk/).",
            "ٹرو وژن پر جائیں۔",
            "links",
            "drops or changes link or address",
        ),
        (
            "Read [Run, Hide, Tell](stay-safe.md).",
            "[بھاگیں](stay-safe.md) اور [چھپیں](hide.md) پڑھیں۔",
            "links",
            "adds link or address 'hide.md'",
        ),
        ("Stay calm.", "# پرسکون رہیں۔", "markup", "the translation reads as: heading"),
        ("Stay calm.", "- پرسکون رہیں۔", "markup", "the translation reads as: list item"),
        ("Type `register` and send it.", "`رجسٹر` لکھیں اور بھیجیں۔", "markup", "inline code"),
        ("Stay calm.", "پرسکون رہیں۔<script>alert(1)</script>", "safety", "forbidden HTML tag <script>"),
        ("Stay calm.", 'پرسکون رہیں۔<img src="x.png" onerror="alert(1)">', "safety", "event handler"),
        ("Stay calm.", "[پرسکون](javascript:alert(1)) رہیں۔", "safety", "javascript:"),
        ("Stay calm.", "<b>پرسکون</b> رہیں۔", "safety", "adds raw HTML '<b>'"),
    ],
)
def test_bad_translation_is_reported_and_kept_out(
    tmp_path: Path, msgid: str, msgstr: str, check: str, words: str
) -> None:
    """A translation that breaks a check is reported at its line and not used; good entries still are."""
    path = write_catalogue(tmp_path, GOOD, entry(msgid, msgstr))
    status, report = check_command(tmp_path)
    assert status == 1
    assert any(line.startswith(f"{path}:{LINE}: [{check}] ") and words in line for line in report), report
    loaded = load(path)
    assert msgid not in loaded.messages
    assert loaded.messages["Call 101 when it is not an emergency."] == "ایمرجنسی نہ ہو تو 101 پر کال کریں۔"


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (HEADER.encode() + b'\nmsgid "Stay calm."\nmsgstr "Bleib ruhig.\n', 10, 'not closed with "'),
        (HEADER.encode() + b'\nmsgid "Stay calm."\nmsgstr Bleib\n', 10, "followed by one quoted string"),
        (HEADER.encode() + b'\nmsgid "Stay calm."\n', 9, "no msgstr"),
        (
            HEADER.encode() + '\nmsgid "Stay calm."\nmsgstr "Restez calme, ça va."\n'.encode("latin-1"),
            10,
            "not UTF-8",
        ),
        (b"", 1, "the file is empty"),
        (HEADER.encode() + b'\nmsgid "Stay calm."\nmsgstr "x"\nthis is not po\n', 11, "not a PO line"),
    ],
    ids=["unclosed-string", "unquoted", "truncated", "latin-1", "empty", "garbage"],
)
def test_broken_po_is_reported_with_line(tmp_path: Path, raw: bytes, line: int, words: str) -> None:
    """A broken .po names its file and line, loses nothing on disk, and gives no translations."""
    path = write_catalogue(tmp_path, raw=raw)
    status, report = check_command(tmp_path)
    assert status == 1
    assert any(r.startswith(f"{path}:{line}: [po] ") and words in r for r in report), report
    assert load(path).messages == {}


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (HEADER.replace("Language: ur", "Language: ar"), "header Language is 'ar'"),
        (HEADER.replace("charset=UTF-8", "charset=ISO-8859-1"), "Content-Type"),
        (HEADER.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', ""), "Plural-Forms"),
    ],
)
def test_catalogue_header(tmp_path: Path, header: str, words: str) -> None:
    """The header must name the catalogue's own language, say UTF-8 and give Plural-Forms."""
    path = write_catalogue(tmp_path, raw=(header + GOOD).encode())
    status, report = check_command(tmp_path)
    assert status == 1
    assert any(r.startswith(f"{path}:1: [header] ") and words in r for r in report), report


def test_good_catalogue_passes(tmp_path: Path) -> None:
    """A catalogue that keeps every number, link and block passes with exit status 0."""
    write_catalogue(tmp_path, GOOD, entry("Wait 3 days at [home](home.md).", "۳ دن [گھر](home.md) پر رکیں۔"))
    status, report = check_command(tmp_path)
    assert (status, report) == (0, [])


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("It is 100% free.", "یہ ۱۰۰٪ مفت ہے۔"),  # an ordinary number may use the language's digits
        ("Since 1 April 2020.", "۱ اپریل ۲۰۲۰ سے۔"),
        ("Call 18001 101.", "18001 101 पर कॉल करें।"),
        ("Press 55.", "55 दबाएँ।"),
        ("See gov.uk/ACT today.", "آج gov.uk/ACT دیکھیں۔"),
    ],
)
def test_allowed_translations(msgid: str, msgstr: str) -> None:
    """Numbers in other scripts (not dialled), kept phone numbers and kept addresses are fine."""
    assert check_message(msgid, msgstr, Context(kinds=("paragraph",), dialled=DIALLED)) == []


def test_changed_web_address_in_text() -> None:
    """A web address written in the text is data: changing it is an error."""
    problems = check_message("See gov.uk/ACT.", "دیکھیں gov.uk/act۔", Context(dialled=DIALLED))
    assert [name for name, _ in problems] == ["links", "links"]


def babel_errors(path: Path) -> list[str]:
    """What Babel's own Catalog.check() reports for a catalogue (through the entry point)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as fileobj:
        catalog = read_po(fileobj)
    return [str(e) for _, errs in catalog.check() for e in errs]


def test_babel_checker_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel's Catalog.check() runs the site's checks through the babel.checkers entry point,
    with the template's kinds and the dialled numbers, as `safetysite check` does."""
    monkeypatch.chdir(tmp_path)
    path = write_catalogue(
        tmp_path,
        GOOD,
        entry("Stay calm.", "# پرسکون رہیں۔").replace("#. paragraph\n", "#. heading\n"),
        entry("Call 999 now.", "ابھی ۹۹۹ پر کال کریں۔"),
    )
    (tmp_path / "locales" / "messages.pot").write_text(
        (tmp_path / "locales" / "messages.pot").read_text().replace("#. heading", "#. paragraph")
    )
    assert babel_errors(path) == [
        "[markup] the English is one paragraph, but the translation reads as: heading",
        "[numbers] phone number '۹۹۹' must be written '999': ASCII digits, same grouping",
    ]
    status, report = check_command(tmp_path)
    assert status == 1
    assert {e.split("] ", 1)[1] for e in babel_errors(path)} <= {line.split("] ", 1)[1] for line in report}


def test_babel_checker_without_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no template, Babel's check fails and says how to make one (it never guesses kinds)."""
    monkeypatch.chdir(tmp_path)
    path = write_catalogue(tmp_path, GOOD)
    (tmp_path / "locales" / "messages.pot").unlink()
    assert babel_errors(path) == [
        "[template] this English is not in locales/messages.pot: run safetysite update"
    ]


@pytest.mark.parametrize(
    "english",
    [
        "Never type `<script>` into a form.",
        "Call 999 or text 999 if you cannot speak.",
        "Read <b>this</b> [first](https://example.org/a) at gov.uk/ACT.",
        "Stay **low** `code` {emergency}",
    ],
)
def test_a_translation_identical_to_its_english_never_fails(english: str) -> None:
    """Leaving a message in English (msgstr = msgid) passes every check, whatever the English holds."""
    for kinds in ((), ("paragraph",), ("list item",), ("heading",)):
        assert check_message(english, english, Context(kinds=kinds, dialled=DIALLED)) == []


def test_script_in_inline_code_is_text() -> None:
    """`<script>` inside inline code is shown as text, so the safety check lets a translation keep it;
    outside code it is still refused."""
    english = "Never type `<script>` into a form."
    kept = check_message(english, "کبھی کسی فارم میں `<script>` نہ لکھیں۔", Context(kinds=("paragraph",)))
    assert kept == []
    added = check_message(
        english, "کبھی `<script>` نہ لکھیں۔<script>x()</script>", Context(kinds=("paragraph",))
    )
    assert ("safety", "forbidden HTML tag <script>") in added


CALL = "Call {emergency} if a crime is happening or someone is in danger."


@pytest.mark.parametrize(
    ("msgstr", "check", "words"),
    [
        (
            "اگر جرم ہو تو {emergency}{: href=//evil.com } پر کال کریں۔",
            "rendered",
            'adds element <a href="//evil.com">',
        ),
        ("اگر جرم ہو تو {emergency}{: hidden } پر کال کریں۔", "rendered", "adds element <a hidden"),
        ("اگر جرم ہو تو <!--{emergency}--> پر کال کریں۔", "rendered", "adds an HTML comment"),
        ("اگر جرم ہو تو !{emergency} پر کال کریں۔", "rendered", "adds element <img"),
        ("#اگر جرم ہو تو {emergency} پر کال کریں۔", "rendered", "adds element <h1>"),
        (
            "اگر جرم ہو تو {emergency} پر کال کریں <https://met-police.io/ report>",
            "rendered",
            "adds element <a",
        ),
        ("اگر جرم ہو تو {emergency} پر کال کریں <re%port@evil.com>", "rendered", "mailto:"),
        ("اگر جرم ہو تو {emergency} پر کال کریں، pоlice.uk", "links", "adds link or address 'pоlice.uk'"),
        (
            "اگر جرم ہو تو {emergency} پر کال کریں، ｅｖｉｌ．ｃｏｍ",
            "links",
            "adds link or address 'evil.com'",
        ),
        ("اگر جرم ہو تو {emergency} یا ০৮০০ পর কال کریں۔", "numbers", "adds number '০৮০০'"),
        ("اگر جرم ہو تو ９９９ پر کال کریں۔", "numbers", "adds number '９９９'"),
    ],
)
def test_tricks_that_would_hide_or_change_a_number(msgstr: str, check: str, words: str) -> None:
    """Attribute lists, comments, images, headings, autolinks, look-alike letters and other digit
    scripts cannot hide, redirect or add a number or address."""
    problems = check_message(CALL, msgstr, Context(kinds=("paragraph",), dialled=DIALLED))
    assert any(name == check and words in text for name, text in problems), problems


def test_markup_kind_comes_from_the_template(tmp_path: Path) -> None:
    """Deleting the '#. paragraph' line from a .po does not switch off the markup check."""
    from safetysite.catalog import template_kinds

    path = write_catalogue(tmp_path, entry("Stay calm.", "> - ## پرسکون رہیں۔"))
    po = path.read_text(encoding="utf-8")
    path.write_text(po.replace("#. paragraph\n", ""), encoding="utf-8")
    assert template_kinds(tmp_path / "locales" / "messages.pot") == {"Stay calm.": ("paragraph",)}
    assert any(p.check == "markup" for p in load(path).problems)


def test_render_extensions_match_mkdocs_yml() -> None:
    """The checks render Markdown with the extensions the site uses (toc only adds ids)."""
    import yaml

    from safetysite.checks import RENDER_EXTENSIONS
    from safetysite.extract import MkDocsLoader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsLoader)  # noqa: S506
    names = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    assert names - {"toc"} == set(RENDER_EXTENSIONS)


def test_full_width_phone_number_in_place_of_the_english() -> None:
    """A phone number the English writes in ASCII may not be written in full-width digits."""
    problems = check_message("Press 55.", "５５ दबाएँ।", Context(kinds=("paragraph",), dialled=DIALLED))
    assert ("numbers", "phone number '５５' must be written '55': ASCII digits, same grouping") in problems


def test_swapped_placeholders_are_a_warning(tmp_path: Path) -> None:
    """Placeholders swapped round are shown to a reviewer as a warning; the translation is still used
    (word order differs between languages) and the check command still passes."""
    swapped = "ایمرجنسی میں {non_emergency} اور ورنہ {emergency} پر کال کریں۔"
    path = write_catalogue(
        tmp_path, entry("Call {emergency} in an emergency, or {non_emergency} if not.", swapped)
    )
    status, report = check_command(tmp_path)
    assert status == 0
    assert report == [
        f"{path}:11: [order] warning: placeholders in another order than the English "
        "({non_emergency} {emergency}): check each is in its place"
    ]
    assert load(path).messages
