"""mpmath references for :mod:`activations.catalog.sigmoid`: the textbook definitions, not the
stable rewrites of the NumPy kernels.

Where a definition would lose everything to rounding even at 50 digits, the reference uses the
mathematically identical form that does not (``log1p`` for log(1 + tiny), sech^2 for 1 - tanh^2):
those are exact identities, not the library's floating-point tricks.
"""

from __future__ import annotations

from mpmath import mp


def _m(x):
    return mp.mpf(x)


def sigmoid(x):
    return 1 / (1 + mp.exp(-_m(x)))


def sigmoid_grad(x):
    e = mp.exp(-_m(x))
    return e / (1 + e) ** 2


def tanh(x):
    return mp.tanh(_m(x))


def tanh_grad(x):
    return mp.sech(_m(x)) ** 2


def log_sigmoid(x):
    return -mp.log1p(mp.exp(-_m(x)))


def log_sigmoid_grad(x):
    return 1 / (1 + mp.exp(_m(x)))


def hard_sigmoid(x, half_width=3.0):
    x, w = _m(x), _m(half_width)
    return min(max((x + w) / (2 * w), mp.zero), mp.one)


def hard_sigmoid_grad(x, half_width=3.0):
    x, w = _m(x), _m(half_width)
    if abs(x) == w:
        return None
    return 1 / (2 * w) if abs(x) < w else mp.zero


def sparse_sigmoid(x):
    x = _m(x)
    return min(max((x + 1) / 2, mp.zero), mp.one)


def sparse_sigmoid_grad(x):
    x = _m(x)
    if abs(x) == 1:
        return None
    return mp.mpf(1) / 2 if abs(x) < 1 else mp.zero


def hardtanh(x, min_val=-1.0, max_val=1.0):
    return min(max(_m(x), _m(min_val)), _m(max_val))


def hardtanh_grad(x, min_val=-1.0, max_val=1.0):
    x, lo, hi = _m(x), _m(min_val), _m(max_val)
    if x in (lo, hi):
        return None
    return mp.one if lo < x < hi else mp.zero


def softsign(x):
    x = _m(x)
    return x / (1 + abs(x))


def softsign_grad(x):
    return 1 / (1 + abs(_m(x))) ** 2


def arctan(x):
    return mp.atan(_m(x))


def arctan_grad(x):
    return 1 / (1 + _m(x) ** 2)


def isru(x, alpha=1.0):
    x = _m(x)
    return x / mp.sqrt(1 + _m(alpha) * x**2)


def isru_grad(x, alpha=1.0):
    x = _m(x)
    return (1 + _m(alpha) * x**2) ** (-mp.mpf(3) / 2)


REFERENCES = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "log_sigmoid": (log_sigmoid, log_sigmoid_grad),
    "hard_sigmoid": (hard_sigmoid, hard_sigmoid_grad),
    "sparse_sigmoid": (sparse_sigmoid, sparse_sigmoid_grad),
    "hardtanh": (hardtanh, hardtanh_grad),
    "softsign": (softsign, softsign_grad),
    "arctan": (arctan, arctan_grad),
    "isru": (isru, isru_grad),
}


def log1mexp(x):
    """log(1 − e^{−x}) on its domain x ≥ 0, NaN outside it (the library's convention) and −∞ at 0.
    Two exact identities keep 1 − e^{−x} from cancelling at 60 digits: −expm1(−x) near 0 (tiny x),
    log1p(−e^{−x}) for larger x (where the result is ≈ −e^{−x}, far below 10^−60 for x > 140)."""
    x = _m(x)
    if x < 0:
        return mp.nan
    if x == 0:
        return mp.ninf
    return mp.log(-mp.expm1(-x)) if x <= 1 else mp.log1p(-mp.exp(-x))


def log1mexp_grad(x):
    x = _m(x)
    if x < 0:
        return mp.nan
    if x == 0:
        return mp.inf  # the limit from the right
    return 1 / mp.expm1(x)


REFERENCES["log1mexp"] = (log1mexp, log1mexp_grad)
