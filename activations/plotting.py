"""The one renderer of every figure: the site, the tests and ``python -m activations figures`` use it.

Figures carry math and numbers only (no prose), so one file serves both languages. Themes:

* ``auto`` (SVG only, for the page): text, axes and grid are drawn in ``currentColor`` and an embedded
  style picks the colour from ``prefers-color-scheme``, so the figure follows the site's palette;
* ``light`` / ``dark``: fixed colours on an opaque background, for downloads and print.

Output is deterministic: fixed SVG hash salt and no dates or software versions in the metadata.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np

from .analysis import facts, format_number
from .drawers import DRAWERS
from .figures import Figure
from .registry import get
from .spec import Activation

__all__ = ["Canvas", "render", "FORMATS", "THEMES", "CURVE_COLORS"]

FORMATS = ("svg", "png", "pdf")
THEMES = ("auto", "light", "dark")

#: mid-tone curve colours, each >= 3:1 contrast on both the light (#fff) and dark (#1e2029) backgrounds
CURVE_COLORS = ("#3b82f6", "#ea580c", "#16a34a", "#a855f7", "#dc2626", "#0891b2", "#ca8a04", "#db2777")
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
    y = (entry.grad if grad else entry.fn)(x, **{**entry.defaults, **params})
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
    c.legend(ax, loc="best")


def _draw_gradient(c: Canvas, figure: Figure) -> None:
    entry = get(figure.entry)
    fx = facts(entry)
    eps = entry.vanishing_eps
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
    top = float(np.nanmax(dy))
    for boundary in (fx.vanish_neg, fx.vanish_pos):
        if boundary is not None and entry.xlim[0] < boundary < entry.xlim[1] and boundary != 0:
            ax.axvline(boundary, color=c.shade, linewidth=0.9, linestyle=":")
            # the label sits outside the line, at mid-height, where the curve is already small
            offset = -0.08 if boundary < 0 else 0.08
            ax.annotate(f"$x = {format_number(boundary)}$".replace("−", "-"), (boundary + offset, top * 0.5),
                        ha="right" if boundary < 0 else "left", va="center", fontsize=10, color=c.ink,
                        bbox={"boxstyle": "round,pad=0.2", "fc": c.paper, "ec": "none", "alpha": 0.85})
    ax.set_xlim(*entry.xlim)
    c.legend(ax, loc="upper right" if fx.grad_argmax <= 0 else "upper left")


def _param_label(entry: Activation, values: dict[str, float]) -> str:
    by_name = {p.name: p for p in entry.params}
    return "$" + ",\\ ".join(f"{by_name[k].symbol} = {v:g}" for k, v in values.items()) + "$"


def _draw_family(c: Canvas, figure: Figure) -> None:
    entry = get(figure.entry)
    x = _grid(entry)
    f_ax, g_ax = c.axes
    for ax, grad, ylabel in ((f_ax, False, _label(entry)), (g_ax, True, _label(entry, prime=True))):
        c.style_axes(ax)
        for color, values in zip(c.colors, entry.family_values):
            ax.plot(x, _curve(entry, x, grad=grad, **values), color=color, linewidth=1.8,
                    label=_param_label(entry, values))
        ax.set_title(ylabel)
        ax.set_xlim(*entry.xlim)
    c.legend(f_ax, loc="upper left", fontsize=9)


def _draw_overlay(c: Canvas, figure: Figure) -> None:
    f_ax, g_ax = c.axes
    entries = [get(k) for k in figure.args]
    lo = min(e.xlim[0] for e in entries)
    hi = max(e.xlim[1] for e in entries)
    x = np.linspace(lo, hi, 2001)
    styles = ("-", "--", "-.", ":")
    for ax, grad, title in ((f_ax, False, "$f(x)$"), (g_ax, True, "$f'(x)$")):
        c.style_axes(ax)
        for i, entry in enumerate(entries):
            ax.plot(x, _curve(entry, x, grad=grad), color=c.colors[i % len(c.colors)],
                    linestyle=styles[(i // len(c.colors)) % len(styles)], linewidth=1.6,
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


STANDARD = {"function": _draw_function, "gradient": _draw_gradient, "family": _draw_family,
            "overlay": _draw_overlay}
_TWO_PANEL = {"family", "overlay"}


def render(figure: Figure, fmt: str = "svg", *, theme: str = "auto", dpi: int = 300) -> bytes:
    """Render ``figure`` to bytes in ``fmt`` (svg, png or pdf) with ``theme`` (auto is SVG only)."""
    return render_formats(figure, (fmt,), theme=theme, dpi=dpi)[fmt]


_METADATA = {"svg": {"Date": None}, "png": {"Software": None},
             "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}}


def render_formats(figure: Figure, formats: tuple[str, ...], *, theme: str = "auto",
                   dpi: int = 300) -> dict[str, bytes]:
    """Draw ``figure`` once and save it in each of ``formats``: drawing (math text, layout) is most of
    the cost, so the print copies of a figure share one drawing."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
    if theme == "auto" and set(formats) != {"svg"}:
        raise ValueError("theme 'auto' follows the page's palette and exists only for svg")
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    drawn = "light" if theme == "auto" else theme  # auto: the light drawing, recoloured as SVG text
    ink, paper = _THEME_COLORS[drawn]
    out: dict[str, bytes] = {}
    with matplotlib.rc_context(_rc(ink, paper)):
        ncols = 2 if figure.kind in _TWO_PANEL else 1
        fig, axes = plt.subplots(1, ncols, figsize=figure.size, squeeze=False)
        try:
            canvas = Canvas(fig, list(axes[0]), ink, paper)
            draw = STANDARD.get(figure.kind) or DRAWERS[figure.kind].draw
            draw(canvas, figure)
            if not fig.get_layout_engine():
                fig.tight_layout()
            facecolor = _FIGURE_BG if drawn == "light" else paper
            for fmt in formats:
                buf = io.BytesIO()
                fig.savefig(buf, format=fmt, dpi=dpi, facecolor=facecolor, metadata=_METADATA[fmt])
                out[fmt] = buf.getvalue()
        finally:
            plt.close(fig)
    if theme == "auto":
        out["svg"] = palette_svg(out["svg"])
    return out


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
