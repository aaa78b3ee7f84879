"""Export the interactive views once: a content-addressed cache, like the figures' (activations/figures/cache.py).

A view's key hashes what decides its bytes: the entry's key, the source of the code that computes it
(the registry core, the entry's catalog module and the helpers the catalog shares, this package) and
NumPy's version. The export is cheap (about 1 CPU s for every view together, mostly writing digits), so it
runs in the build's own process, not in workers: a warm build only hashes and checks that the files exist.
The cache lives in its own folder (``.cache/interactive``, or ``ACTIVATIONS_INTERACTIVE_CACHE``), so the
figure cache's pruning never sees these files.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import export
from ..core.registry import get

__all__ = ["ensure", "as_scripts", "finish", "cache_key", "default_cache_dir", "Report"]

_PACKAGE = Path(__file__).resolve().parent.parent  # activations/
_CORE = ("core/spec.py", "core/arrays.py", "core/domain.py", "core/registry.py", "interactive/export.py")
_VERSIONS = f"numpy {version('numpy')}"
_read: dict[Path, bytes] = {}  # sources read once per process (a build asks for ~40 keys, twice)


def default_cache_dir() -> Path:
    return Path(os.environ.get("ACTIVATIONS_INTERACTIVE_CACHE", _PACKAGE.parent / ".cache" / "interactive"))


def _source(path: Path) -> bytes:
    if path not in _read:
        _read[path] = path.read_bytes()
    return _read[path]


def cache_key(key: str) -> str:
    module = Path(sys.modules[get(key).fn.__module__].__file__)  # type: ignore[arg-type]
    sources = [_PACKAGE / p for p in _CORE] + sorted((_PACKAGE / "catalog").glob("_*.py")) + [module]
    h = hashlib.sha256(repr((export.FORMAT, key, _VERSIONS)).encode())
    for path in sources:
        h.update(_source(path))
    return h.hexdigest()[:20]


@dataclass
class Report:
    total: int = 0
    exported: int = 0
    seconds: float = 0.0
    size: int = 0  # bytes of every view asked for

    def __str__(self) -> str:
        return (f"interactive: {self.total} views ({self.exported} exported, {self.total - self.exported} cached) "
                f"in {self.seconds:.2f} s, {self.size / 1e6:.1f} MB")


_report: Report | None = None
_done: dict[str, Path] = {}  # this build's answers: static-i18n runs the figure script once per language


def ensure(keys: list[str] | None = None, cache_dir: Path | None = None) -> dict[str, Path]:
    """Return {entry key: cached JSON file}, exporting the missing ones now."""
    global _report
    began = time.perf_counter()
    keys = export.exported_keys() if keys is None else keys
    cache_dir = default_cache_dir() if cache_dir is None else Path(cache_dir)
    report = _report = _report or Report()
    out = {}
    for key in keys:
        if key in _done and _done[key].parent == cache_dir:
            out[key] = _done[key]
            continue
        path = cache_dir / f"{cache_key(key)}.json"
        if not path.is_file():
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
            tmp.write_bytes(export.export(key))
            tmp.replace(path)  # atomic: a concurrent build sees the whole file or none
            report.exported += 1
        report.total += 1
        report.size += path.stat().st_size
        out[key] = _done[key] = path
    report.seconds += time.perf_counter() - began
    return out


def as_scripts(paths: dict[str, Path]) -> dict[str, Path]:
    """The same views as scripts, for the offline copy: browsers refuse to fetch JSON from file://, not
    to run a script, so each ``<hash>.js`` (next to its JSON in the cache) hands the very same JSON to
    ``window.actViewData[key]`` (docs/assets/explore-view.js reads it there when opened from files)."""
    out = {}
    for key, path in paths.items():
        script = path.with_suffix(".js")
        if not script.is_file():
            body = (b"window.actViewData = window.actViewData || {};\nwindow.actViewData[" + json.dumps(key).encode()
                    + b"] = " + path.read_bytes().rstrip() + b";\n")
            tmp = script.with_name(f"{script.name}.tmp{os.getpid()}")
            tmp.write_bytes(body)
            tmp.replace(script)
        out[key] = script
    return out


def finish() -> Report | None:
    """The report on every view asked for since the last call (None if none was); the build logs it."""
    global _report
    report, _report = _report, None
    _done.clear()
    return report
