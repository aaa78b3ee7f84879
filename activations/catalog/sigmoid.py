"""Sigmoid-like (saturating) functions."""

from __future__ import annotations

import math

import numpy as np

from ..core.arrays import elementwise
from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import inv_pow_three_halves, two_square, two_sum, z_over_one_plus_z_squared

# --- kernels -------------------------------------------------------------------------------------


def sigmoid_pair(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (sigma(x), sigma(-x)) without overflow: both come from z = exp(-|x|) <= 1, and the small one
    keeps its full relative accuracy instead of being 1 - (something close to 1). Shared by the
    catalog modules that need a sigmoid inside another function (softplus', SiLU, GLU, ...)."""
    z = np.exp(-np.abs(x))
    big = 1.0 / (1.0 + z)  # sigma(|x|)
    small = z / (1.0 + z)  # sigma(-|x|), accurate even where it underflows towards 0
    pos = x >= 0
    return np.where(pos, big, small), np.where(pos, small, big)


@elementwise
def sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(x) = 1/(1+e^{-x})`, evaluated as
    :math:`1/(1+e^{-|x|})` or :math:`e^{-|x|}/(1+e^{-|x|})` by the sign of x, so exp never overflows."""
    return sigmoid_pair(x)[0]


@elementwise
def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\,\sigma(-x) = z/(1+z)^2` with :math:`z = e^{-|x|} \le 1` (even in x),
    instead of :math:`\sigma(1-\sigma)`, which cancels once :math:`\sigma` rounds towards 1; the sum
    :math:`1 + z` is compensated (see :func:`._exact.z_over_one_plus_z_squared`)."""
    return z_over_one_plus_z_squared(np.exp(-np.abs(x)))


@elementwise
def tanh(x: np.ndarray) -> np.ndarray:
    r"""Hyperbolic tangent :math:`(e^x-e^{-x})/(e^x+e^{-x})`, from the C library (saturates to ±1)."""
    return np.tanh(x)


@elementwise
def tanh_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh'(x) = 1-\tanh^2 x = 4\sigma(2x)\sigma(-2x) = 4z/(1+z)^2`, :math:`z = e^{-2|x|}`; the
    last form keeps full relative accuracy where :math:`\tanh x` rounds to ±1 (and compensates the
    rounding of :math:`1 + z`). |x| is clamped to 1e3 first (the result has underflowed
    to 0 long before), so that 2x cannot overflow for |x| near the largest float."""
    z = np.exp(-2.0 * np.abs(np.clip(x, -1e3, 1e3)))
    return 4.0 * z_over_one_plus_z_squared(z)


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
        aliases=("logistic", "logistic function", "逻辑函数", "逻辑斯谛函数", "S 型函数"),
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
        api=Api(
            torch="torch.nn.Sigmoid()",
            jax="jax.nn.sigmoid(x)",
            keras="keras.activations.sigmoid(x)",
            tensorflow="tf.math.sigmoid(x)",
            paddle="paddle.nn.functional.sigmoid(x)",
            mindspore="mindspore.ops.sigmoid(x)",
            mlx="mlx.nn.sigmoid(x)",
        ),
    ),
    Activation(
        key="tanh",
        name=T("Tanh 函数", "Tanh"),
        aliases=("hyperbolic tangent", "双曲正切", "双曲正切函数"),
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
        api=Api(
            torch="torch.nn.Tanh()",
            jax="jax.nn.tanh(x)",
            keras="keras.activations.tanh(x)",
            tensorflow="tf.math.tanh(x)",
            paddle="paddle.nn.functional.tanh(x)",
            mindspore="mindspore.ops.tanh(x)",
            mlx="mlx.nn.tanh(x)",
        ),
    ),
]


# --- more saturating functions -------------------------------------------------------------------
# Conventions shared by the piecewise-linear members below: the derivative at a kink is 0 (as in
# PyTorch's hardsigmoid/hardtanh backward kernels and JAX's relu6), and NaN in gives NaN out.


def _box(x: np.ndarray, lo: float, hi: float, height: float) -> np.ndarray:
    """``height`` on the open interval (lo, hi), 0 outside it and at its ends, NaN where x is NaN."""
    outside = np.where(np.isnan(x), x, 0)
    return np.where((x > lo) & (x < hi), height, outside).astype(x.dtype, copy=False)


