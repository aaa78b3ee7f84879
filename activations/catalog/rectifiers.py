"""More rectifiers: squared and affine-squared ReLUs, smooth piecewise rectifiers (SmeLU, xIELU), ELU and
softplus variants (PELU, shifted softplus), the ELU-times-sigmoid ELiSH and the even log-cosh.

Conventions shared by the kernels here (those of ``relu.py`` and ``smooth_relu.py``):

* kernels see float64 (float16/float32 input is computed in float64 and rounded once, see
  :mod:`activations.core.arrays`) or a wider float;
* exponentials only see non-positive arguments or arguments clamped where the result is already exact,
  so no discarded ``np.where`` branch overflows;
* a product or sum that would cancel (a root of f or f′ away from 0) is evaluated around the root itself
  or with error-free transformations (:mod:`._exact`), so it keeps its relative accuracy there;
* at a kink the derivative is the one of the branch that PyTorch-style code (``where(x > 0, ...)``)
  would give, stated in each kernel's docstring.
"""

from __future__ import annotations

import decimal
import functools
import math
from fractions import Fraction

import numpy as np

from ..core.arrays import elementwise
from ..core.spec import MINIMUM, Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import two_prod, two_square, two_sum
from .sigmoid import sigmoid_pair
from .smooth_relu import SILU_GRAD_MAX, _ratio_one_plus, silu, silu_grad

_EXP_CUTOFF = 1000.0  # exp(-1000) is exactly 0 in float64
#: beyond this |x|, x² and products with it are evaluated directly (the splits of _exact overflow)
_BIG = 2.0**500


def _positive_finite(v: float) -> bool:
    return 0.0 < v < math.inf


def _keep_nan(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(x), x, y)


_MIN_RANGE = Bounds(r"[{minimum},\ +\infty)", MINIMUM, inf, lo_closed=True)


# --- squared ReLU --------------------------------------------------------------------------------


@elementwise
def squared_relu(x: np.ndarray) -> np.ndarray:
    r""":math:`\max(0, x)^2`, one rounding; overflows to +inf exactly where the true square does."""
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        return r * r


@elementwise
def squared_relu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`2\max(0, x)` (0 at the kink, where both sides agree)."""
    with np.errstate(over="ignore"):
        return 2.0 * np.maximum(x, 0.0)


# --- StarReLU ------------------------------------------------------------------------------------
# The paper derives s and b so that s·ReLU(x)² + b has mean 0 and variance 1 for x ~ N(0, 1):
# E[ReLU(x)²] = 1/2 and Var[ReLU(x)²] = 3/2 - 1/4 = 5/4, so s = 1/sqrt(5/4) = 2/sqrt(5) and
# b = -(1/2) s = -1/sqrt(5) (printed there as 0.8944 and -0.4472). The official code
# (sail-sg/metaformer, metaformer_baselines.py) initialises the learnable s and b to 1 and 0.

STAR_SCALE = Param(
    "scale", math.sqrt(0.8), "s",
    T("尺度 s（可学习，所有通道共享）。默认取论文推导的 2/√5 ≈ 0.8944：对标准正态输入，输出的方差为 1。"
      "官方代码把它初始化为 1。",
      "Scale s (learned, shared by all channels). The default is the paper's 2/√5 ≈ 0.8944, which gives "
      "unit variance for standard normal inputs; the official code initialises it to 1."),
    span=(0.0, 2.0),
)
STAR_BIAS = Param(
    "bias", -math.sqrt(0.2), "b",
    T("偏置 b（可学习，所有通道共享）。默认取论文推导的 −1/√5 ≈ −0.4472：对标准正态输入，输出的均值为 0。"
      "官方代码把它初始化为 0。",
      "Bias b (learned, shared by all channels). The default is the paper's −1/√5 ≈ −0.4472, which gives "
      "zero mean for standard normal inputs; the official code initialises it to 0."),
    span=(-1.0, 1.0),
)


@elementwise
def star_relu(x: np.ndarray, scale: float = math.sqrt(0.8), bias: float = -math.sqrt(0.2)) -> np.ndarray:
    r""":math:`s\max(0, x)^2 + b`. The square and the product with s are exact (Dekker) and the sum
    with b is TwoSum, so the result keeps its relative accuracy at the root :math:`\sqrt{-b/s}`,
    where :math:`s x^2` and b cancel; beyond :math:`|x| = 2^{500}` it is evaluated directly."""
    s, b = STAR_SCALE.check(scale), STAR_BIAS.check(bias)
    r = np.maximum(x, 0.0)
    big = ~(r < _BIG)  # also NaN
    rs = np.where(big, 0.0, r)
    h, l = two_square(rs)
    p, q = two_prod(s, h)
    t, e = two_sum(p, np.full_like(p, b))
    small = t + (e + (q + s * l))
    with np.errstate(over="ignore", invalid="ignore"):
        direct = (s * r) * r + b
    return np.where(big, direct, small)


@elementwise
def star_relu_grad(x: np.ndarray, scale: float = math.sqrt(0.8), bias: float = -math.sqrt(0.2)) -> np.ndarray:
    r""":math:`2s\max(0, x)` (0 at the kink)."""
    s = STAR_SCALE.check(scale)
    STAR_BIAS.check(bias)
    with np.errstate(over="ignore"):
        return 2.0 * (s * np.maximum(x, 0.0)) + 0.0


# --- SmeLU ---------------------------------------------------------------------------------------
# The paper has no default β (it is a hyper-parameter, or learned in the generalized form); β = 2 is the
# value xFormers' Triton kernels fix. β = 1 gives exactly JAX's sparse_plus.

SMELU_BETA = Param(
    "beta", 2.0, r"\beta",
    T("过渡区的半宽 β：|x| ≤ β 时为抛物线。论文没有默认值；这里取 xFormers 所用的 2。β = 1 即 Sparse plus。",
      "Half-width β of the quadratic transition region |x| ≤ β. The paper has no default; this uses 2, "
      "the value of xFormers. β = 1 is exactly sparse plus."),
    "> 0 and finite", _positive_finite,
    span=(0.25, 4.0),
)


def _smelu_parts(x: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """(u, u_lo) with u + u_lo = clip(x, -β, β) + β exactly (TwoSum); NaN propagates into u."""
    xc = np.clip(x, -beta, beta)
    u, u_lo = two_sum(xc, np.full_like(xc, beta))
    return u, np.where(np.isnan(u), 0.0, u_lo)


@elementwise
def smelu(x: np.ndarray, beta: float = 2.0) -> np.ndarray:
    r"""0 for :math:`x \le -\beta`, :math:`(x + \beta)^2/(4\beta)` for :math:`|x| < \beta`, x for
    :math:`x \ge \beta`. :math:`x + \beta` is carried as an exact sum u + u_lo and squared exactly, so the
    only roundings are those of the final sum and division."""
    b = SMELU_BETA.check(beta)
    u, u_lo = _smelu_parts(x, b)
    h, l = two_square(u)
    quad = (h + (l + 2.0 * u * u_lo)) / (4.0 * b)
    return np.where(x >= b, x, quad)


@elementwise
def smelu_grad(x: np.ndarray, beta: float = 2.0) -> np.ndarray:
    r""":math:`\operatorname{clip}\bigl((x + \beta)/(2\beta),\ 0,\ 1\bigr)`: continuous, 0 left of −β and 1
    right of β."""
    b = SMELU_BETA.check(beta)
    u, u_lo = _smelu_parts(x, b)
    return (u + u_lo) / (2.0 * b)


# --- shifted softplus ----------------------------------------------------------------------------

_LN2 = math.log(2.0)


@elementwise
def shifted_softplus(x: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{softplus}(x) - \ln 2 = \ln\frac{1 + e^x}{2}`, evaluated as
    :math:`\operatorname{log1p}(\operatorname{expm1}(x)/2)` for x ≤ 30 (full relative accuracy through the
    root at 0, where softplus(x) − ln 2 would cancel) and as
    :math:`x + (\operatorname{log1p}(e^{-x}) - \ln 2)` beyond, where expm1 could overflow."""
    a = np.minimum(x, 30.0)
    near = np.log1p(0.5 * np.expm1(a))
    xf = np.maximum(x, 30.0)
    far = xf + (np.log1p(np.exp(-xf)) - _LN2)
    return np.where(x > 30.0, far, near)


