"""Babel extractors for the site's Markdown pages, its ``mkdocs.yml`` and the posters' text.

Registered in the ``babel.extractors`` entry-point group as ``markdown``,
``mkdocs_yaml`` and ``posters``, so a mapping file can say ``[markdown: docs/**.md]`` and
``pybabel extract -F babel.cfg`` finds them. Templates in ``overrides/`` are
read by Jinja2's own extractor (``jinja2.ext:babel_extract``).

Each message carries an extracted comment that says what it is (a heading, a
list item, a table cell...), which the translator sees as ``#.`` and the markup
check reads back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml

from safetysite.poster_text import read_posters
from safetysite.segment import KINDS, segment

__all__ = ["extract_markdown", "extract_mkdocs_yaml", "extract_posters"]

Extracted = Iterator[tuple[int, str | None, str, list[str]]]


def extract_markdown(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Extracted:
    """Yield one message per segment of a Markdown page."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for seg in segment(source).segments:
        yield seg.line, None, seg.msgid, [KINDS[seg.kind]]


class MkDocsLoader(yaml.SafeLoader):
    """A YAML loader that keeps unknown tags (``!!python/name:``) as plain nodes."""


MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)

#: Top-level keys of mkdocs.yml a reader sees, with what they are.
_SITE_KEYS = {"site_name": "site name", "site_description": "site description", "copyright": "footer text"}


def _nav(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """The title nodes of a ``nav`` tree (``- Title: page.md`` and sections)."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key
            yield from _nav(value)


def extract_mkdocs_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Extracted:
    """Yield the site name, description, copyright line and navigation titles."""
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=MkDocsLoader)
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value in _SITE_KEYS and isinstance(value, yaml.ScalarNode) and value.value:
            yield value.start_mark.line + 1, None, value.value, [_SITE_KEYS[key.value]]
        elif key.value == "nav":
            for title in _nav(value):
                yield title.start_mark.line + 1, None, title.value, ["navigation title"]


def extract_posters(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Extracted:
    """Yield every line of the posters' text (``data/posters.yml``), each with a note saying
    which poster and which part it is. A mistake in the file stops the extraction with its line."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    for message in read_posters(text, Path(getattr(fileobj, "name", "data/posters.yml"))).messages():
        yield message.line, None, message.msgid, [message.note]
