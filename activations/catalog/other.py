"""Periodic, radial and other functions: identity, step, exponential, bent identity, soft exponential,
sine, sinc and Gaussian.

Most of these appear in the classic comparison tables of activation functions rather than in the
frameworks (only the identity and the exponential have framework names). Conventions used here:

* the exponential overflows to +inf exactly where ``exp`` would, but the overflowing branch is never
  evaluated: the argument is clamped to the largest x whose exponential is finite (``_exp_limit``);
* functions with a limit at ±inf return it (sinc(±inf) = 0, Gaussian(±inf) = 0); sin and cos of ±inf
  are NaN, the honest answer for a function without a limit, produced without an "invalid" warning.
"""

from __future__ import annotations

import decimal
import functools
import math

import numpy as np

from ..core.arrays import elementwise
from ..core.spec import MINIMUM, Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import times_exp_neg, two_prod, two_square, two_sum

# --- helpers -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _exp_limit(dtype: np.dtype) -> np.floating:
    """The largest x of ``dtype`` whose ``exp`` is finite (709.782712893384 for float64, 88.72283 for
    float32: the float32 rounding of ln(max) lies above ln(max), so it steps down one ulp)."""
    dtype = np.dtype(dtype)
    big = float(np.finfo(dtype).max)
    t = dtype.type(math.log(big))
    while True:
        try:
            finite = math.exp(float(t)) <= big
        except OverflowError:
            finite = False
        if finite:
            return t
        t = np.nextafter(t, dtype.type(-inf))