@elementwise
def shifted_softplus_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x)`, from :math:`e^{-|x|}` (the derivative of softplus; the shift is a constant)."""
    return sigmoid_pair(x)[0]


# --- log-cosh ------------------------------------------------------------------------------------

_LOGCOSH_SWITCH = 0.75
_LN2_HI = 0.6931471805599453
_LN2_LO = 2.3190468138462996e-17
_LOGCOSH_TERMS = 30  # the next term is below 1e-19 of the sum for |x| <= 0.75


@functools.lru_cache(maxsize=None)
def _logcosh_coefficients() -> tuple[float, ...]:
    r"""c_n of :math:`\ln\cosh x = \sum_{n \ge 1} c_n x^{2n}`,
    :math:`c_n = (-1)^{n+1}\,2^{2n-1}(2^{2n} - 1)\,|B_{2n}|/(n\,(2n)!)` (1/2, −1/12, 1/45, −17/2520, ...),
    from the Bernoulli numbers computed exactly with fractions."""
    m_max = 2 * _LOGCOSH_TERMS
    bern = [Fraction(1)]
    for m in range(1, m_max + 1):
        bern.append(-sum(math.comb(m + 1, k) * bern[k] for k in range(m)) / (m + 1))
    out = []
    for n in range(1, _LOGCOSH_TERMS + 1):
        c = Fraction(2 ** (2 * n - 1) * (2 ** (2 * n) - 1)) * abs(bern[2 * n]) / (n * math.factorial(2 * n))
        out.append(float(c if n % 2 else -c))
    return tuple(out)


@elementwise
def log_cosh(x: np.ndarray) -> np.ndarray:
    r""":math:`\ln\cosh x`, even.

    * :math:`|x| \le 0.75`: the Taylor series :math:`y\,P(y)`, :math:`y = x^2` (exact, Dekker),
      :math:`P(y) = \tfrac12 - \tfrac{y}{12} + \tfrac{y^2}{45} - \ldots` (30 terms, Horner): full relative
      accuracy near 0, where ``log(cosh(x))`` rounds to 0, and no squared rounding error (a form such as
      :math:`\operatorname{log1p}(2\sinh^2(x/2))` doubles the error of sinh);
    * :math:`|x| > 0.75`: :math:`(|x| - \ln 2) + \operatorname{log1p}(e^{-2|x|})` with ln 2 as a
      double-double (:math:`|x| - \ln 2` is exact up to :math:`|x| = 2\ln 2` by Sterbenz's lemma); no
      overflow of cosh."""
    a = np.abs(x)
    small = a <= _LOGCOSH_SWITCH
    an = np.where(small, a, 0.0)
    h, l = two_square(an)
    coef = _logcosh_coefficients()
    poly = np.full_like(h, coef[-1])
    for c in coef[-2::-1]:
        poly = poly * h + c
    near = h * poly + l * poly
    af = np.where(small, 1.0, a)
    far = ((af - _LN2_HI) - _LN2_LO) + np.log1p(np.exp(-2.0 * np.minimum(af, _EXP_CUTOFF)))
    return np.where(small, near, far)


@elementwise
def log_cosh_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh x`, from the C library."""
    return np.tanh(x)


# --- PELU ----------------------------------------------------------------------------------------

PELU_A = Param(
    "a", 1.0, "a",
    T("负饱和值 a（可学习，a > 0）：x → −∞ 时函数趋于 −a；正半轴斜率为 a/b。这里取 1，即作者公开代码的初始值（a = b = 1 时即 α = 1 的 ELU）。",
      "Negative saturation a (learned, a > 0): the function tends to −a as x → −∞; the positive slope is "
      "a/b. Shown at 1, the initial value in the authors' code (a = b = 1 is ELU with α = 1)."),
    "> 0 and finite", _positive_finite,
    span=(0.1, 3.0),
)
PELU_B = Param(
    "b", 1.0, "b",
    T("指数衰减的尺度 b（可学习，b > 0）：负半轴为 a(e^{x/b} − 1)。这里取 1，即作者公开代码的初始值。",
      "Scale b of the exponential decay (learned, b > 0): the negative side is a(e^{x/b} − 1). Shown at the "
      "value 1, the initial value in the authors' code."),
    "> 0 and finite", _positive_finite,
    span=(0.1, 3.0),
)


def _pelu_neg_arg(x: np.ndarray, b: float) -> np.ndarray:
    """min(x, 0)/b, floored where exp of it is already 0 (x/b cannot overflow for tiny b)."""
    return np.clip(x, -_EXP_CUTOFF * b, 0.0) / b


@elementwise
def pelu(x: np.ndarray, a: float = 1.0, b: float = 1.0) -> np.ndarray:
    r""":math:`(a/b)\,x` for x ≥ 0, :math:`a\operatorname{expm1}(x/b)` for x < 0 (expm1 of a clamped,
    non-positive argument: exact near 0, no overflow)."""
    av, bv = PELU_A.check(a), PELU_B.check(b)
    with np.errstate(over="ignore"):
        pos = (av * np.maximum(x, 0.0)) / bv
    return np.where(x >= 0, pos, av * np.expm1(_pelu_neg_arg(x, bv)))


@elementwise
def pelu_grad(x: np.ndarray, a: float = 1.0, b: float = 1.0) -> np.ndarray:
    r""":math:`a/b` for x ≥ 0, :math:`(a/b)\,e^{x/b}` for x < 0; both sides give a/b at 0, so PELU is
    :math:`C^1` for every a, b > 0."""
    av, bv = PELU_A.check(a), PELU_B.check(b)
    return np.where(x >= 0, av / bv, (av * np.exp(_pelu_neg_arg(x, bv))) / bv)


# --- ELiSH ---------------------------------------------------------------------------------------
#: the root x0 = ln(sqrt 2 - 1) = -asinh(1) of ELiSH' on the negative side, as a double-double (hi, lo),
#: mpmath at 60 digits; z0 = e^x0 = sqrt 2 - 1 and sqrt 2 + 1 likewise
_ELISH_ROOT = (-0.881373587019543, 2.250545892825866e-17)
_ELISH_Z0 = (0.41421356237309503, 1.4349369327986523e-17)
_SQRT2_PLUS_1 = (2.414213562373095, 1.2537167179050217e-16)
#: the minimum of ELiSH' (at x = -1.7175297959782470947, a root of ELiSH''), mpmath findroot at 60 digits
ELISH_GRAD_MIN = -0.07854684787555588


@elementwise
def elish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\sigma(x)` for x ≥ 0 (SiLU's kernel), :math:`(e^x - 1)\,\sigma(x)` for x < 0, evaluated as
    :math:`m z/(1 + z)` with :math:`m = \operatorname{expm1}(x)`, :math:`z = e^x`, the product mz exact
    (Dekker) and the rounding of 1 + z compensated; x is floored at -1000, where both are already 0."""
    xn = np.clip(x, -_EXP_CUTOFF, 0.0)
    m = np.expm1(xn)
    z = np.exp(xn)
    p, q = two_prod(m, z)
    left = _ratio_one_plus(p, q, z, 0.0)
    right = silu.kernel(np.maximum(x, 0.0))
    return np.where(x >= 0, right, left)


