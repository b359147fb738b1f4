"""The MkDocs plugin (entry point ``mkdocs.plugins``: ``safetysite``).

It only wires MkDocs events to the pure engine; see :mod:`.plugin`.
"""

from safetysite.mkdocs_plugin.plugin import CataloguePlugin

__all__ = ["CataloguePlugin"]
