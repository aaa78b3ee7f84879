"""The small figure of every element-wise function page's "In a deep network" section: how the
gradient norm falls (or not) through the depth experiment's nets, one curve per initialisation.

Not an experiment itself (no ``EXPERIMENT``): it draws the result of :mod:`.depth`.
"""

from __future__ import annotations

import numpy as np

from ..core.registry import get as get_entry
from ..core.spec import T
from ..figures.drawers import drawer
from . import results

__all__ = ["THRESHOLDS", "INIT_LABELS"]

#: how the initialisations are named in figures (proper names: no translation needed)
INIT_LABELS = {"xavier": "Xavier", "he": "He", "lecun": "LeCun"}

#: the gradient-norm ratios the depth experiment reports a depth for (1 % and 0.1 %)
THRESHOLDS = (0.01, 0.001)
_STYLES = ("-", "--", ":")


@drawer(
    "deep_network",
    caption=T("{name}：全连接网络在初始化时，各层梯度范数与顶层之比（对数坐标；每种初始化一条曲线）",
              "{name}: gradient norm of each layer relative to the top layer of a fully connected net at "
              "initialisation (log scale; one curve per initialisation)"),
    alt=T("{name}网络中梯度范数随深度变化的曲线，三种初始化各一条",
          "Curves of the gradient norm against depth in a {name} network, one per initialisation"),
    size=(6.4, 3.6),
    # drawn for every function page alike: fixed margins, those tight_layout gives the widest tick labels
    # (a quarter of this figure's drawing time; tests/test_figures.py checks that every label fits)
    margins={"left": 0.142, "bottom": 0.173, "right": 0.974, "top": 0.939},
)
def _draw(c, figure) -> None:
    entry = get_entry(figure.entry)
    data = results.get("depth", entry.key)
    ax = c.ax
    c.style_axes(ax, xlabel="$k$", origin=False)
    for i, init in enumerate(INIT_LABELS):
        norms = np.asarray(data[init]["grad_norm"], dtype=float)
        k = np.arange(norms.size)
        shown = np.where(norms > 0, norms, np.nan)  # exactly 0 (a dead net) has no place on a log axis
        ax.plot(k, shown, color=c.colors[i], linestyle=_STYLES[i], linewidth=2, label=INIT_LABELS[init])
    for level in THRESHOLDS:
        ax.axhline(level, color=c.shade, linewidth=0.9, linestyle=":")
    ax.set_yscale("log")
    ax.set_ylabel(r"$\Vert \partial L/\partial h_{L-k} \Vert \,/\, \Vert \partial L/\partial h_L \Vert$")
    ax.set_xlim(0, max(len(data[init]["grad_norm"]) for init in INIT_LABELS) - 1)
    c.legend(ax, loc="lower left", fontsize=10)
