"""Tables as cards on a phone, contact numbers as big buttons (safetysite.cards), on HTML made as
the build makes it."""

from __future__ import annotations

import re

import markdown

from conftest import ROOT
from safetysite.cards import Labels, cards
from safetysite.contacts import expand, load_contacts

CONTACTS = load_contacts(ROOT / "data" / "contacts.yml")
URDU = Labels(call="{number} پر کال کریں", text="{number} پر میسج بھیجیں", website="ویب سائٹ کھولیں")


def page(text: str) -> str:
    """A page's HTML as the build writes it: placeholders expanded, then Markdown with tables."""
    return markdown.markdown(expand(text, CONTACTS), extensions=["tables", "attr_list"])


TABLE = """
| Number | What it is for | When to use it |
|---|---|---|
| {anti_terrorist_hotline} | Anti-Terrorist Hotline | Free. In an emergency, call {emergency}. |
| {silent_solution} | A silent {emergency} call | Press {silent_solution}. |
| {btp_text} | British Transport Police, by text | On a train. |
| {emergency_sms} | emergencySMS | Register first. |
| {act_online} | Report online | In writing. |
"""


def test_each_contact_cell_becomes_a_button_saying_what_a_tap_does() -> None:
    """A tel: link says "Call" with its number, an sms: link "Text", a web link "Open website"
    with its address; each keeps its href exactly."""
    out = cards(page(TABLE), Labels())
    assert (
        '<td class="site-action"><a href="tel:+44800789321" class="site-button site-call">'
        'Call <bdi dir="ltr">0800 789 321</bdi></a></td>'
    ) in out
    assert '<a href="sms:61016" class="site-button site-text">Text <bdi dir="ltr">61016</bdi></a>' in out
    assert (
        '<a href="sms:999?body=register" class="site-button site-text">Text <bdi dir="ltr">999</bdi></a>'
    ) in out
    assert (
        '<a href="https://www.gov.uk/ACT" class="site-address site-button site-web">Open website '
        '<span dir="ltr" class="site-button-address">gov.uk/ACT</span></a>'
    ) in out
    assert out.count("site-button ") == 4


def test_buttons_keep_every_href_of_the_data_file() -> None:
    """The buttons' hrefs are exactly the links contacts.py wrote, in the same order."""
    before, after = page(TABLE), cards(page(TABLE), Labels())
    assert after.count("site-button ") == 4
    assert re.findall(r'href="([^"]*)"', after) == re.findall(r'href="([^"]*)"', before)


def test_only_contact_cells_change() -> None:
    """A number in a sentence or in another column stays a link; keys to press stay as they are
    (their cell marked as the card's action); a web link that is not a contact's stays a link."""
    out = cards(page(TABLE), Labels())
    assert 'In an emergency, call <a href="tel:999">999</a>.</td>' in out
    assert '<td>A silent <a href="tel:999">999</a> call</td>' in out
    assert '<td class="site-action"><strong>55</strong></td>' in out
    text = page("Call {emergency}.\n\n| Level | What it means |\n|---|---|\n| LOW | Unlikely. |\n")
    assert cards(text, Labels()) == text
    mixed = page("| How to contact |\n|---|\n| {cst_national} (London and national) |\n")
    assert cards(mixed, Labels()) == mixed
    other = page("| Page | Why |\n|---|---|\n| [Advice](https://www.gov.uk/) | Read it. |\n")
    assert cards(other, Labels()) == other


def test_tables_that_are_cards_on_a_phone() -> None:
    """A contact table, and any table of three columns or more, is wrapped in
    <div class="site-cards">, its header kept; a table of two columns is not."""
    out = cards(page(TABLE), Labels())
    assert re.fullmatch(r'<div class="site-cards">\n<table>.*</table>\n</div>', out, re.DOTALL)
    assert "<th>Number</th>" in out
    wide = page("| Group | Who it helps | How to contact |\n|---|---|---|\n| CST | Jews | {cst_north} |\n")
    assert cards(wide, Labels()) == f'<div class="site-cards">\n{wide}\n</div>'
    narrow = page("| Level | What it means |\n|---|---|\n| LOW | Unlikely. |\n")
    assert cards(narrow, Labels()) == narrow


def test_the_number_goes_where_the_translation_puts_it() -> None:
    """In Urdu the number comes first ("999 پر کال کریں"), still isolated left to right."""
    out = cards(page(TABLE), URDU)
    call = '<bdi dir="ltr">0800 789 321</bdi> پر کال کریں'
    assert f'<a href="tel:+44800789321" class="site-button site-call">{call}</a>' in out
    assert '<bdi dir="ltr">61016</bdi> پر میسج بھیجیں</a>' in out
    assert 'ویب سائٹ کھولیں <span dir="ltr" class="site-button-address">gov.uk/ACT</span>' in out


def test_a_label_is_text_and_never_hides_the_number() -> None:
    """A label is escaped (it cannot add markup), and one without {number} still shows the number."""
    out = cards(page(TABLE), Labels(call="<b>Ring</b>", text="Text & {number}"))
    ring = '&lt;b&gt;Ring&lt;/b&gt; <bdi dir="ltr">0800 789 321</bdi>'
    assert f'<a href="tel:+44800789321" class="site-button site-call">{ring}</a>' in out
    assert 'Text &amp; <bdi dir="ltr">61016</bdi>' in out
