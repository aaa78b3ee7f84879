"""mpmath references for activations/catalog/smooth_relu.py: the textbook definitions, evaluated with
mpmath's accurate primitives (``expm1``, ``log1p``, ``ncdf``) so the working precision is not lost to
cancellation, and their closed-form derivatives. ``None`` marks a point where the derivative does not exist.
"""

from __future__ import annotations

from mpmath import mp, mpf

# --- SELU constants, re-derived from the closed forms of Klambauer et al. (2017), eq. 14 -------------


def selu_constants(dps: int = 60) -> tuple[mpf, mpf]:
    """(alpha_01, lambda_01), the fixed point (mean 0, variance 1) of Klambauer et al. (2017)."""
    with mp.workdps(dps):
        e = mp.e
        c = mp.erfc(1 / mp.sqrt(2))
        alpha = -mp.sqrt(2 / mp.pi) / (c * mp.exp(mpf(1) / 2) - 1)
        lam = (1 - c * mp.sqrt(e)) * mp.sqrt(2 * mp.pi) / mp.sqrt(
            2 * mp.erfc(mp.sqrt(2)) * e**2 + mp.pi * c**2 * e - 2 * (2 + mp.pi) * c * mp.sqrt(e) + mp.pi + 2
        )
        return +alpha, +lam


_SELU_ALPHA, _SELU_LAMBDA = selu_constants()


def _sigmoid(t):
    return 1 / (1 + mp.exp(-t))


def _guard(x, b):
    """Extra precision for x + sqrt(x^2 + b), which cancels for x < 0: about log2(x^2/b) bits are lost."""
    bits = 10 if b == 0 else 10 + int(mp.log(1 + x * x / b, 2))
    return mp.extraprec(bits)


# --- references ----------------------------------------------------------------------------------


def softplus(x, beta=1.0):
    beta = mpf(beta)
    return mp.log1p(mp.exp(beta * x)) / beta


def softplus_grad(x, beta=1.0):
    return _sigmoid(mpf(beta) * x)


def elu(x, alpha=1.0):
    return x if x > 0 else mpf(alpha) * mp.expm1(x)


def elu_grad(x, alpha=1.0):
    if x == 0:
        return mpf(1) if alpha == 1 else None
    return mpf(1) if x > 0 else mpf(alpha) * mp.exp(x)


def celu(x, alpha=1.0):
    alpha = mpf(alpha)
    return max(mpf(0), x) + min(mpf(0), alpha * mp.expm1(x / alpha))


def celu_grad(x, alpha=1.0):
    return mpf(1) if x > 0 else mp.exp(x / mpf(alpha))


def selu(x):
    return _SELU_LAMBDA * (x if x > 0 else _SELU_ALPHA * mp.expm1(x))


def selu_grad(x):
    if x == 0:
        return None
    return _SELU_LAMBDA if x > 0 else _SELU_LAMBDA * _SELU_ALPHA * mp.exp(x)


def gelu(x):
    return x * mp.ncdf(x)


def gelu_grad(x):
    return mp.ncdf(x) + x * mp.npdf(x)


def gelu_tanh(x):
    """The tanh approximation (PyTorch ``approximate='tanh'``, JAX ``approximate=True``); 1 + tanh(u)
    cancels to about 2e^(2u) for u < 0, which costs about 2.9|u| bits: added to the working precision."""
    x = mpf(x)
    u = mp.sqrt(2 / mp.pi) * (x + mpf("0.044715") * x**3)
    with mp.extraprec(10 + 3 * int(min(-u, 4000)) if u < 0 else 10):  # beyond, the value is < 1e-3000
        u = mp.sqrt(2 / mp.pi) * (x + mpf("0.044715") * x**3)
        return +(x / 2 * (1 + mp.tanh(u)))


def silu(x, beta=1.0):
    return x * _sigmoid(mpf(beta) * x)


def silu_grad(x, beta=1.0):
    s = _sigmoid(mpf(beta) * x)
    s_neg = _sigmoid(-mpf(beta) * x)
    return s + mpf(beta) * x * s * s_neg


def mish(x):
    return x * mp.tanh(mp.log1p(mp.exp(x)))


def mish_grad(x):
    sp = mp.log1p(mp.exp(x))
    return mp.tanh(sp) + x * _sigmoid(x) * mp.sech(sp) ** 2


def hard_swish(x):
    return x * min(max(x + 3, mpf(0)), mpf(6)) / 6


def hard_swish_grad(x):
    if x in (-3, 3):
        return None
    if x < -3:
        return mpf(0)
    return (2 * x + 3) / 6 if x < 3 else mpf(1)


def squareplus(x, b=4.0):
    b = mpf(b)
    with _guard(x, b):
        return +((x + mp.sqrt(x * x + b)) / 2)


def squareplus_grad(x, b=4.0):
    b = mpf(b)
    if b == 0 and x == 0:
        return None
    with _guard(x, b):
        return +((1 + x / mp.sqrt(x * x + b)) / 2)


def sparse_plus(x):
    if x <= -1:
        return mpf(0)
    return (x + 1) ** 2 / 4 if x < 1 else mpf(x)


def sparse_plus_grad(x):
    if x <= -1:
        return mpf(0)
    return (x + 1) / 2 if x < 1 else mpf(1)


def isrlu(x, alpha=1.0):
    return mpf(x) if x >= 0 else x / mp.sqrt(1 + mpf(alpha) * x * x)


def isrlu_grad(x, alpha=1.0):
    return mpf(1) if x >= 0 else (1 + mpf(alpha) * x * x) ** mpf(-1.5)


REFERENCES = {
    "softplus": (softplus, softplus_grad),
    "elu": (elu, elu_grad),
    "celu": (celu, celu_grad),
    "selu": (selu, selu_grad),
    "gelu": (gelu, gelu_grad),
    "silu": (silu, silu_grad),
    "mish": (mish, mish_grad),
    "hard_swish": (hard_swish, hard_swish_grad),
    "squareplus": (squareplus, squareplus_grad),
    "sparse_plus": (sparse_plus, sparse_plus_grad),
    "isrlu": (isrlu, isrlu_grad),
}
