"""The registry against independent references: values, derivatives, claimed properties, bad input.

Every test is parametrised over the registry, so a new entry is tested the moment it is added. Inputs
are taken inside each entry's domain (``Activation.domain``, all reals unless the entry says otherwise);
outside it the library's convention, NaN from ``fn`` and ``grad``, is tested on its own.
"""

from __future__ import annotations

import math
import warnings

import mpmath as mp
import numpy as np
import pytest

import activations
from activations import REGISTRY
from activations.core import analysis
from activations.core.domain import in_domain, on_all_reals, outside_domain, within_domain
from activations.mpmath_reference import get_ref
from activations.core.spec import MAXIMUM, MINIMUM

ELEMENTWISE = [e for e in REGISTRY.values() if e.kind == "elementwise"]
VECTOR = [e for e in REGISTRY.values() if e.kind == "vector"]
ids = lambda entries: [e.key for e in entries]  # noqa: E731

mp.mp.dps = 50

# Points that exercise both tails, the origin and the switch-over points of piecewise formulas.
GRID = np.unique(np.concatenate([
    np.linspace(-12, 12, 481),
    [-700.0, -300.0, -100.0, -40.0, -20.0, -1e-3, -1e-8, -1e-300, 1e-300, 1e-8, 1e-3, 20.0, 40.0, 100.0, 300.0, 700.0],
]))
HOSTILE = [0.0, -0.0, 5e-324, -5e-324, 1e-310, 1e-4, -1e-4, 1e4, -1e4, 1e308, -1e308, np.inf, -np.inf]


def param_sets(entry):
    sets = [entry.defaults]
    sets += [{**entry.defaults, **v} for v in entry.family_values if {**entry.defaults, **v} != entry.defaults]
    return sets


def close(got: float, ref, x: float) -> bool:
    if ref is None:
        return True
    ref = float(ref) if abs(ref) < 1e308 else (math.inf if ref > 0 else -math.inf)
    if math.isinf(ref) or math.isinf(got):
        return got == ref
    return abs(got - ref) <= 1e-12 * abs(ref) + 1e-15 * max(1.0, abs(x)) * 1e-3


def _mp_or_none(func, x, params):
    try:
        value = func(mp.mpf(x), **params)
    except (ZeroDivisionError, ValueError, OverflowError):
        return None
    return value


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_values_and_derivatives_match_mpmath(entry):
    ref = get_ref(entry.key)
    grid = within_domain(entry, GRID)
    for params in param_sets(entry):
        got_f = entry.fn(grid, **params)
        got_g = entry.grad(grid, **params)
        for x, f, g in zip(grid, got_f, got_g):
            rf = _mp_or_none(ref.fn, x, params)
            if rf is None or not mp.isfinite(rf) and not mp.isinf(rf):
                continue
            assert close(float(f), rf, x), f"{entry.key}{params} f({x!r}) = {f!r}, mpmath {mp.nstr(rf, 20)}"
            rg = _mp_or_none(ref.grad, x, params)
            assert close(float(g), rg, x), f"{entry.key}{params} f'({x!r}) = {g!r}, mpmath {mp.nstr(rg, 20)}"


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_reference_derivative_is_the_derivative_of_the_reference(entry):
    """The closed-form derivative (mpmath) agrees with numerical differentiation of the definition."""
    ref = get_ref(entry.key)
    params = entry.defaults
    xs = within_domain(entry, np.array([-7.3, -3.1, -2.05, -1.3, -0.77, -0.31, 0.29, 0.61, 1.17, 2.3, 4.9, 8.1]))
    for x in xs:
        rg = _mp_or_none(ref.grad, x, params)
        if rg is None:
            continue
        numeric = mp.diff(lambda t: ref.fn(t, **params), mp.mpf(x))
        assert abs(rg - numeric) <= mp.mpf("1e-25") * max(1, abs(numeric)), f"{entry.key}: f'({x})"


# --- claimed properties ---------------------------------------------------------------------------

DENSE = np.linspace(-60, 60, 120_001)
# far points, for bounds approached only like 1/|x| (softsign, arctan)
FAR = np.array([-1e12, -1e8, -1e6, -1e3, -1e-9, 1e-9, 1e3, 1e6, 1e8, 1e12])


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_range_claim(entry):
    x = within_domain(entry, np.concatenate([DENSE, FAR]))
    _check_bounds(entry, entry.fn(x, **entry.defaults), entry.properties.range, "range")


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_derivative_range_claim(entry):
    x = within_domain(entry, np.concatenate([DENSE, FAR]))
    _check_bounds(entry, entry.grad(x, **entry.defaults), entry.properties.grad_range, "grad_range")