@elementwise
def elish_grad(x: np.ndarray) -> np.ndarray:
    r"""x ≥ 0: SiLU′, :math:`\sigma(x)(1 + x\,\sigma(-x))`. x < 0: :math:`e^x\sigma(x) + (e^x - 1)\sigma(x)\sigma(-x)
    = z N/(1 + z)^2` with :math:`z = e^x` and :math:`N = z^2 + 2z - 1 = (1 + z)^2 - 2`, which changes sign at
    :math:`z_0 = \sqrt2 - 1` (:math:`x_0 = -\operatorname{asinh} 1`), where the sum cancels.

    * :math:`|x - x_0| < 1/2`: :math:`N = (z - z_0)(z + 1 + \sqrt2)` with
      :math:`z - z_0 = z_0\operatorname{expm1}(x - x_0)` (:math:`x_0`, :math:`z_0` double-doubles), so N keeps
      its relative accuracy through the root;
    * elsewhere: :math:`N = (s^2 - 2) + \ldots` from the exact sum :math:`s = 1 + z` and its exact square
      (Sterbenz: :math:`s^2 - 2` is exact for :math:`1 < s^2 \le 4`).

    N, zN and :math:`(1 + z)^2` are carried as hi + lo (Dekker, TwoSum), so the quotient is one rounded
    division plus a correction. Both sides give 1/2 at 0; x is floored at -1000, where z = 0."""
    xn = np.clip(x, -_EXP_CUTOFF, 0.0)
    z = np.exp(xn)
    one = np.ones_like(z)
    s1, s1e = two_sum(one, z)  # 1 + z exactly
    h, l = two_square(s1)
    d_lo = l + 2.0 * s1 * s1e  # (1 + z)² = h + d_lo
    # N away from the root
    n_far, n_far_lo = h - 2.0, d_lo
    # N near the root
    d, d_e = two_sum(xn, np.full_like(xn, -_ELISH_ROOT[0]))
    delta, delta_lo = two_sum(d, d_e - _ELISH_ROOT[1])
    near = np.abs(delta) < 0.5
    dn = np.where(near, delta, 0.0)
    em = np.expm1(dn)
    em_lo = np.where(near, delta_lo, 0.0) * (1.0 + em)
    p1, q1 = two_prod(_ELISH_Z0[0], em)
    zz_lo = q1 + (_ELISH_Z0[1] * em + _ELISH_Z0[0] * em_lo)  # z - z0 = p1 + zz_lo
    w, w_e = two_sum(z, np.full_like(z, _SQRT2_PLUS_1[0]))
    w_lo = w_e + _SQRT2_PLUS_1[1]  # z + 1 + sqrt 2 = w + w_lo
    n1, n1q = two_prod(p1, w)
    n_near_lo = n1q + (p1 * w_lo + zz_lo * w)
    num = np.where(near, n1, n_far)
    num_lo = np.where(near, n_near_lo, n_far_lo)
    # z N / (1 + z)²
    p, pq = two_prod(z, num)
    q = p / h
    c = ((pq + z * num_lo) - q * d_lo) / h
    left = np.where(c == 0, q, q + c)
    right = silu_grad.kernel(np.maximum(x, 0.0))
    return np.where(x >= 0, right, left + 0.0)


