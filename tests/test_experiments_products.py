"""Products of random Gaussian matrices: the measured growth rate against the top Lyapunov exponent."""

from __future__ import annotations

import math

import mpmath
import pytest
from scipy.special import digamma

from activations.experiments import results
from activations.experiments.products import EXPERIMENT, digamma_half_integer, top_lyapunov


def test_digamma_formula():
    for x in (0.5, 1, 1.5, 2, 2.5, 3, 5, 7.5):
        # exact recurrences in float64: within a few ulps of scipy's and mpmath's digamma
        assert digamma_half_integer(x) == pytest.approx(float(digamma(x)), rel=1e-14)
        assert digamma_half_integer(x) == pytest.approx(float(mpmath.digamma(x)), rel=1e-14)
    assert digamma_half_integer(2) == pytest.approx(1 - 0.5772156649015329, rel=1e-15)
    for bad in (0, -1, 1.25):
        with pytest.raises(ValueError, match="x must be"):
            digamma_half_integer(bad)


def test_lyapunov_exponent_of_4x4():
    # d2l.ai's number, 0.55797, from the independent mpmath evaluation of ½(ln 2 + ψ(2))
    reference = 0.5 * (mpmath.log(2) + mpmath.digamma(2))
    assert top_lyapunov(4) == pytest.approx(float(reference), rel=1e-15)
    assert round(top_lyapunov(4), 5) == 0.55797


def test_growth_rate_agrees_with_the_exponent():
    data = results.get("products")
    assert data["n"] == 4 and data["lyapunov"] == top_lyapunov(4)
    assert len(data["rate_mean"]) == EXPERIMENT.settings["steps"]
    # the estimate is a mean over 4096 independent products: 3 standard errors (0.3 % of the
    # products would land outside by chance; the seed is fixed, so the test is deterministic)
    assert abs(data["estimate"] - data["lyapunov"]) < 3 * data["stderr"]
    # the standard error is what theory gives: Var(ln ‖g‖) = ψ′(2)/4 per step for g ~ N(0, I₄)
    expected_se = math.sqrt(float(mpmath.psi(1, 2)) / 4 / EXPERIMENT.settings["steps"] / EXPERIMENT.settings["seeds"])
    assert data["stderr"] == pytest.approx(expected_se, rel=0.1)
    # the product itself explodes: about 10^(100 λ / ln 10) ≈ 10²⁴ after 100 factors
    assert data["log10_norm_median"] == pytest.approx(100 * top_lyapunov(4) / math.log(10), abs=1.5)
