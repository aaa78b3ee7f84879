"""The training comparison (activations.experiments.training): hand backprop against finite
differences, determinism, the initialisation rule, and the page's claims against the measurement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import activations as act
from activations.experiments import results
from activations.experiments import training as tr

DOCS = Path(__file__).resolve().parent.parent / "docs" / "experiments"
TINY = {**tr.SETTINGS, "points": 6, "width": 5, "depth": 3, "seeds": 2, "steps": 6, "log_every": 2}


@pytest.mark.parametrize("key", ["tanh", "selu", "softplus", "leaky_relu", "gelu"])
def test_hand_backprop_matches_finite_differences(key):
    entry = act.get(key)
    x, y = tr.two_spirals(TINY["points"], TINY["turns"], TINY["noise"], TINY["data_seed"])
    params = tr.init_params(entry, TINY)
    rng = np.random.default_rng(0)
    for name in ("b_in", "b", "b_out"):  # non-zero biases, so their gradients are exercised off 0
        params[name] = 0.1 * rng.standard_normal(params[name].shape)
    _, _, grads, _ = tr.loss_and_grads(entry, params, x, y)
    h = 1e-6
    for name, value in params.items():
        flat = value.reshape(-1)
        for i in rng.choice(flat.size, size=min(6, flat.size), replace=False):
            keep = flat[i]
            flat[i] = keep + h
            up = tr.loss_and_grads(entry, params, x, y, with_grads=False)[0].sum()
            flat[i] = keep - h
            down = tr.loss_and_grads(entry, params, x, y, with_grads=False)[0].sum()
            flat[i] = keep
            # central differences err by O(h²·f‴) ≈ 1e-12 plus rounding ε·L/h ≈ 1e-10; the seeds'
            # losses are independent, so the sum's derivative is the seed's own gradient
            assert grads[name].reshape(-1)[i] == pytest.approx((up - down) / (2 * h), abs=1e-7), (key, name, i)


def test_same_seed_same_numbers_and_seeds_differ():
    entry = act.get("tanh")
    first, second = tr.run(entry, dict(TINY)), tr.run(entry, dict(TINY))
    assert first == second
    assert len(set(first["final_by_seed"]["loss"])) == TINY["seeds"]  # the seeds are independent draws


def test_initialisation_rule_and_data():
    assert [tr.init_for(act.get(k)) for k in ("relu", "gelu", "selu", "tanh", "sigmoid", "sinc")] == \
        ["he", "he", "lecun", "xavier", "xavier", "xavier"]
    x, y = tr.two_spirals(50, 1.25, 0.1, 7)
    assert x.shape == (100, 2) and np.bincount(y).tolist() == [50, 50]
    np.testing.assert_array_equal(x, tr.two_spirals(50, 1.25, 0.1, 7)[0])


def test_adam_first_step_moves_each_weight_by_the_learning_rate():
    # with bias correction, Adam's first step is lr·g/(|g| + ε): lr times the sign of the gradient
    params = {"w": np.array([1.0, -2.0, 3.0])}
    adam = tr.Adam(params, lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    adam.step(params, {"w": np.array([0.5, -4.0, 1e-3])})
    np.testing.assert_allclose(params["w"], [0.99, -1.99, 2.99], atol=1e-7)


def _page_text() -> str:
    return (DOCS / "training.md").read_text(encoding="utf-8") + (DOCS / "training.en.md").read_text(encoding="utf-8")


def test_tanh_against_sigmoid_as_the_page_says():
    tanh, sigmoid = results.get("training", "tanh"), results.get("training", "sigmoid")
    # the page says: tanh's median reaches the target, sigmoid's does not within the run (so it quotes
    # sigmoid's final accuracy instead, below the target)
    assert tanh["steps_to_target_median"] is not None
    assert sigmoid["steps_to_target_median"] is None
    assert sigmoid["final"]["accuracy"] < tr.SETTINGS["target_accuracy"] <= tanh["final"]["accuracy"]
    text = _page_text()
    assert text.count("{{ experiment training tanh steps_to_target_median 4 }}") == 2
    assert text.count("{{ experiment training sigmoid final.accuracy 3 }}") == 2


def test_relu_sparsity_as_the_page_says():
    relu, tanh = results.get("training", "relu"), results.get("training", "tanh")
    # the page says: a large share of ReLU's outputs is exactly 0, none of tanh's, and some ReLU units
    # are dead; "large" is more than a quarter
    assert relu["final"]["sparsity"] > 0.25
    assert tanh["final"]["sparsity"] == 0 and tanh["final"]["dead"] == 0
    assert relu["final"]["dead"] > 0
    text = _page_text()
    for path in ("relu final.sparsity", "relu final.dead"):
        assert text.count(f"{{{{ experiment training {path} 3 }}}}") == 2


def test_the_other_sentences_of_the_page():
    # "Leaky ReLU and GELU produce no exact zeros"
    for key in ("leaky_relu", "gelu"):
        assert results.get("training", key)["final"]["sparsity"] == 0, key
    # "the identity and the soft exponential (the identity again) cannot separate the spirals"
    for key in ("identity", "soft_exponential"):
        r = results.get("training", key)
        assert r["steps_to_target_median"] is None and r["final"]["accuracy"] < tr.SETTINGS["target_accuracy"]
    # "the binary step has f′ = 0 everywhere, so nothing trains": every unit is dead
    assert results.get("training", "binary_step")["final"]["dead"] == 1
