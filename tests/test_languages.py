"""Adding a language, and live reload of catalogues in `mkdocs serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml

from conftest import BIN, run
from safetysite.catalog import catalog_path, read_catalog, write_catalog
from safetysite.extract import MkDocsLoader


def test_add_an_eighth_language(project: Path) -> None:
    """`safetysite add-language pl` plus one config entry builds a Polish site with translations."""
    result = run("safetysite", "add-language", "pl", cwd=project)
    assert "- locale: pl" in result.stdout
    po = catalog_path(project / "locales", "pl")
    catalog, problems = read_catalog(po, "pl")
    assert problems == []
    catalog["Stay safe"].string = "Bądź bezpieczny"
    write_catalog(po, catalog)

    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    entry = "\n".join(line for line in result.stdout.splitlines() if line.startswith("        "))
    config = config.replace("        - locale: ar\n", entry + "\n        - locale: ar\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")

    run("mkdocs", "build", "--strict", "--site-dir", project / "out", cwd=project)
    html = (project / "out" / "pl" / "stay-safe" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pl" class="no-js" dir="ltr">' in html
    assert "Bądź bezpieczny" in html
    assert 'hreflang="pl" lang="pl"' in html
    assert run("safetysite", "check", cwd=project).returncode == 0


def test_add_language_for_a_theme_without_strings(project: Path) -> None:
    """A language Material has no strings for gets a starter partial, so the build does not crash."""
    run("safetysite", "add-language", "so", cwd=project)
    partial = project / "overrides" / "partials" / "languages" / "so.html"
    assert '"language": "so"' in partial.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_reloads_when_a_catalogue_changes(project: Path) -> None:
    """With `mkdocs serve` running, saving a .po changes the served page without a restart."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def fetch() -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/hi/stay-safe/", timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(words: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if words in fetch():
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        po = catalog_path(project / "locales", "hi")
        catalog, _ = read_catalog(po, "hi")
        before = catalog["Hide"].string
        assert before  # an empty translation would be "found" in any page
        assert wait_for(before)
        catalog["Hide"].string = "छिपिए अभी"
        write_catalog(po, catalog)
        assert wait_for("छिपिए अभी")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_mkdocs_yaml_entries_match_catalogues() -> None:
    """Every language in mkdocs.yml but English has a catalogue, and every catalogue a language."""
    root = Path(__file__).resolve().parent.parent
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsLoader)  # noqa: S506
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    configured = {lang["locale"] for lang in i18n["languages"]} - {"en"}
    catalogues = {p.parent.parent.name for p in (root / "locales").glob("*/LC_MESSAGES/messages.po")}
    assert configured == catalogues
