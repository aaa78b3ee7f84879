"""Print the cold CPU time of every experiment over all the entries it runs for (the issue's budget:
≤ 120 CPU s for all of them together). It measures, it never fails.

    .venv/bin/python scripts/experiments_cpu.py [NAME ...]

Each ``run`` is called directly (no cache), one BLAS thread, as the build's background workers run it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from threadpoolctl import threadpool_limits  # noqa: E402

import activations  # noqa: E402
from activations.experiments import EXPERIMENTS  # noqa: E402


def main(names: list[str]) -> None:
    threadpool_limits(1)
    total = 0.0
    for name, exp in EXPERIMENTS.items():
        if names and name not in names:
            continue
        cpu, slowest = 0.0, (0.0, "")
        keys = [k for k, e in activations.REGISTRY.items() if exp.applies(e)] if exp.per_entry else [None]
        for key in keys:
            start = time.process_time()
            exp.run(activations.get(key), dict(exp.settings)) if key else exp.run(dict(exp.settings))
            spent = time.process_time() - start
            cpu += spent
            slowest = max(slowest, (spent, key or "-"))
        total += cpu
        print(f"{name:16s} {len(keys):3d} results  {cpu:7.2f} CPU s  (slowest: {slowest[1]} {slowest[0]:.2f} s)")
    print(f"{'total':16s}               {total:7.2f} CPU s")


if __name__ == "__main__":
    main(sys.argv[1:])
