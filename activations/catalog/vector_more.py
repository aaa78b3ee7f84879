"""More vector-valued functions: CReLU, Gumbel-softmax, 1.5-entmax and softmax₁ ("softmax one").

They follow the conventions of :mod:`activations.catalog.vector`: ``fn(x, axis=-1)``, the Jacobian
``grad(x, axis=-1)`` with ``axis`` moved to the end and the output index before the input index
(shape ``moveaxis(x, axis, -1).shape[:-1] + (m, n)`` for m outputs), and ``vjp(x, g, axis=-1)``
with ``g`` shaped like the output. CReLU is the one function in the registry whose output is
*longer* than its input (m = 2n); the Jacobian convention covers that as it covers GLU's m = n/2.

The softmax-type functions reuse the compensated softmax of :mod:`activations.catalog.vector`
(float32 input computed in float64 and rounded once).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.arrays import as_real_array
from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ..figures.drawers import drawer
from ._exact import two_prod, two_sum
from .relu import relu, relu_grad
from .vector import (
    _check_g, _finish, _over_t, _prepare, _prepare_wide, _shifted, _softmax,
    _softmax_jacobian_last, _softmax_pairs, _softmax_pairs_last, _sum2, softmax, sparsemax,
)

__all__ = [
    "crelu", "crelu_jacobian", "crelu_vjp", "gumbel_softmax", "gumbel_softmax_jacobian",
    "gumbel_softmax_vjp", "sample_gumbel", "entmax15", "entmax15_jacobian", "entmax15_vjp",
    "softmax_one", "softmax_one_jacobian", "softmax_one_vjp",
]


# --- CReLU ---------------------------------------------------------------------------------------


def crelu(x: Any, axis: int = -1) -> np.ndarray:
    r"""Concatenated ReLU along ``axis``: :math:`(\max(\mathbf{x}, 0), \max(-\mathbf{x}, 0))`, the
    output twice as long as x along ``axis`` (TensorFlow's ``tf.nn.crelu``:
    ``relu(concat([x, -x], axis))``)."""
    work, dtype, ax = _prepare(x, axis)
    moved = np.moveaxis(work, ax, -1)
    out = np.concatenate([relu(moved), relu(-moved)], axis=-1)
    return np.moveaxis(out, -1, ax).astype(dtype, copy=False)


def crelu_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian, shape ``moveaxis(x, axis, -1).shape[:-1] + (2n, n)``: row i (i <= n) is
    :math:`[x_i > 0]` at column i, row n + i is :math:`-[x_i < 0]` at column i; 0 at the kink x = 0
    (ReLU's convention)."""
    work, dtype, ax = _prepare(x, axis)
    moved = np.moveaxis(work, ax, -1)
    n = moved.shape[-1]
    jac = np.zeros(moved.shape[:-1] + (2 * n, n), dtype=work.dtype)
    idx = np.arange(n)
    jac[..., idx, idx] = relu_grad(moved)
    jac[..., n + idx, idx] = 0 - relu_grad(-moved)  # 0 - 0 is +0
    return jac.astype(dtype, copy=False)


def crelu_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r""":math:`g^{+}_j [x_j > 0] - g^{-}_j [x_j < 0]` with :math:`(\mathbf{g}^+, \mathbf{g}^-)` the two
    halves of ``g`` (shaped like the output)."""
    work, dtype, ax = _prepare(x, axis)
    moved = np.moveaxis(work, ax, -1)
    n = moved.shape[-1]
    shape = moved.shape[:-1] + (2 * n,)
    g = _check_g(g, np.moveaxis(np.empty(shape), -1, ax).shape, "the output")
    gm = np.moveaxis(g, ax, -1).astype(work.dtype, copy=False)
    with np.errstate(invalid="ignore"):  # inf - inf (both halves of g infinite) is NaN
        out = gm[..., :n] * relu_grad(moved) - gm[..., n:] * relu_grad(-moved)
    return np.moveaxis(out, -1, ax).astype(dtype, copy=False)


# --- Gumbel-softmax ------------------------------------------------------------------------------

TAU = Param(
    "tau", 1.0, r"\tau",
    T("温度 τ：τ 越小，样本越接近 one-hot（但梯度的方差越大）；τ 越大越接近均匀分布。",
      "Temperature τ: small τ makes the samples close to one-hot (and the gradients noisier), large τ "
      "makes them close to uniform."),
    "> 0 and finite", lambda t: 0 < t < np.inf, span=(0.1, 5.0),
)


