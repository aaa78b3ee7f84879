"""Measure the registry's entries in seven frameworks and write ``activations/frameworks/measured.json``.

    python scripts/frameworks.py                      # every framework, every entry with a call
    python scripts/frameworks.py --only torch,jax     # some frameworks (the others are kept from the JSON)
    python scripts/frameworks.py relu gelu            # some entries (the others are kept from the JSON)
    python scripts/frameworks.py --check              # only report whether the committed JSON is stale
    python scripts/frameworks.py --print relu         # measure and print, do not write

Each framework gets its own virtual environment in ``.cache/frameworks/<fw>/venv`` (outside the tracked
files; their pins conflict), installed with pip from the exact pins in ``tools/frameworks/<fw>.txt``
(re-installed when that file changes). The probe (``activations/frameworks/probe.py``, which needs only
the framework and NumPy) runs inside it with the tasks as JSON on standard input and returns raw numbers;
the comparison with the registry runs here. A framework that cannot be installed or run is recorded with
its error, never with numbers. Everything runs under ``nice``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from activations import REGISTRY  # noqa: E402
from activations.frameworks import measure, store  # noqa: E402
from activations.frameworks.calls import FRAMEWORKS, calls_of  # noqa: E402

CACHE = ROOT / ".cache" / "frameworks"
PROBE = ROOT / "activations" / "frameworks" / "probe.py"


def _base_python() -> str:
    """The interpreter the venvs are made from: the one that made this project's venv."""
    base = getattr(sys, "_base_executable", None) or sys.executable
    return os.environ.get("FRAMEWORKS_PYTHON", base)


#: entries whose Api strings are not calls: reported, left out of the measurement
BAD: dict[str, str] = {}


def calls(e) -> dict:
    """:func:`calls_of`, or {} (and the error in :data:`BAD`) for a string that is not a call."""
    try:
        return calls_of(e)
    except ValueError as err:
        BAD[e.key] = str(err)
        return {}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def ensure_env(fw: str) -> tuple[Path | None, str | None]:
    """The venv's python, installed from the pins if needed; or None and the error."""
    pins = store.pins_path(fw)
    if not pins.exists():
        return None, f"no pins file {pins.relative_to(ROOT)}"
    env = CACHE / fw / "venv"
    stamp = CACHE / fw / "installed.sha256"
    want = hashlib.sha256(pins.read_bytes()).hexdigest()
    py = env / "bin" / "python"
    if py.exists() and stamp.exists() and stamp.read_text().strip() == want:
        return py, None
    logf = CACHE / fw / "install.log"
    logf.parent.mkdir(parents=True, exist_ok=True)
    log(f"{fw}: installing {pins.relative_to(ROOT)} into {env.relative_to(ROOT)} (log: {logf.relative_to(ROOT)})")
    with logf.open("a") as out:
        if not py.exists():
            r = subprocess.run(["nice", _base_python(), "-m", "venv", str(env)], stdout=out, stderr=subprocess.STDOUT)
            if r.returncode:
                return None, f"python -m venv failed (exit {r.returncode}); see {logf.relative_to(ROOT)}"
        r = subprocess.run(["nice", str(py), "-m", "pip", "install", "--no-input", "--disable-pip-version-check",
                            "-r", str(pins)], stdout=out, stderr=subprocess.STDOUT)
    if r.returncode:
        tail = [ln for ln in logf.read_text(errors="replace").splitlines() if ln.strip()][-3:]
        return None, f"pip install -r {pins.relative_to(ROOT)} failed (exit {r.returncode}): " + " / ".join(tail)
    stamp.write_text(want + "\n")
    return py, None


#: the backend Keras runs on: JAX for Keras 3 itself, TensorFlow for tf.keras
KERAS_BACKEND = {"keras": "jax", "tensorflow": "tensorflow"}


