"""Search in a real browser (Debian's Chromium driven by Playwright), in every language."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES
from test_build import translations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_the_page_in_its_language(chromium, base_url: str, lang: str) -> None:
    """Typing a word of the Stay Safe page, in the page's own script, finds that page in that language."""
    word = "hide" if lang == "en" else translations(lang)["Hide"].split()[0].strip("،,.।")
    prefix = "" if lang == "en" else f"{lang}/"
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.goto(f"{base_url}/{prefix}")
    page.fill("input.md-search__input", word)
    page.press("input.md-search__input", "End")  # Material searches on keyup
    results = page.locator(".md-search-result__list a")
    results.first.wait_for(timeout=10000)
    paths = [urlsplit(results.nth(i).get_attribute("href") or "").path for i in range(results.count())]
    assert f"/{prefix}stay-safe/" in paths, (word, paths)
    assert all(r.startswith(base_url) for r in requests), requests
    assert failed == []
    page.close()
