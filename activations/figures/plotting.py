"""The one renderer of every figure: the site, the tests and ``python -m activations figures`` use it.

Figures carry math and numbers only (no prose), so one file serves both languages. Themes:

* ``auto`` (SVG only, for the page): text, axes and grid are drawn in ``currentColor`` and an embedded
  style picks the colour from ``prefers-color-scheme``, so the figure follows the site's palette;
* ``light`` / ``dark``: fixed colours on an opaque background, for downloads and print.

Output is deterministic: fixed SVG hash salt and no dates or software versions in the metadata.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.analysis import facts, format_number
from ..core.domain import in_domain
from .drawers import DRAWERS
from .inventory import Figure
from ..core.registry import get
from ..core.spec import Activation

__all__ = ["Canvas", "render", "FORMATS", "THEMES", "CURVE_COLORS", "LINE_STYLES"]

FORMATS = ("svg", "png", "pdf")
THEMES = ("auto", "light", "dark")

#: mid-tone curve colours, each >= 3:1 contrast on both the light (#fff) and dark (#1e2029) backgrounds.
#: Seven distinct hues (no two blues or two pinks); colour-blind readers tell curves apart by the line
#: style that overlays change with every curve (LINE_STYLES), not by hue alone.
CURVE_COLORS = ("#3b82f6", "#ea580c", "#16a34a", "#a855f7", "#dc2626", "#0891b2", "#ca8a04")
#: the dash patterns overlays cycle through; with 7 colours and 4 styles the first 28 curves all differ
LINE_STYLES = ("-", "--", "-.", ":")
SHADE_COLOR = "#ef4444"

# Sentinels drawn in the auto theme and replaced in the SVG text afterwards.
# The light theme's colours double as markers: the palette-following SVG is the light SVG with them
# swapped for currentColor / var(--paper) / none, so one drawing serves the page and the print files.
# The three near-whites look white and occur nowhere else (curve colours are saturated; heat maps are
# embedded as raster images).
_INK = "#1f2328"  # text, axes, grid
_PAPER = "#fffffe"  # legends and label boxes
_AXES_BG = "#fffffc"  # the plotting area
_FIGURE_BG = "#fffffd"  # the figure around it
_THEME_COLORS = {"light": (_INK, _PAPER), "dark": ("#e3e6ea", "#1e2029")}
_AUTO_STYLE = (
    "<style>svg{color:#1f2328;--paper:#ffffff}"
    "@media (prefers-color-scheme: dark){svg{color:#e3e6ea;--paper:#1e2029}}</style>"
)


@dataclass
class Canvas:
    """What a drawer gets: the matplotlib figure, its axes, and the colours of the theme."""

    fig: Any
    axes: list[Any]
    ink: str  # text and axes
    paper: str  # background of legends and labels
    colors: tuple[str, ...] = CURVE_COLORS
    shade: str = SHADE_COLOR

    @property
    def ax(self) -> Any:
        return self.axes[0]

    def style_axes(self, ax: Any, xlabel: str = "$x$", origin: bool = True) -> None:
        """The common look: light grid, axes through the origin (if ``origin``), math labels."""
        ax.grid(True, color=self.ink, alpha=0.12, linewidth=0.6)
        if origin:
            ax.axhline(0, color=self.ink, linewidth=0.8, alpha=0.6, zorder=1)
            ax.axvline(0, color=self.ink, linewidth=0.8, alpha=0.6, zorder=1)
        for spine in ax.spines.values():
            spine.set_color(self.ink)
            spine.set_alpha(0.35)
        ax.tick_params(colors=self.ink)
        ax.set_xlabel(xlabel)

    def legend(self, ax: Any, **kwargs: Any) -> None:
        kwargs.setdefault("loc", "best")
        leg = ax.legend(frameon=True, facecolor=self.paper, edgecolor=self.ink, framealpha=0.85, **kwargs)
        leg.get_frame().set_linewidth(0.4)


def _rc(ink: str, paper: str) -> dict[str, Any]:
    return {
        "axes.facecolor": _AXES_BG if paper == _PAPER else paper,
        "svg.hashsalt": "activations",
        "svg.fonttype": "path",
        "mathtext.fontset": "cm",
        "font.size": 11,
        "axes.titlesize": 11,
        "text.color": ink,
        "axes.labelcolor": ink,
        "xtick.color": ink,
        "ytick.color": ink,
        "axes.edgecolor": ink,
        "axes.unicode_minus": True,
        "figure.dpi": 100,
        "path.simplify": True,
    }


def _grid(entry: Activation, n: int = 2001) -> np.ndarray:
    lo, hi = entry.xlim
    return np.linspace(lo, hi, n)


def _break_jumps(y: np.ndarray) -> np.ndarray:
    """NaN between samples where the curve jumps, so a discontinuity is not drawn as a vertical line."""
    y = np.array(y, dtype=float)
    finite = y[np.isfinite(y)]
    span = float(np.ptp(finite)) if finite.size else 0.0
    if span == 0:
        return y
    jump = np.abs(np.diff(y)) > 0.05 * span
    y[1:][jump] = np.nan
    return y


def _label(entry: Activation, prime: bool = False) -> str:
    return f"${entry.symbol}{chr(39) if prime else ''}(x)$"


def _curve(entry: Activation, x: np.ndarray, grad: bool = False, **params: float) -> np.ndarray:
    """The values to draw: NaN (a gap) outside the domain and where the value is ±∞ (the pole at the
    end of a domain, such as log1mexp's at 0, is not a point of the curve). The kernels return NaN
    outside the domain already; the mask keeps that from being evaluated at all."""
    y = np.full(x.shape, np.nan)
    inside = in_domain(entry, x)
    y[inside] = (entry.grad if grad else entry.fn)(x[inside], **{**entry.defaults, **params})
    y[np.isinf(y)] = np.nan
    piecewise = entry.properties.smoothness in ("discontinuous", "C0") if grad else (
        entry.properties.smoothness == "discontinuous")
    return _break_jumps(y) if piecewise else y


def _draw_function(c: Canvas, figure: Figure) -> None:
    entry = get(figure.entry)
    x = _grid(entry)
    ax = c.ax
    c.style_axes(ax)
    ax.plot(x, _curve(entry, x), color=c.colors[0], linewidth=2, label=_label(entry))
    ax.plot(x, _curve(entry, x, grad=True), color=c.colors[1], linewidth=1.8, linestyle="--",
            label=_label(entry, prime=True))
    ax.set_xlim(*entry.xlim)
    if entry.ylim is not None:
        ax.set_ylim(*entry.ylim)
    c.legend(ax, loc="best")


def _draw_gradient(c: Canvas, figure: Figure) -> None:
    entry = get(figure.entry)
    # the numbers the page quotes (a build hands them to its figure workers: activations.figures.cache)
    fx = facts(entry)
    eps, boundaries, grad_argmax = fx.vanishing_eps, (fx.vanish_neg, fx.vanish_pos), fx.grad_argmax
    x = _grid(entry)
    dy = _curve(entry, x, grad=True)
    ax = c.ax
    c.style_axes(ax)
    small = np.abs(entry.grad(x, **entry.defaults)) < eps
    # a full-height band: visible also where f' is exactly 0 (ReLU's dead side)
    ax.fill_between(x, 0, 1, where=small, color=c.shade, alpha=0.18, linewidth=0,
                    transform=ax.get_xaxis_transform())
    ax.axvspan(x[0], x[0], color=c.shade, alpha=0.25, label=f"$|{entry.symbol}'(x)| < {eps:g}$")
    ax.plot(x, dy, color=c.colors[1], linewidth=2, label=_label(entry, prime=True))
    ax.axhline(eps, color=c.shade, linewidth=0.9, linestyle=":")
    if np.nanmin(dy) < 0:
        ax.axhline(-eps, color=c.shade, linewidth=0.9, linestyle=":")
    if entry.ylim is not None:  # a pole: show the derivative up to the entry's y-range, with the
        # bottom margin matplotlib would give that range (its own would follow the pole's huge values)
        low = min(0.0, float(np.nanmin(dy)))
        ax.set_ylim(low - 0.05 * (entry.ylim[1] - low), entry.ylim[1])
    top = float(np.nanmax(dy)) if entry.ylim is None else min(float(np.nanmax(dy)), entry.ylim[1])
    for boundary in boundaries:
        if boundary is not None and entry.xlim[0] < boundary < entry.xlim[1] and boundary != 0:
            ax.axvline(boundary, color=c.shade, linewidth=0.9, linestyle=":")
            # the label sits outside the line, at mid-height, where the curve is already small; when
            # the line is near the edge of the plot, inside it (the label needs a fifth of the width)
            lo, hi = entry.xlim
            outward = -1 if boundary < 0 else 1
            if (boundary - lo if outward < 0 else hi - boundary) < 0.2 * (hi - lo):
                outward = -outward
            ax.annotate(f"$x = {format_number(boundary)}$".replace("−", "-"), (boundary + 0.08 * outward, top * 0.5),
                        ha="left" if outward > 0 else "right", va="center", fontsize=10, color=c.ink,
                        bbox={"boxstyle": "round,pad=0.2", "fc": c.paper, "ec": "none", "alpha": 0.85})
    ax.set_xlim(*entry.xlim)
    c.legend(ax, loc="upper right" if grad_argmax <= 0 else "upper left")


def _param_label(entry: Activation, values: dict[str, float]) -> str:
    by_name = {p.name: p for p in entry.params}
    return "$" + ",\\ ".join(f"{by_name[k].symbol} = {v:g}" for k, v in values.items()) + "$"


def _draw_family(c: Canvas, figure: Figure) -> None:
    entry = get(figure.entry)
    x = _grid(entry)
    f_ax, g_ax = c.axes
    for ax, grad, ylabel in ((f_ax, False, _label(entry)), (g_ax, True, _label(entry, prime=True))):
        c.style_axes(ax)
        for i, (color, values) in enumerate(zip(c.colors, entry.family_values)):
            ax.plot(x, _curve(entry, x, grad=grad, **values), color=color, linewidth=1.8,
                    linestyle=LINE_STYLES[i % len(LINE_STYLES)], label=_param_label(entry, values))
        ax.set_title(ylabel)
        ax.set_xlim(*entry.xlim)
    c.legend(f_ax, loc="upper left", fontsize=9)


def _draw_overlay(c: Canvas, figure: Figure) -> None:
    f_ax, g_ax = c.axes
    entries = [get(k) for k in figure.args]
    lo = min(e.xlim[0] for e in entries)
    hi = max(e.xlim[1] for e in entries)
    x = np.linspace(lo, hi, 2001)
    for ax, grad, title in ((f_ax, False, "$f(x)$"), (g_ax, True, "$f'(x)$")):
        c.style_axes(ax)
        for i, entry in enumerate(entries):
            ax.plot(x, _curve(entry, x, grad=grad), color=c.colors[i % len(c.colors)],
                    linestyle=LINE_STYLES[i % len(LINE_STYLES)], linewidth=1.8,
                    label=_label(entry, prime=grad))
        ax.set_title(title)
        ax.set_xlim(lo, hi)
    f_ax.set_ylim(*_robust_ylim([entry.fn(x) for entry in entries]))
    g_ax.set_ylim(*_robust_ylim([entry.grad(x) for entry in entries]))
    # one legend for both panels, below them, so no curve is hidden behind it
    handles, _ = f_ax.get_legend_handles_labels()
    labels = [_label(e) for e in entries]
    ncol = min(len(entries), 5)
    leg = c.fig.legend(handles, labels, loc="lower center", ncol=ncol, fontsize=9, frameon=False)
    for text in leg.get_texts():
        text.set_color(c.ink)
    rows = -(-len(entries) // ncol)
    c.fig.tight_layout(rect=(0, 0.05 * rows, 1, 1))


def _robust_ylim(curves: list[np.ndarray]) -> tuple[float, float]:
    """Limits that show every curve's interesting part: a curve whose scale is far beyond the others'
    (e.g. an exponential among bounded functions) is clipped instead of flattening the rest."""
    lows, highs = [], []
    for y in curves:
        y = np.asarray(y, dtype=float).ravel()
        y = y[np.isfinite(y)]
        if y.size:
            lows.append(np.percentile(y, 1))
            highs.append(np.percentile(y, 99))
    lows_a, highs_a = np.array(lows), np.array(highs)
    scale = max(float(np.median(highs_a - lows_a)), 1e-9)
    keep = (highs_a - lows_a) <= 4 * scale  # curves of a comparable scale decide the limits
    lo, hi = float(lows_a[keep].min()), float(highs_a[keep].max())
    pad = 0.08 * (hi - lo if hi > lo else 1.0)
    return lo - pad, hi + pad


#: Fixed margins (fractions of the figure) for the standard kinds (a custom drawer may name its own): the plot area sits at the same place in
#: every function's figures, so the pages and the gallery line up, and drawing skips matplotlib's
#: tight_layout (a quarter of the drawing time). They fit the widest tick labels of the catalog;
#: tests/test_figures.py checks that no text of any figure leaves it.
MARGINS = {
    "function": {"left": 0.115, "bottom": 0.164, "right": 0.967, "top": 0.945},
    "gradient": {"left": 0.115, "bottom": 0.164, "right": 0.967, "top": 0.945},
    "family": {"left": 0.066, "bottom": 0.173, "right": 0.978, "top": 0.897, "wspace": 0.152},
}
STANDARD = {"function": _draw_function, "gradient": _draw_gradient, "family": _draw_family,
            "overlay": _draw_overlay}
_TWO_PANEL = {"family", "overlay"}


def render(figure: Figure, fmt: str = "svg", *, theme: str = "auto", dpi: int = 300) -> bytes:
    """Render ``figure`` to bytes in ``fmt`` (svg, png or pdf) with ``theme`` (auto is SVG only)."""
    return render_formats(figure, (fmt,), theme=theme, dpi=dpi)[fmt]


_SVG_METADATA = {"Date": None}  # no date: reproducible bytes


def render_formats(figure: Figure, formats: tuple[str, ...], *, theme: str = "auto",
                   dpi: int = 300) -> dict[str, bytes]:
    """Draw ``figure`` once, as SVG, and return it in each of ``formats``: PNG and PDF are that SVG
    converted (:mod:`activations.figures.print_formats`), so every format shows exactly the same drawing."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
    if theme == "auto" and set(formats) != {"svg"}:
        raise ValueError("theme 'auto' follows the page's palette and exists only for svg")
    # auto: the light drawing, recoloured as SVG text
    svg, size = _draw_svg(figure, "light" if theme == "auto" else theme)
    out: dict[str, bytes] = {}
    if "svg" in formats:
        out["svg"] = palette_svg(svg) if theme == "auto" else svg
    if "png" in formats or "pdf" in formats:
        from . import print_formats

        print_formats.check_vector(svg, figure.id)
        if "png" in formats:
            out["png"] = print_formats.svg_to_png(svg, size, dpi)
        if "pdf" in formats:
            out["pdf"] = print_formats.svg_to_pdf(svg, size)
    return out


_MATHTEXT_LAYOUTS: dict[tuple[Any, ...], Any] = {}


@contextmanager
def _shared_mathtext_layouts() -> Iterator[None]:
    """While we draw, share matplotlib's math-text layouts across renderers.

    matplotlib caches the layout of a ``$...$`` label per renderer, and every layout pass and every
    savefig makes a new renderer, so each figure parsed each of its labels again (pyparsing: about a
    quarter of the drawing time). The layout depends only on the cache key matplotlib itself uses (the
    text, dpi, font properties, antialiasing, hinting) and on the output type, so one process-wide table
    keyed on those gives the same layouts. It replaces a private method, so it is installed only around
    our own drawing; tests/test_figures.py checks that the method is still there in the pinned version."""
    from matplotlib.mathtext import MathTextParser

    cached = MathTextParser.__dict__["_parse_cached"]
    parse = cached.__wrapped__

    def shared(self, s, dpi, prop, antialiased, load_glyph_flags):
        key = (self._output_type, s, dpi, prop, antialiased, load_glyph_flags)
        if key not in _MATHTEXT_LAYOUTS:
            if len(_MATHTEXT_LAYOUTS) > 4096:  # bounded, should labels ever be generated
                _MATHTEXT_LAYOUTS.clear()
            _MATHTEXT_LAYOUTS[key] = parse(self, s, dpi, prop, antialiased, load_glyph_flags)
        return _MATHTEXT_LAYOUTS[key]

    MathTextParser._parse_cached = shared
    try:
        yield
    finally:
        MathTextParser._parse_cached = cached


def _draw_svg(figure: Figure, theme: str) -> tuple[bytes, tuple[float, float]]:
    """The figure drawn by matplotlib in ``theme`` (light or dark), as SVG; and its size in inches."""
    with drawn(figure, theme) as fig:
        buf = io.BytesIO()
        background = _FIGURE_BG if theme == "light" else _THEME_COLORS[theme][1]
        fig.savefig(buf, format="svg", facecolor=background, metadata=_SVG_METADATA)
        width, height = fig.get_size_inches()
    return buf.getvalue(), (float(width), float(height))


@contextmanager
def drawn(figure: Figure, theme: str = "light") -> Iterator[Any]:
    """The matplotlib figure of ``figure``, drawn and laid out, with the renderer's settings active.

    The figure lives on an SVG canvas (no pyplot, no GUI backend), so a layout pass measures text with
    the same vector metrics the SVG then uses: its math-text layouts are reused, not re-parsed and
    rasterised as on the default Agg canvas."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure as MplFigure

    ink, paper = _THEME_COLORS[theme]
    with matplotlib.rc_context(_rc(ink, paper)), _shared_mathtext_layouts():
        fig = MplFigure(figsize=figure.size)
        FigureCanvasSVG(fig)
        axes = fig.subplots(1, 2 if figure.kind in _TWO_PANEL else 1, squeeze=False)
        canvas = Canvas(fig, list(axes[0]), ink, paper)
        draw = STANDARD.get(figure.kind) or DRAWERS[figure.kind].draw
        draw(canvas, figure)
        margins = MARGINS.get(figure.kind) or (None if figure.kind in STANDARD else DRAWERS[figure.kind].margins)
        if margins:
            fig.subplots_adjust(**margins)
        elif not fig.get_layout_engine():
            fig.tight_layout()
        yield fig


def palette_svg(light_svg: bytes) -> bytes:
    """The palette-following SVG of a light-theme SVG: ink becomes ``currentColor``, legend paper
    ``var(--paper)``, the backgrounds transparent, and an embedded style picks the colours from
    ``prefers-color-scheme``."""
    svg = light_svg.decode("utf-8")
    for colour, replacement in ((_INK, "currentColor"), (_PAPER, "var(--paper)"), (_AXES_BG, "none"),
                                (_FIGURE_BG, "none")):
        svg = svg.replace(colour, replacement)
    head_end = svg.index(">", svg.index("<svg")) + 1
    return (svg[:head_end] + _AUTO_STYLE + svg[head_end:]).encode("utf-8")
