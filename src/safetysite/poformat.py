"""Write catalogues byte for byte as GNU gettext does, so translators' tools cause no churn.

Poedit, ``msgmerge`` and ``msgcat`` all write PO files the GNU way: lines wrapped at 79 columns
by Unicode line-breaking rules, long strings started with ``msgid ""``. Babel wraps differently,
so a catalogue saved by a translator and then by ``safetysite update`` would change hundreds of
lines each time. :func:`gnu_format` passes what Babel writes through GNU ``msgcat``, which
changes only the wrapping; a catalogue that ``msgcat`` leaves alone is therefore stable in every
tool. Without GNU gettext installed the Babel text is kept and :func:`available` says so.
"""

from __future__ import annotations

import shutil
import subprocess

__all__ = ["FormatError", "available", "gnu_format"]


class FormatError(ValueError):
    """GNU msgcat refused the catalogue; the message is msgcat's own."""


def available() -> bool:
    """Whether GNU gettext's ``msgcat`` is installed (Debian: ``apt-get install gettext``)."""
    return shutil.which("msgcat") is not None


def gnu_format(po: bytes) -> bytes:
    """``po`` as GNU msgcat writes it (unchanged if msgcat is not installed)."""
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        return po
    result = subprocess.run([msgcat, "-", "-o", "-"], input=po, capture_output=True, check=False)
    if result.returncode != 0:
        raise FormatError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout
