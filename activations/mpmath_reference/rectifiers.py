"""mpmath references for activations/catalog/rectifiers.py: the definitions as the papers write them,
evaluated with mpmath's accurate primitives (``expm1``, ``log1p``, ``sinh``) where a textbook form would lose
the working precision to cancellation (ln cosh x near 0, ln((1 + eˣ)/2) near 0), and their closed-form
derivatives.
"""

from __future__ import annotations

from mpmath import mp, mpf


def _relu(x):
    return x if x > 0 else mpf(0)


def squared_relu(x):
    return _relu(x) ** 2


def squared_relu_grad(x):
    return 2 * _relu(x)


def star_relu(x, scale=0.8944271909999159, bias=-0.4472135954999579):
    return mpf(scale) * _relu(x) ** 2 + mpf(bias)


def star_relu_grad(x, scale=0.8944271909999159, bias=-0.4472135954999579):
    return 2 * mpf(scale) * _relu(x)


def smelu(x, beta=2.0):
    b = mpf(beta)
    if x <= -b:
        return mpf(0)
    return (x + b) ** 2 / (4 * b) if x < b else mpf(x)


def smelu_grad(x, beta=2.0):
    b = mpf(beta)
    if x <= -b:
        return mpf(0)
    return (x + b) / (2 * b) if x < b else mpf(1)


def shifted_softplus(x):
    # ln((1 + e^x)/2) = log1p((e^x - 1)/2)
    return mp.log1p(mp.expm1(x) / 2)


def shifted_softplus_grad(x):
    return 1 / (1 + mp.exp(-x))


def log_cosh(x):
    # ln cosh x = log1p(cosh x - 1) = log1p(2 sinh²(x/2))
    return mp.log1p(2 * mp.sinh(x / 2) ** 2)


def log_cosh_grad(x):
    return mp.tanh(x)


def pelu(x, a=1.0, b=1.0):
    a, b = mpf(a), mpf(b)
    return a / b * x if x >= 0 else a * mp.expm1(x / b)


def pelu_grad(x, a=1.0, b=1.0):
    a, b = mpf(a), mpf(b)
    return a / b if x >= 0 else a / b * mp.exp(x / b)


def _sigmoid(t):
    return 1 / (1 + mp.exp(-t))


def elish(x):
    return x * _sigmoid(x) if x >= 0 else mp.expm1(x) * _sigmoid(x)


def elish_grad(x):
    s = _sigmoid(x)
    if x >= 0:
        return s * (1 + x * (1 - s))
    return mp.exp(x) * s + mp.expm1(x) * s * (1 - s)


def xielu(x, alpha_p=0.8, alpha_n=0.8, beta=0.5):
    ap, an, b = mpf(alpha_p), mpf(alpha_n), mpf(beta)
    if x > 0:
        return ap * x * x + b * x
    with mp.extraprec(60):  # the two terms cancel near the negative root
        return +(an * (mp.expm1(x) - x) + b * x)


def xielu_grad(x, alpha_p=0.8, alpha_n=0.8, beta=0.5):
    ap, an, b = mpf(alpha_p), mpf(alpha_n), mpf(beta)
    if x > 0:
        return 2 * ap * x + b
    with mp.extraprec(60):  # cancels at the minimum ln((alpha_n - beta)/alpha_n)
        return +(an * mp.expm1(x) + b)


REFERENCES = {
    "squared_relu": (squared_relu, squared_relu_grad),
    "star_relu": (star_relu, star_relu_grad),
    "smelu": (smelu, smelu_grad),
    "shifted_softplus": (shifted_softplus, shifted_softplus_grad),
    "log_cosh": (log_cosh, log_cosh_grad),
    "pelu": (pelu, pelu_grad),
    "elish": (elish, elish_grad),
    "xielu": (xielu, xielu_grad),
}
