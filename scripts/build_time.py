"""Print how long a full build takes, and a rebuild as `mkdocs serve` does one after a save.

    .venv/bin/python scripts/build_time.py [rebuilds]

Builds every language into a temporary folder, in one process, as `mkdocs serve` does: the first
build, then rebuilds with nothing changed, then a rebuild after one catalogue changes (the Urdu
catalogue is touched with one more blank line at its end, then put back). A benchmark, not a test.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config

from safetysite.site import Site

ROOT = Path(__file__).resolve().parent.parent


def timed_build(site_dir: str) -> float:
    start = time.perf_counter()
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return time.perf_counter() - start


def main() -> int:
    rebuilds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    logging.disable(logging.WARNING)
    po = Site.load(ROOT / "mkdocs.yml").catalog("ur")
    with tempfile.TemporaryDirectory() as site_dir:
        print(f"first build            {timed_build(site_dir):5.2f} s")
        for number in range(1, rebuilds + 1):
            print(f"rebuild {number}, no change    {timed_build(site_dir):5.2f} s")
        original = po.read_bytes()
        try:
            po.write_bytes(original + b"\n")
            print(f"rebuild, ur.po changed {timed_build(site_dir):5.2f} s")
        finally:
            po.write_bytes(original)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