def run_probe(py: Path, request: dict, timeout: int = 1800) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", JAX_PLATFORMS="cpu", PYTHONDONTWRITEBYTECODE="1",
               GLOG_minloglevel="3", CUDA_VISIBLE_DEVICES="")
    env.pop("KERAS_BACKEND", None)
    if request["framework"] in KERAS_BACKEND:
        env["KERAS_BACKEND"] = KERAS_BACKEND[request["framework"]]
    with tempfile.TemporaryDirectory() as cwd:  # never import a folder named like a framework
        r = subprocess.run(["nice", str(py), str(PROBE)], input=json.dumps(request), capture_output=True,
                           text=True, cwd=cwd, env=env, timeout=timeout)
    if r.returncode:
        tail = [ln for ln in r.stderr.splitlines() if ln.strip()][-5:]
        return {"error": f"probe exited {r.returncode}: " + " / ".join(tail)}
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        return {"error": "probe answered no JSON: " + r.stdout[-300:] + r.stderr[-300:]}


def measure_framework(fw: str, keys: list[str]) -> tuple[dict, dict[str, list]]:
    """(framework record, key -> list of call records)."""
    info = {"label": FRAMEWORKS[fw].label, "pins": store.pins_path(fw).relative_to(ROOT).as_posix()}
    entries = [REGISTRY[k] for k in keys if fw in calls(REGISTRY[k])]
    py, err = ensure_env(fw)
    if err:
        info.update(status="failed", error=err)
        return info, {}
    t0 = time.perf_counter()
    sigs = run_probe(py, {"framework": fw, "tasks": [],
                          "signatures": measure.signature_paths(entries, [fw])[fw]})
    if "error" in sigs and "signatures" not in sigs:
        info.update(status="failed", error=sigs["error"])
        return info, {}
    tasks, plans = [], {}
    for e in entries:
        t, plan = measure.tasks_for(e, fw, sigs["signatures"])
        tasks += t
        plans[e.key] = plan
    answer = run_probe(py, {"framework": fw, "tasks": tasks, "signatures": []})
    if "error" in answer and "results" not in answer:
        info.update(status="failed", error=answer["error"])
        return info, {}
    results = {r["id"]: r for r in answer["results"]}
    info.update(status="ok", versions=answer["versions"], python=answer["python"], numpy=answer["numpy"])
    out = {k: [_compare(REGISTRY[k], p, results) for p in plan.values()] for k, plan in plans.items()}
    log(f"{fw}: {len(tasks)} tasks for {len(entries)} entries in {time.perf_counter() - t0:.1f} s "
        f"({', '.join(f'{n} {v}' for n, v in answer['versions'].items())})")
    return info, out


def _compare(e, plan: dict, results: dict) -> dict:
    """:func:`measure.compare`, or the error of a comparison that could not run (the registry raised)."""
    try:
        return measure.compare(e, plan, results)
    except Exception as err:  # noqa: BLE001  (recorded; the test reports it)
        c = plan["call"]
        return {"call": c.text, "path": c.path, "layer": c.layer,
                "error": f"comparison failed: {type(err).__name__}: {err}"}


