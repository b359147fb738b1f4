"""Run Lighthouse (mobile) on each language's home, Stay Safe and contact numbers pages.

    .venv/bin/mkdocs build && .venv/bin/python scripts/lighthouse.py [site]
    .venv/bin/python scripts/lighthouse.py --languages en ur --pages home contacts

Serves the built site on 127.0.0.1 with gzip, as a host would, and runs Lighthouse 12's default
mobile test (simulated slow 4G, mid-range phone; performance and accessibility) on each page, one at
a time. Prints one row a page, marked against the targets, then the failing accessibility audits
with their elements. Lighthouse is installed from npm on first use into ~/.cache/safetysite/lighthouse
(node and npm, and Debian's chromium, come with `scripts/setup --tests`). A benchmark, not a test:
it exits 0 whatever the scores, 1 only when a Lighthouse run fails.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from safetysite.site import Site

ROOT = Path(__file__).resolve().parent.parent
VERSION = "12.2.3"  # Lighthouse 13 needs Node 22; Debian has Node 20
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "safetysite" / "lighthouse"
PAGES = {"home": "", "stay-safe": "stay-safe/", "contacts": "contacts/"}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
TARGETS = "performance >= 95, accessibility 100, CLS <= 0.05, LCP <= 2.5 s"


@functools.cache
def gzipped(path: Path, mtime: int) -> bytes:
    return gzip.compress(path.read_bytes(), 6)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as a host serves them: text gzipped, pages revalidated, assets cached a day."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSED
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        page = self.path.split("?")[0].endswith(("/", ".html"))
        self.send_header("Cache-Control", "no-cache" if page else "public, max-age=86400")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def lighthouse_cli() -> Path:
    """Lighthouse's CLI, installed from npm into the cache folder when missing or another version."""
    package = CACHE / "node_modules" / "lighthouse"
    installed = package / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != VERSION:
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is missing: run scripts/setup --tests")
        print(f"Installing lighthouse@{VERSION} into {CACHE}", file=sys.stderr)
        install = [npm, "install", "--prefix", str(CACHE), "-E", "--no-audit", "--no-fund", "--silent"]
        subprocess.run([*install, f"lighthouse@{VERSION}"], check=True)
    return package / "cli" / "index.js"


def run(cli: Path, url: str, report: Path) -> dict:
    """One Lighthouse run; its JSON report, or ``{"error": ...}``."""
    command = [
        shutil.which("node") or "node",
        str(cli),
        url,
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility",
        "--chrome-flags=--headless=new --no-sandbox",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    done = subprocess.run(command, check=False, env=env, capture_output=True, text=True)
    if done.returncode or not report.is_file():
        return {"error": (done.stderr.strip().splitlines() or ["no report"])[-1]}
    result = json.loads(report.read_text(encoding="utf-8"))
    if result.get("runtimeError"):
        return {"error": result["runtimeError"]["message"]}
    return result


def row(language: str, page: str, result: dict) -> str:
    if "error" in result:
        return f"{language:8} {page:10} Lighthouse failed: {result['error']}"
    scores = {name: round(c["score"] * 100) for name, c in result["categories"].items()}
    audits = result["audits"]
    cls = audits["cumulative-layout-shift"]["numericValue"]
    lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
    tbt = audits["total-blocking-time"]["numericValue"]
    kb = audits["total-byte-weight"]["numericValue"] / 1024
    below = [
        name
        for name, bad in [
            ("performance", scores["performance"] < 95),
            ("accessibility", scores["accessibility"] < 100),
            ("CLS", cls > 0.05),
            ("LCP", lcp > 2.5),
        ]
        if bad
    ]
    marker = f"below target: {', '.join(below)}" if below else "ok"
    return (
        f"{language:8} {page:10} {scores['performance']:5} {scores['accessibility']:5} "
        f"{cls:6.3f} {lcp:6.1f} {tbt:5.0f} {kb:7.0f}  {marker}"
    )


def failing_audits(result: dict) -> dict[str, tuple[str, list[str]]]:
    """Each failing accessibility audit (or one that could not run): its title and the elements it names."""
    found = {}
    for ref in result["categories"]["accessibility"]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if audit["scoreDisplayMode"] == "error":
            found[ref["id"]] = (f"{audit['title']} (could not run)", [audit.get("errorMessage", "")[:100]])
        if audit["score"] is None or audit["score"] >= 1:
            continue
        items = (audit.get("details") or {}).get("items", [])
        nodes = [item["node"] for item in items if "node" in item]
        elements = [f"{n.get('selector', '?')}  {n.get('snippet', '')[:100]}" for n in nodes]
        found[ref["id"]] = (audit["title"], elements or ["(no element named)"])
    return found


def main() -> int:
    folders = {lang.code: lang.folder for lang in Site.load(ROOT / "mkdocs.yml").languages}
    languages = list(folders)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--languages", nargs="+", choices=languages, default=languages)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} has no built site: run .venv/bin/mkdocs build first")
    cli = lighthouse_cli()

    handler = functools.partial(Handler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    titles: dict[str, str] = {}
    failures: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    benchmarks, errors, start = [], 0, time.perf_counter()
    print(f"Lighthouse {VERSION}, mobile; targets: {TARGETS}")
    print(f"{'language':8} {'page':10} {'perf':>5} {'a11y':>5} {'CLS':>6} {'LCP s':>6} {'TBT':>5} {'KB':>7}")
    with tempfile.TemporaryDirectory() as reports:
        for code in args.languages:
            for page in args.pages:
                report = Path(reports) / f"{code}-{page}.json"
                result = run(cli, base + folders[code] + PAGES[page], report)
                print(row(code, page, result), flush=True)
                if "error" in result:
                    errors += 1
                    continue
                benchmarks.append(result["environment"]["benchmarkIndex"])
                for audit, (title, elements) in failing_audits(result).items():
                    titles[audit] = title
                    for element in elements:
                        failures[audit][element].append(f"{code}/{page}")
    server.shutdown()
    runs = len(args.languages) * len(args.pages)
    took = f"\n{runs} runs in {time.perf_counter() - start:.0f} s"
    if benchmarks:  # Lighthouse's measure of this machine's CPU: lower when it is busy
        took += f"; CPU benchmark index {min(benchmarks):.0f}-{max(benchmarks):.0f}"
    print(took)
    print("\nFailing accessibility audits:" if failures else "\nNo failing accessibility audit.")
    for audit, elements in failures.items():
        print(f"  {audit}: {titles[audit]}")
        for element, pages in elements.items():
            print(f"    {element}\n      on {', '.join(pages)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
