"""The site context: what every tool needs to know about the site, read once from ``mkdocs.yml``.

The languages (code, name in their own script, direction, font), the default language, the
folders of the pages and catalogues, the contacts file and its dialled numbers, the posters'
text, the Babel mapping and the site's address. The ``safetysite`` command, the MkDocs plugin, the scripts and
the tests all ask here, so the language list is written once: under ``plugins > i18n >
languages`` in ``mkdocs.yml``. Paths come from ``plugins > safetysite``.

It also owns the checked translations of each language, remembered by the content of the
catalogue, the template and the contacts file, so ``mkdocs serve`` re-checks a catalogue only
when it changes (MkDocs makes new plugins for every rebuild; this cache outlives them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag

from safetysite.bidi import direction
from safetysite.catalog import TEMPLATE, Translations, catalog_path, load_checker, load_translations
from safetysite.checks import Checker
from safetysite.contacts import Contact, ContactsError, dialled_numbers, load_contacts
from safetysite.extract import MkDocsLoader
from safetysite.fonts import Font, font_for
from safetysite.yamlerror import yaml_error

__all__ = ["Language", "Site", "SiteError", "config_line", "current_site", "file_digest"]

CONFIG = "mkdocs.yml"
#: The safetysite plugin's options and their defaults (MkDocs checks them too, in mkdocs_plugin).
OPTIONS = {
    "locales_dir": "locales",
    "contacts": "data/contacts.yml",
    "mapping": "babel.cfg",
    "posters": "data/posters.yml",
}


def config_line(path: Path, key: str, *, within: str = "") -> int:
    """The line of ``key:`` in ``mkdocs.yml``: a top-level key, or one in the options of the plugin
    named ``within`` (1 if it cannot be found), for messages that point at it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if within:
        start = next((n for n, line in enumerate(lines) if line.strip().startswith(f"- {within}")), 0)
        found = (n for n, line in enumerate(lines[start:], start) if line.strip().startswith(f"{key}:"))
    else:
        found = (n for n, line in enumerate(lines) if line.startswith(f"{key}:"))
    return next(found, 0) + 1


class SiteError(Exception):
    """The site's configuration cannot be used; the message names the file and a fix."""


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str
    #: The language's name in its own script (as the language switcher shows it).
    name: str
    direction: str
    default: bool = False
    font: Font | None = None

    @property
    def folder(self) -> str:
        """Where its pages are, under the site's root: ``""`` for the default language, else ``ur/``."""
        return "" if self.default else f"{self.code}/"


class _Loader(MkDocsLoader):
    """Reads ``mkdocs.yml`` as MkDocs does for the keys the site needs: ``!ENV`` is resolved."""


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)


def _plugins(config: Mapping[str, Any]) -> dict[str, dict]:
    """``plugins:`` as a mapping of name to options, whichever way each is written."""
    found: dict[str, dict] = {}
    items = config.get("plugins") or []
    pairs = items.items() if isinstance(items, dict) else items
    for item in pairs:
        if isinstance(item, str):
            found[item] = {}
        elif isinstance(item, tuple):
            found[item[0]] = item[1] or {}
        elif isinstance(item, dict):
            found.update({name: options or {} for name, options in item.items()})
    return found


