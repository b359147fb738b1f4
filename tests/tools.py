"""Tools from outside the venv that some tests need: GNU gettext, Java, Chromium, the npm packages,
poppler-utils and zbar-tools.

A test whose tool is missing is skipped, with the reason and how to install the tool, so the rest
of the suite runs on a machine without them. The project's test command (``scripts/test``)
installs every tool and sets ``SAFETYSITE_REQUIRE_TOOLS=1``: there a missing tool fails the test
instead, so a broken install can never pass as a row of skips.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

#: Set to 1 by scripts/test: a missing tool is then a failure, not a skip.
REQUIRE = "SAFETYSITE_REQUIRE_TOOLS"


def required() -> bool:
    """Whether every tool must be there (under the project's test command)."""
    return os.environ.get(REQUIRE) == "1"


def missing(reason: str) -> NoReturn:
    """Skip the test for ``reason``, or fail it when the tools are required."""
    if required():
        pytest.fail(f"{reason} ({REQUIRE}=1: the test command installs every tool)", pytrace=False)
    pytest.skip(reason)


def need(tool: str, how_to_install: str) -> str:
    """The path of the command ``tool`` (a name on PATH or a path); skip or fail when it is missing."""
    found = shutil.which(tool)
    if found is None:
        missing(f"{tool} is not installed: {how_to_install}")
    return found


def need_file(path: Path, how_to_install: str) -> Path:
    """``path``, a file a test reads (from node_modules, say); skip or fail when it is missing."""
    if not path.is_file():
        missing(f"{path} is missing: {how_to_install}")
    return path


#: How to install each tool, for the reasons.
GETTEXT = "GNU gettext (apt-get install gettext; scripts/setup --tests installs it)"
JAVA = "Java (apt-get install default-jre-headless; scripts/setup --tests installs it)"
NPM = "npm ci --ignore-scripts (scripts/setup --tests runs it)"
DEBIAN_CHROMIUM = "Debian's chromium (apt-get install chromium; scripts/setup --tests installs it)"
POPPLER = "poppler-utils (apt-get install poppler-utils; scripts/setup installs it)"
ZBAR = "zbar-tools (apt-get install zbar-tools; scripts/setup --tests installs it)"
