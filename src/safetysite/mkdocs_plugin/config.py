"""Options of the ``safetysite`` MkDocs plugin.

The engine reads the same options from ``mkdocs.yml`` itself (:class:`safetysite.site.Site`), so
the ``safetysite`` command and the scripts use them too; MkDocs validates them here.
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CatalogueConfig(Config):
    """``plugins: - safetysite: {locales_dir: locales, contacts: data/contacts.yml}``"""

    #: Folder holding messages.pot and <lang>/LC_MESSAGES/messages.po, relative to mkdocs.yml.
    locales_dir = c.Type(str, default="locales")
    #: The contacts data file whose numbers the checks guard, relative to mkdocs.yml.
    contacts = c.Type(str, default="data/contacts.yml")
    #: The Babel mapping file that says where messages are extracted from, relative to mkdocs.yml.
    mapping = c.Type(str, default="babel.cfg")
    #: The posters' English text (safetysite.poster_text), relative to mkdocs.yml.
    posters = c.Type(str, default="data/posters.yml")