def _check_bounds(entry, values, bounds, what):
    lo, hi = analysis.resolve_bounds(entry, bounds)
    values = values[np.isfinite(values)]
    tol = 1e-12 * max(1.0, abs(lo) if math.isfinite(lo) else 1.0, abs(hi) if math.isfinite(hi) else 1.0)
    assert values.min() >= lo - tol, f"{entry.key} {what}: {values.min()} below the claimed {lo}"
    assert values.max() <= hi + tol, f"{entry.key} {what}: {values.max()} above the claimed {hi}"
    # tight: the samples come close to each bound (an infinite bound: they grow large)
    for bound, extreme in ((lo, values.min()), (hi, values.max())):
        if math.isinf(bound):
            assert abs(extreme) > 10, f"{entry.key} {what}: claims {bound} but samples stay near {extreme}"
        else:
            span = max(hi - lo, 1.0) if math.isfinite(hi - lo) else 1.0
            assert abs(extreme - bound) < 1e-3 * span, f"{entry.key} {what}: bound {bound} not approached ({extreme})"
    # open bounds are not attained on moderate inputs (where rounding cannot reach them)
    moderate = entry.fn if what == "range" else entry.grad
    inner = moderate(within_domain(entry, np.linspace(-3, 3, 6001)), **entry.defaults)
    if not bounds.lo_closed and math.isfinite(lo):
        assert inner.min() > lo or bounds.lo in (MINIMUM,), f"{entry.key} {what}: open bound {lo} is attained"
    if not bounds.hi_closed and math.isfinite(hi):
        assert inner.max() < hi or bounds.hi in (MAXIMUM,), f"{entry.key} {what}: open bound {hi} is attained"
    # closed bounds are attained (to the resolution of the 0.001 grid: a quadratic extremum between two
    # grid points is missed by at most ~1e-7)
    if bounds.lo_closed and math.isfinite(lo):
        assert abs(values.min() - lo) <= 1e-6 * max(1, abs(lo)), f"{entry.key} {what}: closed bound {lo} not attained"
    if bounds.hi_closed and math.isfinite(hi):
        assert abs(values.max() - hi) <= 1e-6 * max(1, abs(hi)), f"{entry.key} {what}: closed bound {hi} not attained"


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_monotonic_claim(entry):
    y = entry.fn(within_domain(entry, np.linspace(-20, 20, 400_001)), **entry.defaults)
    decreasing = bool(np.any(np.diff(y) < 0))
    assert decreasing != entry.properties.monotonic, (
        f"{entry.key} claims monotonic={entry.properties.monotonic} but decreases={decreasing}")


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_zero_centered_claim(entry):
    """Zero-centred means symmetric about the origin: f is odd, f(-x) = -f(x) (so f(0) = 0 and positive and
    negative outputs balance). ReLU-like functions through the origin are not: their outputs lean positive.
    A function whose domain is not symmetric about 0 (log1mexp: x ≥ 0) is not odd."""
    d = entry.domain
    if (d.lo, d.lo_closed) != (-d.hi, d.hi_closed):
        assert not entry.properties.zero_centered, f"{entry.key}: claims zero_centered on the domain {d.tex}"
        return
    x = np.linspace(0, 20, 20_001)
    f_pos, f_neg = entry.fn(x, **entry.defaults), entry.fn(-x, **entry.defaults)
    odd = bool(np.allclose(f_neg, -f_pos, rtol=1e-12, atol=1e-300)) and bool(np.any(f_pos != 0))
    assert odd == entry.properties.zero_centered, f"{entry.key}: claims zero_centered={entry.properties.zero_centered}, odd={odd}"


KINKS = np.unique(np.concatenate([np.linspace(-10, 10, 20_001), np.arange(-10, 10.5, 0.5)]))
#: smoothness is looked at this far inside a finite end of the domain: next to log1mexp's pole at 0, a
#: difference across 2h measures how steep the pole is (f′ ≈ 1/x), not a jump
DOMAIN_EDGE_GAP = 0.05


def _smoothness_points(entry):
    d = entry.domain
    return KINKS[(KINKS >= d.lo + DOMAIN_EDGE_GAP) & (KINKS <= d.hi - DOMAIN_EDGE_GAP)]


