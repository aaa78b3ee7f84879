"""The experiments' result cache: computed once, keyed on what determines a result, shared safely
between processes; and the directives that show results fail with a clear message on a mistake."""

from __future__ import annotations

import json
import multiprocessing
import time

import pytest

import activations as act
from activations import experiments
from activations.experiments import Column, Experiment, field_value, results
from activations.core.spec import T


def _slow_run(entry, settings):
    """A stand-in experiment: records every call in a file, so the test can count computations."""
    with open(settings["log"], "a") as log:
        log.write(entry.key + "\n")
    time.sleep(settings["sleep"])
    return {"value": float(entry.fn(settings["x"], **entry.defaults)), "nested": {"list": [1, 2.5]}}


@pytest.fixture
def probe(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTIVATIONS_EXPERIMENT_CACHE", str(tmp_path / "cache"))
    log = tmp_path / "calls.log"
    log.touch()
    exp = Experiment("probe", T("探针", "Probe"), _slow_run, {"x": 0.5, "sleep": 0.3, "log": str(log)},
                     columns=(Column(T("值", "value"), "value"),),
                     skip=lambda e: T("不是 relu", "not relu") if e.key not in ("relu", "tanh") else None)
    monkeypatch.setitem(experiments.EXPERIMENTS, "probe", exp)
    results._loaded.clear()
    yield exp, log
    results._loaded.clear()


def test_a_result_is_computed_once_and_then_read(probe):
    exp, log = probe
    first = results.get("probe", "tanh")
    assert first["value"] == pytest.approx(float(act.tanh(0.5)), abs=0)
    results._loaded.clear()  # a new process: reads the file
    assert results.get("probe", "tanh") == first
    assert log.read_text().split() == ["tanh"]
    files = list((results.cache_dir() / "probe").glob("tanh-*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text()) == first


def _get_in_child(name, key, env):
    import os

    os.environ.update(env)
    results.get(name, key)


def test_concurrent_callers_wait_for_one_computation(probe):
    exp, log = probe
    ctx = multiprocessing.get_context("fork")  # the children see the probe experiment
    env = {"ACTIVATIONS_EXPERIMENT_CACHE": str(results.cache_dir())}
    children = [ctx.Process(target=_get_in_child, args=("probe", "relu", env)) for _ in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join(30)
        assert child.exitcode == 0
    assert log.read_text().split() == ["relu"]


def test_the_key_follows_settings_entry_and_code(probe, monkeypatch, tmp_path):
    exp, _ = probe
    key = results.cache_key("probe", "relu")
    assert results.cache_key("probe", "tanh") != key
    monkeypatch.setitem(experiments.EXPERIMENTS, "probe", Experiment(
        "probe", exp.title, exp.run, {**exp.settings, "x": 0.25}, skip=exp.skip))
    assert results.cache_key("probe", "relu") != key
    # every experiment's key covers its own module, the shared modules and the entry's catalog module
    sources = {p.name for p in results._sources(exp, "relu")}
    assert {"test_experiments_results.py", "base.py", "_nets.py", "arrays.py", "relu.py"} <= sources


def test_misuse_is_a_clear_error(probe):
    with pytest.raises(KeyError, match="unknown experiment 'nope'"):
        results.get("nope", "relu")
    with pytest.raises(ValueError, match="per entry: name an entry"):
        results.get("probe")
    with pytest.raises(KeyError, match="does not run for 'sigmoid': not relu"):
        results.get("probe", "sigmoid")


def test_field_value_names_what_is_there():
    data = {"he": {"std": [1.0, 2.0], "depth_1pct": None}}
    assert field_value(data, "he.std.1") == 2.0
    assert field_value(data, "he.depth_1pct") is None
    with pytest.raises(KeyError, match="no field 'xavier' in the result; fields: he"):
        field_value(data, "xavier.std")
    with pytest.raises(KeyError, match="no field 'mean' in he; fields: std, depth_1pct"):
        field_value(data, "he.mean")


def test_directives_show_results_and_name_mistakes(probe):
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import directives

    page = directives.Page("experiments/probe.md", "en", "/")
    assert directives.experiment(page, "probe", "tanh", "value", "4") == directives._num(float(act.tanh(0.5)), 4)
    assert directives.experiment_setting(page, "probe", "x") == "0.5"
    table = directives.experiment_table(page, "probe")
    assert "| [ReLU]" in table and "not run: not relu" in table and table.count("\n") == 1 + sum(e.kind == "elementwise" for e in act.REGISTRY.values())
    for args, message in [(("nope", "relu", "value"), "unknown experiment 'nope'"),
                          (("probe", "-", "value"), "runs per entry"),
                          (("probe", "sigmoid", "value"), "does not run for 'sigmoid'"),
                          (("probe", "relu", "nested.list.7"), "list index out of range")]:
        with pytest.raises((directives.DirectiveError, KeyError, IndexError), match=message):
            directives.experiment(page, *args)
    with pytest.raises(directives.DirectiveError, match="no setting 'width'; settings: x, sleep, log"):
        directives.experiment_setting(page, "probe", "width")
