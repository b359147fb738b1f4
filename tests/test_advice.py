"""The advice itself, on the built English pages: each correction from the fact-check is there,
in words a test can find (the translations are checked against these by the catalogue checks)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest


def text_of(site: Path, page: str) -> str:
    """A built English page's article as plain text, whitespace collapsed."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    blocks = re.sub(r"</?(?:p|li|h[1-6]|td|th|tr|br|div|ol|ul|table)\b[^>]*>", " ", article)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", blocks)).split())


def test_first_aid_steps_each_begin_with_remove(site: Path) -> None:
    """The acid first aid is three numbered steps, each starting with "Remove", acid rinsed with
    lots of water straight away, then call 999."""
    html = (site / "stay-safe" / "index.html").read_text(encoding="utf-8")
    steps = re.search(r"Remove, Remove, Remove.*?<ol>(.*?)</ol>", html, re.DOTALL)
    assert steps
    items = [
        " ".join(re.sub(r"<[^>]+>", " ", li).split())
        for li in re.findall(r"<li>(.*?)</li>", steps.group(1), re.DOTALL)
    ]
    assert len(items) == 3
    assert all(item.startswith("Remove") for item in items), items
    text = text_of(site, "stay-safe")
    assert "rinse it off with lots of clean water straight away" in text
    assert "Then call 999, if no one has called yet." in text


@pytest.mark.parametrize(
    ("page", "phrases"),
    [
        (
            "stay-safe",
            [
                "A door, a car, a window or a thin wall will not keep you safe",
                "Being out of sight is not the same as being safe",
                "From a mobile: press 55 when you are asked",
                "From a landline: stay on the line",
                "Pressing 55 does not tell the police where you are",
                "Do not share rumours",
            ],
        ),
        (
            "threat-levels",
            [
                "a separate level for Northern Ireland-related terrorism in Northern Ireland",
                "When officers are on patrol, you can still talk to them",
            ],
        ),
        ("", ["When officers are on patrol, you can talk to them and ask questions"]),
        (
            "contacts",
            [
                "Not for emergencies: in an emergency, call 999.",
                "You cannot dial 101, for example because you are abroad",
                'Search online for "British Muslim Trust"',
                "If no reply comes within three minutes",
                "Say which service you need",
            ],
        ),
        (
            "suspicious-activity",
            [
                "Do not touch it.",
                "Move away from it.",
                "Tell a member of staff, or call 999.",
                "ACT Early Support Line on 0800 011 3764",
                "If you do not give your name, the police cannot contact you.",
            ],
        ),
        (
            "hate-crime",
            [
                "The police will usually ask you what happened.",
                "If you do not give your name, the police cannot contact you.",
                "08 08 16 89 111",
            ],
        ),
        ("your-language", ["The call handler will usually bring an interpreter into the call."]),
        ("privacy", ["is the data controller", "depends on the web host's settings"]),
    ],
)
def test_corrections_are_on_the_page(site: Path, page: str, phrases: list[str]) -> None:
    """Each correction and addition from the fact-check is on its English page, word for word."""
    text = text_of(site, page) if page else text_of(site, ".")
    for phrase in phrases:
        assert phrase in text, f"{page or 'home'}: {phrase!r}"


def test_promises_the_site_cannot_keep_are_gone(site: Path) -> None:
    """No page promises that the police will write down what happened or will connect an
    interpreter, or calls 01622 690690 the number "from another area"."""
    for page in ("", "hate-crime", "your-language", "contacts", "suspicious-activity"):
        text = text_of(site, page or ".")
        assert "will write down what happened" not in text, page
        assert "will connect an interpreter" not in text, page
        assert "from another area" not in text, page


def test_accessibility_statement_follows_the_model(site: Path) -> None:
    """The statement has the GOV.UK model's sections: who runs the site, compliance status,
    non-accessible content, how it was tested, preparation dates and enforcement."""
    text = text_of(site, "accessibility")
    for phrase in (
        "This website is run by",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "This statement was prepared on",
        "This statement was last reviewed on",
        "Enforcement procedure",
        "Equality Advisory and Support Service",
    ):
        assert phrase in text, phrase
