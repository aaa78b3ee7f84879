"""Periodic functions added with the self-gated batch: Snake (x + sin²(ax)/a, Ziyin et al. 2020) and the
growing cosine unit (x cos x, Noel et al. 2021). Sine and sinc are in :mod:`activations.catalog.other`.

sin and cos of ±inf are NaN (the honest answer for a function without a limit), produced without an
"invalid" warning (``_finite_or_nan`` of :mod:`activations.catalog.other`). The C library's sin and cos
reduce their argument exactly, so sin(x) and cos(x) keep their relative accuracy near their zeros for
every finite x; what the kernels add is to avoid sums that cancel.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from ..core.arrays import elementwise
from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import two_prod, two_square, two_sum
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


#: the first positive root a0 of GCU' (a tan a = 1) as a double-double, c1 = GCU''(a0) as one, and the
#: Taylor coefficients c2 ... c25 of GCU' about a0: mpmath at 80 digits (findroot, mp.taylor)
_GCU_ROOT = (0.8603335890193797, 3.274961083275748e-17)
_GCU_C1 = (-2.0772166715899907, -1.0057143077490338e-16)
_GCU_COEFS = (
    -0.6521846239091867, 0.5988895008314894, 0.1086974373181978, -0.04257881115323235,
    -0.00543487186590989, 0.0013145987444021484, 0.00012940171109309263, -2.243633709541935e-05,
    -1.7972459874040641e-06, 2.4194871178513104e-07, 1.6338599885491492e-08, -1.7944277096334197e-09,
    -1.0473461465058649e-10, 9.704295898061536e-12, 4.987362602408881e-13, -3.994006595855086e-14,
    -1.8335891920620884e-15, 1.2924729084311718e-16, 5.361371906614294e-18, -3.374065787951914e-19,
    -1.2765171206224508e-20, 7.25457535031261e-22, 2.5227611079495076e-23, -1.3068394158644425e-24,
)
#: pi in four parts, the first two with 30 significant bits (k * part exact for k < 2**23), mpmath
_PI_PARTS = (3.141592651605606, 1.9841871583270443e-09, 1.034036596358821e-18, 8.671810130123781e-35)
#: beyond this |x| the phase form is not used (k * _PI_PARTS[0] must stay exact)
_GCU_PHASE_MAX = 2.0**20


def _dd_mul(ah, al, bh, bl):
    p, e = two_prod(ah, bh)
    return two_sum(p, e + (ah * bl + al * bh))


def _dd_add(ah, al, bh, bl):
    s, e = two_sum(ah, bh)
    return two_sum(s, e + (al + bl))


@functools.lru_cache(maxsize=None)
def _sin_cos_coefficients(terms: int = 14) -> tuple[tuple[tuple[float, float], ...], tuple[tuple[float, float], ...]]:
    """(-1)^n/(2n+1)! and (-1)^n/(2n)! as double-doubles, exactly from fractions."""
    def dd(q):
        hi = float(q)
        return hi, float(q - Fraction(hi))
    sin_c = tuple(dd(Fraction((-1) ** n, math.factorial(2 * n + 1))) for n in range(terms))
    cos_c = tuple(dd(Fraction((-1) ** n, math.factorial(2 * n))) for n in range(terms))
    return sin_c, cos_c


def _sin_cos_dd(phi: np.ndarray):
    """sin φ and cos φ as double-doubles for a double 0 <= φ <= 0.47 (Taylor series in double-double)."""
    sin_c, cos_c = _sin_cos_coefficients()
    yh, yl = two_square(phi)
    out = []
    for coef in (sin_c, cos_c):
        sh, sl = np.full_like(phi, coef[-1][0]), np.full_like(phi, coef[-1][1])
        for ch, cl in coef[-2::-1]:
            sh, sl = _dd_mul(sh, sl, yh, yl)
            sh, sl = _dd_add(sh, sl, np.full_like(phi, ch), np.full_like(phi, cl))
        out.append((sh, sl))
    (sh, sl), cos = out
    sh, sl = _dd_mul(sh, sl, phi, np.zeros_like(phi))
    return (sh, sl), cos


def _gcu_grad_phase(a: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{GCU}'(a) = -\sqrt{1 + a^2}\,\sin(a - \varphi)`, :math:`\varphi = \arctan(1/a)`,
    for :math:`2 \le a \le 2^{20}`: with :math:`a - \varphi = k\pi + r`, it is
    :math:`-(-1)^k\sqrt{1 + a^2}\sin r`. r goes through 0 at every root of GCU' and must keep its relative
    accuracy there, so it is formed in double-double: 1/a with its remainder, φ from ``arctan`` refined by
    one Newton step on :math:`\sin\varphi - t\cos\varphi` (sin and cos of φ as double-double series), and
    :math:`a - k\pi` with π in three parts (Cody and Waite)."""
    t = 1.0 / a
    pp, pq = two_prod(a, t)
    t_lo = ((1.0 - pp) - pq) / a
    phi0 = np.arctan(t)
    (sh, sl), (ch, cl) = _sin_cos_dd(phi0)
    tch, tcl = _dd_mul(t, t_lo, ch, cl)
    rho, rho_lo = _dd_add(sh, sl, -tch, -tcl)
    phi_lo = -(rho + rho_lo) / (ch + t * sh)
    k = np.rint((a - phi0) / math.pi)
    r = a - k * _PI_PARTS[0]
    r1, e1 = two_sum(r, -(k * _PI_PARTS[1]))
    r2, e2 = two_sum(r1, -phi0)
    k3, k3_lo = two_prod(k, np.full_like(k, _PI_PARTS[2]))  # exact: near a root r is far smaller than k π3
    r3, e3 = two_sum(r2, -k3)
    r_hi, r_lo = two_sum(r3, (e1 + e2 + e3) - (k3_lo + k * _PI_PARTS[3]) - phi_lo)
    sin_r = np.sin(r_hi) + r_lo * np.cos(r_hi)
    sign = np.where(np.fmod(k, 2.0) == 0, -1.0, 1.0)
    return sign * np.hypot(1.0, a) * sin_r


