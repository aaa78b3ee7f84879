"""Periodic functions added with the self-gated batch: Snake (x + sin²(ax)/a, Ziyin et al. 2020) and the
growing cosine unit (x cos x, Noel et al. 2021). Sine and sinc are in :mod:`activations.catalog.other`.

sin and cos of ±inf are NaN (the honest answer for a function without a limit), produced without an
"invalid" warning (``_finite_or_nan`` of :mod:`activations.catalog.other`). The C library's sin and cos
reduce their argument exactly, so sin(x) and cos(x) keep their relative accuracy near their zeros for
every finite x; what the kernels add is to avoid sums that cancel.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.arrays import elementwise
from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import two_square, two_sum
from .other import _finite_or_nan

# --- Snake -----------------------------------------------------------------------------------------

SNAKE_A = Param(
    "a", 1.0, "a",
    T("频率：a 越大振荡越快、越小（幅度 1/a）；a → 0 时趋于恒等函数，a = 0 即取这个极限。",
      "Frequency: larger a oscillates faster and with a smaller amplitude (1/a); as a → 0 it tends to the "
      "identity, and a = 0 is that limit."),
    ">= 0 and finite", lambda v: 0.0 <= v < math.inf,
    span=(0.0, 5.0),
)


def _snake_t(x: np.ndarray, a: float) -> np.ndarray:
    """t = a x, NaN where x is ±inf or a x overflows (x beyond max/a, where sin²(t)/a <= 1/a is far below
    an ulp of x: the callers replace the term by 0 there)."""
    with np.errstate(over="ignore"):
        t = a * _finite_or_nan(x)
    return _finite_or_nan(t)


@elementwise
def snake(x: np.ndarray, a: float = 1.0) -> np.ndarray:
    r""":math:`x + \sin^2(ax)/a`. The square is formed exactly (Dekker) from sin t, t = ax, where
    :math:`\sin^2 t < 1/2`, and as :math:`(1 - \cos 2t)/2` elsewhere (2t is exact and
    :math:`1 - \cos 2t \ge 1` does not cancel), so the error of sin or cos is not doubled where
    :math:`\sin^2` is large; the sum with x is TwoSum plus the low parts, rounded once. a = 0: the
    limit x (the term is a x² + O(a³))."""
    b = SNAKE_A.check(a)
    if b == 0.0:
        return x.copy()
    t = _snake_t(x, b)
    finite = np.isfinite(t)
    tf = np.where(finite, t, 0.0)
    s = np.sin(tf)
    h, l = two_square(s)
    big = (h >= 0.5) & (np.abs(tf) < 2.0**1022)  # (beyond, 2t overflows and sin² t is far below an ulp of x)
    c2 = np.cos(2.0 * np.where(big, tf, 0.0))
    hc, lc = two_sum(np.ones_like(c2), -c2)
    q_hi = np.where(big, 0.5 * hc, h)
    q_lo = np.where(big, 0.5 * lc, l)
    if b != 1.0:
        q_hi, q_lo = q_hi / b, q_lo / b
    q_hi = np.where(finite, q_hi, 0.0)
    q_lo = np.where(finite, q_lo, 0.0)
    xs = np.where(np.isfinite(x), x, 0.0)
    y, e = two_sum(xs, q_hi)
    out = y + (e + q_lo)
    return np.where(np.isfinite(x), out, x)


@elementwise
def snake_grad(x: np.ndarray, a: float = 1.0) -> np.ndarray:
    r""":math:`1 + \sin 2ax`, as written where :math:`\sin 2ax \ge 0` and as
    :math:`\cos^2(2ax)/(1 - \sin 2ax)` where it is negative: the same value, but near the points where
    the derivative touches 0 (:math:`\sin 2ax = -1`) the cosine carries the small value with full relative
    accuracy instead of 1 + sin cancelling. The square and the division are compensated. a = 0: 1.
    Where a x overflows (a > 1 and |x| > max/a) the value cannot be resolved and 1, its mean, is returned;
    ±inf gives 1 too (the derivative has no limit there)."""
    b = SNAKE_A.check(a)
    if b == 0.0:
        return np.where(np.isnan(x), x, 1.0)
    t = _snake_t(x, b)
    finite = np.isfinite(t)
    tf = np.where(finite, t, 0.0)
    huge = np.abs(tf) > 2.0**1022  # 2t would overflow: sin 2t = 2 sin t cos t, cos 2t = (c - s)(c + s)
    y = 2.0 * np.where(huge, 0.0, tf)
    st, ct = np.sin(np.where(huge, tf, 0.0)), np.cos(np.where(huge, tf, 0.0))
    s = np.where(huge, 2.0 * st * ct, np.sin(y))
    c = np.where(huge, (ct - st) * (ct + st), np.cos(np.where(s < 0, y, 0.0)))
    h, l = two_square(c)
    d, d_lo = two_sum(np.ones_like(s), -np.minimum(s, 0.0))  # 1 - s in [1, 2] where s < 0
    q = h / d
    q = q + ((h - q * d) + l - q * d_lo) / d
    out = np.where(s < 0, q, 1.0 + s)
    # a x itself overflows (a > 1, |x| > max/a): sin(ax) cannot be resolved; 1, the mean of 1 + sin
    return np.where(finite, out, np.where(np.isnan(x), x, 1.0))


# --- growing cosine unit -----------------------------------------------------------------------------


@elementwise
def gcu(x: np.ndarray) -> np.ndarray:
    r""":math:`x\cos x` (NaN for ±inf, without a warning)."""
    xf = _finite_or_nan(x)
    return xf * np.cos(xf)


@elementwise
def gcu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\cos x - x\sin x` as written (NaN for ±inf). The two terms cancel at the roots of the
    derivative (tan x = 1/x, one in every interval of length π), where the relative error grows."""
    xf = _finite_or_nan(x)
    return np.cos(xf) - xf * np.sin(xf)