@elementwise
def log_sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\log\sigma(x) = -\log(1+e^{-x})`, evaluated as :math:`\min(x,0)-\operatorname{log1p}(e^{-|x|})`
    (PyTorch's CPU kernel; SciPy's ``log_expit`` is the same split): exp never overflows, and for
    x << 0 the result is x itself instead of ``log(0) = -inf``."""
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


@elementwise
def log_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`(\log\sigma)'(x) = \sigma(-x) = 1/(1+e^{x})`, from the overflow-free sigmoid pair."""
    return sigmoid_pair(x)[1]


HALF_WIDTH = Param(
    "half_width", 3.0, "w",
    T("线性段的半宽：f 从 x = −w 处的 0 线性升到 x = w 处的 1，斜率为 1/(2w)。w = 3（斜率 1/6）是 PyTorch、JAX 和 "
      "Keras 3 的形式 ReLU6(x+3)/6；w = 2.5（斜率 0.2，即 0.2x + 0.5）是 Theano、Keras 2（tf.keras）和 numpy-ml 的形式。",
      "Half-width of the linear part: f rises linearly from 0 at x = −w to 1 at x = w, with slope 1/(2w). "
      "w = 3 (slope 1/6) is the ReLU6(x+3)/6 of PyTorch, JAX and Keras 3; w = 2.5 (slope 0.2, i.e. "
      "0.2x + 0.5) is the form of Theano, Keras 2 (tf.keras) and numpy-ml."),
    "> 0 and finite", lambda w: 0 < w < math.inf,
    span=(1.0, 5.0),
)


@elementwise
def hard_sigmoid(x: np.ndarray, half_width: float = 3.0) -> np.ndarray:
    r""":math:`\operatorname{clip}\bigl((x+w)/(2w),\,0,\,1\bigr)`; at the default w = 3 this is
    ``relu6(x + 3) / 6`` (PyTorch, JAX, Keras 3). Computed as ``clip(x/2 + w/2, 0, w) / w``: the halves
    are exact and cannot overflow, and near x = -w the sum is exact, so the small values keep full
    relative accuracy (``0.2 * x + 0.5`` would cancel there)."""
    w = HALF_WIDTH.check(half_width)
    return np.clip(0.5 * x + 0.5 * w, 0, w) / w


@elementwise
def hard_sigmoid_grad(x: np.ndarray, half_width: float = 3.0) -> np.ndarray:
    r""":math:`1/(2w)` on :math:`(-w, w)`, else 0 (0 at x = ±w, as PyTorch and JAX)."""
    w = HALF_WIDTH.check(half_width)
    return _box(x, -w, w, 0.5 / w)