def _jump(func, xs, h=1e-7):
    """The largest change across 2h, relative to the size of the values (eˣ at 10 is no jump)."""
    left, right = func(xs - h), func(xs + h)
    return float(np.nanmax(np.abs(right - left) / np.maximum(1.0, np.maximum(np.abs(left), np.abs(right)))))


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_smoothness_claim(entry):
    p = entry.defaults
    f = lambda x: entry.fn(x, **p)  # noqa: E731
    g = lambda x: entry.grad(x, **p)  # noqa: E731
    h2 = 1e-4
    curvature = lambda x: (g(x + h2) - g(x - h2)) / (2 * h2)  # noqa: E731  (f'' by differences of f')
    claim = entry.properties.smoothness
    xs = _smoothness_points(entry)
    f_jumps = _jump(f, xs) > 1e-4
    g_jumps = _jump(g, xs) > 1e-4
    if claim == "discontinuous":
        assert f_jumps, f"{entry.key} claims discontinuous but f has no jump"
        return
    assert not f_jumps, f"{entry.key} claims {claim} but f jumps"
    if claim == "C0":
        assert g_jumps, f"{entry.key} claims C0 (not C1) but f' is continuous"
        return
    assert not g_jumps, f"{entry.key} claims {claim} but f' jumps"
    c_left, c_right = curvature(xs - 3 * h2), curvature(xs + 3 * h2)
    # a jump of f'' is what is left of the change across a point after the change of a smooth f'' over the
    # same distance (the next step to the right) is taken off: steep but smooth functions (Laplace) pass
    trend = curvature(xs + 9 * h2) - c_right
    c_jumps = float(np.nanmax(np.abs(c_right - c_left - trend) / np.maximum(1.0, np.abs(c_left)))) > 1e-2
    if claim == "C1":
        assert c_jumps, f"{entry.key} claims C1 (not C2) but f'' looks continuous"
    else:
        assert not c_jumps, f"{entry.key} claims {claim} but f'' jumps"


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_computed_extrema_are_extrema(entry):
    fx = analysis.facts(entry)
    y = entry.fn(within_domain(entry, DENSE), **entry.defaults)
    if fx.minimum is not None:
        assert y.min() >= fx.minimum - 1e-12 and float(entry.fn(fx.argmin, **entry.defaults)) == pytest.approx(fx.minimum)
    if fx.maximum is not None:
        assert y.max() <= fx.maximum + 1e-12 and float(entry.fn(fx.argmax, **entry.defaults)) == pytest.approx(fx.maximum)


# --- input handling and numerical safety ---------------------------------------------------------


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_hostile_inputs_no_warnings_dtype_kept(entry, dtype):
    with np.errstate(over="ignore"):  # ±1e308 becomes ±inf in float16/float32: that is the point
        x = np.array(HOSTILE + [np.nan]).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for func in (entry.fn, entry.grad):
            y = func(x)
            assert y.dtype == dtype and y.shape == x.shape
            assert np.isnan(y[-1]), f"{entry.key}: NaN must propagate"
            finite_in = np.isfinite(x) & in_domain(entry, x)
            assert not np.isnan(y[finite_in]).any(), f"{entry.key}: NaN for finite input {x[finite_in][np.isnan(y[finite_in])]}"
            outside = outside_domain(entry, x)  # log1mexp: the negative inputs and -inf
            assert np.isnan(y[outside]).all(), f"{entry.key}: not NaN outside the domain at {x[outside][~np.isnan(y[outside])]}"


RESTRICTED = [e for e in ELEMENTWISE if not on_all_reals(e)]


def test_the_catalog_has_a_function_on_less_than_the_reals():
    """The domain tests below are not vacuous: log1mexp (x ≥ 0) is in the registry."""
    assert "log1mexp" in ids(RESTRICTED)


@pytest.mark.parametrize("entry", RESTRICTED, ids=ids(RESTRICTED))
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_outside_the_domain_both_kernels_return_nan_without_warnings(entry, dtype):
    """The library's convention (NumPy's log of a negative number, JAX's log1mexp): NaN outside the
    domain, from f and from f′, also just beyond a finite end and at an infinite input on that side."""
    d = entry.domain
    below = [-np.inf, -1e4, -1.0] if d.lo > -np.inf else []
    above = [1.0, 1e4, np.inf] if d.hi < np.inf else []
    ends = [e for e in (d.lo, d.hi) if np.isfinite(e)]
    with np.errstate(over="ignore"):
        x = np.array([d.lo + v for v in below] + [d.hi + v for v in above], dtype=dtype)
        x = np.concatenate([x, [np.nextafter(dtype(d.lo), dtype(-np.inf))] if np.isfinite(d.lo) else [],
                            [np.nextafter(dtype(d.hi), dtype(np.inf))] if np.isfinite(d.hi) else []]).astype(dtype)
    assert ends and outside_domain(entry, x).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for func in (entry.fn, entry.grad):
            y = func(x)
            assert y.dtype == dtype and np.isnan(y).all(), f"{entry.key} {func.__name__}: {dict(zip(x, y))}"