# --- registry entries ----------------------------------------------------------------------------

ZIYIN_2020 = Reference(
    "L. Ziyin, T. Hartwig, M. Ueda", 2020,
    "Neural Networks Fail to Learn Periodic Functions and How to Fix It",
    "NeurIPS 2020 (arXiv:2006.08195)", "https://arxiv.org/abs/2006.08195",
)
NOEL_2021 = Reference(
    "M. M. Noel, A. L, A. Trivedi, P. Dutta", 2021,
    "Growing Cosine Unit: A Novel Oscillatory Activation Function That Can Speedup Training and Reduce "
    "Parameters in Convolutional Neural Networks", "arXiv:2108.12943", "https://arxiv.org/abs/2108.12943",
)

REAL_LINE = Bounds(r"(-\infty,\ +\infty)", -inf, inf)

ENTRIES = [
    Activation(
        key="snake",
        name=T("Snake 函数", "Snake"),
        aliases=("snake activation", "蛇形激活函数"),
        family="other",
        symbol=r"\operatorname{Snake}_a",
        fn=snake,
        grad=snake_grad,
        tex=r"\operatorname{Snake}_a(x) = x + \frac{1}{a}\sin^2(ax)",
        grad_tex=r"\operatorname{Snake}_a'(x) = 1 + \sin(2ax)",
        stable_tex=(
            r"\operatorname{Snake}_a'(x) = \begin{cases} 1 + \sin 2ax & \sin 2ax \ge 0 \\[1ex]"
            r" \dfrac{\cos^2 2ax}{1 - \sin 2ax} & \sin 2ax < 0 \end{cases}"
        ),
        params=(SNAKE_A,),
        family_values=({"a": 0.5}, {"a": 1.0}, {"a": 2.0}, {"a": 5.0}),
        properties=Properties(
            range=REAL_LINE,
            grad_range=Bounds(r"[0,\ 2]", 0.0, 2.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("在恒等函数上叠加周期为 π/a 的 sin² 波纹：单调、不饱和，让网络能外推周期信号。",
                  "The identity plus a sin² ripple of period π/a: monotonic and non-saturating, it lets a "
                  "network extrapolate periodic signals."),
        references=(ZIYIN_2020,),
        api=Api(None, None, None),
        xlim=(-6.0, 6.0),
    ),
    Activation(
        key="gcu",
        name=T("增长余弦单元", "Growing cosine unit (GCU)"),
        aliases=("GCU", "growing cosine unit", "x cos x"),
        family="other",
        symbol=r"\operatorname{GCU}",
        fn=gcu,
        grad=gcu_grad,
        tex=r"\operatorname{GCU}(x) = x\cos x",
        grad_tex=r"\operatorname{GCU}'(x) = \cos x - x\sin x",
        properties=Properties(
            range=REAL_LINE,
            grad_range=REAL_LINE,
            monotonic=False,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("x·cos x：振幅随 |x| 线性增长的振荡函数，有无穷多个零点，单个神经元就能表示 XOR。",
                  "x·cos x: an oscillation whose amplitude grows linearly with |x|; its infinitely many zeros "
                  "let a single neuron represent XOR."),
        references=(NOEL_2021,),
        api=Api(None, None, None),
        xlim=(-10.0, 10.0),
    ),
]
