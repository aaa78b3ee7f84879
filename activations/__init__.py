"""Activation functions of neural networks: implementations, derivatives and facts.

The registry (:data:`REGISTRY`, :func:`get`) is the single source of truth of the documentation site:
formulas, parameters, properties, references and figures all come from it.

>>> import activations as act
>>> float(act.get("sigmoid").fn(0.0))
0.5
>>> act.sigmoid([-1e4, 0.0, 1e4]).tolist()
[0.0, 0.5, 1.0]

Every function of the registry is also an attribute of this package (``act.sigmoid``,
``act.softmax``, ...), and its derivative is ``act.get(key).grad``.
"""

from __future__ import annotations

from typing import Any

from .core.registry import REGISTRY, by_family, get
from .core.spec import FAMILIES, Activation

__all__ = ["REGISTRY", "FAMILIES", "Activation", "get", "by_family", *REGISTRY]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in REGISTRY:
        return REGISTRY[name].fn
    raise AttributeError(f"module 'activations' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(REGISTRY))
