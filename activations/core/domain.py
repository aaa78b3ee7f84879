"""Where an entry's function is defined (``Activation.domain``), as masks and windows over x.

Every part that samples x — the numbers of :mod:`.analysis`, the figures, the interactive views, the
accuracy grid, the framework measurement and the tests — asks here which of its points lie in the
domain, so that a function defined on less than ℝ (log1mexp: x ≥ 0) is sampled only where it is
defined. For an entry on all of ℝ every function here keeps every point: nothing changes for it.

Membership follows the interval's ends: a closed finite end belongs to the domain (log1mexp at 0
returns the limit −∞), an open one does not, and an infinite end includes the infinite input (the
function's limit there, as for every function on ℝ). NaN belongs to no domain. Outside the domain the
kernels return NaN; the tests check that for every entry.
"""

from __future__ import annotations

import math

import numpy as np

from .spec import Activation

__all__ = ["on_all_reals", "in_domain", "outside_domain", "within_domain", "domain_window"]


def on_all_reals(entry: Activation) -> bool:
    """True if ``entry`` is defined for every real x (the default)."""
    return entry.domain.lo == -math.inf and entry.domain.hi == math.inf


def in_domain(entry: Activation, x) -> np.ndarray:
    """A boolean mask of the points of ``x`` inside the domain (see the module docstring)."""
    d, x = entry.domain, np.asarray(x)
    with np.errstate(invalid="ignore"):
        above = (x >= d.lo) if d.lo_closed or d.lo == -math.inf else (x > d.lo)
        below = (x <= d.hi) if d.hi_closed or d.hi == math.inf else (x < d.hi)
    return above & below


def outside_domain(entry: Activation, x) -> np.ndarray:
    """A boolean mask of the numbers of ``x`` (NaN excluded) outside the domain: where the kernels
    return NaN by the library's convention."""
    x = np.asarray(x)
    return ~in_domain(entry, x) & ~np.isnan(x)


def within_domain(entry: Activation, x) -> np.ndarray:
    """The points of ``x`` inside the domain, in their order."""
    x = np.asarray(x)
    return x[in_domain(entry, x)]


def domain_window(entry: Activation, lo: float, hi: float) -> tuple[float, float] | None:
    """The part of the window [lo, hi] that lies in the domain's closure (None if none does)."""
    lo, hi = max(lo, entry.domain.lo), min(hi, entry.domain.hi)
    return (lo, hi) if lo <= hi else None
