"""Real validators over the built site: the Nu HTML Checker and LinkChecker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIGURES, ROOT, pages, run
from tools import JAVA, NPM, need, need_file

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_html_checker(site: Path) -> None:
    """Every built HTML page passes the Nu HTML Checker (vnu.jar) with no error."""
    vnu = need_file(VNU, NPM)
    java = need("java", JAVA)
    files = pages(site)
    assert len(files) >= 70  # ten pages and a 404 page in each of the seven languages
    result = run(java, "-jar", vnu, "--errors-only", "--format", "json", *files, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages]
    FIGURES.append(f"Nu HTML Checker: {len(files)} pages, {len(errors)} errors")
    assert errors == []
    assert result.returncode == 0


def test_linkchecker_finds_no_broken_link(base_url: str) -> None:
    """LinkChecker, crawling the site from its home page, finds no broken internal link or anchor."""
    result = run(
        "linkchecker",
        "--config",
        ROOT / "tests" / "linkchecker.ini",
        "--no-robots",
        "--verbose",
        f"{base_url}/",
        check=False,
    )
    summary = re.search(
        r"(\d+) links in (\d+) URLs checked\. (\d+) warnings? found\. (\d+) errors? found", result.stdout
    )
    assert summary, result.stdout[-2000:]
    links, _, warnings, errors = (int(x) for x in summary.groups())
    external = sorted(set(re.findall(r"^Real URL\s+(https?://(?!127\.0\.0\.1)\S+)", result.stdout, re.M)))
    FIGURES.append(f"LinkChecker: {links} links, {warnings} warnings, {errors} errors")
    FIGURES.append(f"external addresses, listed, not fetched ({len(external)}): {' '.join(external)}")
    assert (errors, warnings) == (0, 0), result.stdout[-3000:]
    assert links > 400
    assert result.returncode == 0


@pytest.mark.parametrize("broken", ["a page", "an anchor"])
def test_linkchecker_would_notice(tmp_path: Path, broken: str) -> None:
    """The link check is real: a page with a broken link or anchor makes LinkChecker fail."""
    from browser import serve

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><p id="here">'
        + ('<a href="missing/">x</a>' if broken == "a page" else '<a href="#nowhere">x</a>')
        + "</p></html>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        result = run(
            "linkchecker",
            "--config",
            ROOT / "tests" / "linkchecker.ini",
            "--no-robots",
            f"{url}/",
            check=False,
        )
    # 1 is "broken links found"; 2, a crash or a bad option, must not pass for a finding
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    found = "1 error found" if broken == "a page" else "1 warning found"
    assert f"{url}/{'missing/' if broken == 'a page' else '#nowhere'}" in result.stdout
    assert found in result.stdout, result.stdout[-2000:]
