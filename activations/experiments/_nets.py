"""Fully connected networks built from a registry entry: initialisations, a forward pass that keeps
every layer's pre-activations, and backpropagation through the entry's own derivative.

Shapes: a batch of inputs is ``(batch, width)``; weights ``(depth, width, width)``. Everything is
float64 and vectorised over units and samples (one matrix product per layer, no loop over neurons).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core.spec import Activation, T

__all__ = ["INITS", "init_std", "init_weights", "forward", "backward", "backprop"]

#: weight initialisations by name: the variance of each weight as a function of fan-in and fan-out
INITS: Mapping[str, T] = {
    "xavier": T("Xavier（Glorot）", "Xavier (Glorot)"),
    "he": T("He（Kaiming）", "He (Kaiming)"),
    "lecun": T("LeCun", "LeCun"),
}


def init_std(init: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation of a weight: Glorot & Bengio 2010 (variance 2/(fan_in + fan_out)), He et
    al. 2015 (2/fan_in), LeCun et al. 1998 (1/fan_in). For square layers Xavier and LeCun coincide."""
    if init == "xavier":
        return float(np.sqrt(2.0 / (fan_in + fan_out)))
    if init == "he":
        return float(np.sqrt(2.0 / fan_in))
    if init == "lecun":
        return float(np.sqrt(1.0 / fan_in))
    raise ValueError(f"init must be one of {', '.join(INITS)}, got {init!r}")


def init_weights(rng: np.random.Generator, init: str, width: int, depth: int,
                 weight_var: float | None = None) -> np.ndarray:
    """``depth`` square Gaussian weight matrices with the initialisation's variance, or with variance
    ``weight_var / width`` when given (mean-field theory's σ_w²/n)."""
    std = np.sqrt(weight_var / width) if weight_var is not None else init_std(init, width, width)
    return rng.standard_normal((depth, width, width)) * std


def forward(entry: Activation, x: np.ndarray, weights: np.ndarray,
            biases: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pre-activations ``a[l] = h[l-1] @ W[l] + b[l]`` and activations ``h[l] = f(a[l])`` of every
    layer, as two arrays of shape ``(depth, batch, width)`` (``h[-1]`` is the output)."""
    params = entry.defaults
    depth = weights.shape[0]
    pre = np.empty((depth, *x.shape[:-1], weights.shape[-1]))
    post = np.empty_like(pre)
    h = x
    for layer in range(depth):
        a = h @ weights[layer]
        if biases is not None:
            a = a + biases[layer]
        pre[layer] = a
        h = post[layer] = entry.fn(a, **params)
    return pre, post


def backward(entry: Activation, pre: np.ndarray, weights: np.ndarray, top: np.ndarray,
             slopes: np.ndarray | None = None) -> np.ndarray:
    """Gradients ``∂L/∂h[l]`` for every layer, given ``top = ∂L/∂h[depth-1]``; shape ``(depth, batch,
    width)``. Backpropagation by hand: ``∂L/∂h[l-1] = (∂L/∂h[l] · f′(a[l])) @ W[l]ᵀ``. ``slopes`` is
    ``f′(pre)`` when the caller has it already (evaluating a costly derivative once, not twice)."""
    params = entry.defaults
    depth = weights.shape[0]
    grads = np.empty_like(pre)
    g = top
    for layer in range(depth - 1, -1, -1):
        grads[layer] = g
        slope = slopes[layer] if slopes is not None else entry.grad(pre[layer], **params)
        g = (g * slope) @ weights[layer].T
    return grads


def backprop(entry: Activation, x: np.ndarray, pre: np.ndarray, post: np.ndarray, weights: np.ndarray,
             top: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradients of a loss with respect to the weights, the biases and the input of a stack run by
    :func:`forward` on ``x``, given ``top = ∂L/∂h[depth-1]``: ``(dW, db, dx)`` with the shapes of
    ``weights``, ``pre`` summed over the batch axis (``(depth, ..., width)``) and ``x``.

    Leading axes before the batch axis (e.g. independent seeds stacked) are kept: with ``x`` of shape
    ``(seeds, batch, n)`` and weights ``(depth, seeds, n, n)`` every product is one batched matmul.
    ``δ[l] = ∂L/∂h[l] · f′(a[l])``, ``dW[l] = h[l-1]ᵀ δ[l]``, ``db[l] = Σ_batch δ[l]``,
    ``∂L/∂h[l-1] = δ[l] W[l]ᵀ``, with f′ the registry's derivative, evaluated once per layer."""
    params = entry.defaults
    depth = len(weights)
    dW = np.empty_like(weights)
    db = np.empty((depth, *pre.shape[1:-2], pre.shape[-1]))
    g = top
    for layer in range(depth - 1, -1, -1):
        delta = g * entry.grad(pre[layer], **params)
        below = post[layer - 1] if layer > 0 else x
        dW[layer] = np.swapaxes(below, -1, -2) @ delta
        db[layer] = delta.sum(axis=-2)
        g = delta @ np.swapaxes(weights[layer], -1, -2)
    return dW, db, g
