"""mpmath references for :mod:`activations.catalog.gated`: ``a_i g(b_i)`` with (a, b) the two halves of
the vector (value first, gate second, as GLU), written from the definitions of the gates; the
Jacobian as ``n/2`` rows of length n. ``None`` where ReGLU's gate input is exactly 0 (its kink)."""

from __future__ import annotations

import mpmath as mp


def _halves(xs: list) -> tuple[list, list]:
    if len(xs) % 2:
        raise ValueError(f"a GLU variant needs an even number of inputs, got {len(xs)}")
    h = len(xs) // 2
    return [mp.mpf(x) for x in xs[:h]], [mp.mpf(x) for x in xs[h:]]


def _sigmoid(t):
    return 1 / (1 + mp.exp(-t))


def _rows(a: list, value: list, slope: list) -> list:
    """Row i: value_i at column i, a_i slope_i at column h + i."""
    h = len(a)
    rows = []
    for i in range(h):
        row = [mp.mpf(0)] * (2 * h)
        row[i] = value[i]
        row[h + i] = a[i] * slope[i]
        rows.append(row)
    return rows


def swiglu(xs: list, beta=1.0) -> list:
    """a_i b_i sigma(beta b_i)."""
    a, b = _halves(xs)
    beta = mp.mpf(beta)
    return [ai * bi * _sigmoid(beta * bi) for ai, bi in zip(a, b)]


def swiglu_grad(xs: list, beta=1.0) -> list:
    """d/da_i = b_i sigma(beta b_i); d/db_i = a_i (sigma(beta b_i) + beta b_i sigma(beta b_i) sigma(-beta b_i))."""
    a, b = _halves(xs)
    beta = mp.mpf(beta)
    value = [bi * _sigmoid(beta * bi) for bi in b]
    slope = [_sigmoid(beta * bi) + beta * bi * _sigmoid(beta * bi) * _sigmoid(-beta * bi) for bi in b]
    return _rows(a, value, slope)


def geglu(xs: list) -> list:
    """a_i b_i Phi(b_i), Phi the standard normal CDF (the exact, erf-based GELU)."""
    a, b = _halves(xs)
    return [ai * bi * mp.ncdf(bi) for ai, bi in zip(a, b)]


def geglu_grad(xs: list) -> list:
    """d/da_i = b_i Phi(b_i); d/db_i = a_i (Phi(b_i) + b_i phi(b_i))."""
    a, b = _halves(xs)
    return _rows(a, [bi * mp.ncdf(bi) for bi in b], [mp.ncdf(bi) + bi * mp.npdf(bi) for bi in b])


def reglu(xs: list) -> list:
    """a_i max(b_i, 0)."""
    a, b = _halves(xs)
    return [ai * max(bi, mp.mpf(0)) for ai, bi in zip(a, b)]


def reglu_grad(xs: list) -> list | None:
    """d/da_i = max(b_i, 0); d/db_i = a_i [b_i > 0]; None if some b_i = 0 (a kink)."""
    a, b = _halves(xs)
    if any(bi == 0 for bi in b):
        return None
    return _rows(a, [max(bi, mp.mpf(0)) for bi in b], [mp.mpf(1 if bi > 0 else 0) for bi in b])


def bilinear_glu(xs: list) -> list:
    """a_i b_i."""
    a, b = _halves(xs)
    return [ai * bi for ai, bi in zip(a, b)]


def bilinear_glu_grad(xs: list) -> list:
    """d/da_i = b_i; d/db_i = a_i."""
    a, b = _halves(xs)
    return _rows(a, b, [mp.mpf(1)] * len(b))


REFERENCES = {
    "swiglu": (swiglu, swiglu_grad),
    "geglu": (geglu, geglu_grad),
    "reglu": (reglu, reglu_grad),
    "bilinear_glu": (bilinear_glu, bilinear_glu_grad),
}
