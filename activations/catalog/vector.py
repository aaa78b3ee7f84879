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


def _finish(out: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``out`` in the output dtype. float16 input is computed in float32: values beyond the float16
    range (|v| >= 65520, half an ulp above its max) become the ±inf the cast would round them to,
    so the cast itself never overflows."""
    if out.dtype != dtype and dtype == np.float16:
        out = np.where(np.abs(out) >= 65520.0, np.copysign(np.inf, out), out).astype(out.dtype)
    return out.astype(dtype, copy=False)


def _shifted(work: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """``d = x - max x`` along ``axis`` and ``ok``, the rows (keepdims) where the functions here are defined.

    A row whose maximum is not finite (it holds +inf or NaN, or is all -inf) is computed as zeros and
    turned into NaN by the caller, so ``inf - inf`` is never evaluated. Elsewhere ``d <= 0`` and
    ``x - m`` overflows only where the exact difference is below ``-finfo.max``, i.e. where
    ``x < max(m, 0) - finfo.max`` (this bound is computed without overflow): those entries get the
    correctly rounded -inf and the subtraction is not evaluated there.
    """
    m = np.max(work, axis=axis, keepdims=True)
    ok = np.isfinite(m)
    if not ok.all():
        work = np.where(ok, work, 0)
        m = np.where(ok, m, 0)
    far = work < np.maximum(m, 0) - np.finfo(work.dtype).max
    d = np.full_like(work, -np.inf)
    np.subtract(work, m, out=d, where=~far)
    return d, ok


def _exp_shifted(work: np.ndarray, axis: int) -> tuple[np.ndarray, ...]:
    """``(d, e, rest, top, ok)``: ``d = x - max x``, ``e = exp(d)``, ``top`` the index of the first
    maximum (where ``e = 1`` exactly) and ``rest = sum(e) - 1``, the sum over every other entry,
    which keeps its accuracy where the total rounds to 1 (``log1p(rest)``, ``1 - y_top``)."""
    d, ok = _shifted(work, axis)
    e = np.exp(d)
    top = np.argmax(d, axis=axis, keepdims=True)
    others = e.copy()
    np.put_along_axis(others, top, 0, axis=axis)
    return d, e, np.sum(others, axis=axis, keepdims=True), top, ok


def _softmax_parts(work: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """``(y, 1 - y)`` with ``y = softmax(x) = softmax(x - max x)``: the shift makes every exponent
    <= 0, so nothing overflows. ``1 - y`` is ``rest / sum`` at the maximum, where ``y`` rounds to 1.
    A row that contains +inf or NaN, or is all -inf, has no defined softmax and gives NaN."""
    if work.size == 0:
        return work.copy(), work.copy()
    _, e, rest, top, ok = _exp_shifted(work, axis)
    total = np.sum(e, axis=axis, keepdims=True)
    y = np.where(ok, e / total, np.nan)
    comp = 1 - y
    np.put_along_axis(comp, top, np.where(ok, rest / total, np.nan), axis=axis)
    return y, comp


def _softmax(work: np.ndarray, axis: int) -> np.ndarray:
    """softmax(x) = softmax(x - max x): the shift makes every exponent <= 0, so nothing overflows.
    A row that contains +inf or NaN, or is all -inf, has no defined softmax and gives NaN."""
    return _softmax_parts(work, axis)[0]


def _softmax_jacobian_last(y: np.ndarray, comp: np.ndarray) -> np.ndarray:
    """``y_i (delta_ij - y_j)`` for ``y`` with the axis last; the diagonal is ``y_i (1 - y_i)`` from
    the accurate ``comp = 1 - y``."""
    jac = -(y[..., :, None] * y[..., None, :])
    idx = np.arange(y.shape[-1])
    jac[..., idx, idx] = y * comp
    return jac


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
    y, comp = (np.moveaxis(a, ax, -1) for a in _softmax_parts(work / t, ax))
    jac = _softmax_jacobian_last(y, comp) / t
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


def _check_g(g: Any, shape: tuple[int, ...], what: str = "x") -> np.ndarray:
    """The cotangent ``g`` of a vjp as a real array of ``shape`` (the shape of the function's output)."""
    g = as_real_array(g, "g")
    if g.shape != shape:
        raise ValueError(f"g must have the shape of {what} {shape}, got {g.shape}")
    return g


def _mul(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``p * q``, with NaN (and no warning) where it is the undefined ``±inf * 0``."""
    bad = (np.isinf(p) & (q == 0)) | ((p == 0) & np.isinf(q))
    out = np.full(np.broadcast_shapes(p.shape, q.shape), np.nan, dtype=np.result_type(p, q))
    np.multiply(p, q, out=out, where=~bad)
    return out


# --- log-softmax and softmin ---------------------------------------------------------------------


def log_softmax(x: Any, axis: int = -1) -> np.ndarray:
    r"""Log-softmax along ``axis``: :math:`y_i = x_i - \log\sum_j e^{x_j}`.

    Evaluated as :math:`(x_i - m) - \operatorname{log1p}(\sum_{j \ne k} e^{x_j - m})` with
    :math:`m = x_k = \max_j x_j`: no exponent is positive, and ``log1p`` of the sum without the
    maximal term (which is exactly 1) keeps the result at the maximum accurate where the total rounds
    to 1. Unlike ``log(softmax(x))`` nothing underflows to -inf: ``[0, -800]`` gives ``[-0, -800]``.
    A row with +inf or NaN, or all -inf, gives NaN (as softmax); -inf entries of other rows give -inf.
    """
    work, dtype, ax = _prepare(x, axis)
    if work.size == 0:
        return work.astype(dtype)
    d, _, rest, _, ok = _exp_shifted(work, ax)
    return _finish(np.where(ok, d - np.log1p(rest), np.nan), dtype)


def log_softmax_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian :math:`\partial y_i/\partial x_j = \delta_{ij} - \operatorname{softmax}(x)_j`, new axes
    last; the diagonal :math:`1 - \operatorname{softmax}(x)_i` is computed without cancellation."""
    work, dtype, ax = _prepare(x, axis)
    y, comp = (np.moveaxis(a, ax, -1) for a in _softmax_parts(work, ax))
    jac = np.repeat(-y[..., None, :], y.shape[-1], axis=-2)
    idx = np.arange(y.shape[-1])
    jac[..., idx, idx] = comp
    return jac.astype(dtype, copy=False)


def log_softmax_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r"""Vector-Jacobian product :math:`(g^\top J)_j = g_j - \operatorname{softmax}(x)_j \sum_i g_i`."""
    work, dtype, ax = _prepare(x, axis)
    g = _check_g(g, work.shape)
    y = _softmax(work, ax)
    out = g - y * np.sum(g, axis=ax, keepdims=True)
    return out.astype(dtype, copy=False)


def softmin(x: Any, axis: int = -1) -> np.ndarray:
    r"""Softmin along ``axis``: :math:`y_i = e^{-x_i} / \sum_j e^{-x_j} = \operatorname{softmax}(-x)_i`,
    computed from :math:`\min x - x` (exponents <= 0). Rows with -inf or NaN, or all +inf, give NaN."""
    work, dtype, ax = _prepare(x, axis)
    return _softmax(-work, ax).astype(dtype, copy=False)


def softmin_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian :math:`\partial y_i/\partial x_j = -y_i(\delta_{ij} - y_j)`, new axes last."""
    work, dtype, ax = _prepare(x, axis)
    y, comp = (np.moveaxis(a, ax, -1) for a in _softmax_parts(-work, ax))
    return (-_softmax_jacobian_last(y, comp)).astype(dtype, copy=False)


def softmin_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r"""Vector-Jacobian product :math:`(g^\top J)_j = -y_j\,(g_j - \sum_i g_i y_i)`."""
    work, dtype, ax = _prepare(x, axis)
    g = _check_g(g, work.shape)
    y = _softmax(-work, ax)
    out = -y * (g - np.sum(g * y, axis=ax, keepdims=True))
    return out.astype(dtype, copy=False)


# --- GLU -----------------------------------------------------------------------------------------


def _sigmoid_pair(b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(sigma(b), sigma(-b))`` from ``z = exp(-|b|) <= 1``: no overflow, and the small one of the
    two stays accurate where it underflows towards 0."""
    z = np.exp(-np.abs(b))
    big = 1 / (1 + z)
    small = z / (1 + z)
    pos = b >= 0
    return np.where(pos, big, small), np.where(pos, small, big)


def _gate(a: np.ndarray, w: np.ndarray, w_positive: np.ndarray) -> np.ndarray:
    """``a * w`` for a weight ``w >= 0`` that is exactly positive where ``w_positive``: an infinite
    ``a`` gives ±inf there even if ``w`` underflowed to 0, and NaN (the undefined ``inf * 0``)
    elsewhere, without evaluating that product."""
    out = np.where(w_positive, a, np.nan)
    np.multiply(a, w, out=out, where=np.isfinite(a))
    return out


def _glu_halves(work: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)``: the halves of ``work`` along its last axis; ``axis`` is the caller's, for the error."""
    n = work.shape[-1]
    if n % 2:
        raise ValueError(
            f"glu splits x into two halves along axis {axis}, so that axis needs an even size; got size {n}"
        )
    return work[..., : n // 2], work[..., n // 2:]


def glu(x: Any, axis: int = -1) -> np.ndarray:
    r"""Gated linear unit along ``axis``: :math:`a \odot \sigma(b)` where :math:`a` is the first and
    :math:`b` the second half of x along ``axis`` (its size must be even; the output has half of it).

    :math:`\sigma` is evaluated from :math:`e^{-|b|}`, so nothing overflows; an infinite ``a`` stays
    infinite wherever :math:`\sigma(b) > 0`, and :math:`\infty \cdot \sigma(-\infty)` is NaN.
    """
    work, dtype, ax = _prepare(x, axis)
    a, b = _glu_halves(np.moveaxis(work, ax, -1), axis)
    s, _ = _sigmoid_pair(b)
    out = _gate(a, s, b > -np.inf)
    return np.moveaxis(out, -1, ax).astype(dtype, copy=False)


def glu_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian of GLU, shape ``moveaxis(x, axis, -1).shape[:-1] + (n/2, n)``:
    :math:`\partial y_i/\partial a_i = \sigma(b_i)`,
    :math:`\partial y_i/\partial b_i = a_i\,\sigma(b_i)\,\sigma(-b_i)`, every other entry 0."""
    work, dtype, ax = _prepare(x, axis)
    a, b = _glu_halves(np.moveaxis(work, ax, -1), axis)
    s, s_neg = _sigmoid_pair(b)
    h = a.shape[-1]
    jac = np.zeros(a.shape + (2 * h,), dtype=work.dtype)
    idx = np.arange(h)
    jac[..., idx, idx] = s
    jac[..., idx, h + idx] = _gate(a, s * s_neg, np.isfinite(b))
    return jac.astype(dtype, copy=False)


def glu_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r"""Vector-Jacobian product: ``g`` has the shape of the output (x's with half the size along
    ``axis``); the result has the shape of x: :math:`(g \odot \sigma(b),\ g \odot a\,\sigma(b)\sigma(-b))`."""
    work, dtype, ax = _prepare(x, axis)
    moved = np.moveaxis(work, ax, -1)
    a, b = _glu_halves(moved, axis)
    g = _check_g(g, np.moveaxis(np.empty(a.shape), -1, ax).shape, "the output")
    g = np.moveaxis(g, ax, -1)
    s, s_neg = _sigmoid_pair(b)
    out = np.concatenate([_mul(g, s), _mul(g, _gate(a, s * s_neg, np.isfinite(b)))], axis=-1)
    return np.moveaxis(out, -1, ax).astype(dtype, copy=False)


# --- sparsemax -----------------------------------------------------------------------------------


def _sparsemax_last(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(p, ok)``: sparsemax along the last axis (Martins & Astudillo 2016, Algorithm 1), and the
    rows (keepdims) where it is defined (a finite maximum; the others give NaN).

    Sparsemax is shift-invariant, so it works on ``d = z - max z <= 0``; the threshold satisfies
    ``tau >= max d - 1 = -1``, so an entry below -1 is never in the support and clamping ``d`` at -2
    changes nothing while keeping every partial sum finite. With ``d`` sorted in decreasing order,
    ``k = max{k : 1 + k d_(k) > d_(1) + ... + d_(k)}``, ``tau = (d_(1) + ... + d_(k) - 1) / k`` and
    ``p = max(d - tau, 0)``.
    """
    d, ok = _shifted(z, -1)
    d = np.maximum(d, -2)
    n = d.shape[-1]
    srt = -np.sort(-d, axis=-1)
    cums = np.cumsum(srt, axis=-1)
    ks = np.arange(1, n + 1, dtype=d.dtype)
    k = np.sum(1 + ks * srt > cums, axis=-1, keepdims=True)  # the condition holds for k = 1..k(z)
    tau = (np.take_along_axis(cums, k - 1, axis=-1) - 1) / k.astype(d.dtype)
    p = np.maximum(d - tau, 0)
    return np.where(ok, p, np.nan), ok


def sparsemax(x: Any, axis: int = -1) -> np.ndarray:
    r"""Sparsemax along ``axis``: the Euclidean projection of x onto the probability simplex,
    :math:`y_i = \max(x_i - \tau(x), 0)` with :math:`\tau` such that :math:`\sum_i y_i = 1`.

    Sort-based algorithm of Martins & Astudillo (2016) on :math:`x - \max x`; entries more than 1
    below the maximum get exactly 0. A row with +inf or NaN, or all -inf, gives NaN (as softmax).
    """
    work, dtype, ax = _prepare(x, axis)
    if work.size == 0:
        return work.astype(dtype)
    p, _ = _sparsemax_last(np.moveaxis(work, ax, -1))
    return np.moveaxis(p, -1, ax).astype(dtype, copy=False)


def _support(work: np.ndarray, ax: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(s, size, ok)`` with the axis last: the support indicator ``s = [p > 0]`` and its size."""
    p, ok = _sparsemax_last(np.moveaxis(work, ax, -1))
    s = (p > 0).astype(work.dtype)
    return s, np.sum(s, axis=-1, keepdims=True), ok


def sparsemax_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian :math:`\operatorname{diag}(s) - s s^\top/|S|` with :math:`s_i = [y_i > 0]`, new axes
    last. Where an entry sits exactly on the edge of the support (:math:`x_i = \tau`, a kink) it
    counts as outside, like the zero it outputs."""
    work, dtype, ax = _prepare(x, axis)
    if work.size == 0:
        moved = np.moveaxis(work, ax, -1)
        return np.zeros(moved.shape + moved.shape[-1:], dtype=dtype)
    s, size, ok = _support(work, ax)
    jac = -(s[..., :, None] * s[..., None, :]) / size[..., None]
    idx = np.arange(s.shape[-1])
    jac[..., idx, idx] += s
    jac = np.where(ok[..., None], jac, np.nan)
    return jac.astype(dtype, copy=False)


def sparsemax_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r"""Vector-Jacobian product :math:`(g^\top J)_j = s_j\,(g_j - \frac{1}{|S|}\sum_{i \in S} g_i)`."""
    work, dtype, ax = _prepare(x, axis)
    g = _check_g(g, work.shape)
    if work.size == 0:
        return work.astype(dtype)
    s, size, ok = _support(work, ax)
    gm = np.moveaxis(g, ax, -1)
    out = s * (gm - np.sum(s * gm, axis=-1, keepdims=True) / size)
    out = np.where(ok, out, np.nan)
    return np.moveaxis(out, -1, ax).astype(dtype, copy=False)


# --- maxout --------------------------------------------------------------------------------------

PIECES = Param(
    "pieces", 2, "k",
    T("每组的片数 k：沿该轴每 k 个相邻分量取一次最大值，输出长度为 n/k。",
      "Pieces per unit k: the maximum is taken over every k consecutive entries along the axis, so "
      "the output has n/k entries."),
    "an integer >= 1", lambda k: k >= 1 and float(k).is_integer(),
)


def _maxout_groups(work: np.ndarray, ax: int, axis: Any, pieces: Any) -> np.ndarray:
    """x with ``axis`` last, reshaped to ``(..., n/k, k)``: one row per output unit."""
    k = int(PIECES.check(pieces))
    moved = np.moveaxis(work, ax, -1)
    n = moved.shape[-1]
    if n % k:
        raise ValueError(
            f"maxout takes the max over groups of pieces={k} consecutive entries along axis {axis}, "
            f"so the size of that axis must be divisible by {k}; got size {n}"
        )
    return moved.reshape(moved.shape[:-1] + (n // k, k))


def maxout(x: Any, axis: int = -1, pieces: int = 2) -> np.ndarray:
    r"""Maxout along ``axis``: :math:`y_i = \max_{1 \le j \le k} x_{(i-1)k + j}`, the maximum over each
    group of ``pieces`` = k consecutive entries (the size along ``axis`` must be divisible by k; the
    output has n/k entries there).

    In a maxout network (Goodfellow et al. 2013) the k entries of a group are k different affine
    maps :math:`z_{ij} = w_{ij}^\top h + b_{ij}` of the previous layer's output h; those weights are
    learned by the preceding linear (or convolutional) layer with k times as many outputs, so this
    function is only the parameter-free maximum that follows it. The max of k affine maps is a convex
    piecewise-linear function of h. NaN in a group gives NaN for that unit.
    """
    work, dtype, ax = _prepare(x, axis)
    groups = _maxout_groups(work, ax, axis, pieces)
    return np.moveaxis(np.max(groups, axis=-1), -1, ax).astype(dtype, copy=False)


def _maxout_onehot(groups: np.ndarray) -> np.ndarray:
    """1 at the first arg-max of each group, 0 elsewhere, NaN for a group with NaN: shape (..., m, k)."""
    win = np.argmax(groups, axis=-1)[..., None]  # the first maximum (NaN counts as the maximum)
    onehot = (np.arange(groups.shape[-1]) == win).astype(groups.dtype)
    return np.where(np.isnan(groups).any(axis=-1, keepdims=True), np.nan, onehot)


def maxout_jacobian(x: Any, axis: int = -1, pieces: int = 2) -> np.ndarray:
    r"""Jacobian, shape ``moveaxis(x, axis, -1).shape[:-1] + (n/k, n)``: :math:`\partial y_i/\partial x_j`
    is 1 at the arg-max j of group i (the first one on ties) and 0 elsewhere."""
    work, dtype, ax = _prepare(x, axis)
    groups = _maxout_groups(work, ax, axis, pieces)
    m, k = groups.shape[-2:]
    onehot = _maxout_onehot(groups)
    jac = np.zeros(groups.shape[:-1] + (m, k), dtype=work.dtype)  # (..., m, m, k): unit i, group, piece
    idx = np.arange(m)
    jac[..., idx, idx, :] = onehot
    return jac.reshape(groups.shape[:-1] + (m * k,)).astype(dtype, copy=False)


def maxout_vjp(x: Any, g: Any, axis: int = -1, pieces: int = 2) -> np.ndarray:
    r"""Vector-Jacobian product: ``g`` has the shape of the output; the result (shape of x) is
    :math:`g_i` at the arg-max of group i and 0 elsewhere."""
    work, dtype, ax = _prepare(x, axis)
    groups = _maxout_groups(work, ax, axis, pieces)
    g = _check_g(g, np.moveaxis(np.empty(groups.shape[:-1]), -1, ax).shape, "the output")
    out = _mul(np.moveaxis(g, ax, -1)[..., None], _maxout_onehot(groups))
    out = out.reshape(groups.shape[:-2] + (-1,))
    return np.moveaxis(out, -1, ax).astype(dtype, copy=False)


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
