"""GNU gettext, a real client of the format, accepts every catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, run
from tools import GETTEXT, need

CATALOGUES = sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po"))


def test_every_catalogue_is_checked() -> None:
    """The msgfmt check below runs over a catalogue for every language but English (an empty list
    of catalogues would leave it nothing to check)."""
    assert [po.parent.parent.name for po in CATALOGUES] == sorted(LANGUAGES[1:])


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_msgfmt_check_accepts(po: Path, tmp_path: Path) -> None:
    """`msgfmt --check` compiles the catalogue with no error and no warning."""
    msgfmt = need("msgfmt", GETTEXT)
    result = run(msgfmt, "--check", "--statistics", "-o", tmp_path / "messages.mo", po)
    assert "warning" not in result.stderr, result.stderr
    assert (tmp_path / "messages.mo").stat().st_size > 100


def test_template_is_valid_for_msgcat(tmp_path: Path) -> None:
    """The template is well formed for GNU msgcat too (it re-writes it without complaint)."""
    msgcat = need("msgcat", GETTEXT)
    result = run(msgcat, ROOT / "locales" / "messages.pot", "-o", tmp_path / "out.pot")
    assert result.stderr == ""
    assert (tmp_path / "out.pot").read_text(encoding="utf-8").count("msgid") > 10


@pytest.mark.parametrize(
    "path", [ROOT / "locales" / "messages.pot", *CATALOGUES], ids=lambda p: p.parent.name
)
def test_msgcat_leaves_every_catalogue_unchanged(path: Path, tmp_path: Path) -> None:
    """Every committed catalogue is exactly what GNU gettext writes, so Poedit, msgmerge and Weblate
    change nothing when they save it; and no obsolete entry without a translation is kept."""
    msgcat = need("msgcat", GETTEXT)
    run(msgcat, path, "-o", tmp_path / "out.po")
    assert (tmp_path / "out.po").read_bytes() == path.read_bytes()
    assert '#~ msgstr ""\n\n' not in path.read_text(encoding="utf-8") + "\n"


def test_gnu_rewrite_then_update_gives_no_diff(project: Path) -> None:
    """A catalogue saved by GNU tools (msgcat, as Poedit and msgmerge write) and then by
    `safetysite update` is byte for byte the catalogue before: no churn between the tools."""
    msgcat = need("msgcat", GETTEXT)
    catalogues = sorted((project / "locales").rglob("*.po*"))
    before = {path: path.read_bytes() for path in catalogues}
    for path in catalogues:  # rewrap at another width, as an editor with other settings might
        run(msgcat, "--width=60", path, "-o", path)
    assert any(path.read_bytes() != before[path] for path in catalogues)
    run("safetysite", "update", cwd=project)
    assert {path: path.read_bytes() for path in catalogues} == before
