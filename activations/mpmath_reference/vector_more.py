"""mpmath references for :mod:`activations.catalog.vector_more`: definitions, not the stable rewrites.

CReLU is exact; Gumbel-softmax (at its default, zero noise, or with a given ``noise`` list) and
softmax₁ use the guarded softmax of :mod:`activations.mpmath_reference.vector`; 1.5-entmax is solved
in exact rational arithmetic up to one square root (the support and the threshold's quadratic are
rational), written so that no output cancels.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath as mp

from .vector import _exact, _guard, _softmax, _softmax_jac, _to_mpf


def crelu(xs: list) -> list:
    """(max(x, 0), max(-x, 0))."""
    xs = [mp.mpf(x) for x in xs]
    return [max(x, mp.mpf(0)) for x in xs] + [max(-x, mp.mpf(0)) for x in xs]


def crelu_grad(xs: list) -> list | None:
    """2n rows: [x_i > 0] at column i, then -[x_i < 0] at column i; None if some x_i = 0 (a kink)."""
    xs = [mp.mpf(x) for x in xs]
    if any(x == 0 for x in xs):
        return None
    n = len(xs)
    rows = []
    for sign in (1, -1):
        for i in range(n):
            row = [mp.mpf(0)] * n
            row[i] = mp.mpf(sign if sign * xs[i] > 0 else 0)
            rows.append(row)
    return rows


def _logits(xs: list, tau, noise) -> list:
    t = mp.mpf(tau)
    g = [mp.mpf(0)] * len(xs) if noise is None else [mp.mpf(v) for v in noise]
    return [(mp.mpf(x) + gi) / t for x, gi in zip(xs, g)]


def gumbel_softmax(xs: list, tau=1.0, noise=None) -> list:
    """softmax((x + g)/tau), g = noise (0 if None), x + g exact."""
    with mp.workprec(mp.mp.prec + 64):  # x + g exactly enough, before the guard is chosen
        z = _logits(xs, tau, noise)
    with _guard(z):
        return _softmax(_logits(xs, tau, noise))


def gumbel_softmax_grad(xs: list, tau=1.0, noise=None) -> list:
    """y_i (delta_ij - y_j) / tau at fixed g."""
    with mp.workprec(mp.mp.prec + 64):
        z = _logits(xs, tau, noise)
    with _guard(z):
        return _softmax_jac(_softmax(_logits(xs, tau, noise)), 1 / mp.mpf(tau))


def softmax_one(xs: list) -> list:
    """e^{x_i} / (1 + sum_j e^{x_j}): the softmax of (x, 0) without its last entry."""
    z = [mp.mpf(x) for x in xs] + [mp.mpf(0)]
    with _guard(z):
        return _softmax(z)[:-1]


def softmax_one_grad(xs: list) -> list:
    """y_i (delta_ij - y_j)."""
    z = [mp.mpf(x) for x in xs] + [mp.mpf(0)]
    with _guard(z):
        y = _softmax(z)[:-1]
        return _softmax_jac(y, 1)


def _entmax_u(xs: list) -> tuple[list, bool]:
    """u_i = [x_i/2 - tau]_+ (y = u^2), and whether some entry sits exactly on the edge of the support.

    With z = x/2 exact and the k largest in the support, tau solves k tau^2 - 2 S1 tau + S2 - 1 = 0,
    tau = (S1 - sqrt(D))/k, D = S1^2 - k (S2 - 1). The k-th largest is in the support iff
    S1 - k z_(k) < sqrt(D), i.e. (both sides >= 0) (S1 - k z_(k))^2 < D: rational, decided exactly.
    Then u_i = (sqrt(D) - c_i)/k with c_i = S1 - k z_i; where c_i > 0 it is computed as
    (D - c_i^2) / (k (sqrt(D) + c_i)), free of cancellation."""
    z = [_exact(x) / 2 for x in xs]
    ordered = sorted(z, reverse=True)
    best = None
    s1 = s2 = Fraction(0)
    for k in range(1, len(z) + 1):
        zk = ordered[k - 1]
        s1 += zk
        s2 += zk * zk
        d = s1 * s1 - k * (s2 - 1)
        c = s1 - k * zk
        if d > 0 and c * c < d:
            best = (k, s1, d)
    k, s1, d = best  # k = 1 always qualifies: c = 0, D = 1
    root = mp.sqrt(_to_mpf(d))
    u, edge = [], False
    for zi in z:
        c = s1 - k * zi
        if c <= 0:
            u.append((root - _to_mpf(c)) / k)
        else:
            num = d - c * c
            edge = edge or num == 0
            u.append(_to_mpf(num) / (k * (root + _to_mpf(c))) if num > 0 else mp.mpf(0))
    return u, edge


def entmax15(xs: list) -> list:
    """[x_i/2 - tau]_+^2 with sum 1."""
    with mp.workprec(mp.mp.prec + 16):
        u, _ = _entmax_u(xs)
        out = [v * v for v in u]
    return [+v for v in out]


def entmax15_grad(xs: list) -> list | None:
    """u_i delta_ij - u_i u_j / sum u; None where an entry is exactly on the edge of the support."""
    with mp.workprec(mp.mp.prec + 16):
        u, edge = _entmax_u(xs)
        if edge:
            return None
        total = mp.fsum(u)
        n = len(u)
        rows = [[(u[i] if i == j else 0) - u[i] * u[j] / total for j in range(n)] for i in range(n)]
    return [[+v for v in row] for row in rows]


REFERENCES = {
    "crelu": (crelu, crelu_grad),
    "gumbel_softmax": (gumbel_softmax, gumbel_softmax_grad),
    "entmax15": (entmax15, entmax15_grad),
    "softmax_one": (softmax_one, softmax_one_grad),
}
