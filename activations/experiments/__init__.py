"""Experiments: what each activation does inside a deep network, measured with the registry's own code.

Each module of this package that defines ``EXPERIMENT`` (an :class:`~.base.Experiment`) is one
experiment: a plain, deterministic NumPy function of (entry, settings) — float64, every random draw
from a fixed seed, forward and backward passes through the registry's ``fn`` and ``grad`` (so the
experiments exercise the derivatives too) — returning a JSON-able dict. Results are cached on disk
(:mod:`.results`), computed in the background during a build; pages show them through directives
(``{{ experiment ... }}``, ``{{ experiment_table ... }}``, ``{{ deep_network KEY }}``) and figures
through drawers registered next to the experiment. Modules whose name starts with ``_`` hold what the
experiments share (e.g. :mod:`._nets`, the fully connected networks).
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import Column, Experiment, field_value

__all__ = ["EXPERIMENTS", "Experiment", "Column", "field_value", "get_experiment"]

_NOT_EXPERIMENTS = {"base", "results", "deep_network"}
#: the order of the experiments in the navigation and the gallery (others follow, by name)
ORDER = ("depth", "mean_field", "dead_relu", "training", "softmax_saturation", "products", "selu_constants")


def _collect() -> dict[str, Experiment]:
    found: dict[str, Experiment] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in _NOT_EXPERIMENTS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        exp = getattr(module, "EXPERIMENT", None)
        if exp is None:
            continue
        if exp.name in found:
            raise ValueError(f"experiment {exp.name!r} is defined twice")
        found[exp.name] = exp
    rank = {name: i for i, name in enumerate(ORDER)}
    return dict(sorted(found.items(), key=lambda kv: (rank.get(kv[0], len(ORDER)), kv[0])))


EXPERIMENTS: dict[str, Experiment] = _collect()
from . import deep_network  # noqa: E402,F401 - registers the function pages' figure drawer


def get_experiment(name: str) -> Experiment:
    try:
        return EXPERIMENTS[name]
    except KeyError:
        raise KeyError(f"unknown experiment {name!r}; known: {', '.join(EXPERIMENTS)}") from None