# --- xIELU ---------------------------------------------------------------------------------------
# Huang & Schlag's reference code (and HuggingFace transformers' XIELUActivation) stores alpha_p and
# alpha_n through softplus (alpha_n = beta + softplus(.)), initialised so that alpha_p = alpha_n = 0.8
# with a fixed beta = 0.5, and evaluates expm1(min(x, eps)) with eps = -1e-6; this library evaluates the
# paper's formula without eps (which changes values in (eps, 0] by less than 1e-6).

XIELU_ALPHA_P = Param(
    "alpha_p", 0.8, r"\alpha_p",
    T("正半轴二次项的系数 αₚ（可学习，> 0）；参考实现的初始值为 0.8。",
      "Coefficient αₚ of the quadratic term on the positive side (learned, > 0); the reference code "
      "initialises it to 0.8."),
    "> 0 and finite", _positive_finite,
    span=(0.1, 2.0),
)
XIELU_ALPHA_N = Param(
    "alpha_n", 0.8, r"\alpha_n",
    T("负半轴的系数 αₙ（可学习，> 0；参考实现保证 αₙ > β）：x → −∞ 时导数趋于 β − αₙ。初始值 0.8。",
      "Coefficient αₙ of the negative side (learned, > 0; the reference code keeps αₙ > β): the derivative "
      "tends to β − αₙ as x → −∞. Initial value 0.8."),
    "> 0 and finite", _positive_finite,
    span=(0.1, 2.0),
)
XIELU_BETA = Param(
    "beta", 0.5, r"\beta",
    T("线性项的系数 β，也是 f′(0)；参考实现固定为 0.5。",
      "Coefficient β of the linear term, which is also f′(0); fixed to 0.5 in the reference code."),
    span=(0.0, 1.0),
)

_DEC = decimal.Context(prec=50)


def _dd(v: decimal.Decimal) -> tuple[float, float]:
    hi = float(v)
    return hi, float(_DEC.subtract(v, decimal.Decimal(hi)))


@functools.lru_cache(maxsize=64)
def _xielu_constants(an: float, beta: float) -> dict:
    """Constants of the negative side f(x) = αₙ expm1(x) − c x, c = αₙ − β, as double-doubles, computed
    once per parameter set with ``decimal`` at 50 digits:

    * ``c``: αₙ − β;
    * ``xm``: the minimum point ln(c/αₙ) of f (the root of f′ = αₙ eˣ − c), if c > 0;
    * ``root``, ``k``: the negative root r of f and K = αₙ eʳ, if c > 0 and β > 0 (then f < 0 just left
      of 0 and f → +∞ as x → −∞). Found by bisection in float64, refined by one Newton step in decimal."""
    D = decimal.Decimal
    c = _DEC.subtract(D(an), D(beta))
    out: dict = {"c": _dd(c), "xm": None, "root": None, "k": None}
    if c <= 0:
        return out
    xm = _DEC.ln(_DEC.divide(c, D(an)))
    out["xm"] = _dd(xm)
    if beta <= 0:
        return out
    cf = float(c)
    g = lambda t: an * math.expm1(t) - cf * t  # noqa: E731
    lo, hi = -an / cf - 1.0, float(xm)  # g(lo) > 0 > g(hi)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        lo, hi = (mid, hi) if g(mid) > 0 else (lo, mid)
    r = D(lo)
    er = _DEC.exp(r)
    gr = _DEC.subtract(_DEC.multiply(D(an), _DEC.subtract(er, 1)), _DEC.multiply(c, r))
    gp = _DEC.subtract(_DEC.multiply(D(an), er), c)
    rr = _DEC.subtract(r, _DEC.divide(gr, gp))
    out["root"] = _dd(rr)
    out["k"] = _dd(_DEC.multiply(D(an), _DEC.exp(rr)))
    return out


