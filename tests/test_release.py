"""The release build: it refuses unverified numbers, unreachable addresses and catalogue errors;
a preview build (the default) builds anyway and says so on every page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import LANGUAGES, pages, run, verify_all
from safetysite.release import release_problems, unreachable
from safetysite.site import Site

PUBLIC_URL = "https://advice.kent.police.uk/"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1:8000/", "loopback"),
        ("http://localhost:8000/", "local"),
        ("https://example.org/", "example"),
        ("https://www.example.com/advice/", "example"),
        ("http://192.168.1.10/", "private"),
        ("https://advice.test/", "example"),
        ("/", "no host"),
        ("http://advice.kent.police.uk/", "not https"),
        ("https://intranet/", "local host name"),
        ("https://0.0.0.0/", "not a public address"),
        ("https://169.254.1.1/", "not a public address"),
        (PUBLIC_URL, ""),
        ("https://www.kent.police.uk/safety/", ""),
    ],
)
def test_unreachable_addresses(url: str, why: str) -> None:
    """Loopback, private and example addresses are refused for a release; a public one is not."""
    assert why in unreachable(url)
    assert bool(unreachable(url)) == bool(why)


def test_release_lists_each_problem(project: Path) -> None:
    """Unverified numbers, a loopback address and a catalogue error are each listed with file:line;
    verified numbers, a public address and clean catalogues leave nothing to list."""
    site = Site.load(project / "mkdocs.yml")
    problems = release_problems(site, today=date(2026, 12, 1))
    published = [c for c in site.contacts.values() if c.published and c.kind != "name"]
    unverified = [p for p in problems if "not verified against its live source" in p.message]
    assert len(unverified) == len(published) > 10
    assert all(p.path.endswith("contacts.yml") and p.line > 1 for p in unverified)
    assert any(p.path.endswith("mkdocs.yml") and "site_url" in p.message for p in problems)

    verify_all(project)
    ready = Site.load(project / "mkdocs.yml", site_url=PUBLIC_URL)
    assert release_problems(ready, today=date(2026, 12, 1)) == []
    assert len(release_problems(ready, today=date(2027, 6, 15))) == len(published)  # over six months
    stale = release_problems(ready, today=date(2027, 6, 15))[0]
    assert "over six months ago" in stale.message

    po = project / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "چھپیں"', 'msgstr "چھپیں 999"', 1))
    broken = release_problems(Site.load(project / "mkdocs.yml", site_url=PUBLIC_URL), today=date(2026, 12, 1))
    assert [p.check for p in broken] == ["numbers"]


def test_release_build_refuses_then_builds(project: Path) -> None:
    """SAFETYSITE_RELEASE=1 stops the build with every problem listed; once the numbers are verified
    and the address is public it builds, shows the verified date, and carries no preview notice."""
    env = {"SAFETYSITE_RELEASE": "1", "SITE_URL": "http://127.0.0.1:8000/"}
    refused = run("mkdocs", "build", "-q", "--site-dir", project / "out", cwd=project, check=False, env=env)
    assert refused.returncode != 0
    assert "[release] contacts.emergency: 999 is not verified against its live source" in refused.stderr
    assert "mkdocs.yml:3: [release] site_url 'http://127.0.0.1:8000/' is a loopback" in refused.stderr
    assert not (project / "out").exists()

    verify_all(project)
    env["SITE_URL"] = PUBLIC_URL
    run("mkdocs", "build", "--strict", "--site-dir", project / "out", cwd=project, env=env)
    contacts_page = (project / "out" / "contacts" / "index.html").read_text(encoding="utf-8")
    assert "We last checked these numbers on 30 November 2026." in contacts_page
    assert not [p for p in pages(project / "out") if "site-preview" in p.read_text(encoding="utf-8")]


def test_preview_says_so_on_every_page(site: Path) -> None:
    """A preview build (the default) says so at the foot of every page in the page's language, and
    the contacts page says the numbers are not yet checked with their services, not a date."""
    from test_build import language_of, translations

    notice = "Preview: this copy of the site is for checking. It is not the published site."
    checked = 0
    for path in pages(site):
        lang = language_of(site, path)
        text = notice if lang == "en" else translations(lang)[notice]
        assert re.search(
            rf'<p class="site-preview" role="note">\s*{re.escape(text)}\s*</p>', path.read_text()
        ), path
        checked += 1
    assert checked == 12 * len(LANGUAGES)
    contacts = (site / "contacts" / "index.html").read_text(encoding="utf-8")
    assert "We have not yet checked each one with its service." in contacts
    assert "We last checked these numbers on" not in contacts


def test_swapped_numbers_need_a_reviewer_for_release(project: Path) -> None:
    """Two phone numbers in another order than the English are only advice in a preview, but a
    release refuses them until the language is signed off by a reviewer."""
    from safetysite.catalog import read_catalog, write_catalog

    verify_all(project)
    po = project / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    catalog, _ = read_catalog(po, "ur")
    english = next(m.id for m in catalog if m.id and "{emergency}" in m.id and "{non_emergency}" in m.id)
    catalog[english].string = english.replace("{emergency}", "{x}").replace("{non_emergency}", "{emergency}")
    catalog[english].string = catalog[english].string.replace("{x}", "{non_emergency}")
    write_catalog(po, catalog)
    site = Site.load(project / "mkdocs.yml", site_url=PUBLIC_URL)
    refused = release_problems(site, today=date(2026, 12, 1))
    assert [(p.check, "sign-off" in p.message) for p in refused] == [("release", True)]
    text = po.read_text(encoding="utf-8").replace(
        '"X-Review: unreviewed', '"X-Review: reviewed 2026-11-30 by a reviewer'
    )
    po.write_text(text, encoding="utf-8")
    assert (
        release_problems(Site.load(project / "mkdocs.yml", site_url=PUBLIC_URL), today=date(2026, 12, 1))
        == []
    )


def test_what_stops_a_build(project: Path) -> None:
    """A plain preview stops for nothing; a strict one for catalogue errors only; a release for
    everything a release refuses."""
    from safetysite.release import refusals

    po = project / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "چھپیں"', 'msgstr "چھپیں 999"', 1))
    site = Site.load(project / "mkdocs.yml")
    assert refusals(site, strict=False, release=False) == ([], "")
    errors, why = refusals(site, strict=True, release=False)
    assert [p.check for p in errors] == ["numbers"]
    assert "strict" in why
    everything, why = refusals(site, strict=False, release=True)
    assert {p.check for p in everything} == {"numbers", "release"}
    assert "release" in why
