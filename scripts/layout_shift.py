"""Print how far each page's layout shifts while it loads on a slow phone connection (CLS).

    .venv/bin/mkdocs build && .venv/bin/python scripts/layout_shift.py [site] [--installed] [--lang ur,ar]

Serves the built site on 127.0.0.1 and opens the home, Stay safe and Contact numbers pages of every
language in Debian's Chromium (driven by Playwright) as a phone on slow data would: 390 px wide,
1.6 Mbit/s down, 150 ms round trip (Chrome DevTools' throttling), browser cache off. It adds up
the page's layout shifts as Lighthouse does (the largest burst: shifts less than 1 s apart, 5 s
at most), once the fonts are in and the page has been still for a second and a half.

By default the device does not have the site's Noto fonts: Chromium is given a fontconfig setup
that hides them (the fonts of the same scripts that remain stand in, as another system's would),
so every font comes over the network. ``--installed`` keeps them: a phone that has them.
Each row also says what the page downloaded (KB on the wire) and the web fonts among it.
A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from safetysite.fonts import LANGUAGE_FONTS, SCRIPT_FONTS
from safetysite.site import Site

ROOT = Path(__file__).resolve().parent.parent
SITE = Site.load(ROOT / "mkdocs.yml")
CHROMIUM = "/usr/bin/chromium"
PAGES = {"home": "", "stay-safe": "stay-safe/", "contacts": "contacts/"}
#: Chrome DevTools' slow phone network, as the issue measures it.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
OBSERVE = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push([entry.startTime, entry.value]);
  }
}).observe({type: "layout-shift", buffered: true});
"""
#: Lighthouse's cumulative layout shift: the largest session window of shifts.
CLS = """() => {
  let best = 0, sum = 0, first = -1e9, last = -1e9;
  for (const [time, value] of window.__shifts) {
    if (time - last > 1000 || time - first > 5000) { sum = 0; first = time; }
    sum += value; last = time; best = Math.max(best, sum);
  }
  return best;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def hide_fonts(folder: Path) -> Path:
    """A fontconfig file like the system's, without the families the site serves as web fonts."""
    families = {font.family for font in (*SCRIPT_FONTS.values(), *LANGUAGE_FONTS.values())}
    patterns = "".join(
        f'<pattern><patelt name="family"><string>{family}</string></patelt></pattern>'
        for family in sorted(families)
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<selectfont><rejectfont>{patterns}</rejectfont></selectfont></fontconfig>",
        encoding="utf-8",
    )
    return conf


def measure(browser, url: str) -> tuple[float, int, int]:
    """The page's CLS, and the KB it downloaded: all of it, and its fonts."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    sizes: dict[str, int] = {}
    fonts: set[str] = set()
    cdp.on("Network.responseReceived", lambda e: e["type"] == "Font" and fonts.add(e["requestId"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="load", timeout=120_000)
    page.evaluate("() => document.fonts.ready")
    page.wait_for_load_state("networkidle", timeout=120_000)
    page.wait_for_timeout(1500)
    cls = page.evaluate(CLS)
    context.close()
    total = sum(sizes.values())
    font_bytes = sum(size for request, size in sizes.items() if request in fonts)
    return cls, round(total / 1024), round(font_bytes / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--installed", action="store_true", help="the device has the Noto fonts")
    parser.add_argument("--lang", default=",".join(SITE.codes), help="languages, e.g. ur,ar")
    args = parser.parse_args()
    wanted = args.lang.split(",")
    handler = functools.partial(_Quiet, directory=args.site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ)
        if not args.installed:
            env["FONTCONFIG_FILE"] = str(hide_fonts(Path(folder)))
        device = "has the Noto fonts" if args.installed else "does not have the Noto fonts"
        print(f"CLS at 390 px, 1.6 Mbit/s, 150 ms RTT, no cache; the device {device}")
        print(f"{'language':9} {'page':10} {'CLS':>6} {'KB':>5} {'font KB':>8}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"], env=env
            )
            for language in SITE.languages:
                if language.code not in wanted:
                    continue
                for name, path in PAGES.items():
                    try:
                        cls, total, fonts = measure(browser, base + language.folder + path)
                    except PlaywrightError:  # once in a while a page never loads: once more
                        try:
                            cls, total, fonts = measure(browser, base + language.folder + path)
                        except PlaywrightError as exc:  # say so, and go on
                            why = str(exc).splitlines()[0]
                            print(f"{language.code:9} {name:10} failed: {why}", flush=True)
                            continue
                    print(f"{language.code:9} {name:10} {cls:6.3f} {total:5} {fonts:8}", flush=True)
            browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
