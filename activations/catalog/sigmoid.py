"""Sigmoid-like (saturating) functions."""

from __future__ import annotations

import numpy as np

from .._arrays import elementwise
from ..spec import Activation, Api, Bounds, Properties, Reference, T, inf

# --- kernels -------------------------------------------------------------------------------------


def _sigmoid_pair(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (sigma(x), sigma(-x)) without overflow: both come from z = exp(-|x|) <= 1."""
    z = np.exp(-np.abs(x))
    big = 1.0 / (1.0 + z)  # sigma(|x|)
    small = z / (1.0 + z)  # sigma(-|x|), accurate even where it underflows towards 0
    pos = x >= 0
    return np.where(pos, big, small), np.where(pos, small, big)


@elementwise
def sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(x) = 1/(1+e^{-x})`, evaluated as
    :math:`1/(1+e^{-|x|})` or :math:`e^{-|x|}/(1+e^{-|x|})` by the sign of x, so exp never overflows."""
    return _sigmoid_pair(x)[0]


@elementwise
def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\,\sigma(-x)`: the product of two accurate factors, instead of
    :math:`\sigma(1-\sigma)`, which cancels once :math:`\sigma` rounds towards 1."""
    s, s_neg = _sigmoid_pair(x)
    return s * s_neg


@elementwise
def tanh(x: np.ndarray) -> np.ndarray:
    r"""Hyperbolic tangent :math:`(e^x-e^{-x})/(e^x+e^{-x})`, from the C library (saturates to ±1)."""
    return np.tanh(x)


@elementwise
def tanh_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh'(x) = 1-\tanh^2 x = 4\sigma(2x)\sigma(-2x)`; the second form keeps full relative
    accuracy where :math:`\tanh x` rounds to ±1."""
    s, s_neg = _sigmoid_pair(2.0 * x)
    return 4.0 * s * s_neg


# --- registry entries ----------------------------------------------------------------------------

RUMELHART_1986 = Reference(
    "D. E. Rumelhart, G. E. Hinton, R. J. Williams", 1986,
    "Learning representations by back-propagating errors", "Nature 323, 533–536",
    "https://doi.org/10.1038/323533a0",
)
LECUN_1998 = Reference(
    "Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller", 1998, "Efficient BackProp",
    "Neural Networks: Tricks of the Trade, LNCS 1524, 9–50", "https://doi.org/10.1007/3-540-49430-8_2",
)

ENTRIES = [
    Activation(
        key="sigmoid",
        name=T("Sigmoid 函数", "Sigmoid"),
        family="sigmoid",
        symbol=r"\sigma",
        fn=sigmoid,
        grad=sigmoid_grad,
        tex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        grad_tex=r"\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr) = \sigma(x)\,\sigma(-x)",
        stable_tex=(
            r"\sigma(x) = \begin{cases} \dfrac{1}{1 + e^{-|x|}} & x \ge 0 \\[1ex]"
            r" \dfrac{e^{-|x|}}{1 + e^{-|x|}} & x < 0 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"(0,\ 1)", 0.0, 1.0),
            grad_range=Bounds(r"\left(0,\ \tfrac14\right]", 0.0, 0.25, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("把任意实数压缩到 (0, 1)，常用于二分类输出和门控。",
                  "Squashes any real number into (0, 1); used for binary outputs and gates."),
        references=(RUMELHART_1986,),
        api=Api("torch.nn.Sigmoid", "jax.nn.sigmoid", "keras.activations.sigmoid"),
    ),
    Activation(
        key="tanh",
        name=T("Tanh 函数", "Tanh"),
        family="sigmoid",
        symbol=r"\tanh",
        fn=tanh,
        grad=tanh_grad,
        tex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1",
        grad_tex=r"\tanh'(x) = 1 - \tanh^2(x) = 4\,\sigma(2x)\,\sigma(-2x)",
        properties=Properties(
            range=Bounds(r"(-1,\ 1)", -1.0, 1.0),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("以 0 为中心的 S 型函数，值域 (−1, 1)，常见于 RNN/LSTM 的隐藏状态。",
                  "Zero-centred S-curve with range (−1, 1); common in RNN/LSTM hidden states."),
        references=(LECUN_1998,),
        api=Api("torch.nn.Tanh", "jax.nn.tanh", "keras.activations.tanh"),
    ),
]
