"""PNG and PDF from a figure's SVG, with Skia: the print files are the SVG the page shows, converted.

matplotlib draws each figure once, as SVG (see :mod:`activations.figures.plotting`). Drawing again for PNG
(Agg) and PDF cost twice as much as the SVG itself, so the other formats are converted from that SVG:
Skia renders it to a PDF page (vector; text is already outlined in the SVG) and rasterises it for the
PNG. Both are deterministic: no dates in the PDF, no text or time chunks in the PNG.

Skia's SVG reader does not decode embedded raster images, so figures must be drawn with vector artists
(``pcolormesh``, not ``imshow``); :func:`check_vector` says so instead of dropping the image silently.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from zlib_ng import zlib_ng

__all__ = ["svg_to_png", "svg_to_pdf", "check_vector"]


def check_vector(svg: bytes, name: str) -> None:
    if b"<image" in svg:
        raise ValueError(f"figure {name} embeds a raster image, which the PNG/PDF conversion cannot "
                         "reproduce: draw it with vector artists (e.g. pcolormesh instead of imshow)")


def _skia():
    """The skia module, or an error that says what to install: its Linux wheel links to the system's
    EGL/GL libraries (installed by `make`, see scripts/system-deps.sh)."""
    try:
        import skia
    except ImportError as err:
        raise RuntimeError(
            f"skia-python cannot be loaded ({err}). PNG and PDF figures need it: install the Python "
            "packages (`make setup`) and, on Linux, the EGL/GL libraries it links to "
            "(Debian/Ubuntu: apt-get install libegl1 libgl1)") from err
    return skia


def _dom(svg: bytes):
    skia = _skia()
    dom = skia.SVGDOM.MakeFromStream(skia.MemoryStream(svg))
    if dom is None:
        raise ValueError("Skia could not read the SVG")
    return dom


def _draw(dom, canvas, width: float, height: float) -> None:
    """Draw the SVG scaled to ``width`` x ``height`` units of ``canvas``. Skia sizes the SVG's own
    ``pt`` units its own way; scaling its intrinsic size to the target keeps the figure's exact size."""
    intrinsic = dom.containerSize()
    canvas.scale(width / intrinsic.width(), height / intrinsic.height())
    dom.render(canvas)


def svg_to_png(svg: bytes, size_inches: tuple[float, float], dpi: int) -> bytes:
    """An opaque RGB PNG of ``size_inches`` at ``dpi`` (recorded in the file, so it prints at size)."""
    skia = _skia()
    dom = _dom(svg)
    width, height = round(size_inches[0] * dpi), round(size_inches[1] * dpi)
    pixels, rows = _buffers(width, height)
    with skia.Surface(pixels, colorType=skia.kRGBA_8888_ColorType) as canvas:  # draws into `pixels`
        canvas.clear(skia.ColorWHITE)
        _draw(dom, canvas, width, height)
    # RGB after each row's filter byte; channel by channel, several times faster in NumPy than one
    # (h, w, 3) <- (h, w, 4) copy
    packed, body = pixels.reshape(height, 4 * width), rows[:, 1:]
    for channel in range(3):
        body[:, channel::3] = packed[:, channel::4]
    # PNG's "Up" filter: each byte minus the one above it (the first row: minus 0), so the rows a plot
    # repeats (background, the area between two lines) become runs of zeros
    body[1:] -= body[:-1].copy()
    return _png(rows, width, height, dpi)


_BUFFER_CACHE: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}


def _buffers(width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """An RGBA canvas and the PNG's rows (a filter byte, then RGB), reused across figures of one size:
    fresh 10 MB arrays for every figure cost more in page faults than the drawing."""
    if (width, height) not in _BUFFER_CACHE:
        if len(_BUFFER_CACHE) > 8:
            _BUFFER_CACHE.clear()
        rows = np.full((height, 1 + 3 * width), 2, np.uint8)  # filter byte 2: "Up" on every row
        _BUFFER_CACHE[width, height] = (np.empty((height, width, 4), np.uint8), rows)
    return _BUFFER_CACHE[width, height]


def _png(rows: np.ndarray, width: int, height: int, dpi: int) -> bytes:
    """The PNG file of ``rows`` (8-bit RGB, each row led by its filter byte, filtered).

    Written here rather than by Pillow, which tries five filters on every row, and compressed by
    zlib-ng rather than zlib: on these plots (flat background, thin lines) one filter for every row
    does as well, and zlib-ng's level 4 on "Up"-filtered rows gives files of the size zlib's level 4
    gave unfiltered ones (about 85 kB for a 1920 x 1140 figure) in a quarter of the time (5 ms, not
    22 ms: a sixth of a figure's cost before). The deflate stream is standard: any PNG reader reads it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    per_metre = round(dpi / 0.0254)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),  # 8-bit RGB
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),  # pixels per metre: the dpi
        chunk(b"IDAT", zlib_ng.compress(rows.tobytes(), 4)),
        chunk(b"IEND", b""),
    ))


def svg_to_pdf(svg: bytes, size_inches: tuple[float, float]) -> bytes:
    """A one-page vector PDF of ``size_inches``."""
    skia = _skia()
    dom = _dom(svg)
    width, height = size_inches[0] * 72, size_inches[1] * 72  # PDF units are points
    stream = skia.DynamicMemoryWStream()
    metadata = skia.PDF.Metadata()  # no creation or modification date: reproducible bytes
    document = skia.PDF.MakeDocument(stream, metadata)
    canvas = document.beginPage(width, height)
    _draw(dom, canvas, width, height)
    document.endPage()
    document.close()
    return bytes(stream.detachAsData())
