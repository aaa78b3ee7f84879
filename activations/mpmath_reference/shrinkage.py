"""mpmath references for :mod:`activations.catalog.shrinkage`: the textbook definitions in mpmath.
``grad`` returns None at ±λ, where Hardshrink jumps and Softshrink has kinks."""

from __future__ import annotations

import mpmath as mp


def hardshrink(x, lambd=0.5):
    return x if abs(x) > lambd else mp.mpf(0)


def hardshrink_grad(x, lambd=0.5):
    if abs(x) == lambd:
        return None
    return mp.mpf(1) if abs(x) > lambd else mp.mpf(0)


def softshrink(x, lambd=0.5):
    return mp.sign(x) * max(abs(x) - mp.mpf(lambd), mp.mpf(0))


def softshrink_grad(x, lambd=0.5):
    if abs(x) == lambd:
        return None
    return mp.mpf(1) if abs(x) > lambd else mp.mpf(0)


def tanhshrink(x):
    x = mp.mpf(x)
    # x - tanh x ~ x^3/3 cancels about 2*log10(1/|x|) leading digits for |x| < 1: carry that many more
    extra = 0 if x == 0 or abs(x) >= 1 else int(-2 * mp.log10(abs(x))) + 10
    with mp.extradps(extra):
        r = x - mp.tanh(x)
    return +r


def tanhshrink_grad(x):
    return mp.tanh(x) ** 2


REFERENCES = {
    "hardshrink": (hardshrink, hardshrink_grad),
    "softshrink": (softshrink, softshrink_grad),
    "tanhshrink": (tanhshrink, tanhshrink_grad),
}