def _gcu_grad_near_first_root(a: np.ndarray) -> np.ndarray:
    """GCU' for 0 <= a < 2 from its Taylor series about the first root a0 (f' is entire: the series
    converges everywhere; 24 terms are far below an ulp for |a - a0| < 1.2)."""
    d = a - _GCU_ROOT[0]
    delta = d - _GCU_ROOT[1]
    p = np.full_like(a, _GCU_COEFS[-1])
    for c in _GCU_COEFS[-2::-1]:
        p = p * delta + c
    s = _GCU_C1[0] + (_GCU_C1[1] + delta * p)
    hi, lo = two_prod(d, s)
    return hi + (lo - _GCU_ROOT[1] * s)


@elementwise
def gcu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\cos x - x\sin x`, an even function whose two terms cancel at each of its roots
    (a tan a = 1, one in every interval of length π). For |x| < 2 a Taylor series about the first root,
    for 2 <= |x| <= 2**20 the phase form of :func:`_gcu_grad_phase`, which keeps the relative accuracy
    through every root; beyond, as written (a root is then within a relative 1/|x|² of a multiple of π
    and random inputs rarely come close). NaN for ±inf."""
    xf = _finite_or_nan(x)
    a = np.abs(xf)
    direct = np.cos(xf) - xf * np.sin(xf)
    small = a < 2.0
    mid = (a >= 2.0) & (a <= _GCU_PHASE_MAX)
    near = _gcu_grad_near_first_root(np.where(small, a, 1.0))
    phase = _gcu_grad_phase(np.where(mid, a, 2.0))
    return np.where(small, near, np.where(mid, phase, direct))


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
