"""The segmenter: what is a segment, what is not, and the byte-for-byte round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetysite.segment import normalize, probe, segment

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (Path(__file__).parent / "fixtures" / "sample.md").read_text(encoding="utf-8")


def kinds(source: str) -> list[tuple[str, str]]:
    return [(s.kind, s.msgid) for s in segment(source).segments]


def test_sample_segments() -> None:
    """Every kind of segment in the sample page is found, with its line, in page order."""
    found = [(s.line, s.kind, s.msgid) for s in segment(SAMPLE).segments]
    assert found == [
        (2, "title", "Stay safe"),
        (3, "description", "What to do: run, hide, tell"),
        (6, "heading", "Stay safe: Run, Hide, Tell"),
        (
            8,
            "paragraph",
            "If you are caught up in an attack, **run** if you can. Think about the safest route.",
        ),
        (11, "list item", "Leave your belongings."),
        (12, "list item", "Do not film."),
        (13, "list item", "Nested item lazily wrapped"),
        (15, "list item", "First"),
        (16, "list item", "Second"),
        (18, "table cell", "What"),
        (18, "table cell", "Number"),
        (20, "table cell", "Emergency"),
        (21, "table cell", "Code `a|b`"),
        (23, "blockquote", "Be alert, not alarmed."),
        (26, "admonition title", "Armed police"),
        (27, "admonition", "Keep your hands in view."),
        (29, "admonition", "Follow their instructions."),
        (32, "admonition", "Hidden body."),
        (34, "image alt", "A poster in Urdu"),
        (34, "image title", "Poster"),
        (47, "link title", "Example site"),
        (49, "heading", "Setext heading"),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "```\nSome code\n```\n",
        "~~~python\nprint('hello')\n~~~\n",
        "    indented code block\n",
        "<!-- a comment\nover two lines -->\n",
        "{ .warning }\n",
        "[ref]: https://example.org\n",
        "---\n",
        "| 999 | 101 |\n|---|---|\n",
        "<div>raw html block</div>\n",
    ],
)
def test_not_segments(source: str) -> None:
    """Code, comments, attribute lists, link targets, rules, numbers and raw HTML are not translated."""
    assert kinds(source) == []


def test_hard_wrapped_paragraph_is_one_message() -> None:
    """Re-wrapping English gives the same msgid, so translations survive a re-wrap."""
    wrapped = segment("One two\nthree four\n  five.\n").segments
    unwrapped = segment("One two three four five.\n").segments
    assert [s.msgid for s in wrapped] == [s.msgid for s in unwrapped] == ["One two three four five."]


def test_heading_attribute_list_kept_out_of_message() -> None:
    """`{ #id }` after a heading is not part of its message and survives translation."""
    doc = segment("## Call for help { #help }\n")
    assert [s.msgid for s in doc.segments] == ["Call for help"]
    assert doc.join(lambda s: "Appelez") == "## Appelez { #help }\n"


def test_join_replaces_multiline_spans_in_containers() -> None:
    """A translated blockquote or list item is written on one line inside its container."""
    doc = segment("> one\n> two\n\n- three\n  four\n")
    assert doc.join(lambda s: s.msgid.upper()) == "> ONE TWO\n\n- THREE FOUR\n"


def test_front_matter_translation_is_quoted() -> None:
    """A translated front-matter title is written as a quoted YAML string."""
    doc = segment('---\ntitle: "Stay safe: now"\n---\n')
    assert doc.join(lambda s: 'Say "hi": now') == '---\ntitle: "Say \\"hi\\": now"\n---\n'


def test_every_page_round_trips() -> None:
    """Every page in docs/ is rebuilt byte for byte when nothing is translated."""
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        source = page.read_text(encoding="utf-8")
        assert segment(source).join() == source, page


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_round_trip_any_text(source: str) -> None:
    """Any text at all: segments are in order, inside the text, and joining gives it back."""
    doc = segment(source)
    end = 0
    for seg in doc.segments:
        assert end <= seg.start < seg.end <= len(source)
        end = seg.end
    assert doc.join() == source


LINE = st.sampled_from(
    [
        "# Title",
        "Some words here.",
        "- A list item",
        "    - nested item",
        "1. Numbered",
        "> Quoted words",
        '!!! note "Box title"',
        "    Box body text.",
        "| Cell one | Cell two |",
        "|---|---|",
        "```",
        "",
        "Call 999 now.",
        "![Alt text](pic.png)",
        "Lazy continuation",
        "  indented words",
        "{ .class }",
        "<!-- comment -->",
        "---",
        "Title: more",
        "* star item",
        "## Sub { #id }",
        "???+ tip",
        "# Title {: .class }",
        "### Closed heading ###",
        "===",
        "Cell a | Cell b",
        "| Code `a|b` | 101 |",
        "|:---|---:|",
        "> - Quoted item",
        "> > Deep quote",
        '!!! warning "Stay low"',
        "??? note",
        '![Alt text](pic.png "Pic title")',
        '[ref]: https://example.org "Link title"',
        "Words then attributes { .note }",
        "Call {emergency} now.",
        "title: Stay safe",
    ]
)
#: Blocks of several lines that a list of single lines rarely puts together.
BLOCK = st.sampled_from(
    [
        "| What | Number |\n|---|---|\n| Emergency | 999 |\n| Police, not urgent | 101 |",
        "!!! warning\n    Stay low.\n\n    Keep quiet.",
        '??? note "Details"\n    - Item in a box\n    - Another item',
        "- Item\n\n    Second paragraph of the item.",
        "> Quote\n> carried on\n>\n> New quoted paragraph",
        "Setext heading\n--------------",
    ]
)
#: An optional front matter block to put before the lines: plain, double- and single-quoted values.
FRONT_MATTER = st.one_of(
    st.just(""),
    st.lists(
        st.sampled_from(
            ["title: Stay safe", 'description: "What: to do"', "title: 'It''s safe'", "hide: [toc]"]
        ),
        max_size=3,
    ).map(lambda fields: "---\n" + "".join(f + "\n" for f in fields) + "---\n"),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_markdown_round_trip_and_stable_messages(lines: list[str]) -> None:
    """Markdown-like pages round-trip, and translating each segment to itself keeps every message."""
    source = "\n".join(lines) + "\n"
    doc = segment(source)
    assert doc.join() == source
    again = segment(doc.join(lambda s: s.msgid))
    assert [s.msgid for s in again.segments] == [s.msgid for s in doc.segments]


@settings(max_examples=400, deadline=None)
@given(FRONT_MATTER, st.lists(LINE | BLOCK, max_size=25))
def test_each_segment_translates_in_place(front: str, lines: list[str]) -> None:
    """Translating every segment of a page to its own marker gives a page with the same segments,
    of the same kinds, in the same order, each reading exactly its marker (front matter too, quoted)."""
    doc = segment(front + "\n".join(lines) + "\n")
    marker = {seg.start: f"Xq{n} marker" for n, seg in enumerate(doc.segments)}
    translated = doc.join(lambda seg: marker[seg.start])
    again = segment(translated).segments
    assert [(s.kind, s.msgid, s.yaml) for s in again] == [
        (s.kind, marker[s.start], s.yaml) for s in doc.segments
    ], translated
    for seg in again:  # and each marker sits where its segment is, quoted in the front matter
        assert translated[seg.start : seg.end] == (f'"{seg.msgid}"' if seg.yaml else seg.msgid)


@pytest.mark.parametrize(
    "kind",
    [
        "paragraph",
        "heading",
        "list item",
        "table cell",
        "blockquote",
        "admonition",
        "admonition title",
        "image alt",
        "title",
    ],
)
def test_probe_reads_back_each_kind(kind: str) -> None:
    """Written alone as its own kind, a plain message segments back to itself."""
    assert [(s.kind, s.msgid) for s in probe(kind, "Plain words here")] == [(kind, "Plain words here")]


def test_normalize_joins_lines() -> None:
    """Newlines and the spaces around them become one space."""
    assert normalize(" a \n  b\r\nc ") == "a b c"


def test_pipe_after_an_unclosed_backtick_splits_the_cell() -> None:
    """As in Python-Markdown, a lone backtick does not protect a pipe: the row has two cells."""
    assert [s.msgid for s in segment("| a ` b | c |\n|---|---|\n").segments] == ["a ` b", "c"]
    assert [s.msgid for s in segment("| a `b|c` d |\n|---|\n").segments] == ["a `b|c` d"]


def test_heading_needs_no_space() -> None:
    """'#Word' is a heading to Python-Markdown, so it is one here too (and a paragraph cannot become one)."""
    assert [(s.kind, s.msgid) for s in probe("paragraph", "#Call now")] == [("heading", "Call now")]


def test_placeholder_at_line_end_is_not_an_attribute_list() -> None:
    """A {placeholder} ending a line stays in the message; a real attribute list does not."""
    doc = segment("## Call {emergency}\n\nIf in danger, call\n{emergency}\nright now.\n\nText\n{ .note }\n")
    assert [s.msgid for s in doc.segments] == [
        "Call {emergency}",
        "If in danger, call {emergency} right now.",
        "Text",
    ]