def _noisy(x: Any, axis: Any, noise: Any) -> tuple[np.ndarray, np.dtype, int]:
    """``x + g`` in the compute dtype (float64; one rounding), or x if ``noise`` is None. x and
    ``noise`` = g broadcast against each other (many samples of the same logits: x of shape (n,), g of
    shape (samples, n)); ``axis`` counts from the end, or from the start of x's own dimensions."""
    work, dtype, ax = _prepare_wide(x, axis)
    if noise is None:
        return work, dtype, ax
    g = as_real_array(noise, "noise")
    try:
        shape = np.broadcast_shapes(work.shape, g.shape)
    except ValueError:
        raise ValueError(f"noise must broadcast with x {work.shape}, got shape {g.shape}") from None
    ax += len(shape) - work.ndim
    with np.errstate(invalid="ignore", over="ignore"):  # inf + -inf is NaN: no defined sample
        return np.broadcast_to(work, shape) + g.astype(np.float64), dtype, ax


def sample_gumbel(shape: Any, seed: Any = None) -> np.ndarray:
    r"""Standard Gumbel noise :math:`g = -\log E`, :math:`E \sim \operatorname{Exp}(1)` (the draw of
    PyTorch's ``gumbel_softmax``; the same law as :math:`-\log(-\log U)`, U uniform), float64, from
    ``numpy.random.default_rng(seed)``: a fixed seed gives the same noise every time."""
    e = np.random.default_rng(seed).standard_exponential(shape)
    with np.errstate(divide="ignore"):  # E = 0 has probability 0; it would give g = +inf
        return -np.log(e)


def gumbel_softmax(x: Any, axis: int = -1, tau: float = 1.0, noise: Any = None) -> np.ndarray:
    r"""The Gumbel-softmax (concrete) relaxation along ``axis``:
    :math:`\operatorname{softmax}((\mathbf{x} + \mathbf{g})/\tau)`, deterministic given the Gumbel
    sample ``noise`` = g (broadcast with x; None means g = 0, the noiseless softmax with temperature τ).
    Draw g with :func:`sample_gumbel`."""
    work, dtype, ax = _noisy(x, axis, noise)
    return _finish(_softmax(work, ax, TAU.check(tau)), dtype)


def gumbel_softmax_jacobian(x: Any, axis: int = -1, tau: float = 1.0, noise: Any = None) -> np.ndarray:
    r"""Jacobian in x at fixed g: :math:`\partial y_i/\partial x_j = y_i(\delta_{ij} - y_j)/\tau`."""
    work, dtype, ax = _noisy(x, axis, noise)
    t = TAU.check(tau)
    return _over_t(_softmax_jacobian_last(*_softmax_pairs_last(work, ax, t)), t, dtype)


def gumbel_softmax_vjp(x: Any, g: Any, axis: int = -1, tau: float = 1.0, noise: Any = None) -> np.ndarray:
    r""":math:`(g^\top J)_j = y_j (g_j - \sum_i g_i y_i)/\tau`."""
    work, dtype, ax = _noisy(x, axis, noise)
    t = TAU.check(tau)
    g = _check_g(g, work.shape)
    y = _softmax(work, ax, t)
    return _over_t(y * (g - np.sum(g * y, axis=ax, keepdims=True)), t, dtype)


# --- softmax one (softmax₁) ----------------------------------------------------------------------


def _padded_pairs(work: np.ndarray, ax: int) -> tuple[np.ndarray, ...]:
    """The softmax pairs of :func:`activations.catalog.vector._softmax_pairs` of x with one more logit
    0 appended along the axis (moved last), without that extra entry: ``softmax1(x) = softmax((x, 0))``
    restricted to x, and its Jacobian is the leading n × n block of that softmax's Jacobian."""
    moved = np.moveaxis(work, ax, -1)
    padded = np.concatenate([moved, np.zeros(moved.shape[:-1] + (1,), dtype=moved.dtype)], axis=-1)
    if moved.shape[-1] == 0:
        return tuple(np.zeros(moved.shape, dtype=moved.dtype) for _ in range(4))
    return tuple(a[..., :-1] for a in _softmax_pairs(padded, -1))


