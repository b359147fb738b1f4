"""The contacts data file, placeholders, and phone numbers in right-to-left text.

Every number in data/contacts.yml is checked where it is written: digits and single spaces, and a
UK number or short code by phonenumbers (Google's libphonenumber), which also writes the tel: link.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from conftest import ROOT, run
from safetysite.bidi import isolate_numbers
from safetysite.checks import Context, check_message
from safetysite.contacts import ContactsError, dial, expand, load_contacts

DATA = ROOT / "data" / "contacts.yml"
CONTACTS = load_contacts(DATA)
#: "Today" for the tests of dates, so that they do not depend on the day they run.
TODAY = date(2026, 12, 1)
NUMBERS = ("phone", "sms", "keypad")


def test_placeholders_become_links() -> None:
    """A placeholder becomes its number as a tel: link in international form, or its address."""
    text = "Call {anti_terrorist_hotline} or {emergency}, text {btp_text}, "
    text += "see {act_online}, press {silent_solution}"
    assert expand(text, CONTACTS) == (
        "Call [0800 789 321](tel:+44800789321) or [999](tel:999), text [61016](sms:61016), "
        "see [gov.uk/ACT](https://www.gov.uk/ACT){ .site-address }, press **55**"
    )
    assert expand("{emergency_sms}", CONTACTS, as_html=True) == '<a href="sms:999?body=register">999</a>'


def test_unknown_placeholder_is_an_error() -> None:
    """A placeholder with no entry names itself in the error."""
    with pytest.raises(ContactsError, match=r"\{no_such_number\} is not in the contacts file"):
        expand("Call {no_such_number}.", CONTACTS)


@pytest.mark.parametrize(
    ("entry", "line", "words"),
    [
        ("  bad:\n    kind: phone\n    value: '1'\n", 2, "contacts.bad: missing purpose, source, checked"),
        (
            "  bad:\n    kind: pager\n    value: '1'\n    purpose: x\n    source: x\n    checked: x\n",
            3,
            "contacts.bad.kind: 'pager' is not one of phone, sms, keypad, web, name",
        ),
        ("  Bad-Key:\n    kind: phone\n", 2, "a key is lower case letters"),
        ("  bad:\n    kind: phone\n    colour: red\n", 4, "contacts.bad: unknown field colour"),
        ("  bad: [1, 2]\n", 2, "contacts.bad: must be a mapping"),
        ("  bad:\n    kind: [phone]\n", 3, "contacts.bad.kind: must be text"),
    ],
)
def test_bad_contacts_file(tmp_path: Path, entry: str, line: int, words: str) -> None:
    """A wrong entry in the data file is reported with the file, the line and the entry's key."""
    path = tmp_path / "contacts.yml"
    path.write_text("contacts:\n" + entry, encoding="utf-8")
    with pytest.raises(ContactsError) as error:
        load_contacts(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert words in str(error.value)


@pytest.mark.parametrize(
    ("msgstr", "words"),
    [
        ("जब सुरक्षित हो, कॉल करें।", "drops or changes placeholder {emergency}"),
        ("जब सुरक्षित हो, {emergenc} पर कॉल करें।", "adds placeholder {emergenc}"),
        ("जब सुरक्षित हो, {emergency} या {non_emergency} पर कॉल करें।", "adds placeholder {non_emergency}"),
    ],
)
def test_placeholder_check(msgstr: str, words: str) -> None:
    """A translation must keep each placeholder exactly: none dropped, changed or added."""
    problems = check_message("Call {emergency} when it is safe.", msgstr, Context(kinds=("paragraph",)))
    assert any(name == "placeholders" and words in text for name, text in problems), problems


def test_catalogue_notes_say_what_placeholders_show(project: Path) -> None:
    """In the template, a message with a placeholder tells the translator what it shows."""
    from safetysite.catalog import read_catalog

    run("safetysite", "update", cwd=project)
    template, _ = read_catalog(project / "locales" / "messages.pot")
    notes = [m.auto_comments for m in template if m.id and "{anti_terrorist_hotline}" in m.id]
    assert notes
    for note in notes:
        assert "{anti_terrorist_hotline} = phone number 0800 789 321" in note


def test_rtl_isolation_skips_code_and_attributes() -> None:
    """Numbers in text are wrapped; numbers in attributes, scripts and code are left alone."""
    html = '<body><a href="tel:999" title="999">999</a> <code>999</code>'
    html += "<script>x=999</script> 0800 789 321</body>"
    assert isolate_numbers(html, ["999"]) == (
        '<body><a href="tel:999" title="999"><bdi dir="ltr">999</bdi></a> <code>999</code>'
        '<script>x=999</script> <bdi dir="ltr">0800 789 321</bdi></body>'
    )


# -- numbers checked where they are written -------------------------------------------------------
def changed(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the real data file whose first line reading ``old`` reads ``new``: its path, that line."""
    lines = DATA.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == old)
    lines[index] = lines[index].replace(old, new)
    path = tmp_path / "contacts.yml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, index + 1


BAD = [
    # (line in the data file, changed to, words of the error, words of the fix)
    ('value: "999"', 'value: "99x9"', 'contacts.emergency.value: "99x9" has "x"', "digits and single spaces"),
    ('value: "0800 789 321"', 'value: "0800 789 32"', "not a UK phone number", "counterterrorism.police.uk"),
    ('value: "0800 789 321"', 'value: "0800  789 321"', "two spaces in a row", "single spaces: 0800 789 321"),
    ('value: "0800 789 321"', 'value: " 0800 789 321"', "starts or ends with a space", ": 0800 789 321"),
    ('value: "0800 789 321"', 'value: "+44 800 789 321"', 'has "+"', "digits and single spaces"),
    ('value: "0800 789 321"', 'value: "800 789 321"', "a full UK number starts with 0", ""),
    ('value: "0800 789 321"', 'value: "0800-789-321"', 'has "-"', ""),
    (
        'value: "0800 789 321"',
        'value: "07700 900123"',
        "no UK number range holds it",
        "",
    ),  # Ofcom's drama range
    ('value: "01622 690690"', 'value: "01622 6906900"', "not a UK phone number", "kent.police.uk"),
    ('value: "999"', 'value: "٩٩٩"', 'has "٩"', ""),  # Arabic-Indic digits dial nothing
    ('value: "999"', 'value: "9999"', '"9999" is not a UK short code', ""),
    ('value: "61016"', 'value: "6101"', "contacts.btp_text.value", "e.g. 61016"),
    ('value: "55"', 'value: "5 5"', "not keys to press", "digits only"),
    ('value: "18001 101"', 'value: "18001 1010"', "after the text relay prefix 18001", ""),
    (
        "checked: 2026-11-23",
        "checked: 1/11/2026",
        '"1/11/2026" is not a date written YYYY-MM-DD',
        "2026-11-01",
    ),
    ("checked: 2026-11-23", "checked: last week", "not a date written YYYY-MM-DD", "checked: 2026-12-01"),
    ("checked: 2026-11-23", "checked: 2026-12-02", "is in the future (today is 2026-12-01)", ""),
    ("checked: 2026-11-23", "checked: 2026-02-30", "is not a real date", ""),
    (
        "published: false",
        "published: maybe",
        "contacts.tell_mama.published: 'maybe' is not true or false",
        "",
    ),
    ("kind: phone", "kind: pager", "contacts.emergency.kind: 'pager' is not one of", "kind: phone"),
]


@pytest.mark.parametrize(("old", "new", "words", "fix"), BAD, ids=[new for _, new, _, _ in BAD])
def test_bad_value_names_file_and_line(tmp_path: Path, old: str, new: str, words: str, fix: str) -> None:
    """A wrong number, keypad value, date, kind or published flag fails with
    `file:line: what is wrong` (the line of the value) and a second line saying how to fix it."""
    path, line = changed(tmp_path, old, new)
    with pytest.raises(ContactsError) as error:
        load_contacts(path, today=TODAY)
    first, hint = str(error.value).split("\n")
    assert first.startswith(f"{path}:{line}: ")
    assert words in first
    assert hint.startswith("  ")
    assert fix in hint


def test_checked_is_compared_with_today(tmp_path: Path) -> None:
    """Without a date given, `checked` is compared with the real today: tomorrow is refused."""
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    path, line = changed(tmp_path, "checked: 2026-11-23", f"checked: {tomorrow}")
    with pytest.raises(ContactsError, match=rf"^{path}:{line}: .* is in the future"):
        load_contacts(path)
    path.write_text(DATA.read_text(encoding="utf-8").replace("2026-11-23", date.today().isoformat()))
    assert load_contacts(path)["emergency"].checked == date.today().isoformat()


def test_every_number_in_the_data_file_is_accepted() -> None:
    """Each phone and sms value is a valid UK number by phonenumbers or a valid UK short code by its
    short number metadata (18001 101 is the text relay prefix 18001 and 101); keypad keys are digits."""
    numbers = [c for c in CONTACTS.values() if c.kind in NUMBERS]
    assert len(numbers) >= 10
    short = full = 0
    for contact in numbers:
        if contact.kind == "keypad":
            assert contact.value.isdigit()
            continue
        for part in contact.value.split(" ") if contact.value.startswith("18001 ") else [contact.value]:
            number = phonenumbers.parse(part, "GB")
            if part.startswith("0"):
                full += 1
                assert phonenumbers.is_valid_number(number), contact
            else:
                short += 1
                assert shortnumberinfo.is_valid_short_number_for_region(number, "GB"), contact
        assert dial(contact.value, contact.kind)
    assert short >= 5
    assert full >= 5


#: The links of the numbers as the site wrote them before phonenumbers wrote them.
HREFS = {
    "emergency": "tel:999",
    "text_relay_999": "tel:18000",
    "emergency_sms": "sms:999?body=register",
    "non_emergency": "tel:101",
    "text_relay_101": "tel:18001101",
    "anti_terrorist_hotline": "tel:+44800789321",
    "crimestoppers": "tel:+44800555111",
    "cst_national": "tel:+448000323263",
    "cst_north": "tel:+448009800668",
    "tell_mama": "tel:+448004561226",
    "btp_text": "sms:61016",
    "force_phone": "tel:+441622690690",
    "kent_sms": "sms:60066",
    "silent_solution": None,
}


def test_links_are_written_by_phonenumbers() -> None:
    """A full number's tel: link is its E.164 form from phonenumbers; a short code stays national
    (tel:999, sms:61016); the links are those the site had before."""
    assert {key: CONTACTS[key].href for key in HREFS} == HREFS
    for contact in CONTACTS.values():
        if contact.kind == "phone" and contact.value.startswith("0"):
            number = phonenumbers.parse(contact.value, "GB")
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            assert contact.href == f"tel:{e164}"


@pytest.mark.parametrize(
    ("value", "kind", "dialled"),
    [
        ("999", "phone", "999"),
        ("101", "phone", "101"),
        ("105", "phone", "105"),
        ("111", "phone", "111"),
        ("18000", "phone", "18000"),
        ("18001 101", "phone", "18001101"),
        ("18001 0800 789 321", "phone", "180010800789321"),
        ("61016", "sms", "61016"),
        ("999", "sms", "999"),
        ("55", "keypad", "55"),
        ("0800789321", "phone", "+44800789321"),
    ],
)
def test_short_codes_stay_national(value: str, kind: str, dialled: str) -> None:
    """What phonenumbers says of each short code the site uses: valid, dialled as it is written."""
    assert dial(value, kind) == dialled


@pytest.mark.parametrize(
    ("value", "kind"), [("55", "phone"), ("18001 101", "sms"), ("18001 18001 101", "phone")]
)
def test_not_a_number_for_its_kind(value: str, kind: str) -> None:
    """55 is keys pressed during a call, not a number to call; text relay is for calls, not texts."""
    with pytest.raises(ValueError, match=value):
        dial(value, kind)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("contacts:\n  emergency: [\n", "3:1", "expected the node content"),
        ("contacts:\n  a: 1\n b: 2\n", "3:2", "expected <block end>"),
        ("contacts:\n\temergency: {}\n", "2:1", "found character '\\t'"),
        ('contacts:\n  a: "x\n', "3:1", "while scanning a quoted scalar from line 2"),
        ("contacts:\n  a: \x07\n", "2:6", "special characters are not allowed"),
    ],
)
def test_yaml_syntax_error_is_one_line(tmp_path: Path, text: str, where: str, words: str) -> None:
    """A YAML syntax error is one line: file:line:column, then what YAML found."""
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContactsError) as error:
        load_contacts(path)
    assert str(error.value).startswith(f"{path}:{where}: not valid YAML: ")
    assert words in str(error.value)
    assert "\n" not in str(error.value)


def test_key_written_twice(tmp_path: Path) -> None:
    """An entry written twice (YAML would keep the second silently) is an error at the second."""
    text = DATA.read_text(encoding="utf-8")
    path = tmp_path / "contacts.yml"
    path.write_text(text.replace("  non_emergency:", "  emergency:"), encoding="utf-8")
    line = text.splitlines().index("  non_emergency:") + 1
    first = text.splitlines().index("  emergency:") + 1
    with pytest.raises(ContactsError, match=rf"^{path}:{line}: contacts.emergency is written twice") as error:
        load_contacts(path)
    assert f"the first is on line {first}" in str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ('value: "999"', 'value: "99x9"', r'contacts\.yml:23: contacts\.emergency\.value: "99x9" has "x"'),
        (
            "checked: 2026-11-23",
            "checked: 1/11/2026",
            r'contacts\.yml:27: contacts\.emergency\.checked: "1/11/2026"',
        ),
        (
            "purpose: Police, not an emergency",
            "purpose: [Police, not",
            r"contacts\.yml:64:\d+: not valid YAML: ",
        ),
    ],
    ids=["number", "date", "syntax"],
)
def test_build_and_check_fail_on_one_line(project: Path, old: str, new: str, error: str) -> None:
    """`mkdocs build` and `safetysite check` both stop on a wrong data file with the file:line error
    (and its fix) and no Python traceback."""
    path = project / "data" / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    build = run("mkdocs", "build", "--site-dir", project / "site", cwd=project, check=False)
    check = run("safetysite", "check", cwd=project, check=False)
    assert build.returncode == 1
    assert check.returncode == 2
    for result in (build, check):
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if "contacts.yml:" in line]
        assert len(lines) == 1, result.stderr
        assert re.search(error, lines[0]), result.stderr
    assert check.stderr.startswith("error: data/contacts.yml:")
    assert not (project / "site" / "index.html").exists()


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "http://www.report-it.org.uk/", "https://report it.org.uk/", "https://x.org/a)b"],
)
def test_web_addresses_are_checked(project: Path, value: str) -> None:
    """A web address that is not https, has a space or a bracket, or is a script, stops the data
    file with its line and how to write it."""
    data = project / "data" / "contacts.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(
        text.replace("value: https://www.report-it.org.uk/", f'value: "{value}"', 1), encoding="utf-8"
    )
    with pytest.raises(
        ContactsError, match=r"contacts\.yml:\d+: contacts\.true_vision\.value: .* is not a web address"
    ):
        load_contacts(data)
