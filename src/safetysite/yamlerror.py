"""One line for a YAML syntax error, the same for every YAML file the site reads.

``mkdocs.yml``, ``data/contacts.yml`` and ``data/posters.yml`` all report a syntax error as
``file:line:column: not valid YAML: what the parser found (while ... from line N)``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

__all__ = ["yaml_error"]


def yaml_error(path: Path | str, exc: yaml.YAMLError, text: str = "") -> str:
    """``exc`` as one line naming ``path``, the line and column, and what YAML found (``text``, the
    file's content, places a character YAML refuses)."""
    if isinstance(exc, yaml.reader.ReaderError) and text:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        return f"{path}:{line}:{column}: not valid YAML: {exc.reason} (character #x{code:04x})"
    if not isinstance(exc, yaml.MarkedYAMLError):
        return f"{path}: not valid YAML: {str(exc).splitlines()[0] if str(exc) else 'cannot be read'}"
    mark = exc.problem_mark or exc.context_mark
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    problem = exc.problem or exc.context or "cannot be read"
    if exc.context and exc.problem:
        since = exc.context_mark
        earlier = since and mark and since.line < mark.line
        problem += f" ({exc.context}" + (f" from line {since.line + 1})" if earlier else ")")
    return f"{where}: not valid YAML: {problem}"
