"""Vector-valued functions: they map a vector (one axis of an array) to a vector.

Conventions for every function here:

* ``fn(x, axis=-1)`` works along ``axis`` of an array with at least one dimension;
* ``grad(x, axis=-1)`` is the Jacobian: ``J[..., i, j] = d y_i / d x_j``, with ``axis`` moved to the
  end and one more axis appended (shape ``moveaxis(x, axis, -1).shape + (n,)``);
* ``vjp(x, g, axis=-1)`` is the vector-Jacobian product ``g @ J`` without forming ``J``, with the
  shape of ``x``: what back-propagation actually computes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._arrays import as_real_array
from ..drawers import drawer
from ..spec import Activation, Api, Bounds, Param, Properties, Reference, T


def _prepare(x: Any, axis: Any) -> tuple[np.ndarray, np.dtype, int]:
    """Validate ``x`` and ``axis``; return x in its compute dtype, the output dtype and the axis."""
    arr = as_real_array(x)
    if arr.ndim == 0:
        raise ValueError("x must have at least one dimension (the axis the function acts along)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"parameter axis must be an int, got {axis!r}")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(
            f"parameter axis={axis} is out of range for an input with {arr.ndim} dimension(s): "
            f"use -{arr.ndim} <= axis < {arr.ndim}"
        )
    work = arr.astype(np.float32, copy=False) if arr.dtype == np.float16 else arr
    return work, arr.dtype, int(axis) % arr.ndim


TEMPERATURE = Param(
    "temperature", 1.0, "T",
    T("温度：用 x/T 代替 x；T 越小输出越接近 one-hot，T 越大越接近均匀分布。",
      "Temperature: x/T replaces x; small T approaches one-hot, large T uniform."),
    "> 0 and finite", lambda t: 0 < t < np.inf,
)
_check_temperature = TEMPERATURE.check


def _softmax(work: np.ndarray, axis: int) -> np.ndarray:
    """softmax(x) = softmax(x - max x): the shift makes every exponent <= 0, so nothing overflows.
    A row that contains +inf, or is all -inf, has no defined softmax and gives NaN."""
    if work.size == 0:
        return work.copy()
    m = np.max(work, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore"):  # inf - inf occurs in exactly those undefined rows
        e = np.exp(work - m)
        return e / np.sum(e, axis=axis, keepdims=True)


def softmax(x: Any, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Softmax along ``axis``: :math:`y_i = e^{x_i/T} / \sum_j e^{x_j/T}`, computed from
    :math:`x - \max x`."""
    work, dtype, ax = _prepare(x, axis)
    t = _check_temperature(temperature)
    scaled = work / t if t != 1.0 else work
    return _softmax(scaled, ax).astype(dtype, copy=False)


