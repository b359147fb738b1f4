"""A test whose outside tool is missing is skipped, except under the test command, where it fails."""

from __future__ import annotations

from pathlib import Path

import pytest

import tools

ABSENT = "safetysite-no-such-tool"


def test_missing_tool_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without SAFETYSITE_REQUIRE_TOOLS a missing command skips the test, saying how to install it."""
    monkeypatch.delenv(tools.REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"{ABSENT} is not installed: apt-get install it"):
        tools.need(ABSENT, "apt-get install it")


def test_missing_tool_fails_under_the_test_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """With SAFETYSITE_REQUIRE_TOOLS=1 (as scripts/test sets it) a missing command or file fails the test."""
    monkeypatch.setenv(tools.REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{ABSENT} is not installed"):
        tools.need(ABSENT, "apt-get install it")
    with pytest.raises(pytest.fail.Exception, match="is missing: npm ci"):
        tools.need_file(Path(__file__).parent / ABSENT, "npm ci")


def test_present_tool_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A command on PATH is returned by its full path, and a file that is there by its path."""
    monkeypatch.setenv(tools.REQUIRE, "1")
    command = tmp_path / ABSENT
    command.write_text("#!/bin/sh\n", encoding="utf-8")
    command.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert tools.need(ABSENT, "apt-get install it") == str(command)
    assert tools.need_file(command, "npm ci") == command


def test_the_test_command_requires_the_tools() -> None:
    """scripts/test sets SAFETYSITE_REQUIRE_TOOLS=1 before it runs pytest."""
    script = (Path(__file__).resolve().parent.parent / "scripts" / "test").read_text(encoding="utf-8")
    assert script.index(f"export {tools.REQUIRE}=1") < script.index("pytest")