def softmax_one(x: Any, axis: int = -1) -> np.ndarray:
    r"""softmax₁ along ``axis``: :math:`y_i = e^{x_i} / (1 + \sum_j e^{x_j})`, computed as the softmax
    of x with an extra logit 0, shifted by :math:`m = \max(0, \max_j x_j)`. An all -inf row gives 0;
    a row with +inf or NaN gives NaN (as softmax)."""
    work, dtype, ax = _prepare_wide(x, axis)
    y, y_lo, _, _ = _padded_pairs(work, ax)
    return _finish(np.moveaxis(y + y_lo, -1, ax), dtype)


def softmax_one_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r""":math:`\partial y_i/\partial x_j = y_i(\delta_{ij} - y_j)`, new axes last; the diagonal's
    :math:`1 - y_i = (1 + \sum_{j \ne i} e^{x_j})/(1 + \sum_j e^{x_j})` without cancellation."""
    work, dtype, ax = _prepare_wide(x, axis)
    return _finish(_softmax_jacobian_last(*_padded_pairs(work, ax)), dtype)


def softmax_one_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r""":math:`(g^\top J)_j = y_j\,(g_j - \sum_i g_i y_i)`."""
    work, dtype, ax = _prepare_wide(x, axis)
    g = _check_g(g, work.shape)
    y, y_lo, _, _ = _padded_pairs(work, ax)
    y = np.moveaxis(y + y_lo, -1, ax)
    return _finish(y * (g - np.sum(g * y, axis=ax, keepdims=True)), dtype)


# --- 1.5-entmax ----------------------------------------------------------------------------------