def _keep_nan(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``y`` with NaN wherever ``x`` is NaN."""
    return np.where(np.isnan(x), x, y).astype(x.dtype, copy=False)


def _constant(x: np.ndarray, value: float) -> np.ndarray:
    """``value`` everywhere, NaN where x is NaN (the derivative of a linear or constant piece)."""
    return _keep_nan(x, np.full_like(x, value))


def _finite_or_nan(x: np.ndarray) -> np.ndarray:
    """x with ±inf replaced by NaN, so sin/cos return NaN there without an "invalid" warning."""
    return np.where(np.isinf(x), x.dtype.type(np.nan), x)


# --- identity and step ---------------------------------------------------------------------------


@elementwise
def identity(x: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{id}(x) = x` (a copy, so the result never aliases the input)."""
    return x.copy()


@elementwise
def identity_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{id}'(x) = 1`; NaN for NaN."""
    return _constant(x, 1.0)


@elementwise
def binary_step(x: np.ndarray) -> np.ndarray:
    r"""Heaviside step :math:`H(x) = 1` for :math:`x \ge 0` (so :math:`H(0) = H(-0) = 1`), else 0;
    NaN stays NaN (``np.heaviside``)."""
    return np.heaviside(x, 1).astype(x.dtype, copy=False)


@elementwise
def binary_step_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`H'(x) = 0` for :math:`x \ne 0`. At the jump the derivative does not exist (its
    distributional derivative is a Dirac delta); like automatic differentiation of a comparison, this
    returns 0 there too, so the kernel is 0 everywhere except NaN for NaN."""
    return _constant(x, 0.0)


# --- exponential ---------------------------------------------------------------------------------


def _exp(x: np.ndarray) -> np.ndarray:
    """e^x; +inf above the largest x with a finite exponential, selected explicitly, while ``exp`` only
    ever sees the clamped argument, so no overflow warning is raised."""
    limit = _exp_limit(x.dtype)
    return np.where(x > limit, x.dtype.type(inf), np.exp(np.minimum(x, limit)))


@elementwise
def exponential(x: np.ndarray) -> np.ndarray:
    r""":math:`e^x`, +inf where it exceeds the largest float (x > 709.78 in float64), without a
    warning."""
    return _exp(x)


@elementwise
def exponential_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\frac{d}{dx} e^x = e^x`."""
    return _exp(x)


# --- bent identity -------------------------------------------------------------------------------

#: beyond this |x|, x / (sqrt(x^2 + 1) + 1) rounds to ±1 in float32 and float64 alike, so clamping
#: the argument there changes nothing and keeps ±inf from producing inf/inf
_BENT_CLAMP = 1e20


def _bent_ratio(x: np.ndarray, scale: float) -> np.ndarray:
    """x / (sqrt(x^2 + 1) + scale) for x clamped to ±1e20; ``np.hypot`` never overflows."""
    xc = np.clip(x, -_BENT_CLAMP, _BENT_CLAMP)
    return xc / (np.hypot(xc, 1) + scale)


@elementwise
def bent_identity(x: np.ndarray) -> np.ndarray:
    r""":math:`(\sqrt{x^2+1}-1)/2 + x`, evaluated as :math:`x\,(1 + t/2)` with
    :math:`t = x/(\sqrt{x^2+1}+1) \in (-1, 1)`: the same value (multiply :math:`\sqrt{x^2+1}-1` by its
    conjugate), without the cancellation of :math:`\sqrt{x^2+1}-1` near 0 or the overflow of
    :math:`x^2` beyond 1e154. Where the result exceeds the largest float (x > max/1.5) it is +inf."""
    t = _bent_ratio(x, 1.0)
    top = np.nextafter(x.dtype.type(np.finfo(x.dtype).max / 1.5), x.dtype.type(0))
    y = np.minimum(x, top) * (1 + t / 2)
    return np.where(x > top, x.dtype.type(inf), y)


@elementwise
def bent_identity_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`1 + x/(2\sqrt{x^2+1})`, between 1/2 and 3/2; ``np.hypot`` keeps it finite and the
    clamped argument gives exactly 1/2 and 3/2 at ∓inf."""
    return 1 + _bent_ratio(x, 0.0) / 2


# --- soft exponential ----------------------------------------------------------------------------

SOFTEXP_ALPHA = Param(
    "alpha", 0.0, r"\alpha",
    T("形状参数 α（原文中随网络一起训练）：α < 0 为对数型，α = 0 为恒等函数，α > 0 为指数型。"
      "α < 0 时函数只在 x > 1/α − α 上有定义：在 x = 1/α − α 处返回 −∞（导数 +∞），更小的 x 返回 NaN。"
      "为使 α 与 1/α 在 float32 中都可表示，要求 α = 0 或 1e-30 ≤ |α| ≤ 1e30。",
      "Shape α (trained with the network in the paper): logarithmic for α < 0, the identity at α = 0, "
      "exponential for α > 0. For α < 0 the function is defined only for x > 1/α − α: it returns −∞ "
      "(derivative +∞) at x = 1/α − α and NaN below. α must be 0 or satisfy 1e-30 ≤ |α| ≤ 1e30, so that "
      "α and 1/α are ordinary float32 numbers."),
    "0 or a number with 1e-30 <= |alpha| <= 1e30",
    lambda a: a == 0 or 1e-30 <= abs(a) <= 1e30,
    span=(-1.0, 1.0),
)


def _softexp_pos(x: np.ndarray, alpha: float, grad: bool) -> np.ndarray:
    r"""α > 0: :math:`f = \operatorname{expm1}(\alpha x)/\alpha + \alpha`, :math:`f' = e^{\alpha x}`.

    x is clamped so that :math:`z = \alpha x` cannot overflow (beyond the clamp f is already +inf, or
    ``expm1`` already -1). f overflows when :math:`e^z/\alpha` exceeds the largest float, i.e. for
    z above :math:`\ln(\max) + \ln\alpha`; those z give +inf explicitly (the threshold is lowered by
    ~1e-12, so results within that relative distance of the largest float also become +inf, and rounding
    can never overflow below it). For α > 1 the band where :math:`e^z` overflows but :math:`e^z/\alpha`
    does not is computed as :math:`e^{z/2}\cdot(e^{z/2}/\alpha)`. The product αx is rounded once: for α
    not a power of two that costs up to |αx| ulps for large αx, the function's own condition number.
    """
    dt = x.dtype.type
    info = np.finfo(x.dtype)
    a = dt(alpha)
    limit = _exp_limit(x.dtype)
    xcap = dt(float(info.max) / (2 * max(alpha, 1.0)))
    z = a * np.clip(x, -xcap, xcap)
    if grad:
        return np.where(z > limit, dt(inf), np.exp(np.minimum(z, limit)))
    log_a = math.log(alpha)
    z_over = float(limit) + log_a - 8 * float(info.eps) * (1 + float(limit) + abs(log_a))
    over = z > z_over
    low = np.expm1(np.minimum(z, dt(min(z_over, float(limit))))) / a
    if z_over > float(limit):  # alpha > 1: e^z may overflow where e^z / alpha does not
        half = np.clip(z, limit, dt(z_over)) / 2
        high = np.exp(half) * (np.exp(half) / a)
        low = np.where(z <= limit, low, high)
    return np.where(over, dt(inf), low + a)


def _softexp_neg(x: np.ndarray, alpha: float, grad: bool) -> np.ndarray:
    r"""α < 0: with :math:`v = x + \alpha` and :math:`u = -\alpha v = |\alpha| v`,
    :math:`f = -\operatorname{log1p}(u)/\alpha`, :math:`f' = 1/(1 + u)`; defined for u > -1.

    v is clamped to ±max/(2 max(|α|, 1)) so that u cannot overflow; above the clamp the lost factor is
    added back as :math:`\ln(v/v_c)` (exact there, since 1 is negligible against u) and
    :math:`f'` is scaled by :math:`v_c/v`. At u = -1 (x = 1/α − α) f is −inf and f' is +inf; below it
    (outside the domain) both are NaN. No branch ever sees log1p(≤ -1) or 1/0.
    """
    dt = x.dtype.type
    info = np.finfo(x.dtype)
    a = dt(alpha)
    mag = dt(-alpha)
    vcap = dt(float(info.max) / (2 * max(-alpha, 1.0)))
    v = x + a
    vc = np.clip(v, -vcap, vcap)
    u = mag * vc
    inside = u > -1
    at_edge = u == -1
    us = np.where(inside, u, dt(0))
    excess = np.maximum(v, vcap) / vcap  # 1 unless v was clamped from above; NaN stays NaN
    if grad:
        y = 1 / (1 + us) / excess
        edge = dt(inf)
    else:
        y = -(np.log1p(us) + np.log(excess)) / a
        edge = dt(-inf)
    return np.where(inside | np.isnan(x), y, np.where(at_edge, edge, dt(np.nan)))


@elementwise
def soft_exponential(x: np.ndarray, alpha: float = 0.0) -> np.ndarray:
    r"""Soft exponential (Godfrey & Gashler):

    * α < 0: :math:`-\ln(1 - \alpha(x + \alpha))/\alpha`, for :math:`x > 1/\alpha - \alpha` only:
      −inf at :math:`x = 1/\alpha - \alpha`, NaN (no warning) below;
    * α = 0: x;
    * α > 0: :math:`(e^{\alpha x} - 1)/\alpha + \alpha`, +inf where it exceeds the largest float.

    Computed with ``log1p`` and ``expm1`` (no cancellation near the zero of the α < 0 branch or for
    small αx); see ``_softexp_neg`` / ``_softexp_pos`` for the overflow guards.
    """
    alpha = SOFTEXP_ALPHA.check(alpha)
    if alpha == 0:
        return x.copy()
    return (_softexp_pos if alpha > 0 else _softexp_neg)(x, alpha, grad=False)


@elementwise
def soft_exponential_grad(x: np.ndarray, alpha: float = 0.0) -> np.ndarray:
    r""":math:`1/(1 - \alpha(\alpha + x))` for α < 0 (+inf at the edge of the domain, NaN outside),
    :math:`e^{\alpha x}` for α ≥ 0 (1 at α = 0)."""
    alpha = SOFTEXP_ALPHA.check(alpha)
    if alpha == 0:
        return _constant(x, 1.0)
    return (_softexp_pos if alpha > 0 else _softexp_neg)(x, alpha, grad=True)


# --- sinusoid and sinc ---------------------------------------------------------------------------


@elementwise
def sinusoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\sin x` (the C library's argument reduction is exact, so large x are accurate too);
    NaN at ±inf, where sin has no limit."""
    return np.sin(_finite_or_nan(x))


@elementwise
def sinusoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\cos x`; NaN at ±inf."""
    return np.cos(_finite_or_nan(x))


def _sin_over_x(x: np.ndarray) -> np.ndarray:
    """sin(x)/x for x != 0 (the value at 0 is left to the caller); 0 at ±inf, the limit."""
    finite = np.where(np.isinf(x), x.dtype.type(0), x)  # sin(0)/inf = 0: the limit, no warning
    return np.sin(finite) / np.where(x == 0, x.dtype.type(1), x)


@elementwise
def sinc(x: np.ndarray) -> np.ndarray:
    r"""Unnormalised sinc :math:`\sin(x)/x` with :math:`\operatorname{sinc}(0) = 1` (not NumPy's
    ``np.sinc``, which is :math:`\sin(\pi x)/(\pi x)`). :math:`\sin x` and one division are each
    correctly rounded to within an ulp, so there is nothing to cancel, even at x = 1e-300 (sin x = x);
    only x = 0 itself needs its value set. sinc(±inf) = 0."""
    return np.where(x == 0, x.dtype.type(1), _sin_over_x(x))


#: below this |x| sinc' comes from its Taylor series (there cos x - sinc x cancels: by a factor 4.6 at
#: x = 1, 1.2 at x = 1.5)
_SINC_SERIES_LIMIT = 1.5
#: Taylor coefficients of sinc'(x)/x = sum_k (-1)^k 2k x^(2k-2) / (2k+1)!, k = 1..12 (the next term is
#: below 1e-19 of the first for |x| < 1.5)
_SINC_GRAD_SERIES = tuple((-1) ** k * 2 * k / math.factorial(2 * k + 1) for k in range(1, 13))

#: The first 32 positive roots r_j of sinc'(x) = 0, i.e. of tan x = x (4.49, 7.73, ..., 102.09), as
#: double-double pairs r_j = hi + lo, computed with mpmath (findroot of sin x - x cos x at 60 digits).
_SINC_GRAD_ROOTS = (
    (4.493409457909064, -3.322828416974956e-17), (7.725251836937707, 3.8002539181196393e-16),
    (10.904121659428899, 8.333109828905865e-16), (14.066193912831473, 6.790617115382321e-16),
    (17.22075527193077, -1.1966879214709082e-15), (20.37130295928756, 1.437981980402287e-15),
    (23.519452498689006, 6.538218907362716e-16), (26.666054258812675, -1.6866460008498783e-15),
    (29.81159879089296, 5.595562227426137e-16), (32.956389039822476, 1.0302805454524243e-15),
    (36.10062224437561, 3.401864677149167e-15), (39.24443236116419, -5.812392803175392e-16),
    (42.38791356813192, -1.3823177345024595e-15), (45.53113401399128, 2.581999763516396e-15),
    (48.674144231954386, 6.97357082082149e-16), (51.81698248727967, 2.798708985726555e-15),
    (54.959678287888934, 1.5924371895503534e-15), (58.10225475449559, 2.7444436291294583e-15),
    (61.2447302603744, -3.112704134599969e-15), (64.38711959055742, -4.579724198799873e-15),
    (67.52943477714412, -1.2256206766734028e-15), (70.6716857116195, -2.1937962114948545e-15),
    (73.81388060068065, -4.3457324483926266e-15), (76.95602631033118, -1.562559070384739e-17),
    (80.09812862894512, -5.7990122580833835e-15), (83.2401924707234, 4.347862453789278e-15),
    (86.38222203472871, 1.5335952149631184e-15), (89.52422093041719, 2.607671021719573e-15),
    (92.66619227762284, -3.2129608722673005e-15), (95.8081387868617, -5.460482833518552e-15),
    (98.95006282433188, 2.445952767405971e-16), (102.09196646490764, 9.60837189848795e-16),
)
#: Beyond the table, the roots come from their expansion in q = (k + 1/2) pi (k >= 33, r_k just below q):
#: tan(q - e) = cot e, so r = q - e solves cot e = q - e, and by series reversion (exact rational
#: arithmetic) e = sum_n a_n q^-(2n+1) with these a_n. Twelve terms give the correctly rounded
#: double-double for every k >= 8 (checked against mpmath findroot at 80 digits for k = 33..399, 1000,
#: 1e5, 1e9 and 2**48); the truncation error at k = 33 is below 1e-47.
_SINC_ROOT_SERIES = (
    (1, 1), (2, 3), (13, 15), (146, 105), (781, 315), (16328, 3465), (6316012, 675675), (38759594, 2027025),
    (9655714457, 241215975), (50134571594, 587577375), (25626917879, 138881925),
    (638499558282328, 1581170716125),
)
_PI_DIGITS = "3.1415926535897932384626433832795028841971693993751058209749445923078164"
#: roots are used for |x| below this; beyond, floats are 2**-12 or more apart, a float falls within
#: _SINC_ROOT_REACH / |x| of a root with a probability below 1e-7, and the direct formula is used
_SINC_ROOT_LIMIT = 2.0**40
#: within this distance of a tabulated root the Taylor expansion replaces the direct formula (beyond it
#: cos x - sinc x is at least ~0.24 and the direct formula loses at most a few ulps) ...
_SINC_ROOT_RADIUS = 0.25
#: ... and within _SINC_ROOT_REACH / |x| of a generated one (|x| > 102): near a root of a large x,
#: cos x and sinc x are both about 1/|x| and cos x - sinc x is about |x - r|, so the direct formula's
#: relative error is about 1.5 eps / (|x| |x - r|), a tenth of an ulp at this distance
_SINC_ROOT_REACH = 16.0
_SINC_ROOT_TERMS = 16  # the next term is below 1e-22 of the sum for |d| < 1/4


def _sinc_root_series(k: int) -> tuple[float, float]:
    """The root r_k of tan x = x just below (k + 1/2) pi from ``_SINC_ROOT_SERIES``, as a correctly
    rounded double-double (hi, lo) for k >= 8 (60-digit decimals)."""
    D = decimal.Decimal
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        q = (D(k) + D("0.5")) * D(_PI_DIGITS)
        u = 1 / q
        u2 = u * u
        series = D(0)
        for num, den in reversed(_SINC_ROOT_SERIES):
            series = series * u2 + D(num) / D(den)
        r = q - u * series
        hi = float(r)
        return hi, float(r - D(hi))


@functools.lru_cache(maxsize=1 << 16)
def _sinc_grad_root(k: int) -> tuple[float, ...]:
    r"""The root r_k (k >= 1) of tan x = x in ((k - 1/2) pi, (k + 1/2) pi) as a correctly rounded
    double-double (hi, lo) (tabulated for k <= 32, from ``_SINC_ROOT_SERIES`` beyond), followed by the
    Taylor coefficients :math:`c_n = h^{(n)}(r)/n!`, n = 1..16, of :math:`h(x) = x\cos x - \sin x =
    x^2\operatorname{sinc}'(x)` at r, each correctly rounded: :math:`h^{(n)}(x) = x\cos(x + n\pi/2) +
    (n-1)\cos(x + (n-1)\pi/2)`, and at a root :math:`\cos r = (-1)^k/\sqrt{1 + r^2}`,
    :math:`\sin r = r\cos r`. Computed with 60-digit decimals, once per root."""
    D = decimal.Decimal
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        hi, lo = _SINC_GRAD_ROOTS[k - 1] if k <= len(_SINC_GRAD_ROOTS) else _sinc_root_series(k)
        r = D(hi) + D(lo)
        cos_r = (-1) ** k / (1 + r * r).sqrt()
        sin_r = r * cos_r
        cyc = (cos_r, -sin_r, -cos_r, sin_r)  # cos(r + m pi/2) for m = 0, 1, 2, 3 (mod 4)
        coef = [float((r * cyc[n % 4] + (n - 1) * cyc[(n - 1) % 4]) / math.factorial(n))
                for n in range(1, _SINC_ROOT_TERMS + 1)]
    return (hi, lo, *coef)


def _sinc_grad_near_roots(ax: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""(near, sinc'(|x|)) where |x| is close to a root r of sinc' (within 1/4 for the 32 tabulated
    roots, within ``_SINC_ROOT_REACH``/|x| beyond), from the Taylor series of
    :math:`h(x) = x^2\operatorname{sinc}'(x)` in :math:`d = |x| - r` (coefficients from
    :func:`_sinc_grad_root`). d is formed exactly as a double-double ((|x| - hi) is exact by Sterbenz's
    lemma, then TwoSum with -lo), the leading term of the series and the products are carried with their
    rounding errors, and :math:`h/x^2` is one rounded division by the exact :math:`x^2` plus a
    correction: h keeps its relative accuracy as it goes through 0, instead of being the difference of
    two rounded numbers of size ~|x|."""
    dt = ax.dtype.type
    ok = (ax >= 4) & (ax < _SINC_ROOT_LIMIT)  # the first root is 4.49; False for inf and NaN
    axo = np.where(ok, ax, dt(4))
    kf = np.rint(axo / np.pi - 0.5)
    tabulated = kf <= len(_SINC_GRAD_ROOTS)
    reach = np.where(tabulated, _SINC_ROOT_RADIUS, _SINC_ROOT_REACH / axo)
    # candidates: r_k lies less than 0.22 below q = (k + 1/2) pi; for k > 32 within 1e-6 of q - 1/q
    # (plus the rounding of q in floating point), which keeps the decimal evaluations few
    q = (kf + 0.5) * np.pi
    slack = np.where(tabulated, 0.22, 1e-6 + 4 * np.finfo(ax.dtype).eps * axo)
    cand = ok & (np.abs(axo - np.where(tabulated, q, q - 1 / q)) < reach + slack)
    near = np.zeros(ax.shape, dtype=bool)
    out = np.zeros_like(ax)
    if not cand.any():
        return near, out
    a, reach = ax[cand], reach[cand]  # from here on, only the candidates
    ks, inverse = np.unique(kf[cand], return_inverse=True)
    table = np.array([_sinc_grad_root(int(k)) for k in ks], dtype=ax.dtype)[inverse.ravel()]
    hi, lo, c = table[:, 0], table[:, 1], table[:, 2:]
    d, d_lo = two_sum(a - hi, -lo)  # a - hi is exact where it matters (|a - hi| < 1/4)
    ok_d = np.abs(d) < reach
    d = np.where(ok_d, d, dt(0))  # keep far d out of the powers
    d_lo = np.where(ok_d, d_lo, dt(0))
    tail = c[:, -1]
    for n in range(_SINC_ROOT_TERMS - 2, 0, -1):  # c_16 .. c_2: the series after its leading term
        tail = tail * d + c[:, n]
    poly, poly_lo = two_sum(c[:, 0], d * tail)
    poly_lo = poly_lo + d_lo * tail
    h, h_lo = two_prod(d, poly)
    h_lo = h_lo + (d * poly_lo + d_lo * poly)
    sq, sq_lo = two_square(a)
    q = h / sq
    near[cand] = ok_d
    out[cand] = q + (h_lo - q * sq_lo) / sq
    return near, out


@elementwise
def sinc_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{sinc}'(x) = (\cos x - \operatorname{sinc} x)/x`, 0 at x = 0.

    The difference cancels in two places, and there other forms of the same function are used:

    * |x| < 1.5, where :math:`\cos x - \operatorname{sinc} x \approx -x^2/3` near 0: the Taylor series
      :math:`x\sum_{k\ge1}(-1)^k\,2k\,x^{2k-2}/(2k+1)!` (12 terms, Horner);
    * close to a root r of sinc' (tan x = x; within 1/4 for the first 32, up to |x| ≈ 102, within
      16/|x| beyond): the Taylor series of :math:`x^2\operatorname{sinc}'(x)` around that root
      (``_sinc_grad_near_roots``), with r as a double-double, tabulated or from its expansion in
      :math:`1/((k + \tfrac12)\pi)`. Roots are used up to :math:`|x| = 2^{40}`; beyond, floats are
      :math:`2^{-12}` or more apart and the direct formula is used, whose relative error grows only
      for the rare x that lies within about :math:`16/|x|` of a root.

    Elsewhere the direct formula divides by x once more (instead of :math:`\sin x/x^2`), so
    :math:`x^2` never overflows; at ±inf the result is the limit 0."""
    dt = x.dtype.type
    ax = np.abs(x)
    small = ax < _SINC_SERIES_LIMIT
    xs = np.where(small, x, dt(0))
    s = xs * xs
    poly = np.full_like(x, _SINC_GRAD_SERIES[-1])
    for c in reversed(_SINC_GRAD_SERIES[:-1]):
        poly = poly * s + c
    series = xs * poly
    near, taylor = _sinc_grad_near_roots(ax)
    taylor = np.where(x < 0, -taylor, taylor)  # sinc' is odd
    xl = np.where(small, dt(_SINC_SERIES_LIMIT), x)  # |xl| >= 1.5 (or ±inf, NaN)
    finite = np.where(np.isinf(xl), dt(0), xl)
    direct = (np.cos(finite) - _sin_over_x(xl)) / xl
    return np.where(small, series, np.where(near, taylor, direct))


