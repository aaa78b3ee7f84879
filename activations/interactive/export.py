"""The data of one interactive view: a function's own numbers on grids, as JSON for the browser.

The site's interactive views (``docs/assets/explore.js``) draw and read out these numbers and compute
nothing themselves: every f(x) and f'(x) a reader sees comes from the registry's ``fn`` and ``grad``.
For one element-wise entry, :func:`view_data` evaluates

- x on one grid: step 0.05 (0.1 for wider figures) over the figure's x-range ``entry.xlim``, continued
  with step 0.25 out to a range four times as wide, for zooming out. Every grid point is a short decimal
  (k/20, k/10 or k/4), so a reader can put the cursor on x = -0.75 exactly; the steps divide each other,
  so the grids of different functions share their points (the compare page overlays them). Only the
  points inside the entry's domain (``Activation.domain``) are kept: log1mexp's grid starts at 0;
- f and f' at the default parameters;
- for each parameter, f and f' at each value of its grid (:func:`param_values`: 21 to 41 values across
  ``Param.span``, the default among them exactly), the other parameters at their defaults;
- the small-gradient threshold ``entry.vanishing_eps``: the view shades where |f'| < eps, as the static
  gradient figure does, for whatever parameter value is shown;
- the figures' y-range ``entry.ylim`` (null for most): the view's y-axis never reaches beyond it, so a
  pole at the end of the domain (log1mexp at 0) does not flatten the curves.

:func:`to_json` writes it with :data:`DIGITS` significant digits: enough that a readout shown to 4
significant digits, rounded as the browser rounds (``Number.prototype.toPrecision``, ties away from
zero), agrees with the library's value rounded the same way. The one case where 6 digits could flip that
rounding (the value sits within a hair of a 4-digit tie, about 1 value in 100) is written in full
(shortest round-trip repr) instead. Non-finite values are ``null``; the bytes depend only on the numbers.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.domain import within_domain
from ..core.registry import get
from ..core.spec import Activation, Param

__all__ = ["FORMAT", "DIGITS", "view_data", "to_json", "export", "param_values", "x_grid", "ExportError"]

#: version of the JSON layout (the client checks it)
FORMAT = 1
#: significant digits written for f and f' (see the module docstring)
DIGITS = 6
#: how many values a parameter's slider offers (the default may add one)
PARAM_VALUES = (21, 41)
#: the grid steps as denominators: x = k / DENSE over the figure's range, k / WIDE beyond it
WIDE = 4


class ExportError(ValueError):
    """An entry the interactive view cannot show as specified (names the entry and the parameter)."""


def _dense_denominator(entry: Activation) -> int:
    lo, hi = entry.xlim
    return 20 if hi - lo <= 12 else 10  # step 0.05, or 0.1 for a wide figure such as sinc's 26 units


def x_grid(entry: Activation) -> np.ndarray:
    """The x values of the view: dense over ``entry.xlim``, coarser out to four times its width, inside
    the domain."""
    lo, hi = entry.xlim
    den = _dense_denominator(entry)
    dense = np.arange(math.ceil(lo * den), math.floor(hi * den) + 1) / den
    centre, width = (lo + hi) / 2, hi - lo
    wide_lo, wide_hi = math.floor((centre - 2 * width) * WIDE), math.ceil((centre + 2 * width) * WIDE)
    wide = np.arange(wide_lo, wide_hi + 1) / WIDE
    outside = wide[(wide < dense[0]) | (wide > dense[-1])]
    # k/den and k/4: the nearest doubles to short decimals
    return within_domain(entry, np.sort(np.concatenate([dense, outside])))


def _nice(step: float) -> bool:
    """1, 2, 2.5 or 5 times a power of ten (within rounding)."""
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(abs(mantissa - m) < 1e-9 for m in (1, 2, 2.5, 5, 10))


def param_values(param: Param, key: str = "?") -> list[float]:
    """The values a parameter's slider snaps to: evenly spaced across ``param.span`` with a round step
    (the most values from :data:`PARAM_VALUES` that give one, else 31), plus the default exactly."""
    if param.span is None:
        raise ExportError(f"{key}: parameter {param.name!r} has no span: give Param(..., span=(lo, hi)), "
                          "the values the interactive view's slider covers")
    lo, hi = (float(v) for v in param.span)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ExportError(f"{key}: parameter {param.name!r} has span {param.span!r}; need finite lo < hi")
    if not lo <= param.default <= hi:
        raise ExportError(f"{key}: the default {param.default!r} of parameter {param.name!r} lies outside "
                          f"its span {param.span!r}")
    first, last = PARAM_VALUES
    counts = [n for n in range(last, first - 1, -1) if _nice((hi - lo) / (n - 1))]
    n = counts[0] if counts else 31
    # exact rational steps, then the nearest double: 0.3, not 0.30000000000000004
    span = Fraction(hi) - Fraction(lo)
    values = [float(Fraction(lo) + span * k / (n - 1)) for k in range(n)]
    values = [float(f"{v:.12g}") for v in values]
    if param.default not in values:
        values = sorted([*values, float(param.default)])
    for v in values:
        try:
            param.check(v)
        except (TypeError, ValueError) as err:
            raise ExportError(f"{key}: value {v!r} of the span of parameter {param.name!r} is not allowed: {err}") from None
    return values


def _curve(entry: Activation, x: np.ndarray, params: dict[str, float]) -> dict[str, np.ndarray]:
    try:
        with np.errstate(all="ignore"):  # overflow to inf or NaN is data here: written as null
            f = np.asarray(entry.fn(x, **params), dtype=float)
            g = np.asarray(entry.grad(x, **params), dtype=float)
    except (TypeError, ValueError) as err:
        raise ExportError(f"{entry.key}: the library refuses the parameters {params}: {err}") from None
    return {"f": f, "g": g}


def view_data(key: str) -> dict[str, Any]:
    """The numbers of one entry's interactive view (arrays; :func:`to_json` writes them)."""
    try:
        entry = get(key)
    except KeyError as err:
        raise ExportError(err.args[0]) from None
    if entry.kind != "elementwise":
        raise ExportError(f"{key} is {entry.kind}-valued: the interactive view shows element-wise functions only")
    x = x_grid(entry)
    defaults = entry.defaults
    params = []
    for p in entry.params:
        values = param_values(p, key)
        curves = [None if v == p.default else _curve(entry, x, {**defaults, p.name: v}) for v in values]
        params.append({"name": p.name, "symbol": p.symbol, "symbol_html": symbol_html(p.symbol),
                       "default": float(p.default), "default_index": values.index(p.default),
                       "values": values, "curves": curves})
    smooth = entry.properties.smoothness
    return {
        "format": FORMAT,
        "key": key,
        "name": {"zh": entry.name.zh, "en": entry.name.en},
        "family": entry.family,
        "eps": float(entry.vanishing_eps),
        "xlim": [float(v) for v in entry.xlim],
        # the static figures' y-range where a pole would flatten the curves (null: fit the data)
        "ylim": None if entry.ylim is None else [float(v) for v in entry.ylim],
        "digits": DIGITS,
        # where the drawn curve must not join neighbouring samples across a jump (as the static figures)
        "breaks": {"f": smooth == "discontinuous", "g": smooth in ("discontinuous", "C0")},
        "x": x,
        "default": _curve(entry, x, defaults),
        "params": params,
    }