def _entmax15_last(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(u, u_lo, ok)`` along the last axis: :math:`u_i = [x_i/2 - \\tau]_+` as ``u + u_lo`` (about
    twice the precision), so that 1.5-entmax is :math:`u_i^2`; ``ok`` marks the rows (keepdims) with
    a finite maximum (the others give NaN).

    The sort-based algorithm of Peters, Niculae & Martins (2019, Algorithm 2; the ``entmax`` package's
    ``_entmax_threshold_and_support``) on :math:`d = (x - \\max x)/2 \\le 0`: with d sorted in
    decreasing order, the mean :math:`\\mu_k` and the sum of squared deviations :math:`s_k` of the k
    largest, :math:`\\tau_k = \\mu_k - \\sqrt{(1 - s_k)/k}`, and the support size is the largest k with
    :math:`\\tau_k \\le d_{(k)}`. The threshold satisfies :math:`\\tau \\ge \\max d - 1 = -1`, so d is
    clamped at -2 (no partial sum overflows, nothing changes). Then the threshold of that support is
    refined by one Newton step on :math:`\\sum_{i \\in S} (d_i - \\tau)^2 = 1`, whose residual is summed
    with error-free transformations (TwoSum, Dekker's products, Sum2), and u is formed as
    :math:`(d_i - \\tau_0) + (r_i - \\delta\\tau)` with the exact difference and the small parts: an output
    near the edge of the support keeps its relative accuracy."""
    d, r, ok = _shifted(z, -1)
    d, r = 0.5 * d, 0.5 * r
    low = d < -2
    d = np.where(low, -2.0, d)
    r = np.where(low, 0.0, r)
    n = d.shape[-1]
    order = np.argsort(-d, axis=-1, kind="stable")
    srt = np.take_along_axis(d, order, axis=-1)
    srt_r = np.take_along_axis(r, order, axis=-1)
    ks = np.arange(1, n + 1, dtype=d.dtype)
    mean = np.cumsum(srt, axis=-1) / ks
    mean_sq = np.cumsum(srt * srt, axis=-1) / ks
    ss = ks * (mean_sq - mean * mean)
    delta = (1 - ss) / ks
    tau_k = mean - np.sqrt(np.maximum(delta, 0))
    holds = tau_k <= srt
    k = n - np.argmax(holds[..., ::-1], axis=-1)[..., None]  # the largest k for which it holds (k = 1 does)
    inside = ks <= k
    kf = k.astype(d.dtype)
    # the threshold of the support S: two-pass mean and sum of squared deviations, then one Newton step
    m = np.sum(np.where(inside, srt, 0), axis=-1, keepdims=True) / kf
    dev = np.where(inside, srt - m, 0)
    s = np.sum(dev * dev, axis=-1, keepdims=True)
    tau0 = m - np.sqrt(np.maximum(1 - s, 0) / kf)
    v, v_err = two_sum(srt, -tau0)  # d_i - tau0 = v + v_err exactly
    w = np.where(inside, v_err + srt_r, 0)  # the small part of d_i + r_i - tau0
    v = np.where(inside, v, 0)
    p, p_err = two_prod(v, v)
    f_hi, f_lo = _sum2(p, -1)
    f, f_err = two_sum(f_hi, -1.0)  # sum (v + w)^2 - 1, to about twice the precision
    f = f + (f_err + f_lo + np.sum(p_err + 2 * v * w, axis=-1, keepdims=True))
    dtau = f / (2 * np.sum(v + w, axis=-1, keepdims=True))  # Newton: tau = tau0 + dtau
    u_hi = v
    u_lo = np.where(inside, w - dtau, 0)
    u = u_hi + u_lo
    u_lo = (u_hi - u) + u_lo  # Fast2Sum (|u_lo| << |u_hi| except at the edge, where u is tiny anyway)
    u = np.where(u > 0, u, 0)
    u_lo = np.where(u > 0, u_lo, 0)
    out, out_lo = np.empty_like(u), np.empty_like(u)
    np.put_along_axis(out, order, u, axis=-1)
    np.put_along_axis(out_lo, order, u_lo, axis=-1)
    return np.where(ok, out, np.nan), np.where(ok, out_lo, np.nan), ok


def entmax15(x: Any, axis: int = -1) -> np.ndarray:
    r"""1.5-entmax along ``axis``: :math:`y_i = [x_i/2 - \tau(\mathbf{x})]_+^2` with :math:`\tau` such that
    :math:`\sum_i y_i = 1` (Peters, Niculae & Martins 2019), exact and sort-based. Entries more than 2
    below the maximum get exactly 0. A row with +inf or NaN, or all -inf, gives NaN (as softmax)."""
    work, dtype, ax = _prepare_wide(x, axis)
    if work.size == 0:
        return work.astype(dtype)
    u, u_lo, _ = _entmax15_last(np.moveaxis(work, ax, -1))
    p, p_err = two_prod(u, u)
    y = p + (p_err + 2 * u * u_lo)
    return _finish(np.moveaxis(y, -1, ax), dtype)


def _entmax15_u(work: np.ndarray, ax: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(u, total, ok)`` with the axis last: :math:`u_i = \\sqrt{y_i}` and :math:`\\sum_i u_i` (keepdims)."""
    u, u_lo, ok = _entmax15_last(np.moveaxis(work, ax, -1))
    u = u + u_lo
    total = np.sum(u, axis=-1, keepdims=True)
    return u, np.where(ok, total, 1.0), ok


def entmax15_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r""":math:`\partial y_i/\partial x_j = u_i\delta_{ij} - u_i u_j / \sum_k u_k` with :math:`u = \sqrt{y}`
    (zero off the support), new axes last; the diagonal :math:`u_i \sum_{k \ne i} u_k / \sum_k u_k` is a
    sum of non-negative terms (no cancellation)."""
    work, dtype, ax = _prepare_wide(x, axis)
    if work.size == 0:
        moved = np.moveaxis(work, ax, -1)
        return np.zeros(moved.shape + moved.shape[-1:], dtype=dtype)
    u, total, ok = _entmax15_u(work, ax)
    n = u.shape[-1]
    jac = (0 - u[..., :, None] * u[..., None, :]) / total[..., None]
    others = np.where(np.eye(n, dtype=bool), 0.0, 1.0) @ u[..., None]  # sum over k != i of u_k
    idx = np.arange(n)
    jac[..., idx, idx] = u * others[..., 0] / total
    jac = np.where(ok[..., None], jac, np.nan)
    return _finish(jac, dtype)


def entmax15_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r""":math:`(g^\top J)_j = u_j\,(g_j - \sum_i g_i u_i / \sum_i u_i)` (the ``entmax`` package's backward)."""
    work, dtype, ax = _prepare_wide(x, axis)
    g = _check_g(g, work.shape)
    if work.size == 0:
        return work.astype(dtype)
    u, total, ok = _entmax15_u(work, ax)
    gm = np.moveaxis(g, ax, -1).astype(np.float64)
    out = u * (gm - np.sum(gm * u, axis=-1, keepdims=True) / total)
    out = np.where(ok, out, np.nan)
    return _finish(np.moveaxis(out, -1, ax), dtype)


# --- entries -------------------------------------------------------------------------------------

SHANG_2016 = Reference(
    "W. Shang, K. Sohn, D. Almeida, H. Lee", 2016,
    "Understanding and Improving Convolutional Neural Networks via Concatenated Rectified Linear Units",
    "ICML 2016, PMLR 48", "https://proceedings.mlr.press/v48/shang16.html",
)
JANG_2017 = Reference(
    "E. Jang, S. Gu, B. Poole", 2017, "Categorical Reparameterization with Gumbel-Softmax", "ICLR 2017",
    "https://arxiv.org/abs/1611.01144",
)
MADDISON_2017 = Reference(
    "C. J. Maddison, A. Mnih, Y. W. Teh", 2017,
    "The Concrete Distribution: A Continuous Relaxation of Discrete Random Variables", "ICLR 2017",
    "https://arxiv.org/abs/1611.00712",
)
PETERS_2019 = Reference(
    "B. Peters, V. Niculae, A. F. T. Martins", 2019, "Sparse Sequence-to-Sequence Models",
    "ACL 2019, 1504–1519", "https://aclanthology.org/P19-1146/",
)
MILLER_2023 = Reference(
    "E. Miller", 2023, "Attention Is Off By One", "blog post, evanmiller.org (not peer-reviewed)",
    "https://www.evanmiller.org/attention-is-off-by-one.html",
)

ENTRIES = [
    Activation(
        key="crelu",
        name=T("CReLU 函数", "CReLU"),
        aliases=("concatenated ReLU", "Concatenated Rectified Linear Unit", "级联 ReLU", "拼接 ReLU"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{CReLU}",
        fn=crelu,
        grad=crelu_jacobian,
        vjp=crelu_vjp,
        tex=(
            r"\operatorname{CReLU}(\mathbf{x}) = \bigl(\max(\mathbf{x}, 0),\ \max(-\mathbf{x}, 0)\bigr)"
            r" \in \mathbb{R}^{2n}, \quad \mathbf{x} \in \mathbb{R}^{n}"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{CReLU}(\mathbf{x})_i}{\partial x_j} = \delta_{ij} [x_j > 0],"
            r" \quad \frac{\partial\, \operatorname{CReLU}(\mathbf{x})_{n+i}}{\partial x_j} = -\delta_{ij} [x_j < 0],"
            r" \quad i, j = 1, \dots, n"
        ),
        properties=Properties(
            range=Bounds(r"[0,\ +\infty)^{2n}", 0.0, inf, lo_closed=True),
            grad_range=Bounds(r"\{-1,\ 0,\ 1\}", -1.0, 1.0, True, True),
            monotonic=False,  # the second half, max(-x_i, 0), falls as x_i grows
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("把 ReLU(x) 与 ReLU(−x) 沿一个轴拼接起来：正负两部分都保留，输出长度是输入的两倍。",
                  "Concatenates ReLU(x) and ReLU(−x) along an axis: both the positive and the negative part "
                  "are kept, and the output is twice as long as the input."),
        references=(SHANG_2016,),
        api=Api(None, None, None, "tf.nn.crelu(features, axis=-1)", None, None, None),
    ),
    Activation(
        key="gumbel_softmax",
        name=T("Gumbel-Softmax", "Gumbel-softmax"),
        aliases=("Concrete distribution", "relaxed one-hot categorical", "Gumbel softmax", "Concrete 分布",
                 "Gumbel-Softmax 重参数化"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{GS}_\tau",
        fn=gumbel_softmax,
        grad=gumbel_softmax_jacobian,
        vjp=gumbel_softmax_vjp,
        tex=(
            r"\operatorname{GS}_\tau(\mathbf{x})_i = \frac{e^{(x_i + g_i)/\tau}}{\sum_{j=1}^{n} e^{(x_j + g_j)/\tau}},"
            r" \quad g_i = -\log(-\log U_i),\ U_i \sim \mathcal{U}(0, 1)"
        ),
        grad_tex=(
            r"\frac{\partial y_i}{\partial x_j} = \frac{1}{\tau}\, y_i\,(\delta_{ij} - y_j),"
            r" \quad \mathbf{y} = \operatorname{softmax}\bigl((\mathbf{x} + \mathbf{g})/\tau\bigr)\ \text{(}\mathbf{g}\ \text{fixed)}"
        ),
        stable_tex=(
            r"\operatorname{GS}_\tau(\mathbf{x}) = \operatorname{softmax}\Bigl(\frac{\mathbf{z} - \max_k z_k}{\tau}\Bigr),"
            r" \quad \mathbf{z} = \mathbf{x} + \mathbf{g}"
        ),
        params=(TAU,),
        properties=Properties(
            range=Bounds(r"(0,\ 1)^n,\ \textstyle\sum_i y_i = 1", 0.0, 1.0),
            grad_range=Bounds(r"\left[-\tfrac{1}{4\tau},\ \tfrac{1}{4\tau}\right]", -0.25, 0.25, True, True),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("给 logits 加上 Gumbel 噪声再做带温度的 softmax：得到类别分布的一个可微的“软”样本，"
                  "τ → 0 时趋于 one-hot 样本。",
                  "Adds Gumbel noise to the logits and applies a softmax with temperature: a differentiable, "
                  "“soft” sample of a categorical distribution that approaches a one-hot sample as τ → 0."),
        references=(JANG_2017, MADDISON_2017),
        api=Api("torch.nn.functional.gumbel_softmax(logits, tau=1, hard=False, eps=1e-10, dim=-1)", None, None,
                None, "paddle.nn.functional.gumbel_softmax(x, temperature=1.0, hard=False, axis=-1)",
                "mindspore.ops.gumbel_softmax(logits, tau=1.0, hard=False, dim=-1)", None),
        family_values=({"tau": 0.5}, {"tau": 2.0}),
        notes={"noise_default": "zero noise (g = 0) unless noise= is given; see sample_gumbel"},
    ),
    Activation(
        key="entmax15",
        name=T("1.5-entmax 函数", "1.5-entmax"),
        aliases=("entmax", "α-entmax", "alpha-entmax", "Tsallis 1.5-entmax", "entmax15"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{entmax}_{1.5}",
        fn=entmax15,
        grad=entmax15_jacobian,
        vjp=entmax15_vjp,
        tex=(
            r"\begin{gathered}\operatorname{entmax}_{1.5}(\mathbf{x})_i = \Bigl[\frac{x_i}{2} - \tau(\mathbf{x})\Bigr]_+^2,"
            r" \\ \sum_{i=1}^{n} \Bigl[\frac{x_i}{2} - \tau(\mathbf{x})\Bigr]_+^2 = 1, \quad [t]_+ = \max(t, 0)\end{gathered}"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{entmax}_{1.5}(\mathbf{x})_i}{\partial x_j}"
            r" = u_i\, \delta_{ij} - \frac{u_i\, u_j}{\sum_k u_k}, \quad u_i = \sqrt{y_i} = \Bigl[\frac{x_i}{2} - \tau(\mathbf{x})\Bigr]_+"
        ),
        stable_tex=(
            r"\begin{gathered}z_{(1)} \ge \dots \ge z_{(n)}, \ \ \mathbf{z} = \tfrac12 (\mathbf{x} - \max_j x_j), \quad"
            r" \mu_k = \tfrac1k \sum_{j \le k} z_{(j)}, \ \ s_k = \sum_{j \le k} (z_{(j)} - \mu_k)^2, \\"
            r" \tau_k = \mu_k - \sqrt{(1 - s_k)/k}, \quad k^* = \max\{k : \tau_k \le z_{(k)}\}, \quad"
            r" y_i = [z_i - \tau_{k^*}]_+^2\end{gathered}"
        ),
        properties=Properties(
            range=Bounds(r"[0,\ 1]^n,\ \textstyle\sum_i y_i = 1", 0.0, 1.0, True, True),
            # diagonal u_i (1 - u_i/sum u) in [0, 1); off-diagonal -u_i u_j / sum u >= -1/(2 sqrt 2) (two equal maxima)
            grad_range=Bounds(r"\left[-\tfrac{\sqrt2}{4},\ 1\right)", -2 ** 0.5 / 4, 1.0, lo_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C1",
        ),
        summary=T("介于 softmax（α = 1）与 sparsemax（α = 2）之间的 α = 1.5 的 entmax：输出概率分布，"
                  "可以把部分分量精确地置为 0，但比 sparsemax 更平滑。",
                  "The entmax with α = 1.5, between softmax (α = 1) and sparsemax (α = 2): a probability "
                  "distribution that can put exactly zero on some entries, smoother than sparsemax."),
        references=(PETERS_2019,),
        api=Api(None, None, None, None, None, None, None),
        extra_figures=("entmax15_two_class",),
        notes={"alpha": 1.5},  # the α of α-entmax that this entry is (the pages show it with {{ constant }})
    ),
    Activation(
        key="softmax_one",
        name=T("Softmax₁ 函数", "Softmax₁ (softmax one)"),
        aliases=("softmax1", "softmax one", "softmax_1", "quiet softmax", "Quiet Attention", "off-by-one softmax"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{softmax}_1",
        fn=softmax_one,
        grad=softmax_one_jacobian,
        vjp=softmax_one_vjp,
        tex=(
            r"\operatorname{softmax}_1(\mathbf{x})_i = \frac{e^{x_i}}{1 + \sum_{j=1}^{n} e^{x_j}}, \quad i = 1, \dots, n"
        ),
        grad_tex=(
            r"\frac{\partial y_i}{\partial x_j} = y_i\,(\delta_{ij} - y_j),"
            r" \quad \mathbf{y} = \operatorname{softmax}_1(\mathbf{x})"
        ),
        stable_tex=(
            r"\operatorname{softmax}_1(\mathbf{x})_i = \frac{e^{x_i - m}}{e^{-m} + \sum_{j} e^{x_j - m}},"
            r" \quad m = \max(0,\ \max_j x_j)"
        ),
        properties=Properties(
            range=Bounds(r"(0,\ 1)^n,\ \textstyle\sum_i y_i < 1", 0.0, 1.0),
            grad_range=Bounds(r"\left(-\tfrac14,\ \tfrac14\right]", -0.25, 0.25, hi_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("分母多加 1 的 softmax，相当于多了一个恒为 0 的 logit：输出之和小于 1，所有 logit 都很小时输出可以整体趋于 0。",
                  "Softmax with 1 added to the denominator, as if there were one more logit fixed at 0: the "
                  "outputs sum to less than 1 and can all approach 0 when every logit is very negative."),
        references=(MILLER_2023,),
        api=Api(None, None, None, None, None, None, None),
    ),
]


# --- figure --------------------------------------------------------------------------------------


@drawer(
    "entmax15_two_class",
    caption=T("两类输入下 softmax（α = 1）、1.5-entmax 与 sparsemax（α = 2）的第一个输出随 logit 差 x₁ − x₂ 的变化："
              "1.5-entmax 在 |x₁ − x₂| ≥ 2 时恰为 0 或 1，并且比 sparsemax 的折线更平滑",
              "The first output of softmax (α = 1), 1.5-entmax and sparsemax (α = 2) for two classes against "
              "the logit difference x₁ − x₂: 1.5-entmax is exactly 0 or 1 for |x₁ − x₂| ≥ 2 and joins those "
              "values more smoothly than sparsemax's ramp"),
    alt=T("三条 S 形曲线：softmax 平滑无界地趋近 0 和 1，1.5-entmax 与 sparsemax 在有限处到达 0 和 1",
          "Three S-curves: softmax approaches 0 and 1 only asymptotically, 1.5-entmax and sparsemax reach them "
          "at finite differences"),
)
def _draw_entmax_two_class(c, figure) -> None:
    d = np.linspace(-4, 4, 1601)
    logits = np.stack([d, np.zeros_like(d)], axis=-1)
    ax = c.ax
    c.style_axes(ax, xlabel="$x_1 - x_2$")
    ax.plot(d, softmax(logits)[:, 0], color=c.colors[1], linewidth=1.8, linestyle="--",
            label=r"$\operatorname{softmax}$")
    ax.plot(d, entmax15(logits)[:, 0], color=c.colors[0], linewidth=2.4, label=r"$\operatorname{entmax}_{1.5}$")
    ax.plot(d, sparsemax(logits)[:, 0], color=c.colors[2], linewidth=1.8, linestyle="-.",
            label=r"$\operatorname{sparsemax}$")
    ax.set_xlim(d[0], d[-1])
    ax.set_ylim(-0.05, 1.05)
    c.legend(ax, loc="upper left", fontsize=9)
