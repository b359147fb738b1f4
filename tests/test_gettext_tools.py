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