@elementwise
def sparse_sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\tfrac12\operatorname{clip}(x+1,\,0,\,2)` (JAX's definition); x + 1 is exact near x = -1."""
    return 0.5 * np.clip(x + 1, 0, 2)


@elementwise
def sparse_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tfrac12` on :math:`(-1, 1)`, else 0 (0 at x = ±1)."""
    return _box(x, -1.0, 1.0, 0.5)


MIN_VAL = Param(
    "min_val", -1.0, "m_{-}",
    T("下界：x ≤ m₋ 时输出 m₋；必须小于 max_val。", "Lower bound: the output is m₋ for x ≤ m₋; must be below max_val."),
    span=(-3.0, 0.5),
)
MAX_VAL = Param(
    "max_val", 1.0, "m_{+}",
    T("上界：x ≥ m₊ 时输出 m₊；必须大于 min_val。", "Upper bound: the output is m₊ for x ≥ m₊; must be above min_val."),
    span=(-0.5, 3.0),
)


def _hardtanh_bounds(min_val: float, max_val: float) -> tuple[float, float]:
    lo, hi = MIN_VAL.check(min_val), MAX_VAL.check(max_val)
    if not lo < hi:  # PyTorch: assert self.max_val > self.min_val
        raise ValueError(f"parameter min_val must be < max_val, got min_val={lo!r}, max_val={hi!r}")
    return lo, hi


@elementwise
def hardtanh(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    r""":math:`\operatorname{clip}(x,\,m_-,\,m_+)`; ``np.clip`` propagates NaN."""
    lo, hi = _hardtanh_bounds(min_val, max_val)
    return np.clip(x, lo, hi)


@elementwise
def hardtanh_grad(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    r"""1 on :math:`(m_-, m_+)`, else 0 (0 at both bounds, as PyTorch's ``hardtanh_backward``; JAX's
    ``hard_tanh`` lets the gradient 1 through at ±1)."""
    lo, hi = _hardtanh_bounds(min_val, max_val)
    return _box(x, lo, hi, 1.0)


#: beyond this |x|, x / (1 + |x|) already rounds to ±1 in float32 and float64 (1 + |x| == |x|)
_SOFTSIGN_CLAMP = 2.0**64


@elementwise
def softsign(x: np.ndarray) -> np.ndarray:
    r""":math:`x/(1+|x|)`, evaluated as :math:`\operatorname{sign}(x)\,(1 - 1/(1+|x|))` for :math:`|x| \ge 1`.

    The quotient rounds both 1+|x| and the division, so for huge |x| it can decrease where x increases;
    the second form chains monotonic roundings and stays monotonic (and accurate: 1/(1+|x|) <= 1/2 there).
    For |x| < 1 the quotient avoids the cancellation of 1 - 1/(1+|x|). x is clamped to :math:`\pm 2^{64}`,
    where the value is already ±1, so ±inf gives ±1."""
    x = np.clip(x, -_SOFTSIGN_CLAMP, _SOFTSIGN_CLAMP)
    a = np.abs(x)
    return np.where(a < 1, x / (1 + a), np.copysign(1 - 1 / (1 + a), x))


@elementwise
def softsign_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`1/(1+|x|)^2` as :math:`(1/s)/s` with :math:`s = \operatorname{fl}(1+|x|)`, so that large |x|
    underflows to 0 instead of overflowing :math:`s^2`, and with the rounding error e of s
    (:math:`1 + |x| = s + e`, TwoSum) as the correction :math:`(1 - 2e/s)`: uncorrected, the square
    doubles it. e comes from |x| clamped at :math:`2^{64}` (beyond, e = 1 in any case), so that ±inf
    gives 0 without an inf - inf."""
    a = np.abs(x)
    s = 1 + a
    _, e = two_sum(np.ones_like(a), np.minimum(a, _SOFTSIGN_CLAMP))
    r = 1 / s / s
    return r - 2 * r * (e / s)


@elementwise
def arctan(x: np.ndarray) -> np.ndarray:
    r""":math:`\arctan x` from the C library (saturates to ±π/2)."""
    return np.arctan(x)


#: beyond this |x|, 1/(1 + x²) = 1/x² to a relative 2**-120
_ARCTAN_SPLIT = 2.0**60


@elementwise
def arctan_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`1/(1+x^2)`. For :math:`|x| \le 2^{60}`, :math:`1 + x^2 = s + t` exactly (Dekker's square,
    TwoSum) and the result is :math:`(1/s)(1 - t/s)`, a single rounded division plus a correction (the
    square of :math:`1/\operatorname{hypot}(1, x)` would double the errors of hypot and the division).
    Beyond, :math:`1/(1+x^2) = (1/|x|)/|x|` to far below an ulp, and it underflows to 0 without
    overflowing :math:`x^2`."""
    a = np.abs(x)
    near = a <= _ARCTAN_SPLIT
    an = np.where(near, a, 0)
    h, l = two_square(an)
    s, e = two_sum(np.ones_like(h), h)
    r = 1 / s
    small = r - r * ((e + l) * r)
    af = np.where(near, 1, a)
    return np.where(near, small, 1 / af / af)


# The ISRU paper (Carlile et al. 2017) leaves alpha as a hyper-parameter without a default value, and
# no framework ships ISRU; alpha = 1 (range (-1, 1), like tanh) is this library's choice.
ALPHA_ISRU = Param(
    "alpha", 1.0, r"\alpha",
    T("饱和水平：值域为 (−1/√α, 1/√α)，α 越大曲线越早饱和。原文未给出默认值，这里取 1。",
      "Saturation level: the range is (−1/√α, 1/√α), and a larger α saturates sooner. The paper gives "
      "no default; 1 is this library's choice."),
    "> 0 and finite", lambda a: 0 < a < math.inf,
    span=(0.1, 4.0),
)


@elementwise
def isru(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`x/\sqrt{1+\alpha x^2} = u\,x/\operatorname{hypot}(u, x)` with :math:`u = 1/\sqrt\alpha`:
    ``hypot`` never overflows and the quotient lies in [-1, 1]. Only ±inf is clamped (to the largest
    finite float, where f has long saturated), so that it gives ±u instead of inf/inf = NaN."""
    u = 1 / math.sqrt(ALPHA_ISRU.check(alpha))
    big = np.finfo(x.dtype).max
    x = np.clip(x, -big, big)
    return u * (x / np.hypot(u, x))