# --- Gaussian ------------------------------------------------------------------------------------

#: e^{-x^2} underflows to 0 for |x| > 27.3 (float64) and 10.5 (float32); clamping |x| at 40 keeps x^2
#: finite and changes no result
_GAUSS_CLAMP = 40.0


def _gaussian_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""(hi, lo, clamped x) with :math:`x^2 = hi + lo` exactly (Dekker's product with Veltkamp's split):
    rounding :math:`x^2` alone would cost a relative error of up to :math:`x^2` ulps in
    :math:`e^{-x^2}` (≈ 700 ulps near x = 26); instead :math:`e^{-x^2} = e^{-hi}\,(1 - lo)`."""
    xc = np.clip(x, -_GAUSS_CLAMP, _GAUSS_CLAMP)
    hi, lo = two_square(np.abs(xc))
    return hi, lo, xc


def _gaussian(x: np.ndarray) -> np.ndarray:
    r""":math:`e^{-x^2}` from the exact square (see :func:`_gaussian_parts`)."""
    hi, lo, _ = _gaussian_parts(x)
    g = np.exp(-hi)
    return g - g * lo


@elementwise
def gaussian(x: np.ndarray) -> np.ndarray:
    r""":math:`e^{-x^2}`, 0 at ±inf; see ``_gaussian`` for the exact square."""
    return _gaussian(x)


@elementwise
def gaussian_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`-2x\,e^{-x^2}` (with the clamped x, so ±inf gives ∓0 instead of inf·0), from the exact
    square. Where :math:`x^2 > 700`, :math:`e^{-x^2}` is subnormal or nearly so, with few significant
    bits, and the factor 2|x| would magnify its error (to ~50 ulps): :func:`._exact.times_exp_neg`
    reduces the exponent first and rounds the product to its (subnormal) result once."""
    hi, lo, xc = _gaussian_parts(x)
    return times_exp_neg(-2 * xc, hi, lo)