@dataclass(frozen=True)
class Site:
    """Everything about the site that is not a page: see the module's docstring."""

    config_file: Path
    languages: tuple[Language, ...]
    docs_dir: Path
    locales: Path
    contacts_file: Path
    mapping: Path
    site_url: str
    contacts: Mapping[str, Contact] = field(hash=False, compare=False)
    #: The posters' English text (safetysite.poster_text).
    posters: Path = Path(OPTIONS["posters"])
    #: What this context has read: a Site is a snapshot (each build makes a new one), so within it
    #: a file is read and hashed once; the module's caches carry checked results across builds.
    _read: dict = field(default_factory=dict, hash=False, compare=False, repr=False)

    # -- reading ------------------------------------------------------------------
    @classmethod
    def load(cls, config_file: Path | str = CONFIG, *, site_url: str | None = None) -> Site:
        """Read ``config_file``; ``site_url`` overrides its ``site_url`` (MkDocs resolves it)."""
        config_file = Path(config_file)
        root = config_file.parent
        try:
            text = config_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise SiteError(
                f"{config_file}: cannot be read ({exc.strerror}); run from the site's folder"
            ) from exc
        try:
            config = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError as exc:
            raise SiteError(yaml_error(config_file, exc, text)) from exc
        if not isinstance(config, dict):
            raise SiteError(f"{config_file}: must be a mapping of settings (site_name: ..., plugins: ...)")
        plugins = _plugins(config)
        options = plugins.get("safetysite", {})
        if config.get("use_directory_urls", True) is not True:  # language links and QR codes need it
            line = config_line(config_file, "use_directory_urls")
            why = "language links and the posters' QR codes open page/ addresses"
            raise SiteError(f"{config_file}:{line}: use_directory_urls must be true: {why}")
        for key, value in options.items():
            if not isinstance(value, str):
                line = config_line(config_file, key, within="safetysite")
                raise SiteError(
                    f"{config_file}:{line}: plugins > safetysite > {key} must be a path written as text,"
                    f" e.g. {key}: {OPTIONS.get(key, 'data/contacts.yml')}"
                )
        contacts_file = root / options.get("contacts", OPTIONS["contacts"])
        try:
            contacts = load_contacts(contacts_file) if contacts_file.exists() else {}
        except ContactsError as exc:  # YAML errors too, as file:line:column
            raise SiteError(str(exc)) from exc
        return cls(
            config_file=config_file,
            languages=_languages(config_file, config, plugins),
            docs_dir=root / config.get("docs_dir", "docs"),
            locales=root / options.get("locales_dir", OPTIONS["locales_dir"]),
            contacts_file=contacts_file,
            mapping=root / options.get("mapping", OPTIONS["mapping"]),
            site_url=site_url if site_url is not None else str(config.get("site_url") or ""),
            contacts=contacts,
            posters=root / options.get("posters", OPTIONS["posters"]),
        )

    # -- languages ----------------------------------------------------------------
    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every language's code, the default first, in the order of ``mkdocs.yml``."""
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise SiteError(f"{self.config_file}: no language {code!r} under plugins > i18n > languages")

    # -- catalogues and checks ----------------------------------------------------
    @property
    def template(self) -> Path:
        return self.locales / TEMPLATE

    def catalog(self, code: str) -> Path:
        return catalog_path(self.locales, code)

    @cached_property
    def dialled(self) -> frozenset[str]:
        """Every number readers dial, text or press, as written in the contacts file."""
        return dialled_numbers(self.contacts)

    def checker(self) -> Checker:
        """The checks with this site's template kinds and dialled numbers (remembered by content)."""
        if "checker" not in self._read:
            key = (file_digest(self.template), self.dialled)
            cached = _CHECKERS.get(str(self.template))
            if cached is None or cached[0] != key:
                cached = (key, load_checker(self.template, self.dialled))
                _CHECKERS[str(self.template)] = cached
            self._read["checker"] = cached[1]
        return self._read["checker"]

    def translations(self, code: str) -> Translations:
        """The checked translations of one language (none for the default language)."""
        path = self.catalog(code)
        if code == self.default.code or not path.exists():
            return Translations()
        if path not in self._read:
            checker = self.checker()
            key = (code, file_digest(path), file_digest(self.template), checker.dialled)
            cached = _TRANSLATIONS.get(str(path))
            if cached is None or cached[0] != key:
                cached = (key, load_translations(path, code, checker))
                _TRANSLATIONS[str(path)] = cached
            self._read[path] = cached[1]
        return self._read[path]


#: The last checker and translations loaded for each file, with the content they were made from.
_CHECKERS: dict[str, tuple[tuple, Checker]] = {}
_TRANSLATIONS: dict[str, tuple[tuple, Translations]] = {}


def file_digest(path: Path) -> str:
    """A file's SHA-256 (empty if it does not exist): what the caches are keyed by."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _languages(
    config_file: Path, config: Mapping[str, Any], plugins: Mapping[str, dict]
) -> tuple[Language, ...]:
    """The built languages of ``plugins > i18n > languages``, the default first."""
    where = f"{config_file}: plugins > i18n > languages"
    if "i18n" not in plugins:
        theme = config.get("theme") or {}
        code = theme.get("language", "en") if isinstance(theme, dict) else "en"
        return (Language(code, code, direction(code), default=True, font=font_for(code)),)
    entries = plugins["i18n"].get("languages")
    if not isinstance(entries, list) or not entries:
        raise SiteError(f"{where}: list each language, e.g. '- locale: en' with 'name: English'")
    found = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("locale"):
            raise SiteError(f"{where}: entry {number} needs 'locale:' (a language code such as ur)")
        if entry.get("build", True) is False:
            continue
        code = str(entry["locale"])
        found.append(
            Language(
                code=code,
                name=str(entry.get("name") or code),
                direction=direction(code),
                default=bool(entry.get("default")),
                font=font_for(code),
            )
        )
    defaults = [lang for lang in found if lang.default]
    if len(defaults) != 1:
        raise SiteError(f"{where}: exactly one language needs 'default: true' (found {len(defaults)})")
    return (defaults[0], *(lang for lang in found if not lang.default))


@lru_cache(maxsize=8)
def _site_at(name: str, absolute: str, changed: tuple) -> Site:
    """One site per configuration file (``absolute``) and version of it and its data (``changed``)."""
    return Site.load(name)


def current_site(start: Path | None = None) -> Site:
    """The site whose ``mkdocs.yml`` is in ``start`` (the current folder) or a folder above it."""
    cwd = Path.cwd().resolve()
    here = (start or cwd).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():  # named from the current folder, as messages print it
            config = folder / CONFIG
            name = config.relative_to(cwd) if config.is_relative_to(cwd) else config
            changed = tuple(p.stat().st_mtime_ns for p in folder.glob("data/*.yml"))
            return _site_at(str(name), str(config), (config.stat().st_mtime_ns, changed))
    raise SiteError(f"no {CONFIG} in {here} or above it: run from the site's folder")
