"""mpmath references for :mod:`activations.catalog.periodic`: Snake and the growing cosine unit, as the
papers define them (Snake at a = 0: its limit, the identity)."""

from __future__ import annotations

from mpmath import mp, mpf


def snake(x, a=1.0):
    a = mpf(a)
    if a == 0:
        return mpf(x)
    return x + mp.sin(a * x) ** 2 / a


def snake_grad(x, a=1.0):
    return 1 + mp.sin(2 * mpf(a) * x)


def gcu(x):
    return x * mp.cos(x)


def gcu_grad(x):
    return mp.cos(x) - x * mp.sin(x)


REFERENCES = {
    "snake": (snake, snake_grad),
    "gcu": (gcu, gcu_grad),
}
