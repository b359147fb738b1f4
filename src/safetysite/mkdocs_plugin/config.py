"""Options of the ``safetysite`` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CatalogueConfig(Config):
    """``plugins: - safetysite: {locales_dir: locales, contacts: data/contacts.yml}``"""

    #: Folder holding messages.pot and <lang>/LC_MESSAGES/messages.po, relative to mkdocs.yml.
    locales_dir = c.Type(str, default="locales")
    #: The contacts data file whose numbers the checks guard, relative to mkdocs.yml.
    contacts = c.Type(str, default="data/contacts.yml")
    #: Languages whose pages load self-hosted fonts, each mapped to its stylesheet under docs/.
    fonts = c.Type(dict, default={})
