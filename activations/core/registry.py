"""The registry: every :class:`~activations.core.spec.Activation`, by key, in family order."""

from __future__ import annotations

import importlib
import pkgutil

from .. import catalog
from .spec import FAMILIES, Activation

__all__ = ["REGISTRY", "get", "by_family"]


def _collect() -> dict[str, Activation]:
    entries: list[Activation] = []
    for info in sorted(pkgutil.iter_modules(catalog.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{catalog.__name__}.{info.name}")
        entries.extend(getattr(module, "ENTRIES", ()))
    registry: dict[str, Activation] = {}
    for entry in entries:
        if entry.key in registry:
            raise ValueError(f"activation key {entry.key!r} is defined twice")
        registry[entry.key] = entry
    order = list(FAMILIES)
    # stable sort: family order, then the order the modules list them
    return dict(sorted(registry.items(), key=lambda kv: order.index(kv[1].family)))


REGISTRY: dict[str, Activation] = _collect()


def get(key: str) -> Activation:
    """The entry for ``key``; a ``KeyError`` lists the known keys."""
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"unknown activation {key!r}; known: {', '.join(REGISTRY)}") from None


def by_family() -> dict[str, list[Activation]]:
    groups: dict[str, list[Activation]] = {family: [] for family in FAMILIES}
    for entry in REGISTRY.values():
        groups[entry.family].append(entry)
    return {family: members for family, members in groups.items() if members}