# --- constants -----------------------------------------------------------------------------------

#: max |sinc'(x)| = |sinc'(x*)| with x* = 2.0815759778181... the first positive root of
#: sinc''(x) = 0, i.e. of tan x = 2x / (2 - x^2); computed with mpmath (findroot at 50 digits)
SINC_GRAD_MAX = 0.4361818172714585
#: max |d/dx e^{-x^2}| = sqrt(2) e^{-1/2} = sqrt(2/e), at x = ∓1/sqrt(2)
GAUSSIAN_GRAD_MAX = math.sqrt(2 / math.e)


# --- registry entries ----------------------------------------------------------------------------

MCCULLOCH_PITTS_1943 = Reference(
    "W. S. McCulloch, W. Pitts", 1943, "A logical calculus of the ideas immanent in nervous activity",
    "Bulletin of Mathematical Biophysics 5, 115–133", "https://doi.org/10.1007/BF02478259",
)
ROSENBLATT_1958 = Reference(
    "F. Rosenblatt", 1958,
    "The perceptron: A probabilistic model for information storage and organization in the brain",
    "Psychological Review 65(6), 386–408", "https://doi.org/10.1037/h0042519",
)
GODFREY_GASHLER_2015 = Reference(
    "L. B. Godfrey, M. S. Gashler", 2015,
    "A continuum among logarithmic, linear, and exponential functions, and its potential to improve "
    "generalization in neural networks",
    "KDIR 2015 (IC3K), 481–486; arXiv:1602.01321", "https://arxiv.org/abs/1602.01321",
)
GASHLER_ASHMORE_2014 = Reference(
    "M. S. Gashler, S. C. Ashmore", 2014, "Training Deep Fourier Neural Networks To Fit Time-Series Data",
    "arXiv:1405.2262", "https://arxiv.org/abs/1405.2262",
)
SITZMANN_2020 = Reference(
    "V. Sitzmann, J. N. P. Martel, A. W. Bergman, D. B. Lindell, G. Wetzstein", 2020,
    "Implicit Neural Representations with Periodic Activation Functions", "NeurIPS 2020",
    "https://arxiv.org/abs/2006.09661",
)
BROOMHEAD_LOWE_1988 = Reference(
    "D. S. Broomhead, D. Lowe", 1988, "Multivariable functional interpolation and adaptive networks",
    "Complex Systems 2(3), 321–355", "https://www.complex-systems.com/abstracts/v02_i03_a05/",
)

