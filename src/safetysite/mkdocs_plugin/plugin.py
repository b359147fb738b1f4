"""Wire MkDocs events to the engine: each handler asks :mod:`safetysite` and hands back.

mkdocs-static-i18n builds each language in turn in one process; these handlers run once per
language. The language being built comes from the i18n plugin (``current_language``) for
site-wide strings and from ``page.file.locale_alternate_of`` for pages. Everything the site knows
comes from the engine's site context (:class:`safetysite.site.Site`).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import TemplateNotFound
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.ext import i18n
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.nav import Link, Section
from mkdocs.utils.meta import get_data

from safetysite.cards import Labels, cards
from safetysite.catalog import Translations
from safetysite.contacts import ContactsError, checked_date, expand, long_date
from safetysite.finish import Target, finish
from safetysite.includes import render_includes
from safetysite.languages import language_links
from safetysite.mkdocs_plugin.config import CatalogueConfig
from safetysite.output import (
    FONTS,
    write_file_sizes,
    write_not_found_pages,
    write_search_indexes,
    write_web_fonts,
)
from safetysite.poster_pdf import PREVIEW, write_posters
from safetysite.poster_text import PosterError
from safetysite.posters import posters_text
from safetysite.release import is_release, refusals
from safetysite.site import Site, SiteError
from safetysite.status import translation_status
from safetysite.translate import after_heading, mark_english_titles, translate, translate_titles
from safetysite.webfonts import is_full_font

log = get_plugin_logger(__name__)
#: After the heading of every translated page: the notice shown while no reviewer has checked it.
REVIEW_NOTICE = "<!-- include review-notice -->"
#: Site-wide strings from mkdocs.yml that are translated.
SITE_STRINGS = ("site_name", "site_description", "copyright")


class _CompiledTemplates(BytecodeCache):
    """Theme templates compiled once per process, not once per language and rebuild (Jinja checks
    each template's source before it reuses the compiled code)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.english: dict[str, str] = {}
        self.not_found: dict[str, str] = {}
        self.reported: set[str] = set()
        self.language = "en"

    def translations(self, language: str) -> Translations:
        """The language's checked translations; its problems are logged once per build."""
        loaded = self.site.translations(language)
        if language not in self.reported:
            self.reported.add(language)
            for problem in loaded.problems:
                if problem.error:
                    log.warning("%s (that text stays in English)", problem)
                else:
                    log.info("%s", problem)
        return loaded

    @staticmethod
    def refuse(problems: list, why: str) -> None:
        """Stop the build, listing every problem (file:line), if there is any."""
        if problems:
            lines = "\n".join(str(problem) for problem in sorted(problems))
            raise PluginError(f"{len(problems)} problems ({why}):\n{lines}")

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen the language
    def on_config(self, config):
        if not hasattr(self, "site"):
            try:
                self.site = Site.load(config.config_file_path, site_url=config.site_url or "")
            except SiteError as exc:
                raise PluginError(str(exc)) from exc
            for language in self.site.codes:  # log each catalogue's problems once
                self.translations(language)
            self.refuse(*refusals(self.site, strict=config.strict, release=is_release()))
        i18n_plugin = config.plugins.get("i18n")
        self.language = i18n_plugin.current_language if i18n_plugin else self.site.default.code
        for key in SITE_STRINGS:
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
        env.bytecode_cache = COMPILED
        current, language = self.translations(self.language), self.site.language(self.language)
        env.install_gettext_callables(
            current.gettext, lambda s, p, n: current.gettext(s if n == 1 else p), newstyle=True
        )
        stylesheet = language.font.stylesheet(language.code) if language.font else None
        missing = language.font.missing_web_files(self.site.docs_dir / FONTS) if language.font else []
        if missing:
            log.warning("no %s for %s: run scripts/make_fonts.py", missing[0], language.code)
            stylesheet = None
        env.globals["font_stylesheet"] = stylesheet
        env.globals["checked_date"] = checked_date(self.site.contacts, language.code)
        env.globals["language_links"] = lambda page: language_links(
            self.site.languages, language.code, page.url
        )
        env.globals["translation_status"] = lambda: translation_status(self.site)
        env.globals["reviewed"] = language.default or current.review.reviewed
        env.globals["preview"] = not is_release()
        env.globals["english_home"] = urlsplit(self.site.site_url).path or "/"
        env.globals["posters"] = lambda: posters_text(self.site).posters
        env.globals["poster_preview"] = PREVIEW
        env.filters["long_date"] = lambda iso: long_date(str(iso), language.code)
        # expand() escapes each value it inserts; the text around it is a checked catalogue string.
        env.filters["contacts"] = lambda text: Markup(expand(str(text), self.site.contacts, as_html=True))  # noqa: S704
        # cards() escapes the labels it inserts; the rest is the page's own HTML.
        env.filters["cards"] = lambda html, **labels: Markup(  # noqa: S704
            cards(str(html), Labels(**{k: str(v) for k, v in labels.items()}))
        )
        self.env = env
        return env

    @event_priority(-110)  # after mkdocs-static-i18n has chosen each language's files
    def on_files(self, files, config):
        """The committed full fonts stay in ``docs/`` for the posters: pages load subsets of them."""
        for file in [file for file in files if is_full_font(file.src_uri)]:
            files.remove(file)
        return files

    @event_priority(-110)  # after mkdocs-static-i18n has rebuilt the navigation
    def on_nav(self, nav, config, files):
        translate_titles(
            nav.items,
            self.translations(self.language).gettext,
            children=lambda item: item.children if isinstance(item, Section) else (),
            explicit=lambda item: isinstance(item, Section | Link) or "title" in vars(item),  # mkdocs.yml nav
        )
        return nav

    @event_priority(100)  # before other plugins change the Markdown
    def on_page_markdown(self, markdown, page, config, files):
        language = getattr(page.file, "locale_alternate_of", None) or self.language
        if language != self.site.default.code:
            result = translate(
                page.file.content_string, self.translations(language).messages, mark_english=True
            )
            markdown, page.meta = get_data(result.text)
            page.meta["translation"] = result.meta()
        try:
            return expand(markdown, self.site.contacts)
        except ContactsError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc} (see {self.site.contacts_file})") from exc

    def on_page_content(self, html, page, config, files):
        titles = page.meta.get("translation", {}).get("english_titles", ())
        html = mark_english_titles(html, titles) if titles else html
        return after_heading(html, REVIEW_NOTICE) if "translation" in page.meta else html

    def on_page_context(self, context, page, config, nav):
        """Replace ``<!-- include NAME -->`` with the template ``partials/include/NAME.html``."""

        def render(name: str) -> str:
            return self.env.get_template(f"partials/include/{name}.html").render(config=config, page=page)

        try:
            page.content = render_includes(page.content, render)
            return context
        except TemplateNotFound as exc:
            raise PluginError(
                f"{page.file.src_uri}: no template overrides/{exc.name} for an include"
            ) from exc

    def target(self, url: str | None) -> Target:
        """What the finishing steps need to know about the page at ``url`` (relative to the site)."""
        language = self.site.language(self.language)
        return Target(
            language=language.code,
            direction=language.direction,
            url="" if url is None else (self.site.site_url or "/") + url,
            dialled=self.site.dialled,
        )

    @event_priority(-200)  # last: the finished page is what every other plugin left
    def on_post_page(self, output, page, config):
        return finish(output, self.target(page.url))

    @event_priority(-200)
    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):  # sitemap.xml is not a page
            return output_content
        output_content = finish(output_content, self.target(None))
        if template_name == "404.html":
            self.not_found[self.language] = output_content
        return output_content

    @event_priority(-110)  # after mkdocs-static-i18n built every language
    def on_post_build(self, config):
        i18n_plugin = config.plugins.get("i18n")
        if i18n_plugin and i18n_plugin.building:
            return
        site_dir = Path(config.site_dir)
        write_not_found_pages(site_dir, self.site, self.not_found)
        try:  # the posters, A4 and A3 in every language (safetysite.poster_pdf: cached, so quick)
            report = write_posters(self.site, site_dir, preview=not is_release())
        except PosterError as exc:
            raise PluginError(str(exc)) from exc
        # The Posters pages were written before the posters: now their files' sizes are known.
        for missing in write_file_sizes(site_dir, self.site):
            log.warning("no such file for its size: %s", missing)
        write_search_indexes(site_dir, self.site)  # from the finished pages (sizes filled in)
        if config.strict:  # stop, whatever the log level (as for catalogue errors)
            self.refuse(list(report.problems), "posters that do not fit on one page")
        for problem in report.problems:
            log.warning("%s", problem)
        log.info("%s", report)
        # Last: the fonts are cut down to the letters of the finished pages.
        for code, font in write_web_fonts(site_dir, self.site).items():
            log.info("%s: %s", code, ", ".join(f"{f.file} {len(f.data) // 1024} KB" for f in font.faces))

    def on_serve(self, server, config, builder):
        server.watch(str(self.site.locales))
        server.watch(str(self.site.contacts_file))
        server.watch(str(self.site.posters))
        return server
