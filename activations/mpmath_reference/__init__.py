"""High-precision references (mpmath) for every registry entry, written independently of the NumPy code.

Used by the tests and by the accuracy measurement (``scripts/accuracy.py``); needs ``mpmath``, which
the library itself does not. One module per catalog module, each with ``REFERENCES``:

* element-wise: ``key -> Ref(fn, grad)`` with ``fn(x: mpf, **params) -> mpf`` (the definition, not the
  stable rewrite) and ``grad`` its closed-form derivative (tests also check it against ``mp.diff``);
* vector-valued: ``fn(xs: list[mpf], **params) -> list[mpf]`` and ``grad(xs, **params)`` the Jacobian
  as a list of rows.

A ``grad`` may return ``None`` where the derivative is undefined (at a kink, the registry's convention
is then checked separately).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable, NamedTuple

__all__ = ["Ref", "REFERENCES", "get_ref"]


class Ref(NamedTuple):
    fn: Callable
    grad: Callable


def _collect() -> dict[str, Ref]:
    refs: dict[str, Ref] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, ref in getattr(module, "REFERENCES", {}).items():
            if key in refs:
                raise ValueError(f"mpmath reference for {key!r} is defined twice")
            refs[key] = Ref(*ref)
    return refs


REFERENCES: dict[str, Ref] = _collect()


def get_ref(key: str) -> Ref:
    try:
        return REFERENCES[key]
    except KeyError:
        raise KeyError(f"no mpmath reference for {key!r} in activations/mpmath_reference/") from None
