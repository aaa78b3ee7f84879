"""Measure the accuracy (ULP error against mpmath) of every registry entry and write
``activations/accuracy/accuracy.json``, then print a summary table.

    python scripts/accuracy.py                 # everything, 2 processes
    python scripts/accuracy.py -j 4            # more processes
    python scripts/accuracy.py --check         # only report whether the committed JSON is stale
    python scripts/accuracy.py sigmoid gelu    # measure and print some entries (does not write)
    python scripts/accuracy.py --confirm -o /tmp/a.json   # audit: every reference evaluated twice

The result is deterministic (fixed seeds, no timings in the file); see ``activations/accuracy.py`` for
what is measured and how. The JSON carries ``inputs_hash`` so that the tests notice when a catalog,
reference or this measurement changed without a re-run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from activations.accuracy import ulp as accuracy  # noqa: E402


def _cell(part: dict) -> str:
    v = part["max_ulp"]
    if v is None:
        return "NaN" if part.get("nonfinite") else "-"
    return str(v) if v < 10_000 else f"{v:.1e}"


def print_table(data: dict, file=sys.stdout) -> None:
    rows = [("key", "f64 f", "f64 f'", "f32 f", "f32 f'", "target", "ok", "worst (f64)")]
    for key, e in data["entries"].items():
        worst = []
        for d in accuracy.DTYPES:
            for p in ("fn", "grad"):
                part = e[d][p]
                if part["max_ulp"] is not None and part["max_ulp"] > e["target"][p] or part["nonfinite"]:
                    x = part["x"]
                    where = x["row_label"] if isinstance(x, dict) else f"x={x!r}"
                    worst.append(f"{d} {p}: {_cell(part)} ulp at {where}"
                                 + (f" [{part['nonfinite']}]" if part["nonfinite"] else ""))
        ok = "yes" if all(e["pass"].values()) else "NO"
        goal = "/".join(str(e["target"][p]) for p in ("fn", "grad"))
        rows.append((key, *(_cell(e[d][p]) for d in accuracy.DTYPES for p in ("fn", "grad")), goal, ok,
                     "; ".join(worst)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1], file=file)
    print("\nbaselines (float64 / float32 max ulp):", file=file)
    for key, e in data["entries"].items():
        for b in e["baselines"]:
            extra = "; ".join(filter(None, (b[d]["nonfinite"] for d in accuracy.DTYPES)))
            warn = sorted({w for d in accuracy.DTYPES for w in b[d]["warnings"]})
            print(f"  {key:14s} {b['part']:4s} {b['name']:34s} {_cell(b['float64']):>9s} / {_cell(b['float32']):>9s}"
                  + (f"  [{extra}]" if extra else "") + (f"  warns: {', '.join(warn)}" if warn else ""), file=file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keys", nargs="*", help="measure only these entries and do not write the JSON")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed JSON is stale")
    parser.add_argument("--confirm", action="store_true",
                        help="re-evaluate every reference with more bits (an audit; about twice as slow)")
    parser.add_argument("-o", "--output", type=Path, default=accuracy.DATA_PATH)
    args = parser.parse_args(argv)

    if args.check:
        try:
            stored = json.loads(args.output.read_text(encoding="utf-8"))
        except FileNotFoundError:
            print(f"{args.output} does not exist: run python scripts/accuracy.py")
            return 1
        from activations import REGISTRY

        fresh = stored.get("inputs_hash") == accuracy.inputs_hash() and list(stored["entries"]) == list(REGISTRY)
        print("up to date" if fresh else "stale: run python scripts/accuracy.py")
        return 0 if fresh else 1

    start = time.perf_counter()
    cpu: dict[tuple[str, str], float] = {}

    def progress(key: str, dtype: str, seconds: float) -> None:
        cpu[key, dtype] = seconds
        print(f"\r  measured {len(cpu)} tasks (last: {key} {dtype})   ", end="", file=sys.stderr, flush=True)

    data = accuracy.measure_all(processes=args.jobs, keys=args.keys or None, progress=progress,
                                confirm=args.confirm)
    elapsed = time.perf_counter() - start
    print(file=sys.stderr)
    if not args.keys:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n",
                               encoding="utf-8")
        print(f"wrote {args.output}")
    print_table(data)
    misses = [k for k, e in data["entries"].items() if not all(e["pass"].values())]
    print(f"\n{len(data['entries'])} entries, {len(misses)} miss their target"
          + (f": {', '.join(misses)}" if misses else ""))
    slowest = sorted(cpu.items(), key=lambda kv: -kv[1])[:3]
    print(f"{elapsed:.1f} s wall with {args.jobs} process(es), {sum(cpu.values()):.1f} s CPU in the workers "
          f"(slowest: {', '.join(f'{k} {d} {s:.1f} s' for (k, d), s in slowest)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
