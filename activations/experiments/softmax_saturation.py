"""Softmax saturation: when does its Jacobian vanish, and does the gradient of a loss vanish with it?

The study note says that when the logits differ a lot the output is close to one-hot and the derivative
close to 0, "more so in deep networks or with many classes". This experiment measures that with the
registry's own softmax and Jacobian (``get("softmax").fn`` / ``.grad``), on the logits
``x = (Δ, 0, …, 0)`` of ``n`` classes, one logit ahead of the others by the gap Δ:

- the largest Jacobian entry ``max |∂y_i/∂x_j|`` against Δ, and the gap beyond which every entry stays
  below a fraction (``fraction``, 1 %) of the largest value any entry can take, ¼;
- the gradient with respect to the logits of two losses, backpropagated through the Jacobian
  (``Jᵀ ∂L/∂y``) for a target class that is *not* the leading one (a confident, wrong prediction):
  cross-entropy ``L = −ln y_t``, whose gradient is ``y − t`` in closed form, and the squared error on the
  probabilities ``L = ½‖y − t‖²``. Only the second vanishes with the Jacobian.

Closed forms the test checks: for the leading output ``p = 1/(1 + (n−1)e^{−Δ})``; the Jacobian's
entries are ``y_i(δ_ij − y_j)``, so its largest entry is ``p(1 − p)`` once ``p ≥ ½``.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.registry import get
from ..core.spec import T
from ..figures.drawers import drawer
from . import results
from .base import Experiment

__all__ = ["EXPERIMENT", "run", "logits", "last_gap_above"]


def logits(n: int, gap: float) -> np.ndarray:
    """``(gap, 0, …, 0)``: ``n`` logits, the first ahead of the others by ``gap``."""
    if n < 2:
        raise ValueError(f"n must be at least 2 classes, got {n!r}")
    x = np.zeros(n)
    x[0] = gap
    return x


def last_gap_above(gaps: np.ndarray, values: np.ndarray, level: float) -> float | None:
    """The first gap beyond which ``values`` stay below ``level`` (linear interpolation on the crossing);
    None if they never drop below it on the grid."""
    above = np.nonzero(values >= level)[0]
    if len(above) == 0:
        return float(gaps[0])
    i = above[-1]
    if i == len(gaps) - 1:
        return None
    g0, g1, v0, v1 = gaps[i], gaps[i + 1], values[i], values[i + 1]
    return float(g0 + (v0 - level) / (v0 - v1) * (g1 - g0))


def _one_size(n: int, gaps: np.ndarray, fraction: float) -> dict:
    softmax = get("softmax")
    target = np.zeros(n)
    target[1] = 1.0  # a class that is not the leading one: the prediction is confident and wrong
    jac_max, ce, mse, leader = [], [], [], []
    for gap in gaps:
        x = logits(n, gap)
        y = softmax.fn(x)
        jac = softmax.grad(x)  # J[i, j] = ∂y_i/∂x_j
        jac_max.append(float(np.abs(jac).max()))
        leader.append(float(y[0]))
        # backpropagation through the registry's Jacobian: ∂L/∂x = Jᵀ ∂L/∂y
        ce.append(float(np.linalg.norm(jac.T @ (-target / y))))
        mse.append(float(np.linalg.norm(jac.T @ (y - target))))
    jac_max_arr = np.array(jac_max)
    level = fraction * 0.25
    return {
        "n": n,
        "jac_max": jac_max,
        "leader": leader,
        "ce_grad_norm": ce,
        "mse_grad_norm": mse,
        "jac_max_at_zero": jac_max[0],
        # the gap at which the leading output is ½, where the largest entry p(1 − p) peaks at ¼
        "peak_gap": math.log(n - 1),
        "gap_below": last_gap_above(gaps, jac_max_arr, level),
    }


def run(settings: dict) -> dict:
    gaps = np.arange(0.0, settings["max_gap"] + settings["step"] / 2, settings["step"])
    sizes = {str(n): _one_size(n, gaps, settings["fraction"]) for n in settings["classes"]}
    at = settings["report_gap"]
    k = int(round(at / settings["step"]))
    report = {n: {"ce": s["ce_grad_norm"][k], "mse": s["mse_grad_norm"][k], "jac_max": s["jac_max"][k]}
              for n, s in sizes.items()}
    # the naive formula e^x / Σ e^x, without the shift by the maximum, on large logits
    with np.errstate(over="ignore", invalid="ignore"):
        big = np.array([1000.0, 1001.0, 1002.0])
        naive = np.exp(big) / np.exp(big).sum()
    return {
        "gaps": gaps.tolist(),
        "level": settings["fraction"] * 0.25,
        "sizes": sizes,
        "at_report_gap": report,
        "naive_is_nan": bool(np.isnan(naive).all()),
        "stable_finite": bool(np.isfinite(get("softmax").fn(big)).all()),
    }


EXPERIMENT = Experiment(
    name="softmax_saturation",
    title=T("Softmax 的饱和", "Softmax saturation"),
    run=run,
    settings={"classes": (2, 10, 100), "max_gap": 30.0, "step": 0.125, "fraction": 0.01, "report_gap": 10.0},
    per_entry=False,
    figures=("softmax_saturation",),
)


@drawer(
    "softmax_saturation",
    caption=T("上：logits 为 (Δ, 0, …, 0) 时雅可比矩阵的最大元素随差距 Δ 的变化（点线：¼ 的 1%）；"
              "下：n = 10、目标不是领先类别时，交叉熵 −ln y_t 与概率上的平方误差 ½‖y − t‖² 对 logits 的梯度范数",
              "Top: the largest Jacobian entry for the logits (Δ, 0, …, 0) against the gap Δ (dotted: 1 % of ¼); "
              "bottom: for n = 10 and a target that is not the leading class, the norm of the gradient with "
              "respect to the logits of cross-entropy −ln y_t and of the squared error on the probabilities ½‖y − t‖²"),
    alt=T("上图中雅可比矩阵的最大元素随差距先升后降并趋于 0；下图中交叉熵的梯度范数趋于 √2，平方误差的梯度趋于 0",
          "Top: the largest Jacobian entry rises, then falls towards 0 with the gap; bottom: the cross-entropy "
          "gradient norm tends to √2 while the squared-error gradient tends to 0"),
    size=(6.4, 6.4),
)
def _draw(c, figure) -> None:
    data = results.get("softmax_saturation")
    gaps = np.array(data["gaps"])
    c.ax.remove()
    left, right = c.fig.subplots(2, 1, sharex=True)  # stacked: each panel keeps the full width on a phone
    c.axes[:] = [left, right]
    styles = ("-", "--", "-.")
    c.style_axes(left, xlabel="", origin=False)
    # in the settings' order (the cached JSON sorts its keys as text: "10" < "100" < "2")
    for i, n in enumerate(str(n) for n in EXPERIMENT.settings["classes"]):
        size = data["sizes"][n]
        left.semilogy(gaps, size["jac_max"], color=c.colors[i], linestyle=styles[i], linewidth=2,
                      label=f"$n = {n}$")
    left.axhline(data["level"], color=c.ink, alpha=0.6, linewidth=1.2, linestyle=":")
    left.set_ylabel(r"$\max_{ij} |\partial y_i / \partial x_j|$")
    left.set_xlim(gaps[0], gaps[-1])
    c.legend(left, loc="lower left", fontsize=10)
    ten = data["sizes"]["10"]
    c.style_axes(right, xlabel="$\\Delta$", origin=False)
    # the legends are formulas, not words: one figure serves both languages
    right.semilogy(gaps, ten["ce_grad_norm"], color=c.colors[0], linewidth=2, label=r"$L = -\ln y_t$")
    right.semilogy(gaps, ten["mse_grad_norm"], color=c.colors[1], linestyle=styles[1], linewidth=2,
                   label=r"$L = \frac{1}{2}\Vert \mathbf{y} - \mathbf{t} \Vert^2$")
    right.set_ylabel(r"$\Vert \partial L / \partial \mathbf{x} \Vert$")
    right.set_xlim(gaps[0], gaps[-1])
    c.legend(right, loc="lower left", fontsize=10)
