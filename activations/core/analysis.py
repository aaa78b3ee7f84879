"""Numbers derived from a registry entry: values at 0, extrema, where the gradient vanishes.

Pages quote these (never a typed number), figures draw them, and the tests compare them with the
properties an entry claims. Everything is computed at the entry's default parameters unless
``params`` are given, on a dense grid refined by bisection, so it works for every element-wise
function without special cases.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .domain import in_domain, within_domain
from .registry import get
from .spec import MAXIMUM, MINIMUM, Activation, Bounds

__all__ = ["Facts", "facts", "adopt", "resolve_bounds", "vanishing_boundary", "bounds_tex"]

#: the grid on which extrema and thresholds are searched
SEARCH_LIMIT = 60.0
SEARCH_POINTS = 240_001


@dataclass(frozen=True)
class Facts:
    """Computed facts of an element-wise entry (``None`` where a fact does not apply)."""

    f0: float | None  # None where 0 lies outside the domain
    grad0: float | None
    grad_max: float
    grad_argmax: float
    minimum: float | None  # interior global minimum (non-monotonic functions)
    argmin: float | None
    maximum: float | None
    argmax: float | None
    vanishing_eps: float
    vanish_pos: float | None  # |f'(x)| < eps for every x > vanish_pos (None: never)
    vanish_neg: float | None  # |f'(x)| < eps for every x < vanish_neg (None: never)
    saturation_eps: float
    saturation_x: float | None  # f within eps·(range width) of its upper bound for x > this

    def as_dict(self) -> dict[str, float | None]:
        d = dict(self.__dict__)
        d["grad_max^5"] = self.grad_max**5
        d["grad_max^10"] = self.grad_max**10
        # the threshold c of a symmetric region |x| > c (None if the two sides differ)
        d["vanish_abs"] = self.vanish_pos if self.vanish_pos == -(self.vanish_neg or 0.0) else None
        return d


#: constants that pages quote, computed here rather than typed
CONSTANTS: dict[str, float] = {
    # exp(x) overflows for x above log(largest finite float)
    "exp_overflow_float64": float(np.log(np.finfo(np.float64).max)),
    "exp_overflow_float32": float(np.log(np.finfo(np.float32).max)),
    "exp_overflow_float16": float(np.log(np.float32(np.finfo(np.float16).max))),
}


def _bisect(g: Callable[[float], float], lo: float, hi: float, iters: int = 200) -> float:
    """A root of ``g`` in [lo, hi], given that g(lo) and g(hi) differ in sign."""
    glo = g(lo)
    for _ in range(iters):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        gm = g(mid)
        if (gm > 0) == (glo > 0):
            lo, glo = mid, gm
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _tanh_sigmoid_grad_crossing() -> float:
    """The x > 0 where tanh' falls under the sigmoid's derivative: tanh' is larger for |x| below it
    (peak 1 against 1/4), smaller beyond (tanh saturates sooner)."""
    def tanh_grad(x: float) -> float:
        return 1.0 - math.tanh(x) ** 2

    def sigmoid_grad(x: float) -> float:
        s = 1.0 / (1.0 + math.exp(-x))
        return s * (1.0 - s)

    return _bisect(lambda x: tanh_grad(x) - sigmoid_grad(x), 0.0, 10.0)


CONSTANTS["tanh_sigmoid_grad_crossing"] = _tanh_sigmoid_grad_crossing()


def _golden_min(f: Callable[[float], float], lo: float, hi: float) -> float:
    inv_phi = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    for _ in range(200):
        c, d = b - inv_phi * (b - a), a + inv_phi * (b - a)
        if f(c) < f(d):
            b = d
        else:
            a = c
        if b - a < 1e-15 * max(1.0, abs(a)):
            break
    return 0.5 * (a + b)


def _scalar(fn: Callable, params: dict) -> Callable[[float], float]:
    return lambda x: float(fn(np.float64(x), **params))


def vanishing_boundary(entry: Activation, eps: float, side: int, params: dict | None = None) -> float | None:
    """The x (on ``side`` = +1 or -1 of the origin) beyond which |f'(x)| < eps on the whole search grid."""
    params = entry.defaults if params is None else params
    xs = side * np.linspace(0.0, SEARCH_LIMIT, SEARCH_POINTS)
    if not in_domain(entry, xs).all():  # the domain ends on this side: it has no tail there
        return None
    small = np.abs(entry.grad(xs, **params)) < eps
    if not small[-1]:
        return None
    first = len(small) - int(np.argmin(small[::-1])) if not small.all() else 0
    if first == 0:
        return 0.0
    g = _scalar(entry.grad, params)
    return _bisect(lambda x: abs(g(x)) - eps, float(xs[first - 1]), float(xs[first]))


