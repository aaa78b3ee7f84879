"""The SELU constants α₀₁ and λ₀₁ (Klambauer et al. 2017) at high precision, two ways.

α₀₁ and λ₀₁ make (mean 0, variance 1) the fixed point of SELU's moment map at ω = 0, τ = 1: for
z ~ N(0, 1), E[SELU(z)] = 0 and E[SELU(z)²] = 1. The experiment computes them

* from the paper's closed form (eq. 14, :func:`activations.mpmath_reference.smooth_relu.selu_constants`),
* and from the defining conditions directly, by mpmath quadrature: the mean condition is linear in α,
  α = −E[z⁺] / E[(eᶻ − 1) 1{z ≤ 0}], and λ then follows from the variance, λ = E[s(z)²]^(−½) with
  s(z) = z⁺ + α (eᶻ − 1) 1{z ≤ 0},

at ``dps`` significant digits, and stores both as decimal strings with their difference. The test checks
the registry's float64 constants against them to the last digit.
"""

from __future__ import annotations

from mpmath import mp, mpf

from ..core.spec import T
from ..mpmath_reference.smooth_relu import selu_constants as closed_form
from .base import Experiment

__all__ = ["EXPERIMENT", "run", "from_moments"]


def from_moments(dps: int) -> tuple[mpf, mpf]:
    """(α₀₁, λ₀₁) solved from E[SELU(z)] = 0 and E[SELU(z)²] = 1 by Gaussian quadrature, at ``dps`` digits."""
    with mp.workdps(dps + 10):  # guard digits for the quadrature's rounding
        pdf = mp.npdf

        def expect(g, lo, hi):
            return mp.quad(lambda z: g(z) * pdf(z), [lo, hi])

        pos_mean = expect(lambda z: z, 0, mp.inf)  # E[z⁺] = 1/√(2π)
        neg_mean = expect(lambda z: mp.expm1(z), -mp.inf, 0)
        alpha = -pos_mean / neg_mean
        second = expect(lambda z: z * z, 0, mp.inf) + alpha**2 * expect(lambda z: mp.expm1(z) ** 2, -mp.inf, 0)
        lam = 1 / mp.sqrt(second)
        return +alpha, +lam


def _text(x: mpf, dps: int) -> str:
    return mp.nstr(x, dps, min_fixed=-mp.inf, max_fixed=mp.inf)


def run(settings: dict) -> dict:
    dps = settings["dps"]
    with mp.workdps(dps + 10):
        alpha, lam = closed_form(dps + 10)
        alpha_q, lam_q = from_moments(dps)
        return {
            "dps": dps,
            "alpha": _text(alpha, dps),
            "lambda": _text(lam, dps),
            "lambda_alpha": _text(alpha * lam, dps),
            "alpha_quadrature": _text(alpha_q, dps),
            "lambda_quadrature": _text(lam_q, dps),
            # how many significant digits the two derivations share (at most dps: all that is kept)
            "agreement_digits": min(dps, int(-mp.log10(max(abs(alpha_q / alpha - 1), abs(lam_q / lam - 1),
                                                           mpf(10) ** -(dps + 5))))),
            # the same constants as the nearest float64, for pages and comparisons
            "alpha_float": float(alpha),
            "lambda_float": float(lam),
        }


EXPERIMENT = Experiment(
    name="selu_constants",
    title=T("SELU 的常数 α₀₁ 与 λ₀₁", "The SELU constants α₀₁ and λ₀₁"),
    run=run,
    settings={"dps": 50},
    per_entry=False,
)
