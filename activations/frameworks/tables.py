"""The tables of the pages, rendered from ``measured.json`` (:mod:`activations.frameworks.store`).

Each function takes the language and a label function ``label(name) -> str`` (the ``L`` table of
``scripts/directives.py``), and returns Markdown. Nothing here measures or types a number: every value
comes from the JSON, every call from the registry.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from activations import REGISTRY
from activations.core.domain import on_all_reals, outside_domain
from activations.core.spec import Activation
from activations.frameworks import store
from activations.frameworks.calls import FRAMEWORKS, calls_of, override
from activations.frameworks.notes import NOTES

__all__ = ["api_table", "versions_table", "defaults_table", "kinks_table", "differences_table", "specials_table",
           "call_notes", "version_text", "fmt"]

Label = Callable[[str], str]



def _first_line(error: str) -> str:
    """A framework's error message is often a page of C++ stack; a table cell shows its first line."""
    return error.strip().splitlines()[0] if error.strip() else error

def fmt(v: Any) -> str:
    """A default or a measured number as Python would write it (7 significant digits)."""
    if isinstance(v, bool) or v is None:
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        if v == int(v) and abs(v) < 1e15:
            return f"{v:.1f}"
        return f"{v:.7g}"
    if isinstance(v, str):
        return v if v in ("nan", "inf", "-inf") else repr(v)
    if isinstance(v, dict) and "repr" in v:
        return v["repr"]
    return repr(v)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def version_text(fw: str, data: dict, lang: str) -> str:
    info = data.get("frameworks", {}).get(fw)
    if not info:
        return ""
    if info.get("status") != "ok":
        return ""
    main = {"torch": "torch", "tensorflow": "tensorflow", "keras": "keras", "jax": "jax",
            "paddle": "paddlepaddle", "mindspore": "mindspore", "mlx": "mlx"}[fw]
    return info["versions"].get(main, "")


def _close(a: Any, b: Any, tol: float = 1e-12) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) <= tol * max(1.0, abs(float(b)))
    return a == b


def _value(v: Any) -> float:
    return float(v)  # the JSON's "nan", "inf", "-inf" included


def _same(a: Any, b: Any, tol: float = 1e-6) -> bool:
    """Two measured numbers alike for the notes: the same class (NaN, ±inf, finite), finite ones close.
    Differences in the last digits are the grid comparison's business."""
    a, b = _value(a), _value(b)
    if math.isfinite(a) and math.isfinite(b):
        return abs(a - b) <= tol * max(1.0, abs(b))
    return (a != a and b != b) or a == b


def _outside(e: Activation, x: Any) -> bool:
    """A measured input outside the entry's domain: the registry's answer there is its NaN convention,
    so a framework's other answer is a convention of its own, not a wrong value."""
    return bool(outside_domain(e, np.array([_value(x)]))[0])


def _special_differences(e: Activation, rec: dict) -> list[dict]:
    """The special inputs where the call's f or f′ differs from the registry's (registry parameters)."""
    reg = rec.get("variants", {}).get("registry", {})
    # f′(NaN) is a convention (many kernels return 0 or 1 there); the page of differences lists it
    return [r for r in reg.get("specials", []) if isinstance(r, dict)
            and not (_same(r["f"], r["f_registry"]) and (_same(r["grad"], r["grad_registry"]) or r["x"] == "nan"))]


def outside_domain_notes(e: Activation, rec: dict, label: Label) -> list[str]:
    """What a call returns outside the entry's domain where that differs from the registry's NaN."""
    if "error" in rec:
        return []
    return [label("fw_special").format(x=fmt(r["x"]), f=fmt(r["f"]), g=fmt(r["grad"]),
                                       rf=fmt(r["f_registry"]), rg=fmt(r["grad_registry"]))
            for r in _special_differences(e, rec) if _outside(e, r["x"])][:3]


