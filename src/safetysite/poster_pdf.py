"""The posters as PDF files in the built site: rendered with WeasyPrint, kept in a cache.

Each poster in each language (:mod:`safetysite.posters`) is rendered once and written twice: A4,
and A3 as the same page scaled by the square root of 2, so both print alike. The PDFs are tagged
PDF/UA-1 with the document's language and title, their fonts embedded and subset. A poster that
does not fit on one page is rendered again in a smaller size, down to 14 pt; if it still does not
fit, the build is told (a warning, which a strict build refuses).

Rendering takes about a second a poster, so the PDFs are cached on disk
(``$XDG_CACHE_HOME/safetysite/posters``, else ``~/.cache/safetysite/posters``), keyed by a hash
of everything that shapes them: the poster's HTML (its text, numbers, address, pictograms, QR
code and stylesheet), its font files, this module and the WeasyPrint and pydyf versions. An
unchanged poster is a file copy; posters that changed are rendered in parallel, two at a time.
Nothing is fetched from the network: only ``file:`` and ``data:`` addresses are read.

Beside each A4 PDF goes a small preview of it, ``NAME-a4.png`` (:data:`PREVIEW` pixels, for the
Posters page), drawn from the PDF by poppler's ``pdftoppm`` and cached with it under the same key.
"""

from __future__ import annotations

import hashlib
import io
import math
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from safetysite.poster_text import PosterError
from safetysite.posters import SIZES, PosterPage, poster_pages
from safetysite.site import Site, file_digest

__all__ = ["PREVIEW", "Report", "cache_dir", "preview_png", "render", "write_posters"]

#: How much each size is scaled from the A4 layout.
ZOOM = {"a4": 1.0, "a3": math.sqrt(2)}
assert set(ZOOM) == set(SIZES)
#: The base font sizes tried in turn until the poster fits on one page (Clear Print: 14 pt at least).
FONT_SIZES = ("16pt", "15pt", "14pt")
#: Cached files unused for this long are removed.
MAX_AGE_DAYS = 30
WORKERS = 2
#: The preview's width and height in pixels: A4's proportions (the Posters page's <img> says so too).
PREVIEW = (200, 283)


@dataclass
class Report:
    """What :func:`write_posters` did."""

    written: list[Path] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0
    seconds: float = 0.0
    #: Posters that do not fit on one page even at the smallest size.
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.written)} poster PDFs ({self.rendered} rendered, {self.reused} from the cache)"
            f" in {self.seconds:.1f} s"
        )


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where rendered posters are kept between builds."""
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "safetysite" / "posters"


def _key(page: PosterPage) -> str:
    """The hash of everything that shapes the poster's PDFs (see the module's docstring)."""
    parts = [page.html, file_digest(Path(__file__))]
    parts += [f"{name} {metadata.version(name)}" for name in ("weasyprint", "pydyf")]
    parts += [f"{path.name} {file_digest(path)}" for path in page.files]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


_FONT_CONFIG = None


def render(html: str, base: str, label: str = "poster") -> tuple[dict[str, bytes], str]:
    """The poster's PDF in every size, and a problem (``""`` if none): it must fit on one page."""
    global _FONT_CONFIG  # noqa: PLW0603 (one font configuration per process: fonts are loaded once)
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher
    except OSError as exc:  # WeasyPrint loads Pango and HarfBuzz when it is imported
        raise PosterError(
            f"the posters cannot be made: WeasyPrint needs Debian's Pango and HarfBuzz ({exc})\n"
            "  run scripts/setup, or apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
        ) from None

    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    for size in FONT_SIZES:
        sized = html.replace("</style>", f"html {{ font-size: {size}; }}\n</style>", 1)
        document = HTML(string=sized, base_url=base, url_fetcher=fetcher).render(font_config=_FONT_CONFIG)
        if len(document.pages) == 1:
            break
    problem = (
        ""
        if len(document.pages) == 1
        else f"{label}: {len(document.pages)} pages at {size}: shorten its text"
    )
    pdfs = {
        name: document.write_pdf(zoom=zoom, pdf_variant="pdf/ua-1", pdf_tags=True)
        for name, zoom in ZOOM.items()
    }
    return pdfs, problem


def _render_page(args: tuple[str, str, str]) -> tuple[dict[str, bytes], str]:
    return render(*args)


