"""mpmath references for :mod:`activations.catalog.vector`: textbook definitions, not the stable rewrites.

Each ``fn(xs, **params)`` takes a list of ``mpf`` (one vector) and returns the list of outputs; each
``grad(xs, **params)`` returns the Jacobian as a list of rows ``[d y_i / d x_j for j]`` (``n/2`` rows
for GLU, ``n/k`` for maxout), or ``None`` where the function has a kink (sparsemax at the edge of its
support, maxout at a tie).

The softmax family raises the working precision by the bits that its textbook form loses to
cancellation (``x_i - log sum e^{x_j}`` and ``1 - y_i`` near a dominant entry), so the answers are good
to the caller's precision; sparsemax and maxout are evaluated in exact rational arithmetic.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath as mp

#: the most guard bits a softmax-type reference adds (a spread of ~13 900 between the largest and the
#: smallest input); beyond that the lost terms are below 2**-20000 of the result's scale
MAX_GUARD_BITS = 20_000


def _guard(values: list) -> mp.workprec:
    """A working precision for the softmax family on ``values``: the caller's precision plus the bits
    of the largest magnitude plus the bits lost in ``1 - y`` (up to (max - min)/ln 2)."""
    top = max(abs(v) for v in values)
    spread = max(values) - min(values)
    lost = min(int(spread / mp.ln2) + 1, MAX_GUARD_BITS)
    scale = int(mp.log(top + 1, 2)) + 1 if top > 1 else 0
    return mp.workprec(mp.mp.prec + scale + lost + 32)


def _softmax(xs: list) -> list:
    """softmax(x)_i = e^{x_i} / sum_j e^{x_j}, directly (mpmath does not overflow)."""
    e = [mp.exp(x) for x in xs]
    total = mp.fsum(e)
    return [v / total for v in e]


def _softmax_jac(y: list, scale) -> list:
    n = len(y)
    return [[scale * y[i] * ((1 if i == j else 0) - y[j]) for j in range(n)] for i in range(n)]


def softmax(xs: list, temperature=1.0) -> list:
    """e^{x_i/T} / sum_j e^{x_j/T}."""
    t = mp.mpf(temperature)
    with _guard([mp.mpf(x) / t for x in xs]):
        return _softmax([mp.mpf(x) / t for x in xs])


def softmax_grad(xs: list, temperature=1.0) -> list:
    """d y_i / d x_j = y_i (delta_ij - y_j) / T."""
    t = mp.mpf(temperature)
    with _guard([mp.mpf(x) / t for x in xs]):
        return _softmax_jac(_softmax([mp.mpf(x) / t for x in xs]), 1 / t)


def log_softmax(xs: list) -> list:
    """x_i - log sum_j e^{x_j}."""
    xs = [mp.mpf(x) for x in xs]
    with _guard(xs):
        lse = mp.log(mp.fsum(mp.exp(x) for x in xs))
        return [x - lse for x in xs]


def log_softmax_grad(xs: list) -> list:
    """d y_i / d x_j = delta_ij - softmax(x)_j."""
    xs = [mp.mpf(x) for x in xs]
    with _guard(xs):
        y = _softmax(xs)
        n = len(xs)
        return [[(1 if i == j else 0) - y[j] for j in range(n)] for i in range(n)]


def softmin(xs: list) -> list:
    """e^{-x_i} / sum_j e^{-x_j}."""
    neg = [-mp.mpf(x) for x in xs]
    with _guard(neg):
        return _softmax(neg)


def softmin_grad(xs: list) -> list:
    """d y_i / d x_j = -y_i (delta_ij - y_j)."""
    neg = [-mp.mpf(x) for x in xs]
    with _guard(neg):
        return _softmax_jac(_softmax(neg), -1)


def _halves(xs: list) -> tuple[list, list]:
    if len(xs) % 2:
        raise ValueError(f"glu needs an even number of inputs, got {len(xs)}")
    h = len(xs) // 2
    return [mp.mpf(x) for x in xs[:h]], [mp.mpf(x) for x in xs[h:]]


def glu(xs: list) -> list:
    """a_i sigma(b_i) = a_i / (1 + e^{-b_i}), with (a, b) the two halves of x."""
    a, b = _halves(xs)
    return [ai / (1 + mp.exp(-bi)) for ai, bi in zip(a, b)]


def glu_grad(xs: list) -> list:
    """Row i: sigma(b_i) at a_i, a_i e^{-b_i} / (1 + e^{-b_i})^2 at b_i, 0 elsewhere."""
    a, b = _halves(xs)
    h = len(a)
    rows = []
    for i in range(h):
        row = [mp.mpf(0)] * (2 * h)
        e = mp.exp(-b[i])
        row[i] = 1 / (1 + e)
        row[h + i] = a[i] * e / (1 + e) ** 2
        rows.append(row)
    return rows


def _exact(x) -> Fraction:
    """The exact rational value of a finite mpf (or float)."""
    x = mp.mpf(x)
    man, exp = x.man_exp  # the mantissa is unsigned
    return (-1 if x < 0 else 1) * Fraction(man) * Fraction(2) ** exp


def _to_mpf(q: Fraction):
    return mp.mpf(q.numerator) / q.denominator


def _sparsemax_tau(z: list) -> Fraction:
    """The tau with sum_i max(z_i - tau, 0) = 1. The entries above tau are the k largest for some k;
    for each k, tau_k = (sum of the k largest - 1) / k solves the equation on that support, and the
    answer is the tau_k whose support is exactly the entries above it."""
    ordered = sorted(z, reverse=True)
    for k in range(1, len(z) + 1):
        tau = (sum(ordered[:k]) - 1) / k
        if ordered[k - 1] > tau and (k == len(z) or ordered[k] <= tau):
            return tau
    raise AssertionError("no threshold found")  # unreachable: k = 1 .. n covers every case


def sparsemax(xs: list) -> list:
    """max(x_i - tau(x), 0): the Euclidean projection onto the probability simplex, exactly."""
    z = [_exact(x) for x in xs]
    tau = _sparsemax_tau(z)
    return [_to_mpf(max(zi - tau, Fraction(0))) for zi in z]


def sparsemax_grad(xs: list) -> list | None:
    """diag(s) - s s^T / |S| with s_i = [x_i > tau]; None where some x_i = tau (a kink)."""
    z = [_exact(x) for x in xs]
    tau = _sparsemax_tau(z)
    if any(zi == tau for zi in z):
        return None
    s = [1 if zi > tau else 0 for zi in z]
    size = sum(s)
    n = len(z)
    return [[_to_mpf(Fraction(s[i] * (1 if i == j else 0)) - Fraction(s[i] * s[j], size)) for j in range(n)]
            for i in range(n)]


def _groups(xs: list, pieces) -> list[list]:
    k = int(pieces)
    if k != pieces or k < 1 or len(xs) % k:
        raise ValueError(f"maxout needs an integer pieces >= 1 dividing {len(xs)}, got {pieces}")
    return [[mp.mpf(x) for x in xs[i:i + k]] for i in range(0, len(xs), k)]


def maxout(xs: list, pieces=2) -> list:
    """max over each group of ``pieces`` consecutive inputs."""
    return [max(group) for group in _groups(xs, pieces)]


def maxout_grad(xs: list, pieces=2) -> list | None:
    """Row i: 1 at the arg-max of group i, 0 elsewhere; None if some group's maximum is tied (a kink)."""
    groups = _groups(xs, pieces)
    k = len(groups[0]) if groups else 1
    rows = []
    for i, group in enumerate(groups):
        top = max(group)
        if sum(1 for v in group if v == top) > 1:
            return None
        row = [mp.mpf(0)] * len(xs)
        row[i * k + group.index(top)] = mp.mpf(1)
        rows.append(row)
    return rows


REFERENCES = {
    "softmax": (softmax, softmax_grad),
    "log_softmax": (log_softmax, log_softmax_grad),
    "softmin": (softmin, softmin_grad),
    "glu": (glu, glu_grad),
    "sparsemax": (sparsemax, sparsemax_grad),
    "maxout": (maxout, maxout_grad),
}
