"""Experiment results, computed once: a content-addressed cache shared by site builds, `mkdocs serve`,
the figure renderer and the tests.

A result's key hashes what determines it: the experiment's name and settings, the entry (key and
default parameters), the source of the experiment's module and of the modules every experiment shares
(``activations/experiments/_*.py``, ``base.py``), the array handling and data model of the core, the
catalog module that defines the entry (its ``fn``/``grad`` are what the experiments run) and the NumPy
version. A result is a JSON file under ``.cache/experiments/<experiment>/`` (override the folder with
``ACTIVATIONS_EXPERIMENT_CACHE``).

:func:`get` returns a result, computing it if it is missing. A lock file per result makes concurrent
callers (the build's page directives, figure workers, background workers) wait for one computation
instead of repeating it. :func:`start` computes every missing result in the background on all cores,
niced, while the build goes on; :func:`finish` waits and reports.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..core.registry import REGISTRY, get as get_entry
from .base import Experiment

__all__ = ["get", "start", "finish", "cancel", "cache_key", "cache_dir", "jobs", "Report"]

_PACKAGE = Path(__file__).resolve().parent.parent  # activations/
_HERE = Path(__file__).resolve().parent
_NUMPY = f"numpy {version('numpy')}"


def cache_dir() -> Path:
    return Path(os.environ.get("ACTIVATIONS_EXPERIMENT_CACHE", _PACKAGE.parent / ".cache" / "experiments"))


def _experiment(name: str) -> Experiment:
    from . import get_experiment

    return get_experiment(name)


def _sources(exp: Experiment, key: str | None) -> list[Path]:
    own = Path(sys.modules[exp.run.__module__].__file__)  # type: ignore[arg-type]
    shared = sorted(_HERE.glob("_*.py")) + [_HERE / "base.py"]
    core = [_PACKAGE / "core" / "arrays.py", _PACKAGE / "core" / "spec.py"]
    if key is None:  # a global experiment may use any entry
        catalog = sorted((_PACKAGE / "catalog").glob("*.py"))
    else:
        catalog = sorted((_PACKAGE / "catalog").glob("_*.py"))
        catalog.append(Path(sys.modules[get_entry(key).fn.__module__].__file__))  # type: ignore[arg-type]
    return [own, *shared, *core, *catalog]


def cache_key(name: str, key: str | None = None) -> str:
    exp = _experiment(name)
    h = hashlib.sha256()
    defaults = sorted(get_entry(key).defaults.items()) if key else ()
    h.update(repr((name, key, defaults, sorted(exp.settings.items()), _NUMPY)).encode())
    for path in _sources(exp, key):
        h.update(_read(path))
    return h.hexdigest()[:20]


_sources_read: dict[tuple[Path, float], bytes] = {}


def _read(path: Path) -> bytes:
    """A source file's bytes, read once per process while unchanged (a build hashes each many times)."""
    key = (path, path.stat().st_mtime)
    if key not in _sources_read:
        _sources_read[key] = path.read_bytes()
    return _sources_read[key]


def _path(name: str, key: str | None) -> Path:
    return cache_dir() / name / f"{key or '_'}-{cache_key(name, key)}.json"


_loaded: dict[Path, dict] = {}  # this process's results already read (a build asks for each many times)


def get(name: str, key: str | None = None) -> dict:
    """The result of experiment ``name`` for the entry ``key`` (None for a global experiment),
    computed now if no one has yet."""
    exp = _experiment(name)
    if exp.per_entry != (key is not None):
        raise ValueError(f"experiment {name!r} is {'per entry: name an entry' if exp.per_entry else 'global: name no entry'}")
    if key is not None and not exp.applies(get_entry(key)):
        reason = exp.skip_reason(get_entry(key))
        raise KeyError(f"experiment {name!r} does not run for {key!r}: {reason.en if reason else 'not element-wise'}")
    path = _path(name, key)
    if path in _loaded:
        return _loaded[path]
    if not path.exists():
        _compute(exp, key, path)
    result = json.loads(path.read_text(encoding="utf-8"))
    _loaded[path] = result
    return result


_cpu_here = [0.0]  # CPU seconds this process spent computing results (see computed_here)


def computed_here() -> float:
    """CPU seconds this process has spent computing results so far: a figure worker that had to
    compute one subtracts it from the figure's own cost."""
    return _cpu_here[0]


