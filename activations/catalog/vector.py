"""Vector-valued functions: they map a vector (one axis of an array) to a vector.

Conventions for every function here:

* ``fn(x, axis=-1)`` works along ``axis`` of an array with at least one dimension;
* ``grad(x, axis=-1)`` is the Jacobian: ``J[..., i, j] = d y_i / d x_j``, with ``axis`` moved to the
  end and one more axis appended (shape ``moveaxis(x, axis, -1).shape + (n,)``; for GLU and maxout,
  whose output is shorter, ``moveaxis(x, axis, -1).shape[:-1] + (m, n)`` with m outputs);
* ``vjp(x, g, axis=-1)`` is the vector-Jacobian product ``g @ J`` without forming ``J``: ``g`` has
  the shape of the output and the result the shape of ``x``, what back-propagation computes.

Softmax-type functions and sparsemax work on ``x - max x``. A vector whose maximum is not finite
(it holds +inf or NaN, or is all -inf) has no defined value and gives NaN; -inf entries of other
vectors are fine (probability 0). Rounding errors of the shift are carried along (see
:func:`_shifted`) so that small outputs keep their relative accuracy.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

import numpy as np

from ..core.arrays import as_real_array
from ..figures.drawers import drawer
from ..core.spec import Activation, Api, Bounds, Param, Properties, Reference, T, inf
from ._exact import split, two_prod, two_sum
from .sigmoid import sigmoid_pair


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


def _prepare_wide(x: Any, axis: Any) -> tuple[np.ndarray, np.dtype, int]:
    """:func:`_prepare` for the softmax family and GLU: float32 (or float16) input is computed in
    float64 (for the softmax family the accumulation type of the reduction) and rounded once at the
    end, as the element-wise functions are (:mod:`activations.core.arrays`): with float32 arithmetic the
    2-ulp float32 ``exp`` alone would put the Jacobian's products at 6-8 ulps (3 for GLU's)."""
    work, dtype, ax = _prepare(x, axis)
    return work.astype(np.float64, copy=False), dtype, ax


TEMPERATURE = Param(
    "temperature", 1.0, "T",
    T("温度：用 x/T 代替 x；T 越小输出越接近 one-hot，T 越大越接近均匀分布。",
      "Temperature: x/T replaces x; small T approaches one-hot, large T uniform."),
    "> 0 and finite", lambda t: 0 < t < np.inf,
)
_check_temperature = TEMPERATURE.check


def _finish(out: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``out`` in the output dtype. Where that is narrower than the compute dtype (float16 input is
    computed in float32; see also :func:`_over_t`), values beyond its range (half an ulp above its
    max and more) become the ±inf the cast would round them to, so the cast never overflows."""
    if out.dtype != dtype:
        info = np.finfo(dtype)
        edge = float(info.max) + 2.0 ** (info.maxexp - info.nmant - 2)
        out = np.where(np.abs(out) >= edge, np.copysign(np.inf, out), out).astype(out.dtype)
    return out.astype(dtype, copy=False)


def _over_t(a: np.ndarray, t: float, dtype: np.dtype) -> np.ndarray:
    """``a / t`` (float64) in ``dtype``, for the ``1/T`` of the softmax derivatives, with ±inf and no
    overflow warning where the quotient is out of range."""
    if t == 1.0:
        return _finish(a, dtype)
    big = np.abs(a) > t * float(np.finfo(np.float64).max)  # the quotient would overflow float64
    out = np.where(big, np.copysign(np.inf, a), 0.0)
    np.divide(a, t, out=out, where=~big)
    return _finish(out, dtype)


