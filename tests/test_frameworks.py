"""The framework measurement (activations/frameworks/measured.json) against the registry.

Fast and offline: it reads the committed JSON and installs nothing (``scripts/frameworks.py`` measures).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from activations import REGISTRY
from activations.frameworks import store, tables
from activations.frameworks.calls import FRAMEWORKS, calls_of, parse_api
from activations.frameworks.notes import NOTES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

DATA = store.load()
WITH_CALLS = [k for k, e in REGISTRY.items() if calls_of(e)]


def _records(key: str):
    for fw, recs in DATA["entries"].get(key, {}).get("frameworks", {}).items():
        for rec in recs:
            yield fw, rec


def test_code_is_current():
    assert DATA.get("code_hash") == store.code_hash(), (
        "the probe, the comparison, the call data or a pins file changed since activations/frameworks/"
        "measured.json was written: run python scripts/frameworks.py")


@pytest.mark.parametrize("key", WITH_CALLS)
def test_entry_measured_and_current(key):
    rec = DATA["entries"].get(key)
    assert rec is not None, f"{key} has framework calls but no measurement: run python scripts/frameworks.py {key}"
    assert rec["inputs_hash"] == store.entry_hash(REGISTRY[key]), (
        f"{key}: its api strings, parameters, kinks or kernels changed since the measurement: "
        f"run python scripts/frameworks.py {key}")
    calls = calls_of(REGISTRY[key])
    assert set(rec["frameworks"]) == set(calls), f"{key}: measured {sorted(rec['frameworks'])}, calls {sorted(calls)}"
    for fw, parsed in calls.items():
        assert [r["call"] for r in rec["frameworks"][fw]] == [c.text for c in parsed], (key, fw)


@pytest.mark.parametrize("key", WITH_CALLS)
def test_published_defaults_match_the_framework(key):
    """Every keyword an Api string states is the framework's own default, as introspected."""
    for fw, rec in _records(key):
        if DATA["frameworks"].get(fw, {}).get("status") != "ok":
            continue  # the framework could not be measured: its error is recorded and shown
        assert "signature_error" not in rec or "no signature" in rec["signature_error"], (
            f"{key} {fw}: {rec['call']}: {rec.get('signature_error')}")
        (parsed,) = parse_api(rec["call"])
        defaults, required = rec.get("defaults", {}), rec.get("required", [])
        for name, value in parsed.keywords.items():
            assert name in defaults, f"{key} {fw}: {rec['call']} states {name}=, the signature has {defaults}"
            d = defaults[name]
            if isinstance(value, float) and isinstance(d, (int, float)) and not isinstance(d, bool):
                assert math.isclose(value, d, rel_tol=1e-12), f"{key} {fw}: {name}={value!r}, framework {d!r}"
            else:
                assert value == d, f"{key} {fw}: {name}={value!r}, framework default {d!r}"
        for name in parsed.positional[1:] if not parsed.layer else parsed.positional:
            assert name in required, f"{key} {fw}: {rec['call']} names {name} as required; required: {required}"
        for name in required:
            assert name in parsed.positional, f"{key} {fw}: {rec['call']} omits the required {name}"


@pytest.mark.parametrize("key", WITH_CALLS)
def test_failures_are_explained(key):
    """A call that disagrees with the registry at the registry's parameters has a note saying why."""
    for fw, rec in _records(key):
        if DATA["frameworks"].get(fw, {}).get("status") != "ok":
            assert DATA["frameworks"][fw].get("error"), f"{fw} failed without a recorded error"
            continue
        assert "error" not in rec, f"{key} {fw}: {rec['call']} could not be measured: {rec['error']}"
        reg = rec["variants"]["registry"]
        if "error" in reg:  # a published call that does not run here (e.g. no CPU kernel) needs a note
            assert (key, fw) in NOTES or (key, rec["path"]) in NOTES, (
                f"{key} {fw}: {rec['call']}: {reg['error']}; explain it in activations/frameworks/notes.py")
            continue
        if not reg["agree"]:
            assert (key, fw) in NOTES or (key, rec["path"]) in NOTES, (
                f"{key} {fw}: {rec['call']} differs from the registry (f {reg['grid']['f']['max_err']}, "
                f"f' {reg['grid']['grad']['max_err']}); explain it in activations/frameworks/notes.py")
        for name, v in rec["variants"].items():
            if name != "registry" and "error" in v:
                pytest.fail(f"{key} {fw}: {rec['call']} [{name}]: {v['error']}")