REAL_LINE = Bounds(r"(-\infty,\ +\infty)", -inf, inf)
ONLY_ONE = Bounds(r"\{1\}", 1.0, 1.0, lo_closed=True, hi_closed=True)

ENTRIES = [
    Activation(
        key="identity",
        name=T("恒等函数", "Identity"),
        aliases=("linear", "线性函数", "恒等"),
        family="other",
        symbol=r"\operatorname{id}",
        fn=identity,
        grad=identity_grad,
        tex=r"\operatorname{id}(x) = x",
        grad_tex=r"\operatorname{id}'(x) = 1",
        properties=Properties(
            range=REAL_LINE,
            grad_range=ONLY_ONE,
            monotonic=True,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("输入原样输出，即“不加激活”；用于回归网络的输出层，也是判断其他函数是否在原点附近近似恒等的基准。",
                  "Passes the input through unchanged, i.e. no activation at all; used on regression outputs "
                  "and as the yardstick for “approximates the identity near the origin”."),
        api=Api(
            torch="torch.nn.Identity()",
            jax="jax.nn.identity(x)",
            keras="keras.activations.linear(x)",
            tensorflow="tf.keras.activations.linear(x)",
            paddle="paddle.nn.Identity()",
            mindspore="mindspore.nn.Identity()",
            mlx="mlx.nn.Identity()",
        ),
    ),
    Activation(
        key="binary_step",
        name=T("单位阶跃函数", "Binary step"),
        aliases=("Heaviside", "unit step", "阶跃函数", "阈值函数"),
        family="other",
        symbol="H",
        fn=binary_step,
        grad=binary_step_grad,
        tex=r"H(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}",
        grad_tex=r"H'(x) = 0 \quad (x \ne 0)",
        properties=Properties(
            range=Bounds(r"\{0,\ 1\}", 0.0, 1.0, lo_closed=True, hi_closed=True),
            grad_range=Bounds(r"\{0\}", 0.0, 0.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="discontinuous",
        ),
        summary=T("x ≥ 0 时输出 1，否则输出 0：最早的人工神经元（McCulloch–Pitts 神经元、感知机）用的就是这个阈值；"
                  "它的导数几乎处处为 0，所以无法用梯度下降训练。",
                  "1 for x ≥ 0 and 0 otherwise: the threshold of the first artificial neurons (McCulloch–Pitts, "
                  "the perceptron), and untrainable by gradient descent because its derivative is 0 almost "
                  "everywhere."),
        references=(MCCULLOCH_PITTS_1943, ROSENBLATT_1958),
        api=Api(
            torch=None,
            jax=None,
            keras=None,
            tensorflow=None,
            paddle=None,
            mindspore=None,
            mlx="mlx.nn.step(x, threshold=0.0)",
        ),
        kinks=(0.0,),
    ),
    Activation(
        key="exponential",
        name=T("指数函数", "Exponential"),
        family="other",
        symbol=r"\exp",
        fn=exponential,
        grad=exponential_grad,
        tex=r"\exp(x) = e^{x}",
        grad_tex=r"\exp'(x) = e^{x}",
        properties=Properties(
            range=Bounds(r"(0,\ +\infty)", 0.0, inf),
            grad_range=Bounds(r"(0,\ +\infty)", 0.0, inf),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("e^x 本身：恒为正、无上界，导数等于函数值；可用作需要正值输出（如泊松回归的速率）的输出层，"
                  "但输入稍大就会溢出。",
                  "e^x itself: positive, unbounded and its own derivative; an output activation for strictly "
                  "positive targets such as Poisson rates, but it overflows for moderately large inputs."),
        api=Api(
            torch=None,
            jax=None,
            keras="keras.activations.exponential(x)",
            tensorflow="tf.keras.activations.exponential(x)",
            paddle=None,
            mindspore=None,
            mlx=None,
        ),
        xlim=(-5.0, 2.5),
    ),
    Activation(
        key="bent_identity",
        name=T("弯曲恒等函数", "Bent identity"),
        family="other",
        symbol=r"\operatorname{bent}",
        fn=bent_identity,
        grad=bent_identity_grad,
        tex=r"\operatorname{bent}(x) = \frac{\sqrt{x^2 + 1} - 1}{2} + x",
        grad_tex=r"\operatorname{bent}'(x) = \frac{x}{2\sqrt{x^2 + 1}} + 1",
        stable_tex=r"\operatorname{bent}(x) = x\left(1 + \frac{x}{2\left(\sqrt{x^2 + 1} + 1\right)}\right)",
        properties=Properties(
            range=REAL_LINE,
            grad_range=Bounds(r"\left(\tfrac12,\ \tfrac32\right)", 0.5, 1.5),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("在恒等函数上加一个平缓的弯：左侧斜率趋于 1/2，右侧趋于 3/2，处处光滑、单调，导数永不消失。",
                  "The identity with a gentle bend: the slope tends to 1/2 on the left and 3/2 on the right, "
                  "smooth and monotonic, with a gradient that never vanishes."),
        api=Api(None, None, None),
    ),
    Activation(
        key="soft_exponential",
        name=T("软指数函数", "Soft exponential"),
        family="other",
        symbol=r"\operatorname{softexp}",
        fn=soft_exponential,
        grad=soft_exponential_grad,
        tex=(
            r"\operatorname{softexp}(x) = \begin{cases}"
            r" -\dfrac{\ln\bigl(1 - \alpha(x + \alpha)\bigr)}{\alpha} & \alpha < 0,\ x > \dfrac{1}{\alpha} - \alpha"
            r" \\[1ex] x & \alpha = 0"
            r" \\[1ex] \dfrac{e^{\alpha x} - 1}{\alpha} + \alpha & \alpha > 0 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{softexp}'(x) = \begin{cases}"
            r" \dfrac{1}{1 - \alpha(\alpha + x)} & \alpha < 0 \\[1ex] e^{\alpha x} & \alpha \ge 0 \end{cases}"
        ),
        stable_tex=(
            r"\operatorname{softexp}(x) = \begin{cases}"
            r" -\dfrac{\operatorname{log1p}\bigl(-\alpha(x + \alpha)\bigr)}{\alpha} & \alpha < 0"
            r" \\[1ex] x & \alpha = 0"
            r" \\[1ex] \dfrac{\operatorname{expm1}(\alpha x)}{\alpha} + \alpha & \alpha > 0 \end{cases}"
        ),
        params=(SOFTEXP_ALPHA,),
        # powers of two: alpha * x is then exact. alpha = -1/4 is defined for x > -3.75, outside the
        # window (-3, 3), so its curve and the pole of its derivative at -3.75 stay off the figure.
        family_values=({"alpha": -0.25}, {"alpha": -0.125}, {"alpha": 0.0}, {"alpha": 0.125}, {"alpha": 0.25}),
        properties=Properties(
            range=REAL_LINE,
            grad_range=ONLY_ONE,
            monotonic=True,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("一个可学习参数 α 让它在对数型（α < 0）、恒等（α = 0）与指数型（α > 0）之间连续过渡；"
                  "α < 0 时只在 x > 1/α − α 上有定义。",
                  "One learnable α slides it continuously from logarithmic (α < 0) through the identity "
                  "(α = 0) to exponential (α > 0); for α < 0 it is defined only for x > 1/α − α."),
        references=(GODFREY_GASHLER_2015,),
        api=Api(None, None, None),
        xlim=(-3.0, 3.0),
    ),
    Activation(
        key="sinusoid",
        name=T("正弦函数", "Sinusoid"),
        aliases=("sine", "sin", "正弦"),
        family="other",
        symbol=r"\sin",
        fn=sinusoid,
        grad=sinusoid_grad,
        tex=r"\sin(x) = \sum_{k=0}^{\infty} \frac{(-1)^k\, x^{2k+1}}{(2k+1)!}",
        grad_tex=r"\sin'(x) = \cos(x)",
        properties=Properties(
            range=Bounds(r"[-1,\ 1]", -1.0, 1.0, lo_closed=True, hi_closed=True),
            grad_range=Bounds(r"[-1,\ 1]", -1.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("周期函数 sin x：有界、非单调，在原点附近近似恒等；SIREN 等隐式神经表示网络用它拟合图像、声音等信号的细节。",
                  "The periodic sin x: bounded, non-monotonic and close to the identity near 0; implicit neural "
                  "representations such as SIREN use it to fit fine detail in images and audio."),
        references=(GASHLER_ASHMORE_2014, SITZMANN_2020),
        api=Api(None, None, None),
    ),
    Activation(
        key="sinc",
        name=T("Sinc 函数", "Sinc"),
        family="other",
        symbol=r"\operatorname{sinc}",
        fn=sinc,
        grad=sinc_grad,
        tex=r"\operatorname{sinc}(x) = \begin{cases} \dfrac{\sin x}{x} & x \ne 0 \\[1ex] 1 & x = 0 \end{cases}",
        grad_tex=(
            r"\operatorname{sinc}'(x) = \begin{cases} \dfrac{\cos x}{x} - \dfrac{\sin x}{x^2} & x \ne 0"
            r" \\[1ex] 0 & x = 0 \end{cases}"
        ),
        stable_tex=(
            r"\begin{gathered}\operatorname{sinc}'(x) = \begin{cases}"
            r" \displaystyle\sum_{k=1}^{12} \frac{(-1)^k\, 2k\, x^{2k-1}}{(2k+1)!} & |x| < \tfrac32"
            r" \\[2ex] \dfrac{\operatorname{sgn}(x)}{x^2} \displaystyle\sum_{n \ge 1} \frac{h^{(n)}(r_j)}{n!}"
            r" \bigl(|x| - r_j\bigr)^n & \bigl||x| - r_j\bigr| < \delta_j"
            r" \\[2ex] \dfrac{\cos x - \operatorname{sinc}(x)}{x} & \text{(}|x| \ge \tfrac32,\ \bigl||x| - r_j\bigr| \ge \delta_j\text{)}"
            r" \end{cases}"
            r" \\ h(x) = x\cos x - \sin x,\quad \tan r_j = r_j\end{gathered}"
        ),
        properties=Properties(
            range=Bounds(r"[{minimum},\ 1]", MINIMUM, 1.0, lo_closed=True, hi_closed=True),
            grad_range=Bounds(rf"[-{SINC_GRAD_MAX:.4f},\ {SINC_GRAD_MAX:.4f}]", -SINC_GRAD_MAX, SINC_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("sin x / x（在 0 处取 1）：中间一个主峰，两侧振荡并逐渐衰减，非单调、不以 0 为中心。",
                  "sin x / x (1 at 0): a single central peak with oscillations that die away on both sides; "
                  "non-monotonic and not zero-centred."),
        api=Api(None, None, None),
        xlim=(-13.0, 13.0),
    ),
    Activation(
        key="gaussian",
        name=T("高斯函数", "Gaussian"),
        aliases=("radial basis function", "RBF", "径向基函数"),
        family="other",
        symbol=r"\operatorname{gauss}",
        fn=gaussian,
        grad=gaussian_grad,
        tex=r"\operatorname{gauss}(x) = e^{-x^2}",
        grad_tex=r"\operatorname{gauss}'(x) = -2x\, e^{-x^2}",
        properties=Properties(
            range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            grad_range=Bounds(r"\left[-\sqrt{2/e},\ \sqrt{2/e}\right]", -GAUSSIAN_GRAD_MAX, GAUSSIAN_GRAD_MAX,
                              lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("钟形曲线 e^{−x²}：只对原点附近的输入有响应，远离原点时函数值和导数都迅速趋于 0；"
                  "是径向基函数（RBF）网络的典型基函数。",
                  "The bell curve e^{−x²}: it responds only near the origin, and both value and gradient "
                  "vanish quickly away from it; the classic basis function of RBF networks."),
        references=(BROOMHEAD_LOWE_1988,),
        api=Api(None, None, None),
        xlim=(-3.5, 3.5),
    ),
]
