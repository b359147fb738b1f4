"""Extraction through the real pybabel, and updating catalogues after English changes."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from conftest import ROOT, run
from safetysite.catalog import load_checker, load_translations, read_catalog
from tools import GETTEXT, need


def small_project(root: Path, page: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Test site\nnav:\n  - Start here: index.md\n", encoding="utf-8"
    )
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(
        '{# Translators: shown on every page #}\n<p>{{ _("Template words") }}</p>\n', encoding="utf-8"
    )
    (root / "babel.cfg").write_bytes((ROOT / "babel.cfg").read_bytes())
    (root / "locales").mkdir()
    return root


PAGE = """\
# Safety advice

It is 100% free. Call 999
in an emergency.

- First item
- Second item

```
not a message
```
"""


def test_pybabel_extract_uses_registered_extractors(tmp_path: Path) -> None:
    """`pybabel extract -F babel.cfg` finds Markdown, mkdocs.yml and template messages, with comments."""
    root = small_project(tmp_path, PAGE)
    run(
        "pybabel",
        "extract",
        "-F",
        "babel.cfg",
        "-c",
        "Translators:",
        "-o",
        "locales/messages.pot",
        ".",
        cwd=root,
    )
    with (root / "locales" / "messages.pot").open("rb") as fileobj:
        template = read_po(fileobj)
    found = {m.id: (m.locations, m.auto_comments) for m in template if m.id}
    assert found == {
        "Safety advice": ([("docs/index.md", 1)], ["heading"]),
        "It is 100% free. Call 999 in an emergency.": ([("docs/index.md", 3)], ["paragraph"]),
        "First item": ([("docs/index.md", 6)], ["list item"]),
        "Second item": ([("docs/index.md", 7)], ["list item"]),
        "Test site": ([("mkdocs.yml", 1)], ["site name"]),
        "Start here": ([("mkdocs.yml", 3)], ["navigation title"]),
        "Template words": ([("overrides/main.html", 2)], ["shown on every page"]),
    }


def test_update_writes_no_python_format_flag(tmp_path: Path) -> None:
    """A Markdown msgid with a % is not flagged python-format (msgfmt would then check it as C code)."""
    root = small_project(tmp_path, PAGE)
    run("safetysite", "update", cwd=root)
    text = (root / "locales" / "messages.pot").read_text(encoding="utf-8")
    assert "100% free" in text
    assert "python-format" not in text


def test_update_keeps_fuzzes_and_obsoletes(tmp_path: Path) -> None:
    """After English changes: exact matches kept, changed ones fuzzy with #| previous, removed obsolete."""
    root = small_project(tmp_path, PAGE)
    run("safetysite", "update", cwd=root)
    run("safetysite", "add-language", "ur", cwd=root)
    po = root / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    catalog, _ = read_catalog(po)
    catalog["Safety advice"].string = "حفاظتی مشورہ"
    catalog["First item"].string = "پہلی چیز"
    catalog["Second item"].string = "دوسری چیز"
    from safetysite.catalog import write_catalog

    write_catalog(po, catalog)
    page = PAGE.replace("- First item\n", "- First items\n").replace("- Second item\n", "")
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    run("safetysite", "update", cwd=root)

    updated, problems = read_catalog(po, "ur")
    assert problems == []
    assert updated["Safety advice"].string == "حفاظتی مشورہ"
    assert not updated["Safety advice"].fuzzy
    changed = updated["First items"]
    assert changed.fuzzy
    assert changed.string == "پہلی چیز"
    assert changed.previous_id == ["First item"]
    assert "Second item" in updated.obsolete
    text = po.read_text(encoding="utf-8")
    assert '#| msgid "First item"' in text
    assert '#~ msgid "Second item"' in text
    # a fuzzy translation is not used in the build: that segment stays English
    assert (
        "First items"
        not in load_translations(po, "ur", load_checker(root / "locales" / "messages.pot")).messages
    )


def test_update_is_deterministic(tmp_path: Path) -> None:
    """A second update with no English change rewrites nothing, and a read-write round trip keeps #| lines."""
    root = small_project(tmp_path, PAGE)
    run("safetysite", "update", cwd=root)
    run("safetysite", "add-language", "ur", cwd=root)
    po = root / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "First item"\nmsgstr ""', 'msgid "First item"\nmsgstr "پہلی چیز"'
        ),
        encoding="utf-8",
    )
    (root / "docs" / "index.md").write_text(PAGE.replace("First item", "First thing"), encoding="utf-8")
    run("safetysite", "update", cwd=root)
    files = sorted((root / "locales").rglob("*.po*"))
    before = {p: p.read_bytes() for p in files}
    result = run("safetysite", "update", cwd=root)
    assert result.stdout.strip() == "catalogues already up to date"
    assert {p: p.read_bytes() for p in files} == before
    assert b"#| msgid" in before[root / "locales" / "ur" / "LC_MESSAGES" / "messages.po"]


LONG = "This list item is long enough that its msgid wraps over more than one line in the PO file"


def test_long_previous_msgid_round_trips(tmp_path: Path) -> None:
    """A long previous msgid is written as GNU gettext writes it, and GNU msgcat reads it back whole."""
    root = small_project(tmp_path, PAGE.replace("First item", LONG))
    run("safetysite", "update", cwd=root)
    run("safetysite", "add-language", "ur", cwd=root)
    po = root / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    catalog, _ = read_catalog(po)
    catalog[LONG].string = "ایک لمبی فہرست"
    from safetysite.catalog import write_catalog

    write_catalog(po, catalog)
    (root / "docs" / "index.md").write_text(PAGE.replace("First item", LONG + " now"), encoding="utf-8")
    run("safetysite", "update", cwd=root)
    assert read_catalog(po)[0][LONG + " now"].previous_id == [LONG]
    assert run("safetysite", "update", cwd=root).stdout.strip() == "catalogues already up to date"
    out = tmp_path / "msgcat.po"
    run(need("msgcat", GETTEXT), "-o", out, po)
    previous = [line[3:] for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("#| ")]
    joined = "".join(part.split('"', 1)[1].rsplit('"', 1)[0] for part in previous)
    assert joined == LONG


def test_repository_catalogues_are_current(project: Path) -> None:
    """The committed template and catalogues match the English: updating a copy changes nothing."""
    result = run("safetysite", "update", cwd=project)
    for path in sorted((project / "locales").rglob("*.po*")):
        original = ROOT / path.relative_to(project)
        assert path.read_bytes() == original.read_bytes(), f"{original} is stale: run safetysite update"
    assert result.stdout.strip() == "catalogues already up to date"
