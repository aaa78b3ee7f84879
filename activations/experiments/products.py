"""Exploding products (d2l.ai §4.8; Furstenberg & Kesten 1960; Newman 1986): how fast the norm of a
product of random Gaussian matrices grows, against the top Lyapunov exponent.

For ``M_k`` with i.i.d. N(0, 1) entries of size N×N, ``(1/k) ln ‖M_k ⋯ M_1 v‖`` tends to
λ₁ = ½ (ln 2 + ψ(N/2)) (Newman 1986; Cohen & Newman 1984). For Gaussian matrices the convergence is in
fact exact in mean at every k: ``M u`` is N(0, I) for every unit vector ``u``, so the log-norm increments
``ln ‖M_k u_{k-1}‖`` are i.i.d. with mean ½ (ln 2 + ψ(N/2)) = ½ E[ln χ²_N]. The experiment measures the
rate over ``seeds`` independent products (vectorised over them), renormalising the vector each step.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.spec import T
from ..figures.drawers import drawer
from . import results
from .base import Experiment

__all__ = ["EXPERIMENT", "run", "digamma_half_integer", "top_lyapunov"]


def digamma_half_integer(x: float) -> float:
    """ψ(x) for x a positive integer or half-integer, exactly from ψ(1) = −γ, ψ(½) = −γ − 2 ln 2 and the
    recurrence ψ(x + 1) = ψ(x) + 1/x (so ψ(2) = 1 − γ)."""
    if x <= 0 or 2 * x != int(2 * x):
        raise ValueError(f"x must be a positive integer or half-integer, got {x!r}")
    start = 1.0 if x == int(x) else 0.5
    value = -np.euler_gamma if start == 1.0 else -np.euler_gamma - 2 * math.log(2)
    k = start
    while k < x:
        value += 1 / k
        k += 1
    return float(value)


def top_lyapunov(n: int) -> float:
    """λ₁ = ½ (ln 2 + ψ(n/2)) for products of n×n matrices with i.i.d. N(0, 1) entries."""
    return 0.5 * (math.log(2) + digamma_half_integer(n / 2))


def run(settings: dict) -> dict:
    n, steps, seeds = settings["n"], settings["steps"], settings["seeds"]
    rng = np.random.default_rng(settings["seed"])
    v = np.zeros((seeds, n))
    v[:, 0] = 1.0  # any unit vector: the law of M v does not depend on it
    log_norm = np.zeros((steps, seeds))
    total = np.zeros(seeds)
    for k in range(steps):  # one batched matrix-vector product per step, over all seeds
        v = np.einsum("sij,sj->si", rng.standard_normal((seeds, n, n)), v)
        norm = np.linalg.norm(v, axis=1)
        total += np.log(norm)
        v /= norm[:, None]  # renormalise: the product itself would grow like e^(0.56 k)
        log_norm[k] = total
    rate = log_norm / np.arange(1, steps + 1)[:, None]  # (1/k) ln ‖M_k ⋯ M_1 v‖ per seed
    final = rate[-1]
    return {
        "n": n,
        "lyapunov": top_lyapunov(n),
        "estimate": float(final.mean()),
        "stderr": float(final.std(ddof=1) / math.sqrt(seeds)),
        "rate_mean": rate.mean(axis=1).tolist(),
        "rate_q10": np.quantile(rate, 0.1, axis=1).tolist(),
        "rate_q90": np.quantile(rate, 0.9, axis=1).tolist(),
        # the growth of the product itself after all steps: e^(k λ), the d2l.ai "explosion"
        "log10_norm_median": float(np.median(log_norm[-1]) / math.log(10)),
    }


EXPERIMENT = Experiment(
    name="products",
    title=T("随机矩阵乘积的爆炸", "Exploding products of random matrices"),
    run=run,
    settings={"n": 4, "steps": 100, "seeds": 4096, "seed": 20261203},
    per_entry=False,
    figures=("products_lyapunov",),
)


@drawer(
    "products_lyapunov",
    caption=T("增长率 (1/k) ln‖M_k⋯M₁v‖ 随 k 的变化：各随机种子的均值（实线）、10%–90% 分位带，以及最大 Lyapunov 指数（虚线）",
              "The growth rate (1/k) ln‖M_k⋯M₁v‖ against k: the mean over seeds (solid), the 10–90 % band "
              "across seeds, and the top Lyapunov exponent (dashed)"),
    alt=T("增长率曲线在理论值附近，分位带随 k 增大而收窄",
          "The growth-rate curve sits at the theoretical value; the band across seeds narrows as k grows"),
    size=(6.4, 3.8),
)
def _draw(c, figure) -> None:
    data = results.get("products")
    k = np.arange(1, len(data["rate_mean"]) + 1)
    ax = c.ax
    c.style_axes(ax, xlabel="$k$", origin=False)
    ax.fill_between(k, data["rate_q10"], data["rate_q90"], color=c.colors[0], alpha=0.2, linewidth=0,
                    label="10–90 %")
    ax.plot(k, data["rate_mean"], color=c.colors[0], linewidth=2, label="mean over seeds")
    ax.axhline(data["lyapunov"], color=c.colors[1], linewidth=1.6, linestyle="--",
               label=r"$\lambda_1 = \frac{1}{2}(\ln 2 + \psi(N/2))$")
    ax.set_xlim(1, k[-1])
    ax.set_ylabel(r"$(1/k)\,\ln\Vert M_k \cdots M_1 v \Vert$")
    c.legend(ax, loc="upper right", fontsize=10)