def preview_png(pdf: bytes) -> bytes:
    """The first page of a PDF as a PNG of :data:`PREVIEW` pixels, drawn by poppler's pdftoppm."""
    command = shutil.which("pdftoppm")
    if command is None:
        raise PosterError(
            "the posters' previews cannot be made: pdftoppm is missing\n"
            "  run scripts/setup, or apt-get install poppler-utils"
        )
    width, height = PREVIEW
    with tempfile.TemporaryDirectory(prefix="safetysite-preview-") as folder:
        (Path(folder) / "poster.pdf").write_bytes(pdf)
        args = [command, "-png", "-singlefile", "-f", "1", "-l", "1"]
        args += ["-scale-to-x", str(width), "-scale-to-y", str(height), "poster.pdf", "preview"]
        done = subprocess.run(args, cwd=folder, capture_output=True, check=False)
        png = Path(folder) / "preview.png"
        data = png.read_bytes() if png.exists() else b""
    if done.returncode != 0 or not data.startswith(b"\x89PNG"):
        why = done.stderr.decode(errors="replace").strip()
        raise PosterError(f"pdftoppm could not draw a poster's preview: {why or 'no image'}")
    return _sixteen_colours(data)


def _sixteen_colours(png: bytes) -> bytes:
    """A PNG with a palette of 16 colours: the posters are black text on white with one accent,
    and a preview shrinks to about a third (27 KB to 7 KB) with no difference to see."""
    from PIL import Image  # (WeasyPrint's own dependency)

    image = Image.open(io.BytesIO(png)).convert("RGB")
    fewer = image.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    fewer.save(out, "PNG", optimize=True)
    return out.getvalue()


def _store(cache: Path, files: dict[str, bytes]) -> None:
    """Write files into the cache, each atomically (a parallel build never sees half a file)."""
    cache.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        with tempfile.NamedTemporaryFile(dir=cache, suffix=".tmp", delete=False) as out:
            out.write(data)
        os.replace(out.name, cache / name)


def _prune(cache: Path, used: set[str]) -> None:
    """Remove cached posters no build has used for :data:`MAX_AGE_DAYS` days."""
    now = time.time()
    for path in [*cache.glob("*.pdf"), *cache.glob("*.png"), *cache.glob("*.problem")]:
        key = path.stem.split("-", 1)[0]
        if key in used:
            os.utime(path)
        elif now - path.stat().st_mtime > MAX_AGE_DAYS * 86400:
            path.unlink(missing_ok=True)


def write_posters(
    site: Site, site_dir: Path, *, preview: bool, cache: Path | None = None, workers: int = WORKERS
) -> Report:
    """Write every poster's PDFs into ``site_dir``, rendering only those not in the cache."""
    started = time.perf_counter()
    report = Report()
    cache = cache or cache_dir()
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:  # no writable cache: render into a folder that lasts this build only
        cache = Path(tempfile.mkdtemp(prefix="safetysite-posters-"))
    pages = {_key(page): page for page in poster_pages(site, preview=preview)}
    missing = [key for key in pages if not all((cache / f"{key}-{size}.pdf").exists() for size in SIZES)]
    jobs = [(pages[key].html, pages[key].base.resolve().as_uri() + "/", pages[key].label) for key in missing]
    if len(jobs) > 1 and workers > 1:
        context = multiprocessing.get_context("spawn")  # safe beside mkdocs serve's threads
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
            results = list(pool.map(_render_page, jobs))
    else:
        results = [_render_page(job) for job in jobs]
    for key, (pdfs, problem) in zip(missing, results, strict=True):
        files = {f"{key}-{size}.pdf": data for size, data in pdfs.items()}
        # the problem first: the PDFs are what marks a poster done, so an interrupted build can
        # never leave a poster that does not fit looking as if it did
        _store(cache, ({f"{key}.problem": problem.encode("utf-8")} if problem else {}) | files)
    for key in pages:  # the previews (made here too for PDFs cached before there were previews)
        if not (cache / f"{key}-a4.png").exists():
            _store(cache, {f"{key}-a4.png": preview_png((cache / f"{key}-a4.pdf").read_bytes())})
    problems = [cache / f"{key}.problem" for key in pages]
    report.problems = [path.read_text(encoding="utf-8") for path in problems if path.exists()]
    report.rendered, report.reused = len(missing), len(pages) - len(missing)
    for key, page in pages.items():
        for size in SIZES:
            target = site_dir / page.target(size)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache / f"{key}-{size}.pdf", target)
            report.written.append(target)
        preview = site_dir / (page.target("a4").removesuffix(".pdf") + ".png")
        shutil.copyfile(cache / f"{key}-a4.png", preview)
    _prune(cache, set(pages))
    report.seconds = time.perf_counter() - started
    return report
