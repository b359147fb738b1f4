"""Public-safety advice site: segmenting, checking and translating Markdown via gettext.

Modules: :mod:`segment` (one segmenter), :mod:`extract` (Babel extractors),
:mod:`checks` (translation checks), :mod:`catalog` (read, update, load),
:mod:`translate` (pages), :mod:`contacts` (the numbers data file),
:mod:`bidi`, :mod:`pagefix` and :mod:`search` (small changes to built pages),
:mod:`readability`,
:mod:`cli` (the ``safetysite`` command). Only :mod:`safetysite.mkdocs_plugin`
imports MkDocs.
"""
