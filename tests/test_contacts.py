"""The contacts data file, placeholders, and phone numbers in right-to-left text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run
from safetysite.bidi import isolate_numbers
from safetysite.checks import Context, check_message
from safetysite.contacts import ContactsError, expand, load_contacts

CONTACTS = load_contacts(ROOT / "data" / "contacts.yml")


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
    ("entry", "words"),
    [
        ("  bad:\n    kind: phone\n    value: '1'\n", "contacts.bad: missing purpose, source, checked"),
        (
            "  bad:\n    kind: pager\n    value: '1'\n    purpose: x\n    source: x\n    checked: x\n",
            "kind: 'pager'",
        ),
        ("  Bad-Key:\n    kind: phone\n", "a key is lower case letters"),
    ],
)
def test_bad_contacts_file(tmp_path: Path, entry: str, words: str) -> None:
    """A wrong entry in the data file is reported with the file and the entry's key."""
    path = tmp_path / "contacts.yml"
    path.write_text("contacts:\n" + entry, encoding="utf-8")
    with pytest.raises(ContactsError, match=r"contacts.yml: ") as error:
        load_contacts(path)
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