def _xielu_params(alpha_p, alpha_n, beta) -> tuple[float, float, float]:
    return XIELU_ALPHA_P.check(alpha_p), XIELU_ALPHA_N.check(alpha_n), XIELU_BETA.check(beta)


def _shifted(x: np.ndarray, at: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """(d, d_lo), d + d_lo = x − (hi + lo) to about 2**-106 relative (exact where x is near hi)."""
    d, e = two_sum(x, np.full_like(x, -at[0]))
    return two_sum(d, e - at[1])


@elementwise
def xielu(x: np.ndarray, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5) -> np.ndarray:
    r""":math:`\alpha_p x^2 + \beta x` for x > 0 and :math:`\alpha_n(e^x - 1 - x) + \beta x
    = \alpha_n\operatorname{expm1}(x) - c\,x` (:math:`c = \alpha_n - \beta`) for x ≤ 0.

    x > 0: :math:`x(\alpha_p x + \beta)` with the inner product and sum error-free. x ≤ 0: the two terms
    cancel at the negative root r of f (when c > 0 and β > 0); left of r/2 the kernel uses the exact
    identity :math:`f(x) = K\operatorname{expm1}(\delta) - c\,\delta`, :math:`\delta = x - r`,
    :math:`K = \alpha_n e^r` (r, K, c double-doubles from :func:`_xielu_constants`), whose terms do not
    cancel; right of it (towards the root at 0, where f ≈ βx) the direct form with exact products."""
    ap, an, b = _xielu_params(alpha_p, alpha_n, beta)
    k = _xielu_constants(an, b)
    c_hi, c_lo = k["c"]
    # x > 0
    xp = np.where(x > 0, x, 0.0)
    pbig = ~(xp < _BIG)
    xs = np.where(pbig, 0.0, xp)
    p, q = two_prod(ap, xs)
    s, e = two_sum(p, np.full_like(p, b))
    right = xs * s + xs * (e + q)
    with np.errstate(over="ignore", invalid="ignore"):
        right = np.where(pbig, xp * (ap * xp + b), right)
    # x <= 0, direct: an*m - c*x with both products exact
    xn = np.maximum(np.minimum(x, 0.0), -2.0**900)  # no split overflow; f is then linear far beyond
    m = np.expm1(xn)
    p1, q1 = two_prod(an, m)
    p2, q2 = two_prod(c_hi, xn)
    t, te = two_sum(p1, -p2)
    direct = t + (te + (q1 - q2 - c_lo * xn))
    left = direct
    if k["root"] is not None:
        r_hi, _ = k["root"]
        k_hi, k_lo = k["k"]
        far = xn < 0.5 * r_hi
        xf = np.where(far, xn, r_hi)
        d, d_lo = _shifted(xf, k["root"])
        em = np.expm1(d)
        em = em + d_lo * (1.0 + em)
        a1, a1e = two_prod(k_hi, em)
        a2, a2e = two_prod(c_hi, d)
        u, ue = two_sum(a1, -a2)
        around = u + (ue + (a1e - a2e + k_lo * em - c_lo * d - c_hi * d_lo))
        left = np.where(far, around, direct)
    with np.errstate(over="ignore", invalid="ignore"):
        left = np.where(x < -2.0**900, an * -1.0 - (c_hi * x), left)
    out = np.where(x > 0, right, left)
    return _keep_nan(x, out)


@elementwise
def xielu_grad(x: np.ndarray, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5) -> np.ndarray:
    r""":math:`2\alpha_p x + \beta` for x > 0, :math:`\alpha_n e^x - c` for x ≤ 0 (β at 0 from both sides).

    For c > 0 the negative side is :math:`c\operatorname{expm1}(x - x_m)` with :math:`x_m = \ln(c/\alpha_n)`
    (a double-double), the minimum of f: the exact form of :math:`\alpha_n e^x - c`, without its
    cancellation at :math:`x_m`."""
    ap, an, b = _xielu_params(alpha_p, alpha_n, beta)
    k = _xielu_constants(an, b)
    c_hi, c_lo = k["c"]
    xp = np.where(x > 0, x, 0.0)
    with np.errstate(over="ignore"):
        p, q = two_prod(2.0 * ap, np.where(xp < _BIG, xp, 0.0))
        s, e = two_sum(p, np.full_like(p, b))
        right = np.where(xp < _BIG, s + (e + q), 2.0 * ap * xp + b)
    xn = np.minimum(x, 0.0)
    if k["xm"] is not None:
        d, d_lo = _shifted(np.maximum(xn, -_EXP_CUTOFF), k["xm"])
        em = np.expm1(d)
        em = em + d_lo * (1.0 + em)
        left = c_hi * em + c_lo * em
    else:
        left = an * np.exp(np.maximum(xn, -_EXP_CUTOFF)) - c_hi - c_lo
    return _keep_nan(x, np.where(x > 0, right, left))


# --- references ----------------------------------------------------------------------------------

SO_2021 = Reference(
    "D. R. So, W. Mańke, H. Liu, Z. Dai, N. Shazeer, Q. V. Le", 2021,
    "Primer: Searching for Efficient Transformers for Language Modeling", "NeurIPS 2021",
    "https://arxiv.org/abs/2109.08668",
)
YU_2022 = Reference(
    "W. Yu, C. Si, P. Zhou, M. Luo, Y. Zhou, J. Feng, S. Yan, X. Wang", 2022, "MetaFormer Baselines for Vision",
    "arXiv:2210.13452 (IEEE TPAMI 2024)", "https://arxiv.org/abs/2210.13452",
)
SHAMIR_2020 = Reference(
    "G. I. Shamir, D. Lin, L. Coviello", 2020, "Smooth Activations and Reproducibility in Deep Networks",
    "arXiv:2010.09931", "https://arxiv.org/abs/2010.09931",
)
SCHUTT_2017 = Reference(
    "K. T. Schütt, P.-J. Kindermans, H. E. Sauceda, S. Chmiela, A. Tkatchenko, K.-R. Müller", 2017,
    "SchNet: A continuous-filter convolutional neural network for modeling quantum interactions",
    "NeurIPS 2017", "https://arxiv.org/abs/1706.08566",
)
HYVARINEN_1999 = Reference(
    "A. Hyvärinen", 1999, "Fast and Robust Fixed-Point Algorithms for Independent Component Analysis",
    "IEEE Transactions on Neural Networks 10(3), 626–634", "https://doi.org/10.1109/72.761722",
)
TROTTIER_2017 = Reference(
    "L. Trottier, P. Giguère, B. Chaib-draa", 2017,
    "Parametric Exponential Linear Unit for Deep Convolutional Neural Networks", "ICMLA 2017",
    "https://arxiv.org/abs/1605.09332",
)
BASIRAT_2018 = Reference(
    "M. Basirat, P. M. Roth", 2018, "The Quest for the Golden Activation Function", "arXiv:1808.00783",
    "https://arxiv.org/abs/1808.00783",
)
HUANG_2024 = Reference(
    "A. H. Huang, I. Schlag", 2024, "Deriving Activation Functions Using Integration", "arXiv:2411.13010",
    "https://arxiv.org/abs/2411.13010",
)

# StarReLU's operation count. Yu et al. (2022) report that StarReLU needs 71 % fewer activation FLOPs than
# GELU. The count here: every +, −, ×, ÷, negation, max and exp is one operation, a value used twice is
# computed once, constants are folded, and tanh is written by its definition (eᵘ − e⁻ᵘ)/(eᵘ + e⁻ᵘ).
# The expressions are Python; tests/test_flop_counts.py recounts them from their syntax tree and evaluates
# them against the kernels (star_relu, and gelu with approximate="tanh"), so a count cannot drift from
# the function it counts. k = √(2/π) and c = 0.044715 (the κ of GELU's tanh form) are constants.
_GELU_TANH_U = "k * (x + c * x * x * x)"
STAR_RELU_FLOPS_EXPR = "s * (max(0, x) * max(0, x)) + b"
GELU_TANH_FLOPS_EXPR = (
    f"0.5 * x * (1 + (exp({_GELU_TANH_U}) - exp(-({_GELU_TANH_U})))"
    f" / (exp({_GELU_TANH_U}) + exp(-({_GELU_TANH_U}))))"
)
STAR_RELU_FLOPS = 4
GELU_TANH_FLOPS = 14

#: f′ of xIELU tends to β − αₙ as x → −∞ (at the defaults); the grad_range's LaTeX prints it from here
_XIELU_GRAD_INF = XIELU_BETA.default - XIELU_ALPHA_N.default

ENTRIES = [
    Activation(
        key="squared_relu",
        name=T("平方 ReLU", "Squared ReLU"),
        aliases=("ReLU²", "ReLU squared", "relu2", "ReLU 平方", "平方整流"),
        family="smooth-relu",
        symbol=r"{\operatorname{ReLU}^2}",
        fn=squared_relu,
        grad=squared_relu_grad,
        tex=r"\operatorname{ReLU}^2(x) = \max(0,\ x)^2 = \begin{cases} x^2 & x > 0 \\ 0 & x \le 0 \end{cases}",
        grad_tex=r"\bigl(\operatorname{ReLU}^2\bigr)'(x) = 2\max(0,\ x)",
        properties=Properties(
            range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            grad_range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("ReLU 的平方：负半轴恰为 0，正半轴为 x²。由 Primer 的架构搜索发现，用于 Transformer 的前馈层。",
                  "ReLU squared: exactly 0 for negatives, x² for positives. Found by Primer's architecture "
                  "search for the feed-forward layers of Transformers."),
        references=(SO_2021,),
        api=Api(None, None, None),
        xlim=(-3.0, 3.0),
    ),
    Activation(
        key="star_relu",
        name=T("StarReLU", "StarReLU"),
        aliases=("Star ReLU", "scaled squared ReLU"),
        family="smooth-relu",
        symbol=r"\operatorname{StarReLU}",
        fn=star_relu,
        grad=star_relu_grad,
        tex=r"\operatorname{StarReLU}(x) = s\,\max(0,\ x)^2 + b",
        grad_tex=r"\operatorname{StarReLU}'(x) = 2s\,\max(0,\ x)",
        params=(STAR_SCALE, STAR_BIAS),
        family_values=({"scale": math.sqrt(0.8), "bias": -math.sqrt(0.2)}, {"scale": 1.0, "bias": 0.0},
                       {"scale": 0.5, "bias": 0.5}),
        properties=Properties(
            range=Bounds(r"\left[-\tfrac{1}{\sqrt5},\ +\infty\right)", -math.sqrt(0.2), inf, lo_closed=True),
            grad_range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("平方 ReLU 再加上可学习的尺度 s 与偏置 b，使输出在标准正态输入下均值为 0、方差为 1；用于 MetaFormer 基线模型。",
                  "Squared ReLU with a learned scale s and bias b, chosen so that standard normal inputs give "
                  "outputs of mean 0 and variance 1; used in the MetaFormer baselines."),
        references=(YU_2022, SO_2021),
        api=Api(None, None, None),
        xlim=(-3.0, 3.0),
        notes={
            "flops": STAR_RELU_FLOPS, "flops_expr": STAR_RELU_FLOPS_EXPR,
            "gelu_tanh_flops": GELU_TANH_FLOPS, "gelu_tanh_flops_expr": GELU_TANH_FLOPS_EXPR,
            "flops_saving_percent": 100.0 * (1.0 - STAR_RELU_FLOPS / GELU_TANH_FLOPS),
        },
    ),
    Activation(
        key="smelu",
        name=T("SmeLU 函数", "SmeLU"),
        aliases=("smooth ReLU", "SmeLU 平滑整流"),
        family="smooth-relu",
        symbol=r"\operatorname{SmeLU}",
        fn=smelu,
        grad=smelu_grad,
        tex=(
            r"\operatorname{SmeLU}(x) = \begin{cases} 0 & x \le -\beta \\ \dfrac{(x + \beta)^2}{4\beta} &"
            r" |x| < \beta \\ x & x \ge \beta \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{SmeLU}'(x) = \begin{cases} 0 & x \le -\beta \\ \dfrac{x + \beta}{2\beta} &"
            r" |x| < \beta \\ 1 & x \ge \beta \end{cases}"
        ),
        params=(SMELU_BETA,),
        family_values=({"beta": 0.5}, {"beta": 1.0}, {"beta": 2.0}, {"beta": 3.0}),
        properties=Properties(
            range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            grad_range=Bounds(r"[0,\ 1]", 0.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("在 |x| < β 内用一段抛物线连接 0 与 x 的平滑 ReLU：导数连续，计算仍只需比较与乘法；为提高训练的可复现性而提出。",
                  "A smooth ReLU that joins 0 and x with a parabola on |x| < β: a continuous derivative at "
                  "the cost of a comparison and a multiplication; proposed to make training more reproducible."),
        references=(SHAMIR_2020,),
        api=Api(None, None, None),
    ),
    Activation(
        key="shifted_softplus",
        name=T("平移 Softplus", "Shifted softplus"),
        aliases=("ssp", "shifted soft plus", "SchNet softplus", "移位 Softplus"),
        family="smooth-relu",
        symbol=r"\operatorname{ssp}",
        fn=shifted_softplus,
        grad=shifted_softplus_grad,
        tex=r"\operatorname{ssp}(x) = \ln\bigl(1 + e^{x}\bigr) - \ln 2 = \ln\frac{1 + e^{x}}{2}",
        grad_tex=r"\operatorname{ssp}'(x) = \sigma(x) = \frac{1}{1 + e^{-x}}",
        stable_tex=(
            r"\operatorname{ssp}(x) = \begin{cases} \operatorname{log1p}\bigl(\tfrac12\operatorname{expm1}(x)\bigr)"
            r" & x \le 30 \\ x + \bigl(\operatorname{log1p}(e^{-x}) - \ln 2\bigr) & x > 30 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"(-\ln 2,\ +\infty)", -_LN2, inf),
            grad_range=Bounds(r"(0,\ 1)", 0.0, 1.0),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("Softplus 向下平移 ln 2，使 f(0) = 0；SchNet 等分子与材料模型的标准激活。",
                  "Softplus shifted down by ln 2 so that f(0) = 0; the standard activation of SchNet and "
                  "related molecular and materials models."),
        references=(SCHUTT_2017,),
        api=Api(None, None, None),
    ),
    Activation(
        key="log_cosh",
        name=T("log-cosh 函数", "Log-cosh"),
        aliases=("logcosh", "log cosh", "ln cosh", "对数双曲余弦"),
        family="other",
        symbol=r"\operatorname{logcosh}",
        fn=log_cosh,
        grad=log_cosh_grad,
        tex=r"\operatorname{logcosh}(x) = \ln\cosh x = \ln\frac{e^{x} + e^{-x}}{2}",
        grad_tex=r"\operatorname{logcosh}'(x) = \tanh x",
        stable_tex=(
            r"\ln\cosh x = \begin{cases} \displaystyle\sum_{n=1}^{30} c_n x^{2n} = \frac{x^2}{2} - \frac{x^4}{12}"
            r" + \frac{x^6}{45} - \cdots & |x| \le 0.75 \\[1ex]"
            r" \bigl(|x| - \ln 2\bigr) + \operatorname{log1p}\bigl(e^{-2|x|}\bigr) & |x| > 0.75 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            grad_range=Bounds(r"(-1,\ 1)", -1.0, 1.0),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("tanh 的原函数：原点附近像 x²/2，远处像 |x| − ln 2；主要用作损失函数和 ICA 的对比函数，很少作为激活函数。",
                  "The antiderivative of tanh: like x²/2 near 0 and like |x| − ln 2 far out; mostly used as a "
                  "loss and as a contrast function in ICA, rarely as an activation."),
        references=(HYVARINEN_1999,),
        api=Api(None, None, None),
    ),
    Activation(
        key="pelu",
        name=T("参数化指数线性单元", "PELU"),
        aliases=("parametric ELU", "parametric exponential linear unit", "参数化 ELU"),
        family="smooth-relu",
        symbol=r"\operatorname{PELU}",
        fn=pelu,
        grad=pelu_grad,
        tex=(
            r"\operatorname{PELU}(x) = \begin{cases} \dfrac{a}{b}\,x & x \ge 0 \\[1ex]"
            r" a\left(e^{x/b} - 1\right) & x < 0 \end{cases}, \qquad a,\ b > 0"
        ),
        grad_tex=(
            r"\operatorname{PELU}'(x) = \begin{cases} \dfrac{a}{b} & x \ge 0 \\[1ex]"
            r" \dfrac{a}{b}\,e^{x/b} & x < 0 \end{cases}"
        ),
        params=(PELU_A, PELU_B),
        family_values=({"a": 1.0, "b": 1.0}, {"a": 2.0, "b": 1.0}, {"a": 1.0, "b": 2.0}, {"a": 0.5, "b": 0.5}),
        properties=Properties(
            range=Bounds(r"(-1,\ +\infty)", -1.0, inf),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("ELU 的两参数可学习版本：a 决定负饱和值，b 决定指数衰减的快慢，正半轴斜率 a/b 使导数在原点处总是连续。",
                  "A two-parameter learned ELU: a sets the negative saturation, b the speed of the exponential "
                  "decay, and the positive slope a/b keeps the derivative continuous at 0 for every a, b."),
        references=(TROTTIER_2017,),
        api=Api(None, None, None),
    ),
    Activation(
        key="elish",
        name=T("ELiSH 函数", "ELiSH"),
        aliases=("exponential linear squashing", "exponential linear sigmoid squashing"),
        family="self-gated",
        symbol=r"\operatorname{ELiSH}",
        fn=elish,
        grad=elish_grad,
        tex=(
            r"\operatorname{ELiSH}(x) = \begin{cases} x\,\sigma(x) = \dfrac{x}{1 + e^{-x}} & x \ge 0 \\[1ex]"
            r" (e^{x} - 1)\,\sigma(x) = \dfrac{e^{x} - 1}{1 + e^{-x}} & x < 0 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{ELiSH}'(x) = \begin{cases} \sigma(x)\bigl(1 + x\,\sigma(-x)\bigr) & x \ge 0 \\"
            r" \sigma(x)\bigl(e^{x} + (e^{x} - 1)\,\sigma(-x)\bigr) & x < 0 \end{cases}"
        ),
        stable_tex=(
            r"\operatorname{ELiSH}'(x) = \frac{z\,(z - z_0)\,(z + 1 + \sqrt2)}{(1 + z)^2},\quad z = e^{x},"
            r"\ z - z_0 = z_0\operatorname{expm1}(x - x_0),\ z_0 = \sqrt2 - 1 \quad (x < 0)"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            # right: SiLU's maximum; left: the minimum of z(z² + 2z − 1)/(1 + z)², z = eˣ
            grad_range=Bounds(r"\approx [-0.0785,\ 1.0998]", ELISH_GRAD_MIN, SILU_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("正半轴与 SiLU 相同，负半轴换成 ELU 与 Sigmoid 的乘积：有一个浅的负极小值，x → −∞ 时趋于 0。",
                  "SiLU on the positive side and ELU times the sigmoid on the negative side: a shallow negative "
                  "minimum, tending to 0 as x → −∞."),
        references=(BASIRAT_2018,),
        api=Api(None, None, None),
        xlim=(-6.0, 4.0),
    ),
    Activation(
        key="xielu",
        name=T("xIELU 函数", "xIELU"),
        aliases=("expanded integral of the exponential linear unit", "XIELU"),
        family="smooth-relu",
        symbol=r"\operatorname{xIELU}",
        fn=xielu,
        grad=xielu_grad,
        tex=(
            r"\operatorname{xIELU}(x) = \begin{cases} \alpha_p x^2 + \beta x & x > 0 \\"
            r" \alpha_n\left(e^{x} - 1 - x\right) + \beta x & x \le 0 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{xIELU}'(x) = \begin{cases} 2\alpha_p x + \beta & x > 0 \\"
            r" \alpha_n\left(e^{x} - 1\right) + \beta & x \le 0 \end{cases}"
        ),
        stable_tex=(
            r"\operatorname{xIELU}(x) = K\operatorname{expm1}(x - r) - (\alpha_n - \beta)(x - r),\quad"
            r" K = \alpha_n e^{r}\quad (x < r/2,\ r < 0 \text{ the negative root})"
        ),
        params=(XIELU_ALPHA_P, XIELU_ALPHA_N, XIELU_BETA),
        family_values=({"alpha_p": 0.8, "alpha_n": 0.8, "beta": 0.5}, {"alpha_p": 0.4, "alpha_n": 0.8, "beta": 0.5},
                       {"alpha_p": 0.8, "alpha_n": 1.5, "beta": 0.5}, {"alpha_p": 0.8, "alpha_n": 0.5, "beta": 0.5}),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(rf"(\beta - \alpha_n,\ +\infty) = ({_XIELU_GRAD_INF:g},\ +\infty)", _XIELU_GRAD_INF, inf),
            monotonic=False,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("由积分导出的可学习激活：正半轴像平方 ReLU 的 αₚx² + βx，负半轴的导数可以为负，使很负的输入也有梯度；用于 Apertus 等大语言模型。",
                  "A learned activation derived by integration: αₚx² + βx like squared ReLU on the positive side, "
                  "and a derivative that can turn negative on the negative side, so very negative inputs keep a "
                  "gradient; used in large language models such as Apertus."),
        references=(HUANG_2024,),
        api=Api(None, None, None),
    ),
]
