"""mpmath references for :mod:`activations.catalog.relu`: the textbook case definitions, evaluated with
mpmath numbers. ``grad`` returns None exactly at a kink or jump, where the derivative does not exist."""

from __future__ import annotations

import mpmath as mp


def _pos(x):
    return x if x > 0 else mp.mpf(0)


def _neg(x):
    return x if x < 0 else mp.mpf(0)


def relu(x):
    return _pos(x)


def relu_grad(x):
    if x == 0:
        return None
    return mp.mpf(1) if x > 0 else mp.mpf(0)


def leaky_relu(x, negative_slope=0.01):
    return x if x >= 0 else mp.mpf(negative_slope) * x


def leaky_relu_grad(x, negative_slope=0.01):
    if x == 0:
        return None
    return mp.mpf(1) if x > 0 else mp.mpf(negative_slope)


def prelu(x, a=0.25):
    return _pos(x) + mp.mpf(a) * _neg(x)


def prelu_grad(x, a=0.25):
    if x == 0:
        return None
    return mp.mpf(1) if x > 0 else mp.mpf(a)


def _rrelu_slope(lower, upper):
    # evaluation mode: the mean of U(lower, upper)
    return (mp.mpf(lower) + mp.mpf(upper)) / 2


def rrelu(x, lower=1 / 8, upper=1 / 3):
    return x if x >= 0 else _rrelu_slope(lower, upper) * x


def rrelu_grad(x, lower=1 / 8, upper=1 / 3):
    if x == 0:
        return None
    return mp.mpf(1) if x > 0 else _rrelu_slope(lower, upper)


def relu6(x):
    return min(max(mp.mpf(0), x), mp.mpf(6))


def relu6_grad(x):
    if x == 0 or x == 6:
        return None
    return mp.mpf(1) if 0 < x < 6 else mp.mpf(0)


def threshold(x, threshold=0.0, value=0.5):
    return x if x > threshold else mp.mpf(value)


def threshold_grad(x, threshold=0.0, value=0.5):
    if x == threshold:
        return None  # a jump (or, for value == threshold, a kink)
    return mp.mpf(1) if x > threshold else mp.mpf(0)


def srelu(x, t_left=-1.0, a_left=0.1, t_right=2.0, a_right=0.5):
    tl, al, tr, ar = (mp.mpf(v) for v in (t_left, a_left, t_right, a_right))
    if x <= tl:
        return tl + al * (x - tl)
    if x >= tr:
        return tr + ar * (x - tr)
    return x


def srelu_grad(x, t_left=-1.0, a_left=0.1, t_right=2.0, a_right=0.5):
    if x == t_left or x == t_right:
        return None
    if x < t_left:
        return mp.mpf(a_left)
    if x > t_right:
        return mp.mpf(a_right)
    return mp.mpf(1)


def apl(x, a1=1.0, b1=-1.0, a2=-2.0, b2=-2.0):
    out = _pos(x)
    for a, b in ((a1, b1), (a2, b2)):
        out += mp.mpf(a) * _pos(-x + mp.mpf(b))
    return out


def apl_grad(x, a1=1.0, b1=-1.0, a2=-2.0, b2=-2.0):
    if x == 0 or x == b1 or x == b2:
        return None
    g = mp.mpf(1) if x > 0 else mp.mpf(0)
    for a, b in ((a1, b1), (a2, b2)):
        if x < b:
            g -= mp.mpf(a)
    return g


REFERENCES = {
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "prelu": (prelu, prelu_grad),
    "rrelu": (rrelu, rrelu_grad),
    "relu6": (relu6, relu6_grad),
    "threshold": (threshold, threshold_grad),
    "srelu": (srelu, srelu_grad),
    "apl": (apl, apl_grad),
}
