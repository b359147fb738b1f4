"""Public-safety advice site: segmenting, checking and translating Markdown via gettext.

Modules: :mod:`site` (the site context, read once from mkdocs.yml), :mod:`segment` and
:mod:`blocks` (one segmenter), :mod:`extract` (Babel extractors), :mod:`checks` (translation
checks), :mod:`catalog` and :mod:`poformat` (read, update, load, write as GNU gettext does),
:mod:`review` and :mod:`status` (review state, how far each language is), :mod:`translate`
(pages), :mod:`contacts` (the numbers data file), :mod:`fonts`, :mod:`languages`,
:mod:`finish` (the ordered changes to built pages, with :mod:`bidi`, :mod:`pagefix` and
:mod:`search`), :mod:`output` (files written after the build), :mod:`readability`, :mod:`cli`
(the ``safetysite`` command). Only :mod:`safetysite.mkdocs_plugin` imports MkDocs.
"""