def softmax_jacobian(x: Any, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Jacobian :math:`\partial y_i/\partial x_j = y_i(\delta_{ij} - y_j)/T`, new axes last."""
    work, dtype, ax = _prepare(x, axis)
    t = _check_temperature(temperature)
    y = np.moveaxis(_softmax(work / t, ax), ax, -1)
    eye = np.eye(y.shape[-1], dtype=y.dtype)
    jac = y[..., :, None] * (eye - y[..., None, :]) / t
    return jac.astype(dtype, copy=False)


def softmax_vjp(x: Any, g: Any, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Vector-Jacobian product :math:`(g^\top J)_j = y_j\,(g_j - \sum_i g_i y_i)/T`."""
    work, dtype, ax = _prepare(x, axis)
    t = _check_temperature(temperature)
    g = as_real_array(g, "g")
    if g.shape != work.shape:
        raise ValueError(f"g must have the shape of x {work.shape}, got {g.shape}")
    y = _softmax(work / t, ax)
    out = y * (g - np.sum(g * y, axis=ax, keepdims=True)) / t
    return out.astype(dtype, copy=False)


BRIDLE_1990 = Reference(
    "J. S. Bridle", 1990,
    "Probabilistic Interpretation of Feedforward Classification Network Outputs, with Relationships "
    "to Statistical Pattern Recognition",
    "Neurocomputing, NATO ASI Series F68, 227–236", "https://doi.org/10.1007/978-3-642-76153-9_28",
)

ENTRIES = [
    Activation(
        key="softmax",
        name=T("Softmax 函数", "Softmax"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{softmax}",
        fn=softmax,
        grad=softmax_jacobian,
        vjp=softmax_vjp,
        tex=r"\operatorname{softmax}(\mathbf{x})_i = \frac{e^{x_i}}{\sum_{j=1}^{n} e^{x_j}}, \quad i = 1, \dots, n",
        grad_tex=(
            r"\frac{\partial\, \operatorname{softmax}(\mathbf{x})_i}{\partial x_j}"
            r" = y_i\,(\delta_{ij} - y_j) = \begin{cases} y_i(1 - y_i) & i = j \\ -y_i\, y_j & i \ne j"
            r" \end{cases}, \quad \mathbf{y} = \operatorname{softmax}(\mathbf{x})"
        ),
        stable_tex=r"\operatorname{softmax}(\mathbf{x}) = \operatorname{softmax}(\mathbf{x} - \max_k x_k)",
        params=(TEMPERATURE,),
        properties=Properties(
            range=Bounds(r"(0,\ 1)^n,\ \textstyle\sum_i y_i = 1", 0.0, 1.0),
            grad_range=Bounds(r"\left[-\tfrac14,\ \tfrac14\right]", -0.25, 0.25, True, True),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("把一个实数向量变成概率分布：各分量在 (0, 1) 内且和为 1。",
                  "Turns a real vector into a probability distribution: entries in (0, 1) summing to 1."),
        references=(BRIDLE_1990,),
        api=Api("torch.nn.Softmax", "jax.nn.softmax", "keras.activations.softmax"),
        xlim=(-6.0, 6.0),
        extra_figures=("softmax_two_class", "softmax_temperature", "softmax_jacobian"),
    ),
]


# --- figures -------------------------------------------------------------------------------------
# A softmax maps vectors to vectors, so "f(x) against x" says nothing; these three figures show what
# it does instead. The example logits below are part of each figure's definition.

SOFTMAX_EXAMPLE_LOGITS = (2.0, 1.0, 0.1, -1.0)
SOFTMAX_TEMPERATURES = (0.25, 0.5, 1.0, 2.0, 4.0)


@drawer(
    "softmax_two_class",
    caption=T("两类 softmax：第一类的概率及其对 x₁ 的偏导，作为 logit 差 x₁ − x₂ 的函数；阴影处偏导小于 0.05",
              "Two-class softmax: the first probability and its partial derivative in x₁ against the "
              "logit difference x₁ − x₂; shaded where the derivative is below 0.05"),
    alt=T("两类 softmax 的概率曲线与导数曲线，两端导数趋于 0",
          "Probability and derivative curves of a two-class softmax; the derivative vanishes at both ends"),
)
def _draw_two_class(c, figure) -> None:
    d = np.linspace(-6, 6, 1201)
    logits = np.stack([d, np.zeros_like(d)], axis=-1)
    y1 = softmax(logits)[:, 0]
    dy = softmax_jacobian(logits)[:, 0, 0]
    ax = c.ax
    c.style_axes(ax, xlabel="$x_1 - x_2$")
    ax.fill_between(d, 0, dy, where=dy < 0.05, color=c.shade, alpha=0.25, linewidth=0)
    ax.plot(d, y1, color=c.colors[0], linewidth=2, label=r"$y_1 = \operatorname{softmax}(x_1, x_2)_1$")
    ax.plot(d, dy, color=c.colors[1], linewidth=1.8, linestyle="--",
            label=r"$\partial y_1 / \partial x_1 = y_1(1 - y_1)$")
    ax.set_xlim(-6, 6)
    c.legend(ax, loc="center left", fontsize=9)


@drawer(
    "softmax_temperature",
    caption=T("温度 T 的作用：固定 logits x = (2, 1, 0.1, −1) 时各分量概率随 T 的变化（对数横轴）",
              "The effect of temperature T: each probability for the fixed logits x = (2, 1, 0.1, −1) "
              "as T varies (log axis)"),
    alt=T("softmax 输出随温度变化的曲线：T 小时接近 one-hot，T 大时趋于均匀",
          "Softmax outputs against temperature: near one-hot for small T, near uniform for large T"),
)
def _draw_temperature(c, figure) -> None:
    temps = np.geomspace(0.1, 10, 400)
    x = np.asarray(SOFTMAX_EXAMPLE_LOGITS)
    ys = np.stack([softmax(x, temperature=t) for t in temps])
    ax = c.ax
    c.style_axes(ax, xlabel="$T$", origin=False)
    ax.set_xscale("log")
    for i, (color, xi) in enumerate(zip(c.colors, x)):
        ax.plot(temps, ys[:, i], color=color, linewidth=1.8, label=f"$y_{i + 1}\\ (x_{i + 1} = {xi:g})$")
    ax.axhline(1 / len(x), color=c.ink, linewidth=0.8, linestyle=":", alpha=0.7)
    ax.set_xlim(temps[0], temps[-1])
    ax.set_ylim(0, 1)
    c.legend(ax, loc="upper right", fontsize=9)


@drawer(
    "softmax_jacobian",
    caption=T("x = (2, 1, 0.1, −1) 处 softmax 的雅可比矩阵 ∂yᵢ/∂xⱼ：对角线为正，其余为负，每行之和为 0",
              "The softmax Jacobian ∂yᵢ/∂xⱼ at x = (2, 1, 0.1, −1): positive diagonal, negative "
              "elsewhere, every row sums to 0"),
    alt=T("4×4 雅可比矩阵热图，格内标有数值", "Heat map of the 4×4 Jacobian with its values in the cells"),
    size=(5.2, 4.2),
)
def _draw_jacobian(c, figure) -> None:
    x = np.asarray(SOFTMAX_EXAMPLE_LOGITS)
    jac = softmax_jacobian(x)
    n = len(x)
    ax = c.ax
    limit = float(np.max(np.abs(jac)))
    image = ax.imshow(jac, cmap="RdBu_r", vmin=-limit, vmax=limit)
    for i in range(n):
        for j in range(n):
            value = jac[i, j]
            ax.text(j, i, f"{value:.3f}".replace("-", "−"), ha="center", va="center", fontsize=9,
                    color="white" if abs(value) > 0.6 * limit else "black")
    ax.set_xticks(range(n), [f"$x_{j + 1}$" for j in range(n)])
    ax.set_yticks(range(n), [f"$y_{i + 1}$" for i in range(n)])
    ax.tick_params(colors=c.ink, length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = c.fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    bar.ax.tick_params(colors=c.ink)
    bar.outline.set_visible(False)