def small_gradient_intervals(entry: Activation, eps: float | None = None,
                             params: dict | None = None) -> list[tuple[float, float]]:
    """Maximal intervals of the figure window ``entry.xlim`` where |f'(x)| < eps (ends refined by
    bisection; an interval reaching the window's edge keeps the edge as its end)."""
    eps = entry.vanishing_eps if eps is None else eps
    params = entry.defaults if params is None else params
    xs = within_domain(entry, np.linspace(*entry.xlim, 20_001))  # the window lies in the domain's closure
    small = np.abs(entry.grad(xs, **params)) < eps
    g = _scalar(entry.grad, params)

    def edge(a: float, b: float) -> float:
        x = _bisect(lambda t: abs(g(t)) - eps, a, b)
        return 0.0 if abs(x) < 1e-12 else x  # a jump at a kink at 0 bisects to ~1e-64: it is 0

    intervals = []
    i = 0
    while i < len(xs):
        if not small[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(xs) and small[j + 1]:
            j += 1
        lo = float(xs[0]) if i == 0 else edge(float(xs[i - 1]), float(xs[i]))
        hi = float(xs[-1]) if j == len(xs) - 1 else edge(float(xs[j]), float(xs[j + 1]))
        if hi - lo > 1e-9:  # an isolated point (e.g. a kink where f' is 0) is no region
            intervals.append((lo, hi))
        i = j + 1
    return intervals


def _extremum(entry: Activation, fn: Callable, params: dict, sign: int) -> tuple[float, float]:
    xs = within_domain(entry, np.linspace(-SEARCH_LIMIT, SEARCH_LIMIT, SEARCH_POINTS))
    ys = sign * fn(xs, **params)
    i = int(np.argmin(ys))
    lo, hi = xs[max(i - 1, 0)], xs[min(i + 1, len(xs) - 1)]
    f = _scalar(fn, params)
    x = _golden_min(lambda t: sign * f(t), float(lo), float(hi))
    x = 0.0 if abs(x) < 1e-6 else x  # the search brackets 0 to ~1e-8; 0 is the exact answer there
    return f(x), x


def grad_extremum(entry: Activation, **params: float) -> tuple[float, float]:
    """(max |f'|, where): the largest derivative magnitude of an element-wise entry and its x (cached)."""
    merged = {**entry.defaults, **params}
    return _grad_extremum(entry.key, tuple(sorted(merged.items())))


@functools.lru_cache(maxsize=None)
def _grad_extremum(key: str, params_items: tuple) -> tuple[float, float]:
    entry, params = get(key), dict(params_items)
    gmax, gargmax = _extremum(entry, lambda x, **p: np.abs(entry.grad(x, **p)), params, -1)
    # Candidates a grid can miss: a maximum reached only at a kink (hard swish at 3) and a supremum
    # approached at infinity (softplus, squareplus: 1; exponential: inf).
    candidates = within_domain(entry, np.concatenate([np.arange(-10.0, 10.5, 0.5),
                                                      [-1e12, -1e6, -1e3, 1e3, 1e6, 1e12]]))
    values = np.abs(entry.grad(candidates, **params))
    if np.nanmax(values) > gmax:
        i = int(np.nanargmax(values))
        gmax, gargmax = float(values[i]), float(candidates[i])
    return gmax, gargmax


@functools.lru_cache(maxsize=None)
def _facts(key: str, params_items: tuple) -> Facts:
    entry = get(key)
    if entry.kind != "elementwise":
        raise ValueError(f"{key} is vector-valued: facts are for element-wise entries")
    params = dict(params_items)
    f, g = _scalar(entry.fn, params), _scalar(entry.grad, params)
    gmax, gargmax = _grad_extremum(key, params_items)
    minimum = argmin = maximum = argmax = None
    rng = entry.properties.range
    if rng.lo == MINIMUM:
        minimum, argmin = _extremum(entry, entry.fn, params, +1)
    if rng.hi == MAXIMUM:
        maximum, argmax = _extremum(entry, entry.fn, params, -1)
        maximum = maximum
    saturation_eps = 0.01
    saturation_x = None
    if (isinstance(rng.lo, float) and isinstance(rng.hi, float) and math.isfinite(rng.lo) and math.isfinite(rng.hi)
            and in_domain(entry, [0.0, SEARCH_LIMIT]).all()):
        width = rng.hi - rng.lo
        gap = lambda x: (rng.hi - f(x)) - saturation_eps * width  # noqa: E731
        if gap(0.0) > 0 and gap(SEARCH_LIMIT) < 0:
            saturation_x = _bisect(gap, 0.0, SEARCH_LIMIT)
    zero_inside = bool(in_domain(entry, 0.0))
    return Facts(
        f0=f(0.0) if zero_inside else None, grad0=g(0.0) if zero_inside else None,
        grad_max=gmax, grad_argmax=gargmax,
        minimum=minimum, argmin=argmin, maximum=maximum, argmax=argmax,
        vanishing_eps=entry.vanishing_eps,
        vanish_pos=vanishing_boundary(entry, entry.vanishing_eps, +1, params),
        vanish_neg=vanishing_boundary(entry, entry.vanishing_eps, -1, params),
        saturation_eps=saturation_eps, saturation_x=saturation_x,
    )


def facts(entry: Activation | str, **params: float) -> Facts:
    """The :class:`Facts` of an element-wise entry (cached; or as another process computed them, see
    :func:`adopt`)."""
    key = entry if isinstance(entry, str) else entry.key
    items = tuple(sorted({**get(key).defaults, **params}.items()))
    return _ADOPTED.get((key, items)) or _facts(key, items)


#: facts computed by another process of the same build, by (key, sorted parameters)
_ADOPTED: dict[tuple[str, tuple], Facts] = {}


def adopt(entry: Activation | str, value: Facts, **params: float) -> None:
    """Take ``value`` as the facts of ``entry`` (at its defaults updated by ``params``) instead of
    computing them: a build computes every entry's facts for its pages and hands them to the figure
    workers that draw them (activations.figures.cache), which would otherwise compute them again."""
    key = entry if isinstance(entry, str) else entry.key
    _ADOPTED[key, tuple(sorted({**get(key).defaults, **params}.items()))] = value


def resolve_bounds(entry: Activation, bounds: Bounds) -> tuple[float, float]:
    """Numeric (lo, hi) of ``bounds``, with :data:`MINIMUM`/:data:`MAXIMUM` computed."""
    lo, hi = bounds.lo, bounds.hi
    if lo == MINIMUM or hi == MAXIMUM:
        fx = facts(entry)
        lo = fx.minimum if lo == MINIMUM else lo
        hi = fx.maximum if hi == MAXIMUM else hi
    return float(lo), float(hi)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_number(value: float, digits: int = 4, tex: bool = False) -> str:
    """A number as a page shows it: ``digits`` significant digits, a power of ten only for very large or
    small values (``9.537 × 10⁻⁷`` in text, ``9.537 \\times 10^{-7}`` with ``tex=True``)."""
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return ("\\infty" if tex else "∞") if value > 0 else ("-\\infty" if tex else "−∞")
    text = f"{value:.{digits}g}"
    if "e" in text:
        mant, exp = text.split("e")
        return f"{mant} \\times 10^{{{int(exp)}}}" if tex else f"{mant} × 10{str(int(exp)).translate(_SUPERSCRIPT)}"
    return text


def bounds_tex(entry: Activation, bounds: Bounds) -> str:
    """The LaTeX of ``bounds`` with ``{minimum}`` / ``{maximum}`` filled in from :func:`facts`."""
    if "{" + MINIMUM + "}" in bounds.tex or "{" + MAXIMUM + "}" in bounds.tex:
        fx = facts(entry)
        fill = {
            MINIMUM: format_number(fx.minimum) if fx.minimum is not None else "?",
            MAXIMUM: format_number(fx.maximum) if fx.maximum is not None else "?",
        }
        return bounds.tex.replace("{minimum}", fill[MINIMUM]).replace("{maximum}", fill[MAXIMUM])
    return bounds.tex
