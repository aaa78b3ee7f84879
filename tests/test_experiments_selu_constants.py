"""The SELU constants: closed form and quadrature at 50 digits, and the registry's float64 values."""

from __future__ import annotations

import numpy as np
from mpmath import mp, mpf

import activations as act
from activations.catalog import smooth_relu
from activations.experiments import results


def test_closed_form_and_quadrature_agree():
    data = results.get("selu_constants")
    assert data["dps"] == 50
    # the two derivations share every one of the 50 digits kept
    assert data["agreement_digits"] == 50
    assert data["alpha"] == data["alpha_quadrature"] and data["lambda"] == data["lambda_quadrature"]
    # PyTorch's and JAX's 32-digit constants are these, rounded to 32 significant digits
    with mp.workdps(60):
        assert abs(mpf(data["alpha"]) - mpf("1.6732632423543772848170429916717")) <= mpf("5e-32")
        assert abs(mpf(data["lambda"]) - mpf("1.0507009873554804934193349852946")) <= mpf("5e-32")


def test_registry_constants_are_the_nearest_float64():
    data = results.get("selu_constants")
    with mp.workdps(60):
        alpha, lam, product = mpf(data["alpha"]), mpf(data["lambda"]), mpf(data["lambda_alpha"])
        # to the last digit of float64: float(mpf) is the correctly rounded value
        assert smooth_relu.SELU_ALPHA == float(alpha) == data["alpha_float"]
        assert smooth_relu.SELU_SCALE == float(lam) == data["lambda_float"]
        assert smooth_relu.SELU_SCALE_ALPHA == float(product)
        assert abs(product - alpha * lam) < mpf(10) ** -49
    entry = act.get("selu")
    assert entry.params == ()  # SELU has no parameters: its constants are fixed, kept in notes
    assert entry.notes["alpha"] == float(alpha) and entry.notes["lambda"] == float(lam)
    # and the kernel uses them: SELU(1) = λ, SELU′(0) = λα, SELU(−∞) = −λα
    assert entry.fn(np.array(1.0)) == float(lam)
    assert entry.grad(np.array(0.0)) == float(product)
    assert entry.fn(np.array(-800.0)) == -float(product)
