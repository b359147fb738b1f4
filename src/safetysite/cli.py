"""The ``safetysite`` command: update, check and add catalogues.

    safetysite update              refresh locales/messages.pot and every .po
    safetysite check [LANG ...]    print file:line: [check] message; exit 1 on errors
                   [--release]     ... and everything a release build refuses
    safetysite status              how far each language is translated and reviewed
    safetysite add-language LANG   start a catalogue for a new language
    safetysite posters [--site-dir site]   make the posters' PDFs again (as the build does)

Run from the project's top folder (the one with ``mkdocs.yml``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError

from safetysite import poformat
from safetysite.bidi import direction
from safetysite.catalog import extract_template, new_catalog, read_catalog, update_catalogs, write_catalog
from safetysite.fonts import font_for
from safetysite.output import write_file_sizes
from safetysite.poster_pdf import write_posters
from safetysite.poster_text import PosterError
from safetysite.release import is_release, release_problems
from safetysite.site import Site, SiteError
from safetysite.status import format_table, translation_status

MATERIAL_PARTIAL = """{{#- Theme strings for {name}: Material for MkDocs has none for this language.
  Start from English; translate the values. -#}}
{{% import "partials/languages/en.html" as fallback %}}
{{% macro t(key) %}}{{{{ {{
  "language": "{code}",
  "direction": "{direction}",
}}.get(key) or fallback.t(key) }}}}{{% endmacro %}}
"""


def _site(args: argparse.Namespace) -> Site:
    return Site.load(Path(args.root) / "mkdocs.yml")


def _warn_without_msgcat() -> None:
    if not poformat.available():
        print(
            "warning: GNU msgcat is not installed, so catalogues are written in Babel's line wrapping,"
            " which Poedit and msgmerge will rewrap (install it: apt-get install gettext)",
            file=sys.stderr,
        )


def cmd_update(args: argparse.Namespace) -> int:
    site = _site(args)
    _warn_without_msgcat()
    written, problems = update_catalogs(site.root, site.mapping, site.locales, site.contacts)
    for path in written:
        print(f"updated {path}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not written and not problems:
        print("catalogues already up to date")
    return 1 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    site = _site(args)
    found = sorted(path.parent.parent.name for path in site.locales.glob("*/LC_MESSAGES/messages.po"))
    configured = [lang.code for lang in site.languages if not lang.default]
    languages = args.languages or list(dict.fromkeys([*configured, *found]))
    for code in languages:
        if not site.catalog(code).exists():
            print(f"{site.catalog(code)}:1: [po] no catalogue for this language", file=sys.stderr)
            return 1
    problems = [p for code in languages for p in site.translations(code).problems]
    if args.release:
        problems += release_problems(site)
    if site.template.exists():
        problems += read_catalog(site.template)[1]
    problems = sorted(set(problems))  # a release problem may repeat a catalogue error
    for problem in problems:
        print(problem)
    errors = sum(p.error for p in problems)
    advice = len(problems) - errors
    print(
        f"{len(languages)} catalogues checked, {errors} errors, {advice} warnings for a reviewer",
        file=sys.stderr,
    )
    return 1 if errors else 0


def cmd_status(args: argparse.Namespace) -> int:
    print(format_table(translation_status(_site(args))))
    return 0


def cmd_add_language(args: argparse.Namespace) -> int:
    site = _site(args)
    code = args.language
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        print(f"error: {code!r} is not a language code Babel knows (try e.g. bn or pl)", file=sys.stderr)
        return 2
    path = site.catalog(code)
    if path.exists():
        print(f"error: {path} already exists", file=sys.stderr)
        return 1
    _warn_without_msgcat()
    write_catalog(path, new_catalog(extract_template(site.root, site.mapping, site.contacts), code))
    print(f"created {path}")
    partial = site.root / "overrides" / "partials" / "languages" / f"{code}.html"
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
    if not (material / f"{code}.html").exists() and not partial.exists():
        name = locale.get_display_name("en")
        partial.write_text(
            MATERIAL_PARTIAL.format(name=name, code=code, direction=direction(code)), encoding="utf-8"
        )
        print(f"created {partial}")
    own = locale.get_display_name(code)
    print("\nNow add this entry under plugins > i18n > languages in mkdocs.yml:\n")
    print(f"        - locale: {code}\n          name: {own}\n          build: true")
    font = font_for(code)
    if font and not (site.docs_dir / "assets" / "fonts" / font.file("Regular")).exists():
        print(f"\nIts script needs {font.family}: run scripts/make_fonts.py to make {font.file('Regular')}.")
    return 0


def cmd_posters(args: argparse.Namespace) -> int:
    site = _site(args)
    if is_release() and (problems := release_problems(site)):  # as a release build refuses
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"error: {len(problems)} problems: a release needs every one fixed", file=sys.stderr)
        return 1
    try:
        report = write_posters(site, Path(args.site_dir), preview=not is_release())
    except PosterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    missing = write_file_sizes(Path(args.site_dir), site)  # the Posters pages, if built, show the sizes
    for problem in [*report.problems, *(f"no such file for its size: {m}" for m in missing)]:
        print(f"warning: {problem}", file=sys.stderr)
    print(report)
    return 1 if report.problems or missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="safetysite", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".", help="the project's top folder (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="refresh the template and every catalogue").set_defaults(run=cmd_update)
    check = sub.add_parser("check", help="check catalogues; exit 1 on errors")
    check.add_argument("languages", nargs="*", help="languages to check (default: all)")
    check.add_argument("--release", action="store_true", help="also what a release build refuses")
    check.set_defaults(run=cmd_check)
    status = sub.add_parser("status", help="print how far each language is translated and reviewed")
    status.set_defaults(run=cmd_status)
    add = sub.add_parser("add-language", help="start a catalogue for a new language")
    add.add_argument("language", help="language code, e.g. bn or pl")
    add.set_defaults(run=cmd_add_language)
    posters = sub.add_parser("posters", help="make the posters' PDFs (A4 and A3, every language)")
    posters.add_argument("--site-dir", default="site", help="the built site's folder (default: site)")
    posters.set_defaults(run=cmd_posters)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
