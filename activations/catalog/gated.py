"""GLU variants (Shazeer 2020, "GLU Variants Improve Transformer"): SwiGLU, GEGLU, ReGLU and the
bilinear (ungated) GLU.

Every function here follows the convention of :func:`activations.catalog.vector.glu` and of PyTorch's
``torch.nn.GLU`` (``a, b = input.chunk(2, dim); a * sigmoid(b)``): x is split along ``axis`` into two
halves of equal size, the first half ``a`` is the **value** and the second half ``b`` the **gate**
input, and the output ``a * g(b)`` has half the size along ``axis``. Only the gate ``g`` differs:
Swish-β (SwiGLU), GELU (GEGLU), ReLU (ReGLU), the identity (bilinear).

Shazeer writes the layer as ``FFN_GLU(x) = (σ(xW) ⊗ xV) W2``: ``xW`` (gated) and ``xV`` (value) are
two linear maps of the same input. Fused implementations compute both as one linear map to twice
the width and split the result; the functions here are that element-wise part after the split.
Paddle's and MindSpore's ``swiglu`` gate the *first* half instead (``silu(x0) * x1``).

The Jacobian has shape ``moveaxis(x, axis, -1).shape[:-1] + (n/2, n)``: row i holds ``g(b_i)`` in
column i (the value) and ``a_i g'(b_i)`` in column ``n/2 + i`` (the gate), zeros elsewhere.
float32 (and float16) input is computed in float64 and rounded once, as GLU is. The gates are the
library's own stable element-wise kernels (:func:`~activations.catalog.smooth_relu.silu`,
:func:`~activations.catalog.smooth_relu.gelu`, :func:`~activations.catalog.relu.relu`) with their
derivatives; ``inf * 0`` (an infinite value meeting a closed gate) is NaN, without a warning. The
split, the products and the Jacobian's layout are GLU's own helpers (``_apply``, ``_jacobian``, ``_vjp``
in :mod:`activations.catalog.vector`); each function here only names its gate.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ..figures.drawers import drawer
from .relu import relu, relu_grad
from .smooth_relu import SILU_BETA, gelu, gelu_grad, silu, silu_grad
from .vector import DAUPHIN_2017, _apply, _jacobian, _vjp

__all__ = [
    "swiglu", "swiglu_jacobian", "swiglu_vjp", "geglu", "geglu_jacobian", "geglu_vjp",
    "reglu", "reglu_jacobian", "reglu_vjp", "bilinear_glu", "bilinear_glu_jacobian", "bilinear_glu_vjp",
]


# --- SwiGLU --------------------------------------------------------------------------------------

SWIGLU_BETA = Param(
    "beta", 1.0, r"\beta",
    T("门 Swish-β 中的 β：β = 1 时门为 SiLU（LLaMA、PaLM 所用），β = 0 时门为 b/2。",
      "The β of the Swish-β gate: β = 1 makes the gate SiLU (as in LLaMA and PaLM), β = 0 makes it b/2."),
    SILU_BETA.allowed, SILU_BETA.ok, span=(0.0, 5.0),
)


def _swish(beta: Any) -> tuple[Callable, Callable]:
    b = SWIGLU_BETA.check(beta)
    return (lambda t: silu(t, beta=b)), (lambda t: silu_grad(t, beta=b))


def swiglu(x: Any, axis: int = -1, beta: float = 1.0) -> np.ndarray:
    r"""SwiGLU along ``axis``: :math:`\mathbf{a} \odot \operatorname{Swish}_\beta(\mathbf{b})`,
    :math:`\operatorname{Swish}_\beta(b) = b\,\sigma(\beta b)`, with (a, b) the halves of x."""
    return _apply(x, axis, "swiglu", _swish(beta)[0])


def swiglu_jacobian(x: Any, axis: int = -1, beta: float = 1.0) -> np.ndarray:
    r"""Row i: :math:`\operatorname{Swish}_\beta(b_i)` at :math:`a_i`, :math:`a_i\,\operatorname{Swish}_\beta'(b_i)` at :math:`b_i`."""
    return _jacobian(x, axis, "swiglu", *_swish(beta))


def swiglu_vjp(x: Any, g: Any, axis: int = -1, beta: float = 1.0) -> np.ndarray:
    r""":math:`(\mathbf{g} \odot \operatorname{Swish}_\beta(\mathbf{b}),\ \mathbf{g} \odot \mathbf{a} \odot \operatorname{Swish}_\beta'(\mathbf{b}))`."""
    return _vjp(x, g, axis, "swiglu", *_swish(beta))


# --- GEGLU ---------------------------------------------------------------------------------------


def _gelu(approximate: str) -> tuple[Callable, Callable]:
    return (lambda t: gelu(t, approximate=approximate)), (lambda t: gelu_grad(t, approximate=approximate))


def geglu(x: Any, axis: int = -1, approximate: str = "none") -> np.ndarray:
    r"""GEGLU along ``axis``: :math:`\mathbf{a} \odot \operatorname{GELU}(\mathbf{b})` with the exact
    :math:`\operatorname{GELU}(b) = b\,\Phi(b)`; ``approximate="tanh"`` uses the tanh approximation of
    GELU for the gate (as PyTorch's ``GELU(approximate='tanh')``)."""
    return _apply(x, axis, "geglu", _gelu(approximate)[0])


def geglu_jacobian(x: Any, axis: int = -1, approximate: str = "none") -> np.ndarray:
    r"""Row i: :math:`\operatorname{GELU}(b_i)` at :math:`a_i`, :math:`a_i\,(\Phi(b_i) + b_i\varphi(b_i))` at :math:`b_i`."""
    return _jacobian(x, axis, "geglu", *_gelu(approximate))


def geglu_vjp(x: Any, g: Any, axis: int = -1, approximate: str = "none") -> np.ndarray:
    r""":math:`(\mathbf{g} \odot \operatorname{GELU}(\mathbf{b}),\ \mathbf{g} \odot \mathbf{a} \odot \operatorname{GELU}'(\mathbf{b}))`."""
    return _vjp(x, g, axis, "geglu", *_gelu(approximate))


# --- ReGLU ---------------------------------------------------------------------------------------


def reglu(x: Any, axis: int = -1) -> np.ndarray:
    r"""ReGLU along ``axis``: :math:`\mathbf{a} \odot \max(\mathbf{b}, 0)`."""
    return _apply(x, axis, "reglu", relu)


def reglu_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Row i: :math:`\max(b_i, 0)` at :math:`a_i`, :math:`a_i [b_i > 0]` at :math:`b_i` (0 at the kink b = 0,
    as ReLU's derivative in PyTorch and JAX)."""
    return _jacobian(x, axis, "reglu", relu, relu_grad)


def reglu_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r""":math:`(\mathbf{g} \odot \max(\mathbf{b}, 0),\ \mathbf{g} \odot \mathbf{a} \odot [\mathbf{b} > 0])`."""
    return _vjp(x, g, axis, "reglu", relu, relu_grad)


# --- bilinear ------------------------------------------------------------------------------------


def _identity(t: np.ndarray) -> np.ndarray:
    return t


def _one(t: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(t), np.nan, 1.0).astype(t.dtype)


def bilinear_glu(x: Any, axis: int = -1) -> np.ndarray:
    r"""The bilinear layer of Shazeer (2020) along ``axis``: :math:`\mathbf{a} \odot \mathbf{b}`, no gate."""
    return _apply(x, axis, "bilinear_glu", _identity)


def bilinear_glu_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Row i: :math:`b_i` at :math:`a_i`, :math:`a_i` at :math:`b_i`."""
    return _jacobian(x, axis, "bilinear_glu", _identity, _one)


def bilinear_glu_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r""":math:`(\mathbf{g} \odot \mathbf{b},\ \mathbf{g} \odot \mathbf{a})`."""
    return _vjp(x, g, axis, "bilinear_glu", _identity, _one)


# --- entries -------------------------------------------------------------------------------------

SHAZEER_2020 = Reference(
    "N. Shazeer", 2020, "GLU Variants Improve Transformer", "arXiv preprint arXiv:2002.05202",
    "https://arxiv.org/abs/2002.05202",
)

_SPLIT = r"\mathbf{x} = (\mathbf{a}, \mathbf{b}),\ \mathbf{a}, \mathbf{b} \in \mathbb{R}^{n/2}"


def _props(smoothness: str, grad_tex: str = r"(-\infty,\ +\infty)") -> Properties:
    return Properties(
        range=Bounds(r"(-\infty,\ +\infty)^{n/2}", -inf, inf),
        grad_range=Bounds(grad_tex, -inf, inf),
        monotonic=False,  # the output falls in the value a_i wherever the gate g(b_i) < 0, or in b_i where a_i < 0
        zero_centered=False,
        smoothness=smoothness,
    )


ENTRIES = [
    Activation(
        key="swiglu",
        name=T("SwiGLU 函数", "SwiGLU"),
        aliases=("Swish-gated linear unit", "Swish GLU", "SiLU GLU", "SwiGLU FFN", "门控 Swish"),
        family="gated",
        kind="vector",
        symbol=r"\operatorname{SwiGLU}",
        fn=swiglu,
        grad=swiglu_jacobian,
        vjp=swiglu_vjp,
        tex=(
            r"\operatorname{SwiGLU}(\mathbf{x}) = \mathbf{a} \odot \operatorname{Swish}_\beta(\mathbf{b}), \quad "
            + _SPLIT + r", \quad \operatorname{Swish}_\beta(b) = b\,\sigma(\beta b)"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{SwiGLU}(\mathbf{x})_i}{\partial a_j} = \delta_{ij}\, b_i\, \sigma(\beta b_i),"
            r" \quad \frac{\partial\, \operatorname{SwiGLU}(\mathbf{x})_i}{\partial b_j}"
            r" = \delta_{ij}\, a_i\, \sigma(\beta b_i) \bigl(1 + \beta b_i\, \sigma(-\beta b_i)\bigr)"
        ),
        params=(SWIGLU_BETA,),
        properties=_props("Cinf"),
        summary=T("以 Swish（β = 1 时即 SiLU）作门的门控线性单元：沿一个轴把输入对半分成 a 与 b，输出 a ⊙ Swish(b)；"
                  "LLaMA、PaLM 等大语言模型前馈层的标准选择。",
                  "The gated linear unit with a Swish gate (SiLU at β = 1): splits the input in half along an "
                  "axis into a and b and outputs a ⊙ Swish(b); the standard feed-forward choice of large "
                  "language models such as LLaMA and PaLM."),
        references=(SHAZEER_2020,),
        api=Api(None, None, None, None, "paddle.nn.functional.swiglu(x, y=None)",
                "mindspore.ops.swiglu(input, dim=-1)", None),
        family_values=({"beta": 0.5}, {"beta": 2.0}),
        extra_figures=("swiglu_gates",),
    ),
    Activation(
        key="geglu",
        name=T("GEGLU 函数", "GEGLU"),
        aliases=("GELU-gated linear unit", "GELU GLU", "门控 GELU"),
        family="gated",
        kind="vector",
        symbol=r"\operatorname{GEGLU}",
        fn=geglu,
        grad=geglu_jacobian,
        vjp=geglu_vjp,
        tex=(
            r"\operatorname{GEGLU}(\mathbf{x}) = \mathbf{a} \odot \operatorname{GELU}(\mathbf{b}), \quad "
            + _SPLIT + r", \quad \operatorname{GELU}(b) = b\,\Phi(b)"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{GEGLU}(\mathbf{x})_i}{\partial a_j} = \delta_{ij}\, b_i\, \Phi(b_i),"
            r" \quad \frac{\partial\, \operatorname{GEGLU}(\mathbf{x})_i}{\partial b_j}"
            r" = \delta_{ij}\, a_i \bigl(\Phi(b_i) + b_i\, \varphi(b_i)\bigr)"
        ),
        properties=_props("Cinf"),
        summary=T("以精确 GELU（b·Φ(b)，Φ 为标准正态分布函数）作门的门控线性单元：输出 a ⊙ GELU(b)，用于 T5 v1.1 等 Transformer 的前馈层。",
                  "The gated linear unit with the exact GELU gate (b·Φ(b), Φ the standard normal CDF): outputs "
                  "a ⊙ GELU(b); used in the feed-forward layers of Transformers such as T5 v1.1."),
        references=(SHAZEER_2020,),
        api=Api(None, None, None, None, None, None, None),
        notes={"approximate": ("none", "tanh")},
    ),
    Activation(
        key="reglu",
        name=T("ReGLU 函数", "ReGLU"),
        aliases=("ReLU-gated linear unit", "ReLU GLU", "门控 ReLU"),
        family="gated",
        kind="vector",
        symbol=r"\operatorname{ReGLU}",
        fn=reglu,
        grad=reglu_jacobian,
        vjp=reglu_vjp,
        tex=(
            r"\operatorname{ReGLU}(\mathbf{x}) = \mathbf{a} \odot \max(\mathbf{b}, 0), \quad " + _SPLIT
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{ReGLU}(\mathbf{x})_i}{\partial a_j} = \delta_{ij} \max(b_i, 0),"
            r" \quad \frac{\partial\, \operatorname{ReGLU}(\mathbf{x})_i}{\partial b_j}"
            r" = \delta_{ij}\, a_i \begin{cases} 1 & b_i > 0 \\ 0 & b_i \le 0 \end{cases}"
        ),
        properties=_props("C0"),
        summary=T("以 ReLU 作门的门控线性单元：输出 a ⊙ max(b, 0)，门的输入为负时输出恰为 0。",
                  "The gated linear unit with a ReLU gate: outputs a ⊙ max(b, 0), exactly 0 wherever the gate "
                  "input is negative."),
        references=(SHAZEER_2020,),
        api=Api(None, None, None, None, None, None, None),
    ),
    Activation(
        key="bilinear_glu",
        name=T("双线性 GLU", "Bilinear GLU"),
        aliases=("bilinear layer", "双线性层", "无门控 GLU"),
        family="gated",
        kind="vector",
        symbol=r"\operatorname{Bilinear}",
        fn=bilinear_glu,
        grad=bilinear_glu_jacobian,
        vjp=bilinear_glu_vjp,
        tex=r"\operatorname{Bilinear}(\mathbf{x}) = \mathbf{a} \odot \mathbf{b}, \quad " + _SPLIT,
        grad_tex=(
            r"\frac{\partial\, \operatorname{Bilinear}(\mathbf{x})_i}{\partial a_j} = \delta_{ij}\, b_i,"
            r" \quad \frac{\partial\, \operatorname{Bilinear}(\mathbf{x})_i}{\partial b_j} = \delta_{ij}\, a_i"
        ),
        properties=_props("Cinf"),
        summary=T("不带激活函数的“门”：两半逐元素相乘 a ⊙ b，是 GLU 去掉 sigmoid 后的形式。",
                  "The ungated variant: the two halves multiplied entry by entry, a ⊙ b, i.e. GLU without "
                  "its sigmoid."),
        references=(SHAZEER_2020, DAUPHIN_2017),
        api=Api(None, None, None, None, None, None, None),
    ),
]


# --- figure --------------------------------------------------------------------------------------


@drawer(
    "swiglu_gates",
    caption=T("GLU 的 sigmoid 与 Shazeer（2020）的四种门 g(b)：输出为 a·g(b)，图中取 a = 1。sigmoid（GLU）有界，Swish、GELU、ReLU "
              "在 b 很大时近似于 b，恒等门（双线性）是一条直线",
              "The four gates g(b) of Shazeer (2020) and GLU's sigmoid: the output is a·g(b), drawn for a = 1. "
              "The sigmoid is bounded; Swish, GELU and ReLU approach b for large b; the identity "
              "(bilinear) is a straight line"),
    alt=T("五条曲线：sigmoid、Swish、GELU、ReLU 与恒等函数", "Five curves: sigmoid, Swish, GELU, ReLU and the identity"),
)
def _draw_gates(c, figure) -> None:
    from .sigmoid import sigmoid

    b = np.linspace(-4, 4, 801)
    ax = c.ax
    c.style_axes(ax, xlabel="$b$")
    curves = [
        (r"$\sigma(b)$ (GLU)", sigmoid(b), "-"),
        (r"$b\,\sigma(b)$ (SwiGLU)", silu(b), "-"),
        (r"$b\,\Phi(b)$ (GEGLU)", gelu(b), "--"),
        (r"$\max(b, 0)$ (ReGLU)", relu(b), "-."),
        (r"$b$ (Bilinear)", b, ":"),
    ]
    for color, (label, y, style) in zip(c.colors, curves):
        ax.plot(b, y, color=color, linewidth=1.9, linestyle=style, label=label)
    ax.set_xlim(b[0], b[-1])
    ax.set_ylim(-1.5, 4.0)
    c.legend(ax, loc="upper left", fontsize=9)
