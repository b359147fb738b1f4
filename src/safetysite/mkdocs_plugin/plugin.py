"""Translate every page, title and template string from the gettext catalogues.

mkdocs-static-i18n builds each language in turn in one process; these handlers
run once per language. The language being built comes from the i18n plugin
(``current_language``) for site-wide strings and from
``page.file.locale_alternate_of`` for pages.
"""

from __future__ import annotations

import json
import posixpath
import re
from datetime import date
from pathlib import Path

from babel.dates import format_date
from jinja2 import TemplateNotFound
from jinja2.ext import i18n
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.nav import Link, Section
from mkdocs.utils.meta import get_data

from safetysite.bidi import direction, isolate_numbers
from safetysite.catalog import (
    TEMPLATE,
    Translations,
    catalog_path,
    load_translations,
    read_catalog,
    template_kinds,
)
from safetysite.contacts import ContactsError, dialled_numbers, expand, load_contacts
from safetysite.mkdocs_plugin.config import CatalogueConfig
from safetysite.pagefix import (
    drop_checkbox_autocomplete,
    drop_head_alternates,
    print_addresses,
    set_direction,
)
from safetysite.search import dumps, point_search_at, split_index
from safetysite.translate import mark_english_titles, translate

log = get_plugin_logger(__name__)
#: ``<!-- include languages -->`` in a page renders overrides/partials/include/languages.html there.
INCLUDE = re.compile(r"<!-- include ([a-z][a-z-]*) -->")


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.cache: dict[str, tuple[float, Translations]] = {}
        self.english: dict[str, str] = {}
        self.pages_404: dict[str, str] = {}
        self.language = "en"

    # -- helpers ----------------------------------------------------------------
    def translations(self, language: str) -> Translations:
        """The checked translations for ``language``, reloaded when its .po changes."""
        path = catalog_path(self.locales, language)
        if language == self.default or not path.exists():
            return Translations()
        stamp = path.stat().st_mtime
        if language not in self.cache or self.cache[language][0] != stamp:
            loaded = load_translations(path, language, self.dialled, template_kinds(self.locales / TEMPLATE))
            for problem in loaded.problems:
                if problem.error:
                    log.warning("%s (that text stays in English)", problem)
                else:
                    log.info("%s", problem)
            self.cache[language] = (stamp, loaded)
        return self.cache[language][1]

    # -- events -----------------------------------------------------------------
    @event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen the language
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.locales = root / self.config.locales_dir
        try:
            self.contacts = load_contacts(root / self.config.contacts)
        except (OSError, ContactsError) as exc:
            raise PluginError(f"plugins.safetysite.contacts: {exc}") from exc
        self.dialled = dialled_numbers(self.contacts)
        i18n_plugin = config.plugins.get("i18n")
        self.default = i18n_plugin.default_language if i18n_plugin else "en"
        self.language = i18n_plugin.current_language if i18n_plugin else self.default
        #: (code, name in its own script) of every language, the default first
        self.languages = (
            [(lang.locale, lang.name) for lang in i18n_plugin.config.languages] if i18n_plugin else []
        )
        for key in ("site_name", "site_description", "copyright"):
            self.english.setdefault(key, config[key])
            if config[key]:
                config[key] = self.translations(self.language).gettext(self.english[key])
        return config

    def on_env(self, env, config, files):
        if (
            i18n not in env.extensions.values()
            and "jinja2.ext.InternationalizationExtension" not in env.extensions
        ):
            env.add_extension(i18n)
        current = self.translations(self.language)
        env.install_gettext_callables(
            current.gettext, lambda s, p, n: current.gettext(s if n == 1 else p), newstyle=True
        )
        env.globals["font_stylesheet"] = self.config.fonts.get(self.language)
        # expand() escapes each value it inserts; the text around it is a checked catalogue string.
        env.filters["contacts"] = lambda text: Markup(expand(str(text), self.contacts, as_html=True))  # noqa: S704
        self.env = env
        return env

    @event_priority(-110)  # after mkdocs-static-i18n has rebuilt the navigation
    def on_nav(self, nav, config, files):
        current = self.translations(self.language)
        todo = list(nav.items)
        while todo:
            item = todo.pop()
            if isinstance(item, Section):
                todo.extend(item.children)
            explicit = isinstance(item, Section | Link) or "title" in vars(item)  # set in mkdocs.yml nav
            if explicit and item.title:
                item.title = current.gettext(item.title)
        return nav

    @event_priority(100)  # before other plugins change the Markdown
    def on_page_markdown(self, markdown, page, config, files):
        language = getattr(page.file, "locale_alternate_of", None) or self.language
        if language != self.default:
            result = translate(
                page.file.content_string, self.translations(language).messages, mark_english=True
            )
            markdown, page.meta = get_data(result.text)
            page.meta["translation"] = {
                "partial": result.partial,
                "translated": result.translated,
                "total": result.total,
                "english_titles": result.english_titles,
            }
        try:
            return expand(markdown, self.contacts)
        except ContactsError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc} (see {self.config.contacts})") from exc

    def on_page_content(self, html, page, config, files):
        titles = page.meta.get("translation", {}).get("english_titles", ())
        return mark_english_titles(html, titles) if titles else html

    def on_page_context(self, context, page, config, nav):
        """Replace ``<!-- include NAME -->`` with the template ``partials/include/NAME.html``."""

        def render(match: re.Match[str]) -> str:
            template = self.env.get_template(f"partials/include/{match.group(1)}.html")
            return template.render(config=config, page=page, plugin=self)

        try:
            page.content = INCLUDE.sub(render, page.content)
            return context
        except TemplateNotFound as exc:
            raise PluginError(
                f"{page.file.src_uri}: no template overrides/{exc.name} for an include"
            ) from exc

    @property
    def checked(self) -> str:
        """The oldest check date of any published contact, in the language being built."""
        dates = [c.checked for c in self.contacts.values() if c.published]
        locale = "en_GB" if self.language == "en" else self.language  # a UK site: 23 November 2026
        return format_date(date.fromisoformat(min(dates)), "long", locale=locale)

    def language_links(self, page) -> list[dict]:
        """The same page in every language: relative link, name in its own script, direction."""
        here = posixpath.dirname(page.url.rstrip("/") + "/x") if page.url else "."
        english = page.url[len(self.language) + 1 :] if self.language != self.default else page.url
        links = []
        for locale, name in self.languages:
            target = english if locale == self.default else f"{locale}/{english}"
            href = posixpath.relpath(target or ".", here or ".")
            links.append(
                {
                    "locale": locale,
                    "name": name,
                    "current": locale == self.language,
                    "href": href if href.endswith("/") or href == "." else href + "/",
                    "dir": direction(locale),
                }
            )
        return links

    def translation_status(self) -> list[dict]:
        """How much of the template each language translates, for the accessibility statement."""
        template, _ = read_catalog(self.locales / TEMPLATE)
        ids = {m.id for m in template if m.id} if template else set()
        rows = []
        for locale, name in self.languages:
            done = len(ids) if locale == self.default else len(ids & set(self.translations(locale).messages))
            rows.append(
                {"locale": locale, "name": name, "percent": round(100 * done / len(ids)) if ids else 100}
            )
        return rows

    def on_post_page(self, output, page, config):
        return print_addresses(self._finish(output), (config.site_url or "/") + page.url)

    def on_post_template(self, output_content, template_name, config):
        output_content = self._finish(output_content)
        if template_name == "404.html":
            self.pages_404[self.language] = output_content
        return output_content

    @event_priority(-110)  # after mkdocs-static-i18n built every language
    def on_post_build(self, config):
        i18n_plugin = config.plugins.get("i18n")
        if i18n_plugin and i18n_plugin.building:
            return
        # Every language build writes the root 404.html and the last one wins:
        # put English back at the root and give each language its own.
        site = Path(config.site_dir)
        combined = site / "search" / "search_index.json"
        if combined.exists():
            languages = [locale for locale, _ in self.languages] or [self.default]
            for language, index in split_index(
                json.loads(combined.read_text("utf-8")), languages, self.default
            ).items():
                target = (
                    combined if language == self.default else site / language / "search" / "search_index.json"
                )
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(dumps(index), encoding="utf-8")
        for language, html in self.pages_404.items():
            folder = "" if language == self.default else language
            (site / folder / "404.html").write_text(html, encoding="utf-8")

    def on_serve(self, server, config, builder):
        server.watch(str(self.locales))
        server.watch(str(Path(config.config_file_path).parent / self.config.contacts))
        return server

    def _finish(self, html: str) -> str:
        """What every page and the 404 page need: direction on <html>, valid HTML, search in the
        page's language, phone numbers left to right on right-to-left pages."""
        written = direction(self.language)
        html = drop_head_alternates(drop_checkbox_autocomplete(set_direction(html, written)))
        if self.language != self.default:
            html = point_search_at(html, self.language)
        return isolate_numbers(html, self.dialled) if written == "rtl" else html
