"""Self-gated functions x·g(x) of the post-Swish generation (TanhExp, Logish, Serf, LiSHT, hard Mish),
plus two sigmoid-like functions added with them (LeCun's scaled tanh and Mega's Laplace function).

SiLU/Swish, GELU, Mish and hard swish live in :mod:`activations.catalog.smooth_relu`; QuickGELU
x·σ(1.702x) is not an entry of its own but SiLU/Swish-β at β = 1.702 (an alias of ``silu``).

Conventions, as in :mod:`activations.catalog.smooth_relu`:

* exponentials of large arguments are never formed: x is clamped where the result no longer changes
  (e^-1000 = 0 in float64), so no branch of an ``np.where`` produces inf or NaN that is then discarded;
* in the far left tail, where g(x) = c·e^x to far below an ulp (x < -700, e^x subnormal or nearly so),
  the product x·g(x) is formed as (c x E) E with E = e^(x/2) (``_times_tiny_exp`` of smooth_relu), so
  the few significant bits of a subnormal e^x are not magnified by x;
* float16/float32 input is computed in float64 and rounded once (:mod:`activations.core.arrays`).
"""

from __future__ import annotations

import math

import numpy as np

from ..core.arrays import elementwise
from ..core.spec import MINIMUM, Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import two_prod, two_square, two_sum, times_exp_neg, z_over_one_plus_z_squared
from .sigmoid import LECUN_1998, sigmoid_pair
from .smooth_relu import MISRA_2019, _ncdf_tail, _times_tiny_exp

_EXP_CUTOFF = 1000.0
#: below this x, e^x is close to or below the smallest normal float64 and 1 + e^x == 1
_TINY = -700.0
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)

_erf = np.frompyfunc(math.erf, 1, 1)


def _erf_array(s: np.ndarray) -> np.ndarray:
    """erf element-wise from the C library (``math.erf``, about 1 ulp), NaN propagating."""
    return np.asarray(_erf(s), dtype=np.float64).reshape(s.shape) if s.size else s.copy()