def call_notes(e: Activation, fw: str, rec: dict, lang: str, label: Label) -> list[str]:
    """What differs from the registry, for one call: defaults, definition, kinks, NaN/inf."""
    notes = []
    if "error" in rec:
        return [label("fw_error").format(error=_first_line(rec["error"]))]
    defaults = rec.get("defaults", {})
    for p in e.params:
        name = rec.get("mapping", {}).get(p.name)
        if name and name in defaults and not _close(defaults[name], p.default):
            notes.append(label("fw_default").format(name=name, value=fmt(defaults[name]),
                                                    ref=p.name, ref_value=fmt(p.default)))
    ov = override(e.key, rec["path"])
    for k, v in ov.extra.items():
        if k in defaults and not _close(defaults[k], v):
            notes.append(label("fw_extra").format(name=k, value=fmt(defaults[k]), needed=fmt(v)))
    reg = rec.get("variants", {}).get("registry", {})
    if "error" in reg:
        notes.append(label("fw_error").format(error=_first_line(reg["error"])))
    elif reg:
        if not reg.get("agree"):
            g = reg["grid"]
            notes.append(label("fw_values").format(f=fmt(g["f"]["max_err"]), g=fmt(g["grad"]["max_err"]),
                                                   dtype=reg["dtype"]))
        for row in reg.get("kinks", []):
            if not _same(row["grad"], row["grad_registry"]):
                notes.append(label("fw_kink").format(x=fmt(row["x"]), g=fmt(row["grad"]), ref=fmt(row["grad_registry"])))
            if not _same(row["f"], row["f_registry"]):
                notes.append(label("fw_kink_f").format(x=fmt(row["x"]), f=fmt(row["f"]), ref=fmt(row["f_registry"])))
        # inputs outside the domain are reported apart (outside_domain_notes)
        bad = [r for r in _special_differences(e, rec) if not _outside(e, r["x"])]
        for r in bad[:3]:
            notes.append(label("fw_special").format(x=fmt(r["x"]), f=fmt(r["f"]), g=fmt(r["grad"]),
                                                    rf=fmt(r["f_registry"]), rg=fmt(r["grad_registry"])))
        if reg.get("dtype") == "float32" and reg.get("float64_error"):
            notes.append(label("fw_float32"))
    dflt = rec.get("variants", {}).get("default")
    if dflt and "grid" in dflt and not dflt.get("agree"):
        notes.append(label("fw_at_defaults").format(f=fmt(dflt["grid"]["f"]["max_err"]),
                                                    g=fmt(dflt["grid"]["grad"]["max_err"])))
    note = NOTES.get((e.key, fw)) or NOTES.get((e.key, rec["path"]))
    if note:
        notes.append(note(lang))
    return notes


def api_table(key: str, lang: str, label: Label) -> str:
    """The "In frameworks" section of a function page: seven rows."""
    e = REGISTRY[key]
    data = store.load()
    measured = data.get("entries", {}).get(key, {}).get("frameworks", {})
    calls = calls_of(e)
    head = (f"| {label('framework')} | {label('api')} | {label('fw_measured')} |\n|---|---|---|\n")
    rows = []
    for fw, f in FRAMEWORKS.items():
        version = version_text(fw, data, lang)
        name = (f.label.removesuffix(" 3") + f" {version}") if version else f.label  # "Keras 3.15.1"
        if fw not in calls:
            rows.append(f"| {name} | {label('absent')} | |")
            continue
        recs = measured.get(fw, [])
        cells, notes, outside = [], [], []
        for c in calls[fw]:
            cells.append(f"`{_cell(c.text)}`")
            rec = next((r for r in recs if r.get("call") == c.text), None)
            if rec is None:
                notes.append(label("fw_unmeasured"))
                continue
            n = call_notes(e, fw, rec, lang, label)
            prefix = f"`{c.path.rsplit('.', 1)[-1]}`: " if len(calls[fw]) > 1 and n else ""
            notes += [prefix + x for x in n]
            outside += outside_domain_notes(e, rec, label)
        sep = "；" if lang == "zh" else "; "
        agrees = label("fw_agrees" if on_all_reals(e) else "fw_agrees_in_domain")
        status = ("⚠ " + sep.join(notes)) if notes else "✓ " + agrees
        if outside:
            status += sep + label("fw_outside").format(points=sep.join(outside))
        rows.append(f"| {name} | {'<br>'.join(cells)} | {_cell(status)} |")
    return head + "\n".join(rows)


