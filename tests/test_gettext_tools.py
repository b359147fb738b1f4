"""GNU gettext, a real client of the format, accepts every catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run

CATALOGUES = sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po"))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_msgfmt_check_accepts(po: Path, tmp_path: Path) -> None:
    """`msgfmt --check` compiles the catalogue with no error and no warning."""
    assert shutil.which("msgfmt"), "gettext is missing: the test command installs it"
    result = run("msgfmt", "--check", "--statistics", "-o", tmp_path / "messages.mo", po)
    assert "warning" not in result.stderr, result.stderr
    assert (tmp_path / "messages.mo").stat().st_size > 100


def test_template_is_valid_for_msgcat(tmp_path: Path) -> None:
    """The template is well formed for GNU msgcat too (it re-writes it without complaint)."""
    result = run("msgcat", ROOT / "locales" / "messages.pot", "-o", tmp_path / "out.pot")
    assert result.stderr == ""
    assert (tmp_path / "out.pot").read_text(encoding="utf-8").count("msgid") > 10
