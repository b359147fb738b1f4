"""The finishing pipeline: each step on its own, and all of them in their one order."""

from __future__ import annotations

import re

from safetysite.finish import STEPS, Target, finish

PAGE = """<!doctype html>
<html lang="ur" class="no-js">
<head>
<link rel="alternate" href="/ur/" hreflang="ur">
<script id="__config" type="application/json">{"base": "..", "features": []}</script>
</head>
<body dir="rtl">
<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">
<article class="md-content__inner">
<p>ہنگامی صورت میں <a href="tel:999">999</a> پر کال کریں، یا 0800 789 321۔</p>
<p>بیرونِ ملک سے +44 ملائیں، یا +44 1622 690690۔</p>
<p><a href="../contacts/">نمبر</a> <a href="https://www.report-it.org.uk/">True Vision</a></p>
</article>
</body>
</html>
"""
URDU = Target("ur", "rtl", url="https://example.org/ur/stay-safe/", dialled=frozenset({"999"}))
ENGLISH = Target("en", "ltr", url="https://example.org/stay-safe/", dialled=frozenset({"999"}))


def test_steps_run_in_their_documented_order() -> None:
    """The order is direction, valid HTML, head links, print addresses, numbers."""
    assert [name for name, _ in STEPS] == [
        "direction",
        "valid html",
        "named theme parts",
        "no head alternates",
        "print addresses",
        "numbers left to right",
    ]


def test_a_right_to_left_page_is_finished() -> None:
    """An Urdu page gets dir on <html>, valid checkboxes, no head alternates, full addresses for
    print, and every phone number isolated left to right."""
    html = finish(PAGE, URDU)
    assert '<html lang="ur" class="no-js" dir="rtl">' in html
    assert 'autocomplete="off"' not in html
    assert 'hreflang="ur"' not in html
    assert '<a href="../contacts/" data-print-url="https://example.org/ur/contacts/">' in html
    assert '<a href="https://www.report-it.org.uk/">' in html  # an address prints as it is
    assert '<a href="tel:999"><bdi dir="ltr">999</bdi></a>' in html
    assert '<bdi dir="ltr">0800 789 321</bdi>' in html
    assert 'سے <bdi dir="ltr">+44</bdi> ملائیں' in html  # "+44", not "44+"
    assert '<bdi dir="ltr">+44 1622 690690</bdi>' in html


def test_a_left_to_right_page_keeps_its_numbers() -> None:
    """An English page is marked ltr and its numbers are not wrapped."""
    html = finish(PAGE.replace('lang="ur"', 'lang="en"'), ENGLISH)
    assert 'dir="ltr"' in html.split(">", 2)[1]
    assert "<bdi" not in html
    assert 'data-print-url="https://example.org/contacts/"' in html


def test_finishing_twice_changes_nothing_more() -> None:
    """Each step can see its own output again without adding to it (no doubled attributes or <bdi>)."""
    once = finish(PAGE, URDU)
    assert finish(once, URDU) == once
    assert len(re.findall("data-print-url", once)) == 1


def test_material_parts_get_names_or_are_hidden() -> None:
    """The unused search toggle is named by the Search link and hidden, icons are hidden from
    screen readers, the emergency bar is named by its text; a named SVG is kept."""
    page = (
        '<body><input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
        '<label class="md-overlay" for="__drawer"></label><aside class="md-banner">'
        '<p id="site-emergency">Call 999</p></aside><a id="site-search-link" aria-label="Search">'
        '<svg xmlns="http://www.w3.org/2000/svg"><path/></svg></a>'
        '<svg role="img" aria-label="QR code"></svg><svg data-role="x"><title>Map</title></svg></body>'
    )
    html = finish(page, ENGLISH)
    assert 'id="__search" aria-labelledby="site-search-link" hidden>' in html
    assert '<label class="md-overlay" for="__drawer">' in html  # (HTML forbids aria-hidden there)
    assert '<aside class="md-banner" aria-labelledby="site-emergency">' in html
    assert '<svg aria-hidden="true" focusable="false" xmlns=' in html
    assert '<svg role="img" aria-label="QR code">' in html
    assert '<svg data-role="x"><title>Map</title>' in html  # named by its title
    assert finish(html, ENGLISH) == html
