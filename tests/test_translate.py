"""Translating a page: segment by segment, falling back to English per segment."""

from __future__ import annotations

from safetysite.translate import translate

PAGE = "# Run\n\nRun if you can.\nLeave your things.\n\n- Call 999.\n"


def test_replaces_translated_segments_and_keeps_the_rest() -> None:
    """Translated segments are replaced; the others stay English; the result counts both."""
    result = translate(PAGE, {"Run": "भागो", "Call 999.": "999 पर कॉल करें।"})
    assert result.text == "# भागो\n\nRun if you can.\nLeave your things.\n\n- 999 पर कॉल करें।\n"
    assert (result.total, result.translated, result.partial) == (3, 2, True)


def test_complete_translation_is_not_partial() -> None:
    """With every segment translated the page is complete: no 'shown in English' notice."""
    result = translate(PAGE, {"Run": "a", "Run if you can. Leave your things.": "b", "Call 999.": "c 999"})
    assert result.text == "# a\n\nb\n\n- c 999\n"
    assert not result.partial


def test_no_translations_gives_back_the_page() -> None:
    """With an empty catalogue the page is the English, byte for byte."""
    result = translate(PAGE, {})
    assert (result.text, result.translated) == (PAGE, 0)


def test_english_box_title_is_reported_and_marked() -> None:
    """A box title left in English is listed, and marked lang="en" in the rendered page."""
    from safetysite.translate import mark_english_titles

    result = translate('!!! warning "Stay low"\n    Keep down.\n', {"Keep down.": "نیچے رہیں۔"})
    assert result.english_titles == ("Stay low",)
    html = '<div class="admonition warning"><p class="admonition-title">Stay low</p><p>نیچے رہیں۔</p></div>'
    assert mark_english_titles(html, result.english_titles) == html.replace(
        '<p class="admonition-title">', '<p lang="en" dir="ltr" class="admonition-title">'
    )


def test_navigation_titles_written_in_the_config_are_translated() -> None:
    """Titles the navigation writes itself are translated, in sections too; titles that come from a
    page (translated with the page) are left alone."""
    from types import SimpleNamespace

    from safetysite.translate import translate_titles

    page = SimpleNamespace(title="Run", explicit=False, children=())
    named = SimpleNamespace(title="Stay safe", explicit=True, children=())
    section = SimpleNamespace(title="Advice", explicit=True, children=(named, page))
    words = {"Stay safe": "محفوظ رہیں", "Advice": "مشورہ", "Run": "بھاگیں"}
    translate_titles(
        [section], lambda t: words.get(t, t), children=lambda i: i.children, explicit=lambda i: i.explicit
    )
    assert (section.title, named.title, page.title) == ("مشورہ", "محفوظ رہیں", "Run")


def test_includes_render_by_name() -> None:
    """Each include comment becomes what the renderer gives for its name; other comments stay."""
    from safetysite.includes import render_includes

    html = "<p>a</p><!-- include languages --><!-- a note --><!-- include checked -->"
    assert render_includes(html, lambda name: f"[{name}]") == "<p>a</p>[languages]<!-- a note -->[checked]"


def test_result_meta_for_templates() -> None:
    """A translated page's metadata says whether it is partial and how much was translated."""
    meta = translate(PAGE, {"Run": "भागो"}).meta()
    assert meta == {"partial": True, "translated": 1, "total": 3, "english_titles": ()}
