"""Templates inside a page: ``<!-- include NAME -->`` in Markdown renders a named template there.

The Markdown stays plain (an HTML comment is invisible if nothing replaces it); the site's
generator supplies the renderer, so this module knows nothing of MkDocs or Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["INCLUDE", "render_includes"]

#: ``<!-- include languages -->``: the name is lower-case letters and hyphens.
INCLUDE = re.compile(r"<!-- include ([a-z][a-z-]*) -->")


def render_includes(html: str, render: Callable[[str], str]) -> str:
    """Replace each include comment in ``html`` with ``render(name)``."""
    return INCLUDE.sub(lambda match: render(match.group(1)), html)
