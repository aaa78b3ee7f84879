"""Laws that must hold in floating point, checked with hypothesis on arbitrary inputs."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import activations
from activations import REGISTRY
from activations.core.domain import in_domain, outside_domain

moderate = st.floats(min_value=-700, max_value=700, allow_nan=False)
rows = arrays(np.float64, st.integers(1, 12), elements=st.floats(-1e4, 1e4, allow_nan=False))
MONOTONIC = [e for e in REGISTRY.values() if e.kind == "elementwise" and e.properties.monotonic]
ELEMENTWISE = [e for e in REGISTRY.values() if e.kind == "elementwise"]

settings.register_profile("ci", max_examples=200, deadline=None)
settings.load_profile("ci")


@given(rows)
def test_softmax_sums_to_one_and_is_in_the_unit_interval(x):
    y = activations.softmax(x)
    assert np.all((y >= 0) & (y <= 1))
    assert abs(y.sum() - 1) <= 1e-12


@given(rows, st.floats(-1e3, 1e3, allow_nan=False))
def test_softmax_is_shift_invariant(x, c):
    np.testing.assert_allclose(activations.softmax(x + c), activations.softmax(x), rtol=1e-9, atol=1e-12)


@given(rows)
def test_log_softmax_is_log_of_softmax_where_both_are_finite(x):
    y = activations.softmax(x)
    log_y = activations.log_softmax(x)
    finite = y > 1e-300
    np.testing.assert_allclose(log_y[finite], np.log(y[finite]), rtol=1e-12, atol=1e-12)
    assert np.all(np.isfinite(log_y))  # where softmax underflows, log-softmax still has the value


@given(st.floats(allow_nan=False))
def test_sigmoid_symmetry(x):
    s, s_neg = activations.sigmoid(x), activations.sigmoid(-x)
    assert abs((s + s_neg) - 1) <= np.finfo(np.float64).eps  # one rounding of the sum


def finite_in_domain(entry):
    """Finite floats with |x| ≤ 1e300 inside the entry's domain (all of them for a function on ℝ)."""
    d = entry.domain
    return st.floats(min_value=max(d.lo, -1e300), max_value=min(d.hi, 1e300), allow_nan=False,
                     allow_infinity=False, exclude_min=not d.lo_closed and d.lo > -1e300,
                     exclude_max=not d.hi_closed and d.hi < 1e300)


@pytest.mark.parametrize("entry", MONOTONIC, ids=[e.key for e in MONOTONIC])
@given(data=st.data())
def test_monotonic_functions_stay_monotonic_in_floating_point(entry, data):
    a, b = data.draw(finite_in_domain(entry), label="a"), data.draw(finite_in_domain(entry), label="b")
    lo, hi = min(a, b), max(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert entry.fn(lo) <= entry.fn(hi)


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=[e.key for e in ELEMENTWISE])
@given(x=arrays(np.float64, st.integers(0, 20), elements=st.floats(allow_nan=True, allow_infinity=True)))
def test_no_warnings_and_no_spurious_nan(entry, x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y, g = entry.fn(x), entry.grad(x)
    finite = np.isfinite(x) & in_domain(entry, x)
    assert not np.isnan(y[finite]).any(), x[finite][np.isnan(y[finite])]
    assert not np.isnan(g[finite]).any(), x[finite][np.isnan(g[finite])]
    outside = outside_domain(entry, x)  # the library's convention there: NaN
    assert np.isnan(y[outside]).all() and np.isnan(g[outside]).all(), x[outside]


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=[e.key for e in ELEMENTWISE])
@given(x=arrays(np.float32, st.integers(1, 20), elements=st.floats(width=32, allow_nan=False)))
def test_float32_in_float32_out_close_to_float64(entry, x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y32 = entry.fn(x)
    assert y32.dtype == np.float32
    y64 = entry.fn(x.astype(np.float64))
    with np.errstate(over="ignore"):
        want = y64.astype(np.float32)
    both = np.isfinite(want) & np.isfinite(y32)
    # within a few float32 ulps of the float64 result rounded to float32
    with np.errstate(over="ignore"):  # the spacing above float32's largest value is "inf": no ulp there
        spacing = np.spacing(np.abs(want[both])).astype(np.float64)
    ulps = np.abs(y32[both].astype(np.float64) - want[both]) / spacing
    assert ulps.size == 0 or ulps.max() <= 8, f"{entry.key}: {ulps.max()} ulp at {x[both][np.argmax(ulps)]}"