def _times_small(k: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(p, e)`` with ``p = fl(k a)`` and ``k a = p + e`` exactly, for integers ``k`` of at most half
    the mantissa (Dekker's product with ``k`` its own upper half)."""
    hi, lo = split(a)
    p = k * a
    return p, (k * hi - p) + k * lo


def _sum2(a: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """The sum along ``axis`` (keepdims) as ``(s, s_lo)``, as if accumulated in twice the precision
    (Ogita, Rump & Oishi's Sum2): the running sum and the TwoSum errors of its steps."""
    run = np.cumsum(a, axis=axis)  # sequential: run_k = fl(run_{k-1} + a_k)
    prev = np.concatenate([np.zeros_like(np.take(run, [0], axis=axis)),
                           np.take(run, np.arange(run.shape[axis] - 1), axis=axis)], axis=axis)
    _, err = two_sum(prev, a)
    return np.take(run, [-1], axis=axis), np.sum(err, axis=axis, keepdims=True)


def _shifted(work: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(d, r, ok)``: ``x - max x = d + r`` exactly along ``axis``, and ``ok``, the rows (keepdims)
    where the functions here are defined.

    A row whose maximum is not finite (it holds +inf or NaN, or is all -inf) is computed as zeros and
    turned into NaN by the caller, so ``inf - inf`` is never evaluated. Elsewhere ``d <= 0`` and
    ``x - m`` overflows only where the exact difference is below ``-finfo.max``, i.e. where
    ``x < max(m, 0) - finfo.max`` (a bound computed without overflow): those entries get the
    correctly rounded -inf and the subtraction is not evaluated there. ``r`` is the rounding error
    of the subtraction (Knuth's TwoSum; 0 where ``d`` is -inf): ``exp`` and the sparsemax threshold
    would otherwise turn the absolute error of ``d`` into a large relative error of a small result.
    """
    m = np.max(work, axis=axis, keepdims=True)
    ok = np.isfinite(m)
    if not ok.all():
        work = np.where(ok, work, 0)
        m = np.where(ok, m, 0)
    far = work < np.maximum(m, 0) - np.finfo(work.dtype).max
    d = np.full_like(work, -np.inf)
    np.subtract(work, m, out=d, where=~far)
    a = np.where(far, m, work)
    s = np.where(far, 0, d)
    bb = s - a
    r = (a - (s - bb)) + (-m - bb)  # two_sum(x, -m), with its sum d already known
    return d, r, ok


def _scaled(d: np.ndarray, r: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
    """``(q, c)`` with ``q + c = (d + r)/t`` to about twice the precision, for float64 ``d <= 0``.

    ``d`` is first clamped at ``-4096 t`` (``exp`` of anything below -4096 is 0), so ``q`` cannot
    overflow. The rounding error of the division comes from the exact residual ``d - q t``
    (Dekker's product of the split halves of q and t).
    """
    tt = d.dtype.type(t)
    dc = np.maximum(d, d.dtype.type(-4096.0 * t))
    q = dc / tt
    r = np.where(d < dc, 0, r)
    if (2.0 ** 27 + 1) * t >= np.finfo(d.dtype).max:  # t cannot be split: a huge t, q is tiny anyway
        return q, r / tt
    p, err = two_prod(q, tt)  # q t = p + err exactly
    rho = (dc - p) - err  # d - q t, exactly
    return q, (rho + r) / tt


class _Exp(NamedTuple):
    """The exponentials of the shifted logits (see :func:`_exp_shifted`)."""

    d: np.ndarray  # (x - max x)/t, rounded
    e: np.ndarray  # exp(d)
    e_lo: np.ndarray  # e (1 + c) - e: the part of exp(x - max x) that the rounding of d lost
    rest: np.ndarray  # sum of e over all but the first maximum (where e = 1), keepdims
    rest_lo: np.ndarray  # its remainder
    top: np.ndarray  # index of the first maximum, keepdims
    ok: np.ndarray  # rows with a defined value, keepdims


def _exp_shifted(work: np.ndarray, axis: int, t: float = 1.0) -> _Exp:
    """The exponentials of ``(x - max x)/t``, each as ``e + e_lo``, and ``rest + rest_lo``, the sum
    over every entry but the first maximum (which contributes exactly 1): ``log1p(rest)`` and
    ``1 - y`` at the maximum keep their accuracy where the total rounds to 1.

    ``exp`` turns the absolute rounding error of ``d`` (up to ``|d|`` ulps of 1) into a relative
    one; with ``c`` the remainder of ``d`` (:func:`_shifted`, :func:`_scaled`),
    ``exp(d + c) = e (1 + c)`` to first order, so ``e_lo = e c``."""
    d, c, ok = _shifted(work, axis)
    if t != 1.0:
        d, c = _scaled(d, c, t)
    e = np.exp(d)
    e_lo = e * c
    top = np.argmax(d, axis=axis, keepdims=True)
    others, others_lo = e.copy(), e_lo.copy()
    np.put_along_axis(others, top, 0, axis=axis)
    np.put_along_axis(others_lo, top, 0, axis=axis)
    rest, rest_lo = _sum2(others, axis)
    return _Exp(d, e, e_lo, rest, rest_lo + np.sum(others_lo, axis=axis, keepdims=True), top, ok)


def _quotient(num: np.ndarray, num_lo: np.ndarray,
              den: np.ndarray, den_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(q, q_lo)`` with ``q + q_lo = (num + num_lo)/(den + den_lo)`` to about twice the precision,
    from the exact remainder ``num - q den`` (Dekker's product)."""
    q = num / den
    p, p_err = two_prod(q, den)
    return q, (((num - p) - p_err) + num_lo - q * den_lo) / den


def _softmax_pairs(work: np.ndarray, axis: int, t: float = 1.0) -> tuple[np.ndarray, ...]:
    """``(y, y_lo, comp, comp_lo)``: ``y = softmax(x/t) = softmax((x - max x)/t)`` and ``comp = 1 - y``,
    each as an unevaluated sum ``hi + lo`` (about twice the precision), so that the Jacobian's
    products ``y_i y_j`` are rounded once. The shift makes every exponent <= 0, so nothing overflows;
    ``1 - y`` is ``rest / sum`` at the maximum, where ``y`` rounds to 1. A row that contains +inf or
    NaN, or is all -inf, has no defined softmax and gives NaN."""
    if work.size == 0:
        return work.copy(), work.copy(), work.copy(), work.copy()
    ex = _exp_shifted(work, axis, t)
    total, total_lo = two_sum(ex.rest, 1)  # the maximal entry contributes exactly 1
    total_lo = total_lo + ex.rest_lo
    y, y_lo = _quotient(ex.e, ex.e_lo, total, total_lo)
    comp, comp_lo = two_sum(1, -y)
    comp_lo = comp_lo - y_lo
    top, top_lo = _quotient(ex.rest, ex.rest_lo, total, total_lo)
    np.put_along_axis(comp, ex.top, top, axis=axis)
    np.put_along_axis(comp_lo, ex.top, top_lo, axis=axis)
    nan = np.nan
    return (np.where(ex.ok, y, nan), np.where(ex.ok, y_lo, nan), np.where(ex.ok, comp, nan),
            np.where(ex.ok, comp_lo, nan))


def _softmax(work: np.ndarray, axis: int, t: float = 1.0) -> np.ndarray:
    """softmax(x/t) = softmax((x - max x)/t), see :func:`_softmax_pairs`."""
    y, y_lo, _, _ = _softmax_pairs(work, axis, t)
    return y + y_lo


def _softmax_pairs_last(work: np.ndarray, ax: int, t: float = 1.0) -> tuple[np.ndarray, ...]:
    """:func:`_softmax_pairs` with ``ax`` moved to the end."""
    return tuple(np.moveaxis(a, ax, -1) for a in _softmax_pairs(work, ax, t))


def _softmax_jacobian_last(y: np.ndarray, y_lo: np.ndarray,
                           comp: np.ndarray, comp_lo: np.ndarray) -> np.ndarray:
    """``y_i (delta_ij - y_j)`` for ``y`` with the axis last, from the pairs of :func:`_softmax_pairs`:
    ``-y_i y_j`` off the diagonal and ``y_i (1 - y_i)`` on it, each product rounded once."""
    yi, yj = y[..., :, None], y[..., None, :]
    p, p_err = two_prod(yi, yj)
    jac = -(p + (p_err + (yi * y_lo[..., None, :] + y_lo[..., :, None] * yj)))
    p, p_err = two_prod(y, comp)
    idx = np.arange(y.shape[-1])
    jac[..., idx, idx] = p + (p_err + (y * comp_lo + y_lo * comp))
    return jac


def softmax(x: Any, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Softmax along ``axis``: :math:`y_i = e^{x_i/T} / \sum_j e^{x_j/T}`, computed from
    :math:`x - \max x`."""
    work, dtype, ax = _prepare_wide(x, axis)
    t = _check_temperature(temperature)
    return _finish(_softmax(work, ax, t), dtype)


def softmax_jacobian(x: Any, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Jacobian :math:`\partial y_i/\partial x_j = y_i(\delta_{ij} - y_j)/T`, new axes last."""
    work, dtype, ax = _prepare_wide(x, axis)
    t = _check_temperature(temperature)
    return _over_t(_softmax_jacobian_last(*_softmax_pairs_last(work, ax, t)), t, dtype)


def softmax_vjp(x: Any, g: Any, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Vector-Jacobian product :math:`(g^\top J)_j = y_j\,(g_j - \sum_i g_i y_i)/T`."""
    work, dtype, ax = _prepare_wide(x, axis)
    t = _check_temperature(temperature)
    g = as_real_array(g, "g")
    if g.shape != work.shape:
        raise ValueError(f"g must have the shape of x {work.shape}, got {g.shape}")
    y = _softmax(work, ax, t)
    return _over_t(y * (g - np.sum(g * y, axis=ax, keepdims=True)), t, dtype)


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
    to 1. Unlike ``log(softmax(x))`` nothing underflows to -inf: ``[0, -800]`` gives ``[-0.0, -800]``.
    A row with +inf or NaN, or all -inf, gives NaN (as softmax); -inf entries of other rows give -inf.
    """
    work, dtype, ax = _prepare_wide(x, axis)
    if work.size == 0:
        return work.astype(dtype)
    ex = _exp_shifted(work, ax)
    # -(log1p(rest) - d): a sum of two terms >= 0, negated, so an underflowed result is -0, not +0
    out = -(np.log1p(ex.rest + ex.rest_lo) - ex.d)
    return _finish(np.where(ex.ok, out, np.nan), dtype)


def log_softmax_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian :math:`\partial y_i/\partial x_j = \delta_{ij} - \operatorname{softmax}(x)_j`, new axes
    last; the diagonal :math:`1 - \operatorname{softmax}(x)_i` is computed without cancellation."""
    work, dtype, ax = _prepare_wide(x, axis)
    y, y_lo, comp, comp_lo = _softmax_pairs_last(work, ax)
    jac = np.repeat(-(y + y_lo)[..., None, :], y.shape[-1], axis=-2)
    idx = np.arange(y.shape[-1])
    jac[..., idx, idx] = comp + comp_lo
    return _finish(jac, dtype)


def log_softmax_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r"""Vector-Jacobian product :math:`(g^\top J)_j = g_j - \operatorname{softmax}(x)_j \sum_i g_i`."""
    work, dtype, ax = _prepare_wide(x, axis)
    g = _check_g(g, work.shape)
    y = _softmax(work, ax)
    return _finish(g - y * np.sum(g, axis=ax, keepdims=True), dtype)


def softmin(x: Any, axis: int = -1) -> np.ndarray:
    r"""Softmin along ``axis``: :math:`y_i = e^{-x_i} / \sum_j e^{-x_j} = \operatorname{softmax}(-x)_i`,
    computed from :math:`\min x - x` (exponents <= 0). Rows with -inf or NaN, or all +inf, give NaN."""
    work, dtype, ax = _prepare_wide(x, axis)
    return _finish(_softmax(-work, ax), dtype)


def softmin_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian :math:`\partial y_i/\partial x_j = -y_i(\delta_{ij} - y_j)`, new axes last."""
    work, dtype, ax = _prepare_wide(x, axis)
    return _finish(-_softmax_jacobian_last(*_softmax_pairs_last(-work, ax)), dtype)


def softmin_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r"""Vector-Jacobian product :math:`(g^\top J)_j = -y_j\,(g_j - \sum_i g_i y_i)`."""
    work, dtype, ax = _prepare_wide(x, axis)
    g = _check_g(g, work.shape)
    y = _softmax(-work, ax)
    return _finish(-y * (g - np.sum(g * y, axis=ax, keepdims=True)), dtype)


# --- GLU and its variants -------------------------------------------------------------------------
#
# GLU here and its variants in :mod:`.gated` (SwiGLU, GEGLU, ReGLU, bilinear) share these helpers: x is
# split along ``axis`` into the value half ``a`` and the gate half ``b``, the output is ``a * g(b)``,
# and the Jacobian row i holds ``g(b_i)`` in column i and ``a_i g'(b_i)`` in column ``n/2 + i``. A gate
# is ``g`` and ``g'`` as functions of ``b``; ``inf * 0`` is NaN (:func:`_mul`) unless the gate tells
# where its exact value is positive (``positive``, ``grad_positive``), as GLU's sigmoid does.


def _gate(a: np.ndarray, w: np.ndarray, w_positive: np.ndarray) -> np.ndarray:
    """``a * w`` for a weight ``w >= 0`` that is exactly positive where ``w_positive``: an infinite
    ``a`` gives ±inf there even if ``w`` underflowed to 0, and NaN (the undefined ``inf * 0``)
    elsewhere, without evaluating that product."""
    out = np.where(w_positive, a, np.nan)
    np.multiply(a, w, out=out, where=np.isfinite(a))
    return out


def _weigh(a: np.ndarray, w: np.ndarray, b: np.ndarray, positive: Callable | None) -> np.ndarray:
    """``a * w`` with ``w`` the gate's value or derivative at ``b``: :func:`_mul` (NaN for ``inf * 0``),
    or :func:`_gate` with the mask ``positive(b)`` where the gate says where ``w`` is exactly positive."""
    return _mul(a, w) if positive is None else _gate(a, w, positive(b))


def _halves(work: np.ndarray, ax: int, axis: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)``: the value and the gate half of ``work`` with ``ax`` moved to the end; ``axis`` and
    ``name`` are the caller's, for the error."""
    moved = np.moveaxis(work, ax, -1)
    n = moved.shape[-1]
    if n % 2:
        raise ValueError(
            f"{name} splits x into two halves along axis {axis}, so that axis needs an even size; got size {n}"
        )
    return moved[..., : n // 2], moved[..., n // 2:]


def _apply(x: Any, axis: Any, name: str, gate: Callable[[np.ndarray], np.ndarray],
           positive: Callable | None = None) -> np.ndarray:
    """``a * gate(b)`` along ``axis``, half the size of x there."""
    work, dtype, ax = _prepare_wide(x, axis)
    a, b = _halves(work, ax, axis, name)
    with np.errstate(over="ignore"):  # a product beyond the largest float is the correctly rounded inf
        out = _weigh(a, gate(b), b, positive)
    return _finish(np.moveaxis(out, -1, ax), dtype)


def _jacobian(x: Any, axis: Any, name: str, gate: Callable, gate_grad: Callable,
              grad_positive: Callable | None = None) -> np.ndarray:
    """The Jacobian, shape ``moveaxis(x, axis, -1).shape[:-1] + (n/2, n)``."""
    work, dtype, ax = _prepare_wide(x, axis)
    a, b = _halves(work, ax, axis, name)
    h = a.shape[-1]
    jac = np.zeros(a.shape + (2 * h,), dtype=work.dtype)
    idx = np.arange(h)
    jac[..., idx, idx] = gate(b)
    with np.errstate(over="ignore"):
        jac[..., idx, h + idx] = _weigh(a, gate_grad(b), b, grad_positive)
    return _finish(jac, dtype)


def _vjp(x: Any, g: Any, axis: Any, name: str, gate: Callable, gate_grad: Callable,
         grad_positive: Callable | None = None) -> np.ndarray:
    """``(g * gate(b), g * a * gate'(b))``: ``g`` has the shape of the output, the result that of x."""
    work, dtype, ax = _prepare_wide(x, axis)
    a, b = _halves(work, ax, axis, name)
    g = _check_g(g, np.moveaxis(np.empty(a.shape), -1, ax).shape, "the output")
    g = np.moveaxis(g, ax, -1)
    with np.errstate(over="ignore"):
        out = np.concatenate([_mul(g, gate(b)), _mul(g, _weigh(a, gate_grad(b), b, grad_positive))], axis=-1)
    return _finish(np.moveaxis(out, -1, ax), dtype)


def _sigmoid(b: np.ndarray) -> np.ndarray:
    r"""GLU's gate :math:`\sigma(b)`, from :math:`e^{-|b|}` (nothing overflows)."""
    return sigmoid_pair(b)[0]


def _sigmoid_grad(b: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(b) = \sigma(b)\,\sigma(-b)`."""
    s, s_neg = sigmoid_pair(b)
    return s * s_neg


def _sigmoid_positive(b: np.ndarray) -> np.ndarray:
    r"""Where :math:`\sigma(b) > 0` exactly, even if it underflowed: b > -inf (False for NaN). Its
    derivative :math:`\sigma(b)\sigma(-b)` is exactly positive where b is finite (``np.isfinite``)."""
    return b > -np.inf


def glu(x: Any, axis: int = -1) -> np.ndarray:
    r"""Gated linear unit along ``axis``: :math:`a \odot \sigma(b)` where :math:`a` is the first and
    :math:`b` the second half of x along ``axis`` (its size must be even; the output has half of it).

    :math:`\sigma` is evaluated from :math:`e^{-|b|}`, so nothing overflows; an infinite ``a`` stays
    infinite wherever :math:`\sigma(b) > 0`, and :math:`\infty \cdot \sigma(-\infty)` is NaN.
    """
    return _apply(x, axis, "glu", _sigmoid, _sigmoid_positive)


def glu_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian of GLU, shape ``moveaxis(x, axis, -1).shape[:-1] + (n/2, n)``:
    :math:`\partial y_i/\partial a_i = \sigma(b_i)`,
    :math:`\partial y_i/\partial b_i = a_i\,\sigma(b_i)\,\sigma(-b_i)`, every other entry 0."""
    return _jacobian(x, axis, "glu", _sigmoid, _sigmoid_grad, np.isfinite)


def glu_vjp(x: Any, g: Any, axis: int = -1) -> np.ndarray:
    r"""Vector-Jacobian product: ``g`` has the shape of the output (x's with half the size along
    ``axis``); the result has the shape of x: :math:`(g \odot \sigma(b),\ g \odot a\,\sigma(b)\sigma(-b))`."""
    return _vjp(x, g, axis, "glu", _sigmoid, _sigmoid_grad, np.isfinite)


# --- sparsemax -----------------------------------------------------------------------------------


def _sparsemax_last(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(p, ok)``: sparsemax along the last axis (Martins & Astudillo 2016, Algorithm 1), and the
    rows (keepdims) where it is defined (a finite maximum; the others give NaN).

    Sparsemax is shift-invariant, so it works on ``d = z - max z <= 0``; the threshold satisfies
    ``tau >= max d - 1 = -1``, so an entry below -1 is never in the support and clamping ``d`` at -2
    changes nothing while keeping every partial sum finite. With ``d`` sorted in decreasing order,
    ``k = max{k : 1 + k d_(k) > d_(1) + ... + d_(k)}``, ``tau = (d_(1) + ... + d_(k) - 1) / k`` and
    ``p = max(d - tau, 0)``.

    An output near the edge of the support is a small difference of numbers of size ~1, so each
    quantity carries its rounding error along (error-free transformations: the remainder ``r`` of
    the shift, TwoSum for each step of the running sum and for ``- 1``, Dekker's product for the
    division by k): ``p`` is then accurate to a few ulps of itself, not of 1, and the support is
    decided from nearly exact values.
    """
    d, r, ok = _shifted(z, -1)
    low = d < -2
    d = np.where(low, -2, d)
    r = np.where(low, 0, r)
    n = d.shape[-1]
    order = np.argsort(-d, axis=-1, kind="stable")
    srt = np.take_along_axis(d, order, axis=-1)
    srt_r = np.take_along_axis(r, order, axis=-1)
    cums = np.cumsum(srt, axis=-1)  # sequential: cums_k = fl(cums_{k-1} + srt_k)
    prev = np.concatenate([np.zeros_like(cums[..., :1]), cums[..., :-1]], axis=-1)
    _, step_err = two_sum(prev, srt)  # cums_{k-1} + srt_k = cums_k + step_err_k
    lo = np.cumsum(step_err + srt_r, axis=-1)  # the exact partial sums are cums + lo (to second order)
    # 1 + k z_(k) - (z_(1) + ... + z_(k)) > 0, each step with its rounding error
    ks = np.arange(1, n + 1, dtype=d.dtype)
    kz, kz_err = _times_small(ks, srt)
    one_kz, e1 = two_sum(kz, 1)
    main, e2 = two_sum(one_kz, -cums)
    holds = main + (((e1 + e2) + kz_err) + (ks * srt_r - lo)) > 0
    k = n - np.argmax(holds[..., ::-1], axis=-1)[..., None]  # the largest k for which it holds
    # tau = (S_k - 1)/k: S_k - 1 as num + num_lo, then the division with its exact remainder
    num, num_lo = two_sum(np.take_along_axis(cums, k - 1, axis=-1), -1)
    num_lo = num_lo + np.take_along_axis(lo, k - 1, axis=-1)
    kf = k.astype(d.dtype)
    tau = num / kf
    prod, prod_err = _times_small(kf, tau)  # tau k = prod + prod_err exactly
    tau_lo = (((num - prod) - prod_err) + num_lo) / kf
    p = np.maximum((d - tau) + (r - tau_lo), 0)
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
    size = np.sum(s, axis=-1, keepdims=True)
    return s, np.where(ok, size, 1), ok  # an undefined row (no support) gives NaN later, not 0/0


def sparsemax_jacobian(x: Any, axis: int = -1) -> np.ndarray:
    r"""Jacobian :math:`\operatorname{diag}(s) - s s^\top/|S|` with :math:`s_i = [y_i > 0]`, new axes
    last. Where an entry sits exactly on the edge of the support (:math:`x_i = \tau`, a kink) it
    counts as outside, like the zero it outputs."""
    work, dtype, ax = _prepare(x, axis)
    if work.size == 0:
        moved = np.moveaxis(work, ax, -1)
        return np.zeros(moved.shape + moved.shape[-1:], dtype=dtype)
    s, size, ok = _support(work, ax)
    jac = (0 - s[..., :, None] * s[..., None, :]) / size[..., None]  # 0 - 0 is +0
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
    out = out.reshape(groups.shape[:-2] + (groups.shape[-2] * groups.shape[-1],))
    return np.moveaxis(out, -1, ax).astype(dtype, copy=False)


BRIDLE_1990 = Reference(
    "J. S. Bridle", 1990,
    "Probabilistic Interpretation of Feedforward Classification Network Outputs, with Relationships "
    "to Statistical Pattern Recognition",
    "Neurocomputing, NATO ASI Series F68, 227–236", "https://doi.org/10.1007/978-3-642-76153-9_28",
)

DAUPHIN_2017 = Reference(
    "Y. N. Dauphin, A. Fan, M. Auli, D. Grangier", 2017,
    "Language Modeling with Gated Convolutional Networks", "ICML 2017, PMLR 70, 933–941",
    "https://arxiv.org/abs/1612.08083",
)
MARTINS_ASTUDILLO_2016 = Reference(
    "A. F. T. Martins, R. F. Astudillo", 2016,
    "From Softmax to Sparsemax: A Sparse Model of Attention and Multi-Label Classification",
    "ICML 2016, PMLR 48, 1614–1623", "https://arxiv.org/abs/1602.02068",
)
GOODFELLOW_2013 = Reference(
    "I. J. Goodfellow, D. Warde-Farley, M. Mirza, A. Courville, Y. Bengio", 2013, "Maxout Networks",
    "ICML 2013, PMLR 28(3), 1319–1327", "https://arxiv.org/abs/1302.4389",
)

ENTRIES = [
    Activation(
        key="softmax",
        name=T("Softmax 函数", "Softmax"),
        aliases=("normalized exponential", "归一化指数函数", "Softmax2d"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{softmax}",
        fn=softmax,
        grad=softmax_jacobian,
        vjp=softmax_vjp,
        tex=r"\operatorname{softmax}(\mathbf{x})_i = \frac{e^{x_i}}{\sum_{j=1}^{n} e^{x_j}}, \quad i = 1, \dots, n",
        grad_tex=(
            r"\frac{\partial y_i}{\partial x_j}"
            r" = \frac{1}{T}\, y_i\,(\delta_{ij} - y_j) = \frac{1}{T} \begin{cases} y_i(1 - y_i) & i = j \\"
            r" -y_i\, y_j & i \ne j \end{cases}, \quad \mathbf{y} = \operatorname{softmax}(\mathbf{x} / T)"
        ),
        stable_tex=r"\operatorname{softmax}(\mathbf{x}) = \operatorname{softmax}(\mathbf{x} - \max_k x_k)",
        params=(TEMPERATURE,),
        properties=Properties(
            range=Bounds(r"(0,\ 1)^n,\ \textstyle\sum_i y_i = 1", 0.0, 1.0),
            # the 1/T of the Jacobian; the numbers are those of the default T = 1
            grad_range=Bounds(r"\left[-\tfrac{1}{4T},\ \tfrac{1}{4T}\right]", -0.25, 0.25, True, True),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("把一个实数向量变成概率分布：各分量在 (0, 1) 内且和为 1。",
                  "Turns a real vector into a probability distribution: entries in (0, 1) summing to 1."),
        references=(BRIDLE_1990,),
        api=Api(
            torch="torch.nn.Softmax(dim=None)",
            jax="jax.nn.softmax(x, axis=-1)",
            keras="keras.activations.softmax(x, axis=-1)",
            tensorflow="tf.nn.softmax(x, axis=None)",
            paddle="paddle.nn.functional.softmax(x, axis=-1)",
            mindspore="mindspore.ops.softmax(x, axis=-1)",
            mlx="mlx.nn.softmax(x, axis=-1)",
        ),
        xlim=(-6.0, 6.0),
        extra_figures=("softmax_two_class", "softmax_temperature", "softmax_jacobian"),
    ),
    Activation(
        key="log_softmax",
        name=T("Log-Softmax 函数", "Log-softmax"),
        aliases=("LogSoftmax",),
        family="vector",
        kind="vector",
        symbol=r"\log\operatorname{softmax}",
        fn=log_softmax,
        grad=log_softmax_jacobian,
        vjp=log_softmax_vjp,
        tex=(
            r"\log\operatorname{softmax}(\mathbf{x})_i = \log \frac{e^{x_i}}{\sum_{j=1}^{n} e^{x_j}}"
            r" = x_i - \log \sum_{j=1}^{n} e^{x_j}"
        ),
        grad_tex=(
            r"\frac{\partial \log\operatorname{softmax}(\mathbf{x})_i}{\partial x_j} = \delta_{ij} - y_j,"
            r" \quad \mathbf{y} = \operatorname{softmax}(\mathbf{x})"
        ),
        stable_tex=(
            r"\log\operatorname{softmax}(\mathbf{x})_i = (x_i - m) - \operatorname{log1p}\Bigl("
            r"\sum_{j \ne k} e^{x_j - m}\Bigr), \quad m = x_k = \max_j x_j"
        ),
        properties=Properties(
            range=Bounds(r"(-\infty,\ 0)^n", -inf, 0.0),
            grad_range=Bounds(r"(-1,\ 1)", -1.0, 1.0),
            monotonic=True,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("softmax 的对数，直接由 logits 计算、不先求 softmax，因此很小的概率不会下溢成 −∞；"
                  "通常与负对数似然损失配合使用。",
                  "The logarithm of softmax, computed from the logits without forming softmax first, so "
                  "tiny probabilities do not underflow to −∞; the usual partner of the negative "
                  "log-likelihood loss."),
        references=(),
        api=Api(
            torch="torch.nn.LogSoftmax(dim=None)",
            jax="jax.nn.log_softmax(x, axis=-1)",
            keras="keras.activations.log_softmax(x, axis=-1)",
            tensorflow="tf.nn.log_softmax(x, axis=None)",
            paddle="paddle.nn.functional.log_softmax(x, axis=-1)",
            mindspore="mindspore.ops.log_softmax(x, axis=-1)",
            mlx="mlx.nn.log_softmax(x, axis=-1)",
        ),
        extra_figures=("log_softmax_underflow",),
    ),
    Activation(
        key="softmin",
        name=T("Softmin 函数", "Softmin"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{softmin}",
        fn=softmin,
        grad=softmin_jacobian,
        vjp=softmin_vjp,
        tex=(
            r"\operatorname{softmin}(\mathbf{x})_i = \frac{e^{-x_i}}{\sum_{j=1}^{n} e^{-x_j}}"
            r" = \operatorname{softmax}(-\mathbf{x})_i"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{softmin}(\mathbf{x})_i}{\partial x_j} = -y_i\,(\delta_{ij} - y_j),"
            r" \quad \mathbf{y} = \operatorname{softmin}(\mathbf{x})"
        ),
        stable_tex=r"\operatorname{softmin}(\mathbf{x}) = \operatorname{softmax}(\min_k x_k - \mathbf{x})",
        properties=Properties(
            range=Bounds(r"(0,\ 1)^n,\ \textstyle\sum_i y_i = 1", 0.0, 1.0),
            grad_range=Bounds(r"\left[-\tfrac14,\ \tfrac14\right]", -0.25, 0.25, True, True),
            monotonic=False,
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("对 −x 做 softmax：分量越小，得到的权重越大，输出仍是一个概率分布。",
                  "Softmax of −x: the smaller an entry, the larger its weight; the output is again a "
                  "probability distribution."),
        references=(),
        api=Api(
            torch="torch.nn.Softmin(dim=None)",
            jax=None,
            keras=None,
            tensorflow=None,
            paddle=None,
            mindspore="mindspore.ops.softmin(x, axis=-1)",
            mlx="mlx.nn.softmin(x, axis=-1)",
        ),
        extra_figures=("softmin_example",),
    ),
    Activation(
        key="glu",
        name=T("GLU 函数", "GLU"),
        aliases=("gated linear unit", "门控线性单元", "sigmoid GLU"),
        family="gated",
        kind="vector",
        symbol=r"\operatorname{GLU}",
        fn=glu,
        grad=glu_jacobian,
        vjp=glu_vjp,
        tex=(
            r"\operatorname{GLU}(\mathbf{x}) = \mathbf{a} \odot \sigma(\mathbf{b}), \quad"
            r" \mathbf{x} = (\mathbf{a}, \mathbf{b}),\ \mathbf{a}, \mathbf{b} \in \mathbb{R}^{n/2},"
            r" \quad \sigma(b) = \frac{1}{1 + e^{-b}}"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{GLU}(\mathbf{x})_i}{\partial a_j} = \delta_{ij}\, \sigma(b_i),"
            r" \quad \frac{\partial\, \operatorname{GLU}(\mathbf{x})_i}{\partial b_j}"
            r" = \delta_{ij}\, a_i\, \sigma(b_i)\, \sigma(-b_i)"
        ),
        stable_tex=(
            r"\sigma(b) = \begin{cases} \dfrac{1}{1 + e^{-|b|}} & b \ge 0 \\[1ex]"
            r" \dfrac{e^{-|b|}}{1 + e^{-|b|}} & b < 0 \end{cases}"
        ),
        properties=Properties(
            range=Bounds(r"(-\infty,\ +\infty)^{n/2}", -inf, inf),
            grad_range=Bounds(r"(-\infty,\ +\infty)", -inf, inf),
            monotonic=False,  # in the gate half b the output falls wherever a < 0
            zero_centered=False,
            smoothness="Cinf",
        ),
        summary=T("门控线性单元：沿一个轴把输入对半分成 a 与 b，由 σ(b) 逐元素地控制 a 通过多少，"
                  "输出长度减半。",
                  "Gated linear unit: splits the input in half along an axis into a and b and lets σ(b) "
                  "decide, entry by entry, how much of a passes; the output is half as long."),
        references=(DAUPHIN_2017,),
        api=Api(
            torch="torch.nn.GLU(dim=-1)",
            jax="jax.nn.glu(x, axis=-1)",
            keras="keras.activations.glu(x, axis=-1)",
            tensorflow="tf.keras.activations.glu(x, axis=-1)",
            paddle="paddle.nn.functional.glu(x, axis=-1)",
            mindspore="mindspore.ops.glu(x, axis=-1)",
            mlx="mlx.nn.glu(x, axis=-1)",
        ),
        extra_figures=("glu_gate",),
    ),
    Activation(
        key="sparsemax",
        name=T("Sparsemax 函数", "Sparsemax"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{sparsemax}",
        fn=sparsemax,
        grad=sparsemax_jacobian,
        vjp=sparsemax_vjp,
        tex=(
            r"\begin{gathered}\operatorname{sparsemax}(\mathbf{x}) = \operatorname*{arg\,min}_{\mathbf{p} \in \Delta^{n-1}}"
            r" \lVert \mathbf{p} - \mathbf{x} \rVert^2, \\"
            r" \operatorname{sparsemax}(\mathbf{x})_i = \max\bigl(x_i - \tau(\mathbf{x}),\ 0\bigr),"
            r" \\ \sum_{i=1}^{n} \max\bigl(x_i - \tau(\mathbf{x}),\ 0\bigr) = 1\end{gathered}"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{sparsemax}(\mathbf{x})_i}{\partial x_j}"
            r" = s_i\, \delta_{ij} - \frac{s_i\, s_j}{|S|}, \quad s_i = [\, x_i > \tau(\mathbf{x}) \,],"
            r" \quad |S| = \sum_{i=1}^{n} s_i"
        ),
        stable_tex=(
            r"\begin{gathered}z_{(1)} \ge \dots \ge z_{(n)}, \ \ \mathbf{z} = \mathbf{x} - \max_j x_j, \\"
            r" k = \max\Bigl\{ k : 1 + k\, z_{(k)} > \sum_{j \le k} z_{(j)} \Bigr\}, \quad"
            r" \tau = \frac{\sum_{j \le k} z_{(j)} - 1}{k} + \max_j x_j\end{gathered}"
        ),
        properties=Properties(
            range=Bounds(r"[0,\ 1]^n,\ \textstyle\sum_i y_i = 1", 0.0, 1.0, True, True),
            grad_range=Bounds(r"\left[-\tfrac12,\ 1\right)", -0.5, 1.0, lo_closed=True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("把向量欧氏投影到概率单纯形上：与 softmax 一样输出概率分布，但能把一部分分量精确地置为 0。",
                  "The Euclidean projection onto the probability simplex: a probability distribution like "
                  "softmax, but one that can put exactly zero on some entries."),
        references=(MARTINS_ASTUDILLO_2016,),
        api=Api(
            torch=None,
            jax=None,
            keras="keras.activations.sparsemax(x, axis=-1)",
            tensorflow="tf.keras.activations.sparsemax(x, axis=-1)",
            paddle=None,
            mindspore=None,
            mlx=None,
        ),
        extra_figures=("sparsemax_two_class", "sparsemax_example"),
    ),
    Activation(
        key="maxout",
        name=T("Maxout 函数", "Maxout"),
        family="vector",
        kind="vector",
        symbol=r"\operatorname{maxout}",
        fn=maxout,
        grad=maxout_jacobian,
        vjp=maxout_vjp,
        tex=(
            r"\operatorname{maxout}(\mathbf{x})_i = \max_{1 \le j \le k} x_{(i-1)k + j},"
            r" \quad i = 1, \dots, \tfrac{n}{k}, \quad \mathbf{x} = W\mathbf{h} + \mathbf{b}"
        ),
        grad_tex=(
            r"\frac{\partial\, \operatorname{maxout}(\mathbf{x})_i}{\partial x_j}"
            r" = \begin{cases} 1 & j = j_i^* \\ 0 & j \ne j_i^* \end{cases}, \quad"
            r" j_i^* = \min \operatorname*{arg\,max}_{(i-1)k < j \le ik} x_j"
        ),
        params=(PIECES,),
        properties=Properties(
            range=Bounds(r"(-\infty,\ +\infty)^{n/k}", -inf, inf),
            grad_range=Bounds(r"\{0,\ 1\}", 0.0, 1.0, True, True),
            monotonic=True,
            zero_centered=False,
            smoothness="C0",
        ),
        summary=T("在每组 k 个相邻输入（通常是上一层给出的 k 个仿射变换）中取最大值，"
                  "对上一层的输入而言是一个分段线性的凸函数。",
                  "Takes the maximum over each group of k consecutive inputs (usually k affine maps computed "
                  "by the previous layer): a convex piecewise-linear function of that layer's input."),
        references=(GOODFELLOW_2013,),
        api=Api(None, None, None),
        extra_figures=("maxout_pieces",),
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
    # vector cells (pcolormesh, not imshow): crisp at any size, and convertible to PNG/PDF
    edges = np.arange(n + 1) - 0.5
    image = ax.pcolormesh(edges, edges, jac, cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_aspect("equal")
    ax.invert_yaxis()  # row 1 at the top, as a matrix is written
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
    bar.solids.set_rasterized(False)  # matplotlib rasterises a smooth colour bar; keep it vector ...
    bar.solids.set_edgecolor("face")  # ... without hairline seams between its strips
    bar.ax.tick_params(colors=c.ink)
    bar.outline.set_visible(False)


# --- figures of the other vector-valued functions ------------------------------------------------

SPARSEMAX_EXAMPLE_LOGITS = (1.0, 0.6, 0.1, -1.0)
GLU_GATED_VALUES = (2.0, 1.0, 0.5, -1.0)
#: maxout figure: three affine pieces z_j = w_j h + b_j of a scalar input h, as (w_j, b_j)
MAXOUT_PIECES = ((-1.5, -1.5), (0.3, 0.0), (1.2, -1.2))


def _grouped_bars(c, logits, series) -> None:
    """Bars of several vector functions of the same logits, side by side, each value written on top."""
    ax = c.ax
    n = len(logits)
    width = 0.8 / len(series)
    c.style_axes(ax, xlabel="", origin=False)
    top = 0.0
    for s, (color, (label, values)) in enumerate(zip(c.colors, series)):
        pos = np.arange(n) - 0.4 + width * (s + 0.5)
        ax.bar(pos, values, width=width * 0.92, color=color, label=label, zorder=2)
        for xp, v in zip(pos, values):
            text = f"{v:.2f}" if v != 0 else "0"  # an exact zero is written as such
            ax.text(xp, v + 0.01, text, ha="center", va="bottom", fontsize=8.5, color=c.ink)
        top = max(top, float(np.max(values)))
    ax.set_xticks(range(n), [f"$x_{i + 1} = {v:g}$".replace("-", "−") for i, v in enumerate(logits)])
    ax.set_ylim(0, top * 1.18)
    ax.set_xlim(-0.6, n - 0.4)
    c.legend(ax, loc="upper center", fontsize=9)


@drawer(
    "log_softmax_underflow",
    caption=T("两类 log-softmax 的第一个输出随 logit 差 x₁ − x₂ 的变化（float64）：实线为本库的稳定算法，"
              "虚线为先算 softmax 再取对数；阴影处 softmax 下溢为 0，其对数成为 −∞",
              "The first output of a two-class log-softmax against the logit difference x₁ − x₂ "
              "(float64): solid, this library's stable evaluation; dashed, the logarithm of a computed "
              "softmax, which becomes −∞ in the shaded region where softmax underflows to 0"),
    alt=T("两条几乎重合的直线；先算 softmax 再取对数的那条在约 −745 处中断并跌到 −∞",
          "Two nearly coincident straight lines; the log-of-softmax one stops near −745 and drops to −∞"),
)
def _draw_log_softmax_underflow(c, figure) -> None:
    d = np.linspace(-900, 60, 1921)
    logits = np.stack([d, np.zeros_like(d)], axis=-1)
    stable = log_softmax(logits)[:, 0]
    p = softmax(logits)[:, 0]
    naive = np.full_like(p, -np.inf)
    np.log(p, out=naive, where=p > 0)
    # the first logit difference at which the computed softmax is not 0 (bisection on the float64 result)
    lo, hi = -800.0, -700.0
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if softmax(np.array([mid, 0.0]))[0] > 0 else (mid, hi)
    edge = hi
    ax = c.ax
    c.style_axes(ax, xlabel="$x_1 - x_2$")
    bottom, top = -960.0, 90.0
    ax.axvspan(d[0], edge, color=c.shade, alpha=0.15, linewidth=0)
    ax.plot(d, stable, color=c.colors[0], linewidth=2.2,
            label=r"$(x_1 - m) - \log \sum_j e^{x_j - m}$")
    shown = np.where(np.isfinite(naive), naive, np.nan)
    ax.plot(d, shown, color=c.colors[1], linewidth=1.8, linestyle="--",
            label=r"$\log\left(e^{x_1} / \sum_j e^{x_j}\right)$")
    ax.plot([edge, edge], [edge, bottom], color=c.colors[1], linewidth=1.8, linestyle="--")
    ax.annotate(r"$-\infty$", (edge, bottom), xytext=(edge - 12, bottom + 60), ha="right", va="bottom",
                fontsize=12, color=c.colors[1],
                arrowprops={"arrowstyle": "->", "color": c.colors[1], "linewidth": 1.2})
    ax.annotate(f"$x_1 - x_2 = {edge:.1f}$".replace("-", "−"), (edge, -350), xytext=(edge + 25, -350),
                ha="left", va="center", fontsize=10, color=c.ink,
                bbox={"boxstyle": "round,pad=0.2", "fc": c.paper, "ec": "none", "alpha": 0.85})
    ax.set_xlim(d[0], d[-1])
    ax.set_ylim(bottom, top)
    c.legend(ax, loc="lower right", fontsize=9)


@drawer(
    "softmin_example",
    caption=T("同一组 logits x = (2, 1, 0.1, −1) 的 softmax 与 softmin：softmin 把最大的权重给最小的分量",
              "Softmax and softmin of the same logits x = (2, 1, 0.1, −1): softmin gives the largest "
              "weight to the smallest entry"),
    alt=T("两组柱状图，softmax 随 xᵢ 递减而减小，softmin 则相反",
          "Grouped bar chart: softmax falls as xᵢ decreases, softmin rises"),
)
def _draw_softmin_example(c, figure) -> None:
    x = np.asarray(SOFTMAX_EXAMPLE_LOGITS)
    _grouped_bars(c, SOFTMAX_EXAMPLE_LOGITS, [
        (r"$\operatorname{softmax}(\mathbf{x})_i$", softmax(x)),
        (r"$\operatorname{softmin}(\mathbf{x})_i$", softmin(x)),
    ])


@drawer(
    "glu_gate",
    caption=T("GLU 的门：固定 a 时输出 a·σ(b) 随 b 的变化；b 很小时门关闭（输出趋于 0），b 很大时门打开（输出趋于 a，点线）",
              "The GLU gate: the output a·σ(b) against b for fixed a; for very negative b the gate is "
              "closed (output near 0), for large b it is open (output near a, dotted)"),
    alt=T("几条 S 形曲线，从 0 过渡到各自的 a 值", "S-shaped curves rising from 0 to their value of a"),
)
def _draw_glu_gate(c, figure) -> None:
    b = np.linspace(-6, 6, 1201)
    ax = c.ax
    c.style_axes(ax, xlabel="$b$")
    for color, a in zip(c.colors, GLU_GATED_VALUES):
        y = glu(np.stack([np.full_like(b, a), b], axis=-1))
        ax.axhline(a, color=color, linewidth=0.9, linestyle=":", alpha=0.9)
        ax.plot(b, y, color=color, linewidth=1.9, label=f"$a\\,\\sigma(b),\\ a = {a:g}$".replace("-", "−"))
    ax.set_xlim(b[0], b[-1])
    c.legend(ax, loc="upper left", fontsize=9)


@drawer(
    "sparsemax_two_class",
    caption=T("两类 sparsemax 与 softmax 的第一个输出随 logit 差 x₁ − x₂ 的变化；阴影处 sparsemax 的输出恰为 0 或 1",
              "The first output of a two-class sparsemax and softmax against the logit difference x₁ − x₂; "
              "shaded where sparsemax is exactly 0 or 1"),
    alt=T("sparsemax 是在 −1 与 1 之间的一段直线，两侧分别恒为 0 和 1；softmax 是平滑的 S 形曲线",
          "Sparsemax is a straight ramp between −1 and 1 and exactly 0 or 1 outside; softmax is a smooth "
          "S-curve"),
)
def _draw_sparsemax_two_class(c, figure) -> None:
    d = np.linspace(-3, 3, 1201)
    logits = np.stack([d, np.zeros_like(d)], axis=-1)
    ys = sparsemax(logits)[:, 0]
    ax = c.ax
    c.style_axes(ax, xlabel="$x_1 - x_2$")
    exact = (ys == 0) | (ys == 1)
    ax.fill_between(d, 0, 1, where=exact, color=c.shade, alpha=0.15, linewidth=0)
    ax.plot(d, ys, color=c.colors[0], linewidth=2.2, label=r"$\operatorname{sparsemax}(x_1, x_2)_1$")
    ax.plot(d, softmax(logits)[:, 0], color=c.colors[1], linewidth=1.8, linestyle="--",
            label=r"$\operatorname{softmax}(x_1, x_2)_1$")
    ax.set_xlim(d[0], d[-1])
    ax.set_ylim(-0.05, 1.05)
    c.legend(ax, loc="upper left", fontsize=9)


@drawer(
    "sparsemax_example",
    caption=T("同一组 logits x = (1, 0.6, 0.1, −1) 的 softmax 与 sparsemax：sparsemax 给后两个分量的概率恰为 0",
              "Softmax and sparsemax of the same logits x = (1, 0.6, 0.1, −1): sparsemax gives the last "
              "two entries probability exactly 0"),
    alt=T("两组柱状图；sparsemax 只有前两根柱子非零", "Grouped bar chart; only the first two sparsemax bars are non-zero"),
)
def _draw_sparsemax_example(c, figure) -> None:
    x = np.asarray(SPARSEMAX_EXAMPLE_LOGITS)
    _grouped_bars(c, SPARSEMAX_EXAMPLE_LOGITS, [
        (r"$\operatorname{softmax}(\mathbf{x})_i$", softmax(x)),
        (r"$\operatorname{sparsemax}(\mathbf{x})_i$", sparsemax(x)),
    ])


@drawer(
    "maxout_pieces",
    caption=T("k = 3 的 maxout 单元：上一层给出标量输入 h 的三个仿射函数 zⱼ（细虚线），maxout 取其最大值（粗线），"
              "得到一个分段线性的凸函数；圆点为折点",
              "A maxout unit with k = 3: the previous layer computes three affine functions zⱼ of a scalar "
              "input h (thin dashed), maxout takes their maximum (thick), a convex piecewise-linear "
              "function; dots mark the kinks"),
    alt=T("三条直线及其上包络线", "Three straight lines and their upper envelope"),
)
def _draw_maxout_pieces(c, figure) -> None:
    h = np.linspace(-4, 4, 1601)
    z = np.stack([w * h + b for w, b in MAXOUT_PIECES], axis=-1)
    y = maxout(z, pieces=len(MAXOUT_PIECES))[:, 0]
    ax = c.ax
    c.style_axes(ax, xlabel="$h$")
    for j, (color, (w, b)) in enumerate(zip(c.colors[1:], MAXOUT_PIECES)):
        sign = "+" if b >= 0 else "-"
        affine = f"{w:g}h" + (f" {sign} {abs(b):g}" if b else "")
        ax.plot(h, z[:, j], color=color, linewidth=1.2, linestyle="--",
                label=f"$z_{j + 1} = {affine}$".replace("-", "−"))
    ax.plot(h, y, color=c.colors[0], linewidth=2.6, label=r"$\operatorname{maxout}(\mathbf{z}) = \max_j z_j$")
    # kinks: where the arg-max (the column of the Jacobian that is 1) changes
    winner = np.argmax(maxout_jacobian(z, pieces=len(MAXOUT_PIECES))[:, 0, :], axis=-1)
    for i in np.flatnonzero(np.diff(winner)):
        (w1, b1), (w2, b2) = MAXOUT_PIECES[winner[i]], MAXOUT_PIECES[winner[i + 1]]
        hk = (b2 - b1) / (w1 - w2)
        ax.plot([hk], [w1 * hk + b1], "o", color=c.colors[0], markersize=6, zorder=3)
    ax.set_xlim(h[0], h[-1])
    ax.set_ylim(-2.5, 4.0)
    c.legend(ax, loc="upper center", fontsize=9)
