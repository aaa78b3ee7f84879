"""Plain-text formulas for search previews (scripts/search_text.py)."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from search_text import readable  # noqa: E402


def test_common_formulas_read_as_plain_text():
    assert readable(r"\[\sigma(x) = \frac{1}{1 + e^{-x}}\]") == "σ(x) = 1/(1 + e^(-x))"
    assert readable(r"\(\operatorname{GELU}(x) = x\,\Phi(x)\)") == "GELU(x) = x Φ(x)"
    assert readable(r"range \([-20, 20]\) here") == "range [-20, 20] here"
    assert readable(r"\(x \le 0 \iff y \in \mathbb{R}\)") == "x ≤ 0 ⇔ y ∈ ℝ"


def test_text_without_math_is_unchanged():
    text = "梯度消失 vanishing gradients, 0.25"
    assert readable(text) == text
