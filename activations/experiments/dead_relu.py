"""Born-dead networks (Lu, Shin, Su & Karniadakis 2020, "Dying ReLU and initialization"): the
probability that a narrow deep net is a constant function of its input at initialisation.

What is implemented (stated exactly, since the page compares with the paper's claim, not its code):

* a net R → R of ``depth`` hidden layers of ``width`` units, ``h_l = f(h_{l-1} W_l + b_l)``, with a
  linear read-out; symmetric initialisation: every weight and every bias N(0, 2/fan_in) (He-scaled);
* inputs: ``inputs`` equally spaced points of Ω = [−√3, √3] (unit variance, as a standardised input);
* "constant on Ω": every unit of the last hidden layer takes the same value at all the inputs, up to
  ``tolerance`` × max(1, max |h|), or some earlier layer did so exactly (then every later one does too) (then the read-out is constant too; a nonzero read-out of a
  non-constant layer is constant only with probability 0). For ReLU a born-dead net is exactly constant
  (spread 0: ``exact``, what the page calls born dead; ``constant`` also counts the few nets with a unit
  barely active at one input); Leaky ReLU is injective, so its net is never exactly constant: what is measured for it is
  a *numerically* constant output (a collapse of the spread below the tolerance); ELU's negative side
  saturates to exactly −1 in float64 below x ≈ −37, so it can become exactly constant numerically;
* "dead at x₀" (ReLU): some hidden layer is all zero at the input x₀ = √3. Given a nonzero input, each
  unit's pre-activation is symmetric and continuous, so a layer is all zero with probability 2^(−w),
  independently of the layers before it: P(dead at x₀ by depth d) = 1 − (1 − 2^(−w))^d exactly. A net
  constant on Ω has (almost surely) a hidden layer that is zero on all of Ω, so this is also an upper
  bound of P(constant on Ω); both tend to 1 with depth at fixed width, the paper's result.

Every depth 1..``depth`` comes from the same nets (the first d layers), ``trials`` nets per width,
vectorised over nets and inputs (batched matrix products).
"""

from __future__ import annotations

import math

import numpy as np

from ..core.registry import get as get_entry
from ..core.spec import T
from ..figures.drawers import drawer
from . import results
from .base import Experiment

__all__ = ["EXPERIMENT", "run", "dead_at_point"]


def dead_at_point(width: int, depth: int) -> float:
    """P(some hidden layer of a ReLU net is all zero at a fixed nonzero input) = 1 − (1 − 2^(−w))^d."""
    return 1.0 - (1.0 - 2.0**-width) ** depth


def _simulate(key: str, width: int, settings: dict, rng: np.random.Generator) -> dict:
    entry = get_entry(key)
    trials, depth, tol = settings["trials"], settings["depth"], settings["tolerance"]
    x = np.linspace(-math.sqrt(3), math.sqrt(3), settings["inputs"])
    h = np.broadcast_to(x[None, :, None], (trials, x.size, 1))
    constant = np.empty(depth)
    exact = np.empty(depth)
    dead = np.zeros(trials, dtype=bool)
    # A layer equal at every input makes every later layer equal at every input: once exactly constant,
    # a net stays so. Carried per net, because the arithmetic does not guarantee it: OpenBLAS's kernels
    # on some CPUs (AVX-512) round identical rows of a product differently from fan-in 8 on, so a
    # spread recomputed at each layer could leave 0 again (38 cells of ReLU went down with depth).
    exactly_constant = np.zeros(trials, dtype=bool)
    dead_at_x = np.empty(depth)
    for layer in range(depth):
        fan_in = h.shape[-1]
        std = math.sqrt(2.0 / fan_in)
        w = rng.standard_normal((trials, fan_in, width)) * std
        b = rng.standard_normal((trials, 1, width)) * std
        h = entry.fn(h @ w + b, **entry.defaults)  # (trials, inputs, width)
        spread = np.ptp(h, axis=1).max(axis=1)
        scale = np.maximum(1.0, np.abs(h).max(axis=(1, 2)))
        exactly_constant |= spread == 0
        constant[layer] = np.mean(exactly_constant | (spread <= tol * scale))
        exact[layer] = np.mean(exactly_constant)
        dead |= np.all(h[:, -1, :] == 0, axis=1)  # x₀ = √3, the last input
        dead_at_x[layer] = dead.mean()
    return {"constant": constant.tolist(), "exact": exact.tolist(), "dead_at_x": dead_at_x.tolist()}


