"""Error-free transformations (no entries here): a sum or a product of two floats as an unevaluated
sum ``hi + lo`` of two floats, exactly. The kernels use them where one rounding inside a formula is
magnified by what follows (a square, a power, a subtraction), and carry the rounding error ``lo`` as a
first-order correction. Written for the array's own dtype (float64 or wider; float16/float32 input is
computed in float64, see :mod:`activations.core.arrays`), without FMA, which NumPy does not expose.
"""

from __future__ import annotations

import math

import numpy as np


def two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(s, e) with s = fl(a + b) and a + b = s + e exactly (Knuth's TwoSum, no ordering needed).

    Finite inputs only: with an infinite operand e is NaN (inf - inf); callers clamp first."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


def z_over_one_plus_z_squared(z: np.ndarray) -> np.ndarray:
    r""":math:`z/(1+z)^2` for :math:`0 \le z \le 1`, with the rounding error of :math:`1 + z` compensated.

    :math:`s = \operatorname{fl}(1 + z)` and :math:`e = (1 - s) + z` is its exact error (Fast2Sum:
    1 >= z), so :math:`1 + z = s(1 + e/s)` and :math:`z/(1+z)^2 = (z/s^2)(1 - 2e/s + O(\varepsilon^2))`.
    Without the correction the error of s enters the result twice (squared)."""
    s = 1.0 + z
    e = (1.0 - s) + z
    r = z / s / s
    return r - 2.0 * r * (e / s)


def _splitter(dtype: np.dtype) -> np.floating:
    """Veltkamp's constant 2**ceil(p/2) + 1 for a p-bit significand (2**27 + 1 for float64)."""
    return np.dtype(dtype).type(2.0 ** ((np.finfo(dtype).nmant + 2) // 2) + 1)


def split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ah, al), a = ah + al exactly, each with at most half the significand bits (Veltkamp's split;
    |a| must stay below about 2**995 in float64, so that a * (2**27 + 1) is finite)."""
    c = a * _splitter(a.dtype)
    ah = c - (c - a)
    return ah, a - ah


def two_square(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(h, l) with h = fl(a*a) and a*a = h + l exactly (Dekker's product; |a| < 2**510 in float64 for
    a finite square, and no underflow of l: |a| > 2**-480 or so, or l does not matter)."""
    h = a * a
    ah, al = split(a)
    l = ((ah * ah - h) + 2 * ah * al) + al * al
    return h, l


def two_prod(a: np.ndarray | float, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(p, q) with p = fl(a*b) and a*b = p + q exactly (Dekker's product; same range limits)."""
    a = np.asarray(a, dtype=b.dtype)
    p = a * b
    ah, al = split(a)
    bh, bl = split(b)
    q = (((ah * bh - p) + ah * bl) + al * bh) + al * bl
    return p, q


def normalize_scale(alpha: float) -> tuple[float, int]:
    """(a, j) with alpha = a * 4**j exactly and 1 <= a < 4, so that 1 + alpha x² = 1 + a (x 2**j)²
    with an exact x 2**j: the formulas below then only meet a coefficient near 1."""
    m, e = math.frexp(alpha)  # alpha = m 2**e, 1/2 <= m < 1
    j = (e - 1) // 2
    return math.ldexp(m, e - 2 * j), j


def inv_pow_three_halves(x: np.ndarray, alpha: float) -> np.ndarray:
    r""":math:`(1 + \alpha x^2)^{-3/2}` to 1-2 ulps, for every x (NaN propagates, ±inf gives 0).

    With :math:`\alpha = a\,4^j` (:func:`normalize_scale`) and the exact :math:`y = |x|\,2^j`:

    * :math:`y \le 2^{40}`: :math:`a y^2 = P + Q` and :math:`1 + P = s + e` exactly (Dekker's product,
      TwoSum), so :math:`1 + \alpha x^2 = s\,(1 + \ell/s)` with :math:`\ell = e + Q`, and
      :math:`(1 + \alpha x^2)^{-3/2} = s^{-3/2}(1 - \tfrac32\,\ell/s)` to second order: one ``pow`` of
      an exact argument, instead of a power of a rounded one (which multiplies its error by 3/2);
    * beyond: :math:`1 + a y^2 = a y^2` to far below an ulp, and :math:`(a y^2)^{-3/2} =
      a^{-3/2}\,m^{-3}\,2^{-3k}` with :math:`y = m\,2^k` (``frexp``, :math:`\tfrac12 \le m < 1`):
      nothing overflows or underflows before the one final ``ldexp``."""
    dt = x.dtype.type
    a, j = normalize_scale(alpha)
    ax = np.abs(x)
    if j > 0:  # beyond sqrt(max) 2**-j the result is far below the smallest subnormal: the clamp keeps
        ax = np.minimum(ax, np.ldexp(np.sqrt(np.finfo(x.dtype).max), -j))  # y finite, changes nothing
    y = np.ldexp(ax, j)
    near = y <= 2.0**40
    yn = np.where(near, y, dt(0))
    h, l = two_square(yn)
    p, q = two_prod(a, h)
    s, e = two_sum(np.ones_like(p), p)
    ell = e + (q + dt(a) * l)
    small = np.power(s, dt(-1.5)) * (1 - dt(1.5) * (ell / s))
    m, k = np.frexp(np.where(near, dt(1), y))
    big = np.ldexp(dt(a**-1.5) * np.power(m, dt(-3)), -3 * k)
    return np.where(near, small, big)


#: ln 2 = LN2_HI + LN2_LO to 1.2e-26; LN2_HI has 32 significant bits, so k * LN2_HI is exact for
#: |k| < 2**21 (fdlibm's ln2_hi and ln2_lo, as in its exp)
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
INV_LN2 = 1.44269504088896338700e00
#: above this exponent e^-t is close to or below the smallest normal float64 (e^-708.4)
TINY_EXP = 700.0


def times_exp_neg(m: np.ndarray, hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    r""":math:`m\,e^{-(hi + lo)}` for :math:`0 \le hi \le 3000` (finite) and a tiny lo (the rounding
    error of an exactly formed exponent, such as a square from :func:`two_square`), to about 1.5 ulp.

    The correction is applied to the product, :math:`P - P\,lo` with :math:`P = m\,e^{-hi}`, not to
    the exponential alone (one rounding less). Where :math:`hi > 700`, :math:`e^{-hi}` is subnormal or
    nearly so, with few significant bits, and a factor m > 1 would magnify its error (to tens of ulps);
    there the exponent is reduced first, as ``exp`` does internally: :math:`hi = k\ln 2 + r`, k an
    integer, :math:`|r| \le \ln 2/2`, with ln 2 as ``LN2_HI + LN2_LO`` (Cody and Waite: :math:`k\cdot`
    ``LN2_HI`` and :math:`hi - k\cdot` ``LN2_HI`` are exact), so the product :math:`m\,e^{-r}` is formed
    in the normal range and rounded to its (possibly subnormal) result once, by ``ldexp``."""
    tail = hi > TINY_EXP
    g = np.exp(-np.where(tail, 0, hi))
    p = m * g
    c = p * lo
    direct = np.where(c == 0, p, p - c)  # p = ±0 keeps its sign
    ht = np.where(tail, hi, 0)
    k = np.rint(ht * INV_LN2)
    r, r_err = two_sum(ht - k * LN2_HI, -(k * LN2_LO))  # hi - k ln 2 = r + r_err (to 1e-22)
    pr = m * np.exp(-r)
    reduced = np.ldexp(pr - pr * (lo + r_err), -k.astype(np.intc))  # |k| <= 4400
    return np.where(tail, reduced, direct)
