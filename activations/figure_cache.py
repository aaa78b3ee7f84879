"""Render figures once: a content-addressed cache shared by site builds, `mkdocs serve` and the CLI.

A figure's cache key hashes everything that determines its pixels: the figure's specification, the
source of the modules that draw it (the renderer, the analysis, and the catalog module of its entries),
and the versions of NumPy and matplotlib. Missing figures are rendered in parallel on all cores.

Each figure is published as four files (see :data:`OUTPUTS`).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path

from .figures import Figure, all_figures, get_figure
from .registry import get

__all__ = ["OUTPUTS", "ensure", "cache_key", "default_cache_dir", "Report"]

#: published file suffix -> (format, theme): the page's palette-following SVG, and light print copies
OUTPUTS = {
    ".svg": ("svg", "auto"),
    ".print.svg": ("svg", "light"),
    ".png": ("png", "light"),
    ".pdf": ("pdf", "light"),
}
PNG_DPI = 300
_PACKAGE = Path(__file__).resolve().parent
_RENDERER_MODULES = ("spec.py", "_arrays.py", "analysis.py", "plotting.py", "figures.py", "drawers.py",
                     "registry.py", "figure_cache.py")


# read from the package metadata: importing matplotlib just for its version costs a build 0.1 s
_VERSIONS = " ".join(f"{name} {version(name)}" for name in ("numpy", "matplotlib"))


def default_cache_dir() -> Path:
    return Path(os.environ.get("ACTIVATIONS_FIGURE_CACHE", _PACKAGE.parent / ".cache" / "figures"))


def _sources(fig: Figure) -> list[Path]:
    keys = [fig.entry] if fig.entry else list(fig.args)
    # the module that defines the entry (and any custom drawer next to it); __module__ survives the
    # @elementwise wrapper, whose own code lives in _arrays.py
    modules = {Path(sys.modules[get(k).fn.__module__].__file__) for k in keys}  # type: ignore[arg-type]
    shared = sorted((_PACKAGE / "catalog").glob("_*.py"))  # helpers the catalog modules share
    return [_PACKAGE / name for name in _RENDERER_MODULES] + shared + sorted(modules)


def cache_key(fig: Figure) -> str:
    h = hashlib.sha256()
    spec = (fig.id, fig.kind, fig.entry, fig.args, fig.size, PNG_DPI, tuple(OUTPUTS.items()))
    h.update(repr(spec).encode())
    h.update(_VERSIONS.encode())
    for path in _sources(fig):
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


def _render_into(figure_id: str, target: str) -> str:
    """Render all outputs of one figure into ``target`` (atomically: a temp dir renamed at the end)."""
    from .plotting import palette_svg, render_formats

    fig = get_figure(figure_id)
    final = Path(target)
    tmp = final.with_name(final.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    stem = figure_id.rsplit("/", 1)[-1]
    # one drawing for all four files: the page's SVG is the print SVG recoloured
    light = render_formats(fig, ("svg", "png", "pdf"), theme="light", dpi=PNG_DPI)
    files = {".svg": palette_svg(light["svg"]), ".print.svg": light["svg"], ".png": light["png"], ".pdf": light["pdf"]}
    assert files.keys() == OUTPUTS.keys()
    for suffix, data in files.items():
        (tmp / f"{stem}{suffix}").write_bytes(data)
    try:
        tmp.rename(final)
    except OSError:  # another process finished it first
        for child in tmp.iterdir():
            child.unlink()
        tmp.rmdir()
    return figure_id


@dataclass
class Report:
    total: int
    rendered: int
    seconds: float

    def __str__(self) -> str:
        return (f"figures: {self.total} ({self.rendered} rendered, {self.total - self.rendered} cached) "
                f"in {self.seconds:.1f} s")


def ensure(figures: list[Figure] | None = None, cache_dir: Path | None = None,
           workers: int | None = None, progress=None) -> tuple[dict[str, Path], Report]:
    """Make sure every figure is in the cache; return {figure id: folder with its files} and a report."""
    start = time.perf_counter()
    figures = all_figures() if figures is None else figures
    cache_dir = default_cache_dir() if cache_dir is None else Path(cache_dir)
    folders = {fig.id: cache_dir / cache_key(fig) for fig in figures}
    missing = [fid for fid, folder in folders.items() if not folder.is_dir()]
    workers = min(workers or os.cpu_count() or 1, len(missing))
    if workers > 1:
        # spawn, not fork: the caller may be `mkdocs serve` with live threads
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            for done in pool.map(_render_into, missing, [str(folders[f]) for f in missing]):
                if progress:
                    progress(done)
    else:
        for fid in missing:
            _render_into(fid, str(folders[fid]))
            if progress:
                progress(fid)
    return folders, Report(len(figures), len(missing), time.perf_counter() - start)


if __name__ == "__main__":  # pragma: no cover - convenience: warm the cache
    print(ensure(progress=lambda f: print(f, file=sys.stderr))[1])
