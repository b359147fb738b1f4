"""The site context: languages, paths and checked translations, read once from mkdocs.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SITE, run
from safetysite.catalog import read_catalog, write_catalog
from safetysite.fonts import WEIGHTS, font_for, script_of
from safetysite.site import Site, SiteError, current_site

CONFIG = """\
site_name: Test
site_url: !ENV [TEST_SITE_URL, "http://127.0.0.1:9/"]
plugins:
  - search
  - i18n:
      languages:
        - locale: en
          name: English
          default: true
        - locale: fa
          name: فارسی
        - locale: bn
          name: বাংলা
          build: false
  - safetysite:
      locales_dir: catalogues
"""


def test_languages_from_mkdocs_yml() -> None:
    """The languages come from plugins > i18n > languages, default first, with their names,
    directions (from CLDR) and fonts (from their script)."""
    assert SITE.codes == ("en", "ur", "pa", "hi", "ne", "he", "ar")
    assert SITE.default.code == "en"
    assert SITE.default.folder == ""
    assert SITE.language("ur").folder == "ur/"
    assert {lang.code for lang in SITE.languages if lang.direction == "rtl"} == {"ur", "he", "ar"}
    assert SITE.language("pa").name == "ਪੰਜਾਬੀ"
    assert SITE.locales == ROOT / "locales"
    assert SITE.contacts_file == ROOT / "data" / "contacts.yml"
    assert "999" in SITE.dialled


def test_fonts_follow_the_script() -> None:
    """Urdu gets Nastaliq, Arabic Naskh, Nepali the Devanagari of Hindi; Latin scripts get none."""
    assert script_of("ne") == "Deva"
    assert font_for("ur").family == "Noto Nastaliq Urdu"
    assert font_for("ar").family == "Noto Naskh Arabic"
    assert font_for("ne") == font_for("hi")
    assert font_for("en") is None
    assert font_for("pl") is None
    for lang in SITE.languages:
        if lang.font:  # the committed fonts the build cuts down (and the posters use whole)
            for _, name in WEIGHTS:
                assert (SITE.docs_dir / "assets" / "fonts" / lang.font.file(name)).is_file(), lang.code


def test_another_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another mkdocs.yml gives another context: unbuilt languages left out, !ENV resolved,
    paths from the safetysite plugin's options."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("TEST_SITE_URL", "https://example.org/advice/")
    site = Site.load(tmp_path / "mkdocs.yml")
    assert site.codes == ("en", "fa")
    assert site.language("fa").direction == "rtl"
    assert site.site_url == "https://example.org/advice/"
    assert site.locales == tmp_path / "catalogues"
    assert Site.load(tmp_path / "mkdocs.yml", site_url="/x/").site_url == "/x/"
    monkeypatch.chdir(tmp_path / ".")
    (tmp_path / "deeper").mkdir()
    assert current_site(tmp_path / "deeper").codes == ("en", "fa")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("site_name: [unclosed\n", "not valid YAML"),
        ("plugins:\n  - i18n:\n      languages: []\n", "list each language"),
        ("plugins:\n  - i18n:\n      languages:\n        - name: English\n", "entry 1 needs 'locale:'"),
        ("plugins:\n  - i18n:\n      languages:\n        - locale: en\n", "exactly one language"),
    ],
)
def test_bad_config_names_the_file(tmp_path: Path, config: str, message: str) -> None:
    """A mkdocs.yml the site cannot use is reported with the file's name and what to write."""
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(SiteError, match=message) as error:
        Site.load(tmp_path / "mkdocs.yml")
    assert str(tmp_path / "mkdocs.yml") in str(error.value)


def test_unknown_language_and_no_config(tmp_path: Path) -> None:
    """Asking for a language the site does not have, or a site where there is none, says so."""
    with pytest.raises(SiteError, match="no language 'xx'"):
        SITE.language("xx")
    with pytest.raises(SiteError, match=r"no mkdocs\.yml"):
        current_site(tmp_path)


def test_broken_contacts_file_names_the_file(project: Path) -> None:
    """A YAML error in the contacts file is a SiteError naming that file, not a traceback."""
    (project / "data" / "contacts.yml").write_text("contacts:\n  emergency: [\n", encoding="utf-8")
    with pytest.raises(SiteError, match=r"contacts\.yml:3:1: not valid YAML"):
        Site.load(project / "mkdocs.yml")
    result = run("safetysite", "check", cwd=project, check=False)
    assert result.returncode == 2
    assert "data/contacts.yml:3:1: not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_translations_are_remembered_by_content(project: Path) -> None:
    """A second site context (as after a `mkdocs serve` rebuild) reuses the checked translations
    while the catalogue is unchanged, and re-reads them as soon as its content changes."""
    first = Site.load(project / "mkdocs.yml").translations("ur")
    again = Site.load(project / "mkdocs.yml").translations("ur")
    assert again is first
    po = project / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    catalog, _ = read_catalog(po, "ur")
    catalog["Hide"].string = "چھپ جائیں"
    write_catalog(po, catalog)
    changed = Site.load(project / "mkdocs.yml").translations("ur")
    assert changed is not first
    assert changed.messages["Hide"] == "چھپ جائیں"


def test_missing_template_is_an_error(project: Path) -> None:
    """Without messages.pot no translation is used, and the check says how to make the template."""
    (project / "locales" / "messages.pot").unlink()
    site = Site.load(project / "mkdocs.yml")
    loaded = site.translations("ur")
    assert loaded.messages == {}
    assert [(p.check, p.error) for p in loaded.problems] == [("po", True)]
    assert "run safetysite update" in str(loaded.problems[0])
    result = run("safetysite", "check", "ur", cwd=project, check=False)
    assert result.returncode == 1
    assert "messages.pot:1: [po] the template is missing" in result.stdout


def test_check_reads_paths_from_mkdocs_yml(project: Path) -> None:
    """`safetysite check` and `update` use the locales folder named in mkdocs.yml."""
    shutil.move(project / "locales", project / "catalogues")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("locales_dir: locales", "locales_dir: catalogues"))
    result = run("safetysite", "check", cwd=project)
    assert "6 catalogues checked, 0 errors" in result.stderr
    assert "catalogues/ur/LC_MESSAGES/messages.po" in result.stdout  # the reviewer warnings
    assert run("safetysite", "update", cwd=project).stdout.strip() == "catalogues already up to date"


def test_config_errors_are_one_line_with_line_and_column(project: Path) -> None:
    """A YAML error in mkdocs.yml, or a plugin option that is not a path, is one line naming the
    file, the line (and column), and what to write: no traceback from `safetysite check`."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text.splitlines().index("      contacts: data/contacts.yml") + 1
    for broken, where, words in [
        (
            "      contacts: [data/contacts.yml",
            f"mkdocs.yml:{line + 1}:",
            "not valid YAML: expected ',' or ']'",
        ),
        ("      contacts: 5", f"mkdocs.yml:{line}:", "contacts must be a path written as text"),
    ]:
        config.write_text(text.replace("      contacts: data/contacts.yml", broken), encoding="utf-8")
        result = run("safetysite", "check", cwd=project, check=False)
        assert result.returncode == 2
        assert result.stderr.startswith(f"error: {where}"), result.stderr
        assert words in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_directory_urls_are_required(tmp_path: Path) -> None:
    """`use_directory_urls: false` would break language links and the posters' QR codes: refused with
    the file and line."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG + "use_directory_urls: false\n", encoding="utf-8")
    with pytest.raises(SiteError, match=r"mkdocs\.yml:\d+: use_directory_urls must be true"):
        Site.load(tmp_path / "mkdocs.yml")
