"""ReLU-like (piecewise-linear) functions.

Conventions shared by every kernel here:

* at a kink the derivative is the one PyTorch's backward (and JAX's custom JVPs, where JAX has the
  function) returns, stated in each kernel's docstring: for ReLU-like units that is the slope of the
  branch that contains the kink point, e.g. ReLU'(0) = 0 and LeakyReLU'(0) = alpha;
* a comparison silently sends NaN down one branch, so every derivative passes through
  :func:`_keep_nan` and every function is written with NaN-propagating primitives
  (``np.maximum``/``np.minimum``/``np.clip``) or with NaN falling into the ``x`` branch;
* a slope multiplies a clamped argument (``slope * min(x, 0)``), never ``x`` itself inside a discarded
  ``np.where`` branch, and a zero slope contributes nothing even at ``x = -inf`` (no ``0 * inf``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..core.arrays import elementwise
from ..figures.drawers import drawer
from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf


def step(x: np.ndarray, at_zero: float = 0.0) -> np.ndarray:
    """Heaviside step H(x) with H(0) = ``at_zero``; NaN stays NaN."""
    return np.heaviside(x, at_zero).astype(x.dtype, copy=False)


def _keep_nan(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``y`` with NaN wherever ``x`` is NaN (a comparison would have sent NaN to some branch)."""
    return np.where(np.isnan(x), x, y).astype(x.dtype, copy=False)


def _scaled(slope: Any, v: np.ndarray) -> np.ndarray:
    """``slope * v`` where ``slope != 0`` and exactly 0 elsewhere, so a zero slope times an infinite
    ``v`` is 0 (the limit of the piecewise-linear function), not NaN. ``slope`` is a number or an
    array broadcastable to ``v``."""
    return np.multiply(slope, v, out=np.zeros_like(v), where=np.asarray(slope) != 0)


def _two_slopes(x: np.ndarray, slope: Any) -> np.ndarray:
    r""":math:`\max(0, x) + s\min(0, x)`: identity for x > 0, slope ``s`` for x <= 0. Exact for
    every x (one product and an addition of 0), and ``s`` never multiplies a positive x."""
    return np.maximum(x, 0) + _scaled(slope, np.minimum(x, 0))


def _two_slopes_grad(x: np.ndarray, slope: Any) -> np.ndarray:
    """1 for x > 0, ``slope`` for x <= 0 (the negative branch owns the kink, as in PyTorch)."""
    return _keep_nan(x, np.where(x > 0, x.dtype.type(1), np.asarray(slope, dtype=x.dtype)))


# --- ReLU ----------------------------------------------------------------------------------------


