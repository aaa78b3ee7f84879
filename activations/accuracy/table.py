"""The accuracy tables of the site, rendered from the committed measurement.

Kept apart from :mod:`activations.accuracy.ulp` so that changing how the numbers are shown does not make the
measurement stale (its inputs hash covers the measuring code only).
"""

from __future__ import annotations

import math

from .ulp import DTYPES, load
from ..core.spec import T

_L = {
    "function": T("函数", "Function"),
    "f64": T("f，float64", "f, float64"),
    "g64": T("f′，float64", "f′, float64"),
    "f32": T("f，float32", "f, float32"),
    "g32": T("f′，float32", "f′, float32"),
    "target": T("目标", "Target"),
    "baselines": T("常见写法：最大误差（float64 / float32）", "Common alternatives: largest error (float64 / float32)"),
    "baselines_title": T("对照：其他实现", "For comparison: other implementations"),
    "baselines_intro": T("同样的输入、同样的度量下，SciPy、NumPy 的函数与教科书式的朴素写法的最大误差（ULP）。",
                         "The largest errors (ULP) of SciPy's and NumPy's functions and of the textbook formulas, "
                         "on the same inputs and by the same measure."),
    "none": T("—", "—"),
    "notes": T("未达到目标的原因", "Why a target is missed"),
    "warn": T("有警告", "warns"),
    "nan_at": T("x = {x} 处为 NaN", "NaN at x = {x}"),
    "inf_at": T("x = {x} 处溢出为 ±∞", "±∞ at x = {x}"),
    "domain": T("只在定义域 {domain} 上测量", "measured on its domain {domain}"),
    "nan": T("出现 NaN", "NaN"),
    "inf": T("溢出为 ±∞", "±∞"),
}

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _fmt_ulp(part: dict) -> str:
    """The largest error of a part as table text: an integer, or m×10ⁿ from 10 000 on."""
    v = part["max_ulp"]
    if v is None:
        return "NaN" if part.get("nan") else "—"
    if v < 10_000:
        return str(v)
    exp = int(math.floor(math.log10(v)))
    mant = v / 10**exp
    if round(mant, 1) >= 10:
        mant, exp = mant / 10, exp + 1
    return f"{mant:.1f}×10{str(exp).translate(_SUPERSCRIPT)}"


def _minus(text: str) -> str:
    return text.replace("-", "−")


def _baseline_cell(base: dict, lang: str) -> str:
    """``f′ `name`: 12 / 3 (warns; NaN at x = …)`` for one baseline."""
    values = " / ".join(_fmt_ulp(base[d]) for d in DTYPES)
    extra = []
    if any(base[d]["warnings"] for d in DTYPES):
        extra.append(_L["warn"](lang))
    for kind in ("nan", "inf"):
        where = next((base[d][kind]["x"] for d in DTYPES if base[d].get(kind)), None)
        if where is None:
            continue
        if isinstance(where, dict):  # a vector row: no single x
            extra.append(_L[kind](lang))
        else:
            extra.append(_L[f"{kind}_at"](lang).format(x=_minus(f"{where:.6g}")))
    sep = "；" if lang == "zh" else "; "
    paren = (f"（{sep.join(extra)}）" if lang == "zh" else f" ({sep.join(extra)})") if extra else ""
    prime = "" if base["part"] == "fn" else "′"
    return f"f{prime} `{base['name']}`: {values}{paren}"


def table_markdown(lang: str, root: str = "", data: dict | None = None) -> str:
    """The accuracy tables as Markdown for a page in ``lang`` ("zh" or "en"): one row per entry with
    the largest ULP error of f and f′ in float64 and float32 and the target (✓ / ✗), misses explained
    below it; then a second table with the baselines (other implementations measured the same way).
    ``root`` is the page's relative path to the docs root (links go to ``{root}functions/<key>.md``)."""
    from ..core import registry
    from ..core.domain import on_all_reals
    from .notes import EXPLANATIONS

    data = load() if data is None else data
    head = (f"| {_L['function'](lang)} | {_L['f64'](lang)} | {_L['g64'](lang)} | {_L['f32'](lang)} | "
            f"{_L['g32'](lang)} | {_L['target'](lang)} |\n"
            "|---|--:|--:|--:|--:|---|\n")
    base_head = f"| {_L['function'](lang)} | {_L['baselines'](lang)} |\n|---|---|\n"
    rows, notes, base_rows = [], [], []
    for key, e in data["entries"].items():
        try:
            entry = registry.get(key)
        except KeyError:
            entry = None
        name = entry.name(lang) if entry else key
        link = f"[{name}]({root}functions/{key}.md)"
        if entry and not on_all_reals(entry):  # the grid samples the domain only (ulp.grid)
            domain = _L["domain"](lang).format(domain=f"\\(x \\in {entry.domain.tex}\\)")
            link += f"（{domain}）" if lang == "zh" else f" ({domain})"
        cells = [_fmt_ulp(e[d][p]) for d in DTYPES for p in ("fn", "grad")]
        tf, tg = e["target"]["fn"], e["target"]["grad"]
        goal = f"≤ {tf}" if tf == tg else f"≤ {tf} / ≤ {tg}"
        ok = all(e["pass"].values())
        mark = "✓" if ok else "✗"
        if not ok:
            notes.append(key)
            mark += f" [{len(notes)}](#accuracy-note-{key.replace('_', '-')})"
        rows.append(f"| {link} | {' | '.join(cells)} | {goal} {mark} |")
        if e["baselines"]:
            base_rows.append(f"| {link} | {'<br>'.join(_baseline_cell(b, lang) for b in e['baselines'])} |")
    out = head + "\n".join(rows)
    if notes:
        out += f"\n\n**{_L['notes'](lang)}**\n\n"
        for i, key in enumerate(notes, 1):
            text = EXPLANATIONS[key](lang) if key in EXPLANATIONS else "?"
            out += f"{i}. <span id=\"accuracy-note-{key.replace('_', '-')}\"></span>`{key}`: {text}\n"
    if base_rows:
        out += f"\n\n### {_L['baselines_title'](lang)}\n\n{_L['baselines_intro'](lang)}\n\n" + base_head + "\n".join(base_rows)
    return out
