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

from ..core.spec import Activation, T

__all__ = ["Experiment", "Column", "field_value"]


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
    #: why an entry is not run (None: it is); e.g. a function not defined on all reals
    skip: Callable[[Activation], T | None] = lambda entry: None
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
            cache[id(entry)] = (entry, self.skip(entry))  # the entry is kept so its id stays unique
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