def _compute(exp: Experiment, key: str | None, path: Path) -> float:
    """Compute one result into ``path`` unless another process did meanwhile; return its CPU seconds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a computation in flight elsewhere finishes first
        if path.exists():
            return 0.0
        cpu = time.process_time()
        settings = dict(exp.settings)
        result = exp.run(get_entry(key), settings) if key is not None else exp.run(settings)
        text = json.dumps(result, sort_keys=True, separators=(",", ":"), allow_nan=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        tmp.rename(path)  # atomic: a reader sees the whole file or none
        spent = time.process_time() - cpu
        _cpu_here[0] += spent
        # the cost, beside the result (which holds no timing, so that builds stay identical): a build
        # reports the CPU of every result it computed, wherever it was computed (a background worker,
        # the page build, a figure worker)
        path.with_suffix(".cpu").write_text(f"{spent:.3f}\n")
        return spent


def jobs() -> list[tuple[str, str | None]]:
    """Every (experiment, entry) the site shows: each per-entry experiment for each entry it applies to."""
    from . import EXPERIMENTS

    out: list[tuple[str, str | None]] = []
    for name, exp in EXPERIMENTS.items():
        if exp.per_entry:
            out += [(name, key) for key, entry in REGISTRY.items() if exp.applies(entry)]
        else:
            out.append((name, None))
    return out


def _worker_init() -> None:
    """Background workers yield to the build, and use one BLAS thread each (they run one per core)."""
    if hasattr(os, "nice"):
        os.nice(10)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - only slower
        pass


def _compute_job(name: str, key: str | None) -> float:
    return _compute(_experiment(name), key, _path(name, key))


@dataclass
class Report:
    total: int
    computed: int
    seconds: float
    cpu_seconds: float

    def __str__(self) -> str:
        text = (f"experiments: {self.total} results ({self.computed} computed, {self.total - self.computed} cached) "
                f"in {self.seconds:.1f} s")
        return text + (f" ({self.cpu_seconds:.1f} CPU s)" if self.computed else "")


class _Background:
    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.running: dict[Future[float], tuple[str, str | None]] = {}
        self.missing: list[Path] = []  # the results missing when start() looked
        self.total = 0
        self.began = 0.0
        self.checked = 0.0  # seconds start() took to find what is missing


_bg = _Background()


def start(workers: int | None = None) -> int:
    """Start computing, in the background, every result of :func:`jobs` missing from the cache; return
    how many. Idempotent within a build (the second language pass finds them started)."""
    if _bg.pool is not None or _bg.total:
        return len(_bg.running)
    _bg.began = time.perf_counter()
    todo = jobs()
    _bg.total = len(todo)
    missing = [(name, key) for name, key in todo if not _path(name, key).exists()]
    _bg.missing = [_path(name, key) for name, key in missing]
    _bg.checked = time.perf_counter() - _bg.began
    if missing:
        workers = min(workers or os.cpu_count() or 1, len(missing))
        # the figures' worker context: one fork server, started with NumPy already imported
        from ..figures.cache import worker_context

        _bg.pool = ProcessPoolExecutor(workers, mp_context=worker_context(), initializer=_worker_init)
        for name, key in missing:
            _bg.running[_bg.pool.submit(_compute_job, name, key)] = (name, key)
    return len(missing)


def finish() -> Report | None:
    """Wait for :func:`start`'s computations; a failure raises here, naming the experiment and entry."""
    if not _bg.total:
        return None
    try:
        for future in as_completed(_bg.running):
            name, key = _bg.running[future]
            if future.exception() is not None:
                raise RuntimeError(f"experiment {name} for {key or 'all'} failed: {future.exception()!r}") \
                    from future.exception()
        cpu = sum(_cpu_of(path) for path in _bg.missing)
        # the wall time of the computations, or of the cache check alone when nothing was missing
        seconds = time.perf_counter() - _bg.began if _bg.running else _bg.checked
        report = Report(_bg.total, len(_bg.running), seconds, cpu)
    finally:
        cancel()
    return report


def _cpu_of(path: Path) -> float:
    try:
        return float(path.with_suffix(".cpu").read_text())
    except (OSError, ValueError):  # computed by an older version, or its note lost: not counted
        return 0.0


def cancel() -> None:
    if _bg.pool is not None:
        _bg.pool.shutdown(wait=False, cancel_futures=True)
    _bg.__init__()  # type: ignore[misc]
