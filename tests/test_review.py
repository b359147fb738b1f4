"""Review state: one header field per catalogue, read strictly, shown in `safetysite status`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import run
from safetysite.catalog import catalog_path, read_catalog, render
from safetysite.review import UNREVIEWED, Review, parse_review
from safetysite.site import Site
from safetysite.status import COLUMNS

TODAY = date(2026, 12, 1)
UNREVIEWED_LINE = '"X-Review: unreviewed\\n"'


@pytest.mark.parametrize(
    ("value", "review"),
    [
        (None, UNREVIEWED),
        ("unreviewed", UNREVIEWED),
        (
            "reviewed 2026-11-30 by a qualified Urdu translator (DPSI, law)",
            Review(True, "2026-11-30", "a qualified Urdu translator (DPSI, law)"),
        ),
    ],
)
def test_review_values(value: str | None, review: Review) -> None:
    """A missing field means unreviewed; a sign-off names the date and the reviewer's role."""
    assert parse_review(value, TODAY) == review


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("yes", "not understood"),
        ("reviewed 30/11/2026 by a translator", "not understood"),
        ("reviewed 2026-02-30 by a translator", "not a date"),
        ("reviewed 2026-12-25 by a translator", "in the future"),
        ("reviewed 2026-11-30 by Ayesha Khan <ayesha@example.org>", "never an email address"),
        ("reviewed 2026-11-30 by a translator, 07700 900123", "phone number"),
    ],
)
def test_bad_review_values_say_how_to_write_them(value: str, words: str) -> None:
    """Anything else is refused with how to write it; no private person's details are accepted."""
    with pytest.raises(ValueError, match=words) as error:
        parse_review(value, TODAY)
    assert "X-Review: reviewed YYYY-MM-DD by ROLE" in str(error.value)


def test_review_field_survives_a_rewrite(tmp_path: Path) -> None:
    """Babel drops header fields it does not know; the catalogue writer keeps X-Review."""
    from conftest import ROOT

    po = tmp_path / "messages.po"
    po.write_bytes(catalog_path(ROOT / "locales", "ur").read_bytes())
    assert UNREVIEWED_LINE in po.read_text(encoding="utf-8")
    catalog, _ = read_catalog(po, "ur")
    assert UNREVIEWED_LINE in render(catalog).decode("utf-8")


def test_signing_off_is_one_change(project: Path) -> None:
    """Changing the one header line marks the language reviewed in `safetysite status`; a bad value
    is a header error at line 1 in `safetysite check` and the language stays unreviewed."""
    po = catalog_path(project / "locales", "he")
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace(UNREVIEWED_LINE, '"X-Review: reviewed 2026-11-30 by a qualified Hebrew translator\\n"')
    )
    status = run("safetysite", "status", cwd=project).stdout.splitlines()
    assert status[0].split() == list(COLUMNS)
    assert COLUMNS[1:6] == ("translated", "fuzzy", "untranslated", "failing", "obsolete")
    rows = {line.split()[0]: line for line in status[1:]}
    assert list(rows) == list(Site.load(project / "mkdocs.yml").codes)
    assert "reviewed 2026-11-30 by a qualified Hebrew translator" in rows["he"]
    assert "unreviewed" in rows["ur"]
    assert "reference" in rows["en"]

    po.write_text(text.replace(UNREVIEWED_LINE, '"X-Review: checked\\n"'))
    result = run("safetysite", "check", "he", cwd=project, check=False)
    assert result.returncode == 1
    assert f"{po.relative_to(project)}:1: [header] X-Review 'checked' is not understood" in result.stdout
    assert "unreviewed" in run("safetysite", "status", cwd=project).stdout.splitlines()[-2]


def test_every_language_translates_every_message() -> None:
    """Every English message has a usable translation in every language (none missing, fuzzy or
    failing a check), so no page or poster is partly English: new English comes with its six
    translations in the same change."""
    from conftest import SITE
    from safetysite.status import translation_status

    rows = translation_status(SITE)
    assert len(rows) == len(SITE.codes)
    for row in rows:
        assert (row.fuzzy, row.untranslated, row.rejected) == (0, 0, 0), row
        assert row.translated == row.total > 300