def _tail(x: np.ndarray, c: float, grad: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(mask, value) for x < -700 (x floored at -1000, where everything is 0): c·x·e^x, or with
    ``grad`` c·(1 + x)·e^x, as ((c·m) E) E, E = e^(x/2)."""
    mask = (x < _TINY) & (x > -_EXP_CUTOFF)
    xt = np.where(mask, x, _TINY)
    m = c * ((1.0 + xt) if grad else xt)
    return mask, _times_tiny_exp(m, xt)


# Taylor expansions of f' about its root x0 (the minimum of f), where the two terms of f' cancel: mpmath at
# 80 digits (findroot of the reference derivative, then mp.taylor about the double-double x0 = hi + lo);
# the root and the first coefficient c1 = f''(x0) as double-doubles, then c2 ... c34 rounded to float64.
# Used for |x - x0| <= 0.5 (TanhExp), 0.9 (Logish) and 0.95 (Serf), well inside the radius of convergence (the
# nearest complex singularity of f': 2.2 for TanhExp, 3.2 for Logish, 3.4 for Serf).
_TANH_EXP_ROOT = (-1.078860058464624, -9.55786742622646e-17)
_TANH_EXP_C1 = (0.3525036331603062, -1.1622739759696724e-17)
_TANH_EXP_COEFS = (
    0.3252269138875309, 0.10786032936442337, -0.022875972060733378, -0.045645387693479984,
    -0.025487703563799875, -0.005629789964385507, 0.0027715928931243703, 0.0034002744090071715,
    0.0016641690502916502, 0.0003022982929299591, -0.00020187575175518, -0.0002119141773405725,
    -9.603493263295568e-05, -1.4793194852334724e-05, 1.2648096951420702e-05, 1.199038537801436e-05,
    5.117352696013257e-06, 6.583189042202188e-07, -7.361671974228515e-07, -6.414512678013859e-07,
    -2.591753324811976e-07, -2.663092428565792e-08, 4.091566016278119e-08, 3.3078729851337745e-08,
    1.2673782447973223e-08, 9.57900126689221e-10, -2.198823719704995e-09, -1.6609658541289202e-09,
    -6.035801057921976e-10, -2.814950101963764e-11, 1.1511508695091627e-10, 8.169801089490198e-11,
    2.813736959000725e-11,
)
_LOGISH_ROOT = (-1.3724541370256922, 7.791774027651745e-17)
_LOGISH_C1 = (0.18341467184783952, 7.505537920410614e-18)
_LOGISH_COEFS = (
    0.1086792851437427, 0.0031532229721794197, -0.014993584924528795, -0.0036799106328445352,
    0.0010926871777721774, 0.0006480649192691449, 2.6202415640500867e-06, -6.977769910677737e-05,
    -1.3134751301047094e-05, 4.806711643517166e-06, 2.171439813856842e-06, -9.908635711857965e-08,
    -2.276720076474392e-07, -2.8274044753511172e-08, 1.6885978196675094e-08, 5.3055020708494535e-09,
    -7.353789737621014e-10, -5.938815976911703e-10, -2.024345697145296e-11, 5.0404386720409574e-11,
    8.705071809315697e-12, -3.3357448440484343e-12, -1.2002626804033537e-12, 1.5015452044039844e-13,
    1.257415849115157e-13, 9.109893500525294e-16, -1.1451793324807978e-14, -1.3649303046158056e-15,
    9.31985225222722e-16, 2.3624444805325326e-16, -6.369272789687258e-17, -3.076539649160995e-17,
    2.6129902796535018e-18,
)
_SERF_ROOT = (-1.193059968928188, 3.096701676302884e-17)
_SERF_C1 = (0.30150488936299114, -5.2715925031779126e-18)
_SERF_COEFS = (
    0.23161220121136644, 0.04754569104272783, -0.02333420603137727, -0.018713084036873454,
    -0.0045245316310397665, 0.0008716960652536173, 0.0010481488697435962, 0.0003321028840029553,
    -1.201569744729671e-06, -4.460454909427938e-05, -1.8353874297258704e-05, -1.8900340116276782e-06,
    1.4864871567878862e-06, 8.121718667121073e-07, 1.419464800354989e-07, -3.850673461878466e-08,
    -3.041607803377354e-08, -7.068861505124413e-09, 6.969587341059505e-10, 1.004636539650687e-09,
    2.860803471777679e-10, -2.8520369716160085e-12, -3.020752300534334e-11, -1.0143670951875454e-11,
    -4.517298399898492e-13, 8.486152036719923e-13, 3.2814346078010706e-13, 2.6556592586712844e-14,
    -2.278613393260265e-14, -9.938670354505302e-15, -1.0499452002257338e-15, 5.969114773815234e-16,
    2.86905140947324e-16,
)

_ROOT_RADIUS = 0.5


def _near_root(x: np.ndarray, root: tuple[float, float], c1: tuple[float, float],
               coefs: tuple[float, ...], radius: float = _ROOT_RADIUS) -> tuple[np.ndarray, np.ndarray]:
    r"""(mask, f'(x)) for :math:`|x - x_0| \le` ``radius`` from the Taylor series
    :math:`f'(x_0 + \delta) = \delta\,(c_1 + \delta\,(c_2 + \delta\,(c_3 + \dots)))`: :math:`x - x_{0,hi}` is exact
    there (Sterbenz), the low part of the root enters as a correction, and the product with the bracket
    is formed exactly (Dekker), so f' keeps its relative accuracy through its zero."""
    mask = np.abs(x - root[0]) <= radius
    xm = np.where(mask, x, root[0])
    d = xm - root[0]
    delta = d - root[1]
    p = np.full_like(xm, coefs[-1])
    for c in coefs[-2::-1]:
        p = p * delta + c
    s = c1[0] + (c1[1] + delta * p)
    hi, lo = two_prod(d, s)
    return mask, hi + (lo - root[1] * s)


# --- TanhExp ---------------------------------------------------------------------------------------

#: beyond this x, tanh(e^x) = 1 and x e^x sech²(e^x) = 0 in float64 (e^20 ≈ 4.9e8)
_TANHEXP_CUT = 20.0


@elementwise
def tanh_exp(x: np.ndarray) -> np.ndarray:
    r""":math:`x\tanh(e^x)`: u = e^x with x clamped to 20 (tanh(e^20) = 1 exactly), so exp never
    overflows and ``x * 1`` is x for every larger x, ±inf included; below x = -700 it is x·e^x
    (tanh u = u to far below an ulp) formed as (x E) E."""
    xc = np.clip(x, -_EXP_CUTOFF, _TANHEXP_CUT)
    body = np.maximum(x, -_EXP_CUTOFF) * np.tanh(np.exp(xc))
    mask, tail = _tail(x, 1.0)
    return np.where(mask, tail, body) + 0.0


def _tanh_exp_grad_left(x: np.ndarray) -> np.ndarray:
    r"""TanhExp' for x <= 0 (z = e^x <= 1) without the cancellation of its two terms: multiplying by
    :math:`\cosh^2 z`, :math:`f'\cosh^2 z = \sinh z\cosh z + x z = z\,\bigl((1 + x) + E\bigr)`,
    :math:`E = \sinh(2z)/(2z) - 1 = \sum_{k\ge1} (2z)^{2k}/(2k+1)!` (positive terms), so
    :math:`f' = z N/\cosh^2 z` with N = (1 + x) + E summed exactly (1 + x is exact near the root) and
    :math:`\cosh^2 z = 1 + C`, :math:`C = 2c + c^2`, :math:`c = \cosh z - 1` from its series, carried as
    hi + lo; the product z N and the quotient are formed with their rounding errors."""
    z = np.exp(x)
    y = 4.0 * z * z  # (2z)²
    e = np.zeros_like(z)
    for k in range(12, 0, -1):  # E = y/3! (1 + y/(4·5) (1 + y/(6·7) ...)), 12 terms: < 1e-18 for z <= 1
        e = y / ((2 * k) * (2 * k + 1)) * (1.0 + e)
    one_x, one_x_err = two_sum(np.ones_like(x), x)
    n, n_err = two_sum(one_x, e)
    n_lo = n_err + one_x_err
    c = np.zeros_like(z)
    zz = z * z
    for k in range(10, 0, -1):  # cosh z - 1 = sum z^(2k)/(2k)!
        c = zz / ((2 * k) * (2 * k - 1)) * (1.0 + c)
    big, big_err = two_sum(2.0 * c, c * c)
    d, d_err = two_sum(np.ones_like(z), big)  # cosh² z = d + d_lo
    d_lo = d_err + big_err
    p, p_lo = two_prod(z, n)
    p_lo = p_lo + z * n_lo
    q = p / d
    qd, qd_lo = two_prod(q, d)
    return q + (((p - qd) - qd_lo) + p_lo - q * d_lo) / d


@elementwise
def tanh_exp_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh u + x\,u\operatorname{sech}^2 u`, :math:`u = e^x`, with
    :math:`\operatorname{sech}^2 u = 4w/(1+w)^2`, :math:`w = e^{-2u}` (no cancellation, no overflow);
    x clamped to [-1000, 20] (beyond 20 the second term is exactly 0). Below x = -700 it is
    (1 + x)·e^x. That is the positive side: for x < 0 the form of :func:`_tanh_exp_grad_left`, and within
    0.5 of the root of f' (the minimum of TanhExp), where the two terms cancel, a Taylor series about it
    (:func:`_near_root`)."""
    xc = np.clip(x, -_EXP_CUTOFF, _TANHEXP_CUT)
    u = np.exp(xc)
    sech2 = 4.0 * z_over_one_plus_z_squared(np.exp(-2.0 * u))
    body = np.tanh(u) + xc * u * sech2
    body = np.where(xc < 0, _tanh_exp_grad_left(np.minimum(xc, 0.0)), body)
    near, series = _near_root(x, _TANH_EXP_ROOT, _TANH_EXP_C1, _TANH_EXP_COEFS)
    body = np.where(near, series, body)
    mask, tail = _tail(x, 1.0, grad=True)
    return np.where(mask, tail, body) + 0.0


#: left of this x (z = e^x < 0.12) Logish, Logish' and Serf' are taken from their structural forms below
_LEFT = -2.125

# --- Logish ----------------------------------------------------------------------------------------


@elementwise
def logish(x: np.ndarray) -> np.ndarray:
    r""":math:`x\ln(1 + \sigma(x))` with σ from :math:`e^{-|x|}` (:func:`.sigmoid.sigmoid_pair`) and
    ``log1p``; for x < -2.125 as :math:`x z (1 + E)/D` (:func:`_logish_left`, fewer roundings), x floored at
    -1000 (σ = 0 exactly there) and (x E) E below -700."""
    xf = np.maximum(x, -_EXP_CUTOFF)
    s = sigmoid_pair(np.clip(x, -_EXP_CUTOFF, _EXP_CUTOFF))[0]
    body = xf * np.log1p(s)
    body = np.where(x < _LEFT, _logish_left(xf, grad=False), body)
    mask, tail = _tail(x, 1.0)
    return np.where(mask, tail, body) + 0.0


def _logish_left_parts(x: np.ndarray) -> tuple[np.ndarray, ...]:
    r"""For :math:`-700 \le x \le -2.125`: (z, E, d, d_lo) with :math:`z = e^x`,
    :math:`E = D\ln(1+u)/z - 1 = M(u)\,(1+z)^2/z` and :math:`D = (1+z)(1+2z) = d + d_lo`, where
    :math:`u = \sigma(x) = z/(1+z)` and
    :math:`M(u) = (1+u)\ln(1+u) - u(1-u) = \tfrac32 u^2 + \sum_{n\ge3} (-1)^n u^n/(n(n-1))` (u < 0.11 here,
    24 terms). Then :math:`\ln(1 + \sigma(x)) = z(1 + E)/D` and :math:`\operatorname{Logish}'(x) = z\,((1 + x) + E)/D`,
    with E small against 1 and against 1 + x: nothing cancels."""
    z = np.exp(x)
    u = z / (1.0 + z)
    m = np.zeros_like(u)
    for n in range(26, 2, -1):
        m = u * ((-1.0) ** n / (n * (n - 1)) + m)
    m = u * u * (1.5 + m)
    e = m * (1.0 + z) ** 2 / z
    w, w_lo = two_sum(3.0 * z, 2.0 * z * z)
    d, d_err = two_sum(np.ones_like(z), w)
    return z, e, d, d_err + w_lo


def _div_dd(p: np.ndarray, p_lo: np.ndarray, d: np.ndarray, d_lo: np.ndarray) -> np.ndarray:
    """(p + p_lo)/(d + d_lo), one rounded division plus a first-order correction (d > 0)."""
    q = p / d
    qd, qd_lo = two_prod(q, d)
    return q + (((p - qd) - qd_lo) + p_lo - q * d_lo) / d


def _logish_left(x: np.ndarray, grad: bool) -> np.ndarray:
    """Logish (``grad`` False) or Logish' for x <= -2.125 from :func:`_logish_left_parts`; x clamped to
    -700 (below, the far-left tail takes over)."""
    xl = np.clip(x, -700.0, _LEFT)
    z, e, d, d_lo = _logish_left_parts(xl)
    if grad:
        one_x, one_x_err = two_sum(np.ones_like(xl), xl)
        n_hi, n_err = two_sum(one_x, e)
        n_lo = n_err + one_x_err
        p, p_lo = two_prod(z, n_hi)
        p_lo = p_lo + z * n_lo
    else:
        xz, xz_lo = two_prod(xl, z)
        p, p_err = two_prod(xz, 1.0 + e)
        p_lo = p_err + xz * ((1.0 - (1.0 + e)) + e) + xz_lo * (1.0 + e)
    return np.where(x < -700.0, 0.0, _div_dd(p, p_lo, d, d_lo))


@elementwise
def logish_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\ln(1 + \sigma) + x\,\sigma(x)\,\sigma(-x)/(1 + \sigma(x))`, both sigmoids computed
    directly (not 1 - σ); x clamped to ±1000. Below x = -700 it is (1 + x)·e^x, for x < -2.125 the form of
    :func:`_logish_left`, and within 0.9 of the root of f' a Taylor series about it (:func:`_near_root`)."""
    xc = np.clip(x, -_EXP_CUTOFF, _EXP_CUTOFF)
    s, s_neg = sigmoid_pair(xc)
    body = np.log1p(s) + xc * s * s_neg / (1.0 + s)
    body = np.where(xc < _LEFT, _logish_left(xc, grad=True), body)
    near, series = _near_root(x, _LOGISH_ROOT, _LOGISH_C1, _LOGISH_COEFS, 0.9)
    body = np.where(near, series, body)
    mask, tail = _tail(x, 1.0, grad=True)
    return np.where(mask, tail, body) + 0.0


# --- Serf ------------------------------------------------------------------------------------------


def _softplus(xc: np.ndarray) -> np.ndarray:
    return np.maximum(xc, 0.0) + np.log1p(np.exp(-np.abs(xc)))


@elementwise
def serf(x: np.ndarray) -> np.ndarray:
    r""":math:`x\operatorname{erf}(\operatorname{softplus}(x))`, softplus as
    :math:`\max(x, 0) + \operatorname{log1p}(e^{-|x|})` (never overflows; relative accuracy where it is
    tiny), erf from the C library; below x = -700 it is :math:`\tfrac{2}{\sqrt\pi}x e^x`."""
    xc = np.clip(x, -_EXP_CUTOFF, _EXP_CUTOFF)
    body = np.where(x > 10.0, x, np.maximum(x, -_EXP_CUTOFF) * _erf_array(_softplus(xc)))
    mask, tail = _tail(x, _TWO_OVER_SQRT_PI)
    return np.where(mask, tail, body) + 0.0


#: 2/sqrt(pi) as a double-double (mpmath)
_TWO_OVER_SQRT_PI_DD = (1.1283791670955126, 1.533545961316588e-17)


def _serf_grad_left(x: np.ndarray) -> np.ndarray:
    r"""Serf' for :math:`x \le -2.125` without the cancellation of its two terms. With :math:`z = e^x` and
    :math:`s = \ln(1 + z)`, :math:`\operatorname{erf}(s) = \tfrac{2}{\sqrt\pi}\,s\,(1 + G)`,
    :math:`G = \sum_{k\ge1} (-1)^k s^{2k}/(k!\,(2k+1))`, and :math:`s = z(1 + L)`,
    :math:`L = \sum_{n\ge1} (-1)^n z^n/(n+1)`:
    :math:`f' = \tfrac{2}{\sqrt\pi}\,z\,N`, :math:`N = (1 + x) + (L + G + LG) + x\,(\operatorname{expm1}(-s^2) - z)/(1+z)`,
    where the two corrections are small against 1 + x (z < 0.12 here) and carry no cancellation."""
    z = np.exp(x)
    lsum = np.zeros_like(z)
    for n in range(24, 0, -1):
        lsum = z * ((-1.0) ** n / (n + 1) + lsum)
    sp = np.log1p(z)
    s2 = sp * sp
    g = np.zeros_like(z)
    for k in range(12, 0, -1):
        g = s2 * ((-1.0) ** k / (math.factorial(k) * (2 * k + 1)) + g)
    t1 = lsum + g + lsum * g
    t2 = x * ((np.expm1(-s2) - z) / (1.0 + z))
    one_x, one_x_err = two_sum(np.ones_like(x), x)
    n_hi, n_err = two_sum(one_x, t1 + t2)
    n_lo = n_err + one_x_err
    p, p_lo = two_prod(z, n_hi)
    p_lo = p_lo + z * n_lo
    r, r_lo = two_prod(_TWO_OVER_SQRT_PI_DD[0], p)
    return r + (r_lo + _TWO_OVER_SQRT_PI_DD[0] * p_lo + _TWO_OVER_SQRT_PI_DD[1] * p)


@elementwise
def serf_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{erf}(s) + \tfrac{2}{\sqrt\pi}\,x\,\sigma(x)\,e^{-s^2}`,
    :math:`s = \operatorname{softplus}(x)`, with :math:`e^{-s^2}` from the exact square of s
    (:func:`._exact.times_exp_neg`); x clamped to [-1000, 40] (beyond 40 the second term is 0 and
    erf(s) = 1). Below x = -700 it is :math:`\tfrac{2}{\sqrt\pi}(1 + x)e^x`, for x < -2.125 the form of
    :func:`_serf_grad_left`, and within 0.95 of the root of f' a Taylor series about it (:func:`_near_root`)."""
    xc = np.clip(x, -_EXP_CUTOFF, 40.0)
    s = _softplus(xc)
    h, l = two_square(s)
    gate = _TWO_OVER_SQRT_PI * xc * sigmoid_pair(xc)[0]
    body = _erf_array(s) + times_exp_neg(gate, h, l)
    body = np.where(xc < _LEFT, _serf_grad_left(np.minimum(xc, _LEFT)), body)
    near, series = _near_root(x, _SERF_ROOT, _SERF_C1, _SERF_COEFS, 0.95)
    body = np.where(near, series, body)
    mask, tail = _tail(x, _TWO_OVER_SQRT_PI, grad=True)
    return np.where(mask, tail, body) + 0.0


# --- LiSHT -----------------------------------------------------------------------------------------


@elementwise
def lisht(x: np.ndarray) -> np.ndarray:
    r""":math:`x\tanh x` (tanh from the C library; ±inf gives +inf)."""
    return x * np.tanh(x)


@elementwise
def lisht_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh x + x\operatorname{sech}^2 x`, with :math:`\operatorname{sech}^2 x = 4z/(1+z)^2`,
    :math:`z = e^{-2|x|}`: two terms of the sign of x, no cancellation; x clamped to ±1000 in the second
    (it is exactly 0 long before)."""
    xc = np.clip(x, -_EXP_CUTOFF, _EXP_CUTOFF)
    return np.tanh(x) + xc * (4.0 * z_over_one_plus_z_squared(np.exp(-2.0 * np.abs(xc))))


# --- hard Mish -------------------------------------------------------------------------------------


@elementwise
def hard_mish(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{x}{2}\min(2, \max(0, x + 2))`: 0 for x <= -2, :math:`x(x + 2)/2` between, x for
    x >= 0; the middle piece on x clipped to [-2, 0] (no overflow, no -inf·0)."""
    xc = np.clip(x, -2.0, 0.0)
    return np.where(x >= 0.0, x, 0.5 * (xc * (xc + 2.0))) + 0.0


@elementwise
def hard_mish_grad(x: np.ndarray) -> np.ndarray:
    r"""0 for x < -2, x + 1 for -2 <= x <= 0, 1 for x > 0 (continuous at 0, a jump from 0 to -1 at -2;
    the closed interval is what autograd of ``0.5 * x * (x + 2).clamp(0, 2)`` gives in PyTorch, whose
    clamp passes the gradient at its bounds)."""
    xc = np.clip(x, -2.0, 0.0)
    return np.where(x < -2.0, 0.0, np.where(x > 0.0, 1.0, xc + 1.0)) + 0.0


# --- LeCun's scaled tanh -------------------------------------------------------------------------

#: the constants of LeCun et al. (1998), section 4.4, as printed: f(x) = 1.7159 tanh(2x/3)
LECUN_A = 1.7159
#: the exact value that makes f(±1) = ±1, 1/tanh(2/3) = 1.71590470857..., for comparison (notes)
LECUN_A_EXACT = 1.0 / math.tanh(2.0 / 3.0)
#: (8/3) * 1.7159 (the decimal constant) as a double-double, mpmath at 50 digits: f' = 4 z/(1+z)² * (2/3) * 1.7159
_LECUN_GRAD_C = (4.575733333333333, 3.472185502081023e-16)


def _two_thirds(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hi, lo) with hi + lo = 2x/3 to about 2**-106 relative (|x| < 2**1020): hi = fl(2x/3) and
    lo = (2x - 3 hi)/3, the remainder exact by Dekker's product."""
    xc = np.clip(x, -1e300, 1e300)
    t = 2.0 * xc
    hi = t / 3.0
    p, q = two_prod(3.0, hi)
    return hi, ((t - p) - q) / 3.0


@elementwise
def lecun_tanh(x: np.ndarray) -> np.ndarray:
    r""":math:`1.7159\tanh(2x/3)`, with 2x/3 carried as hi + lo and
    :math:`\tanh(hi + lo) = \tanh hi + lo\,(1 - \tanh^2 hi)` (the rounding of 2x/3 corrected)."""
    hi, lo = _two_thirds(x)
    t = np.tanh(hi)
    t = t + lo * (1.0 - t * t)
    return LECUN_A * t


@elementwise
def lecun_tanh_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tfrac23 \cdot 1.7159\operatorname{sech}^2(2x/3) = \tfrac83\cdot1.7159\,z/(1+z)^2`,
    :math:`z = e^{-4|x|/3}` from the exact 2|x|/3 (hi + lo), so the exponential keeps its relative
    accuracy for large |x|; the low part of the exponent, the rounding of (1 + z)² and of the quotient and the
    constant's low part enter as first-order corrections; |x| clamped to 1e4 (the result is 0 long before)."""
    hi, lo = _two_thirds(np.clip(np.abs(x), 0.0, 1e4))
    z = np.exp(-2.0 * hi)  # z e^(-2 lo) is the exact e^(-4|x|/3); d ln w / d ln z = (1 - z)/(1 + z)
    s, e = two_sum(np.ones_like(z), z)
    sq, sq_lo = two_square(s)
    sq_lo = sq_lo + 2.0 * s * e  # (1 + z)² = sq + sq_lo
    w = z / sq
    wd, wd_lo = two_prod(w, sq)
    w_lo = (((z - wd) - wd_lo) - w * sq_lo) / sq - w * (2.0 * lo) * ((1.0 - z) / s)
    p, p_lo = two_prod(_LECUN_GRAD_C[0], w)
    return p + (p_lo + _LECUN_GRAD_C[0] * w_lo + _LECUN_GRAD_C[1] * w)


# --- Laplace (Mega) --------------------------------------------------------------------------------

#: μ = sqrt(1/2) and σ = sqrt(1/(4π)) of Ma et al. (2023), the Laplace attention function (fairseq's code,
#: facebookresearch/mega, rounds them to 0.707107 and 0.282095)
LAPLACE_MU = math.sqrt(0.5)
LAPLACE_SIGMA = math.sqrt(1.0 / (4.0 * math.pi))
#: μ and 1/σ = 2 sqrt(pi) as double-doubles (mpmath at 50 digits)
_LAPLACE_MU_DD = (0.7071067811865476, -4.833646656726457e-17)
_LAPLACE_INV_SIGMA_DD = (3.544907701811032, -1.5333172999651597e-16)
_SQRT2 = math.sqrt(2.0)

LAPLACE_MU_PARAM = Param(
    "mu", LAPLACE_MU, r"\mu",
    T("中心：函数在 x = μ 处等于 1/2；默认 √(1/2)。", "Centre: the function is 1/2 at x = μ; the default is √(1/2)."),
    "a finite real number", math.isfinite,
    span=(-1.0, 2.0),
)
LAPLACE_SIGMA_PARAM = Param(
    "sigma", LAPLACE_SIGMA, r"\sigma",
    T("宽度：越小过渡越陡；默认 √(1/(4π))。", "Width: smaller is a steeper transition; the default is √(1/(4π))."),
    "> 0 and finite", lambda v: 0.0 < v < math.inf,
    span=(0.1, 1.0),
)


def _laplace_arg(x: np.ndarray, mu: float, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """(v, v_lo) with v + v_lo = (x - μ)/σ: at the defaults from the double-doubles of μ and 1/σ (x - μ_hi
    is exact near μ, where v is small and its relative accuracy matters), otherwise (x - μ)/σ rounded
    with the rounding of the quotient as v_lo. |x| clamped to 1e300."""
    xc = np.clip(x, -1e300, 1e300)
    if mu == LAPLACE_MU and sigma == LAPLACE_SIGMA:
        d, d_err = two_sum(xc, np.full_like(xc, -_LAPLACE_MU_DD[0]))
        d_lo = d_err - _LAPLACE_MU_DD[1]
        v, v_err = two_prod(_LAPLACE_INV_SIGMA_DD[0], np.clip(d, -1e290, 1e290))
        v_lo = v_err + d_lo * _LAPLACE_INV_SIGMA_DD[0] + d * _LAPLACE_INV_SIGMA_DD[1]
        return v, np.where(np.abs(v) < 1e280, v_lo, 0.0)
    d = xc - mu
    v = d / sigma
    return v, np.zeros_like(v)


def _laplace_parts(x: np.ndarray, mu: float, sigma: float):
    """(v, Q, h, l): a = |v| clamped to 40, Q = Φ(-a) e^{a²/2} (the scaled tail of the Gaussian CDF,
    :func:`.smooth_relu._ncdf_tail`) and a²/2 = h + l including v's low part."""
    v, v_lo = _laplace_arg(x, mu, sigma)
    a = np.minimum(np.abs(v), 40.0)
    a_lo = np.where(np.abs(v) < 40.0, np.where(v < 0, -v_lo, v_lo), 0.0)
    q, _, _ = _ncdf_tail(a)
    h, l = two_square(a)
    l = l + 2.0 * a * a_lo
    return v, q, 0.5 * h, 0.5 * l


@elementwise
def laplace(x: np.ndarray, mu: float = LAPLACE_MU, sigma: float = LAPLACE_SIGMA) -> np.ndarray:
    r""":math:`\tfrac12\bigl(1 + \operatorname{erf}\frac{x - \mu}{\sigma\sqrt2}\bigr) = \Phi(v)`,
    :math:`v = (x - \mu)/\sigma`: :math:`\Phi(-a) = Q(a)e^{-a^2/2}` for v = -a < 0 and
    :math:`1 - Q(v)e^{-v^2/2}` for v >= 0, with GELU's scaled Gaussian tail Q (full relative accuracy in
    the left tail, where 1 + erf would cancel) and v carried as a double-double."""
    m = LAPLACE_MU_PARAM.check(mu)
    s = LAPLACE_SIGMA_PARAM.check(sigma)
    v, q, h, l = _laplace_parts(x, m, s)
    left = times_exp_neg(q, h, l)
    return np.where(np.isnan(x), x, np.where(v < 0, left, 1.0 - left))


@elementwise
def laplace_grad(x: np.ndarray, mu: float = LAPLACE_MU, sigma: float = LAPLACE_SIGMA) -> np.ndarray:
    r""":math:`\varphi(v)/\sigma = e^{-v^2/2}/(\sigma\sqrt{2\pi})` (at the defaults
    :math:`\sqrt2\,e^{-v^2/2}`), the exponent from the exact square of the double-double v."""
    m = LAPLACE_MU_PARAM.check(mu)
    s = LAPLACE_SIGMA_PARAM.check(sigma)
    v, _, h, l = _laplace_parts(x, m, s)
    scale = _SQRT2 if (m == LAPLACE_MU and s == LAPLACE_SIGMA) else 1.0 / (s * math.sqrt(2.0 * math.pi))
    return np.where(np.isnan(x), x, times_exp_neg(np.full_like(h, scale), h, l))


# --- registry entries ----------------------------------------------------------------------------

LIU_DI_2021 = Reference(
    "X. Liu, X. Di", 2021,
    "TanhExp: A Smooth Activation Function with High Convergence Speed for Lightweight Neural Networks",
    "IET Computer Vision (2021); arXiv:2003.09855", "https://arxiv.org/abs/2003.09855",
)
ZHU_2021 = Reference(
    "H. Zhu, H. Zeng, J. Liu, X. Zhang", 2021,
    "Logish: A new nonlinear nonmonotonic activation function for convolutional neural network",
    "Neurocomputing (2021)", "https://doi.org/10.1016/j.neucom.2021.06.067",
)
NAG_2023 = Reference(
    "S. Nag, M. Bhattacharyya", 2021,
    "SERF: Towards better training of deep neural networks using log-Softplus ERror activation Function",
    "arXiv:2108.09598; WACV 2023", "https://arxiv.org/abs/2108.09598",
)
ROY_2019 = Reference(
    "S. K. Roy, S. Manna, S. R. Dubey, B. B. Chaudhuri", 2019,
    "LiSHT: Non-Parametric Linearly Scaled Hyperbolic Tangent Activation Function for Neural Networks",
    "arXiv:1901.05894; CVIP 2022, CCIS 1776, 462–476 (2023)", "https://arxiv.org/abs/1901.05894",
)
MISRA_HMISH = Reference(
    "D. Misra", 2020, "H-Mish (hard Mish), a README of experiments, no paper",
    "GitHub repository digantamisra98/H-Mish", "https://github.com/digantamisra98/H-Mish/blob/0da20d4bc58e696b6803f2523c58d3c8a82782d0/README.md",
)
WIGHTMAN_TIMM = Reference(
    "R. Wightman", 2019, "PyTorch Image Models (timm): timm/layers/activations.py, hard_mish",
    "GitHub repository huggingface/pytorch-image-models", "https://github.com/huggingface/pytorch-image-models",
)
MA_2023 = Reference(
    "X. Ma, C. Zhou, X. Kong, J. He, L. Gui, G. Neubig, J. May, L. Zettlemoyer", 2023,
    "Mega: Moving Average Equipped Gated Attention", "ICLR 2023 (arXiv:2209.10655)",
    "https://arxiv.org/abs/2209.10655",
)

# Extrema of the derivatives (roots of f'', transcendental): mpmath findroot at 60 digits on the
# derivative of the references in activations/mpmath_reference/self_gated.py, rounded to float64.
TANH_EXP_GRAD_MIN = -0.13157003618971583  # at x = -2.0659718961567498
TANH_EXP_GRAD_MAX = 1.061975308717916  # at x = 0.69656396039517238
LOGISH_GRAD_MIN = -0.08982878552089006  # at x = -2.5334480688920654
LOGISH_GRAD_MAX = 0.7463111804127397  # at x = 2.3167585149953631
SERF_GRAD_MIN = -0.1269685890579054  # at x = -2.2564974802739742
SERF_GRAD_MAX = 1.086125444150997  # at x = 1.0960460404526292
LISHT_GRAD_MAX = 1.1996786402577337  # at x = ±1.1996786402577338, where x tanh x = 1

_MIN_RANGE = Bounds(r"[{minimum},\ +\infty)", MINIMUM, inf, lo_closed=True)

ENTRIES = [
    Activation(
        key="tanh_exp",
        name=T("TanhExp 函数", "TanhExp"),
        aliases=("tanh exponential activation", "TanhExp"),
        family="self-gated",
        symbol=r"\operatorname{TanhExp}",
        fn=tanh_exp,
        grad=tanh_exp_grad,
        tex=r"\operatorname{TanhExp}(x) = x\tanh\left(e^{x}\right)",
        grad_tex=(
            r"\operatorname{TanhExp}'(x) = \tanh\left(e^{x}\right) + x\,e^{x}\operatorname{sech}^2\left(e^{x}\right)"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(r"\approx [-0.1316,\ 1.0620]", TANH_EXP_GRAD_MIN, TANH_EXP_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("输入乘以 tanh(eˣ)：正半轴很快变成恒等，负半轴有一个浅的负极小值；为轻量网络的快速收敛而提出。",
                  "The input times tanh(eˣ): the identity almost at once on the right, a shallow negative "
                  "minimum on the left; proposed for fast convergence of lightweight networks."),
        references=(LIU_DI_2021,),
        api=Api(None, None, None),
    ),
    Activation(
        key="logish",
        name=T("Logish 函数", "Logish"),
        family="self-gated",
        symbol=r"\operatorname{Logish}",
        fn=logish,
        grad=logish_grad,
        tex=r"\operatorname{Logish}(x) = x\ln\bigl(1 + \sigma(x)\bigr)",
        grad_tex=(
            r"\operatorname{Logish}'(x) = \ln\bigl(1 + \sigma(x)\bigr)"
            r" + \frac{x\,\sigma(x)\bigl(1 - \sigma(x)\bigr)}{1 + \sigma(x)}"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(r"\approx [-0.0898,\ 0.7463]", LOGISH_GRAD_MIN, LOGISH_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("输入乘以 ln(1 + σ(x))：门从 0 升到 ln 2 而不是 1，所以正半轴的斜率趋于 ln 2 ≈ 0.69。",
                  "The input times ln(1 + σ(x)): the gate rises from 0 to ln 2 rather than 1, so the slope on "
                  "the right tends to ln 2 ≈ 0.69."),
        references=(ZHU_2021,),
        api=Api(None, None, None),
    ),
    Activation(
        key="serf",
        name=T("Serf 函数", "Serf"),
        aliases=("log-softplus error activation", "SERF"),
        family="self-gated",
        symbol=r"\operatorname{Serf}",
        fn=serf,
        grad=serf_grad,
        tex=(
            r"\operatorname{Serf}(x) = x\operatorname{erf}\bigl(\operatorname{softplus}(x)\bigr)"
            r" = x\operatorname{erf}\bigl(\ln(1 + e^{x})\bigr)"
        ),
        grad_tex=(
            r"\operatorname{Serf}'(x) = \operatorname{erf}(s) + \frac{2}{\sqrt{\pi}}\,x\,\sigma(x)\,e^{-s^2},"
            r" \quad s = \operatorname{softplus}(x)"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(r"\approx [-0.1270,\ 1.0861]", SERF_GRAD_MIN, SERF_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("输入乘以 erf(softplus(x))：与 Mish 同一思路，只把 tanh 换成误差函数 erf，曲线与 Mish 几乎重合。",
                  "The input times erf(softplus(x)): Mish's recipe with the error function in place of tanh, and "
                  "a curve almost on top of Mish's."),
        references=(NAG_2023,),
        api=Api(None, None, None),
    ),
    Activation(
        key="lisht",
        name=T("LiSHT 函数", "LiSHT"),
        aliases=("linearly scaled hyperbolic tangent", "线性缩放双曲正切"),
        family="self-gated",
        symbol=r"\operatorname{LiSHT}",
        fn=lisht,
        grad=lisht_grad,
        tex=r"\operatorname{LiSHT}(x) = x\tanh x",
        grad_tex=r"\operatorname{LiSHT}'(x) = \tanh x + x\operatorname{sech}^2 x",
        properties=Properties(
            range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            grad_range=Bounds(r"\approx [-1.1997,\ 1.1997]", -LISHT_GRAD_MAX, LISHT_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("x·tanh x：偶函数，处处非负，两侧都近似 |x|；负输入得到正输出，不区分输入的符号。",
                  "x·tanh x: an even, non-negative function close to |x| on both sides; negative inputs give "
                  "positive outputs, so the sign of the input is lost."),
        references=(ROY_2019,),
        api=Api(None, None, None),
    ),
    Activation(
        key="hard_mish",
        name=T("Hard Mish 函数", "Hard Mish"),
        aliases=("H-Mish", "hardmish"),
        family="self-gated",
        symbol=r"\operatorname{HardMish}",
        fn=hard_mish,
        grad=hard_mish_grad,
        tex=(
            r"\operatorname{HardMish}(x) = \frac{x}{2}\min\bigl(2,\ \max(0,\ x + 2)\bigr)"
            r" = \begin{cases} 0 & x \le -2 \\ \dfrac{x\,(x + 2)}{2} & -2 < x < 0 \\ x & x \ge 0 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{HardMish}'(x) = \begin{cases} 0 & x < -2 \\ x + 1 & -2 \le x \le 0"
            r" \\ 1 & x > 0 \end{cases}"
        ),
        properties=Properties(
            range=_MIN_RANGE,
            grad_range=Bounds(r"[-1,\ 1]", -1.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("Mish 的分段二次近似：x ≤ −2 时为 0，x ≥ 0 时为 x，中间是一段抛物线；没有论文，只见于代码库。",
                  "A piecewise-quadratic stand-in for Mish: 0 for x ≤ −2, x for x ≥ 0 and a parabola between; "
                  "it has no paper, only code."),
        references=(MISRA_HMISH, WIGHTMAN_TIMM),
        api=Api(None, None, None),
        xlim=(-4.0, 3.0),
        # f′ jumps from 0 to −1 at x = −2; at 0 both sides have slope 1 (only f″ jumps)
        kinks=(-2.0,),
    ),
    Activation(
        key="lecun_tanh",
        name=T("LeCun 缩放双曲正切", "LeCun tanh"),
        aliases=("scaled tanh", "1.7159 tanh(2x/3)", "缩放 tanh"),
        family="sigmoid",
        symbol=r"\operatorname{LeCunTanh}",
        fn=lecun_tanh,
        grad=lecun_tanh_grad,
        tex=r"\operatorname{LeCunTanh}(x) = 1.7159\tanh\left(\tfrac{2}{3}x\right)",
        grad_tex=r"\operatorname{LeCunTanh}'(x) = \tfrac{2}{3}\cdot 1.7159\operatorname{sech}^2\left(\tfrac{2}{3}x\right)",
        properties=Properties(
            range=Bounds(r"(-1.7159,\ 1.7159)", -LECUN_A, LECUN_A),
            grad_range=Bounds(r"\left(0,\ \tfrac23\cdot 1.7159\right]", 0.0, LECUN_A * 2.0 / 3.0, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("把 tanh 横向拉伸、纵向放大，使 f(±1) ≈ ±1：LeCun 等人在《Efficient BackProp》中推荐的隐藏层激活。",
                  "tanh stretched and scaled so that f(±1) ≈ ±1: the hidden-layer activation recommended by LeCun "
                  "et al. in “Efficient BackProp”."),
        references=(LECUN_1998,),
        api=Api(None, None, None),
        notes={"a": LECUN_A, "a_exact": LECUN_A_EXACT, "f_at_1": LECUN_A * math.tanh(2.0 / 3.0)},
    ),
    Activation(
        key="laplace",
        name=T("Laplace 注意力函数", "Laplace (Mega)"),
        aliases=("Laplace attention function", "Mega laplace", "拉普拉斯函数"),
        family="sigmoid",
        symbol=r"f_{\text{laplace}}",
        fn=laplace,
        grad=laplace_grad,
        tex=(
            r"f_{\text{laplace}}(x) = \frac12\left(1 + \operatorname{erf}\frac{x - \mu}{\sigma\sqrt2}\right),"
            r" \quad \mu = \sqrt{\tfrac12},\ \sigma = \sqrt{\tfrac{1}{4\pi}}"
        ),
        grad_tex=(
            r"f_{\text{laplace}}'(x) = \frac{1}{\sigma\sqrt{2\pi}}\,e^{-(x - \mu)^2/(2\sigma^2)}"
        ),
        stable_tex=(
            r"f_{\text{laplace}}(x) = \Phi(v) = \begin{cases} 1 - Q(v)\,e^{-v^2/2} & v \ge 0 \\"
            r" Q(-v)\,e^{-v^2/2} & v < 0 \end{cases},\quad v = \frac{x - \mu}{\sigma},"
            r"\ Q(a) = \tfrac12\operatorname{erfcx}\bigl(a/\sqrt2\bigr)"
        ),
        params=(LAPLACE_MU_PARAM, LAPLACE_SIGMA_PARAM),
        family_values=({"sigma": 0.15}, {"sigma": LAPLACE_SIGMA}, {"sigma": 0.5}),
        properties=Properties(
            range=Bounds(r"(0,\ 1)", 0.0, 1.0),
            grad_range=Bounds(r"\left(0,\ \tfrac{1}{\sigma\sqrt{2\pi}}\right] = (0,\ \sqrt2\,]", 0.0, _SQRT2,
                              hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("均值 μ、标准差 σ 的正态分布函数；Mega 用它代替 softmax 作注意力函数，μ、σ 取值使它在 x = √(1/2) 处与 ReLU² 的值和斜率相同。",
                  "The normal CDF with mean μ and standard deviation σ; Mega uses it instead of softmax as the "
                  "attention function, with μ and σ chosen to match ReLU²'s value and slope at x = √(1/2)."),
        references=(MA_2023,),
        api=Api(None, None, None),
        xlim=(-1.0, 2.5),
    ),
]
