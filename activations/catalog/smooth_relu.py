"""Smooth ReLU-like functions: zero (or a small negative value) on the left, the identity on the right.

Conventions shared by the kernels here:

* Exponentials are only ever taken of non-positive arguments (``exp(-|t|)``, ``expm1(min(x, 0))``; the
  expansions about the roots of SiLU' and Mish' add ``expm1(x - x0)`` for x < 0, below e^1.3), so
  nothing overflows and no branch of an ``np.where`` produces inf or NaN that would then be discarded
  (the one exception is CELU with α < 0, whose values really do grow like e^(x/α)).
* Where a product ``x * g(x)`` has a factor that is exactly 0 in floating point beyond some point
  (``x * sigmoid(x)`` for ``x < -1000``), the other factor is clamped to that point first, the JAX way:
  ``-inf * 0`` would be NaN, the clamped product is the correct 0.
* the kernels see float64 (float16 and float32 input is computed in float64 and rounded once, see
  :mod:`activations.core.arrays`) or a wider float; Python-float constants keep that dtype (NumPy treats
  them as weakly typed).
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

from ..core.arrays import elementwise
from ..figures.drawers import drawer
from ..core.spec import MINIMUM, Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import inv_pow_three_halves, normalize_scale, times_exp_neg, two_prod, two_square, two_sum
from .sigmoid import BLONDEL_2020, CARLILE_2017, HOWARD_2019, sigmoid_pair

# exp(-1000) is exactly 0 in float32 and float64 (and so is anything that only enters through it):
# clamping an argument to +-1000 before such an exp changes no result and keeps products finite.
_EXP_CUTOFF = 1000.0

_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
# |x| beyond which Phi(-|x|) = 0 and phi(x) = 0 in float64 (phi(40) = e^-800 / sqrt(2 pi) underflows)
_GAUSS_CUTOFF = 40.0


def _positive_finite(v: float) -> bool:
    return 0.0 < v < math.inf


def _nonnegative_finite(v: float) -> bool:
    return 0.0 <= v < math.inf




# --- softplus ------------------------------------------------------------------------------------

SOFTPLUS_BETA = Param(
    "beta", 1.0, r"\beta",
    T("锐度：β 越大曲线越接近 ReLU，β 越小越平缓；β = 1 是标准 Softplus。",
      "Sharpness: larger β is closer to ReLU, smaller β is flatter; β = 1 is the standard softplus."),
    "> 0 and finite", _positive_finite,
    span=(0.2, 5.0),
)


@elementwise
def softplus(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    r""":math:`\operatorname{softplus}(x) = \frac{1}{\beta}\log(1 + e^{\beta x})`, evaluated as
    :math:`\max(x, 0) + \operatorname{log1p}(e^{-\beta|x|})/\beta` at every x.

    Unlike ``torch.nn.Softplus`` there is no threshold: PyTorch returns x once βx > 20, an error of
    :math:`\log(1 + e^{-20}) \approx 2\times10^{-9}`, far above float64 rounding. β|x| is clamped at 1000,
    where :math:`e^{-\beta|x|}` is already exactly 0, so the product cannot overflow for large β."""
    b = SOFTPLUS_BETA.check(beta)
    a = np.minimum(np.abs(x), _EXP_CUTOFF / b)
    return np.maximum(x, 0.0) + np.log1p(np.exp(-b * a)) / b


@elementwise
def softplus_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    r""":math:`\operatorname{softplus}'(x) = \sigma(\beta x)`, from :math:`e^{-\beta|x|}`."""
    b = SOFTPLUS_BETA.check(beta)
    limit = _EXP_CUTOFF / b
    return sigmoid_pair(b * np.clip(x, -limit, limit))[0]


# --- ELU, CELU, SELU -----------------------------------------------------------------------------

ELU_ALPHA = Param(
    "alpha", 1.0, r"\alpha",
    T("负饱和值：x → −∞ 时函数趋于 −α。", "Negative saturation: the function tends to −α as x → −∞."),
    "> 0 and finite", _positive_finite,
    span=(0.1, 3.0),
)


@elementwise
def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`x` for x > 0, :math:`\alpha(e^x - 1)` otherwise; ``expm1`` of ``min(x, 0)`` is exact near 0
    and never overflows."""
    a = ELU_ALPHA.check(alpha)
    return np.where(x > 0, x, a * np.expm1(np.minimum(x, 0.0)))


@elementwise
def elu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`1` for x > 0, :math:`\alpha e^x` for x <= 0 (at the kink x = 0: α, the left derivative,
    as in PyTorch and JAX; both sides agree when α = 1)."""
    a = ELU_ALPHA.check(alpha)
    return np.where(x > 0, 1.0, a * np.exp(np.minimum(x, 0.0)))


CELU_ALPHA = Param(
    "alpha", 1.0, r"\alpha",
    T("尺度：负半轴为 α(e^{x/α} − 1)，α > 0 时函数在 x → −∞ 时趋于 −α；α 不能为 0。",
      "Scale: the negative side is α(e^{x/α} − 1), tending to −α as x → −∞ when α > 0; α must not be 0."),
    "nonzero and finite", lambda v: v != 0.0 and math.isfinite(v),
    span=(0.1, 3.0),
)


def _celu_neg_arg(x: np.ndarray, a: float) -> np.ndarray:
    """min(x, 0)/α; for α > 0 floored where exp of it is already 0, so x/α cannot overflow for tiny α."""
    floor = -_EXP_CUTOFF * a if a > 0 else -math.inf
    return np.clip(x, floor, 0.0) / a


@elementwise
def celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`\max(0, x) + \min(0, \alpha(e^{x/\alpha} - 1))`, evaluated as
    :math:`\max(x, 0) + \alpha\operatorname{expm1}(\min(x, 0)/\alpha)` (equal for every α ≠ 0)."""
    a = CELU_ALPHA.check(alpha)
    return np.maximum(x, 0.0) + a * np.expm1(_celu_neg_arg(x, a))


@elementwise
def celu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`1` for x > 0, :math:`e^{x/\alpha}` for x <= 0 (both are 1 at x = 0)."""
    a = CELU_ALPHA.check(alpha)
    return np.where(x > 0, 1.0, np.exp(_celu_neg_arg(x, a)))


# The fixed point of Klambauer et al. (2017), eq. 14, as printed to 32 digits in PyTorch (ATen
# SELU_ALPHA / SELU_SCALE) and JAX; re-derived from the closed forms in activations/mpmath_reference/smooth_relu.py:
# alpha = -sqrt(2/pi) / (erfc(1/sqrt 2) e^(1/2) - 1), lambda = (1 - erfc(1/sqrt 2) sqrt e) sqrt(2 pi) /
# sqrt(2 erfc(sqrt 2) e^2 + pi erfc(1/sqrt 2)^2 e - 2 (2 + pi) erfc(1/sqrt 2) sqrt e + pi + 2).
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
# λα correctly rounded: λα = 1.75809934084737685994021752081..., from the 32-digit constants above (and
# from selu_constants() of activations.mpmath_reference) with mpmath at 50 digits. The float64 product
# SELU_SCALE * SELU_ALPHA is 1.7580993408473766, one ulp below.
SELU_SCALE_ALPHA = 1.7580993408473768


@elementwise
def selu(x: np.ndarray) -> np.ndarray:
    r""":math:`\lambda x` for x > 0, :math:`\lambda\alpha(e^x - 1)` otherwise (``expm1`` of ``min(x, 0)``)."""
    with np.errstate(over="ignore"):  # λx > max float only where the true value is too: inf is the right answer
        positive = SELU_SCALE * x
    return np.where(x > 0, positive, SELU_SCALE_ALPHA * np.expm1(np.minimum(x, 0.0)))


@elementwise
def selu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\lambda` for x > 0, :math:`\lambda\alpha e^x` for x <= 0 (λα at the kink, as PyTorch and JAX)."""
    return np.where(x > 0, SELU_SCALE, SELU_SCALE_ALPHA * np.exp(np.minimum(x, 0.0)))


# --- GELU ----------------------------------------------------------------------------------------

GELU_APPROXIMATIONS = ("none", "tanh")
_GELU_KAPPA = 0.044715
#: the fitted constant k of GELU's sigmoid approximation x·σ(kx) (Hendrycks & Gimpel 2016)
GELU_SIGMOID_K = 1.702
_GELU_TANH_CUTOFF = 100.0  # sigma(2u(x)) is exactly 0 / 1 beyond |x| = 100 (2|u| > 70000)


def _check_approximate(approximate: object) -> str:
    if not isinstance(approximate, str):
        raise TypeError(
            f"parameter approximate must be 'none' or 'tanh' (as in PyTorch), got {approximate!r}; "
            "approximate=True in JAX and Keras corresponds to 'tanh'"
        )
    if approximate not in GELU_APPROXIMATIONS:
        raise ValueError(f"parameter approximate must be 'none' or 'tanh', got {approximate!r}")
    return approximate


