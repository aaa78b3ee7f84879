"""Softmax saturation: the measured Jacobian and loss gradients against their closed forms.

For the logits (Δ, 0, …, 0) of n classes the leading output is p = 1/(1 + (n−1)e^{−Δ}), the others
q = (1 − p)/(n − 1); the largest Jacobian entry is p(1 − p) once p ≥ ½ and max(p(1−p), q(1−q), pq) before;
the cross-entropy gradient with respect to the logits is y − t. The experiment computes all of these
through the registry's softmax and Jacobian; this test recomputes them from the formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest

from activations.experiments import results
from activations.experiments.softmax_saturation import EXPERIMENT, last_gap_above, logits


@pytest.fixture(scope="module")
def data():
    return results.get("softmax_saturation")


def _closed_form(n: int, gap: float) -> tuple[float, float, float]:
    """p, q and 1 − p, the last without the cancellation of computing 1 − p from p."""
    rest = (n - 1) * math.exp(-gap)
    p, one_minus_p = 1 / (1 + rest), rest / (1 + rest)
    return p, one_minus_p / (n - 1), one_minus_p


def test_leader_and_largest_jacobian_entry_follow_the_closed_form(data):
    gaps = data["gaps"]
    for n_text, size in data["sizes"].items():
        n = int(n_text)
        for gap, leader, jac_max in zip(gaps, size["leader"], size["jac_max"]):
            p, q, one_minus_p = _closed_form(n, gap)
            assert leader == pytest.approx(p, rel=1e-13)
            expected = max(p * one_minus_p, q * (1 - q), p * q)
            assert jac_max == pytest.approx(expected, rel=1e-12, abs=1e-300)
        assert size["jac_max_at_zero"] == pytest.approx((1 / n) * (1 - 1 / n), rel=1e-14)
        assert size["peak_gap"] == pytest.approx(math.log(n - 1), abs=0)


def test_gap_beyond_which_the_jacobian_stays_below_one_percent_of_a_quarter(data):
    level = data["level"]
    assert level == EXPERIMENT.settings["fraction"] * 0.25
    for n_text, size in data["sizes"].items():
        n = int(n_text)
        # p(1 − p) = level with p > ½, solved for the gap
        p = (1 + math.sqrt(1 - 4 * level)) / 2
        exact = math.log((n - 1) * p / (1 - p))
        # linear interpolation between grid points of step 0.125 on a convex curve: a few 0.001
        assert size["gap_below"] == pytest.approx(exact, abs=5e-3), n
    # more classes need a larger lead before the Jacobian vanishes
    below = [data["sizes"][str(n)]["gap_below"] for n in EXPERIMENT.settings["classes"]]
    assert below == sorted(below)


def test_cross_entropy_gradient_is_y_minus_t_and_does_not_vanish(data):
    gaps = data["gaps"]
    for n_text, size in data["sizes"].items():
        n = int(n_text)
        for gap, ce in zip(gaps, size["ce_grad_norm"]):
            p, q, _ = _closed_form(n, gap)
            # y − t with the target on class 1 (not the leader): (p, q − 1, q, …, q)
            expected = math.sqrt(p * p + (q - 1) ** 2 + (n - 2) * q * q)
            assert ce == pytest.approx(expected, rel=1e-9)
        assert size["ce_grad_norm"][-1] == pytest.approx(math.sqrt(2), rel=1e-6)
        # the squared error on the probabilities backpropagates through the vanishing Jacobian
        mse = np.array(size["mse_grad_norm"])
        far = np.array(gaps) > size["gap_below"]
        assert (mse[far] < 0.05).all() and mse[-1] < 1e-6
        assert np.all(np.diff(mse[far]) < 0)


def test_report_gap_numbers_are_the_curves_at_that_gap(data):
    k = data["gaps"].index(EXPERIMENT.settings["report_gap"])
    for n_text, row in data["at_report_gap"].items():
        size = data["sizes"][n_text]
        assert row == {"ce": size["ce_grad_norm"][k], "mse": size["mse_grad_norm"][k], "jac_max": size["jac_max"][k]}


def test_naive_formula_overflows_where_the_registry_does_not(data):
    assert data["naive_is_nan"] and data["stable_finite"]


def test_helpers():
    assert logits(3, 2.0).tolist() == [2.0, 0.0, 0.0]
    with pytest.raises(ValueError, match="n must be at least 2"):
        logits(1, 0.0)
    gaps = np.array([0.0, 1.0, 2.0, 3.0])
    assert last_gap_above(gaps, np.array([4.0, 3.0, 1.0, 0.5]), 2.0) == pytest.approx(1.5)
    assert last_gap_above(gaps, np.array([4.0, 3.0, 3.0, 3.0]), 2.0) is None
    assert last_gap_above(gaps, np.array([1.0, 1.0, 1.0, 1.0]), 2.0) == 0.0
