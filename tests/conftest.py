"""Shared fixtures: the project root, a throwaway copy of the project and the built site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from safetysite.site import Site

ROOT = Path(__file__).resolve().parent.parent
#: The site context, read from mkdocs.yml: the one place the languages are written.
SITE = Site.load(ROOT / "mkdocs.yml")
LANGUAGES = SITE.codes
RTL = {lang.code for lang in SITE.languages if lang.direction == "rtl"}
BIN = Path(sys.executable).parent
#: Figures the tests measured (pages audited, seconds, validator counts), printed after the run.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def run(
    *args: str | Path, cwd: Path = ROOT, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command from the venv, with its output captured as text (``env`` adds variables)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", **(env or {})}
    command = [str(a) for a in args]
    if (BIN / command[0]).exists():
        command[0] = str(BIN / command[0])
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"{command} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def copy_project(target: Path) -> Path:
    """Copy what a build needs into ``target`` (a throwaway project)."""
    for name in ("mkdocs.yml", "babel.cfg"):
        shutil.copy(ROOT / name, target / name)
    for name in ("docs", "locales", "overrides", "data"):
        shutil.copytree(ROOT / name, target / name)
    return target


def verify_all(project: Path, day: str = "2026-11-30") -> None:
    """Mark every contact of a project copy as verified against its live source on ``day``."""
    data = project / "data" / "contacts.yml"
    text = data.read_text(encoding="utf-8")
    verified = (
        rf"\1\n\2verified: {day}\n\2verified_how: opened the source page and rang the number"
        r"\n\2verified_by: community engagement officer"
    )
    data.write_text(re.sub(r"^((\s+)checked: .*)$", verified, text, flags=re.MULTILINE), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict."""
    out = tmp_path_factory.mktemp("site")
    run("mkdocs", "build", "--strict", "--site-dir", out)
    return out


def pages(site: Path) -> list[Path]:
    """Every built HTML page of every language, discovered from the site."""
    return sorted(p for p in site.rglob("*.html"))


@pytest.fixture(scope="session")
def base_url(site: Path):
    """The built site, served over HTTP on 127.0.0.1."""
    from browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """One Debian Chromium for every browser test, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from browser import ARGS, CHROMIUM
    from tools import DEBIAN_CHROMIUM, need

    executable = need(CHROMIUM, DEBIAN_CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield browser
        browser.close()
