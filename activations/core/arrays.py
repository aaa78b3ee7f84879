"""Input conversion and parameter checks shared by every activation.

Every public function accepts what a NumPy user would pass: Python scalars, lists, bools, ints and
arrays of any real floating dtype. The rules are the same for all of them, so they live here once:

* bool and integer input is computed in float64;
* float16, float32 and float64 keep their dtype. float16 and float32 are computed in float64 and
  rounded once at the end: NumPy's float32 kernels (exp among them) are themselves up to 2 ULP off and
  every further float32 operation adds a rounding, while one rounding of the float64 result is within
  half an ULP plus the float64 error (measured: scripts/accuracy.py). Memory is the price: a float32
  array is widened while it is computed;
* complex, object, string and other input raises ``TypeError`` naming the parameter;
* a 0-d input gives a NumPy scalar back, an n-d input an array of the same shape.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

import numpy as np

__all__ = ["as_real_array", "elementwise", "check_param"]


def as_real_array(x: Any, name: str = "x") -> np.ndarray:
    """Convert ``x`` to a real floating-point ndarray, or raise a ``TypeError`` naming ``name``."""
    if isinstance(x, np.ndarray):
        arr = x
    else:
        try:
            arr = np.asarray(x)
        except (ValueError, TypeError) as err:  # ragged lists and the like
            raise TypeError(f"{name} must be a real number or an array of real numbers: {err}") from None
    kind = arr.dtype.kind
    if kind == "f":
        return arr
    if kind in "biu":
        return arr.astype(np.float64)
    if kind == "c":
        raise TypeError(f"{name} must be real; complex input ({arr.dtype}) is not supported")
    raise TypeError(f"{name} must be a real number or an array of real numbers, not dtype {arr.dtype}")


def _compute_dtype(dtype: np.dtype) -> np.dtype:
    return np.dtype(np.float64) if dtype in (np.float16, np.float32) else dtype


def elementwise(func: Callable[..., np.ndarray]) -> Callable[..., Any]:
    """Decorate a kernel ``func(x: ndarray, **params)`` as a public element-wise activation.

    The kernel receives a floating ndarray of at least one dimension in the compute dtype and
    returns an array of the same shape; the wrapper handles conversion, dtype and 0-d results.
    """

    @functools.wraps(func)
    def wrapper(x: Any, **params: Any) -> Any:
        arr = as_real_array(x)
        out_dtype = arr.dtype
        work = np.atleast_1d(arr).astype(_compute_dtype(out_dtype), copy=False)
        result = np.asarray(func(work, **params))
        with np.errstate(over="ignore"):  # float64 -> float32/16: values beyond the largest round to inf, correctly
            result = result.astype(out_dtype, copy=False).reshape(arr.shape)
        return result[()] if result.ndim == 0 else result

    wrapper.kernel = func  # type: ignore[attr-defined]
    return wrapper


def check_param(name: str, value: Any, ok: Callable[[float], bool], allowed: str) -> float:
    """Return ``value`` as a float if ``ok(value)``; otherwise raise a ``ValueError`` that names the
    parameter and the allowed range (``allowed`` is a short phrase such as ``"> 0"``)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"parameter {name} must be a real number, got {value!r}")
    value = float(value)
    if math.isnan(value) or not ok(value):
        raise ValueError(f"parameter {name} must be {allowed}, got {value!r}")
    return value