def test_notes_are_used():
    used = {(k, fw) for k in DATA["entries"] for fw, _ in _records(k)}
    used |= {(k, r["path"]) for k in DATA["entries"] for _, r in _records(k)}
    assert set(NOTES) <= used, f"notes for calls that are not measured: {sorted(set(NOTES) - used)}"


def test_frameworks_recorded():
    assert list(DATA["frameworks"]) == list(FRAMEWORKS)
    for fw, info in DATA["frameworks"].items():
        if info["status"] == "ok":
            assert info["versions"], fw
        else:
            assert info["error"], fw


@pytest.mark.parametrize("key", [k for k, e in REGISTRY.items() if e.kind == "elementwise"])
def test_kinks_declared(key):
    """A piecewise entry lists its kinks, and f′ really jumps (or f) at each of them."""
    e = REGISTRY[key]
    if e.properties.smoothness in ("C0", "discontinuous"):
        assert e.kinks, f"{key} is {e.properties.smoothness}: list its kinks (Activation.kinks)"
    for k in e.kinks:
        h = 1e-6
        x = np.array([k - h, k + h])
        f, g = e.fn(x, **e.defaults), e.grad(x, **e.defaults)
        jump = abs(g[1] - g[0]) > 1e-3 or abs(f[1] - f[0]) > 1e-3
        assert jump, f"{key}: neither f nor f' jumps at the declared kink {k}"


@pytest.mark.parametrize("key", list(REGISTRY))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_api_directive_lists_seven_frameworks(key, lang):
    from directives import L

    out = tables.api_table(key, lang, lambda n: L[n](lang))
    rows = out.splitlines()[2:]
    assert len(rows) == 7
    for row, fw in zip(rows, FRAMEWORKS.values()):
        assert row.startswith(f"| {fw.label.removesuffix(' 3')}"), row
    for fw, calls in calls_of(REGISTRY[key]).items():
        for c in calls:
            assert c.text.replace("|", "\\|") in out


def test_page_tables_render():
    from directives import L

    for lang in ("zh", "en"):
        label = lambda n: L[n](lang)  # noqa: E731
        assert tables.versions_table(lang, label).count("\n") == 1 + len(FRAMEWORKS)
        kinks = tables.kinks_table(lang, label, "")
        assert all(f"functions/{k}.md" in kinks for k, e in REGISTRY.items() if e.kinks)
        assert tables.defaults_table(lang, label, "").count("\n") >= 2
        tables.differences_table(lang, label, "")
        tables.specials_table(lang, label, "")


def test_parse_api():
    (c,) = parse_api("torch.nn.RReLU(lower=1/8, upper=1/3, inplace=False)")
    assert c.layer and c.path == "torch.nn.RReLU" and c.keywords == {"lower": 0.125, "upper": 1 / 3, "inplace": False}
    a, b = parse_api("keras.activations.leaky_relu(x, negative_slope=0.2); keras.layers.LeakyReLU(negative_slope=0.3)")
    assert not a.layer and a.positional == ("x",) and b.layer and b.keywords == {"negative_slope": 0.3}
    (c,) = parse_api("torch.nn.Sigmoid  # an old-style comment")
    assert c.layer and c.path == "torch.nn.Sigmoid" and not c.keywords
    a, b = parse_api("jax.nn.silu(x) / jax.nn.swish(x)")
    assert (a.path, b.path) == ("jax.nn.silu", "jax.nn.swish")
    with pytest.raises(ValueError):
        parse_api("torch.nn.functional.silu(a) * b")


def test_every_api_string_is_a_call():
    for e in REGISTRY.values():
        calls_of(e)  # raises naming the entry and framework