# The Gaussian CDF without SciPy. For a >= 0, Phi(-a) = Q(a) e^{-a²/2} with the scaled tail
# Q(a) = Phi(-a) e^{a²/2} = erfcx(a/sqrt 2)/2 (Mills' ratio over sqrt(2 pi)), which is smooth, decreases
# from 1/2 like 1/(sqrt(2 pi) a) and is computed here without the rounding of a/sqrt 2. Q' = aQ - C with
# C = 1/sqrt(2 pi), and by induction Q^(n+1) = a Q^(n) + n Q^(n-1).

#: 1/sqrt(2 pi) as a double-double (hi, lo)
_NCDF_C = (0.3989422804014327, -2.49232720227773e-17)
#: -x0 for the root x0 = -0.75179152469356445746... of GELU'(x) = Phi(x) + x phi(x), as a double-double;
#: mpmath findroot of ncdf(x) + x npdf(x) from -0.75 at 60 digits
_GELU_ROOT = (0.7517915246935645, -1.4956759177009883e-17)
#: Q at the nodes a_j = j/8, j = 0..40, except a_6 = _GELU_ROOT (0.7518 instead of 0.75: there
#: Q - aC = GELU'(-a) e^{a²/2} is exactly 0), as double-doubles (hi, lo): mpmath at 60 digits,
#: Q = ncdf(-a) exp(a²/2), hi = float(Q), lo = float(Q - hi)
_NCDF_Q = (
    (0.5, 0.0), (0.45379322204089234, 1.4834072415685714e-17), (0.4140321029477354, 1.6593012241084574e-17),
    (0.37960442786885923, 9.35640784404466e-18), (0.34961883472039806, 5.852285105716737e-18),
    (0.323356168715662, -2.358487014766872e-17), (0.2999214252477206, 5.457009978392561e-18),
    (0.2797705702723972, -1.8268935817458216e-17), (0.2615782918651234, -8.473622911119317e-18),
    (0.24533138893179401, -1.374535560232283e-17), (0.23076032130563176, 1.2757616866751203e-17),
    (0.2176398236545568, -8.984704192172341e-18), (0.2057806669773947, -3.144494638440171e-18),
    (0.1950231099182575, 4.2154370042345223e-19), (0.18523166467823896, 5.204928727591149e-18),
    (0.1762908913558997, -1.183152936319102e-17), (0.1681020012231706, 1.2414036991617827e-17),
    (0.16058009965156322, 8.518949259668977e-18), (0.15365193742384164, -5.693933548426739e-18),
    (0.14725406811450736, 2.754758428657388e-18), (0.1413313313805753, 1.1713582016477226e-17),
    (0.1358355990527586, 3.802275628115729e-18), (0.13072473410074711, 1.1881945407800617e-19),
    (0.12596172279110265, 5.1437535193978145e-18), (0.12151394835556217, -6.432117119983667e-18),
    (0.11735258076253542, 4.4536686645103016e-18), (0.11345206212929865, -6.865953898366728e-18),
    (0.10978967122602923, 4.4110083357442655e-18), (0.10634515363370545, -4.714181777755187e-19),
    (0.10310040660100768, 6.335309745201497e-18), (0.10003920963545321, -3.4263544556381647e-18),
    (0.09714699346527685, -5.19667666526883e-18), (0.09441064130196894, -2.7718791762467385e-18),
    (0.09181831738201464, -1.1240204549909501e-18), (0.08935931861967142, 1.3396901276330882e-18),
    (0.0870239458994306, 2.4648526469067568e-18), (0.08480339210780034, 4.2695939551923514e-18),
    (0.08268964447351632, -1.6057272827762389e-18), (0.08067539917254936, 3.247075260131705e-18),
    (0.07875398647475142, -6.091411350454833e-19), (0.07691930497500629, 4.1399418884552445e-18),
)
_NCDF_STEP = 8  # nodes per unit of a
_NCDF_TERMS = 13  # Taylor terms after Q(a_j): the last is below 1e-20 of Q for |d| <= 1/16 + 0.002
_NCDF_CF_TERMS = 36  # continued fraction beyond the table (a >= 5.0625): truncation error < 1e-21


@functools.lru_cache(maxsize=None)
def _ncdf_tables() -> tuple[np.ndarray, ...]:
    """(node hi, node lo, Q hi, Q lo, G) as float64 arrays, G_j = Q(a_j) - a_j C (0 at the root node)
    computed exactly (with fractions) from the tabulated double-doubles."""
    nodes = [_GELU_ROOT if j == 6 else (j / _NCDF_STEP, 0.0) for j in range(len(_NCDF_Q))]
    c = Fraction(_NCDF_C[0]) + Fraction(_NCDF_C[1])
    g = [0.0 if j == 6 else float(Fraction(qh) + Fraction(ql) - Fraction(nh) * c)
         for j, ((qh, ql), (nh, _)) in enumerate(zip(_NCDF_Q, nodes))]
    return (np.array([n[0] for n in nodes]), np.array([n[1] for n in nodes]),
            np.array([q[0] for q in _NCDF_Q]), np.array([q[1] for q in _NCDF_Q]), np.array(g))


