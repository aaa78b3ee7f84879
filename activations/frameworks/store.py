"""The committed measurement ``activations/frameworks/measured.json``: loading it and telling when it is
stale.

``inputs_hash`` of an entry covers what its measurement depends on: its ``Api`` strings, parameters
and defaults, kinks and kind, its domain where it is not all of ℝ (the measured grid follows it; an entry
on ℝ hashes as before the domain existed), the source of its kernels (``fn``, ``grad``, ``vjp``) and the
call overrides of :mod:`activations.frameworks.calls`. ``code_hash`` covers the measuring code (the probe,
the comparison, the framework table) and the pinned environments (``tools/frameworks/*.txt``). A test
compares both with the registry.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from functools import lru_cache
from pathlib import Path

from activations.core.domain import on_all_reals
from activations.core.spec import Activation
from activations.frameworks.calls import FRAMEWORKS, OVERRIDES

__all__ = ["DATA_PATH", "PINS", "load", "entry_hash", "code_hash", "pins_path"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA_PATH = HERE / "measured.json"
PINS = ROOT / "tools" / "frameworks"


def pins_path(fw: str) -> Path:
    return PINS / f"{fw}.txt"


def _source(fn) -> str:
    if fn is None:
        return ""
    try:
        return inspect.getsource(inspect.unwrap(fn))
    except (OSError, TypeError):
        return repr(fn)


def entry_hash(e: Activation) -> str:
    """sha256 of what the measurement of one entry depends on (see the module docstring)."""
    data = {
        "api": list(e.api), "kind": e.kind, "kinks": list(e.kinks),
        "params": [(p.name, p.default) for p in e.params],
        "source": [_source(f) for f in (e.fn, e.grad, e.vjp)],
        "overrides": sorted(repr((k, v)) for k, v in OVERRIDES.items() if k[0] == e.key),
    }
    if not on_all_reals(e):
        d = e.domain
        data["domain"] = [d.lo, d.hi, d.lo_closed, d.hi_closed]
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def code_hash() -> str:
    """sha256 over the measuring code and the pins files."""
    h = hashlib.sha256()
    files = [HERE / n for n in ("probe.py", "measure.py", "calls.py")] + [HERE.parent / "core" / "domain.py"]
    files += [pins_path(fw) for fw in FRAMEWORKS]
    for f in files:
        h.update(f.name.encode() + b"\0")
        h.update((f.read_bytes() if f.exists() else b"<missing>").replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=None)
def _load_cached(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load(path: Path | str = DATA_PATH) -> dict:
    """The committed measurement (an empty one if there is none yet)."""
    path = Path(path)
    if not path.exists():
        return {"frameworks": {}, "entries": {}}
    return _load_cached(str(path), path.stat().st_mtime)
