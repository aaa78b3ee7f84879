"""Which figures exist: their ids, captions and alt texts (the drawing is in :mod:`activations.figures.plotting`).

A figure's id is its stable, language-independent address: figure ``sigmoid/function`` is published
as ``figures/sigmoid/function.svg`` (on the page, follows the light/dark palette) with
``.png`` (300 dpi), ``.pdf`` and ``.print.svg`` beside it (light background, for print and slides).

Every element-wise entry has ``function`` (f and f') and ``gradient`` (f' with the region where it
vanishes shaded); entries with ``family_values`` add ``family``. Other figures are registered by name
with :func:`drawer`, next to the code they illustrate, and listed in an entry's ``extra_figures``.
This module imports no plotting library, so importing the registry stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .drawers import DRAWERS, drawer
from ..core.registry import REGISTRY, by_family, get
from ..core.spec import FAMILIES, Activation, T

__all__ = ["Figure", "DRAWS_FACTS", "drawer", "DRAWERS", "figures_for", "overview_figures", "all_figures", "get_figure"]


@dataclass(frozen=True)
class Figure:
    id: str  # "sigmoid/function": the path below figures/, without extension
    kind: str  # the drawer: "function", "gradient", "family", "overlay" or a registered name
    caption: T
    alt: T
    entry: str | None = None  # registry key, None for overview figures
    args: tuple[Any, ...] = ()  # drawer arguments (hashable, part of the cache key)
    size: tuple[float, float] = (6.4, 3.8)  # inches


#: the kinds whose drawing shows numbers of :func:`activations.core.analysis.facts` (those the pages
#: quote): a build computes them once and hands them to the workers that draw these figures
DRAWS_FACTS = frozenset({"gradient"})


def figures_for(entry: Activation) -> list[Figure]:
    n = entry.name
    figs: list[Figure] = []
    if entry.kind == "elementwise":
        figs.append(Figure(
            f"{entry.key}/function", "function",
            T(f"{n.zh}（实线）及其导数（虚线）", f"{n.en} (solid) and its derivative (dashed)"),
            T(f"{n.zh}及其导数在 x 轴上的曲线图", f"Plot of {n.en} and its derivative against x"),
            entry.key,
        ))
        figs.append(Figure(
            f"{entry.key}/gradient", "gradient",
            T(f"{n.zh}的导数；阴影处导数的绝对值小于 {entry.vanishing_eps:g}",
              f"Derivative of {n.en}; shaded where its magnitude is below {entry.vanishing_eps:g}"),
            T(f"{n.zh}导数的曲线图，梯度很小的区域以阴影标出",
              f"Plot of the derivative of {n.en} with the small-gradient region shaded"),
            entry.key,
        ))
        if entry.family_values:
            figs.append(Figure(
                f"{entry.key}/family", "family",
                T(f"{n.zh}在几组参数下的曲线（左）及其导数（右）", f"{n.en} (left) and its derivative (right) "
                  "for several parameter values"),
                T(f"{n.zh}在几组参数下的曲线族", f"A family of {n.en} curves for several parameter values"),
                entry.key, size=(9.6, 3.6),
            ))
    for name in entry.extra_figures:
        if name not in DRAWERS:
            raise KeyError(f"{entry.key}: extra figure {name!r} has no drawer; registered: {sorted(DRAWERS)}")
        d = DRAWERS[name]
        short = name.removeprefix(entry.key + "_")
        figs.append(Figure(f"{entry.key}/{short}", name, d.caption, d.alt, entry.key, size=d.size))
    return figs


def overview_figures() -> list[Figure]:
    figs = []
    for family, members in by_family().items():
        keys = tuple(e.key for e in members if e.kind == "elementwise")
        if not keys:
            continue
        label = FAMILIES[family]
        figs.append(Figure(
            f"families/{family}", "overlay",
            T(f"{label.zh}：函数（左）与导数（右）", f"{label.en}: functions (left) and derivatives (right)"),
            T(f"{label.zh}各成员及其导数的叠加曲线图", f"Overlay of the {label.en} functions and derivatives"),
            None, keys, size=(10.0, 4.2 + 0.25 * ((len(keys) + 4) // 5)),
        ))
    return figs


def experiment_figures() -> list[Figure]:
    """The figures of :mod:`activations.experiments`: each experiment's own (``experiments/<drawer>``)
    and, for every entry the depth experiment runs on, ``<key>/deep_network``."""
    from ..experiments import EXPERIMENTS

    figs = []
    for exp in EXPERIMENTS.values():
        for name in exp.figures:
            if name not in DRAWERS:
                raise KeyError(f"experiment {exp.name}: figure {name!r} has no drawer; registered: {sorted(DRAWERS)}")
            d = DRAWERS[name]
            figs.append(Figure(f"experiments/{name}", name, d.caption, d.alt, None, size=d.size))
    depth = EXPERIMENTS.get("depth")
    if depth is not None:
        d = DRAWERS["deep_network"]
        for entry in REGISTRY.values():
            if depth.applies(entry):
                n = entry.name
                # the drawer's caption and alt text name the function: "{name}"
                caption = T(d.caption.zh.format(name=n.zh), d.caption.en.format(name=n.en))
                alt = T(d.alt.zh.format(name=n.zh), d.alt.en.format(name=n.en))
                figs.append(Figure(f"{entry.key}/deep_network", "deep_network", caption, alt, entry.key, size=d.size))
    return figs


#: the inventory, computed once per import: a build asks for it hundreds of times (every figure
#: directive), and the registry cannot change under an imported module (`mkdocs serve` drops the
#: package from sys.modules before each rebuild, scripts/_site_path.py)
_ALL: list[Figure] = []
_BY_ID: dict[str, Figure] = {}


def all_figures() -> list[Figure]:
    if not _ALL:
        figs = [f for entry in REGISTRY.values() for f in figures_for(entry)]
        _ALL.extend(figs + overview_figures() + experiment_figures())
        _BY_ID.update((f.id, f) for f in _ALL)
    return list(_ALL)


def get_figure(figure_id: str) -> Figure:
    all_figures()
    try:
        return _BY_ID[figure_id]
    except KeyError:
        raise KeyError(f"unknown figure {figure_id!r}") from None
