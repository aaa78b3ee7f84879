"""The measurement: what each framework is asked (the probe's tasks) and how its answer is compared
with the registry. Runs in the project's own environment; the frameworks run in theirs
(:mod:`activations.frameworks.probe`, started by ``scripts/frameworks.py``).

For every call of every entry (:func:`activations.frameworks.calls.calls_of`) there are up to two
variants:

``registry``
    the registry's default parameters passed under the framework's names (plus the keywords that select
    the registry's definition, :data:`~activations.frameworks.calls.OVERRIDES`): does the framework
    compute the registry's function?
``default``
    the call with the framework's own defaults (only what it requires, and the axis): what a user gets
    who writes the call as published. Left out where it is the same call.

Each is evaluated on a dense grid, at the kinks (``Activation.kinks``) and at special inputs (NaN, ±inf,
large |x|), in float64 where the framework computes in float64, else float32; the gradient is the
framework's autodiff (for element-wise functions the vector-Jacobian product with ones, i.e. f′ at each
point). Values and gradients are compared with the registry's ``fn`` and ``grad`` (``vjp`` for vector
entries) evaluated in float64 at the same inputs (the float32-rounded ones where the framework ran in
float32).

A function defined on less than ℝ (``Activation.domain``) is measured on the part of the grid inside its
domain; its specials are the same inputs plus each finite end of the domain (log1mexp: 0, where f and f′
are −∞ and +∞), so the specials also record what a framework returns outside the domain, where the
registry's convention is NaN. For a function on all of ℝ the tasks are exactly what they were before the
domain existed (same grid, same specials).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from activations.core.domain import on_all_reals, within_domain
from activations.core.spec import Activation
from activations.frameworks.calls import FRAMEWORKS, ParsedCall, calls_of, override

__all__ = ["GRID", "SPECIALS", "TOL", "tasks_for", "signature_paths", "compare", "defaults_of"]

#: the dense grid of element-wise entries: step 0.005 on [-12, 12], step 0.1 out to ±40 (where
#: thresholds such as Softplus's βx > 20 take over)
GRID = np.unique(np.concatenate([np.linspace(-40.0, -12.0, 281), np.linspace(-12.0, 12.0, 4801),
                                 np.linspace(12.0, 40.0, 281)]))
#: special inputs: NaN, ±inf and large |x|
SPECIALS = np.array([math.nan, math.inf, -math.inf, -1e30, -1e4, -50.0, 50.0, 1e4, 1e30])
#: agreement: max |a - b| / max(1, |b|) at most this (per dtype actually used)
TOL = {"float64": 1e-12, "float32": 1e-6}
#: grid points this close to a kink are left to the kink measurement
KINK_GAP = 1e-9
#: the input names of functions (the first parameter), not parameters
INPUT_NAMES = {"x", "input", "input_x", "inputs", "features", "logits", "a", "tensor", "data"}


def signature_paths(entries: list[Activation], frameworks: list[str]) -> dict[str, list[str]]:
    """framework -> the paths whose signatures the probe must read (phase one)."""
    out: dict[str, list[str]] = {fw: [] for fw in frameworks}
    for e in entries:
        for fw, calls in calls_of(e).items():
            if fw in out:
                out[fw] += [c.path for c in calls if c.path not in out[fw]]
    return out


def defaults_of(sig: dict) -> dict[str, Any]:
    """name -> default of a probe signature (required parameters left out), inputs excluded."""
    params = sig.get("params", [])
    if not sig.get("layer") and params and params[0]["name"] in INPUT_NAMES:
        params = params[1:]
    return {p["name"]: p["default"] for p in params if "default" in p}


def _names(sig: dict) -> list[str]:
    params = sig.get("params", [])
    if not sig.get("layer") and params and params[0]["name"] in INPUT_NAMES:
        params = params[1:]
    return [p["name"] for p in params]


def _required(sig: dict) -> list[str]:
    names, defaults = _names(sig), defaults_of(sig)
    return [n for n in names if n not in defaults]


def _encode(a: np.ndarray) -> dict:
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape),
            "data": [v if math.isfinite(v) else ("nan" if v != v else ("inf" if v > 0 else "-inf"))
                     for v in a.reshape(-1).tolist()]}


def _decode(obj: dict) -> np.ndarray:
    return np.array([float(v) for v in obj["data"]], dtype=np.float64).reshape(obj["shape"])


def _arrays(e: Activation) -> dict[str, np.ndarray]:
    if e.kind == "vector":
        rng = np.random.default_rng(0)
        grid = rng.normal(0.0, 3.0, size=(32, 6))
        special = np.array([[s, 0.0, 1.0, 2.0, -1.0, 0.5] for s in SPECIALS])
        return {"grid": grid, "specials": special}
    out = {"grid": GRID, "specials": SPECIALS}
    if not on_all_reals(e):
        ends = [v for v in (e.domain.lo, e.domain.hi) if math.isfinite(v)]
        out = {"grid": within_domain(e, GRID), "specials": np.concatenate([SPECIALS, ends])}
    if e.kinks:
        out["kinks"] = np.array(e.kinks, dtype=np.float64)
    return out


def _reference(e: Activation, x: np.ndarray, cot: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(all="ignore"):
        if e.kind == "vector":
            return np.asarray(e.fn(x, axis=-1)), np.asarray(e.vjp(x, cot, axis=-1))
        return np.asarray(e.fn(x, **e.defaults)), np.asarray(e.grad(x, **e.defaults))


def _cotangents(e: Activation, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray] | None:
    if e.kind != "vector":
        return None
    rng = np.random.default_rng(1)
    return {n: rng.normal(size=np.asarray(e.fn(a, axis=-1)).shape) for n, a in arrays.items()}


def _kwargs(e: Activation, fw: str, call: ParsedCall, sig: dict) -> dict[str, Any]:
    """The keywords of both variants, the parameter mapping and what could not be mapped."""
    ov = override(e.key, call.path)
    names = _names(sig)
    mapping, unmapped, registry = {}, [], {}
    for p in e.params:
        name = ov.params.get(p.name, p.name if p.name in names else None)
        if name is None or p.name in ov.fixed:
            unmapped.append(p.name)
            continue
        mapping[p.name] = name
        registry[name] = {"constant_initializer": p.default} if name.endswith("_initializer") else p.default
    registry.update(ov.extra)
    axis = {}
    if e.kind == "vector":
        ax = ov.axis or ("dim" if "dim" in names else "axis" if "axis" in names else None)
        if ax:
            axis[ax] = -1
    registry.update(axis)
    default = {n: registry[n] for n in _required(sig) if n in registry}
    default.update(axis)
    sig_defaults = defaults_of(sig)
    if all(k in default or (k in sig_defaults and sig_defaults[k] == v) for k, v in registry.items()):
        default = registry  # the published defaults are the registry's: one measurement

    return {"mapping": mapping, "unmapped": unmapped, "registry": registry, "default": default,
            "missing_required": [n for n in _required(sig) if n not in registry]}


def tasks_for(e: Activation, fw: str, signatures: dict[str, dict]) -> tuple[list[dict], dict]:
    """The probe tasks of one entry in one framework, and what the comparison needs to know."""
    tasks, plan = [], {}
    arrays = _arrays(e)
    cots = _cotangents(e, arrays)
    for i, call in enumerate(calls_of(e).get(fw, [])):
        sig = signatures.get(call.path, {"error": "not probed"})
        info = {"call": call, "signature": sig, "index": i}
        plan[i] = info
        if "error" in sig and "params" not in sig:
            info["error"] = sig["error"]
            if "no signature" not in sig["error"]:
                continue
        kw = _kwargs(e, fw, call, sig)
        info.update(kw)
        if kw["missing_required"]:
            info["error"] = f"requires {', '.join(kw['missing_required'])}, which the registry does not map"
            continue
        variants = {"registry": kw["registry"]}
        if kw["default"] != kw["registry"]:
            variants["default"] = kw["default"]
        for name, kwargs in variants.items():
            tasks.append({
                "id": f"{e.key}|{i}|{name}", "path": call.path, "layer": bool(sig.get("layer", call.layer)),
                "kwargs": kwargs, "vector": e.kind == "vector",
                "arrays": {n: _encode(a) for n, a in arrays.items()},
                "cotangent": None if cots is None else {n: _encode(c) for n, c in cots.items()},
            })
        info["variants"] = list(variants)
        info["arrays"], info["cotangents"] = arrays, cots
    return tasks, plan


# --- comparison ------------------------------------------------------------------------------------------

def _num(v: float) -> float | str:
    """A number for the JSON: 4 significant digits, non-finite as a string."""
    if v != v:
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(f"{v:.4g}")


def _exact(v: float) -> float | str:
    if v != v:
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(v)


def _errors(a: np.ndarray, b: np.ndarray, x: np.ndarray, dtype: str, mask: np.ndarray) -> dict:
    a, b = a.reshape(-1), b.reshape(-1)
    xs = x.reshape(-1) if x.size == a.size else np.repeat(np.arange(a.size), 1)
    mask = mask.reshape(-1) if mask.size == a.size else np.ones(a.size, bool)
    fa, fb = np.isfinite(a), np.isfinite(b)
    both = fa & fb & mask
    class_a = np.where(np.isnan(a), 0, np.where(np.isinf(a), np.sign(a) * 2, 1))
    class_b = np.where(np.isnan(b), 0, np.where(np.isinf(b), np.sign(b) * 2, 1))
    mismatch = (class_a != class_b) & mask
    with np.errstate(all="ignore"):
        diff = np.where(both, np.abs(a - b), 0.0)
        rel = np.where(both & (b != 0), diff / np.abs(b), np.where(both & (diff > 0), np.inf, 0.0))
        mixed = np.where(both, diff / np.maximum(1.0, np.abs(b)), 0.0)
    worst = int(np.argmax(mixed)) if mixed.size else 0
    out = {"max_abs": _num(float(diff.max(initial=0.0))), "max_rel": _num(float(rel.max(initial=0.0))),
           "max_err": _num(float(mixed.max(initial=0.0))), "points": int(mask.sum()),
           "nonfinite_mismatch": int(mismatch.sum())}
    if out["max_err"] and mixed.size:
        out["worst_x"] = _exact(float(xs[worst])) if x.size == a.size else None
    out["agree"] = bool(float(mixed.max(initial=0.0)) <= TOL[dtype] and not mismatch.any())
    return out


def _point_table(xs: np.ndarray, f, g, fr, gr, dtype: str) -> list[dict]:
    rows = []
    for i, x in enumerate(xs.reshape(-1)):
        row = {"x": _exact(float(x)), "f": _exact(float(f[i])), "f_registry": _exact(float(fr[i])),
               "grad": _exact(float(g[i])), "grad_registry": _exact(float(gr[i]))}
        for part, a, b in (("f", f[i], fr[i]), ("grad", g[i], gr[i])):
            if math.isfinite(a) and math.isfinite(b):
                same = abs(a - b) <= TOL[dtype] * max(1.0, abs(b))
            else:
                same = (a != a and b != b) or a == b
            row[f"{part}_agree"] = bool(same)
        rows.append(row)
    return rows


def compare(e: Activation, info: dict, results: dict[str, dict]) -> dict:
    """The JSON record of one call: signature, defaults, mapping and per variant the comparison."""
    call: ParsedCall = info["call"]
    sig = info["signature"]
    rec: dict[str, Any] = {"call": call.text, "path": call.path, "layer": call.layer}
    if "params" in sig:
        rec["defaults"] = defaults_of(sig)
        rec["required"] = _required(sig)
    else:
        rec["signature_error"] = sig.get("error", "")
    for k in ("mapping", "unmapped"):
        if k in info:
            rec[k] = info[k]
    if "error" in info and "variants" not in info:
        rec["error"] = info["error"]
        return rec
    rec["variants"] = {}
    for variant in info["variants"]:
        res = results.get(f"{e.key}|{call_index(info)}|{variant}")
        kwargs = info["registry"] if variant == "registry" else info["default"]
        out: dict[str, Any] = {"kwargs": {k: (v["constant_initializer"] if isinstance(v, dict) else v)
                                          for k, v in kwargs.items()}}
        rec["variants"][variant] = out
        if res is None or "error" in res:
            out["error"] = "no answer" if res is None else res["error"]
            continue
        dtype = res["dtype"]
        out["dtype"] = dtype
        if "float64_error" in res:
            out["float64_error"] = res["float64_error"]
        if "output_dtype" in res:
            out["output_dtype"] = res["output_dtype"]
        for name, arr in info["arrays"].items():
            x = arr.astype(dtype).astype(np.float64)
            cot = None if info["cotangents"] is None else info["cotangents"][name].astype(dtype).astype(np.float64)
            fr, gr = _reference(e, x, cot)
            f, g = _decode(res["arrays"][name]["f"]), _decode(res["arrays"][name]["g"])
            if f.shape != fr.shape or g.shape != gr.shape:
                out[name] = {"error": f"shape {list(f.shape)}/{list(g.shape)}, registry {list(fr.shape)}/{list(gr.shape)}"}
                continue
            if name == "grid":
                mask = np.ones(x.shape, bool)
                if e.kinks and e.kind != "vector":
                    mask = np.min(np.abs(x[:, None] - np.array(e.kinks)[None, :]), axis=1) > KINK_GAP
                out["grid"] = {"f": _errors(f, fr, x, dtype, mask), "grad": _errors(g, gr, x, dtype, mask)}
            elif e.kind == "vector":
                # one row per special input in the first column
                fm = np.ones(f.shape, bool)
                out[name] = {"f": _errors(f, fr, x, dtype, fm), "grad": _errors(g, gr, x, dtype, np.ones(g.shape, bool))}
                out[name]["rows"] = [_exact(float(v)) for v in x[:, 0]]
            else:
                out[name] = _point_table(x, f, g, fr, gr, dtype)
        out["agree"] = _agree(out)
    return rec


def _agree(out: dict) -> bool:
    ok = all(out["grid"][p]["agree"] for p in ("f", "grad")) if "grid" in out and "f" in out["grid"] else False
    return ok


def call_index(info: dict) -> int:
    return info["index"]


def framework_labels() -> dict[str, str]:
    return {k: f.label for k, f in FRAMEWORKS.items()}