@elementwise
def relu(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{ReLU}(x) = \max(0, x)`; ``np.maximum`` propagates NaN."""
    return np.maximum(x, 0)


@elementwise
def relu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{ReLU}'(x) = 1` for x > 0, else 0 (0 at the kink, as PyTorch and JAX do)."""
    return step(x)


# --- Leaky ReLU ----------------------------------------------------------------------------------

NEGATIVE_SLOPE = Param(
    "negative_slope", 0.01, r"\alpha",
    T("负半轴的斜率 α：x < 0 时输出 αx。PyTorch 与 JAX 默认 0.01，Keras 函数默认 0.2，Keras 层默认 0.3。",
      "Slope α on the negative half-axis: the output is αx for x < 0. PyTorch and JAX default to 0.01, "
      "the Keras function to 0.2 and the Keras layer to 0.3."),
    span=(0.0, 0.5),
)


@elementwise
def leaky_relu(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    r""":math:`\mathrm{LeakyReLU}(x) = \max(0, x) + \alpha\min(0, x)` (x for x > 0, αx otherwise)."""
    return _two_slopes(x, NEGATIVE_SLOPE.check(negative_slope))


@elementwise
def leaky_relu_grad(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    r""":math:`\mathrm{LeakyReLU}'(x) = 1` for x > 0 and α for x <= 0.

    At the kink this is α, PyTorch's convention (``leaky_relu_backward`` tests ``x > 0``), which
    reduces to ReLU'(0) = 0 for α = 0. JAX differentiates ``where(x >= 0, x, αx)`` and gets 1 at 0.
    """
    return _two_slopes_grad(x, NEGATIVE_SLOPE.check(negative_slope))


# --- PReLU ---------------------------------------------------------------------------------------

PRELU_A = Param(
    "a", 0.25, "a",
    T("负半轴的斜率 a，是随网络一起训练的参数（每层一个或每个通道一个）；这里取 PyTorch 的初始值 0.25。",
      "Slope a on the negative half-axis, a parameter trained with the network (one per layer or per "
      "channel); shown at PyTorch's initial value 0.25."),
    span=(0.0, 1.0),
)


@elementwise
def prelu(x: np.ndarray, a: float = 0.25) -> np.ndarray:
    r""":math:`\mathrm{PReLU}(x) = \max(0, x) + a\min(0, x)` with a learned slope a."""
    return _two_slopes(x, PRELU_A.check(a))


@elementwise
def prelu_grad(x: np.ndarray, a: float = 0.25) -> np.ndarray:
    r""":math:`\mathrm{PReLU}'(x) = 1` for x > 0 and a for x <= 0 (a at the kink, as PyTorch's
    ``prelu`` backward, which tests ``x > 0``). The derivative in a, :math:`\min(0, x)`, is what
    training uses to learn a; it is not part of this function."""
    return _two_slopes_grad(x, PRELU_A.check(a))


# --- RReLU ---------------------------------------------------------------------------------------

RRELU_LOWER = Param(
    "lower", 1 / 8, "l",
    T("训练时随机斜率所服从均匀分布的下界 l（须 l ≤ u）。", "Lower bound l of the uniform distribution of the "
      "random slope in training (l ≤ u is required)."),
    span=(0.0, 0.3),
)
RRELU_UPPER = Param(
    "upper", 1 / 3, "u",
    T("训练时随机斜率所服从均匀分布的上界 u。", "Upper bound u of the uniform distribution of the random slope "
      "in training."),
    span=(0.2, 1.0),
)


def _rrelu_slope(x: np.ndarray, lower: Any, upper: Any, training: Any, rng: Any) -> Any:
    """The negative-side slope: (l + u)/2 in evaluation mode, one U(l, u) draw per element in training.

    The draw covers every element (not only the negative ones), so ``fn`` and ``grad`` called with
    generators in the same state use the same slopes."""
    lo, hi = RRELU_LOWER.check(lower), RRELU_UPPER.check(upper)
    if lo > hi:
        raise ValueError(f"parameters lower and upper must satisfy lower <= upper, got lower={lo!r}, upper={hi!r}")
    if not isinstance(training, (bool, np.bool_)):
        raise TypeError(f"parameter training must be a bool, got {training!r}")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"parameter rng must be a numpy.random.Generator or None, got {rng!r}")
    if not training:
        return (lo + hi) / 2
    rng = np.random.default_rng() if rng is None else rng
    return rng.uniform(lo, hi, size=x.shape).astype(x.dtype)


@elementwise
def rrelu(x: np.ndarray, lower: float = 1 / 8, upper: float = 1 / 3, training: bool = False,
          rng: np.random.Generator | None = None) -> np.ndarray:
    r"""Randomized leaky ReLU: :math:`\max(0, x) + a\min(0, x)`.

    Evaluation mode (the default, ``training=False``) is deterministic with :math:`a = (l + u)/2`.
    With ``training=True`` every element draws its own :math:`a \sim U(l, u)` from ``rng`` (a
    ``numpy.random.Generator``; a fresh ``np.random.default_rng()`` if None), as PyTorch does in
    training mode."""
    return _two_slopes(x, _rrelu_slope(x, lower, upper, training, rng))


@elementwise
def rrelu_grad(x: np.ndarray, lower: float = 1 / 8, upper: float = 1 / 3, training: bool = False,
               rng: np.random.Generator | None = None) -> np.ndarray:
    r""":math:`\mathrm{RReLU}'(x) = 1` for x > 0 and the slope a for x <= 0 (a at the kink, as
    PyTorch's ``rrelu_with_noise`` backward). In training mode pass a generator in the state that
    produced the forward pass to get its slopes back."""
    return _two_slopes_grad(x, _rrelu_slope(x, lower, upper, training, rng))


# --- ReLU6 ---------------------------------------------------------------------------------------


@elementwise
def relu6(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{ReLU6}(x) = \min(\max(0, x), 6)`; both primitives propagate NaN."""
    return np.minimum(np.maximum(x, 0), 6)


@elementwise
def relu6_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{ReLU6}'(x) = 1` on (0, 6), else 0: 0 at both kinks, as PyTorch's
    ``hardtanh_backward`` (ReLU6 is hardtanh(0, 6)) and JAX's custom JVP of ``relu6``."""
    return _keep_nan(x, ((x > 0) & (x < 6)).astype(x.dtype))


# --- Threshold -----------------------------------------------------------------------------------
# PyTorch's Threshold has no defaults: threshold and value are required arguments (Keras'
# ``threshold`` too). The registry needs one setting for its figures and facts, so it uses the example
# of the current PyTorch documentation, ``nn.Threshold(0, 0.5)``, which is also what PyTorch's own
# activation-image script draws: ReLU with the negative half replaced by 0.5. It shows the defining
# feature, a jump at the threshold (the function is continuous only when value == threshold).
# The older PyTorch example ``Threshold(0.1, 20)`` would make the jump 200 times the curve's scale.

THRESHOLD = Param(
    "threshold", 0.0, r"\theta",
    T("阈值 θ：x > θ 时输出 x。PyTorch 与 Keras 都没有默认值，这里取 PyTorch 文档示例 Threshold(0, 0.5) 中的 0。",
      "Threshold θ: the output is x for x > θ. Neither PyTorch nor Keras has a default; this uses 0 from "
      "the PyTorch documentation's example Threshold(0, 0.5)."),
    span=(-3.0, 3.0),
)
THRESHOLD_VALUE = Param(
    "value", 0.5, "v",
    T("替换值 v：x ≤ θ 时输出 v。这里取 PyTorch 文档示例中的 0.5；v = θ 时函数连续。",
      "Replacement value v: the output is v for x ≤ θ. This uses 0.5 from the PyTorch documentation's "
      "example; the function is continuous when v = θ."),
    span=(-2.0, 2.0),
)


@elementwise
def threshold(x: np.ndarray, threshold: float = 0.0, value: float = 0.5) -> np.ndarray:
    r""":math:`x` for :math:`x > \theta`, else :math:`v`; written as ``where(x <= θ, v, x)`` so NaN
    falls into the ``x`` branch and stays NaN."""
    theta, v = THRESHOLD.check(threshold), THRESHOLD_VALUE.check(value)
    return np.where(x <= theta, x.dtype.type(v), x)


@elementwise
def threshold_grad(x: np.ndarray, threshold: float = 0.0, value: float = 0.5) -> np.ndarray:
    r"""1 for :math:`x > \theta`, 0 for :math:`x \le \theta`: 0 at the jump itself, as PyTorch's
    ``threshold_backward`` (the derivative there does not exist unless v = θ)."""
    theta = THRESHOLD.check(threshold)
    THRESHOLD_VALUE.check(value)
    return _keep_nan(x, (x > theta).astype(x.dtype))


# --- SReLU ---------------------------------------------------------------------------------------
# All four parameters are learned per channel and no framework ships SReLU, so there is no default.
# The values below are an illustrative S-shape chosen for this site (not taken from the paper):
# thresholds t_l = -1 < 0 < t_r = 2 (so f(0) = 0) and outer slopes below 1 on both sides.

SRELU_TL = Param("t_left", -1.0, "t_l", T("左阈值 tₗ（须 tₗ ≤ tᵣ）。", "Left threshold tₗ (tₗ ≤ tᵣ is required)."),
                 span=(-4.0, 2.0))
SRELU_AL = Param("a_left", 0.1, "a_l", T("x ≤ tₗ 时的斜率 aₗ。", "Slope aₗ for x ≤ tₗ."), span=(-0.5, 1.0))
SRELU_TR = Param("t_right", 2.0, "t_r", T("右阈值 tᵣ。", "Right threshold tᵣ."), span=(-1.0, 4.0))
SRELU_AR = Param("a_right", 0.5, "a_r", T("x ≥ tᵣ 时的斜率 aᵣ。", "Slope aᵣ for x ≥ tᵣ."), span=(0.0, 2.0))
_SRELU_SLOPES = sorted({SRELU_AL.default, 1.0, SRELU_AR.default})


def _srelu_params(t_left: Any, a_left: Any, t_right: Any, a_right: Any) -> tuple[float, float, float, float]:
    tl, al = SRELU_TL.check(t_left), SRELU_AL.check(a_left)
    tr, ar = SRELU_TR.check(t_right), SRELU_AR.check(a_right)
    if tl > tr:
        raise ValueError(f"parameters t_left and t_right must satisfy t_left <= t_right, got "
                         f"t_left={tl!r}, t_right={tr!r}")
    return tl, al, tr, ar


@elementwise
def srelu(x: np.ndarray, t_left: float = -1.0, a_left: float = 0.1, t_right: float = 2.0,
          a_right: float = 0.5) -> np.ndarray:
    r"""S-shaped ReLU: :math:`t_l + a_l(x - t_l)` for :math:`x \le t_l`, x in between,
    :math:`t_r + a_r(x - t_r)` for :math:`x \ge t_r`.

    Evaluated as :math:`\operatorname{clip}(x, t_l, t_r) + a_l(\min(x, t_l) - t_l) + a_r(\max(x, t_r) - t_r)`:
    every slope multiplies a clamped difference, so no discarded branch can overflow, and the two
    outer terms are exactly 0 outside their side."""
    tl, al, tr, ar = _srelu_params(t_left, a_left, t_right, a_right)
    return (np.clip(x, tl, tr) + _scaled(al, np.minimum(x, tl) - tl)) + _scaled(ar, np.maximum(x, tr) - tr)


@elementwise
def srelu_grad(x: np.ndarray, t_left: float = -1.0, a_left: float = 0.1, t_right: float = 2.0,
               a_right: float = 0.5) -> np.ndarray:
    r""":math:`a_l` for :math:`x \le t_l`, 1 for :math:`t_l < x < t_r`, :math:`a_r` for :math:`x \ge t_r`.

    At each kink this is the slope of the outer branch that contains it (the paper's case split);
    no framework defines SReLU, so this follows the ReLU'(0) = 0 pattern of the branch that owns
    the point."""
    tl, al, tr, ar = _srelu_params(t_left, a_left, t_right, a_right)
    one = x.dtype.type(1)
    return _keep_nan(x, np.where(x <= tl, x.dtype.type(al), np.where(x >= tr, x.dtype.type(ar), one)))


# --- APL -----------------------------------------------------------------------------------------
# APL has S hinges with learned slopes a_s and positions b_s, a hyper-parameter S and, per unit,
# the tuples (a_1..a_S) and (b_1..b_S). The registry's parameters are plain scalar ``Param`` objects
# (one float each, with a LaTeX symbol, a range check and a family figure over their values), so a
# tuple-valued parameter cannot be one of them. The entry fixes S = 2 with four scalars a1, b1, a2, b2:
# two hinges can already make a bump (the slope changes sign twice), which S = 1 cannot, and S = 1
# is the special case a2 = 0. No framework ships APL and the paper learns the values, so the defaults are an
# illustrative choice for this site: hinges at b = -1 and b = -2 with f(0) = 0.

APL_A1 = Param("a1", 1.0, "a_1", T("第一个铰链的斜率系数 a₁。", "Slope coefficient a₁ of the first hinge."),
               span=(-2.0, 2.0))
APL_B1 = Param("b1", -1.0, "b_1", T("第一个铰链的位置 b₁。", "Position b₁ of the first hinge."), span=(-4.0, 2.0))
APL_A2 = Param("a2", -2.0, "a_2", T("第二个铰链的斜率系数 a₂（a₂ = 0 即 S = 1）。",
                                    "Slope coefficient a₂ of the second hinge (a₂ = 0 gives S = 1)."),
               span=(-3.0, 3.0))
APL_B2 = Param("b2", -2.0, "b_2", T("第二个铰链的位置 b₂。", "Position b₂ of the second hinge."), span=(-4.0, 2.0))


def _apl_params(a1: Any, b1: Any, a2: Any, b2: Any) -> tuple[tuple[float, float], ...]:
    return ((APL_A1.check(a1), APL_B1.check(b1)), (APL_A2.check(a2), APL_B2.check(b2)))


@elementwise
def apl(x: np.ndarray, a1: float = 1.0, b1: float = -1.0, a2: float = -2.0, b2: float = -2.0) -> np.ndarray:
    r"""Adaptive piecewise linear unit with S = 2: :math:`\max(0, x) + \sum_s a_s \max(0, -x + b_s)`.

    Left of every kink (:math:`x < x_0 = \min(0, b_1, b_2)`) the function is linear with slope
    :math:`-\sum_s a_s`; it is evaluated there as :math:`f(x_0) - (\sum_s a_s)(x - x_0)`, so hinge terms of
    opposite signs never meet as :math:`+\infty - \infty` at x = -inf."""
    hinges = _apl_params(a1, b1, a2, b2)
    x0 = min(0.0, *(b for _, b in hinges))
    xc = np.maximum(x, x0)  # NaN propagates
    out = np.maximum(xc, 0)
    for a, b in hinges:
        out = out + a * np.maximum(b - xc, 0)  # b - xc <= b - x0: finite
    return out + _scaled(-math.fsum(a for a, _ in hinges), np.minimum(x, x0) - x0)


@elementwise
def apl_grad(x: np.ndarray, a1: float = 1.0, b1: float = -1.0, a2: float = -2.0, b2: float = -2.0) -> np.ndarray:
    r""":math:`\mathrm{APL}'(x) = H(x) - \sum_s a_s H(b_s - x)` with H(0) = 0 in each term: what
    autodiff gives for this composition with ReLU'(0) = 0 (PyTorch/JAX)."""
    g = (x > 0).astype(x.dtype)
    for a, b in _apl_params(a1, b1, a2, b2):
        g = g - x.dtype.type(a) * (x < b)
    return _keep_nan(x, g)


# --- references ----------------------------------------------------------------------------------

NAIR_HINTON_2010 = Reference(
    "V. Nair, G. E. Hinton", 2010, "Rectified Linear Units Improve Restricted Boltzmann Machines",
    "ICML 2010", "https://dl.acm.org/doi/10.5555/3104322.3104425",
)
GLOROT_2011 = Reference(
    "X. Glorot, A. Bordes, Y. Bengio", 2011, "Deep Sparse Rectifier Neural Networks", "AISTATS 2011",
    "https://proceedings.mlr.press/v15/glorot11a.html",
)
BERTOIN_2021 = Reference(
    "D. Bertoin, J. Bolte, S. Gerchinovitz, E. Pauwels", 2021, "Numerical influence of ReLU'(0) on backpropagation",
    "Advances in Neural Information Processing Systems 34 (NeurIPS 2021)",
    "https://proceedings.neurips.cc/paper/2021/hash/043ab21fc5a1607b381ac3896176dac6-Abstract.html",
)
MAAS_2013 = Reference(
    "A. L. Maas, A. Y. Hannun, A. Y. Ng", 2013, "Rectifier Nonlinearities Improve Neural Network Acoustic Models",
    "ICML 2013 Workshop on Deep Learning for Audio, Speech and Language Processing",
    "https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf",
)
HE_2015 = Reference(
    "K. He, X. Zhang, S. Ren, J. Sun", 2015,
    "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification",
    "ICCV 2015", "https://arxiv.org/abs/1502.01852",
)
XU_2015 = Reference(
    "B. Xu, N. Wang, T. Chen, M. Li", 2015, "Empirical Evaluation of Rectified Activations in Convolutional Network",
    "arXiv:1505.00853", "https://arxiv.org/abs/1505.00853",
)
KRIZHEVSKY_2010 = Reference(
    "A. Krizhevsky", 2010, "Convolutional Deep Belief Networks on CIFAR-10", "Technical report, University of Toronto",
    "https://www.cs.toronto.edu/~kriz/conv-cifar10-aug2010.pdf",
)
SANDLER_2018 = Reference(
    "M. Sandler, A. Howard, M. Zhu, A. Zhmoginov, L.-C. Chen", 2018,
    "MobileNetV2: Inverted Residuals and Linear Bottlenecks", "CVPR 2018", "https://arxiv.org/abs/1801.04381",
)
JIN_2016 = Reference(
    "X. Jin, C. Xu, J. Feng, Y. Wei, J. Xiong, S. Yan", 2016,
    "Deep Learning with S-Shaped Rectified Linear Activation Units", "AAAI 2016", "https://arxiv.org/abs/1512.07030",
)
AGOSTINELLI_2014 = Reference(
    "F. Agostinelli, M. Hoffman, P. Sadowski, P. Baldi", 2014,
    "Learning Activation Functions to Improve Deep Neural Networks", "arXiv:1412.6830 (ICLR 2015 workshop)",
    "https://arxiv.org/abs/1412.6830",
)

#: the evaluation-mode slope of RReLU at the default bounds, (1/8 + 1/3)/2 = 11/48
RRELU_EVAL_SLOPE = (RRELU_LOWER.default + RRELU_UPPER.default) / 2

REAL_LINE = Bounds(r"(-\infty,\ +\infty)", -inf, inf)
ZERO_ONE = Bounds(r"\{0,\ 1\}", 0.0, 1.0, lo_closed=True, hi_closed=True)

ENTRIES = [
    Activation(
        key="relu",
        name=T("ReLU 函数", "ReLU"),
        aliases=("rectifier", "rectified linear unit", "整流", "线性整流函数", "整流线性单元", "修正线性单元"),
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
        references=(NAIR_HINTON_2010, GLOROT_2011, BERTOIN_2021),
        api=Api(
            torch="torch.nn.ReLU(inplace=False)",
            jax="jax.nn.relu(x)",
            keras="keras.activations.relu(x, negative_slope=0.0, max_value=None, threshold=0.0)",
            tensorflow="tf.nn.relu(x)",
            paddle="paddle.nn.functional.relu(x)",
            mindspore="mindspore.ops.relu(x, inplace=False)",
            mlx="mlx.nn.relu(x)",
        ),
        kinks=(0.0,),
    ),
    Activation(
        key="leaky_relu",
        name=T("带泄露线性整流函数", "Leaky ReLU"),
        aliases=("LeakyReLU", "带泄露 ReLU", "泄露整流"),
        family="relu",
        symbol=r"\operatorname{LeakyReLU}",
        fn=leaky_relu,
        grad=leaky_relu_grad,
        tex=(
            r"\operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}"
            r" = \max(0,\ x) + \alpha \min(0,\ x)"
        ),
        grad_tex=r"\operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
        params=(NEGATIVE_SLOPE,),
        family_values=({"negative_slope": 0.01}, {"negative_slope": 0.1}, {"negative_slope": 0.2},
                       {"negative_slope": 0.3}),
        properties=Properties(
            range=REAL_LINE,
            grad_range=Bounds(r"\{0.01,\ 1\}", 0.01, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("负半轴保留一个很小的斜率 α，使负输入仍有梯度，缓解 ReLU 单元“死亡”的问题。",
                  "Keeps a small slope α for negative inputs so they still receive a gradient, which "
                  "counters dying ReLU units."),
        references=(MAAS_2013,),
        api=Api(
            torch="torch.nn.LeakyReLU(negative_slope=0.01, inplace=False)",
            jax="jax.nn.leaky_relu(x, negative_slope=0.01)",
            keras="keras.activations.leaky_relu(x, negative_slope=0.2); keras.layers.LeakyReLU(negative_slope=0.3)",
            tensorflow="tf.nn.leaky_relu(x, alpha=0.2)",
            paddle="paddle.nn.functional.leaky_relu(x, negative_slope=0.01)",
            mindspore="mindspore.ops.leaky_relu(x, alpha=0.2)",
            mlx="mlx.nn.leaky_relu(x, negative_slope=0.01)",
        ),
        kinks=(0.0,),
    ),
    Activation(
        key="prelu",
        name=T("参数化线性整流函数", "PReLU"),
        aliases=("parametric ReLU", "参数化 ReLU"),
        family="relu",
        symbol=r"\operatorname{PReLU}",
        fn=prelu,
        grad=prelu_grad,
        tex=(
            r"\operatorname{PReLU}(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}"
            r" = \max(0,\ x) + a \min(0,\ x)"
        ),
        grad_tex=(
            r"\frac{\partial \operatorname{PReLU}}{\partial x} = \begin{cases} 1 & x > 0 \\ a & x \le 0"
            r" \end{cases}, \qquad \frac{\partial \operatorname{PReLU}}{\partial a} = \min(0,\ x)"
        ),
        params=(PRELU_A,),
        family_values=({"a": -0.25}, {"a": 0.0}, {"a": 0.25}, {"a": 0.5}, {"a": 1.0}),
        properties=Properties(
            range=REAL_LINE,
            grad_range=Bounds(r"\{0.25,\ 1\}", 0.25, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("与 Leaky ReLU 形状相同，但负半轴斜率 a 是可学习的参数，随网络一起训练。",
                  "Shaped like Leaky ReLU, but the negative slope a is a parameter learned with the network."),
        references=(HE_2015,),
        api=Api(
            torch="torch.nn.PReLU(num_parameters=1, init=0.25)",
            jax=None,
            keras='keras.layers.PReLU(alpha_initializer="Zeros")',
            tensorflow='tf.keras.layers.PReLU(alpha_initializer="Zeros")',
            paddle="paddle.nn.PReLU(num_parameters=1, init=0.25)",
            mindspore="mindspore.nn.PReLU(channel=1, w=0.25)",
            mlx="mlx.nn.PReLU(num_parameters=1, init=0.25)",
        ),
        kinks=(0.0,),
    ),
    Activation(
        key="rrelu",
        name=T("带泄露随机线性整流函数", "RReLU"),
        aliases=("randomized leaky ReLU", "随机 ReLU"),
        family="relu",
        symbol=r"\operatorname{RReLU}",
        fn=rrelu,
        grad=rrelu_grad,
        tex=(
            r"\operatorname{RReLU}(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}, \qquad"
            r" a \sim \mathcal{U}(l,\ u), \quad \bar{a} = \mathbb{E}[a] = \frac{l + u}{2}"
        ),
        grad_tex=r"\operatorname{RReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
        params=(RRELU_LOWER, RRELU_UPPER),
        family_values=({"lower": 1 / 8, "upper": 1 / 3}, {"lower": 0.0, "upper": 0.1},
                       {"lower": 0.3, "upper": 0.7}),
        properties=Properties(
            range=REAL_LINE,
            grad_range=Bounds(r"\{\tfrac{11}{48},\ 1\}", RRELU_EVAL_SLOPE, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("训练时每个负输入的斜率从 U(l, u) 中随机抽取，起正则化作用；推理时固定为平均斜率 (l + u)/2。",
                  "In training each negative input gets a slope drawn from U(l, u), a form of "
                  "regularisation; at inference the slope is fixed to the mean (l + u)/2."),
        references=(XU_2015,),
        api=Api(
            torch="torch.nn.RReLU(lower=1/8, upper=1/3, inplace=False)",
            jax=None,
            keras=None,
            tensorflow=None,
            paddle="paddle.nn.functional.rrelu(x, lower=1/8, upper=1/3, training=True)",
            mindspore="mindspore.ops.rrelu(x, lower=1/8, upper=1/3)",
            mlx=None,
        ),
        kinks=(0.0,),
        extra_figures=("rrelu_training",),
    ),
    Activation(
        key="relu6",
        name=T("ReLU6 函数", "ReLU6"),
        family="relu",
        symbol=r"\operatorname{ReLU6}",
        fn=relu6,
        grad=relu6_grad,
        tex=r"\operatorname{ReLU6}(x) = \min\bigl(\max(0,\ x),\ 6\bigr)",
        grad_tex=r"\operatorname{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & x \notin (0,\ 6) \end{cases}",
        properties=Properties(
            range=Bounds(r"[0,\ 6]", 0.0, 6.0, lo_closed=True, hi_closed=True),
            grad_range=ZERO_ONE,
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("把 ReLU 的输出上限截在 6，数值范围固定，适合低精度推理（如 MobileNet）。",
                  "ReLU capped at 6: the bounded output suits low-precision inference (e.g. MobileNets)."),
        references=(KRIZHEVSKY_2010, SANDLER_2018),
        api=Api(
            torch="torch.nn.ReLU6(inplace=False)",
            jax="jax.nn.relu6(x)",
            keras="keras.activations.relu6(x)",
            tensorflow="tf.nn.relu6(x)",
            paddle="paddle.nn.functional.relu6(x)",
            mindspore="mindspore.ops.relu6(x)",
            mlx="mlx.nn.relu6(x)",
        ),
        kinks=(0.0, 6.0),
        xlim=(-4.0, 8.0),
    ),
    Activation(
        key="threshold",
        name=T("Threshold 函数", "Threshold"),
        # thresholded ReLU (Konda et al. 2015; Keras 2's ThresholdedReLU(theta=1.0)) is Threshold(θ, 0)
        aliases=("thresholded ReLU", "ThresholdedReLU", "TRec", "阈值 ReLU", "阈值整流"),
        family="relu",
        symbol=r"\operatorname{Threshold}",
        fn=threshold,
        grad=threshold_grad,
        tex=r"\operatorname{Threshold}(x) = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}",
        grad_tex=r"\operatorname{Threshold}'(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
        params=(THRESHOLD, THRESHOLD_VALUE),
        # the default; Keras' example threshold(x, 1, 0); a continuous case (v = θ); a jump upwards
        family_values=({"threshold": 0.0, "value": 0.5}, {"threshold": 1.0, "value": 0.0},
                       {"threshold": -1.0, "value": -1.0}, {"threshold": -3.0, "value": 1.0}),
        properties=Properties(
            # at θ = 0, v = 0.5: the values (0, ∞) for x > 0 and the single value 0.5 ∈ (0, ∞)
            range=Bounds(r"(0,\ +\infty)", 0.0, inf),
            grad_range=ZERO_ONE,
            monotonic=False,
            zero_centered=False,
            smoothness="discontinuous",
        ),
        summary=T("大于阈值 θ 的输入原样输出，其余一律替换为常数 v；除非 v = θ，否则在 θ 处跳变。",
                  "Passes inputs above the threshold θ unchanged and replaces the rest by a constant v; "
                  "it jumps at θ unless v = θ."),
        api=Api(
            torch="torch.nn.Threshold(threshold, value, inplace=False)",
            jax=None,
            keras="keras.activations.threshold(x, threshold, default_value)",
            tensorflow="tf.keras.activations.threshold(x, threshold, default_value)",
            paddle="paddle.nn.functional.thresholded_relu(x, threshold=1.0, value=0.0)",
            mindspore="mindspore.ops.threshold(x, thr, value)",
            mlx=None,
        ),
        kinks=(0.0,),
    ),
    Activation(
        key="srelu",
        name=T("S 型线性整流激活函数", "SReLU"),
        aliases=("S-shaped ReLU",),
        family="relu",
        symbol=r"\operatorname{SReLU}",
        fn=srelu,
        grad=srelu_grad,
        tex=(
            r"\operatorname{SReLU}(x) = \begin{cases} t_l + a_l (x - t_l) & x \le t_l \\ x & t_l < x < t_r"
            r" \\ t_r + a_r (x - t_r) & x \ge t_r \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{SReLU}'(x) = \begin{cases} a_l & x \le t_l \\ 1 & t_l < x < t_r \\ a_r & x \ge t_r"
            r" \end{cases}"
        ),
        stable_tex=(
            r"\operatorname{SReLU}(x) = \operatorname{clip}(x,\ t_l,\ t_r) + a_l\bigl(\min(x,\ t_l) - t_l\bigr)"
            r" + a_r\bigl(\max(x,\ t_r) - t_r\bigr)"
        ),
        params=(SRELU_TL, SRELU_AL, SRELU_TR, SRELU_AR),
        family_values=(
            {"t_left": -1.0, "a_left": 0.1, "t_right": 2.0, "a_right": 0.5},
            {"t_left": -1.0, "a_left": 0.0, "t_right": 1.0, "a_right": 0.0},
            {"t_left": -2.0, "a_left": 0.25, "t_right": 1.0, "a_right": 2.0},
        ),
        properties=Properties(
            range=REAL_LINE,
            # the three slopes at the defaults
            grad_range=Bounds(r"\{" + r",\ ".join(f"{v:g}" for v in _SRELU_SLOPES) + r"\}",
                              min(_SRELU_SLOPES), max(_SRELU_SLOPES), lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("由三段直线组成，两个阈值和两侧斜率共四个参数均可学习，能拟合凸或非凸的 S 形曲线。",
                  "Three line segments whose two thresholds and two outer slopes are all learned, so it "
                  "can fit convex or non-convex S-shapes."),
        references=(JIN_2016,),
        api=Api(None, None, None),
        kinks=(-1.0, 2.0),
    ),
    Activation(
        key="apl",
        name=T("自适应分段线性函数", "APL"),
        aliases=("adaptive piecewise linear",),
        family="relu",
        symbol=r"\operatorname{APL}",
        fn=apl,
        grad=apl_grad,
        tex=r"\operatorname{APL}(x) = \max(0,\ x) + \sum_{s=1}^{S} a_s \max(0,\ -x + b_s), \quad S = 2",
        grad_tex=r"\operatorname{APL}'(x) = H(x) - \sum_{s=1}^{S} a_s\, H(b_s - x), \quad H(t) = \begin{cases} 1 & t > 0 \\ 0 & t \le 0 \end{cases}",
        stable_tex=(
            r"\operatorname{APL}(x) = \operatorname{APL}(x_0) - \Bigl(\sum_{s} a_s\Bigr)(x - x_0)"
            r" \quad (x < x_0 = \min(0,\ b_1,\ b_2))"
        ),
        params=(APL_A1, APL_B1, APL_A2, APL_B2),
        family_values=(
            {"a1": 1.0, "b1": -1.0, "a2": -2.0, "b2": -2.0},
            {"a1": -0.25, "b1": 0.0, "a2": 0.0, "b2": 0.0},
            {"a1": -0.5, "b1": 1.0, "a2": 0.0, "b2": 0.0},
            {"a1": 0.5, "b1": 0.0, "a2": -1.0, "b2": -2.0},
        ),
        properties=Properties(
            range=REAL_LINE,
            grad_range=Bounds(r"\{-1,\ 0,\ 1\}", -1.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=False,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("在 ReLU 上叠加 S 个可学习的铰链函数，每个神经元都能学出自己的分段线性形状，甚至非单调。",
                  "Adds S learned hinge functions to a ReLU, so each unit learns its own piecewise-linear "
                  "shape, possibly non-monotonic."),
        references=(AGOSTINELLI_2014,),
        api=Api(None, None, None),
        kinks=(-2.0, -1.0, 0.0),
        xlim=(-5.0, 3.0),
    ),
]


# --- figures -------------------------------------------------------------------------------------
# RReLU's standard figures show evaluation mode; this one shows what training mode does. The seed
# is part of the figure's definition, so the figure is reproducible.

RRELU_FIGURE_SEED = 0


@drawer(
    "rrelu_training",
    caption=T("训练模式下的 RReLU：每个输入的负半轴斜率独立取自 U(1/8, 1/3)（散点，固定随机种子 0）；"
              "实线为评估模式的平均斜率 (l + u)/2 = 11/48，虚线为斜率 l 和 u 的边界",
              "RReLU in training mode: each input draws its own negative slope from U(1/8, 1/3) (dots, "
              "fixed seed 0); the solid line is evaluation mode with the mean slope (l + u)/2 = 11/48, "
              "the dashed lines the bounds with slopes l and u"),
    alt=T("训练模式的随机输出散布在两条边界直线之间，评估模式的直线位于其中",
          "Randomized training-mode outputs scattered between two bounding lines, with the "
          "evaluation-mode line between them"),
)
def _draw_rrelu_training(c, figure) -> None:
    lo, hi = RRELU_LOWER.default, RRELU_UPPER.default
    x = np.linspace(-5, 3, 321)
    y = rrelu(x, training=True, rng=np.random.default_rng(RRELU_FIGURE_SEED))
    xn = np.linspace(-5, 0, 2)
    ax = c.ax
    c.style_axes(ax)
    ax.fill_between(xn, lo * xn, hi * xn, color=c.colors[2], alpha=0.12, linewidth=0)
    ax.plot(xn, lo * xn, color=c.colors[2], linewidth=1.2, linestyle="--", label=r"$l\,x$")
    ax.plot(xn, hi * xn, color=c.colors[3], linewidth=1.2, linestyle="--", label=r"$u\,x$")
    ax.scatter(x, y, s=7, color=c.colors[1], alpha=0.8, linewidths=0, zorder=3,
               label=r"$a\,x,\ a \sim \mathcal{U}(l,\ u)$")
    ax.plot(x, rrelu(x), color=c.colors[0], linewidth=2,
            label=r"$\bar{a}\,x,\ \bar{a} = (l + u)/2$")
    ax.set_xlim(x[0], x[-1])
    c.legend(ax, loc="upper left", fontsize=9)
