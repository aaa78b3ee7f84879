"""Measured accuracy of every registry entry: the largest error, in ULPs, of ``fn`` and ``grad``.

Each entry is evaluated at its default parameters on a grid of float64 inputs and on a grid of float32
inputs, and compared with the mpmath reference of :mod:`activations.mpmath_reference` **correctly rounded to the
dtype of the result**. float32 (and float16) input is computed in float64 and rounded once at the end
(:mod:`activations.core.arrays`; the softmax family and GLU through ``_prepare_wide`` of
``activations/catalog/vector.py``; sparsemax and maxout compute in the input's dtype): a float32
result is then the correctly rounded one, or 1 ulp off where the float64 value falls on the wrong
side of a float32 rounding boundary, and more than 1 ulp off only where the float64 error exceeds
about 2**28 float64 ulps (a cancellation, not a rounding). The published numbers live in
``activations/accuracy/accuracy.json``, written by ``python scripts/accuracy.py``; this module does the
measuring (and needs mpmath and SciPy, imported lazily) and renders the table for the site.

The error measure
-----------------
For a computed value ``y`` and the correctly rounded reference ``R`` (both of the dtype), the error is
the number of steps between them on the ladder of representable numbers of that dtype::

    err(y, R) = |ord(y) - ord(R)|,   ord = the position of a float among all floats (ord(±0) = 0)

Within one binade this is exactly ``|y - R| / ulp(R)``, where ``ulp(R)`` is the spacing of the dtype at
``R``; across a power of two it counts the floats actually skipped, so "one float below 1.0" is 1 ULP
(not the 0.5 that ``|y - R| / spacing(R)`` would give). Consequences that are worth stating:

* a correctly rounded result has error 0, a faithful one (one of the two floats around the truth) at
  most 1;
* **subnormals and 0**: at and below the smallest normal the spacing is the subnormal spacing
  (2**-1074 in float64, 2**-149 in float32) and that is the unit, also for a reference of exactly 0 (or
  one that rounds to 0): a result of 5e-324 where the truth is 0 is 1 ULP, -0.0 and +0.0 are equal;
* **overflow**: a reference beyond the largest float rounds to ±inf, which counts as the float after
  ±max (an implementation that returns max there is 1 ULP off);
* **NaN** where the reference is defined is not an error size but a failure; it is counted and
  reported separately ("NaN at x = …") and makes the entry miss its target.

The reference
-------------
``mpmath_reference`` functions are evaluated at :data:`DIGITS` significant digits (``mp.dps``). If the value lies
within 2**20 of its last-bit error of a rounding boundary of the dtype (a midpoint between two floats),
it is evaluated again with :data:`GUARD_BITS` more bits, then at doubled precisions (up to
:data:`MAX_PREC` bits) until two evaluations round to the same float (Ziv's strategy). With
``confirm=True`` (``scripts/accuracy.py --confirm``) every point is confirmed that way, which also
catches cancellation inside a reference formula; it is twice as slow and, for the published data, gives
the same file. Rounding to the target
format is done once, in integer arithmetic on the mpf's mantissa and exponent, with the target's
precision (53 or 24 bits) and exponent range (including gradual underflow): converting an mpf to
float64 and then to float32 would round twice. Points where the reference raises (mpmath
``OverflowError`` in the tail of ``ncdf``, an odd-length row for GLU, ...), returns ``None`` (no
derivative at a kink) or NaN (outside the domain) are skipped and counted.

The inputs
----------
For element-wise entries (:func:`grid`): a uniform grid and uniform random points (fixed seed) in
[-20, 20]; ±magnitudes with evenly spaced and with random exponents from the smallest subnormal to the
largest float (so tiny and subnormal x as well as huge ones); random points in the bands where exp(±x)
or exp(-x²) is subnormal (a small factor with few significant bits, magnified by a product with x);
±1e-300, ±5e-324 (float64) and ±1e-40, ±1e-45 (float32); ±0.0; the smallest normal and the largest float;
the thresholds where exp, x² and x³ overflow or underflow; the switch-over points of each entry
(:data:`SWITCH_POINTS`, derived from its parameters); the roots of f and f' in [-1000, 1000] (sign
changes of the library's values on a fine grid, refined by bisection: relative error is hardest to keep
small there, and periodic functions have hundreds); and the
float neighbours of every special point (``np.nextafter``, up to 3 steps each way). ±inf and NaN are
excluded (their handling is tested elsewhere). Only inputs inside the entry's domain
(``Activation.domain``) are kept: log1mexp is measured on x ≥ 0, its NaN below 0 is its convention,
not an error (tested elsewhere too). The published numbers are the largest errors found on
these inputs: lower bounds of the true maxima, which denser sampling can raise. For vector-valued entries (:func:`vector_rows`): random
rows of several lengths and scales, and adversarial rows (huge spreads, offsets of ±1e4 and near the
largest float, ties, differences of one ulp, a dominant entry, subnormals); the error is the largest
over all outputs (all Jacobian entries for ``grad``).

Targets
-------
:func:`target`: at most :data:`TARGET_CLOSED_FORM` = 2 ULP where the function has a stable closed form
(a fixed formula of elementary functions that can be evaluated without cancellation), at most
:data:`TARGET_OTHER` = 4 ULP elsewhere (:data:`NOT_CLOSED_FORM`: special functions, series, reductions
over a vector). Misses are explained in :mod:`activations.accuracy.notes`.
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

from ..core.domain import within_domain
from ..core.spec import Activation, T

__all__ = [
    "DIGITS", "DTYPES", "TARGET_CLOSED_FORM", "TARGET_OTHER", "NOT_CLOSED_FORM", "SWITCH_POINTS", "switch_points",
    "DATA_PATH", "round_to", "ulp_distance", "grid", "vector_rows", "target", "measure", "measure_all",
    "baselines", "inputs_hash", "input_files", "load",
]

PACKAGE = Path(__file__).resolve().parent.parent  # activations/
DATA_PATH = Path(__file__).resolve().parent / "accuracy.json"
SCHEMA = 1

#: significant decimal digits of the reference (>= 50)
DIGITS = 60
#: extra bits of the second reference evaluation that confirms the rounding
GUARD_BITS = 48
#: the reference precision is doubled until two evaluations agree, up to this many bits
MAX_PREC = 4096

DTYPES = ("float64", "float32")

TARGET_CLOSED_FORM = 2
TARGET_OTHER = 4

#: Entries (or one part of an entry: "fn" / "grad") without a stable closed form, with the reason;
#: their target is TARGET_OTHER. Everything else is a fixed formula of elementary functions.
NOT_CLOSED_FORM: dict[str, dict[str, str]] = {
    "gelu": {"fn": "Gaussian CDF (erfc, erfcx): not an elementary function",
             "grad": "Gaussian CDF plus density: not an elementary function"},
    "tanhshrink": {"fn": "x − tanh x cancels for small |x|: evaluated by a series"},
    "sinc": {"grad": "(cos x − sinc x)/x cancels near 0 and near its roots: a series near 0"},
    "softmax": {"fn": "a reduction over the vector", "grad": "a reduction over the vector"},
    "log_softmax": {"fn": "a reduction over the vector", "grad": "a reduction over the vector"},
    "softmin": {"fn": "a reduction over the vector", "grad": "a reduction over the vector"},
    "sparsemax": {"fn": "sort and cumulative sum over the vector", "grad": "support of the projection"},
    "geglu": {"fn": "Gaussian CDF (erfc, erfcx): not an elementary function",
              "grad": "Gaussian CDF plus density: not an elementary function"},
    "gumbel_softmax": {"fn": "a reduction over the vector", "grad": "a reduction over the vector"},
    "softmax_one": {"fn": "a reduction over the vector", "grad": "a reduction over the vector"},
    "entmax15": {"fn": "sort, cumulative sums and a square root over the vector",
                 "grad": "support of the mapping, a reduction over the vector"},
    "serf": {"fn": "error function erf: not an elementary function",
             "grad": "error function erf: not an elementary function"},
    "laplace": {"fn": "Gaussian CDF (erfc, erfcx): not an elementary function"},
}


def target(key: str, part: str) -> int:
    """The ULP target of ``part`` ("fn" or "grad") of entry ``key``."""
    return TARGET_OTHER if part in NOT_CLOSED_FORM.get(key, {}) else TARGET_CLOSED_FORM


def _pm(*values: float) -> list[float]:
    return [s * v for v in values for s in (1.0, -1.0)]


#: Switch-over points and kinks of each entry, from its (default) parameters: the kinks of piecewise
#: formulas, and the points where an implementation changes formula or clamps its argument.
SWITCH_POINTS: dict[str, Callable[[dict[str, float]], list[float]]] = {
    "tanh": lambda p: _pm(1e3, 1.0, 22.0, 2.0**-55),  # grad: |x| clamped to 1e3; glibc tanh's branches
    "hard_sigmoid": lambda p: _pm(p["half_width"]),
    "sparse_sigmoid": lambda p: _pm(1.0),
    "hardtanh": lambda p: [p["min_val"], p["max_val"]],
    "softsign": lambda p: _pm(2.0**64),
    "relu6": lambda p: [0.0, 6.0],
    "threshold": lambda p: [p["threshold"]],
    "srelu": lambda p: [p["t_left"], p["t_right"]],
    "apl": lambda p: [0.0, p["b1"], p["b2"]],
    "softplus": lambda p: _pm(1000.0 / p["beta"], 20.0 / p["beta"]),  # clamp; PyTorch's threshold
    "silu": lambda p: _pm(1000.0 / p["beta"]) if p["beta"] else [],
    "mish": lambda p: _pm(1000.0),
    "celu": lambda p: [-1000.0 * p["alpha"]],
    "gelu": lambda p: _pm(40.0),
    "hard_swish": lambda p: _pm(3.0),
    "sparse_plus": lambda p: _pm(1.0),
    "isrlu": lambda p: [-1.0],
    "hardshrink": lambda p: _pm(p["lambd"]),
    "softshrink": lambda p: _pm(p["lambd"]),
    "tanhshrink": lambda p: _pm(1.0),
    "sinc": lambda p: _pm(1.5, 102.34196646490764),  # series below 1.5; the last tabulated root + 1/4
    "gaussian": lambda p: _pm(40.0, 27.3, 10.5),
    "bent_identity": lambda p: _pm(1e20),
    "soft_exponential": lambda p: [1 / p["alpha"] - p["alpha"]] if p["alpha"] < 0 else [],
    "smelu": lambda p: _pm(p["beta"]),
    "shifted_softplus": lambda p: [30.0],
    "log_cosh": lambda p: _pm(0.75),
    "pelu": lambda p: [-1000.0 * p["b"]],
    "elish": lambda p: [-1000.0],
    "xielu": lambda p: _xielu_switch(p),
    # the root windows of the Taylor series about the minimum: x0 -+ 0.5 (TanhExp), 0.9 (Logish), 0.95 (Serf)
    "tanh_exp": lambda p: [-1000.0, -700.0, -1.578860058464624, -0.578860058464624, 20.0],
    "logish": lambda p: [-1000.0, -700.0, -2.2724541370256922, -2.125, -0.4724541370256922, 1000.0],
    "serf": lambda p: [-1000.0, -700.0, -2.143059968928188, -2.125, -0.243059968928188, 10.0, 40.0],
    "gcu": lambda p: _pm(2.0, 2.0**20),
    "lisht": lambda p: _pm(1000.0),
    "hard_mish": lambda p: [-2.0, 0.0],
    "laplace": lambda p: [p["mu"] - 40.0 * p["sigma"], p["mu"], p["mu"] + 40.0 * p["sigma"]],
}


def _xielu_switch(p: dict[str, float]) -> list[float]:
    """Half the negative root of xIELU, where its kernel changes formula (none without such a root)."""
    from ..catalog.rectifiers import _xielu_constants

    root = _xielu_constants(p["alpha_n"], p["beta"])["root"]
    return [] if root is None else [0.5 * root[0]]


def switch_points(entry: Activation) -> list[float]:
    """The entry's :data:`SWITCH_POINTS` at its default parameters ([] if it has none; a parameter
    that no longer exists raises a ``KeyError`` naming the entry, so a renamed one is not silently
    dropped from the grid)."""
    func = SWITCH_POINTS.get(entry.key)
    if func is None:
        return []
    try:
        return [float(v) for v in func(entry.defaults)]
    except KeyError as err:
        raise KeyError(f"SWITCH_POINTS[{entry.key!r}] uses parameter {err.args[0]!r}, which the entry "
                       f"does not have (its parameters: {sorted(entry.defaults)})") from None


# --- rounding and the error measure --------------------------------------------------------------


@dataclass(frozen=True)
class _Format:
    prec: int  # significand bits, including the implicit one
    emin: int  # exponent of the smallest normal
    emax: int  # exponent of the largest finite
    bits: type  # the signed integer of the same width


_FORMATS = {
    "float64": _Format(53, -1022, 1023, np.int64),
    "float32": _Format(24, -126, 127, np.int32),
}


def round_to(value: Any, dtype: str) -> float:
    """``value`` (an mpf, int or float) correctly rounded (to nearest, ties to even) to ``dtype``
    ("float64" or "float32"), with gradual underflow and overflow to ±inf, as a Python float.

    One rounding, in integer arithmetic: no double rounding through float64 for float32."""
    return _round(value, dtype)[0]


def _round(value: Any, dtype: str, prec: int | None = None) -> tuple[float, bool]:
    """``(round_to(value, dtype), near)``: ``near`` is True if ``value``, taken as accurate to about
    ``prec`` bits (None: exact), lies so close to a rounding boundary (a midpoint between two floats,
    including those next to 0 and beyond the largest float) that its error could change the result."""
    from mpmath import mp

    fmt = _FORMATS[dtype]
    v = mp.mpf(value)
    if mp.isnan(v):
        return math.nan, False
    if mp.isinf(v):
        return (math.inf if v > 0 else -math.inf), False
    sign, man, exp, bc = v._mpf_
    if man == 0:
        return 0.0, False
    top = exp + bc - 1  # floor(log2 |v|)
    if top < fmt.emin - fmt.prec - 1:  # below a quarter of the smallest subnormal: rounds to 0
        return (-0.0 if sign else 0.0), False
    if top > fmt.emax:
        return (-math.inf if sign else math.inf), False
    quantum = max(top, fmt.emin) - (fmt.prec - 1)  # exponent of the last place at |v|
    near = False
    if exp >= quantum:  # representable: as far from a midpoint as a value can be
        r = man << (exp - quantum)
    else:
        shift = quantum - exp
        r = man >> shift
        rest = man - (r << shift)
        half = 1 << (shift - 1)
        if rest > half or (rest == half and r & 1):
            r += 1
        if prec is not None:
            # the error of v is a few units in its prec-th bit, i.e. 2**(top - prec + 1 - exp) units of
            # man; with 20 bits to spare, v is near the midpoint if |rest - half| is below that
            slack = top - prec + 21 - exp
            near = abs(rest - half) < (1 << slack) if slack > 0 else rest == half
    if r.bit_length() + quantum > fmt.emax + 1:  # |rounded| >= 2**(emax + 1): overflow
        out = math.inf
    else:
        out = math.ldexp(r, quantum)  # r has at most prec + 1 bits: exact
    return (-out if sign else out), near


def _ordinal(a: np.ndarray, dtype: str) -> np.ndarray:
    """The position of each float on the number line (int64): 0 for ±0, negative below."""
    fmt = _FORMATS[dtype]
    bits = np.ascontiguousarray(a, dtype=np.dtype(dtype)).view(fmt.bits).astype(np.int64)
    mag = bits & np.int64(np.iinfo(fmt.bits).max)
    return np.where(bits < 0, -mag, mag)


def ulp_distance(got: Any, want: Any, dtype: str) -> np.ndarray:
    """|ord(got) - ord(want)| as float64 (exact below 2**53); NaN where either is NaN."""
    got = np.asarray(got, dtype=np.dtype(dtype))
    want = np.asarray(want, dtype=np.dtype(dtype))
    og, ow = _ordinal(got, dtype), _ordinal(want, dtype)
    same_side = (og >= 0) == (ow >= 0)
    diff = np.zeros(og.shape, dtype=np.int64)
    np.subtract(og, ow, out=diff, where=same_side)  # cannot overflow on the same side of 0
    out = np.where(same_side, np.abs(diff).astype(np.float64),
                   np.abs(og).astype(np.float64) + np.abs(ow).astype(np.float64))
    return np.where(np.isnan(got) | np.isnan(want), np.nan, out)


# --- references ------------------------------------------------------------------------------------

_SKIP = object()


def _rounded(value: Any, dtype: str, prec: int) -> tuple[Any, bool]:
    """A reference result rounded to ``dtype`` (a float, or a list for vectors and Jacobians; _SKIP
    where undefined) and whether any element was near a rounding boundary (see :func:`_round`)."""
    if value is None:
        return _SKIP, False
    if isinstance(value, (list, tuple)):
        pairs = [_rounded(v, dtype, prec) for v in value]
        if any(o is _SKIP for o, _ in pairs):
            return _SKIP, False
        return [o for o, _ in pairs], any(n for _, n in pairs)
    r, near = _round(value, dtype, prec)
    return (_SKIP if math.isnan(r) else r), near


def _reference(func: Callable, arg: Any, params: dict, dtype: str,
               confirm: bool = False) -> tuple[Any, str | None]:
    """``func(arg, **params)`` correctly rounded to ``dtype``; ``(_SKIP, reason)`` where the reference
    is undefined.

    Evaluated at DIGITS digits; if the value lies near a rounding boundary (or always, with
    ``confirm``), again with GUARD_BITS more bits and then at doubled precisions until two evaluations
    round to the same float (Ziv's strategy)."""
    from mpmath import mp

    base = int(DIGITS * math.log2(10)) + 1
    precs = [base, base + GUARD_BITS]
    while precs[-1] < MAX_PREC:
        precs.append(min(2 * precs[-1], MAX_PREC))
    previous = None
    for prec in precs:
        try:
            with mp.workprec(prec):
                value = func(arg, **params)
                current, near = _rounded(value, dtype, prec)
        except (ValueError, ZeroDivisionError, ArithmeticError) as err:
            return _SKIP, type(err).__name__
        if current is _SKIP:
            return _SKIP, "undefined"
        if previous is None and not near and (not confirm or _far_outside(value, dtype)):
            return current, None
        if previous is not None and _same(previous, current):
            return current, None
        previous = current
    return previous, "unconfirmed"


def _far_outside(value: Any, dtype: str) -> bool:
    """True if ``value`` (a scalar) lies 2**64 times below the rounding threshold of 0 or above that
    of inf: its rounding cannot change with the precision (the error of a reference is relative to
    its terms, and noise of a cancellation at >= 200 bits is not that small). Saves the confirming
    evaluation in the far tails, where mpmath is slowest."""
    from mpmath import mp

    if isinstance(value, (list, tuple)) or value is None:
        return False
    fmt = _FORMATS[dtype]
    v = mp.mpf(value)
    if v == 0 or not mp.isfinite(v):
        return False
    mag = int(mp.mag(v))
    return mag < fmt.emin - fmt.prec - 64 or mag > fmt.emax + 64


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


# --- inputs ------------------------------------------------------------------------------------------

#: the seed of every random input
SEED = 20240601
DENSE = 4001  # uniform grid points in [-20, 20] (step 0.01)
RANDOM = 16000  # uniform random points in [-20, 20]
LOG_POINTS = 400  # per sign: magnitudes with evenly spaced exponents, and as many random ones
BAND_POINTS = 500  # random points in each band where exp(±x) or exp(-x²) is subnormal, per sign
ROOT_RANGE = 1000.0  # roots of f and f' are looked for in [-ROOT_RANGE, ROOT_RANGE] ...
ROOT_SEARCH = 400_001  # ... on this many evenly spaced points (step 0.005) plus the grid
NEIGHBOURS = 3  # np.nextafter steps each way around a special point


def _generic_points(dtype: str) -> list[float]:
    """Thresholds where exp, x**2 and x**3 overflow or underflow in ``dtype``, and simple values."""
    info = np.finfo(np.dtype(dtype))
    big, tiny, sub = float(info.max), float(info.smallest_normal), float(info.smallest_subnormal)
    pts = [0.0, 0.5, 1.0, 2.0, 3.0]
    pts += [math.log(big), math.log(tiny), math.log(sub), math.log(tiny / info.eps)]
    pts += [math.sqrt(big), math.sqrt(tiny), math.sqrt(sub), big ** (1 / 3), tiny ** (1 / 3)]
    pts += [big, tiny, sub, 1e-300, 1e-40, 1e-45]
    return _pm(*pts)


def _neighbours(points: Iterable[float], dtype: str, steps: int = NEIGHBOURS) -> np.ndarray:
    dt = np.dtype(dtype).type
    out = []
    with np.errstate(over="ignore", invalid="ignore"):
        for p in points:
            x = dt(p)
            if not np.isfinite(x):
                continue
            out.append(x)
            lo = hi = x
            for _ in range(steps):
                lo = np.nextafter(lo, dt(-np.inf))
                hi = np.nextafter(hi, dt(np.inf))
                out += [lo, hi]
    return np.array(out, dtype=dtype)


def _roots(func: Callable, xs: np.ndarray, dtype: str) -> list[float]:
    """The two floats around each sign change of ``func`` on the sorted grid ``xs`` (by bisection,
    all sign changes at once)."""
    dt = np.dtype(dtype)

    def sign(a: np.ndarray) -> np.ndarray:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return np.sign(np.asarray(func(a), dtype=dt))

    ys = sign(xs)
    change = np.flatnonzero(ys[:-1] * ys[1:] < 0)
    lo, hi, slo = xs[change], xs[change + 1], ys[change]
    for _ in range(2 * np.finfo(dt).nexp + np.finfo(dt).nmant + 4):  # enough halvings for any interval
        mid = (lo / 2 + hi / 2).astype(dt)
        active = (mid != lo) & (mid != hi)
        if not active.any():
            break
        s = sign(mid)
        left = active & (s == slo)
        right = active & (s == -slo)
        zero = active & (s == 0)
        lo = np.where(left | zero, mid, lo)
        hi = np.where(right | zero, mid, hi)
    return [float(v) for v in np.concatenate([lo, hi])]


def grid(entry: Activation, dtype: str) -> np.ndarray:
    """The sorted, duplicate-free inputs (of ``dtype``) on which an element-wise entry is measured."""
    dt = np.dtype(dtype)
    info = np.finfo(dt)
    rng = np.random.default_rng(SEED)
    dense = np.concatenate([np.linspace(-20, 20, DENSE), rng.uniform(-20, 20, RANDOM)])
    # log-uniform magnitudes over the whole range: evenly spaced exponents, and random ones
    lo, hi = math.log2(float(info.smallest_subnormal)), math.log2(float(info.max))
    mags = np.concatenate([np.exp2(np.linspace(lo, hi - 1, LOG_POINTS)), np.exp2(rng.uniform(lo, hi - 1, LOG_POINTS))])
    # bands where exp(±x) or exp(-x²) is subnormal: small factors there carry few significant bits,
    # and a product with x can magnify their error (the band ends are also overflow thresholds)
    ln_tiny, ln_sub = -math.log(float(info.smallest_normal)), -math.log(float(info.smallest_subnormal))
    bands = [rng.uniform(lo_, hi_, BAND_POINTS) for lo_, hi_ in
             ((ln_tiny - 2, ln_sub + 1), (math.sqrt(ln_tiny) - 0.5, math.sqrt(ln_sub) + 0.2))]
    specials = _generic_points(dtype)
    specials += switch_points(entry)
    base = np.concatenate([dense, mags, -mags, *bands, *(-b for b in bands)]).astype(dt)
    xs = _unique(np.concatenate([base, _neighbours(specials, dtype), np.array([0.0, -0.0], dtype=dt)]), dtype)
    xs = within_domain(entry, xs)
    params = entry.defaults
    search = within_domain(entry, _unique(np.concatenate([xs[np.abs(xs) <= ROOT_RANGE],
                                     np.linspace(-ROOT_RANGE, ROOT_RANGE, ROOT_SEARCH).astype(dt)]), dtype))
    roots = _roots(lambda a: entry.fn(a, **params), search, dtype)
    roots += _roots(lambda a: entry.grad(a, **params), search, dtype)
    if roots:
        xs = within_domain(entry, _unique(np.concatenate([xs, _neighbours(roots, dtype, 2)]), dtype))
    return xs


def _unique(xs: np.ndarray, dtype: str) -> np.ndarray:
    """Finite values sorted by value, duplicates removed by bit pattern (so -0.0 and 0.0 both stay)."""
    xs = xs[np.isfinite(xs)]
    order = np.lexsort((~np.signbit(xs), _ordinal(xs, dtype)))  # by value, -0.0 before 0.0
    xs = xs[order]
    bits = xs.view(_FORMATS[dtype].bits)
    keep = np.ones(len(xs), dtype=bool)
    keep[1:] = bits[1:] != bits[:-1]
    return xs[keep]


def vector_rows(dtype: str) -> list[tuple[str, np.ndarray]]:
    """Labelled rows (of ``dtype``) on which a vector-valued entry is measured: random rows of
    several lengths and scales, then adversarial ones."""
    dt = np.dtype(dtype)
    info = np.finfo(dt)
    rng = np.random.default_rng(SEED)
    eps, big, sub = float(info.eps), float(info.max), float(info.smallest_subnormal)
    rows: list[tuple[str, list[float]]] = []
    for n in (2, 3, 4, 5, 8, 16):
        for scale in (0.1, 1.0, 5.0, 30.0):
            for rep in range(3):
                rows.append((f"normal(0, {scale:g}), n = {n}, #{rep + 1}", list(rng.normal(0, scale, n))))
    for rep in range(2):
        rows.append((f"normal(0, 3), n = 64, #{rep + 1}", list(rng.normal(0, 3, 64))))
    huge_gap = 1e4 if dtype == "float64" else 1e3
    rows += [
        ("large spread [0, −800]", [0.0, -800.0]),
        ("large spread [0, −80]", [0.0, -80.0]),
        (f"large spread [0, −{huge_gap:g}, 1, −3]", [0.0, -huge_gap, 1.0, -3.0]),
        ("linear spread −1000..0, n = 8", list(np.linspace(-1000, 0, 8))),
        ("dominant entry [30, 0, 0, 0]", [30.0, 0.0, 0.0, 0.0]),
        ("dominant entry [40, 0, −1, 1, 0, 2]", [40.0, 0.0, -1.0, 1.0, 0.0, 2.0]),
        ("dominant entry [18, 0]", [18.0, 0.0]),
        ("one small entry [0, 0, 0, −30]", [0.0, 0.0, 0.0, -30.0]),
        ("ties [1, 1, 1, 1]", [1.0, 1.0, 1.0, 1.0]),
        ("ties [0, 0]", [0.0, 0.0]),
        ("ties with a runner-up [2, 2, 1, −1]", [2.0, 2.0, 1.0, -1.0]),
        ("differences of one ulp near 1", [1.0 + k * eps for k in range(4)]),
        ("differences of one ulp near 0.5", [0.5 - k * eps / 2 for k in range(4)]),
        ("subnormal entries", [sub, 0.0, -sub, 1e-300 if dtype == "float64" else 1e-40]),
        ("offset +1e4", list(1e4 + rng.normal(0, 1, 6))),
        ("offset −1e4", list(-1e4 + rng.normal(0, 1, 6))),
        ("offset +1e4, small differences", list(1e4 + rng.normal(0, 1e-3, 4))),
        ("offset 1e6, n = 8", list(1e6 + rng.normal(0, 10, 8))),
        ("near the largest float", [big / 2, big / 2 * (1 - 4 * eps), big / 4, big / 2 * (1 - 1e-3)]),
        ("largest float, 0, its negative, 1", [big, 0.0, -big, 1.0]),
    ]
    out = []
    for label, values in rows:
        arr = np.array(values, dtype=np.float64).astype(dt)
        if np.all(np.isfinite(arr)):
            out.append((label, arr))
    return out


# --- baselines ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    """A common way of computing a function, measured like the library: ``func(x)`` with x of the
    measured dtype (a row for vector entries)."""

    name: str
    part: str  # "fn" or "grad"
    func: Callable[[np.ndarray], np.ndarray]


def baselines(key: str, params: dict[str, float]) -> list[Baseline]:
    """The baselines of entry ``key`` at ``params`` (an empty list for most entries)."""
    from scipy import special as sp

    p = params
    sqrt2 = math.sqrt(2.0)

    def naive_sigmoid(x):
        return 1 / (1 + np.exp(-x))

    table: dict[str, list[Baseline]] = {
        "sigmoid": [
            Baseline("scipy.special.expit", "fn", sp.expit),
            Baseline("1/(1 + exp(−x))", "fn", naive_sigmoid),
            Baseline("σ(1 − σ), σ = expit", "grad", lambda x: sp.expit(x) * (1 - sp.expit(x))),
        ],
        "tanh": [
            Baseline("np.tanh", "fn", np.tanh),
            Baseline("(e^x − e^−x)/(e^x + e^−x)", "fn",
                     lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))),
            Baseline("1 − tanh²x", "grad", lambda x: 1 - np.tanh(x) ** 2),
        ],
        "log_sigmoid": [
            Baseline("scipy.special.log_expit", "fn", sp.log_expit),
            Baseline("log(1/(1 + exp(−x)))", "fn", lambda x: np.log(naive_sigmoid(x))),
            Baseline("1 − σ(x), σ = expit", "grad", lambda x: 1 - sp.expit(x)),
        ],
        "log1mexp": [
            Baseline("log(1 − exp(−x))", "fn", lambda x: np.log(1 - np.exp(-x))),
            Baseline("log1p(−exp(−x))", "fn", lambda x: np.log1p(-np.exp(-x))),
            Baseline("log(−expm1(−x))", "fn", lambda x: np.log(-np.expm1(-x))),
            Baseline("1/expm1(x)", "grad", lambda x: 1 / np.expm1(x)),
        ],
        "softplus": [
            Baseline("np.logaddexp(0, x)", "fn", lambda x: np.logaddexp(x.dtype.type(0), x)),
            Baseline("log1p(exp(x))", "fn", lambda x: np.log1p(np.exp(x))),
            Baseline("log(1 + exp(x))", "fn", lambda x: np.log(1 + np.exp(x))),
            Baseline("scipy.special.expit", "grad", sp.expit),
        ] if p.get("beta") == 1.0 else [],
        "softsign": [],
        "arctan": [Baseline("1/(1 + x²)", "grad", lambda x: 1 / (1 + x * x))],
        "isru": [
            Baseline("x/√(1 + αx²)", "fn", lambda x: x / np.sqrt(1 + p["alpha"] * x * x)),
            Baseline("(1 + αx²)^(−3/2)", "grad", lambda x: (1 + p["alpha"] * x * x) ** -1.5),
        ],
        "elu": [Baseline("α(exp(x) − 1)", "fn", lambda x: np.where(x > 0, x, p["alpha"] * (np.exp(x) - 1)))],
        "celu": [Baseline("α(exp(x/α) − 1)", "fn",
                          lambda x: np.where(x > 0, x, p["alpha"] * (np.exp(x / p["alpha"]) - 1)))],
        "selu": [Baseline("λα(exp(x) − 1)", "fn", lambda x: np.where(
            x > 0, 1.0507009873554804934193349852946 * x,
            1.0507009873554804934193349852946 * 1.6732632423543772848170429916717 * (np.exp(x) - 1)))],
        "gelu": [
            Baseline("x/2 · (1 + erf(x/√2)) (scipy)", "fn", lambda x: x / 2 * (1 + sp.erf(x / sqrt2))),
            Baseline("x · scipy.special.ndtr(x)", "fn", lambda x: x * sp.ndtr(x)),
            Baseline("Φ(x) + xφ(x) with Φ from erf", "grad", lambda x: 0.5 * (1 + sp.erf(x / sqrt2))
                     + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)),
        ],
        "silu": [
            Baseline("x · scipy.special.expit(x)", "fn", lambda x: x * sp.expit(p["beta"] * x)),
            Baseline("x/(1 + exp(−x))", "fn", lambda x: x / (1 + np.exp(-p["beta"] * x))),
            Baseline("σ(1 + x(1 − σ)), σ = expit", "grad",
                     lambda x: sp.expit(x) * (1 + x * (1 - sp.expit(x)))),
        ] if p.get("beta") == 1.0 else [],
        "mish": [
            Baseline("x · tanh(log1p(exp(x)))", "fn", lambda x: x * np.tanh(np.log1p(np.exp(x)))),
            Baseline("x · tanh(np.logaddexp(0, x))", "fn", lambda x: x * np.tanh(np.logaddexp(x.dtype.type(0), x))),
        ],
        "squareplus": [Baseline("(x + √(x² + b))/2", "fn", lambda x: (x + np.sqrt(x * x + p["b"])) / 2)],
        "isrlu": [Baseline("x/√(1 + αx²)", "fn",
                           lambda x: np.where(x >= 0, x, x / np.sqrt(1 + p["alpha"] * x * x)))],
        "tanhshrink": [Baseline("x − tanh x", "fn", lambda x: x - np.tanh(x))],
        "sinc": [
            Baseline("np.sinc(x/π)", "fn", lambda x: np.sinc(x / np.pi)),
            Baseline("(cos x − sin x/x)/x", "grad", lambda x: (np.cos(x) - np.sin(x) / x) / x),
        ],
        "gaussian": [Baseline("exp(−x²)", "fn", lambda x: np.exp(-x * x))],
        "bent_identity": [Baseline("(√(x² + 1) − 1)/2 + x", "fn", lambda x: (np.sqrt(x * x + 1) - 1) / 2 + x)],
        "exponential": [Baseline("np.exp", "fn", np.exp)],
        "softmax": [
            Baseline("scipy.special.softmax", "fn", lambda r: sp.softmax(r)),
            Baseline("exp(x)/Σ exp(x)", "fn", lambda r: np.exp(r) / np.sum(np.exp(r))),
        ] if p.get("temperature") == 1.0 else [],
        "log_softmax": [
            Baseline("scipy.special.log_softmax", "fn", lambda r: sp.log_softmax(r)),
            Baseline("log(softmax(x)) (scipy softmax)", "fn", lambda r: np.log(sp.softmax(r))),
            Baseline("x − log Σ exp(x)", "fn", lambda r: r - np.log(np.sum(np.exp(r)))),
        ],
        "softmin": [Baseline("scipy.special.softmax(−x)", "fn", lambda r: sp.softmax(-r))],
        "glu": [Baseline("a · scipy.special.expit(b)", "fn",
                         lambda r: r[: len(r) // 2] * sp.expit(r[len(r) // 2:]))],
    }
    return table.get(key, [])


# --- measuring -------------------------------------------------------------------------------------


def _jsonable(v: float) -> float | str:
    """A float for JSON: finite numbers as they are, ±inf and NaN as strings."""
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def _fmt_x(x: float) -> str:
    return f"{x:.17g}" if x == 0 or 1e-4 <= abs(x) < 1e6 and float(f"{x:.6g}") == x else f"{x:.6g}"


def _call(func: Callable, x: np.ndarray) -> tuple[np.ndarray | None, list[str], str | None]:
    """``func(x)`` with its warnings recorded (not raised) and an exception caught."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            y = np.asarray(func(x))
        except Exception as err:  # noqa: BLE001 - recorded in the result
            return None, [], f"{type(err).__name__}: {err}"
    messages = sorted({str(w.message) for w in caught})
    return y, messages, None


@dataclass
class _Tally:
    """The running result of one part (fn or grad) of one function on one dtype."""

    dtype: str
    worst: float = -1.0
    where: Any = None
    got: float = math.nan
    want: float = math.nan
    points: int = 0
    skipped: int = 0
    nan_at: Any = None
    nan_count: int = 0
    nan_mag: float = math.inf
    inf_at: Any = None
    inf_count: int = 0
    inf_mag: float = math.inf
    unconfirmed: int = 0

    def add(self, got: np.ndarray, want: np.ndarray, where: list, mags: list[float]) -> None:
        """Compare outputs ``got`` with the rounded references ``want`` (same shape, flat), at the
        inputs described by ``where``; ``mags`` orders the non-finite reports (smallest |x| first)."""
        got = np.asarray(got, dtype=np.dtype(self.dtype)).ravel()
        want = np.asarray(want, dtype=np.dtype(self.dtype)).ravel()
        self.points += got.size
        err = ulp_distance(got, want, self.dtype)
        bad_nan = np.isnan(got)
        bad_inf = np.isinf(got) & np.isfinite(want)
        for i in np.flatnonzero(bad_nan):
            self.nan_count += 1
            if mags[i] < self.nan_mag:
                self.nan_mag, self.nan_at = mags[i], where[i]
        for i in np.flatnonzero(bad_inf):
            self.inf_count += 1
            if mags[i] < self.inf_mag:
                self.inf_mag, self.inf_at = mags[i], where[i]
        if np.any(~bad_nan):
            e = np.where(bad_nan, -1.0, err)
            i = int(np.argmax(e))
            if e[i] > self.worst:
                self.worst, self.where = float(e[i]), where[i]
                self.got, self.want = float(got[i]), float(want[i])

    def result(self, warnings_: list[str], error: str | None) -> dict:
        out: dict[str, Any] = {
            "max_ulp": None if self.worst < 0 or error else int(self.worst),
            "x": self.where,
            "got": _jsonable(self.got),
            "want": _jsonable(self.want),
            "points": self.points,
            "skipped": self.skipped,
        }
        notes = []
        if self.nan_count:
            notes.append(f"NaN at x = {_describe(self.nan_at)} ({self.nan_count} points)")
            out["max_ulp"] = None
            out["nan"] = {"count": self.nan_count, "x": self.nan_at}
        if self.inf_count:
            notes.append(f"±inf at x = {_describe(self.inf_at)} where the result is finite ({self.inf_count} points)")
            out["inf"] = {"count": self.inf_count, "x": self.inf_at}
        if error:
            notes.append(error)
            out["error"] = error
        out["nonfinite"] = "; ".join(notes) if notes else None
        out["warnings"] = warnings_
        if self.unconfirmed:
            out["unconfirmed_references"] = self.unconfirmed
        return out


def _describe(where: Any) -> str:
    if isinstance(where, dict):
        return where.get("row_label", "?")
    return _fmt_x(float(where))


def _measure_elementwise(entry: Activation, dtype: str, xs: np.ndarray | None,
                         extra: list[Baseline], confirm: bool) -> dict:
    from ..mpmath_reference import get_ref
    from mpmath import mp

    params = entry.defaults
    ref = get_ref(entry.key)
    dt = np.dtype(dtype)
    xs = grid(entry, dtype) if xs is None else np.asarray(xs, dtype=dt)
    parts = {"fn": ref.fn, "grad": ref.grad}
    wants: dict[str, list] = {}
    tallies = {part: _Tally(dtype) for part in parts}
    keep: dict[str, np.ndarray] = {}
    for part, func in parts.items():
        values, ok = [], []
        for x in xs:
            r, why = _reference(func, mp.mpf(float(x)), params, dtype, confirm)
            if r is _SKIP:
                tallies[part].skipped += 1
                ok.append(False)
                continue
            if why == "unconfirmed":
                tallies[part].unconfirmed += 1
            values.append(r)
            ok.append(True)
        wants[part] = values
        keep[part] = np.array(ok, dtype=bool)
    result: dict[str, Any] = {"kind": "elementwise", "params": params}
    lib = {"fn": lambda a: entry.fn(a, **params), "grad": lambda a: entry.grad(a, **params)}
    for part in parts:
        y, warns, error = _call(lib[part], xs)
        tally = tallies[part]
        if y is not None and y.dtype != dt:
            error = f"returned {y.dtype} for {dtype} input"
        if y is not None and not error:
            sel = keep[part]
            tally.add(y[sel], np.array(wants[part], dtype=dt), [float(x) for x in xs[sel]],
                      [abs(float(x)) for x in xs[sel]])
        result[part] = tally.result(warns, error)
    result["baselines"] = []
    for base in extra:
        tally = _Tally(dtype)
        tally.skipped = tallies[base.part].skipped
        y, warns, error = _call(base.func, xs)
        if y is not None and not error:
            sel = keep[base.part]
            tally.add(np.asarray(y).astype(dt)[sel], np.array(wants[base.part], dtype=dt),
                      [float(x) for x in xs[sel]], [abs(float(x)) for x in xs[sel]])
        result["baselines"].append({"name": base.name, "part": base.part, **tally.result(warns, error)})
    return result


def _measure_vector(entry: Activation, dtype: str, rows: list[tuple[str, np.ndarray]] | None,
                    extra: list[Baseline], confirm: bool) -> dict:
    from ..mpmath_reference import get_ref
    from mpmath import mp

    params = entry.defaults
    ref = get_ref(entry.key)
    dt = np.dtype(dtype)
    rows = vector_rows(dtype) if rows is None else rows
    lib = {"fn": lambda a: entry.fn(a, **params), "grad": lambda a: entry.grad(a, **params)}
    parts = {"fn": ref.fn, "grad": ref.grad}
    tallies = {part: _Tally(dtype) for part in parts}
    warns: dict[str, set] = {part: set() for part in parts}
    errors: dict[str, str | None] = {part: None for part in parts}
    base_tallies = [_Tally(dtype) for _ in extra]
    base_warns: list[set] = [set() for _ in extra]
    base_errors: list[str | None] = [None for _ in extra]
    for label, row in rows:
        where = {"row_label": label, "row": [float(v) for v in row]}
        mag = float(np.max(np.abs(row)))
        wants = {}
        for part, func in parts.items():
            want, why = _reference(func, [mp.mpf(float(v)) for v in row], params, dtype, confirm)
            if want is _SKIP:
                tallies[part].skipped += 1
                continue
            if why == "unconfirmed":
                tallies[part].unconfirmed += 1
            want = np.array(want, dtype=dt)
            wants[part] = want
            y, w, error = _call(lib[part], row)
            warns[part].update(w)
            if error or y is None:
                errors[part] = errors[part] or error
                continue
            if y.shape != want.shape:
                errors[part] = errors[part] or f"shape {y.shape}, reference {want.shape}"
                continue
            idx = [dict(where, index=list(np.unravel_index(k, y.shape))) for k in range(y.size)]
            for d in idx:
                d["index"] = [int(v) for v in d["index"]]
            tallies[part].add(y, want, idx, [mag] * y.size)
        for b, base in enumerate(extra):
            if base.part not in wants:
                base_tallies[b].skipped += 1
                continue
            y, w, error = _call(base.func, row)
            base_warns[b].update(w)
            if error or y is None:
                base_errors[b] = base_errors[b] or error
                continue
            want = wants[base.part]
            idx = [dict(where, index=[int(k)]) for k in range(want.size)]
            base_tallies[b].add(np.asarray(y).astype(dt), want, idx, [mag] * want.size)
    result: dict[str, Any] = {"kind": "vector", "params": params}
    for part in parts:
        result[part] = tallies[part].result(sorted(warns[part]), errors[part])
    result["baselines"] = [
        {"name": base.name, "part": base.part, **t.result(sorted(w), e)}
        for base, t, w, e in zip(extra, base_tallies, base_warns, base_errors)
    ]
    return result


def measure(entry: Activation, dtype: str = "float64", xs: Any = None, rows: Any = None,
            with_baselines: bool = True, confirm: bool = False) -> dict:
    """Measure ``entry`` at its default parameters on ``dtype`` ("float64" or "float32").

    Returns ``{"fn": {...}, "grad": {...}, "baselines": [...], ...}`` where each part has ``max_ulp``
    (an int; None if the result is NaN somewhere the reference is defined), ``x`` (the worst input: a
    float, or for vector entries ``{"row_label", "row", "index"}``), ``got`` and ``want`` (the computed
    and the correctly rounded values there), ``points``, ``skipped``, ``nonfinite`` and ``warnings``.
    ``xs`` (element-wise) or ``rows`` (vector: ``[(label, array), ...]``) replace the default inputs.
    ``confirm`` re-evaluates every reference at a higher precision (slower; an audit of the
    references: the result must not change).
    """
    from mpmath import mp

    if dtype not in _FORMATS:
        raise ValueError(f"dtype must be one of {', '.join(_FORMATS)}, got {dtype!r}")
    extra = baselines(entry.key, entry.defaults) if with_baselines else []
    with mp.workdps(DIGITS):
        if entry.kind == "vector":
            return _measure_vector(entry, dtype, rows, extra, confirm)
        return _measure_elementwise(entry, dtype, xs, extra, confirm)


def _worker(task: tuple[str, str, bool]) -> tuple[str, str, dict, float]:
    import time

    from ..core import registry

    key, dtype, confirm = task
    start = time.process_time()
    result = measure(registry.get(key), dtype, confirm=confirm)
    return key, dtype, result, time.process_time() - start


#: relative cost of measuring an entry, so the slow ones start first
_COST = {"gelu": 8.0, "softmax": 5.0, "softmin": 5.0, "log_softmax": 5.0, "mish": 3.0, "squareplus": 2.0,
         "sinc": 2.0, "silu": 2.0, "tanhshrink": 2.0, "log_sigmoid": 1.5, "softplus": 1.5}


def measure_all(processes: int | None = 2, keys: Iterable[str] | None = None,
                progress: Callable[[str, str, float], None] | None = None, confirm: bool = False) -> dict:
    """Measure every registry entry (or ``keys``) on every dtype; the content of ``accuracy.json``.

    ``progress(key, dtype, cpu_seconds)`` is called as each task finishes."""
    from ..core import registry

    keys = list(registry.REGISTRY) if keys is None else list(keys)
    tasks = sorted(((k, d, confirm) for k in keys for d in DTYPES), key=lambda t: -_COST.get(t[0], 1.0))
    results: dict[tuple[str, str], dict] = {}
    if processes == 1:
        for task in tasks:
            k, d, r, cpu = _worker(task)
            results[k, d] = r
            if progress:
                progress(k, d, cpu)
    else:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for k, d, r, cpu in pool.imap_unordered(_worker, tasks):
                results[k, d] = r
                if progress:
                    progress(k, d, cpu)
    entries = {}
    for key in keys:
        entry = registry.get(key)
        per = {d: results[key, d] for d in DTYPES}
        parts = {}
        for part in ("fn", "grad"):
            goal = target(key, part)
            worst = [per[d][part]["max_ulp"] for d in DTYPES]
            ok = all(w is not None and w <= goal for w in worst) and not any(
                per[d][part]["nonfinite"] for d in DTYPES)
            parts[part] = {"target": goal, "pass": ok,
                           "why_target": NOT_CLOSED_FORM.get(key, {}).get(part, "stable closed form")}
        base_names = [b["name"] for b in per[DTYPES[0]]["baselines"]]
        entries[key] = {
            "kind": entry.kind,
            "family": entry.family,
            "params": entry.defaults,
            "target": {p: parts[p]["target"] for p in parts},
            "why_target": {p: parts[p]["why_target"] for p in parts},
            "pass": {p: parts[p]["pass"] for p in parts},
            **{d: {p: per[d][p] for p in ("fn", "grad")} for d in DTYPES},
            "baselines": [
                {"name": name, "part": per[DTYPES[0]]["baselines"][i]["part"],
                 **{d: {k: v for k, v in per[d]["baselines"][i].items() if k not in ("name", "part")}
                    for d in DTYPES}}
                for i, name in enumerate(base_names)
            ],
        }
    return {
        "schema": SCHEMA,
        "inputs_hash": inputs_hash(),
        "versions": _versions(),
        "digits": DIGITS,
        "dtypes": list(DTYPES),
        "targets": {"closed_form": TARGET_CLOSED_FORM, "other": TARGET_OTHER},
        "entries": entries,
    }


# --- staleness -------------------------------------------------------------------------------------


def _versions() -> dict[str, str]:
    import mpmath
    import scipy

    return {"numpy": np.__version__, "scipy": scipy.__version__, "mpmath": mpmath.__version__}


def input_files() -> list[Path]:
    """The sources that determine the measurement, sorted: every file of ``activations/catalog`` and
    ``activations/mpmath_reference`` (caches excluded), ``activations/core/arrays.py``, ``core/domain.py``
    (which inputs are measured) and this module."""
    files = []
    for folder in ("catalog", "mpmath_reference"):
        files += [f for f in (PACKAGE / folder).rglob("*")
                  if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".pyo")]
    files += [PACKAGE / "core" / "arrays.py", PACKAGE / "core" / "domain.py", Path(__file__).resolve()]
    return sorted(files, key=lambda f: f.relative_to(PACKAGE).as_posix())


def inputs_hash() -> str:
    """sha256 over :func:`input_files` (path and content) and the NumPy, SciPy and mpmath versions."""
    h = hashlib.sha256()
    for f in input_files():
        h.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0")
        h.update(f.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    for name, version in sorted(_versions().items()):
        h.update(f"{name}=={version}\0".encode())
    return h.hexdigest()


@lru_cache(maxsize=None)
def _load_cached(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load(path: Path | str = DATA_PATH) -> dict:
    """The committed measurement (``activations/accuracy/accuracy.json``)."""
    path = Path(path)
    return _load_cached(str(path), path.stat().st_mtime)


# --- the page table ----------------------------------------------------------------------------------
