"""ReLU-like (piecewise-linear) functions."""

from __future__ import annotations

import numpy as np

from .._arrays import elementwise
from ..spec import Activation, Api, Bounds, Properties, Reference, T, inf


def step(x: np.ndarray, at_zero: float = 0.0) -> np.ndarray:
    """Heaviside step H(x) with H(0) = ``at_zero``; NaN stays NaN."""
    return np.heaviside(x, at_zero).astype(x.dtype, copy=False)


@elementwise
def relu(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{ReLU}(x) = \max(0, x)`; ``np.maximum`` propagates NaN."""
    return np.maximum(x, 0)


@elementwise
def relu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{ReLU}'(x) = 1` for x > 0, else 0 (0 at the kink, as PyTorch and JAX do)."""
    return step(x)


NAIR_HINTON_2010 = Reference(
    "V. Nair, G. E. Hinton", 2010, "Rectified Linear Units Improve Restricted Boltzmann Machines",
    "ICML 2010", "https://dl.acm.org/doi/10.5555/3104322.3104425",
)
GLOROT_2011 = Reference(
    "X. Glorot, A. Bordes, Y. Bengio", 2011, "Deep Sparse Rectifier Neural Networks", "AISTATS 2011",
    "https://proceedings.mlr.press/v15/glorot11a.html",
)

ENTRIES = [
    Activation(
        key="relu",
        name=T("ReLU 函数", "ReLU"),
        family="relu",
        symbol=r"\operatorname{ReLU}",
        fn=relu,
        grad=relu_grad,
        tex=r"\operatorname{ReLU}(x) = \max(0,\ x)",
        grad_tex=(
            r"\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"[0,\ +\infty)", 0.0, inf, lo_closed=True),
            grad_range=Bounds(r"\{0,\ 1\}", 0.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("负数截为 0、正数原样通过；计算便宜，是深度网络隐藏层的默认选择。",
                  "Zero for negatives, identity for positives; cheap, the default for hidden layers."),
        references=(NAIR_HINTON_2010, GLOROT_2011),
        api=Api("torch.nn.ReLU", "jax.nn.relu", "keras.activations.relu"),
    ),
]
