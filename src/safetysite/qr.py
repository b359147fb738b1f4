"""QR codes as inline SVG, for the posters: one path, black on white, with a quiet zone.

Made with segno (pure Python, maintained). The SVG has an explicit width and height in
millimetres, so a printed code has the size the poster asks for, and a ``<title>`` (the address
it opens), which a tagged PDF uses as the figure's text alternative. Output is deterministic: the
same address and size always give the same text.
"""

from __future__ import annotations

from html import escape

import segno

__all__ = ["QUIET", "qr_svg"]

#: The blank border around the code, in modules: 4 is what the QR standard asks for.
QUIET = 4


def qr_svg(data: str, size_mm: float, *, css_class: str = "qr") -> str:
    """The QR code of ``data`` as an ``<svg>`` element ``size_mm`` wide and high (quiet zone
    included). Error correction M, raised by segno when the code stays the same size."""
    code = segno.make_qr(data, error="m", boost_error=True)
    rows = list(code.matrix_iter(border=QUIET))
    side = len(rows)
    runs = []
    for y, row in enumerate(rows):
        x = 0
        while x < side:
            if row[x]:
                start = x
                while x < side and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    size = f"{size_mm:g}mm"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" width="{size}" height="{size}"'
        f' viewBox="0 0 {side} {side}" shape-rendering="crispEdges">'
        f"<title>{escape(data)}</title>"
        f'<rect width="{side}" height="{side}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )
