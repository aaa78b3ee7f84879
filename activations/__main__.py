"""Command line: ``python -m activations figures --out DIR [options]`` and ``python -m activations list``.

Renders figures with the same renderer as the site, standalone, e.g.::

    python -m activations figures --out figs --only sigmoid,softmax --format png,pdf --dpi 600 --theme dark
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .figures.inventory import all_figures
from .core.registry import REGISTRY


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m activations", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    figs = sub.add_parser("figures", help="render figures to files")
    figs.add_argument("--out", required=True, type=Path, help="output folder (created if missing)")
    figs.add_argument("--only", type=_csv, default=None,
                      help="comma-separated activation keys or figure ids (default: every figure)")
    figs.add_argument("--format", type=_csv, default=["svg", "png", "pdf"], help="svg, png and/or pdf")
    figs.add_argument("--dpi", type=int, default=300, help="resolution of PNG output (default 300)")
    figs.add_argument("--theme", choices=["light", "dark", "auto"], default="light",
                      help="light or dark background; auto = SVG that follows the viewer's colour scheme")
    sub.add_parser("list", help="list the activation keys and figure ids")
    return parser


def _select(only: list[str] | None):
    figures = all_figures()
    if not only:
        return figures
    ids = {f.id for f in figures}
    unknown = [name for name in only if name not in REGISTRY and name not in ids]
    if unknown:
        raise SystemExit(f"error: unknown function or figure: {', '.join(unknown)}\n"
                         f"known functions: {', '.join(REGISTRY)}")
    return [f for f in figures if f.id in only or f.entry in only]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "list":
        for key, entry in REGISTRY.items():
            print(f"{key:16} {entry.name.en}")
        for fig in all_figures():
            print(f"figure {fig.id}")
        return 0
    bad = [f for f in args.format if f not in ("svg", "png", "pdf")]
    if bad:
        raise SystemExit(f"error: unknown format {', '.join(bad)}; use svg, png or pdf")
    if args.theme == "auto" and args.format != ["svg"]:
        raise SystemExit("error: --theme auto exists only for SVG: add --format svg")
    if args.dpi <= 0:
        raise SystemExit("error: --dpi must be a positive number")
    from .figures.plotting import render

    figures = _select(args.only)
    start = time.perf_counter()
    for i, fig in enumerate(figures, 1):
        for fmt in args.format:
            path = args.out / f"{fig.id}.{fmt}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render(fig, fmt, theme=args.theme, dpi=args.dpi))
            print(f"[{i}/{len(figures)}] {path}", file=sys.stderr)
    print(f"{len(figures)} figures in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