def fresh(data: dict) -> list[str]:
    """What is stale in ``data`` against the registry (empty: up to date)."""
    problems = []
    if data.get("code_hash") != store.code_hash():
        problems.append("the measuring code or a pins file changed")
    for k, e in REGISTRY.items():
        if not calls(e):
            continue
        rec = data.get("entries", {}).get(k)
        if rec is None:
            problems.append(f"{k}: not measured")
        elif rec.get("inputs_hash") != store.entry_hash(e):
            problems.append(f"{k}: its api strings, parameters, kinks or kernels changed")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keys", nargs="*", help="measure only these entries (the others stay as in the JSON)")
    parser.add_argument("--only", default="", help="comma-separated frameworks: " + ",".join(FRAMEWORKS))
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed JSON is stale")
    parser.add_argument("--print", dest="print_only", action="store_true", help="print, do not write")
    parser.add_argument("-o", "--output", type=Path, default=store.DATA_PATH)
    args = parser.parse_args(argv)

    old = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    if args.check:
        problems = fresh(old) if old else [f"{args.output} does not exist"]
        problems += list(BAD.values())
        print("up to date" if not problems else "stale: run python scripts/frameworks.py\n  " + "\n  ".join(problems))
        return 1 if problems else 0

    unknown = [k for k in args.keys if k not in REGISTRY]
    fws = [f for f in args.only.split(",") if f] or list(FRAMEWORKS)
    if unknown or any(f not in FRAMEWORKS for f in fws):
        parser.error(f"unknown key or framework: {unknown + [f for f in fws if f not in FRAMEWORKS]}")
    keys = args.keys or [k for k, e in REGISTRY.items() if calls(e)]

    data = {"frameworks": dict(old.get("frameworks", {})), "entries": dict(old.get("entries", {}))}
    for fw in fws:
        if not any(fw in calls(REGISTRY[k]) for k in keys):
            continue  # nothing to measure there: its record stays
        info, recs = measure_framework(fw, keys)
        data["frameworks"][fw] = info
        if info["status"] != "ok":
            log(f"{fw}: FAILED: {info['error']}")
        for k in keys:
            e = REGISTRY[k]
            entry = data["entries"].setdefault(k, {"frameworks": {}})
            entry["inputs_hash"] = store.entry_hash(e)
            entry["frameworks"] = dict(entry.get("frameworks", {}))
            if fw in calls(e):
                entry["frameworks"][fw] = recs.get(k) or [
                    {"call": c.text, "path": c.path, "layer": c.layer, "error": info.get("error", "not measured")}
                    for c in calls(e)[fw]]
            else:
                entry["frameworks"].pop(fw, None)
    # keep the registry's order, drop entries without calls
    data["entries"] = {k: data["entries"][k] for k, e in REGISTRY.items() if calls(e) and k in data["entries"]}
    data["frameworks"] = {fw: data["frameworks"][fw] for fw in FRAMEWORKS if fw in data["frameworks"]}
    for fw, rec in data["frameworks"].items():
        rec["setup"] = {"zh": FRAMEWORKS[fw].setup.zh, "en": FRAMEWORKS[fw].setup.en}
    data = {"schema": 1, "code_hash": store.code_hash(), "tolerance": measure.TOL,
            "grid": {"lo": float(measure.GRID[0]), "hi": float(measure.GRID[-1]), "points": int(measure.GRID.size)},
            **data}
    text = json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    if args.print_only:
        print(text)
        return 0
    args.output.write_text(text, encoding="utf-8")
    log(f"wrote {args.output}")
    summary(data, keys, fws)
    for k, err in BAD.items():
        print(f"NOT MEASURED: {err}")
    return 1 if BAD else 0


def summary(data: dict, keys: list[str], fws: list[str]) -> None:
    for k in keys:
        for fw in fws:
            for rec in data["entries"].get(k, {}).get("frameworks", {}).get(fw, []) or []:
                if not isinstance(rec, dict):
                    continue
                if "error" in rec:
                    print(f"{k:14s} {fw:10s} {rec['call']}: ERROR {rec['error']}")
                    continue
                for v, out in rec.get("variants", {}).items():
                    if "error" in out:
                        print(f"{k:14s} {fw:10s} {rec['path']} [{v}]: ERROR {out['error'][:200]}")
                    elif not out["agree"]:
                        g = out["grid"]
                        print(f"{k:14s} {fw:10s} {rec['path']} [{v}] {out['dtype']}: differs "
                              f"f {g['f']['max_err']} (nonfinite {g['f']['nonfinite_mismatch']}), "
                              f"f' {g['grad']['max_err']} (nonfinite {g['grad']['nonfinite_mismatch']})")


if __name__ == "__main__":
    raise SystemExit(main())