def _ncdf_tail(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""(Q, aQ, G) at :math:`0 \le a \le 40` (NaN propagates): the scaled tail :math:`Q(a) = \Phi(-a)\,e^{a^2/2}`,
    :math:`aQ(a)` and :math:`G(a) = Q(a) - a/\sqrt{2\pi} = \operatorname{GELU}'(-a)\,e^{a^2/2}`, each to
    about an ulp.

    * a < 5.0625: Taylor series around the nearest node :math:`a_j` of ``_NCDF_Q`` in the exact
      :math:`d = a - a_j` (:math:`|d| \le 1/16`), coefficients from the recurrence; Q and G are the
      tabulated node values plus :math:`d\cdot(\ldots)`, so G keeps its relative accuracy through its
      root, a node of the table;
    * beyond: Laplace's continued fraction :math:`Q = C/r_0`, :math:`r_k = a + (k+1)/r_{k+1}`, evaluated
      backwards (positive terms: no cancellation), with :math:`aQ = C\,(1 - 1/(1 + a r_1))` and
      :math:`G = -C\,(a - 1/r_0)`."""
    nh, nl, qh, ql, gn = _ncdf_tables()
    c_hi, c_lo = _NCDF_C
    limit = (len(_NCDF_Q) - 0.5) / _NCDF_STEP
    table = a < limit
    at = np.where(table, a, 0.0)  # NaN -> 0 here (no invalid cast); it stays in the other branch
    j = np.rint(at * _NCDF_STEP).astype(np.intp)
    aj = nh[j]
    d = (at - aj) - nl[j]
    coef = [qh[j] + ql[j]]
    coef.append(aj * coef[0] - c_hi)
    for n in range(1, _NCDF_TERMS):  # Q^(n)/n! from the recurrence
        coef.append((aj * coef[n] + coef[n - 1]) / (n + 1))
    p = coef[-1]
    for n in range(_NCDF_TERMS - 1, 0, -1):
        p = p * d + coef[n]
    q_t = qh[j] + (ql[j] + d * p)
    g_t = gn[j] + d * ((p - c_hi) - c_lo)
    ac = np.where(table, limit, a)
    r = ac
    for k in range(_NCDF_CF_TERMS, 1, -1):
        r = ac + k / r
    inv = 1 / (ac + 1 / r)  # 1/r0
    w = 1 - 1 / (1 + ac * r)  # a/r0
    v = ac - inv
    return (np.where(table, q_t, c_hi * inv + c_lo * inv), np.where(table, a * q_t, c_hi * w + c_lo * w),
            np.where(table, g_t, -(c_hi * v + c_lo * v)))


def _ncdf_parts(x: np.ndarray) -> tuple[np.ndarray, ...]:
    """(Q, aQ, G, h, l) of a = min(|x|, 40), with a²/2 = h + l exactly (Phi(-40) = 0 in float64)."""
    a = np.minimum(np.abs(x), _GAUSS_CUTOFF)
    q, aq, g = _ncdf_tail(a)
    h, l = two_square(a)
    return q, aq, g, 0.5 * h, 0.5 * l


def _gelu_tanh_u(xc: np.ndarray) -> np.ndarray:
    return _SQRT_2_OVER_PI * xc * (1.0 + _GELU_KAPPA * (xc * xc))


@elementwise
def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r"""``approximate="none"``: :math:`x\,\Phi(x) = \frac{x}{2}\operatorname{erfc}(-x/\sqrt2)`, as
    :math:`-a\,Q(a)\,e^{-a^2/2}` for x = -a < 0 and :math:`x\,(1 - Q(x)\,e^{-x^2/2})` for x >= 0 with
    :math:`Q(a) = \tfrac12\operatorname{erfcx}(a/\sqrt2)` from :func:`_ncdf_tail` (full relative accuracy
    in the left tail, where :math:`1 + \operatorname{erf}` would cancel to 0).

    ``approximate="tanh"``: :math:`\frac{x}{2}\bigl(1 + \tanh u\bigr) = x\,\sigma(2u)`,
    :math:`u = \sqrt{2/\pi}\,(x + 0.044715x^3)`, the PyTorch/JAX approximation; u uses x clamped to ±100,
    where σ(2u) is already exactly 0 or 1, so x³ cannot overflow."""
    mode = _check_approximate(approximate)
    if mode == "tanh":
        xc = np.clip(x, -_GELU_TANH_CUTOFF, _GELU_TANH_CUTOFF)
        return np.maximum(x, -_GELU_TANH_CUTOFF) * sigmoid_pair(2.0 * _gelu_tanh_u(xc))[0]
    q, aq, _, h, l = _ncdf_parts(x)
    return np.where(x < 0, -times_exp_neg(aq, h, l), x * (1 - times_exp_neg(q, h, l)))


@elementwise
def gelu_grad(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r"""``"none"``: :math:`\Phi(x) + x\,\varphi(x)`, :math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`, as
    :math:`G(a)\,e^{-a^2/2}` for x = -a < 0 and :math:`1 - G(x)\,e^{-x^2/2}` for x >= 0, with
    :math:`G(a) = Q(a) - a/\sqrt{2\pi}` from :func:`_ncdf_tail`: around the root x₀ = -0.7517915... the
    sum :math:`\Phi + x\varphi` would cancel (an absolute error of 1e-17 on a value going to 0), while G
    is a Taylor series about the root itself.
    ``"tanh"``: :math:`\sigma(2u) + 2x\,u'(x)\,\sigma(2u)\,\sigma(-2u)`,
    :math:`u' = \sqrt{2/\pi}\,(1 + 3\cdot0.044715x^2)`."""
    mode = _check_approximate(approximate)
    if mode == "tanh":
        xc = np.clip(x, -_GELU_TANH_CUTOFF, _GELU_TANH_CUTOFF)
        s, s_neg = sigmoid_pair(2.0 * _gelu_tanh_u(xc))
        du = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_KAPPA * (xc * xc))
        return s + 2.0 * xc * du * s * s_neg
    _, _, g, h, l = _ncdf_parts(x)
    eg = times_exp_neg(g, h, l)  # Phi(-a) - a phi(a) = GELU'(-a), a = |x|
    return np.where(x < 0, eg + 0.0, 1 - eg)  # + 0.0: an underflow on the left is 0, not -0


# --- SiLU / Swish ---------------------------------------------------------------------------------

SILU_BETA = Param(
    "beta", 1.0, r"\beta",
    T("Swish-β 的 β：β = 1 即 SiLU，β = 0 为线性函数 x/2，β → ∞ 时趋于 ReLU。",
      "The β of Swish-β: β = 1 is SiLU, β = 0 the linear x/2, and β → ∞ approaches ReLU."),
    ">= 0 and finite", _nonnegative_finite,
    span=(0.0, 5.0),
)


def _swish_parts(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(t, t_lo, x_floor): t = βx with x clamped to |βx| <= 1000 (σ(t) is exactly 0 or 1 beyond, and βx
    cannot overflow), t_lo its rounding error (Dekker's product; 0 for β = 0 or 1, where t is exact:
    e^t would turn an error of t into a relative error |t| times larger), and x floored at the same
    point, so x·σ(βx) is 0 rather than -inf·0 = NaN at x = -inf."""
    if b == 0.0:  # σ(0) = 1/2 whatever x is
        return np.zeros_like(x), np.zeros_like(x), x
    limit = _EXP_CUTOFF / b
    xc = np.clip(x, -limit, limit)
    if b == 1.0 or b > 2.0**900:  # exact, or (absurdly large β) Veltkamp's split of β would overflow
        return b * xc, np.zeros_like(x), np.maximum(x, -limit)
    t, t_lo = _exact_product_where(np.isfinite(xc), xc, np.full_like(xc, b))
    return np.where(np.isfinite(xc), t, b * xc), t_lo, np.maximum(x, -limit)


def _times_tiny_exp(x: np.ndarray, t: np.ndarray) -> np.ndarray:
    r""":math:`x\,e^{t}` for :math:`t \le -700` (t clamped at -1000), as :math:`(x E)\,E` with
    :math:`E = e^{t/2}`: :math:`e^t` itself may be subnormal there, with few significant bits, and a
    product with a large x would magnify its error to hundreds of ulps; E is normal (> e^{-500})."""
    e_half = np.exp(0.5 * t)
    return (x * e_half) * e_half


def _ratio_one_plus(num: np.ndarray, num_lo: np.ndarray, w: np.ndarray, w_lo: np.ndarray | float) -> np.ndarray:
    r""":math:`(num + num_lo)/(1 + w + w_lo)` for :math:`0 \le w < 2` and small lo parts (the rounding errors
    of an exactly formed numerator and w), to one rounding plus a first-order correction: with
    :math:`1 + w = s + e` exactly (Fast2Sum), :math:`q = num/s` and the result is
    :math:`q + (num_lo - q\,(e + w_lo))/s`."""
    s = 1.0 + w
    e = ((1.0 - s) + w) + w_lo
    q = num / s
    c = (num_lo - np.where(np.isfinite(q), q, 0.0) * e) / s  # num = ±inf: no inf * 0
    return np.where(c == 0, q, q + c)  # q = ±0 keeps its sign, ±inf stays


def _exact_product_where(cond: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x*y rounded, its rounding error) where ``cond`` (Dekker's product), (0, 0) elsewhere; x must
    be finite where ``cond``. Beyond |x| = 2**900 (Veltkamp's split would overflow) the error is left
    out; only β < 1e-268 in Swish-β reaches there."""
    xc = np.where(cond, x, 0.0)
    p = xc * y
    xe = np.where(np.abs(xc) < 2.0**900, xc, 0.0)
    return p, two_prod(xe, y)[1]


#: below this exponent, e^t is close to or below the smallest normal (e^-708.4) and 1 + e^t == 1
_TINY_EXP = -700.0


@elementwise
def silu(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    r""":math:`x\,\sigma(\beta x)` (Swish-β; SiLU at β = 1) as :math:`x/(1 + z)` or :math:`xz/(1 + z)`,
    :math:`z = e^{-\beta|x|}`, with xz exact and the rounding of 1 + z compensated; for :math:`\beta x < -700`, where
    :math:`\sigma(\beta x) = e^{\beta x}`, as :math:`(x E) E` with :math:`E = e^{\beta x/2}` (see
    :func:`_times_tiny_exp`)."""
    t, t_lo, xf = _swish_parts(x, SILU_BETA.check(beta))
    tail = (t < _TINY_EXP) & (t > -_EXP_CUTOFF)  # at the clamp (x = -inf too) the product stays 0
    neg = t < 0
    z = np.exp(-np.abs(t))
    z = z + z * np.where(neg, t_lo, -t_lo)  # e^(-|t + t_lo|)
    p, p_lo = _exact_product_where(neg, xf, z)  # x z exactly on the left (xf = +inf meets no z = 0)
    body = _ratio_one_plus(np.where(neg, p, xf), p_lo, z, 0.0)
    xt = np.where(tail, xf, 0.0)
    return np.where(tail, _times_tiny_exp(xt + xt * t_lo, np.where(tail, t, _TINY_EXP)), body)


#: the root t0 = -1 - W(1/e) = -1.27846454276107379510... of SiLU'(t) = σ(t)(1 + tσ(-t)), i.e. of
#: 1 + t + e^t = 0, as a double-double (hi, lo); mpmath at 60 digits (lambertw)
_SILU_ROOT = (-1.2784645427610737, -1.0946994183093437e-16)
#: e^t0 = -1 - t0 (rounded; its error enters only relative to the whole numerator)
_SILU_ROOT_EXP = 0.2784645427610738


@elementwise
def silu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    r""":math:`\sigma(t)\,(1 + t\,\sigma(-t))`, :math:`t = \beta x`, from :math:`z = e^{-|t|}`:

    * t >= 0: as written, with both sigmoids computed directly (not :math:`1 - \sigma`);
    * t < 0: :math:`N\cdot z/(1+z)^2` with :math:`N = 1 + z + t`, which goes through 0 at the root
      :math:`t_0 = -1 - W(1/e) \approx -1.2784645` (where the direct form cancels to an absolute error of
      1e-17). With :math:`\delta = t - t_0` (:math:`t_0` a double-double, t carried with its rounding
      error) and :math:`z = z_0 e^\delta`, :math:`z_0 = e^{t_0} = -1 - t_0`, exactly
      :math:`N = \delta + z_0\operatorname{expm1}(\delta)`: two terms of the same sign, so N keeps its
      relative accuracy through the root (used for :math:`|\delta| < 1/2`; elsewhere N is summed with
      TwoSum). The quotient is formed from the exact :math:`Nz` and :math:`(1+z)^2` (Dekker's product,
      Fast2Sum for 1 + z): one rounded division plus a correction. Below t = -700, where z is
      subnormal or nearly so, :math:`N z = (N E) E` with :math:`E = e^{t/2}` (see :func:`_times_tiny_exp`).

    For β other than 0 and 1, t = βx carries its rounding error t_lo (:func:`_swish_parts`) into δ, N
    and z."""
    t, t_lo, _ = _swish_parts(x, SILU_BETA.check(beta))
    neg = t < 0
    s, s_neg = sigmoid_pair(t)
    right = s * (1.0 + t * s_neg)
    tn = np.where(neg, t, _SILU_ROOT[0])
    z = np.exp(tn)
    z = z + z * t_lo  # e^(t + t_lo)
    # N = 1 + t + z: near the root from delta, elsewhere summed exactly (TwoSum) as num + num_lo
    delta = ((tn - _SILU_ROOT[0]) - _SILU_ROOT[1]) + t_lo  # t - t0, exact (Sterbenz) near t0
    one_t, one_t_err = two_sum(np.ones_like(tn), tn)
    far, far_err = two_sum(one_t, z)
    near = np.abs(delta) < 0.5
    num = np.where(near, delta + _SILU_ROOT_EXP * np.expm1(np.where(near, delta, 0.0)), far)
    num_lo = np.where(near, 0.0, far_err + one_t_err + t_lo)
    # N z / (1 + z)² with N z exact (Dekker) and (1 + z)² = (s + e)² = sq + sq_lo to first order
    p, p_lo = two_prod(num, z)
    s1 = 1.0 + z
    e1 = (1.0 - s1) + z
    sq, sq_lo = two_square(s1)
    q = p / sq
    c = ((p_lo + num_lo * z) - q * (sq_lo + 2.0 * s1 * e1)) / sq
    left = np.where(c == 0, q, q + c)  # q = -0 (z = 0 at the clamp) keeps its sign
    tail = (tn < _TINY_EXP) & (tn > -_EXP_CUTOFF)  # z subnormal or nearly: N z as (N E) E, see silu
    left = np.where(tail, _times_tiny_exp(num + num * t_lo, np.where(tail, tn, _TINY_EXP)), left)
    return np.where(neg, left, right)


# --- Mish ----------------------------------------------------------------------------------------


def _tanh_softplus(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""(t, 1 - t) with :math:`t = \tanh(\operatorname{softplus}(x)) = \frac{(1+e^x)^2 - 1}{(1+e^x)^2 + 1}`,
    written in :math:`z = e^{-|x|}`: :math:`\frac{1 + 2z}{1 + 2z + 2z^2}` for x >= 0 and
    :math:`\frac{z(z+2)}{z(z+2) + 2}` for x < 0. 1 - t comes out of the same fractions without cancelling."""
    z = np.exp(-np.abs(x))
    pos = x >= 0
    num_pos = 1.0 + 2.0 * z
    den_pos = num_pos + 2.0 * z * z
    num_neg = z * (z + 2.0)
    den_neg = num_neg + 2.0
    t = np.where(pos, num_pos / den_pos, num_neg / den_neg)
    one_minus_t = np.where(pos, 2.0 * z * z / den_pos, 2.0 / den_neg)
    return t, one_minus_t


@elementwise
def mish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\tanh(\operatorname{softplus}(x))` with the tanh of softplus as a ratio in :math:`e^{-|x|}`
    (see :func:`_tanh_softplus`); x is floored at -1000, where the ratio is exactly 0. For x < 0 the ratio
    is :math:`w/(1 + w)`, :math:`w = z(1 + z/2)`, :math:`z = e^x`, and the product is :math:`x\,w/(1 + w)`
    with xw exact and the roundings of w and 1 + w compensated; for x < -700 it is :math:`e^x` and the product is
    :math:`(x E) E`, :math:`E = e^{x/2}` (see :func:`_times_tiny_exp`)."""
    t, _ = _tanh_softplus(x)
    xf = np.maximum(x, -_EXP_CUTOFF)
    tail = xf < _TINY_EXP  # t = e^x (1 + e^x/2)/(1 + e^x (1 + e^x/2)) = e^x to far below an ulp
    z = np.exp(np.minimum(x, 0))
    w, w_lo = two_sum(z, 0.5 * (z * z))  # x < 0: t = w/(1 + w), w = z(1 + z/2) <= 3/2
    neg = x < 0
    p, p_lo = _exact_product_where(neg, xf, w)
    body = _ratio_one_plus(p, p_lo + np.where(neg, xf, 0.0) * w_lo, w, w_lo)
    left = np.where(tail, _times_tiny_exp(xf, np.where(tail, xf, _TINY_EXP)), body)
    return np.where(x < 0, left, xf * t)


#: the root x0 = -1.19243121451549521213... of Mish', as a double-double (hi, lo); mpmath findroot at
#: 60 digits of tanh(softplus(x)) + x sigma(x) sech²(softplus(x)) from -1.19
_MISH_ROOT = (-1.1924312145154952, -4.8484829848031044e-17)
#: z0 = e^x0, z0 + 4 and K = z0² + 4 z0 + 6 + 4 x0 (x0 the double-double above) as double-doubles, from
#: mpmath at 60 digits
_MISH_Z0 = (0.3034825352815289, 1.981117434764409e-17)
_MISH_Z0_PLUS_4 = (4.303482535281529, -2.0223343057738722e-16)
_MISH_K = (2.536306932285039, 2.0040087774557082e-16)


@elementwise
def mish_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh s + x\,\sigma(x)\operatorname{sech}^2 s`, :math:`s = \operatorname{softplus}(x)`.

    x >= 0: with :math:`\operatorname{sech}^2 s = (1 - t)(1 + t)` (:func:`_tanh_softplus`), a sum of
    positive terms; x is clamped to 1000, beyond which the second term is exactly 0.

    x < 0: in :math:`z = e^x` (with :math:`u = 1 + z = e^s`), :math:`f'(x) = z M/D^2` with
    :math:`D = u^2 + 1 = 2 + z(2 + z)` and :math:`M = z^3 + 4z^2 + 6z + 4 + 4x(1 + z)`, which changes
    sign at the root :math:`x_0 \approx -1.1924312` and cancels (to tens of ulps) on a wide interval around
    it. With :math:`\delta = x - x_0` (:math:`x_0` a double-double), :math:`z = z_0 e^\delta` and
    :math:`m = \operatorname{expm1}(\delta)`, exactly
    :math:`M = z_0 m\,\bigl(K + z(z + z_0 + 4)\bigr) + 4\delta(1 + z)` with the constant
    :math:`K = z_0^2 + 4z_0 + 6 + 4x_0 > 0`: two terms of the sign of δ, nothing cancels. M, zM and
    :math:`D^2` are carried as unevaluated sums hi + lo (Dekker's product, TwoSum), so that only the
    errors of exp and expm1 remain and the quotient is one rounded division plus a correction; for x < -700 (z subnormal or nearly) :math:`zM/D^2 = (M/4) z` as
    :math:`((M/4) E) E`, :math:`E = e^{x/2}` (see :func:`_times_tiny_exp`)."""
    xc = np.clip(x, -_EXP_CUTOFF, _EXP_CUTOFF)
    t, one_minus_t = _tanh_softplus(xc)
    s = sigmoid_pair(xc)[0]
    right = t + xc * s * one_minus_t * (1.0 + t)
    neg = xc < 0
    xn = np.where(neg, xc, _MISH_ROOT[0])
    z = np.exp(xn)
    # delta = x - x0 and m = expm1(delta) (first order in the low part)
    d1, d1_err = two_sum(xn, np.full_like(xn, -_MISH_ROOT[0]))
    delta, delta_lo = two_sum(d1, d1_err - _MISH_ROOT[1])
    m = np.expm1(delta)
    m = m + delta_lo * (1.0 + m)
    # M = z0 m A + 4 delta (1 + z), A = K + z (z + z0 + 4), each product and sum carried as hi + lo
    u, u_lo = two_sum(np.ones_like(z), z)
    t2, t2_lo = two_prod(delta, u)
    t2_lo = t2_lo + (delta * u_lo + delta_lo * u)
    b, b_lo = two_sum(z, np.full_like(z, _MISH_Z0_PLUS_4[0]))
    zb, zb_lo = two_prod(z, b)
    zb_lo = zb_lo + z * (b_lo + _MISH_Z0_PLUS_4[1])
    a, a_lo = two_sum(np.full_like(zb, _MISH_K[0]), zb)
    a_lo = a_lo + zb_lo + _MISH_K[1]
    zm, zm_lo = two_prod(np.full_like(m, _MISH_Z0[0]), m)
    zm_lo = zm_lo + _MISH_Z0[1] * m
    t1, t1_lo = two_prod(zm, a)
    t1_lo = t1_lo + (zm * a_lo + zm_lo * a)
    num, num_lo = two_sum(t1, 4.0 * t2)
    num_lo = num_lo + (t1_lo + 4.0 * t2_lo)
    # f' = z M / D², D = 2 + z (2 + z), from the exact z M and D² (first order in the low parts)
    p, p_lo = two_prod(num, z)
    p_lo = p_lo + num_lo * z
    zz, zz_lo = two_square(z)
    a2, a2_err = two_sum(2.0 * z, zz)
    d, d_err = two_sum(np.full_like(a2, 2.0), a2)
    d_lo = d_err + a2_err + zz_lo  # D = d + d_lo
    sq, sq_lo = two_square(d)
    sq_lo = sq_lo + 2.0 * d * d_lo  # D² = sq + sq_lo
    q = p / sq
    c = (p_lo - q * sq_lo) / sq
    left = np.where(c == 0, q, q + c)  # q = -0 (z = 0 at the clamp) keeps its sign
    tail = (xn < _TINY_EXP) & (xn > -_EXP_CUTOFF)
    left = np.where(tail, _times_tiny_exp(0.25 * num, np.where(tail, xn, _TINY_EXP)), left)
    return np.where(neg, left + 0.0, right)  # + 0.0: an underflow on the left is 0, not -0


# --- Hard Swish ----------------------------------------------------------------------------------


@elementwise
def hard_swish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\operatorname{ReLU6}(x + 3)/6`: 0 for x <= -3, :math:`x(x+3)/6` between, x for x >= 3.
    The middle piece uses x clipped to [-3, 3], so it neither overflows nor turns -inf into NaN."""
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x > 3.0, x, xc * (xc + 3.0) / 6.0) + 0.0  # + 0.0: 0, not -0, left of -3


@elementwise
def hard_swish_grad(x: np.ndarray) -> np.ndarray:
    r"""0 for x < -3, :math:`(2x + 3)/6` for -3 <= x <= 3, 1 for x > 3. The derivative jumps at both points;
    at them this takes the middle piece's own derivative (-1/2 at x = -3, 3/2 at x = 3, the closed
    interval). Every framework measured returns the outer pieces' 0 and 1 there, PyTorch's
    ``hardswish_backward`` included (2.13; ``activations/frameworks/measured.json``)."""
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x < -3.0, 0.0, np.where(x > 3.0, 1.0, (2.0 * xc + 3.0) / 6.0))


# --- Squareplus ----------------------------------------------------------------------------------

SQUAREPLUS_B = Param(
    "b", 4.0, "b",
    T("弯曲区域的大小：b = 0 时即 ReLU，b 越大原点附近越平滑；f(0) = √b / 2。",
      "Size of the curved region: b = 0 gives ReLU, larger b is smoother near 0; f(0) = √b / 2."),
    ">= 0 and finite", _nonnegative_finite,
    span=(0.0, 10.0),
)


def _squareplus_parts(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""(f(|x|), f(-|x|), f'(-|x|)) without cancellation.

    With :math:`r = \sqrt{x^2 + b}` (``hypot``: no overflow), :math:`f(|x|) = (|x| + r)/2` is a sum of
    positive terms, :math:`f(-|x|) = (b/4)/f(|x|)` because :math:`f(x)f(-x) = b/4`, and
    :math:`f'(-|x|) = f(-|x|)/r`. Where p = r = 0 (b = 0, x = 0, ReLU's kink) f(-|x|) is 0 and
    f'(-|x|) is 1/2, the value of f'(0) for every b > 0."""
    r = np.hypot(x, math.sqrt(b))
    p = 0.5 * np.abs(x) + 0.5 * r
    small = np.divide(0.25 * b, p, out=np.zeros_like(p), where=p != 0)
    slope_small = np.divide(small, r, out=np.full_like(r, 0.5), where=r != 0)
    return p, small, slope_small


@elementwise
def squareplus(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    r""":math:`\frac{x + \sqrt{x^2 + b}}{2}`, as :math:`\frac{b}{2(\sqrt{x^2 + b} - x)}` for x < 0."""
    p, small, _ = _squareplus_parts(x, SQUAREPLUS_B.check(b))
    return np.where(x >= 0, p, small)


def _squareplus_left_slope(a: np.ndarray, b: float) -> np.ndarray:
    r""":math:`f'(-a)` for :math:`a = |x|` (NaN propagates):
    :math:`f'(-a) = f(-a)/r = \frac{b/2}{r(a + r)} = \frac{b/2}{a^2 + b + a r}`, :math:`r = \sqrt{a^2 + b}`.

    The value is invariant under :math:`(a, b) \to (a 2^{-j}, b 4^{-j})`, so b is scaled to
    :math:`1 \le b' < 4` (exactly, :func:`._exact.normalize_scale`) and a with it. For :math:`a' \le 2^{30}`
    the denominator is summed exactly from :math:`a'^2` (Dekker), b' and :math:`a' r` (r itself from the
    exact :math:`a'^2 + b'` with one Newton correction of the square root), so the result is one
    rounded division plus a first-order correction, where the quotient :math:`f(-a)/r` of two rounded
    values and the hypot inside both would add up to 3 ulps. Beyond, :math:`f'(-a) = (b'/4)/a'^2` to
    far below an ulp, divided twice so that nothing overflows. b = 0 (ReLU): 0 for a > 0 and 1/2 at
    a = 0 (the value of f'(0) for every b > 0)."""
    if b == 0.0:
        return np.where(a > 0, 0.0, np.where(a == 0, 0.5, a))
    bs, j = normalize_scale(b)
    if j < 0:  # a' = a 2**-j must stay finite: beyond 2**1000 the value is 0 anyway
        a = np.minimum(a, 2.0 ** (1000 + j))
    y = np.ldexp(a, -j)
    near = y <= 2.0**30
    yn = np.where(near, y, 0.0)
    h, l = two_square(yn)
    sq, sq_err = two_sum(h, np.full_like(h, bs))
    sq_lo = sq_err + l  # a'^2 + b' = sq + sq_lo
    r0 = np.sqrt(sq)
    r = r0 + sq_lo / (2 * r0)
    p, p_lo = two_prod(yn, r)
    den, den_err = two_sum(sq, p)
    den_lo = den_err + sq_lo + p_lo
    q = 0.5 * bs / den
    yf = np.where(near, 1.0, y)
    return np.where(near, q - q * (den_lo / den), 0.25 * bs / yf / yf)


@elementwise
def squareplus_grad(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    r""":math:`\frac12\bigl(1 + x/\sqrt{x^2 + b}\bigr)`: :math:`f'(x)` for x < 0 from
    :func:`_squareplus_left_slope`, and :math:`1 - f'(-x)` for x >= 0 (f' + f'(-x) = 1), so neither
    side cancels and ±inf give 0 and 1."""
    slope = _squareplus_left_slope(np.abs(x), SQUAREPLUS_B.check(b))
    return np.where(x >= 0, 1.0 - slope, slope)


# --- Sparse plus ---------------------------------------------------------------------------------


@elementwise
def sparse_plus(x: np.ndarray) -> np.ndarray:
    r"""0 for x <= -1, :math:`(x + 1)^2/4` for -1 < x < 1, x for x >= 1 (the middle piece on x clipped to
    [-1, 1], so it cannot overflow)."""
    xc = np.clip(x, -1.0, 1.0)
    return np.where(x >= 1.0, x, 0.25 * (xc + 1.0) ** 2)


@elementwise
def sparse_plus_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tfrac12\operatorname{clip}(x + 1, 0, 2)`, the sparse sigmoid (continuous: 0 at -1, 1 at 1)."""
    return 0.5 * (np.clip(x, -1.0, 1.0) + 1.0)


# --- ISRLU ---------------------------------------------------------------------------------------

ISRLU_ALPHA = Param(
    "alpha", 1.0, r"\alpha",
    T("负半轴的饱和程度：x → −∞ 时函数趋于 −1/√α。",
      "Controls the negative saturation: the function tends to −1/√α as x → −∞."),
    "> 0 and finite", _positive_finite,
    span=(0.1, 4.0),
)


@elementwise
def isrlu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""x for x >= 0, :math:`x/\sqrt{1 + \alpha x^2}` for x < 0; for x < -1 as
    :math:`-1/\sqrt{\alpha + 1/x^2}`, so :math:`x^2` cannot overflow."""
    a = ISRLU_ALPHA.check(alpha)
    near = np.clip(x, -1.0, 0.0)
    inv = -1.0 / np.minimum(x, -1.0)  # 1/|x| in (0, 1]
    left = np.where(x < -1.0, -1.0 / np.sqrt(a + inv * inv), near / np.sqrt(1.0 + a * (near * near)))
    return np.where(x >= 0, x, left)


@elementwise
def isrlu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""1 for x >= 0, :math:`(1 + \alpha x^2)^{-3/2}` for x < 0, as one ``pow`` of the exactly formed
    :math:`1 + \alpha x^2` (see :func:`._exact.inv_pow_three_halves`, shared with ISRU)."""
    a = ISRLU_ALPHA.check(alpha)
    return np.where(x >= 0, 1.0, inv_pow_three_halves(x, a))


# --- references ----------------------------------------------------------------------------------

DUGAS_2001 = Reference(
    "C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia", 2001,
    "Incorporating Second-Order Functional Knowledge for Better Option Pricing",
    "Advances in Neural Information Processing Systems 13 (NIPS 2000), 472–478",
    "https://papers.nips.cc/paper_files/paper/2000/hash/44968aece94f667e4095002d140b5896-Abstract.html",
)
CLEVERT_2016 = Reference(
    "D.-A. Clevert, T. Unterthiner, S. Hochreiter", 2016,
    "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)", "ICLR 2016",
    "https://arxiv.org/abs/1511.07289",
)
BARRON_2017 = Reference(
    "J. T. Barron", 2017, "Continuously Differentiable Exponential Linear Units", "arXiv:1704.07483",
    "https://arxiv.org/abs/1704.07483",
)
KLAMBAUER_2017 = Reference(
    "G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter", 2017, "Self-Normalizing Neural Networks",
    "NeurIPS 2017", "https://arxiv.org/abs/1706.02515",
)
HENDRYCKS_2016 = Reference(
    "D. Hendrycks, K. Gimpel", 2016, "Gaussian Error Linear Units (GELUs)", "arXiv:1606.08415",
    "https://arxiv.org/abs/1606.08415",
)
ELFWING_2018 = Reference(
    "S. Elfwing, E. Uchibe, K. Doya", 2018,
    "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in Reinforcement Learning",
    "Neural Networks 107, 3–11", "https://arxiv.org/abs/1702.03118",
)
RAMACHANDRAN_2017 = Reference(
    "P. Ramachandran, B. Zoph, Q. V. Le", 2017, "Searching for Activation Functions", "arXiv:1710.05941",
    "https://arxiv.org/abs/1710.05941",
)
MISRA_2019 = Reference(
    "D. Misra", 2019, "Mish: A Self Regularized Non-Monotonic Activation Function", "BMVC 2020",
    "https://arxiv.org/abs/1908.08681",
)
BARRON_2021 = Reference(
    "J. T. Barron", 2021, "Squareplus: A Softplus-Like Algebraic Rectifier", "arXiv:2112.11687",
    "https://arxiv.org/abs/2112.11687",
)

# Extrema of derivatives that have no closed form (f'' = 0 is transcendental), so they cannot be written
# as formulas; computed with mpmath.findroot at 60 digits on f'' and rounded to float64.
# activations.core.analysis computes interior extrema of f only, hence these typed values.
SILU_GRAD_MIN = -0.09983932012886692  # at x = -2.399357280515468 (f'(x) + f'(-x) = 1 for SiLU)
SILU_GRAD_MAX = 1.0998393201288669  # at x = +2.399357280515468
MISH_GRAD_MIN = -0.11252612238946256  # at x = -2.256376396360793
MISH_GRAD_MAX = 1.0884981612517279  # at x = 1.490571179485428
# GELU'' = phi(x)(2 - x^2) vanishes at x = ±sqrt(2): GELU'(±sqrt 2) = Phi(±sqrt 2) ± e^-1/sqrt(pi), with
# Phi(-sqrt 2) = erfc(1)/2.
GELU_GRAD_MIN = 0.5 * math.erfc(1.0) - 1.0 / (math.e * math.sqrt(math.pi))
GELU_GRAD_MAX = 1.0 - 0.5 * math.erfc(1.0) + 1.0 / (math.e * math.sqrt(math.pi))

_MIN_RANGE = Bounds(r"[{minimum},\ +\infty)", MINIMUM, inf, lo_closed=True)

ENTRIES = [
    Activation(
        key="softplus",
        name=T("SoftPlus 函数", "Softplus"),
        aliases=("SoftPlus", "平滑 ReLU"),
        family="smooth-relu",
        symbol=r"\operatorname{softplus}",
        fn=softplus,
        grad=softplus_grad,
        tex=r"\operatorname{softplus}(x) = \frac{1}{\beta}\log\left(1 + e^{\beta x}\right)",
        grad_tex=r"\operatorname{softplus}'(x) = \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}",
        stable_tex=(
            r"\operatorname{softplus}(x) = \max(x,\ 0)"
            r" + \frac{1}{\beta}\operatorname{log1p}\left(e^{-\beta|x|}\right)"
        ),
        params=(SOFTPLUS_BETA,),
        family_values=({"beta": 0.5}, {"beta": 1.0}, {"beta": 2.0}, {"beta": 5.0}),
        properties=Properties(
            range=Bounds(r"(0,\ +\infty)", 0.0, inf),
            grad_range=Bounds(r"(0,\ 1)", 0.0, 1.0),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("ReLU 的光滑版本：处处可导、恒为正，导数正是 Sigmoid 函数。",
                  "A smooth ReLU: differentiable everywhere and always positive, with the sigmoid as its "
                  "derivative."),
        references=(DUGAS_2001,),
        api=Api(
            torch="torch.nn.Softplus(beta=1.0, threshold=20.0)",
            jax="jax.nn.softplus(x)",
            keras="keras.activations.softplus(x)",
            tensorflow="tf.math.softplus(x)",
            paddle="paddle.nn.functional.softplus(x, beta=1, threshold=20)",
            mindspore="mindspore.ops.softplus(x, beta=1, threshold=20)",
            mlx="mlx.nn.softplus(x)",
        ),
    ),
    Activation(
        key="elu",
        name=T("指数线性函数", "ELU"),
        aliases=("exponential linear unit", "指数线性单元"),
        family="smooth-relu",
        symbol=r"\operatorname{ELU}",
        fn=elu,
        grad=elu_grad,
        tex=(
            r"\operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} = \operatorname{ELU}(x) + \alpha"
            r" & x \le 0 \end{cases}"
        ),
        stable_tex=(
            r"\operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\operatorname{expm1}\bigl(\min(x,\ 0)\bigr)"
            r" & x \le 0 \end{cases}"
        ),
        params=(ELU_ALPHA,),
        family_values=({"alpha": 0.5}, {"alpha": 1.0}, {"alpha": 2.0}),
        properties=Properties(
            range=Bounds(r"(-1,\ +\infty)", -1.0, inf),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("正半轴为恒等，负半轴以指数平滑地饱和到 −α，使输出均值更接近 0。",
                  "Identity for positive inputs, an exponential that saturates at −α for negative ones, "
                  "which pulls mean activations towards zero."),
        references=(CLEVERT_2016,),
        api=Api(
            torch="torch.nn.ELU(alpha=1.0, inplace=False)",
            jax="jax.nn.elu(x, alpha=1.0)",
            keras="keras.activations.elu(x, alpha=1.0)",
            tensorflow="tf.nn.elu(x)",
            paddle="paddle.nn.functional.elu(x, alpha=1.0)",
            mindspore="mindspore.ops.elu(x, alpha=1.0)",
            mlx="mlx.nn.elu(x, alpha=1.0)",
        ),
    ),
    Activation(
        key="celu",
        name=T("CELU 函数", "CELU"),
        aliases=("continuously differentiable ELU",),
        family="smooth-relu",
        symbol=r"\operatorname{CELU}",
        fn=celu,
        grad=celu_grad,
        tex=(
            r"\operatorname{CELU}(x) = \max(0,\ x) + \min\bigl(0,\ \alpha\,(e^{x/\alpha} - 1)\bigr),"
            r" \quad \alpha \ne 0"
        ),
        grad_tex=r"\operatorname{CELU}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
        stable_tex=(
            r"\operatorname{CELU}(x) = \max(x,\ 0) + \alpha\operatorname{expm1}\bigl(\min(x,\ 0)/\alpha\bigr)"
        ),
        params=(CELU_ALPHA,),
        family_values=({"alpha": 0.5}, {"alpha": 1.0}, {"alpha": 2.0}),
        properties=Properties(
            range=Bounds(r"(-1,\ +\infty)", -1.0, inf),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("把 ELU 的负半轴改写为 α(e^{x/α} − 1)，使任意 α 下导数在 0 处都连续。",
                  "ELU with the negative side rescaled to α(e^{x/α} − 1), so the derivative is continuous at "
                  "0 for every α."),
        references=(BARRON_2017,),
        api=Api(
            torch="torch.nn.CELU(alpha=1.0, inplace=False)",
            jax="jax.nn.celu(x, alpha=1.0)",
            keras="keras.activations.celu(x, alpha=1.0)",
            tensorflow="tf.keras.activations.celu(x, alpha=1.0)",
            paddle="paddle.nn.functional.celu(x, alpha=1.0)",
            mindspore="mindspore.ops.celu(x, alpha=1.0)",
            mlx="mlx.nn.celu(x, alpha=1.0)",
        ),
    ),
    Activation(
        key="selu",
        name=T("扩展指数线性函数", "SELU"),
        aliases=("scaled exponential linear unit", "自归一化"),
        family="smooth-relu",
        symbol=r"\operatorname{SELU}",
        fn=selu,
        grad=selu_grad,
        tex=(
            r"\operatorname{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0"
            r" \end{cases}, \quad \alpha \approx 1.67326,\ \lambda \approx 1.05070"
        ),
        grad_tex=(
            r"\operatorname{SELU}'(x) = \begin{cases} \lambda & x > 0 \\ \lambda\alpha\, e^{x} & x \le 0"
            r" \end{cases}"
        ),
        stable_tex=(
            r"\operatorname{SELU}(x) = \begin{cases} \lambda x & x > 0 \\"
            r" \lambda\alpha\operatorname{expm1}\bigl(\min(x,\ 0)\bigr) & x \le 0 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"(-\lambda\alpha,\ +\infty)", -SELU_SCALE_ALPHA, inf),
            grad_range=Bounds(r"(0,\ \lambda\alpha]", 0.0, SELU_SCALE_ALPHA, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("按固定常数 λ、α 缩放的 ELU；配合 LeCun 正态初始化，各层激活的均值和方差会自动趋向 0 和 1。",
                  "ELU scaled by fixed constants λ and α; with LeCun-normal initialisation, activations are "
                  "driven towards zero mean and unit variance layer after layer."),
        references=(KLAMBAUER_2017,),
        api=Api(
            torch="torch.nn.SELU(inplace=False)",
            jax="jax.nn.selu(x)",
            keras="keras.activations.selu(x)",
            tensorflow="tf.nn.selu(x)",
            paddle="paddle.nn.functional.selu(x, scale=1.0507009873554805, alpha=1.6732632423543772)",
            mindspore="mindspore.ops.selu(x)",
            mlx="mlx.nn.selu(x)",
        ),
        kinks=(0.0,),
        notes={"alpha": SELU_ALPHA, "lambda": SELU_SCALE},
    ),
    Activation(
        key="gelu",
        name=T("高斯误差线性单元", "GELU"),
        aliases=("Gaussian error linear unit", "高斯误差线性单元"),
        family="self-gated",
        symbol=r"\operatorname{GELU}",
        fn=gelu,
        grad=gelu_grad,
        tex=(
            r"\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)"
        ),
        grad_tex=(
            r"\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}"
        ),
        stable_tex=(
            r"\operatorname{GELU}(x) = \frac{x}{2}\operatorname{erfc}\left(-\frac{x}{\sqrt{2}}\right)"
            r" = \begin{cases} \dfrac{x}{2}\operatorname{erfc}\left(-\dfrac{x}{\sqrt{2}}\right) & x \ge 0 \\[1ex]"
            r" \dfrac{x}{2}\operatorname{erfcx}\left(-\dfrac{x}{\sqrt{2}}\right) e^{-x^2/2} & x < 0 \end{cases}"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(
                r"\left[\Phi(-\sqrt{2}) - \tfrac{1}{e\sqrt{\pi}},\ \Phi(\sqrt{2}) + \tfrac{1}{e\sqrt{\pi}}\right]"
                r" \approx [-0.1289,\ 1.1289]",
                GELU_GRAD_MIN, GELU_GRAD_MAX, lo_closed=True, hi_closed=True,
            ),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("用标准正态分布函数 Φ(x) 给输入加权，是 BERT、GPT 等 Transformer 模型的常用激活。",
                  "Weights the input by the standard normal CDF Φ(x); the usual activation of Transformers "
                  "such as BERT and GPT."),
        references=(HENDRYCKS_2016,),
        api=Api(
            torch="torch.nn.GELU(approximate='none')",
            jax="jax.nn.gelu(x, approximate=True)",
            keras="keras.activations.gelu(x, approximate=False)",
            tensorflow="tf.nn.gelu(x, approximate=False)",
            paddle="paddle.nn.functional.gelu(x, approximate=False)",
            mindspore="mindspore.ops.gelu(x, approximate='none')",
            mlx="mlx.nn.gelu(x)",
        ),
        extra_figures=("gelu_approximation",),
        notes={
            "approximate": GELU_APPROXIMATIONS,
            "tanh_tex": (
                r"\operatorname{GELU}_{\tanh}(x) = \frac{x}{2}\left(1 + \tanh\left(\sqrt{\frac{2}{\pi}}"
                rf"\left(x + {_GELU_KAPPA:g}\,x^{{3}}\right)\right)\right)"
            ),
            "tanh_kappa": _GELU_KAPPA,
            "sigmoid_tex": rf"\operatorname{{GELU}}_{{\sigma}}(x) = x\,\sigma({GELU_SIGMOID_K:g}\,x)",
            "sigmoid_k": GELU_SIGMOID_K,
        },
    ),
    Activation(
        key="silu",
        name=T("S 型线性加权函数", "SiLU (Swish)"),
        aliases=("Swish", "Swish-1", "sigmoid linear unit", "Swish 函数", "QuickGELU", "quick_gelu", "fast GELU"),
        family="self-gated",
        symbol=r"\operatorname{SiLU}",
        fn=silu,
        grad=silu_grad,
        tex=r"\operatorname{SiLU}(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
        grad_tex=(
            r"\operatorname{SiLU}'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)\,\sigma(-\beta x)"
            r" = \sigma(\beta x)\bigl(1 + \beta x\,\sigma(-\beta x)\bigr)"
        ),
        params=(SILU_BETA,),
        family_values=({"beta": 0.5}, {"beta": 1.0}, {"beta": 2.0}, {"beta": 10.0}),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(r"\approx [-0.0998,\ 1.0998]", SILU_GRAD_MIN, SILU_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("输入乘以自身的 Sigmoid；光滑、非单调，在负半轴有一个浅浅的负极小值。",
                  "The input times its own sigmoid: smooth and non-monotonic, with a shallow negative "
                  "minimum on the negative side."),
        references=(HENDRYCKS_2016, ELFWING_2018, RAMACHANDRAN_2017),
        api=Api(
            torch="torch.nn.SiLU(inplace=False)",
            jax="jax.nn.silu(x); jax.nn.swish(x)",
            keras="keras.activations.silu(x); keras.activations.swish(x)",
            tensorflow="tf.nn.silu(x, beta=1.0)",
            paddle="paddle.nn.functional.silu(x, inplace=False); paddle.nn.functional.swish(x)",
            mindspore="mindspore.ops.silu(x)",
            mlx="mlx.nn.silu(x)",
        ),
    ),
    Activation(
        key="mish",
        name=T("Mish 函数", "Mish"),
        family="self-gated",
        symbol=r"\operatorname{Mish}",
        fn=mish,
        grad=mish_grad,
        tex=(
            r"\operatorname{Mish}(x) = x \tanh\bigl(\operatorname{softplus}(x)\bigr)"
            r" = x \tanh\bigl(\log(1 + e^{x})\bigr)"
        ),
        grad_tex=(
            r"\operatorname{Mish}'(x) = \tanh s + x\,\sigma(x)\operatorname{sech}^2 s,"
            r" \quad s = \operatorname{softplus}(x)"
        ),
        stable_tex=(
            r"\operatorname{Mish}(x) = x \begin{cases} \dfrac{1 + 2z}{1 + 2z + 2z^2} & x \ge 0 \\[1ex]"
            r" \dfrac{z(z + 2)}{z(z + 2) + 2} & x < 0 \end{cases}, \quad z = e^{-|x|}"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(r"\approx [-0.1125,\ 1.0885]", MISH_GRAD_MIN, MISH_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("x·tanh(softplus(x))：与 SiLU 形状相近的光滑非单调函数，负半轴的极小值略深。",
                  "x·tanh(softplus(x)): a smooth, non-monotonic curve close to SiLU, with a slightly deeper "
                  "negative minimum."),
        references=(MISRA_2019,),
        api=Api(
            torch="torch.nn.Mish(inplace=False)",
            jax="jax.nn.mish(x)",
            keras="keras.activations.mish(x)",
            tensorflow="tf.keras.activations.mish(x)",
            paddle="paddle.nn.functional.mish(x)",
            mindspore="mindspore.ops.mish(x)",
            mlx="mlx.nn.mish(x)",
        ),
    ),
    Activation(
        key="hard_swish",
        name=T("Hard Swish 函数", "Hard Swish"),
        aliases=("h-swish", "hardswish"),
        family="self-gated",
        symbol=r"\operatorname{HardSwish}",
        fn=hard_swish,
        grad=hard_swish_grad,
        tex=(
            r"\operatorname{HardSwish}(x) = x\,\frac{\operatorname{ReLU6}(x + 3)}{6}"
            r" = \begin{cases} 0 & x \le -3 \\ \dfrac{x\,(x + 3)}{6} & -3 < x < 3 \\ x & x \ge 3 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{HardSwish}'(x) = \begin{cases} 0 & x < -3 \\ \dfrac{2x + 3}{6} & -3 \le x \le 3"
            r" \\ 1 & x > 3 \end{cases}"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(r"\left[-\tfrac12,\ \tfrac32\right]", -0.5, 1.5, lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("SiLU 的分段多项式近似，只用加法、乘法和截断，适合移动端推理（MobileNetV3）。",
                  "A piecewise-polynomial stand-in for SiLU built from additions, multiplications and a "
                  "clip, for cheap inference on mobile hardware (MobileNetV3)."),
        references=(HOWARD_2019,),
        api=Api(
            torch="torch.nn.Hardswish(inplace=False)",
            jax="jax.nn.hard_swish(x); jax.nn.hard_silu(x)",
            keras="keras.activations.hard_swish(x); keras.activations.hard_silu(x)",
            tensorflow="tf.keras.activations.hard_swish(x)",
            paddle="paddle.nn.functional.hardswish(x)",
            mindspore="mindspore.ops.hardswish(x)",
            mlx="mlx.nn.hardswish(x)",
        ),
        kinks=(-3.0, 3.0),
    ),
    Activation(
        key="squareplus",
        name=T("Squareplus 函数", "Squareplus"),
        family="smooth-relu",
        symbol=r"\operatorname{squareplus}",
        fn=squareplus,
        grad=squareplus_grad,
        tex=r"\operatorname{squareplus}(x) = \frac{x + \sqrt{x^2 + b}}{2}",
        grad_tex=(
            r"\operatorname{squareplus}'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)"
            r" = \frac{\operatorname{squareplus}(x)}{\sqrt{x^2 + b}}"
        ),
        stable_tex=(
            r"\operatorname{squareplus}(x) = \begin{cases} \dfrac{x + \sqrt{x^2 + b}}{2} & x \ge 0 \\[1ex]"
            r" \dfrac{b}{2\left(\sqrt{x^2 + b} - x\right)} & x < 0 \end{cases}"
        ),
        params=(SQUAREPLUS_B,),
        family_values=({"b": 0.25}, {"b": 1.0}, {"b": 4.0}, {"b": 16.0}),
        properties=Properties(
            range=Bounds(r"(0,\ +\infty)", 0.0, inf),
            grad_range=Bounds(r"(0,\ 1)", 0.0, 1.0),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("形状类似 Softplus，但只用加法、乘法和平方根，不需要指数和对数。",
                  "Shaped like softplus but computed with additions, multiplications and a square root only, "
                  "without exp or log."),
        references=(BARRON_2021,),
        api=Api(
            torch=None,
            jax="jax.nn.squareplus(x, b=4)",
            keras="keras.activations.squareplus(x, b=4)",
            tensorflow="tf.keras.activations.squareplus(x, b=4)",
            paddle=None,
            mindspore=None,
            mlx=None,
        ),
    ),
    Activation(
        key="sparse_plus",
        name=T("Sparse Plus 函数", "Sparse plus"),
        family="smooth-relu",
        symbol=r"\operatorname{sparseplus}",
        fn=sparse_plus,
        grad=sparse_plus_grad,
        tex=(
            r"\operatorname{sparseplus}(x) = \begin{cases} 0 & x \le -1 \\ \dfrac{(x + 1)^2}{4} & -1 < x < 1"
            r" \\ x & x \ge 1 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{sparseplus}'(x) = \tfrac12\operatorname{clip}(x + 1,\ 0,\ 2)"
            r" = \begin{cases} 0 & x \le -1 \\ \dfrac{x + 1}{2} & -1 < x < 1 \\ 1 & x \ge 1 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            grad_range=Bounds(r"[0,\ 1]", 0.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("Softplus 的“稀疏”版本：x ≤ −1 时恰为 0，x ≥ 1 时恰为 x，中间用一段抛物线连接。",
                  "A sparse twin of softplus: exactly 0 for x ≤ −1, exactly x for x ≥ 1, joined by a parabola."),
        references=(BLONDEL_2020,),
        api=Api(
            torch=None,
            jax="jax.nn.sparse_plus(x)",
            keras="keras.activations.sparse_plus(x)",
            tensorflow="tf.keras.activations.sparse_plus(x)",
            paddle=None,
            mindspore=None,
            mlx=None,
        ),
        xlim=(-3.0, 3.0),
    ),
    Activation(
        key="isrlu",
        name=T("反平方根线性函数", "ISRLU"),
        aliases=("inverse square root linear unit",),
        family="smooth-relu",
        symbol=r"\operatorname{ISRLU}",
        fn=isrlu,
        grad=isrlu_grad,
        tex=(
            r"\operatorname{ISRLU}(x) = \begin{cases} x & x \ge 0 \\ \dfrac{x}{\sqrt{1 + \alpha x^2}} & x < 0"
            r" \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{ISRLU}'(x) = \begin{cases} 1 & x \ge 0 \\"
            r" \left(\dfrac{1}{\sqrt{1 + \alpha x^2}}\right)^{3} & x < 0 \end{cases}"
        ),
        params=(ISRLU_ALPHA,),
        family_values=({"alpha": 0.25}, {"alpha": 1.0}, {"alpha": 4.0}),
        properties=Properties(
            range=Bounds(r"(-1,\ +\infty)", -1.0, inf),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C2",
        ),
        summary=T("形状与 ELU 相近，但负半轴用反平方根代替指数，计算更便宜，且二阶导数连续。",
                  "Close in shape to ELU, with an inverse square root instead of an exponential on the "
                  "negative side: cheaper, and twice continuously differentiable."),
        references=(CARLILE_2017,),
        api=Api(None, None, None),
        xlim=(-6.0, 4.0),
    ),
]


# --- figures -------------------------------------------------------------------------------------


def _sci(v: float) -> str:
    """``v`` in mathtext scientific notation with 3 significant digits, e.g. ``-4.73\\times10^{-4}``."""
    mant, exp = f"{v:.2e}".split("e")
    return f"{mant}\\times10^{{{int(exp)}}}"


@drawer(
    "gelu_approximation",
    caption=T("两种 GELU 近似与精确 GELU 的误差：上为 tanh 近似（PyTorch approximate='tanh'、JAX 默认），"
              f"下为 x·σ({GELU_SIGMOID_K:g}x)；注意两图纵轴的量级不同",
              "Error of two GELU approximations against exact GELU: the tanh form (PyTorch "
              f"approximate='tanh', the JAX default) on top, x·σ({GELU_SIGMOID_K:g}x) below; note the different scales"),
    alt=T("两条误差曲线：tanh 近似的误差在 10⁻⁴ 量级，sigmoid 近似的误差在 10⁻² 量级",
          "Two error curves: the tanh approximation is off by about 10⁻⁴, the sigmoid one by about 10⁻²"),
    size=(6.4, 4.8),
)
def _draw_gelu_approximation(c, figure) -> None:
    x = np.linspace(-6.0, 6.0, 2401)
    exact = gelu(x)
    errors = (
        (gelu(x, approximate="tanh") - exact,
         r"$\operatorname{GELU}_{\tanh}(x) - \operatorname{GELU}(x)$", c.colors[0]),
        (x * sigmoid_pair(GELU_SIGMOID_K * x)[0] - exact,
         rf"$x\,\sigma({GELU_SIGMOID_K:g}\,x) - \operatorname{{GELU}}(x)$", c.colors[1]),
    )
    c.ax.remove()
    axes = c.fig.subplots(2, 1, sharex=True)
    c.axes[:] = list(axes)
    for ax, (err, label, color), legend_at in zip(axes, errors, ("lower left", "upper left")):
        c.style_axes(ax, xlabel="")
        ax.plot(x, err, color=color, linewidth=1.8, label=label)
        i = int(np.argmax(np.abs(err)))  # the error is even in x: the other extreme mirrors this one
        below = err[i] < 0
        ax.plot([x[i]], [err[i]], "o", color=color, markersize=4)
        ax.annotate(f"$({x[i]:.2f},\\ {_sci(err[i])})$", (x[i], err[i]), textcoords="offset points",
                    xytext=(8, -3 if below else 3), va="top" if below else "bottom", fontsize=9, color=c.ink)
        ax.margins(y=0.22)
        ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2), useMathText=True)
        ax.yaxis.get_offset_text().set_color(c.ink)
        c.legend(ax, loc=legend_at, fontsize=9)
    axes[-1].set_xlabel("$x$")
    axes[-1].set_xlim(x[0], x[-1])