def versions_table(lang: str, label: Label) -> str:
    data = store.load()
    head = (f"| {label('framework')} | {label('fw_version')} | {label('fw_setup')} | {label('fw_status')} |\n"
            "|---|---|---|---|\n")
    rows = []
    for fw, f in FRAMEWORKS.items():
        info = data.get("frameworks", {}).get(fw)
        if info is None:
            rows.append(f"| {f.label} | | | {label('fw_unmeasured')} |")
            continue
        if info.get("status") != "ok":
            rows.append(f"| {f.label} | | | {_cell(label('fw_error').format(error=_first_line(info['error'])))} |")
            continue
        versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
        setup = info.get("setup", {}).get(lang, "")
        n = sum(len(v.get("frameworks", {}).get(fw, [])) for v in data["entries"].values())
        rows.append(f"| {f.label} | {_cell(versions)}; Python {info['python']}, NumPy {info['numpy']} | "
                    f"{_cell(setup)} | {label('fw_ok').format(n=n)} |")
    return head + "\n".join(rows)


def defaults_table(lang: str, label: Label, root: str) -> str:
    """Every default that differs between frameworks or from the registry."""
    data = store.load()
    fws = list(FRAMEWORKS)
    head = ("| " + " | ".join([label("fw_function"), label("param"), label("fw_registry")]
                              + [FRAMEWORKS[f].label for f in fws]) + " |\n" + "|---" * (3 + len(fws)) + "|\n")
    rows = []
    for key, rec in data.get("entries", {}).items():
        if key not in REGISTRY:
            continue
        e = REGISTRY[key]
        measured = rec.get("frameworks", {})
        concepts = [(p.name, p.default) for p in e.params]
        extras = sorted({k for fw in fws for c in measured.get(fw, []) for k in override(key, c["path"]).extra})
        shown = sorted({k for fw in fws for c in measured.get(fw, []) for k in override(key, c["path"]).shown})
        for name, ref in concepts + [(k, None) for k in extras + [s for s in shown if s not in extras]]:
            cells, values = [], []
            for fw in fws:
                parts = []
                for c in measured.get(fw, []):
                    d = c.get("defaults")
                    if d is None:
                        continue
                    fw_name = c.get("mapping", {}).get(name, name if name in d else None)
                    expr = override(key, c["path"]).equivalent.get(name)
                    if fw_name is None and expr:
                        v = eval(expr, {"__builtins__": {}}, dict(d))  # noqa: S307 (our own data)
                        values.append(v)
                        parts.append(f"{expr} = {fmt(v)}" + ("" if _close(v, ref) else " ⚠"))
                        continue
                    if fw_name is None:
                        if name in c.get("unmapped", []):
                            parts.append(label("fw_fixed"))
                        continue
                    if fw_name not in d:
                        parts.append(label("fw_required"))
                        continue
                    v = d[fw_name]
                    values.append(v)
                    shown = fmt(v) if fw_name == name else f"{fw_name}={fmt(v)}"
                    if len(measured.get(fw, [])) > 1:
                        shown += f" ({c['path'].rsplit('.', 1)[-1]})"
                    mark = "" if ref is None or _close(v, ref) else " ⚠"
                    parts.append(shown + mark)
                cells.append("<br>".join(parts) if parts else label("absent"))
            differs = (ref is None and (len({repr(v) for v in values}) > 1 or name in shown)) or \
                      (ref is not None and any(not _close(v, ref) for v in values))
            if differs:
                link = f"[{e.name(lang)}]({root}functions/{key}.md)"
                rows.append("| " + " | ".join([link, f"`{name}`", fmt(ref) if ref is not None else "—"]
                                              + [_cell(c) for c in cells]) + " |")
    return head + "\n".join(rows)


