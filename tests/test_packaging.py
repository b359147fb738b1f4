"""Packaging: pyproject.toml declares what the code imports, and the pinned files agree with it.

requirements/build.txt (what a deploy installs) and requirements/test.txt (with the test and dev
extras) are made by uv from pyproject.toml; each says in its first lines how to make it again.
"""

from __future__ import annotations

import ast
import re
import shlex
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
BUILD_LOCK = ROOT / "requirements" / "build.txt"
TEST_LOCK = ROOT / "requirements" / "test.txt"
#: What may be in the test venv but never in a deploy. (fonttools is not one: WeasyPrint, which
#: makes the posters, subsets fonts with it.)
TOOLS = {"pytest", "hypothesis", "playwright", "linkchecker", "textstat", "ruff", "uv"}


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them: case and runs of -_. do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(*extras: str) -> dict[str, Requirement]:
    """The runtime dependencies, plus those of the named extras, by normalised name."""
    lines = list(PYPROJECT["dependencies"])
    for extra in extras:
        lines += PYPROJECT["optional-dependencies"][extra]
    return {normalise(r.name): r for r in map(Requirement, lines)}


def pins(lock: Path) -> dict[str, str]:
    """The ``name==version`` lines of a pinned file, by normalised name."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{lock.name}: {line!r} is not an exact pin"
        found[normalise(requirement.name)] = specifier.version
    return found


@cache
def distributions_of_modules() -> dict[str, set[str]]:
    return {
        module: {normalise(d) for d in dists} for module, dists in metadata.packages_distributions().items()
    }


def imported_modules(path: Path) -> set[str]:
    """Top-level modules a file imports: import statements, and __import__ or import_module of a name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.partition(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) in {"__import__", "import_module"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.partition(".")[0])
    return found


def undeclared_imports(files: list[Path], allowed: set[str], local: set[str]) -> list[str]:
    """Each third-party import in ``files`` whose distribution is not in ``allowed``."""
    problems = []
    for path in files:
        for module in sorted(imported_modules(path) - set(sys.stdlib_module_names) - local):
            dists = distributions_of_modules().get(module)
            if not dists:
                problems.append(f"{path.relative_to(ROOT)}: {module} is not installed")
            elif not dists & allowed:
                problems.append(f"{path.relative_to(ROOT)}: {module} comes from {sorted(dists)}")
    return problems


def test_package_imports_are_runtime_dependencies() -> None:
    """Every third-party module src/safetysite imports comes from a runtime dependency in
    pyproject.toml; only readability.py (not used by the build) may use the test extra instead."""
    files = sorted((ROOT / "src" / "safetysite").rglob("*.py"))
    readability = ROOT / "src" / "safetysite" / "readability.py"
    local = {"safetysite"}
    problems = undeclared_imports([f for f in files if f != readability], set(declared()), local)
    problems += undeclared_imports([readability], set(declared("test")), local)
    assert not problems, "declare these in pyproject.toml:\n" + "\n".join(problems)


def test_readability_dependency_is_not_a_runtime_dependency() -> None:
    """textstat (for readability.py only) is in the test extra, so a deploy never installs it."""
    assert "textstat" in imported_modules(ROOT / "src" / "safetysite" / "readability.py")
    assert "textstat" not in declared()
    assert "textstat" in declared("test")
    assert "textstat" not in pins(BUILD_LOCK)


