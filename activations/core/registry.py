"""The registry: every :class:`~activations.core.spec.Activation`, by key, in family order."""

from __future__ import annotations

import importlib
import pkgutil

from .. import catalog
from .spec import FAMILIES, Activation

__all__ = ["REGISTRY", "get", "by_family"]


#: the order the catalog's modules are read in, which is the order of a family's members (navigation,
#: overview, gallery): the long-established functions first, then the later additions; a module not
#: listed comes after these, by name
MODULE_ORDER = ("sigmoid", "relu", "smooth_relu", "shrinkage", "other", "vector",
                "self_gated", "rectifiers", "gated", "vector_more", "periodic")


def _module_rank(name: str) -> tuple[int, str]:
    return (MODULE_ORDER.index(name) if name in MODULE_ORDER else len(MODULE_ORDER), name)


def _collect() -> dict[str, Activation]:
    entries: list[Activation] = []
    for info in sorted(pkgutil.iter_modules(catalog.__path__), key=lambda m: _module_rank(m.name)):
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
