"""mpmath references for :mod:`activations.catalog.self_gated`: the definitions as the papers write them,
evaluated with mpmath's accurate primitives (``log1p``, ``erf``, ``erfc``), and their closed-form
derivatives. ``None`` marks a point where the derivative does not exist (hard Mish at x = -2).
"""

from __future__ import annotations

from mpmath import mp, mpf


def _sigmoid(t):
    return 1 / (1 + mp.exp(-t))


def _softplus(x):
    return mp.log1p(mp.exp(x))


# For x > 1000, 1 - tanh(e^x) < 2 exp(-2 e^1000) < 10^(-10^434): tanh(e^x) is 1 and the second term
# of the derivative 0 to any precision mpmath could be asked for (and e^(e^x) would exhaust memory).
_TANH_EXP_FLAT = 1000


def tanh_exp(x):
    if x > _TANH_EXP_FLAT:
        return mpf(x)
    return x * mp.tanh(mp.exp(x))


def tanh_exp_grad(x):
    if x > _TANH_EXP_FLAT:
        return mpf(1)
    u = mp.exp(x)
    return mp.tanh(u) + x * u * mp.sech(u) ** 2


def logish(x):
    return x * mp.log1p(_sigmoid(x))


def logish_grad(x):
    s = _sigmoid(x)
    return mp.log1p(s) + x * s * (1 - s) / (1 + s)


def serf(x):
    return x * mp.erf(_softplus(x))


def serf_grad(x):
    s = _softplus(x)
    return mp.erf(s) + x * _sigmoid(x) * 2 / mp.sqrt(mp.pi) * mp.exp(-s * s)


def lisht(x):
    return x * mp.tanh(x)


def lisht_grad(x):
    return mp.tanh(x) + x * mp.sech(x) ** 2


def hard_mish(x):
    return x / 2 * min(mpf(2), max(mpf(0), x + 2))


def hard_mish_grad(x):
    if x == -2:
        return None
    if x < -2:
        return mpf(0)
    return x + 1 if x <= 0 else mpf(1)


def lecun_tanh(x):
    return mpf("1.7159") * mp.tanh(2 * x / 3)


def lecun_tanh_grad(x):
    return mpf("1.7159") * 2 / 3 * mp.sech(2 * x / 3) ** 2


_MU = mp.sqrt(mpf(1) / 2)
_SIGMA = mp.sqrt(1 / (4 * mp.pi))


def _laplace_consts(mu, sigma):
    # the float defaults stand for the paper's sqrt(1/2) and sqrt(1/(4 pi))
    m = _MU if float(mu) == float(mp.sqrt(mpf(1) / 2)) else mpf(mu)
    s = _SIGMA if float(sigma) == float(mp.sqrt(1 / (4 * mp.pi))) else mpf(sigma)
    return m, s


def laplace(x, mu=0.7071067811865476, sigma=0.28209479177387814):
    m, s = _laplace_consts(mu, sigma)
    return mp.erfc(-(x - m) / (s * mp.sqrt(2))) / 2


def laplace_grad(x, mu=0.7071067811865476, sigma=0.28209479177387814):
    m, s = _laplace_consts(mu, sigma)
    v = (x - m) / s
    return mp.exp(-v * v / 2) / (s * mp.sqrt(2 * mp.pi))


REFERENCES = {
    "tanh_exp": (tanh_exp, tanh_exp_grad),
    "logish": (logish, logish_grad),
    "serf": (serf, serf_grad),
    "lisht": (lisht, lisht_grad),
    "hard_mish": (hard_mish, hard_mish_grad),
    "lecun_tanh": (lecun_tanh, lecun_tanh_grad),
    "laplace": (laplace, laplace_grad),
}