@pytest.mark.parametrize("entry", RESTRICTED, ids=ids(RESTRICTED))
def test_at_a_closed_end_of_the_domain_the_kernels_return_the_one_sided_limits(entry):
    """log1mexp at 0: f = −∞ and f′ = +∞, the limits from inside the domain (the mpmath reference has
    them too); −0.0 is the same end. Just inside, the values are finite and close to the reference."""
    ref = get_ref(entry.key)
    d = entry.domain
    for end, closed, inward in ((d.lo, d.lo_closed, np.inf), (d.hi, d.hi_closed, -np.inf)):
        if not (np.isfinite(end) and closed):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            at = np.array([end, -end if end == 0 else end])  # at 0 also -0.0, the same end
            for func, rfunc in ((entry.fn, ref.fn), (entry.grad, ref.grad)):
                y = func(at, **entry.defaults)
                want = rfunc(mp.mpf(end), **entry.defaults)
                assert mp.isinf(want) or mp.isfinite(want), f"{entry.key}: the reference has no value at {end}"
                assert close(float(y[0]), want, end) and close(float(y[1]), want, end), (entry.key, func.__name__, y)
                near = np.nextafter(end, inward)
                inside = float(func(near, **entry.defaults))
                assert math.isfinite(inside) or not math.isfinite(float(rfunc(mp.mpf(near), **entry.defaults))), (
                    entry.key, func.__name__, near, inside)


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=ids(ELEMENTWISE))
def test_python_inputs(entry):
    assert isinstance(entry.fn(1.5), np.float64)
    assert entry.fn([1, 2]).dtype == np.float64
    assert entry.fn(True) == entry.fn(1.0)
    assert entry.fn(np.array(3, dtype=np.int32)) == entry.fn(3.0)
    assert entry.fn(np.zeros((0, 3), dtype=np.float32)).shape == (0, 3)
    assert entry.fn(np.ones((2, 3, 4))).shape == (2, 3, 4)


@pytest.mark.parametrize("entry", list(REGISTRY.values()), ids=list(REGISTRY))
@pytest.mark.parametrize("bad", [np.array([1 + 2j]), np.array(["a"]), np.array([object()], dtype=object)])
def test_non_real_input_is_a_type_error(entry, bad):
    with pytest.raises(TypeError, match="x must"):
        entry.fn(bad)


@pytest.mark.parametrize("entry", [e for e in REGISTRY.values() if e.params], ids=ids([e for e in REGISTRY.values() if e.params]))
def test_invalid_parameters_name_the_parameter(entry):
    for p in entry.params:
        for bad in (math.nan, -math.inf, math.inf, -1e300, 0.0, -1.0):
            if p.ok(bad):
                continue
            with pytest.raises(ValueError, match=f"parameter {p.name} must be"):
                entry.fn(np.array([0.5, 1.0]), **{p.name: bad})


# --- vector-valued entries --------------------------------------------------------------------------

VECTOR_INPUTS = [[0.0, 0.0], [1.0, 2.0, 3.0], [2.0, 1.0, 0.1, -1.0], [-3.5, 0.25, 7.0, 1.5, -0.5, 2.0]]


@pytest.mark.parametrize("entry", VECTOR, ids=ids(VECTOR))
def test_vector_values_and_jacobians_match_mpmath(entry):
    ref = get_ref(entry.key)
    for params in param_sets(entry):
        for xs in VECTOR_INPUTS:
            try:
                got = entry.fn(np.array(xs), **params)
            except ValueError:
                continue  # e.g. an odd length for GLU
            want = ref.fn([mp.mpf(v) for v in xs], **params)
            np.testing.assert_allclose(got, [float(v) for v in want], rtol=1e-13, atol=1e-15)
            jac = entry.grad(np.array(xs), **params)
            want_j = ref.grad([mp.mpf(v) for v in xs], **params)
            if want_j is None:  # on a kink (sparsemax support edge, maxout tie): no derivative
                continue
            np.testing.assert_allclose(jac, [[float(v) for v in row] for row in want_j], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("entry", VECTOR, ids=ids(VECTOR))
def test_vjp_is_g_times_jacobian(entry):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 6))
    jac = entry.grad(x)
    y = entry.fn(x)
    g = rng.normal(size=y.shape)
    np.testing.assert_allclose(entry.vjp(x, g), np.einsum("bi,bij->bj", g, jac), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("entry", VECTOR, ids=ids(VECTOR))
def test_vector_axis_errors(entry):
    with pytest.raises(ValueError, match="axis"):
        entry.fn(np.ones((2, 4)), axis=2)
    with pytest.raises(ValueError, match="dimension"):
        entry.fn(1.0)


def test_softmax_overflow_case_from_the_page():
    """The page says the naive form gives NaN for float32 (1000, 1001, 1002) and the library does not."""
    x = np.float32([1000, 1001, 1002])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(x) / np.exp(x).sum()
    assert np.isnan(naive).all()
    y = activations.softmax(x)
    assert y.dtype == np.float32 and np.isfinite(y).all() and y.sum() == pytest.approx(1, abs=1e-6)


def test_unknown_key_lists_known_ones():
    with pytest.raises(KeyError, match="known: sigmoid"):
        activations.get("sigmoidd")
