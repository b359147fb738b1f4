"""The ``safetysite`` command: update, check and add catalogues.

    safetysite update              refresh locales/messages.pot and every .po
    safetysite check [LANG ...]    print file:line: [check] message; exit 1 on errors
    safetysite add-language LANG   start a catalogue for a new language

Run from the project's top folder (the one with ``mkdocs.yml``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError

from safetysite.bidi import direction
from safetysite.catalog import (
    TEMPLATE,
    catalog_path,
    extract_template,
    load_translations,
    new_catalog,
    read_catalog,
    template_kinds,
    update_catalogs,
    write_catalog,
)
from safetysite.contacts import dialled_numbers, load_contacts

MATERIAL_PARTIAL = """{{#- Theme strings for {name}: Material for MkDocs has none for this language.
  Start from English; translate the values. -#}}
{{% import "partials/languages/en.html" as fallback %}}
{{% macro t(key) %}}{{{{ {{
  "language": "{code}",
  "direction": "{direction}",
}}.get(key) or fallback.t(key) }}}}{{% endmacro %}}
"""


def _paths(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    root = Path(args.root)
    return root, root / "locales", root / "data" / "contacts.yml"


def cmd_update(args: argparse.Namespace) -> int:
    root, locales, contacts_file = _paths(args)
    contacts = load_contacts(contacts_file) if contacts_file.exists() else {}
    written, problems = update_catalogs(root, root / "babel.cfg", locales, contacts)
    for path in written:
        print(f"updated {path}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not written and not problems:
        print("catalogues already up to date")
    return 1 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    _, locales, contacts = _paths(args)
    dialled = dialled_numbers(contacts)
    paths = sorted(locales.glob("*/LC_MESSAGES/messages.po"))
    if args.languages:
        paths = [catalog_path(locales, lang) for lang in args.languages]
    problems = []
    kinds = template_kinds(locales / TEMPLATE)
    for path in paths:
        if not path.exists():
            print(f"{path}:1: [po] no catalogue for this language", file=sys.stderr)
            return 1
        problems += load_translations(path, path.parent.parent.name, dialled, kinds).problems
    if (locales / TEMPLATE).exists():
        problems += read_catalog(locales / TEMPLATE)[1]
    for problem in sorted(problems):
        print(problem)
    errors = sum(p.error for p in problems)
    advice = len(problems) - errors
    print(
        f"{len(paths)} catalogues checked, {errors} errors, {advice} warnings for a reviewer", file=sys.stderr
    )
    return 1 if errors else 0


def cmd_add_language(args: argparse.Namespace) -> int:
    root, locales, _ = _paths(args)
    code = args.language
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        print(f"error: {code!r} is not a language code Babel knows (try e.g. bn or pl)", file=sys.stderr)
        return 2
    path = catalog_path(locales, code)
    if path.exists():
        print(f"error: {path} already exists", file=sys.stderr)
        return 1
    contacts_file = root / "data" / "contacts.yml"
    contacts = load_contacts(contacts_file) if contacts_file.exists() else {}
    write_catalog(path, new_catalog(extract_template(root, root / "babel.cfg", contacts), code))
    print(f"created {path}")
    partial = root / "overrides" / "partials" / "languages" / f"{code}.html"
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
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="safetysite", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".", help="the project's top folder (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="refresh the template and every catalogue").set_defaults(run=cmd_update)
    check = sub.add_parser("check", help="check catalogues; exit 1 on errors")
    check.add_argument("languages", nargs="*", help="languages to check (default: all)")
    check.set_defaults(run=cmd_check)
    add = sub.add_parser("add-language", help="start a catalogue for a new language")
    add.add_argument("language", help="language code, e.g. bn or pl")
    add.set_defaults(run=cmd_add_language)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