def test_scripts_and_tests_imports_are_declared() -> None:
    """The tests import only runtime or test-extra packages; scripts/*.py may also use the dev extra."""
    local = {"safetysite"} | {p.stem for p in (ROOT / "tests").glob("*.py")}
    problems = undeclared_imports(sorted((ROOT / "tests").glob("*.py")), set(declared("test")), local)
    local = {"safetysite"} | {p.stem for p in (ROOT / "scripts").glob("*.py")}
    allowed = set(declared("test", "dev"))
    problems += undeclared_imports(sorted((ROOT / "scripts").glob("*.py")), allowed, local)
    assert not problems, "declare these in pyproject.toml:\n" + "\n".join(problems)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags; records the modules its !!python tags name."""

    modules: set[str]


def _any_tag(loader: _AnyTagLoader, tag: str, node: yaml.Node) -> None:
    if match := re.search(r"python/[\w/]+:([\w.]+)", tag):
        loader.modules.add(match.group(1).partition(".")[0])


_AnyTagLoader.add_multi_constructor("", _any_tag)


def names(items: list[str | dict] | None) -> list[str]:
    """The names in a mkdocs.yml list, whose items are a name or a one-key mapping of name to options."""
    return [next(iter(item)) if isinstance(item, dict) else item for item in items or []]


def test_mkdocs_config_needs_only_runtime_dependencies() -> None:
    """The theme, every plugin and every Markdown extension mkdocs.yml names (and any module its
    !!python tags call) comes from a runtime dependency."""
    loader = _AnyTagLoader((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    loader.modules = set()
    try:
        config = loader.get_single_data()
    finally:
        loader.dispose()
    theme = config["theme"]["name"] if isinstance(config["theme"], dict) else config["theme"]
    providers = {
        f"theme {theme}": {ep.dist.name for ep in metadata.entry_points(group="mkdocs.themes", name=theme)}
    }
    for plugin in names(config.get("plugins")):
        eps = metadata.entry_points(group="mkdocs.plugins", name=plugin)
        providers[f"plugin {plugin}"] = {ep.dist.name for ep in eps}
    for extension in names(config.get("markdown_extensions")):
        module = extension.partition(":")[0]
        module = module.partition(".")[0] if "." in module else "markdown"  # built-in: markdown.extensions
        providers[f"Markdown extension {extension}"] = distributions_of_modules().get(module, set())
    for module in loader.modules:
        providers[f"!!python tag module {module}"] = distributions_of_modules().get(module, set())
    allowed = set(declared()) | {"safetysite"}
    problems = [
        f"{what} comes from {sorted(dists) or 'nothing installed'}"
        for what, dists in providers.items()
        if not {normalise(d) for d in dists} & allowed
    ]
    assert not problems, "declare these in pyproject.toml:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("lock", "extras"), [(BUILD_LOCK, ()), (TEST_LOCK, ("test", "dev"))], ids=["build", "test"]
)
def test_every_declared_dependency_is_pinned(lock: Path, extras: tuple[str, ...]) -> None:
    """Every runtime dependency is pinned in requirements/build.txt, and every runtime, test and dev
    dependency in requirements/test.txt, at a version its declaration allows."""
    pinned = pins(lock)
    problems = []
    for name, requirement in declared(*extras).items():
        if name not in pinned:
            problems.append(f"{requirement} is not pinned")
        elif not requirement.specifier.contains(pinned[name], prereleases=True):
            problems.append(f"{name}=={pinned[name]} is outside {requirement}")
    assert not problems, f"{lock.relative_to(ROOT)} (regenerate it):\n" + "\n".join(problems)


def test_build_pins_are_the_tested_pins() -> None:
    """A deploy installs exactly the versions the tests ran with: each pin in requirements/build.txt is
    in requirements/test.txt at the same version."""
    build, test = pins(BUILD_LOCK), pins(TEST_LOCK)
    differ = {name: (version, test.get(name)) for name, version in build.items() if test.get(name) != version}
    assert not differ, f"build.txt vs test.txt: {differ}"


def test_build_pins_hold_no_test_or_dev_tool() -> None:
    """requirements/build.txt installs no test runner, browser driver, linter or lock tool."""
    assert not TOOLS & set(pins(BUILD_LOCK))
    assert set(pins(TEST_LOCK)) >= TOOLS


@pytest.mark.parametrize("lock", [BUILD_LOCK, TEST_LOCK], ids=["build", "test"])
def test_pins_are_complete(lock: Path) -> None:
    """Every package a pinned package requires (for this Python, on Linux) is pinned in the same file,
    so installing a pinned file never fetches anything unpinned. Read from the installed packages'
    metadata: run after `scripts/setup --tests`."""
    pinned = pins(lock)
    problems = []
    for name in [*pinned, "safetysite"]:
        extras = ("test", "dev") if name == "safetysite" and lock == TEST_LOCK else ("",)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            needed = not requirement.marker or any(requirement.marker.evaluate({"extra": e}) for e in extras)
            if needed and normalise(requirement.name) not in pinned:
                problems.append(f"{name} requires {requirement}")
    assert not problems, f"{lock.relative_to(ROOT)} misses (regenerate it):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("lock", "extras"), [(BUILD_LOCK, set()), (TEST_LOCK, {"test", "dev"})], ids=["build", "test"]
)
def test_pinned_files_say_how_to_regenerate_them(lock: Path, extras: set[str]) -> None:
    """Each pinned file starts with the uv command that makes it from pyproject.toml, for the oldest
    Python pyproject.toml allows, with the extras it holds, writing to that same file."""
    header = lock.read_text(encoding="utf-8").splitlines()[:2]
    assert header[0] == "# This file was autogenerated by uv via the following command:"
    words = shlex.split(header[1].lstrip("# "))
    assert Path(words[0]).name == "uv"
    assert words[1:4] == ["pip", "compile", "pyproject.toml"]
    oldest = PYPROJECT["requires-python"].removeprefix(">=")
    assert words[words.index("--python-version") + 1] == oldest, "pins for the oldest Python supported"
    given = {words[i + 1] for i, word in enumerate(words) if word == "--extra"}
    assert given == extras
    assert words[words.index("-o") + 1] == str(lock.relative_to(ROOT))


def test_known_version_constraints() -> None:
    """mkdocs-static-i18n comes without its [material] extra (it would hold Material below 9.7.2),
    Material is 9.7.2 or later, and textstat stays at 0.7.4 (later ones download a dictionary)."""
    runtime = declared()
    assert not runtime["mkdocs-static-i18n"].extras
    assert runtime["mkdocs-material"].specifier.contains("9.7.2")
    assert not runtime["mkdocs-material"].specifier.contains("9.7.1")
    assert [str(s) for s in declared("test")["textstat"].specifier] == ["==0.7.4"]
    assert pins(TEST_LOCK)["textstat"] == "0.7.4"