@elementwise
def isru_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`(1+\alpha x^2)^{-3/2}` as one ``pow`` of the exactly formed :math:`1 + \alpha x^2` (a float
    plus its rounding error, which enters as a first-order correction), and for large |x| from the
    exponent and mantissa of x, so that nothing overflows (see :func:`._exact.inv_pow_three_halves`;
    the cube of :math:`u/\operatorname{hypot}(u, x)` would triple the errors of hypot and the division)."""
    return inv_pow_three_halves(x, ALPHA_ISRU.check(alpha))


HOWARD_2019 = Reference(
    "A. Howard, M. Sandler, G. Chu, L.-C. Chen, B. Chen, M. Tan, W. Wang, Y. Zhu, R. Pang, V. Vasudevan, "
    "Q. V. Le, H. Adam", 2019, "Searching for MobileNetV3", "ICCV 2019",
    "https://arxiv.org/abs/1905.02244",
)
BLONDEL_2020 = Reference(
    "M. Blondel, A. F. T. Martins, V. Niculae", 2020, "Learning with Fenchel-Young Losses",
    "Journal of Machine Learning Research 21, 1–69", "https://arxiv.org/abs/1901.02324",
)
COLLOBERT_2011 = Reference(
    "R. Collobert, J. Weston, L. Bottou, M. Karlen, K. Kavukcuoglu, P. Kuksa", 2011,
    "Natural Language Processing (Almost) from Scratch", "Journal of Machine Learning Research 12, 2493–2537",
    "https://jmlr.org/papers/v12/collobert11a.html",
)
ELLIOTT_1993 = Reference(
    "D. L. Elliott", 1993, "A Better Activation Function for Artificial Neural Networks",
    "Technical report, Institute for Systems Research, University of Maryland",
    "https://citeseerx.ist.psu.edu/viewdoc/summary?doi=10.1.1.46.7204",
)
GLOROT_BENGIO_2010 = Reference(
    "X. Glorot, Y. Bengio", 2010, "Understanding the difficulty of training deep feedforward neural networks",
    "AISTATS 2010, PMLR 9, 249–256", "https://proceedings.mlr.press/v9/glorot10a.html",
)
CARLILE_2017 = Reference(
    "B. Carlile, G. Delamarter, P. Kinney, A. Marti, B. Whitney", 2017,
    "Improving Deep Learning by Inverse Square Root Linear Units (ISRLUs)", "arXiv:1710.09967",
    "https://arxiv.org/abs/1710.09967",
)

ENTRIES += [
    Activation(
        key="log_sigmoid",
        name=T("Log-sigmoid 函数", "Log-sigmoid"),
        aliases=("LogSigmoid", "对数 Sigmoid"),
        family="sigmoid",
        symbol=r"\operatorname{logsigmoid}",
        fn=log_sigmoid,
        grad=log_sigmoid_grad,
        tex=r"\operatorname{logsigmoid}(x) = \log\sigma(x) = -\log\bigl(1 + e^{-x}\bigr)",
        grad_tex=r"\operatorname{logsigmoid}'(x) = \sigma(-x) = \frac{1}{1 + e^{x}}",
        stable_tex=r"\operatorname{logsigmoid}(x) = \min(x,\ 0) - \log\bigl(1 + e^{-|x|}\bigr)",
        properties=Properties(
            range=Bounds(r"(-\infty,\ 0)", -inf, 0.0),
            grad_range=Bounds(r"(0,\ 1)", 0.0, 1.0),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("Sigmoid 的对数，值域 (−∞, 0)，出现在对数似然和二元交叉熵中；直接计算 log σ(x) 会在 σ 下溢时得到 −∞，必须用稳定形式。",
                  "The logarithm of the sigmoid, with range (−∞, 0); it appears in log-likelihoods and binary "
                  "cross-entropy, and needs a stable form because log σ(x) becomes −∞ once σ underflows."),
        references=(),
        api=Api(
            torch="torch.nn.LogSigmoid()",
            jax="jax.nn.log_sigmoid(x)",
            keras="keras.activations.log_sigmoid(x)",
            tensorflow="tf.math.log_sigmoid(x)",
            paddle="paddle.nn.functional.log_sigmoid(x)",
            mindspore="mindspore.ops.logsigmoid(x)",
            mlx="mlx.nn.log_sigmoid(x)",
        ),
    ),
    Activation(
        key="hard_sigmoid",
        name=T("Hard sigmoid 函数", "Hard sigmoid"),
        aliases=("hardsigmoid", "硬 Sigmoid"),
        family="sigmoid",
        symbol=r"\operatorname{hardsigmoid}",
        fn=hard_sigmoid,
        grad=hard_sigmoid_grad,
        tex=(
            r"\operatorname{hardsigmoid}(x) = \begin{cases} 0 & x \le -w \\ \dfrac{x + w}{2w} & -w < x < w"
            r" \\[1ex] 1 & x \ge w \end{cases} \qquad \Bigl(w = 3:\ \frac{\operatorname{ReLU6}(x + 3)}{6}\Bigr)"
        ),
        stable_tex=r"\operatorname{hardsigmoid}(x) = \frac{1}{w}\min\Bigl(\max\Bigl(\frac{x}{2} + \frac{w}{2},\ 0\Bigr),\ w\Bigr)",
        grad_tex=(
            r"\operatorname{hardsigmoid}'(x) = \begin{cases} \dfrac{1}{2w} & |x| < w \\[1ex]"
            r" 0 & |x| \ge w \end{cases}"
        ),
        params=(HALF_WIDTH,),
        family_values=({"half_width": 3.0}, {"half_width": 2.5}, {"half_width": 1.0}),
        properties=Properties(
            range=Bounds(r"[0,\ 1]", 0.0, 1.0, lo_closed=True, hi_closed=True),
            grad_range=Bounds(r"\left\{0,\ \tfrac{1}{2w}\right\} = \left\{0,\ \tfrac16\right\}", 0.0, 1 / 6,
                              lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("Sigmoid 的分段线性近似：在 [−3, 3] 上是斜率 1/6 的直线，两侧截为 0 和 1，无需指数运算，MobileNetV3 等移动端网络使用它。",
                  "A piecewise-linear stand-in for the sigmoid — a line of slope 1/6 on [−3, 3], clipped to 0 "
                  "and 1 outside — that needs no exponential; used by mobile networks such as MobileNetV3."),
        references=(HOWARD_2019,),
        api=Api(
            torch="torch.nn.Hardsigmoid(inplace=False)",
            jax="jax.nn.hard_sigmoid(x)",
            keras="keras.activations.hard_sigmoid(x)",
            tensorflow="tf.keras.activations.hard_sigmoid(x)",
            paddle="paddle.nn.functional.hardsigmoid(x, slope=0.1666667, offset=0.5)",
            mindspore="mindspore.ops.hardsigmoid(x)",
            mlx=None,
        ),
        kinks=(-3.0, 3.0),
    ),
    Activation(
        key="sparse_sigmoid",
        name=T("Sparse sigmoid 函数", "Sparse sigmoid"),
        family="sigmoid",
        symbol=r"\operatorname{sparsesigmoid}",
        fn=sparse_sigmoid,
        grad=sparse_sigmoid_grad,
        tex=(
            r"\operatorname{sparsesigmoid}(x) = \begin{cases} 0 & x \le -1 \\ \tfrac12 (x + 1) & -1 < x < 1"
            r" \\ 1 & x \ge 1 \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{sparsesigmoid}'(x) = \begin{cases} \tfrac12 & |x| < 1 \\ 0 & |x| \ge 1 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"[0,\ 1]", 0.0, 1.0, lo_closed=True, hi_closed=True),
            grad_range=Bounds(r"\left\{0,\ \tfrac12\right\}", 0.0, 0.5, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("斜率 1/2 的分段线性 S 型函数，|x| ≥ 1 时恰为 0 或 1；它是 sparse plus 的导数，也就是 w = 1 的 hard sigmoid。",
                  "A piecewise-linear sigmoid of slope 1/2 that is exactly 0 or 1 once |x| ≥ 1; it is the "
                  "derivative of sparse plus, and the hard sigmoid with w = 1."),
        references=(BLONDEL_2020,),
        api=Api(
            torch=None,
            jax="jax.nn.sparse_sigmoid(x)",
            keras="keras.activations.sparse_sigmoid(x)",
            tensorflow="tf.keras.activations.sparse_sigmoid(x)",
            paddle=None,
            mindspore=None,
            mlx=None,
        ),
        kinks=(-1.0, 1.0),
    ),
    Activation(
        key="hardtanh",
        name=T("Hardtanh 函数", "Hardtanh"),
        aliases=("硬 Tanh",),
        family="sigmoid",
        symbol=r"\operatorname{hardtanh}",
        fn=hardtanh,
        grad=hardtanh_grad,
        tex=(
            r"\operatorname{hardtanh}(x) = \begin{cases} m_{-} & x \le m_{-} \\ x & m_{-} < x < m_{+}"
            r" \\ m_{+} & x \ge m_{+} \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{hardtanh}'(x) = \begin{cases} 1 & m_{-} < x < m_{+} \\ 0 & x \le m_{-}"
            r"\ \lor\ x \ge m_{+} \end{cases}"
        ),
        params=(MIN_VAL, MAX_VAL),
        # nested and widest first: the derivatives are all 1 inside, so each narrower box is drawn on
        # top of the wider ones and all three stay visible
        family_values=(
            {"min_val": -3.0, "max_val": 3.0},
            {"min_val": -2.0, "max_val": 2.0},
            {"min_val": -1.0, "max_val": 1.0},
        ),
        properties=Properties(
            range=Bounds(r"[m_{-},\ m_{+}] = [-1,\ 1]", -1.0, 1.0, lo_closed=True, hi_closed=True),
            grad_range=Bounds(r"\{0,\ 1\}", 0.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="C0",
        ),
        summary=T("把输入截断到 [−1, 1]（上下界可调），区间内是恒等映射：tanh 的廉价分段线性替代。",
                  "Clips its input to [−1, 1] (both bounds adjustable) and is the identity in between: a cheap "
                  "piecewise-linear stand-in for tanh."),
        references=(COLLOBERT_2011,),
        api=Api(
            torch="torch.nn.Hardtanh(min_val=-1.0, max_val=1.0, inplace=False)",
            jax="jax.nn.hard_tanh(x)",
            keras="keras.activations.hard_tanh(x)",
            tensorflow="tf.keras.activations.hard_tanh(x)",
            paddle="paddle.nn.functional.hardtanh(x, min=-1.0, max=1.0)",
            mindspore="mindspore.ops.hardtanh(x, min_val=-1.0, max_val=1.0)",
            mlx="mlx.nn.hard_tanh(x, min_val=-1.0, max_val=1.0)",
        ),
        kinks=(-1.0, 1.0),
    ),
    Activation(
        key="softsign",
        name=T("Softsign 函数", "Softsign"),
        family="sigmoid",
        symbol=r"\operatorname{softsign}",
        fn=softsign,
        grad=softsign_grad,
        tex=r"\operatorname{softsign}(x) = \frac{x}{1 + |x|}",
        grad_tex=r"\operatorname{softsign}'(x) = \frac{1}{(1 + |x|)^2}",
        properties=Properties(
            range=Bounds(r"(-1,\ 1)", -1.0, 1.0),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="C1",
        ),
        summary=T("形状像 tanh，但只按 1/|x| 的多项式速度逼近 ±1，饱和比 tanh 平缓得多。",
                  "Shaped like tanh, but it approaches ±1 only polynomially, like 1/|x|, so it saturates far "
                  "more gently."),
        references=(ELLIOTT_1993, GLOROT_BENGIO_2010),
        api=Api(
            torch="torch.nn.Softsign()",
            jax="jax.nn.soft_sign(x)",
            keras="keras.activations.softsign(x)",
            tensorflow="tf.nn.softsign(x)",
            paddle="paddle.nn.functional.softsign(x)",
            mindspore="mindspore.ops.softsign(x)",
            mlx="mlx.nn.softsign(x)",
        ),
    ),
    Activation(
        key="arctan",
        name=T("反正切函数", "ArcTan"),
        aliases=("arctangent", "inverse tangent", "反正切"),
        family="sigmoid",
        symbol=r"\arctan",
        fn=arctan,
        grad=arctan_grad,
        tex=r"\arctan(x) = \tan^{-1}(x)",
        grad_tex=r"\arctan'(x) = \frac{1}{1 + x^2}",
        properties=Properties(
            range=Bounds(r"\left(-\tfrac{\pi}{2},\ \tfrac{\pi}{2}\right)", -math.pi / 2, math.pi / 2),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("以 0 为中心的光滑 S 型曲线，值域 (−π/2, π/2)；导数按 1/x² 衰减，远比 tanh 的导数衰减得慢。",
                  "A smooth, zero-centred S-curve with range (−π/2, π/2); its derivative decays like 1/x², far "
                  "more slowly than that of tanh."),
        references=(),
        api=Api(None, None, None),
    ),
    Activation(
        key="isru",
        name=T("反平方根函数", "ISRU"),
        aliases=("inverse square root unit",),
        family="sigmoid",
        symbol=r"\operatorname{ISRU}",
        fn=isru,
        grad=isru_grad,
        tex=r"\operatorname{ISRU}(x) = \frac{x}{\sqrt{1 + \alpha x^2}}",
        grad_tex=r"\operatorname{ISRU}'(x) = \left(\frac{1}{\sqrt{1 + \alpha x^2}}\right)^{3}",
        stable_tex=(
            r"\begin{gathered}\operatorname{ISRU}(x) = \frac{u\,x}{\operatorname{hypot}(u,\ x)},\quad u = \frac{1}{\sqrt{\alpha}}"
            r" \\ \operatorname{ISRU}'(x) = s^{-3/2}\Bigl(1 - \tfrac32\,\frac{\ell}{s}\Bigr),"
            r"\quad s + \ell = 1 + \alpha x^2\end{gathered}"
        ),
        params=(ALPHA_ISRU,),
        family_values=({"alpha": 0.25}, {"alpha": 1.0}, {"alpha": 4.0}),
        properties=Properties(
            range=Bounds(r"\left(-\tfrac{1}{\sqrt{\alpha}},\ \tfrac{1}{\sqrt{\alpha}}\right) = (-1,\ 1)", -1.0, 1.0),
            grad_range=Bounds(r"(0,\ 1]", 0.0, 1.0, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("反平方根单元 x/√(1+αx²)：值域 (−1/√α, 1/√α) 的光滑 S 型函数，只需开方、无需指数，原文提出把它用于循环网络。",
                  "The inverse square root unit x/√(1+αx²): a smooth S-curve with range (−1/√α, 1/√α) that "
                  "needs a square root but no exponential; proposed for recurrent networks."),
        references=(CARLILE_2017,),
        api=Api(None, None, None),
    ),
]


# --- log1mexp: defined on x >= 0 only --------------------------------------------------------------
# The one function of the catalog whose domain is smaller than the reals (Activation.domain). Outside
# it both kernels return NaN, as NumPy's log of a negative number and JAX do; at the closed end x = 0
# they return the limits from the right, f = −∞ and f′ = +∞ (also for −0.0, which is 0).

#: Mächler's switch-over point: below it 1 − e^{−x} is at most 1/2 and comes accurately from expm1,
#: above it e^{−x} is below 1/2 and log1p keeps the digits of the small result
_LOG1MEXP_SWITCH = math.log(2.0)


@elementwise
def log1mexp(x: np.ndarray) -> np.ndarray:
    r""":math:`\log(1 - e^{-x})` for :math:`x \ge 0` (JAX's ``jax.nn.log1mexp``), evaluated as Mächler
    (2012) recommends: :math:`\log(-\operatorname{expm1}(-x))` for :math:`x \le \ln 2`, where the
    literal :math:`1 - e^{-x}` would cancel, and :math:`\operatorname{log1p}(-e^{-x})` beyond, where
    :math:`\log` of a number near 1 would lose the small result (:math:`\approx -e^{-x}`).

    Domain convention: NaN for x < 0 (and −∞, and NaN), −∞ at 0 and at −0.0 (log 0: the limit from the
    right), −0.0 at +∞ (log1p(−0)); no floating-point warning in any case."""
    x = np.where(x == 0, 0.0, x)  # −0.0 is the end of the domain, not below it
    out = np.full_like(x, np.nan)  # x < 0 and NaN stay NaN
    near = (x >= 0) & (x <= _LOG1MEXP_SWITCH)
    far = x > _LOG1MEXP_SWITCH
    with np.errstate(divide="ignore"):  # log(0) = −∞ at x = 0: the limit, wanted
        out[near] = np.log(-np.expm1(-x[near]))
    out[far] = np.log1p(-np.exp(-x[far]))
    return out


@elementwise
def log1mexp_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`e^{-x}/(1 - e^{-x}) = 1/(e^{x} - 1)`, evaluated as :math:`e^{-x}/(-\operatorname{expm1}(-x))`
    for every x ≥ 0: both parts keep their relative accuracy, and where :math:`e^{x}` overflows
    (x > 709.78 in float64) the quotient is still the subnormal :math:`e^{-x}` that ``1/expm1(x)`` would
    round to 0. +∞ at 0 and at −0.0 (the limit from the right), 0 at +∞, NaN for x < 0."""
    x = np.where(x == 0, 0.0, x)  # −0.0 is 0: 1/(−0.0) would give −∞
    out = np.full_like(x, np.nan)
    inside = x >= 0
    xi = x[inside]
    # 1/0 at x = 0 is the limit +∞; below x ≈ 5.6e-309 the true 1/x exceeds the largest float, so
    # the overflow to +∞ is the correctly rounded result
    with np.errstate(divide="ignore", over="ignore"):
        out[inside] = np.exp(-xi) / -np.expm1(-xi)
    return out


MACHLER_2012 = Reference(
    "M. Mächler", 2012, "Accurately Computing log(1 − exp(−|a|)), Assessed by the Rmpfr package",
    "Vignette of the R package Rmpfr, CRAN",
    "https://cran.r-project.org/web/packages/Rmpfr/vignettes/log1mexp-note.pdf",
)

ENTRIES += [
    Activation(
        key="log1mexp",
        name=T("Log1mexp 函数", "Log1mexp"),
        family="sigmoid",
        symbol=r"\operatorname{log1mexp}",
        fn=log1mexp,
        grad=log1mexp_grad,
        domain=Bounds(r"[0,\ \infty)", 0.0, inf, lo_closed=True),
        tex=r"\operatorname{log1mexp}(x) = \log\bigl(1 - e^{-x}\bigr)",
        grad_tex=r"\operatorname{log1mexp}'(x) = \frac{e^{-x}}{1 - e^{-x}} = \frac{1}{e^{x} - 1}",
        stable_tex=(
            r"\begin{gathered}\operatorname{log1mexp}(x) = \begin{cases}"
            r" \log\bigl(-\operatorname{expm1}(-x)\bigr) & 0 \le x \le \ln 2 \\"
            r" \operatorname{log1p}\bigl(-e^{-x}\bigr) & x > \ln 2 \end{cases}"
            r" \\[1ex] \operatorname{log1mexp}'(x) = \frac{e^{-x}}{-\operatorname{expm1}(-x)}\end{gathered}"
        ),
        properties=Properties(
            range=Bounds(r"(-\infty,\ 0)", -inf, 0.0),
            grad_range=Bounds(r"(0,\ \infty)", 0.0, inf),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("log(1 − e⁻ˣ)，只对 x ≥ 0 有定义：由对数概率 log p = −x 得到补事件的对数概率 log(1 − p)；"
                  "在 0 处为 −∞，x 增大时从下方逼近 0。",
                  "log(1 − e⁻ˣ), defined for x ≥ 0 only: the log-probability of the complement, log(1 − p), "
                  "from a log-probability log p = −x; it is −∞ at 0 and approaches 0 from below as x grows."),
        references=(MACHLER_2012,),
        api=Api(jax="jax.nn.log1mexp(x)"),
        xlim=(0.0, 5.0),
        # f → −∞ and f′ → +∞ at the end of the domain: the figures show the part where both are readable
        ylim=(-4.0, 4.0),
    ),
]