_GREEK = {r"\alpha": "α", r"\beta": "β", r"\lambda": "λ", r"\theta": "θ", r"\gamma": "γ", r"\tau": "τ", r"\mu": "μ", r"\sigma": "σ"}


def symbol_html(tex: str) -> str:
    """A parameter's TeX symbol as HTML for the slider's label (the browser renders no TeX):
    ``\\alpha`` -> α, ``t_l`` -> t<sub>l</sub>, ``m_{-}`` -> m<sub>−</sub>."""
    text = tex
    for command, letter in _GREEK.items():
        text = text.replace(command, letter)
    if "_" in text:
        base, sub = text.split("_", 1)
        text = f"{base}<sub>{sub.strip('{}').replace('-', '−')}</sub>"
    if "\\" in text or "{" in text:
        raise ExportError(f"cannot write the symbol {tex!r} as HTML: extend activations.interactive.export.symbol_html")
    return text


def _near_tie(v: np.ndarray) -> np.ndarray:
    """True where rounding to :data:`DIGITS` digits could change the value's 4-digit rounding: the value
    lies within 0.01 units of the 4th digit of a tie (6-digit rounding moves it by at most 0.005)."""
    a = np.abs(v)
    out = np.zeros(v.shape, dtype=bool)
    ok = np.isfinite(a) & (a > 0)
    e = np.floor(np.log10(a[ok]))
    h = np.floor((3 - e) / 2)  # the scale 10**(3 - e) in two factors: neither over- nor underflows (subnormals)
    m = a[ok] * 10.0**h * 10.0 ** (3 - e - h)  # about 1000 <= m < 10000; log10's rounding may leave it one decade off
    m = np.where(m < 1000, m * 10, np.where(m >= 10000, m / 10, m))
    frac = m - np.floor(m)
    out[ok] = np.abs(frac - 0.5) < 0.01
    return out


def _numbers(v: np.ndarray, exact: bool = False) -> str:
    """A JSON array: ``DIGITS`` significant digits (full precision near a 4-digit tie, or everywhere if
    ``exact``), null for NaN and ±inf, 0 for -0."""
    v = np.asarray(v, dtype=float)
    full = np.ones(v.shape, bool) if exact else _near_tie(v)
    out = []
    for value, whole in zip(v.tolist(), full.tolist()):
        if not math.isfinite(value):
            out.append("null")
        elif value == 0:
            out.append("0")
        elif whole:
            out.append(repr(value))
        else:
            out.append(f"{value:.{DIGITS}g}")
    return "[" + ",".join(out) + "]"


def to_json(data: dict[str, Any]) -> bytes:
    """Deterministic bytes: fixed key order, fixed digits, no whitespace but one line per curve."""
    def curve(c: dict[str, np.ndarray] | None) -> str:
        if c is None:
            return "null"  # the default value's curve: the client uses "default"
        return '{"f":' + _numbers(c["f"]) + ',"g":' + _numbers(c["g"]) + "}"

    plain = {k: data[k] for k in ("format", "key", "name", "family", "eps", "xlim", "ylim", "digits", "breaks")}
    head = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))[:-1]
    parts = [head, ',"x":' + _numbers(data["x"], exact=True), ',\n"default":' + curve(data["default"]), ',\n"params":[']
    for i, p in enumerate(data["params"]):
        meta = {k: p[k] for k in ("name", "symbol", "symbol_html", "default", "default_index", "values")}
        parts.append(("," if i else "") + "\n" + json.dumps(meta, ensure_ascii=False, separators=(",", ":"))[:-1]
                     + ',"curves":[' + ",\n".join(curve(c) for c in p["curves"]) + "]}")
    parts.append("]}\n")
    return "".join(parts).encode()


def export(key: str) -> bytes:
    """The JSON of one entry's view, as published at ``interactive/<key>.json``."""
    return to_json(view_data(key))


def exported_keys() -> list[str]:
    """Every entry that gets an interactive view: the element-wise ones, in registry order."""
    from ..core.registry import REGISTRY

    return [k for k, e in REGISTRY.items() if e.kind == "elementwise"]