def kinks_table(lang: str, label: Label, root: str) -> str:
    """The gradient each framework returns at each kink or jump (registry parameters)."""
    data = store.load()
    fws = list(FRAMEWORKS)
    head = ("| " + " | ".join([label("fw_function"), "x", label("fw_registry")] + [FRAMEWORKS[f].label for f in fws])
            + " |\n" + "|---" * (3 + len(fws)) + "|\n")
    rows = []
    for key, e in REGISTRY.items():
        if not e.kinks:
            continue
        measured = data.get("entries", {}).get(key, {}).get("frameworks", {})
        discontinuous = e.properties.smoothness == "discontinuous"
        for i, k in enumerate(e.kinks):
            ref_cell = None
            cells = []
            for fw in fws:
                parts = []
                for c in measured.get(fw, []):
                    reg = c.get("variants", {}).get("registry", {})
                    if "kinks" not in reg:
                        if "error" in c or "error" in reg:
                            parts.append(label("fw_failed"))
                        continue
                    row = reg["kinks"][i]
                    text = (f"f={fmt(row['f'])}, f′={fmt(row['grad'])}" if discontinuous else fmt(row["grad"]))
                    if not (_same(row["grad"], row["grad_registry"]) and _same(row["f"], row["f_registry"])):
                        text += " ⚠"
                    if len(measured.get(fw, [])) > 1:
                        text += f" ({c['path'].rsplit('.', 1)[-1]})"
                    parts.append(text)
                    ref_cell = (f"f={fmt(row['f_registry'])}, f′={fmt(row['grad_registry'])}" if discontinuous
                                else fmt(row["grad_registry"]))
                cells.append("<br>".join(parts) if parts else label("absent"))
            if ref_cell is None:
                import numpy as np
                x = np.array([k])
                g = float(e.grad(x, **e.defaults)[0])
                f = float(e.fn(x, **e.defaults)[0])
                ref_cell = f"f={fmt(f)}, f′={fmt(g)}" if discontinuous else fmt(g)
            link = f"[{e.name(lang)}]({root}functions/{key}.md)"
            rows.append("| " + " | ".join([link, fmt(float(k)), ref_cell] + [_cell(c) for c in cells]) + " |")
    return head + "\n".join(rows)


def differences_table(lang: str, label: Label, root: str) -> str:
    """Every call whose values or gradients differ from the registry at the registry's parameters."""
    data = store.load()
    head = (f"| {label('fw_function')} | {label('framework')} | {label('api')} | {label('fw_dtype')} | "
            f"{label('fw_err_f')} | {label('fw_err_g')} | {label('fw_why')} |\n|---|---|---|---|---|---|---|\n")
    rows = []
    for key, rec in data.get("entries", {}).items():
        if key not in REGISTRY:
            continue
        e = REGISTRY[key]
        for fw, calls in rec.get("frameworks", {}).items():
            for c in calls:
                reg = c.get("variants", {}).get("registry", {})
                if not reg or "grid" not in reg or reg.get("agree"):
                    continue
                g = reg["grid"]
                note = NOTES.get((key, fw)) or NOTES.get((key, c["path"]))
                link = f"[{e.name(lang)}]({root}functions/{key}.md)"
                rows.append(f"| {link} | {FRAMEWORKS[fw].label} | `{_cell(c['path'])}` | {reg['dtype']} | "
                            f"{fmt(g['f']['max_err'])} | {fmt(g['grad']['max_err'])} | "
                            f"{_cell(note(lang)) if note else ''} |")
    return head + "\n".join(rows) if rows else label("fw_no_differences")


def specials_table(lang: str, label: Label, root: str) -> str:
    """NaN, ±inf and large |x|: where a framework's f or f′ differs from the registry (registry parameters)."""
    data = store.load()
    fws = list(FRAMEWORKS)
    head = ("| " + " | ".join([label("fw_function")] + [FRAMEWORKS[f].label for f in fws]) + " |\n"
            + "|---" * (1 + len(fws)) + "|\n")
    rows = []
    for key, rec in data.get("entries", {}).items():
        if key not in REGISTRY or REGISTRY[key].kind == "vector":
            continue
        e = REGISTRY[key]
        cells, any_bad = [], False
        for fw in fws:
            parts = []
            for c in rec.get("frameworks", {}).get(fw, []):
                reg = c.get("variants", {}).get("registry", {})
                for r in reg.get("specials", []):
                    bits = []
                    if not _same(r["f"], r["f_registry"]):
                        bits.append(f"f {fmt(r['f'])} ({fmt(r['f_registry'])})")
                    if not _same(r["grad"], r["grad_registry"]):
                        bits.append(f"f′ {fmt(r['grad'])} ({fmt(r['grad_registry'])})")
                    if bits:
                        where = label("fw_outside_mark") if _outside(e, r["x"]) else ""
                        parts.append(f"x={fmt(r['x'])}{where}: " + ", ".join(bits))
            parts = list(dict.fromkeys(parts))
            any_bad |= bool(parts)
            cells.append("<br>".join(parts) if parts else ("✓" if fw in rec.get("frameworks", {}) else label("absent")))
        if any_bad:
            link = f"[{e.name(lang)}]({root}functions/{key}.md)"
            rows.append("| " + " | ".join([link] + [_cell(c) for c in cells]) + " |")
    return head + "\n".join(rows)
