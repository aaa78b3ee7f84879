"""mpmath references for :mod:`activations.catalog.other`: the textbook definitions, evaluated at the
working precision, not the rewrites of the NumPy kernels.

For the soft exponential, ``log1p``/``expm1`` stand for ln(1 + u) and e^z - 1 (exact identities): with
tiny alpha the textbook forms would lose every digit even at 50 digits.

Near 0 the textbook sinc' cancels (two terms of size 1/x leave -x/3), so it is evaluated with as
many extra bits as the cancellation costs: the same formula, enough digits.

``grad`` returns ``None`` where the derivative does not exist (the jump of the step function, the edge
of the soft exponential's domain and beyond). Outside the soft exponential's domain ``fn`` returns NaN,
as the library does.
"""

from __future__ import annotations

from mpmath import mp


def _m(x):
    return mp.mpf(x)


def identity(x):
    return _m(x)


def identity_grad(x):
    return mp.mpf(1)


def binary_step(x):
    return mp.mpf(1) if _m(x) >= 0 else mp.mpf(0)


def binary_step_grad(x):
    return None if _m(x) == 0 else mp.mpf(0)


def exponential(x):
    return mp.exp(_m(x))


def exponential_grad(x):
    return mp.exp(_m(x))


def bent_identity(x):
    x = _m(x)
    return (mp.sqrt(x**2 + 1) - 1) / 2 + x


def bent_identity_grad(x):
    x = _m(x)
    return x / (2 * mp.sqrt(x**2 + 1)) + 1


def soft_exponential(x, alpha=0.0):
    x, a = _m(x), _m(alpha)
    if a < 0:
        arg = 1 - a * (x + a)
        if arg < 0:
            return mp.nan  # outside the domain x > 1/alpha - alpha
        if arg == 0:
            return mp.ninf  # the edge: -ln(0)/alpha with alpha < 0
        return -mp.log1p(-a * (x + a)) / a  # = -ln(arg)/alpha; log1p keeps tiny alpha*(x+alpha)
    if a == 0:
        return x
    return mp.expm1(a * x) / a + a  # = (e^(alpha x) - 1)/alpha + alpha, without cancelling for tiny alpha*x


def soft_exponential_grad(x, alpha=0.0):
    x, a = _m(x), _m(alpha)
    if a < 0:
        arg = 1 - a * (a + x)
        return None if arg <= 0 else 1 / arg
    return mp.exp(a * x)


def sinusoid(x):
    return mp.sin(_m(x))


def sinusoid_grad(x):
    return mp.cos(_m(x))


def sinc(x):
    x = _m(x)
    return mp.mpf(1) if x == 0 else mp.sin(x) / x


def sinc_grad(x):
    x = _m(x)
    if x == 0:
        return mp.mpf(0)
    # the two terms are ~1/x and cancel to ~ -x/3: near 0 that needs about 2*log2(1/|x|) more bits
    with mp.extraprec(max(0, -2 * int(mp.mag(x))) + 16):
        value = mp.cos(x) / x - mp.sin(x) / x**2
    return +value


def gaussian(x):
    return mp.exp(-_m(x) ** 2)


def gaussian_grad(x):
    x = _m(x)
    return -2 * x * mp.exp(-(x**2))


REFERENCES = {
    "identity": (identity, identity_grad),
    "binary_step": (binary_step, binary_step_grad),
    "exponential": (exponential, exponential_grad),
    "bent_identity": (bent_identity, bent_identity_grad),
    "soft_exponential": (soft_exponential, soft_exponential_grad),
    "sinusoid": (sinusoid, sinusoid_grad),
    "sinc": (sinc, sinc_grad),
    "gaussian": (gaussian, gaussian_grad),
}
