"""The original note's claims, as the sigmoid, tanh, ReLU and softmax pages state them: each page sentence says
whether a claim holds in the experiments, and this test checks that the measurement says the same.
If a change to the experiments turns a result around, this fails and the page must be rewritten."""

from __future__ import annotations

from conftest import ROOT

from activations.experiments import results

PAGES = ROOT / "docs" / "functions"


def _page(key: str, lang: str) -> str:
    return (PAGES / f"{key}{'.en' if lang == 'en' else ''}.md").read_text()


def test_sigmoid_vanishes_within_five_layers_at_initialisation():
    depth = results.get("depth", "sigmoid")
    assert depth["xavier"]["depth_1pct"] <= 5 and depth["he"]["depth_1pct"] <= 5
    for lang, phrase in (("zh", "这句话成立"), ("en", "the claim holds")):
        assert phrase in _page("sigmoid", lang)


def test_tanh_keeps_its_gradient_longer_and_trains_faster_than_sigmoid():
    tanh, sigmoid = results.get("depth", "tanh"), results.get("depth", "sigmoid")
    assert tanh["xavier"]["depth_1pct"] is None  # the page: "does not fall to 1 % within" the depth
    assert sigmoid["xavier"]["depth_1pct"] is not None
    fast, slow = results.get("training", "tanh"), results.get("training", "sigmoid")
    assert fast["steps_to_target_median"] is not None
    # the page names how many sigmoid seeds reach the target; fewer than tanh's, which all do
    assert slow["reached"] < fast["reached"]
    for lang, phrase in (("zh", "在这个任务上这句话成立"), ("en", "On that\ntask the claim holds")):
        assert phrase in _page("tanh", lang)


def test_relu_keeps_the_gradient_only_with_he_and_is_sparse_after_training():
    depth = results.get("depth", "relu")
    assert depth["he"]["depth_1pct"] is None and depth["xavier"]["depth_1pct"] is not None
    relu, tanh = results.get("training", "relu")["final"], results.get("training", "tanh")["final"]
    assert relu["sparsity"] > tanh["sparsity"] and relu["dead"] > 0
    for lang, phrase in (("zh", "只在与 ReLU 匹配的初始化下成立"), ("en", "holds only with the initialisation made for ReLU")):
        assert phrase in _page("relu", lang)


def test_softmax_jacobian_vanishes_with_the_gap_but_cross_entropy_keeps_the_gradient():
    data = results.get("softmax_saturation")
    below = [data["sizes"][n]["gap_below"] for n in ("2", "10", "100")]
    # "the derivative is close to 0 when the inputs differ a lot": every entry < 1 % of ¼ beyond a gap
    assert all(g is not None for g in below)
    # "more marked with many classes", half right: small entries at equal logits, later saturation
    assert below == sorted(below)
    assert data["sizes"]["100"]["jac_max_at_zero"] < data["sizes"]["2"]["jac_max_at_zero"] / 10
    # the gradient vanishes with the squared error, not with cross-entropy
    ten = data["at_report_gap"]["10"]
    assert ten["ce"] > 1.4 and ten["mse"] < 1e-3
    for lang, phrases in (("zh", ("这句话成立", "只对了一半", "只在不用交叉熵时成立")),
                          ("en", ("the claim holds", "half right", "holds only without\n  cross-entropy"))):
        page = _page("softmax", lang)
        for phrase in phrases:
            assert phrase in page, (lang, phrase)
