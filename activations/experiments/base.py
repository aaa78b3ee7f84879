"""The data model of an experiment: what it computes, with which settings, and how its numbers are shown.

An experiment is a plain function of (entry, settings) — or of settings alone for one that does not
depend on an activation — returning a JSON-able dict of numbers and lists. Everything a page or a
figure shows comes from that dict, through :func:`activations.experiments.results.get`, which caches
it on disk keyed on the code and the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.domain import on_all_reals
from ..core.spec import Activation, T

__all__ = ["Experiment", "Column", "field_value", "NOT_ON_ALL_REALS"]

#: why an experiment that needs all of ℝ does not run a function with a smaller domain
NOT_ON_ALL_REALS = T("定义域不是全体实数：实验中网络的预激活可取任意实数，也会落在定义域之外",
                     "not defined on all reals: the pre-activations of the experiment's networks take any real "
                     "value, also outside its domain")


@dataclass(frozen=True)
class Column:
    """One column of an experiment's table (``{{ experiment_table NAME }}``): a header and the dotted
    path of a number in the per-entry result, e.g. ``"depth_1pct.he"``."""

    header: T
    path: str
    digits: int = 3
    #: shown where the value is None (e.g. "not within 50 layers")
    missing: T = T("—", "—")


@dataclass(frozen=True)
class Experiment:
    name: str  # e.g. "gradient_depth": the cache's, the directives' and the page's name
    title: T
    run: Callable[..., dict]  # run(entry, settings) if per_entry else run(settings)
    settings: Mapping[str, Any]  # the defaults; part of the cache key
    per_entry: bool = True
    #: why an entry is not run (None: it is); e.g. a function whose values overflow float64
    skip: Callable[[Activation], T | None] = lambda entry: None
    #: the experiment feeds the function inputs from all of ℝ (the pre-activations of a network), so an
    #: entry with a smaller ``Activation.domain`` is skipped with :data:`NOT_ON_ALL_REALS` before
    #: ``skip`` is asked
    needs_all_reals: bool = True
    columns: tuple[Column, ...] = ()
    #: names of the figure drawers (activations.figures.drawers) that show this experiment
    figures: tuple[str, ...] = ()
    notes: Mapping[str, Any] = field(default_factory=dict)

    def applies(self, entry: Activation) -> bool:
        return entry.kind == "elementwise" and self.skip_reason(entry) is None

    def skip_reason(self, entry: Activation) -> T | None:
        """``skip(entry)``, evaluated once per entry (a skip test may evaluate the function, and a build
        asks thousands of times); keyed on the entry object, which a reimported catalog replaces."""
        cache = _SKIPS.setdefault(self.name, {})
        if id(entry) not in cache:
            reason = NOT_ON_ALL_REALS if self.needs_all_reals and not on_all_reals(entry) else self.skip(entry)
            cache[id(entry)] = (entry, reason)  # the entry is kept so its id stays unique
        return cache[id(entry)][1]


_SKIPS: dict[str, dict[int, tuple[Activation, T | None]]] = {}


def field_value(result: Mapping[str, Any], path: str) -> Any:
    """The value at the dotted ``path`` of ``result`` (list items by index); a KeyError lists the keys
    available where the path breaks off."""
    value: Any = result
    for i, part in enumerate(path.split(".")):
        here = ".".join(path.split(".")[:i]) or "the result"
        if isinstance(value, Mapping):
            if part not in value:
                raise KeyError(f"no field {part!r} in {here}; fields: {', '.join(map(str, value))}")
            value = value[part]
        elif isinstance(value, list) and part.lstrip("-").isdigit():
            value = value[int(part)]
        else:
            raise KeyError(f"{here} is a number, it has no field {part!r}")
    return value
