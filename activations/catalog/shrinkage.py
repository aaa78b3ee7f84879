"""Shrinkage functions: they pull inputs towards 0 (hard or soft thresholding, x - tanh x).

At the thresholds ±λ the derivative is 0, as PyTorch's ``shrink_backward`` (shared by Hardshrink and
Softshrink) returns: it zeroes the gradient on the closed interval [-λ, λ].
"""

from __future__ import annotations

import numpy as np

from ..core.arrays import elementwise
from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import two_square, two_sum, z_over_one_plus_z_squared


def _keep_nan(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``y`` with NaN wherever ``x`` is NaN (a comparison would have sent NaN to some branch)."""
    return np.where(np.isnan(x), x, y).astype(x.dtype, copy=False)


LAMBD = Param(
    "lambd", 0.5, r"\lambda",
    T("阈值 λ ≥ 0：|x| ≤ λ 的输入被置为 0。PyTorch 参数名为 lambd，Keras 为 threshold，默认都是 0.5。",
      "Threshold λ ≥ 0: inputs with |x| ≤ λ are set to 0. PyTorch calls it lambd, Keras threshold; "
      "both default to 0.5."),
    ">= 0 and finite", lambda v: 0 <= v < inf,
    span=(0.0, 2.0),
)


def _outside(x: np.ndarray, lam: float) -> np.ndarray:
    """1 where |x| > λ, 0 where |x| <= λ (so 0 at ±λ, as PyTorch), NaN for NaN."""
    return _keep_nan(x, (np.abs(x) > lam).astype(x.dtype))


@elementwise
def hardshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r""":math:`x` for :math:`|x| > \lambda`, else 0; written as ``where(|x| <= λ, 0, x)`` so that NaN
    falls into the ``x`` branch and stays NaN."""
    lam = LAMBD.check(lambd)
    return np.where(np.abs(x) <= lam, x.dtype.type(0), x)


@elementwise
def hardshrink_grad(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r"""1 for :math:`|x| > \lambda`, 0 for :math:`|x| \le \lambda` (0 at the jumps ±λ, as PyTorch)."""
    return _outside(x, LAMBD.check(lambd))


@elementwise
def softshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r""":math:`\operatorname{sign}(x)\max(|x| - \lambda, 0)`, evaluated as
    :math:`x - \operatorname{clip}(x, -\lambda, \lambda)`: one subtraction, exact near ±λ (Sterbenz),
    0 inside, ±inf and NaN pass through."""
    lam = LAMBD.check(lambd)
    return x - np.clip(x, -lam, lam)


@elementwise
def softshrink_grad(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r"""1 for :math:`|x| > \lambda`, 0 for :math:`|x| \le \lambda` (0 at the kinks ±λ, as PyTorch)."""
    return _outside(x, LAMBD.check(lambd))


def _lambert_q(x: np.ndarray) -> np.ndarray:
    r"""q with :math:`\tanh x = x/(1 + q)` for :math:`|x| \le 1`, from Lambert's continued fraction
    :math:`q = x^2/(3 + x^2/(5 + x^2/(7 + \cdots)))` (positive terms, evaluated backwards); truncated
    after the term 19, its relative error is below 3e-19 on [-1, 1], and :math:`0 \le q < 0.32`."""
    x2 = x * x
    d = np.full_like(x, 19)
    for k in range(17, 1, -2):  # 17, 15, ..., 3
        d = k + x2 / d
    return x2 / d


def _x_minus_tanh_small(x: np.ndarray) -> np.ndarray:
    r""":math:`x - \tanh x` for :math:`|x| \le 1` without cancellation: with :math:`\tanh x = x/(1 + q)`
    (:func:`_lambert_q`), :math:`x - \tanh x = x\,q/(1 + q)`, a product of positive-ish factors."""
    q = _lambert_q(x)
    return x * q / (1 + q)


@elementwise
def tanhshrink(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{Tanhshrink}(x) = x - \tanh x`.

    For :math:`|x| < 1` the subtraction would cancel (:math:`x - \tanh x \approx x^3/3`: at x = 1e-8 it
    loses every digit), so there the continued fraction of :func:`_x_minus_tanh_small` is used, on an
    argument clipped to [-1, 1] so that it never sees a large x; for :math:`|x| \ge 1` the direct
    difference loses less than one digit."""
    small = _x_minus_tanh_small(np.clip(x, -1, 1))
    return np.where(np.abs(x) < 1, small, x - np.tanh(x))


@elementwise
def tanhshrink_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{Tanhshrink}'(x) = 1 - (1 - \tanh^2 x) = \tanh^2 x`, without squaring a rounded
    tanh (which doubles its error):

    * :math:`|x| < 1`: :math:`x^2/(1 + q)^2` with q from Lambert's continued fraction
      (:func:`_lambert_q`), the squares formed exactly and the rounding of :math:`1 + q` compensated, so
      that the result is one rounded division plus small corrections;
    * :math:`|x| \ge 1`: :math:`1 - \operatorname{sech}^2 x = 1 - 4z/(1 + z)^2`, :math:`z = e^{-2|x|}`
      (as tanh', :func:`._exact.z_over_one_plus_z_squared`), where sech² <= 0.42 and nothing cancels."""
    a = np.abs(x)
    small = a < 1
    xs = np.where(small, a, 0)
    s, e = two_sum(np.ones_like(xs), _lambert_q(xs))
    h, l = two_square(xs)
    dh, dl = two_square(s)
    r = h / dh
    inner = r + (l - r * (dl + 2 * s * e)) / dh  # (h + l) / (s + e)², to first order in l, dl, e
    z = np.exp(-2 * np.clip(a, 1, 1e3))  # z = 0 long before 2|x| could overflow
    large = 1 - 4 * z_over_one_plus_z_squared(z)
    return np.where(small, inner, large)


DONOHO_JOHNSTONE_1994 = Reference(
    "D. L. Donoho, I. M. Johnstone", 1994, "Ideal spatial adaptation by wavelet shrinkage",
    "Biometrika 81(3), 425–455", "https://doi.org/10.1093/biomet/81.3.425",
)
DONOHO_1995 = Reference(
    "D. L. Donoho", 1995, "De-noising by soft-thresholding", "IEEE Transactions on Information Theory 41(3), 613–627",
    "https://doi.org/10.1109/18.382009",
)

ENTRIES = [
    Activation(
        key="hardshrink",
        name=T("硬阈值函数", "Hardshrink"),
        aliases=("hard shrinkage", "hard thresholding", "硬收缩"),
        family="shrinkage",
        symbol=r"\operatorname{Hardshrink}",
        fn=hardshrink,
        grad=hardshrink_grad,
        tex=(
            r"\operatorname{Hardshrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda"
            r" \end{cases}"
        ),
        grad_tex=(
            r"\operatorname{Hardshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda"
            r" \end{cases}"
        ),
        params=(LAMBD,),
        family_values=({"lambd": 0.5}, {"lambd": 1.0}, {"lambd": 2.0}),
        properties=Properties(
            range=Bounds(rf"(-\infty,\ -{LAMBD.default:g}) \cup \{{0\}} \cup ({LAMBD.default:g},\ +\infty)", -inf, inf),
            grad_range=Bounds(r"\{0,\ 1\}", 0.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="discontinuous",
        ),
        summary=T("绝对值不超过 λ 的输入置 0，其余原样保留；在 ±λ 处跳变，是小波去噪中的硬阈值。",
                  "Sets inputs with |x| ≤ λ to 0 and keeps the rest unchanged; it jumps at ±λ and is the "
                  "hard thresholding of wavelet denoising."),
        references=(DONOHO_JOHNSTONE_1994,),
        api=Api(
            torch="torch.nn.Hardshrink(lambd=0.5)",
            jax=None,
            keras="keras.activations.hard_shrink(x, threshold=0.5)",
            tensorflow="tf.keras.activations.hard_shrink(x, threshold=0.5)",
            paddle="paddle.nn.functional.hardshrink(x, threshold=0.5)",
            mindspore="mindspore.ops.hardshrink(x, lambd=0.5)",
            mlx="mlx.nn.hard_shrink(x, lambd=0.5)",
        ),
        kinks=(-0.5, 0.5),
        xlim=(-3.0, 3.0),
    ),
    Activation(
        key="softshrink",
        name=T("软阈值函数", "Softshrink"),
        aliases=("soft shrinkage", "soft thresholding", "软收缩"),
        family="shrinkage",
        symbol=r"\operatorname{Softshrink}",
        fn=softshrink,
        grad=softshrink_grad,
        tex=(
            r"\operatorname{Softshrink}(x) = \begin{cases} x - \lambda & x > \lambda \\ 0 & |x| \le \lambda"
            r" \\ x + \lambda & x < -\lambda \end{cases} = \operatorname{sign}(x) \max(|x| - \lambda,\ 0)"
        ),
        grad_tex=(
            r"\operatorname{Softshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda"
            r" \end{cases}"
        ),
        stable_tex=r"\operatorname{Softshrink}(x) = x - \operatorname{clip}(x,\ -\lambda,\ \lambda)",
        params=(LAMBD,),
        family_values=({"lambd": 0.25}, {"lambd": 0.5}, {"lambd": 1.0}, {"lambd": 2.0}),
        properties=Properties(
            range=Bounds(r"(-\infty,\ +\infty)", -inf, inf),
            grad_range=Bounds(r"\{0,\ 1\}", 0.0, 1.0, lo_closed=True, hi_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="C0",
        ),
        summary=T("绝对值不超过 λ 的输入置 0，其余向 0 平移 λ；函数连续，是小波去噪和 LASSO 中的软阈值。",
                  "Sets inputs with |x| ≤ λ to 0 and moves the rest towards 0 by λ; continuous, it is the "
                  "soft thresholding of wavelet denoising and the LASSO."),
        references=(DONOHO_1995,),
        api=Api(
            torch="torch.nn.Softshrink(lambd=0.5)",
            jax=None,
            keras="keras.activations.soft_shrink(x, threshold=0.5)",
            tensorflow="tf.keras.activations.soft_shrink(x, threshold=0.5)",
            paddle="paddle.nn.functional.softshrink(x, threshold=0.5)",
            mindspore="mindspore.ops.softshrink(x, lambd=0.5)",
            mlx="mlx.nn.softshrink(x, lambd=0.5)",
        ),
        kinks=(-0.5, 0.5),
        xlim=(-3.0, 3.0),
    ),
    Activation(
        key="tanhshrink",
        name=T("Tanhshrink 函数", "Tanhshrink"),
        family="shrinkage",
        symbol=r"\operatorname{Tanhshrink}",
        fn=tanhshrink,
        grad=tanhshrink_grad,
        tex=r"\operatorname{Tanhshrink}(x) = x - \tanh(x)",
        grad_tex=r"\operatorname{Tanhshrink}'(x) = 1 - \bigl(1 - \tanh^2(x)\bigr) = \tanh^2(x)",
        stable_tex=(
            r"\operatorname{Tanhshrink}(x) = \begin{cases} \dfrac{x\, q}{1 + q},\ \ q = \cfrac{x^2}{3 + \cfrac{x^2}{5 + \cfrac{x^2}{7 + \cdots}}}"
            r" & |x| < 1 \\[2ex] x - \tanh(x) & |x| \ge 1 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"(-\infty,\ +\infty)", -inf, inf),
            grad_range=Bounds(r"[0,\ 1)", 0.0, 1.0, lo_closed=True),
            monotonic=True,
            zero_centered=True,
            smoothness="Cinf",
        ),
        summary=T("输入减去它的 tanh：原点附近近似 x³/3、几乎为 0，远处近似 x ∓ 1，是一种光滑的收缩。",
                  "The input minus its tanh: close to x³/3, nearly 0, around the origin and close to x ∓ 1 "
                  "far out, a smooth kind of shrinkage."),
        api=Api(
            torch="torch.nn.Tanhshrink()",
            jax=None,
            keras="keras.activations.tanh_shrink(x)",
            tensorflow="tf.keras.activations.tanh_shrink(x)",
            paddle="paddle.nn.functional.tanhshrink(x)",
            mindspore="mindspore.ops.tanhshrink(x)",
            mlx=None,
        ),
    ),
]
