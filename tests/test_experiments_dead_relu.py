"""Born-dead networks (Lu, Shin, Su & Karniadakis 2020): the Monte Carlo probabilities against the exact
probability of a dead layer at a point, and the paper's claim (→ 1 with depth at fixed width)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from activations.experiments import results
from activations.experiments.dead_relu import EXPERIMENT, dead_at_point


@pytest.fixture(scope="module")
def data():
    return results.get("dead_relu")


def test_format(data):
    s = EXPERIMENT.settings
    assert data["widths"] == list(range(2, 11)) and data["depths"] == list(range(1, 51))
    for key in s["entries"]:
        for field in ("constant", "exact", "dead_at_x"):
            a = np.array(data[key][field])
            assert a.shape == (len(s["widths"]), s["depth"]) and np.all((a >= 0) & (a <= 1))


def test_relu_dead_at_a_point_matches_the_exact_probability(data):
    measured, exact = np.array(data["relu"]["dead_at_x"]), np.array(data["bound"])
    assert exact[0, 0] == 0.25 and dead_at_point(10, 50) == pytest.approx(1 - (1 - 2**-10) ** 50)
    # a binomial proportion of 1000 nets: standard error sqrt(p(1−p)/1000) ≤ 0.016. The cells of one
    # width are cumulative (not independent), so the bound is the maximum over all 450 cells: 4 SE
    se = np.sqrt(np.maximum(exact * (1 - exact), 0.01) / EXPERIMENT.settings["trials"])
    assert np.all(np.abs(measured - exact) < 4 * se)


def test_relu_constant_nets_are_dead_at_the_point(data):
    # a ReLU net exactly constant on Ω has a hidden layer that is zero on all of Ω, so zero at x₀: per
    # net, so the fractions are ordered exactly, not only within sampling error
    exact, dead = np.array(data["relu"]["exact"]), np.array(data["relu"]["dead_at_x"])
    assert np.all(exact <= dead)
    # within the tolerance a few more are constant (a unit barely active at one input): at most 3 %
    # of the nets in any cell (measured 2.1 %), so "exactly constant" is what the page calls born dead
    constant = np.array(data["relu"]["constant"])
    assert np.all(constant >= exact) and np.all(constant - exact <= 0.03)


def test_probability_tends_to_one_with_depth(data):
    """The paper's result: at fixed width the probability of a born-dead ReLU net rises to 1 with depth."""
    constant = np.array(data["relu"]["exact"])
    # monotone in depth up to sampling noise: the same nets, truncated, so a dead net stays dead
    assert np.all(np.diff(constant, axis=1) >= 0)
    w = data["widths"]
    assert constant[w.index(2), -1] == 1.0 and constant[w.index(3), -1] > 0.99  # at depth 50
    # narrower nets die sooner: at every depth, within the sampling error of 1000 nets
    assert np.all(np.diff(constant, axis=0) <= 4 * data["max_stderr"])
    # and at width 10 death is still rare by depth 50 (the exact point bound is 1 − (1 − 2⁻¹⁰)⁵⁰ ≈ 0.05)
    assert constant[w.index(10), -1] < 0.1


def test_leaky_relu_and_elu(data):
    # neither is ever exactly zero: no layer is dead at a point
    for key in ("leaky_relu", "elu"):
        assert np.all(np.array(data[key]["dead_at_x"]) == 0)
    # but narrow deep nets still collapse numerically: at width 2 and depth 50 Leaky ReLU nets are
    # constant to the tolerance (the slope 0.01 on the negative side shrinks the spread layer by layer)
    leaky, elu = np.array(data["leaky_relu"]["constant"]), np.array(data["elu"]["constant"])
    assert leaky[0, -1] > 0.9 and elu[0, -1] > 0.5
    # later than ReLU: at every width and depth a ReLU net is at least as likely to be constant
    relu = np.array(data["relu"]["exact"])
    assert np.all(leaky <= relu + 4 * data["max_stderr"]) and np.all(elu <= relu + 4 * data["max_stderr"])
    assert math.isclose(data["max_stderr"], math.sqrt(0.25 / EXPERIMENT.settings["trials"]))
