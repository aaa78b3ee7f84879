"""Render figures once: a content-addressed cache shared by site builds, `mkdocs serve` and the CLI.

A figure's cache key hashes everything that determines its pixels: the figure's specification, the
source of the modules that draw it (the renderer, the analysis, and the catalog module of its entries),
and the versions of NumPy, matplotlib and skia-python. Missing figures are rendered in parallel on all
cores, in the background: :func:`start` returns at once (a site build goes on building pages) and
:func:`finish` waits for them (the build does so at its very end; see scripts/hooks.py).

Each figure is published as four files (see :data:`OUTPUTS`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from importlib.metadata import version
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from .drawers import DRAWERS
from .inventory import DRAWS_FACTS, Figure, all_figures, get_figure
from ..core import analysis
from ..core.analysis import Facts
from ..core.registry import get

__all__ = ["OUTPUTS", "start", "finish", "cancel", "ensure", "cache_key", "default_cache_dir", "Report"]

#: published file suffix -> (format, theme): the page's palette-following SVG, and light print copies
OUTPUTS = {
    ".svg": ("svg", "auto"),
    ".print.svg": ("svg", "light"),
    ".png": ("png", "light"),
    ".pdf": ("pdf", "light"),
}
PNG_DPI = 300
_PACKAGE = Path(__file__).resolve().parent.parent  # activations/
_RENDERER_MODULES = ("core/spec.py", "core/arrays.py", "core/analysis.py", "core/domain.py", "core/registry.py",
                     "figures/plotting.py", "figures/print_formats.py", "figures/inventory.py",
                     "figures/drawers.py")


# read from the package metadata: importing matplotlib just for its version costs a build 0.1 s
_VERSIONS = " ".join(f"{name} {version(name)}" for name in ("numpy", "matplotlib", "skia-python"))


def default_cache_dir() -> Path:
    return Path(os.environ.get("ACTIVATIONS_FIGURE_CACHE", _PACKAGE.parent / ".cache" / "figures"))


def _sources(fig: Figure) -> list[Path]:
    keys = [fig.entry] if fig.entry else list(fig.args)
    # the module that defines the entry (and any custom drawer next to it); __module__ survives the
    # @elementwise wrapper, whose own code lives in core/arrays.py
    modules = {Path(sys.modules[get(k).fn.__module__].__file__) for k in keys}  # type: ignore[arg-type]
    shared = sorted((_PACKAGE / "catalog").glob("_*.py"))  # helpers the catalog modules share
    if _draws_experiments(fig):
        # the figure shows experiment results: their code, and for a figure of no single entry every
        # catalog module (an experiment may run any entry)
        shared += sorted((_PACKAGE / "experiments").glob("*.py"))
        if not fig.entry:
            modules |= set((_PACKAGE / "catalog").glob("[!_]*.py"))
    return [_PACKAGE / name for name in _RENDERER_MODULES] + shared + sorted(modules)


def _draws_experiments(fig: Figure) -> bool:
    drawer = DRAWERS.get(fig.kind)
    return drawer is not None and drawer.draw.__module__.startswith("activations.experiments")


def cache_key(fig: Figure) -> str:
    h = hashlib.sha256()
    spec = (fig.id, fig.kind, fig.entry, fig.args, fig.size, PNG_DPI, tuple(OUTPUTS.items()))
    h.update(repr(spec).encode())
    h.update(_VERSIONS.encode())
    for path in _sources(fig):
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


#: imported once by the fork server, so each worker starts with them loaded. Third-party only: the
#: server outlives a build under `mkdocs serve`, and our own modules must be fresh after an edit.
_PRELOAD = ["numpy", "matplotlib.figure", "matplotlib.backends.backend_svg", "skia"]


def worker_context():
    """Workers forked from a fork server where available (POSIX), else spawned. Not plain fork: the
    caller may be `mkdocs serve`, with live threads."""
    if "forkserver" in get_all_start_methods():
        context = get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return get_context("spawn")


#: niceness of the render workers: below the build (0) and below the experiment workers (10,
#: activations.experiments.results). The page build waits for experiment results (a page shows their
#: numbers) but never for a figure (figures are copied at the end), so on a cold build the figures
#: take the CPU the build and the experiments leave (a profiled cold build on a busy machine, both
#: pools at 10, spent 140 s of its main thread waiting for experiment results).
RENDER_NICENESS = 19


def _lower_priority() -> None:
    """Render workers yield to the build and to the experiments (see RENDER_NICENESS)."""
    if hasattr(os, "nice"):
        os.nice(RENDER_NICENESS)


def _render_into(figure_id: str, target: str, facts: Facts | None = None) -> float:
    """Render all outputs of one figure into ``target`` (atomically: a temp dir renamed at the end);
    return the CPU seconds it took. ``facts``: its entry's analysis facts, as the caller computed them."""
    from .plotting import palette_svg, render_formats

    from ..experiments import results

    cpu, computed_before = time.process_time(), results.computed_here()
    figure = get_figure(figure_id)
    if facts is not None:
        analysis.adopt(figure.entry, facts)
    # one drawing for all four files: the page's SVG is the print SVG recoloured
    light = render_formats(figure, ("svg", "png", "pdf"), theme="light", dpi=PNG_DPI)
    files = {".svg": palette_svg(light["svg"]), ".print.svg": light["svg"], ".png": light["png"], ".pdf": light["pdf"]}
    assert files.keys() == OUTPUTS.keys()
    final = Path(target)
    tmp = final.with_name(final.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    stem = figure_id.rsplit("/", 1)[-1]
    for suffix, data in files.items():
        (tmp / f"{stem}{suffix}").write_bytes(data)
    try:
        tmp.rename(final)
    except OSError:  # another process finished it first
        for child in tmp.iterdir():
            child.unlink()
        tmp.rmdir()
    # a figure of experiment results may have computed one (whoever asks first does): that is the
    # experiments' cost, reported by them, not the figure's
    return time.process_time() - cpu - (results.computed_here() - computed_before)


@dataclass
class Report:
    total: int
    rendered: int
    seconds: float
    cpu_seconds: float = 0.0  # spent drawing and writing (worker start-up excluded), on all cores

    def __str__(self) -> str:
        text = (f"figures: {self.total} ({self.rendered} rendered, {self.total - self.rendered} cached) "
                f"in {self.seconds:.1f} s")
        return text + (f" ({self.cpu_seconds:.1f} CPU s)" if self.rendered else "")


class _Renders:
    """The figures asked for since the last :func:`finish`, and the renders still running.

    One instance per process: both language passes of a build (static-i18n runs the figure script
    twice) share it, so a figure is rendered once even when the second pass asks before it is done."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.asked: dict[Path, str] = {}  # cache folder -> figure id, for every figure asked for
        self.running: dict[Path, Future[float]] = {}  # cache folder -> its render (running or done)
        self.started: float | None = None  # when the first start() began
        self.in_start = 0.0  # seconds spent in start() (hashing sources, checking the cache)
        self.last_render = 0.0  # when the last render ended

    def _done(self, _future: Future[float]) -> None:
        self.last_render = max(self.last_render, time.perf_counter())

    def seconds(self) -> float:
        """Wall time of the figure work: until the last render ended, or the cache checks alone."""
        assert self.started is not None
        return max(self.in_start, self.last_render - self.started)

    def submit(self, figure: Figure, folder: Path, workers: int) -> None:
        if folder not in self.running:
            if workers > 1:
                if self.pool is None:
                    self.pool = ProcessPoolExecutor(workers, mp_context=worker_context(),
                                                    initializer=_lower_priority)
                # the numbers such a figure draws are those its page quotes: computed here, where the
                # pages need them anyway, not a second time in the worker (~75 ms a figure)
                facts = analysis.facts(figure.entry) if figure.kind in DRAWS_FACTS else None
                self.running[folder] = self.pool.submit(_render_into, figure.id, str(folder), facts)
                self.running[folder].add_done_callback(self._done)
            else:  # one core: render here and now (a failure is reported by finish(), as from a worker)
                done: Future[float] = Future()
                try:
                    done.set_result(_render_into(figure.id, str(folder)))
                except Exception as err:  # noqa: BLE001 - handed on, with the figure's name
                    done.set_exception(err)
                self._done(done)
                self.running[folder] = done

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)
        self.reset()


_renders = _Renders()


def start(figures: list[Figure] | None = None, cache_dir: Path | None = None,
          workers: int | None = None) -> dict[str, Path]:
    """Return {figure id: cache folder with its files} and start rendering, in the background and on
    all cores, the figures missing from the cache. Their folders appear as each render finishes; call
    :func:`finish` before reading them (a site build does: it renders while MkDocs builds the pages)."""
    began = time.perf_counter()
    figures = all_figures() if figures is None else figures
    cache_dir = default_cache_dir() if cache_dir is None else Path(cache_dir)
    folders = {fig.id: cache_dir / cache_key(fig) for fig in figures}
    missing = [fid for fid, folder in folders.items() if not folder.is_dir()]
    # figures of experiment results last: by the time a worker reaches them the experiment workers
    # have computed their results, instead of the figure worker waiting for (or computing) them; and
    # before them those drawing analysis facts, computed here as each is submitted, so the workers
    # have the others to draw meanwhile
    by_id = {fig.id: fig for fig in figures}
    missing.sort(key=lambda fid: (_draws_experiments(by_id[fid]), by_id[fid].kind in DRAWS_FACTS))
    workers = min(workers or os.cpu_count() or 1, len(missing))
    if _renders.started is None:
        _renders.started = began
    _renders.asked.update((folder, fid) for fid, folder in folders.items())
    for fid in missing:
        _renders.submit(by_id[fid], folders[fid], workers)
    _renders.in_start += time.perf_counter() - began
    return folders


def finish(progress: Callable[[str], None] | None = None) -> Report | None:
    """Wait for the renders :func:`start` began; report on every figure asked for since the last call
    (None if none was). A failed render raises here."""
    if _renders.started is None:
        return None
    try:
        by_future = {future: _renders.asked[folder] for folder, future in _renders.running.items()}
        for future in as_completed(by_future):
            if future.exception() is not None:
                raise RuntimeError(f"rendering figure {by_future[future]} failed: {future.exception()!r}") \
                    from future.exception()
            if progress:
                progress(by_future[future])
        cpu = sum(future.result() for future in by_future)
        report = Report(len(_renders.asked), len(_renders.running), _renders.seconds(), cpu)
        if _renders.running:  # only a build that added figures can have left old ones behind
            for cache_dir in {folder.parent for folder in _renders.asked}:
                prune(cache_dir, set(_renders.asked))
    except BaseException:
        _renders.close(cancel=True)
        raise
    _renders.close()
    return report


#: cached figures that no build has asked for are deleted once they are this old (see :func:`prune`)
PRUNE_AFTER_DAYS = 7
_KEY = re.compile(r"[0-9a-f]{20}")


def prune(cache_dir: Path, keep: set[Path], older_than_days: float = PRUNE_AFTER_DAYS) -> int:
    """Delete the cached figures of ``cache_dir`` that are not in ``keep`` and were rendered more than
    ``older_than_days`` ago (figures of edited code, of other branches); return how many. Only folders
    named like cache keys are touched, so a cache directory shared with other files is safe."""
    limit = time.time() - older_than_days * 86400
    removed = 0
    for folder in Path(cache_dir).iterdir():
        if not _KEY.fullmatch(folder.name) or folder in keep:
            continue
        try:
            old = folder.stat().st_mtime < limit
        except OSError:  # removed meanwhile by another build
            continue
        if old:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def cancel() -> None:
    """Stop the renders in flight (a build failed); figures already written stay in the cache."""
    _renders.close(cancel=True)


def ensure(figures: list[Figure] | None = None, cache_dir: Path | None = None,
           workers: int | None = None, progress=None) -> tuple[dict[str, Path], Report]:
    """Make sure every figure is in the cache; return {figure id: folder with its files} and a report."""
    folders = start(figures, cache_dir, workers)
    report = finish(progress)
    assert report is not None
    return folders, report


if __name__ == "__main__":  # pragma: no cover - convenience: warm the cache
    print(ensure(progress=lambda f: print(f, file=sys.stderr))[1])