def run(settings: dict) -> dict:
    rng = np.random.default_rng(settings["seed"])
    out: dict = {"widths": list(settings["widths"]), "depths": list(range(1, settings["depth"] + 1))}
    for key in settings["entries"]:
        per_width = [_simulate(key, w, settings, rng) for w in settings["widths"]]
        out[key] = {field: [p[field] for p in per_width] for field in per_width[0]}
    out["bound"] = [[dead_at_point(w, d) for d in out["depths"]] for w in settings["widths"]]
    # P = 1/2 has the largest binomial standard error: sqrt(1/4 / trials)
    out["max_stderr"] = math.sqrt(0.25 / settings["trials"])
    return out


EXPERIMENT = Experiment(
    name="dead_relu",
    title=T("生来即死的 ReLU 网络", "Born-dead ReLU networks"),
    run=run,
    settings={"entries": ["relu", "leaky_relu", "elu"], "widths": list(range(2, 11)), "depth": 50,
              "trials": 1000, "inputs": 33, "tolerance": 1e-9, "seed": 20261203},
    per_entry=False,
    figures=("dead_relu_depth", "dead_relu_others"),
)

#: the widths the figures show (few curves per panel: legible at phone width)
_FIGURE_WIDTHS = (2, 3, 4, 6, 10)
_STYLES = ("-", "--", "-.", (0, (8, 2)), (0, (3, 1, 1, 1, 1, 1)))  # dotted is the exact bound's


def _curves(c, ax, data: dict, key: str, field: str, with_bound: bool) -> None:
    depths = np.asarray(data["depths"])
    for i, w in enumerate(_FIGURE_WIDTHS):
        row = data["widths"].index(w)
        ax.plot(depths, data[key][field][row], color=c.colors[i], linestyle=_STYLES[i], linewidth=1.8,
                label=f"$w = {w}$")
        if with_bound:
            ax.plot(depths, data["bound"][row], color=c.colors[i], linestyle=":", linewidth=0.9, alpha=0.8,
                    label=r"$1 - (1 - 2^{-w})^d$" if i == 0 else None)
    ax.set_xlim(1, depths[-1])
    ax.set_ylim(-0.02, 1.02)


@drawer(
    "dead_relu_depth",
    caption=T("ReLU 网络在初始化时即为（精确的）常函数的概率随深度 d 的变化（每个宽度 w 一条曲线）；细点线为 1 − (1 − 2⁻ʷ)ᵈ",
              "The probability that a ReLU net is (exactly) constant at initialisation against its depth d (one curve "
              "per width w); thin dotted lines: 1 − (1 − 2⁻ʷ)ᵈ"),
    alt=T("各宽度的曲线随深度单调上升趋向 1，越窄上升越快",
          "The curves rise monotonically towards 1 with depth, the faster the narrower the net"),
    size=(6.4, 4.0),
)
def _draw_relu(c, figure) -> None:
    data = results.get("dead_relu")
    ax = c.ax
    c.style_axes(ax, xlabel="$d$", origin=False)
    _curves(c, ax, data, "relu", "exact", with_bound=True)
    ax.set_ylabel("P(constant)")
    # above the plot: inside, any corner hides a curve
    c.legend(ax, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=10)


@drawer(
    "dead_relu_others",
    caption=T("同样的网络换成 Leaky ReLU（上）与 ELU（下）：输出在数值上为常数（各输入间的差 ≤ 容差）的比例",
              "The same nets with Leaky ReLU (top) and ELU (bottom): the fraction whose output is numerically "
              "constant (spread across the inputs within the tolerance)"),
    alt=T("两幅曲线图：Leaky ReLU 与 ELU 网络数值上为常数的比例随深度的变化",
          "Two panels: the fraction of numerically constant Leaky ReLU and ELU nets against depth"),
    size=(6.4, 6.0),
)
def _draw_others(c, figure) -> None:
    data = results.get("dead_relu")
    c.ax.remove()
    axes = c.fig.subplots(2, 1, sharex=True)
    for ax, key in zip(axes, ("leaky_relu", "elu")):
        c.style_axes(ax, xlabel="$d$", origin=False)
        _curves(c, ax, data, key, "constant", with_bound=False)
        ax.set_ylabel("P(constant)")
        ax.set_title(get_entry(key).name.en, color=c.ink)
    axes[0].set_xlabel("")
    c.legend(axes[0], loc="upper left", fontsize=10)
