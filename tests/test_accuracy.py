"""The published accuracy (``activations/accuracy/accuracy.json``): fresh, complete, on target or explained,
and reproducible; plus the rounding and ULP arithmetic it rests on."""

from __future__ import annotations

import math

import numpy as np
import pytest

from activations import REGISTRY
from activations.accuracy import table as accuracy_table
from activations.accuracy import ulp as accuracy
from activations.accuracy.notes import EXPLANATIONS

mp = pytest.importorskip("mpmath")
pytest.importorskip("scipy")

RERUN = "run `python scripts/accuracy.py` and commit activations/accuracy/accuracy.json"


@pytest.fixture(scope="module")
def data() -> dict:
    if not accuracy.DATA_PATH.exists():
        pytest.fail(f"{accuracy.DATA_PATH} is missing: {RERUN}")
    return accuracy.load()


# --- the committed measurement ---------------------------------------------------------------------


def test_measurement_is_not_stale(data):
    assert data["inputs_hash"] == accuracy.inputs_hash(), (
        "activations/accuracy/accuracy.json is stale: a file of activations/catalog or activations/mpmath_reference, "
        f"activations/core/arrays.py, activations/accuracy/ulp.py or the NumPy/SciPy/mpmath version changed; {RERUN}"
    )


def test_every_entry_is_measured(data):
    missing = [k for k in REGISTRY if k not in data["entries"]]
    extra = [k for k in data["entries"] if k not in REGISTRY]
    assert not missing and not extra, (
        f"measured entries differ from the registry (missing {missing}, extra {extra}); {RERUN}")
    for key, e in data["entries"].items():
        for d in accuracy.DTYPES:
            for part in ("fn", "grad"):
                assert e[d][part]["points"] > 0, f"{key} {part} {d}: nothing was measured"


def test_pass_flags_follow_from_the_numbers(data):
    for key, e in data["entries"].items():
        for part in ("fn", "grad"):
            assert e["target"][part] == accuracy.target(key, part), f"{key}: target changed; {RERUN}"
            ok = all(e[d][part]["max_ulp"] is not None and e[d][part]["max_ulp"] <= e["target"][part]
                     and not e[d][part]["nonfinite"] for d in accuracy.DTYPES)
            assert e["pass"][part] == ok, f"{key} {part}: inconsistent pass flag"


@pytest.mark.parametrize("key", list(REGISTRY))
def test_target_met_or_explained(data, key):
    e = data["entries"].get(key)
    if e is None:
        pytest.fail(f"{key} is not measured; {RERUN}")
    misses = [f"{part} {d}: {e[d][part]['max_ulp']} ulp (target {e['target'][part]}) at x = {e[d][part]['x']!r}"
              + (f" [{e[d][part]['nonfinite']}]" if e[d][part]["nonfinite"] else "")
              for part in ("fn", "grad") if not e["pass"][part] for d in accuracy.DTYPES
              if e[d][part]["max_ulp"] is None or e[d][part]["max_ulp"] > e["target"][part] or e[d][part]["nonfinite"]]
    if misses:
        assert key in EXPLANATIONS, (
            f"{key} misses its accuracy target ({'; '.join(misses)}): fix the implementation, or explain the "
            "miss in activations/accuracy/notes.py (EXPLANATIONS)")
    else:
        assert key not in EXPLANATIONS, (
            f"{key} now meets its accuracy target: remove its stale note from activations/accuracy/notes.py")


def test_explanations_name_registry_entries():
    unknown = sorted(set(EXPLANATIONS) - set(REGISTRY))
    assert not unknown, f"notes for unknown entries in activations/accuracy/notes.py: {unknown}"
    for key, note in EXPLANATIONS.items():
        assert note.zh.strip() and note.en.strip(), f"{key}: the note needs both languages"


SPOT = ["sigmoid", "gelu", "softmax"]


@pytest.mark.parametrize("key", [k for k in SPOT if k in REGISTRY])
def test_spot_check_agrees_with_the_recorded_numbers(data, key):
    """Re-measure on a sample of the same inputs (no error above the recorded maximum), and exactly at
    the recorded worst inputs (the same error: the measurement is reproducible)."""
    entry = REGISTRY[key]
    recorded = data["entries"][key]["float64"]
    if entry.kind == "vector":
        rows = accuracy.vector_rows("float64")
        sample = accuracy.measure(entry, "float64", rows=rows[::6], with_baselines=False)
    else:
        xs = accuracy.grid(entry, "float64")
        sample = accuracy.measure(entry, "float64", xs=xs[:: max(1, len(xs) // 400)], with_baselines=False)
    for part in ("fn", "grad"):
        want = recorded[part]["max_ulp"]
        got = sample[part]["max_ulp"]
        if want is None:  # NaN somewhere: the sample may or may not hit it
            continue
        assert got is not None and got <= want, f"{key} {part}: {got} ulp on a sample, {want} recorded"
        where = recorded[part]["x"]
        if isinstance(where, dict):
            again = accuracy.measure(entry, "float64", rows=[(where["row_label"], np.array(where["row"]))],
                                     with_baselines=False)
        else:
            again = accuracy.measure(entry, "float64", xs=[where], with_baselines=False)
        assert again[part]["max_ulp"] == want, f"{key} {part} at the recorded worst input {where!r}"


def test_table_renders_every_entry(data):
    for lang in ("zh", "en"):
        table = accuracy_table.table_markdown(lang, root="../")
        for key in REGISTRY:
            assert f"](../functions/{key}.md)" in table
        assert table.count("\n|") >= len(REGISTRY) + 1
        for key, e in data["entries"].items():
            if not all(e["pass"].values()) and key in EXPLANATIONS:
                assert EXPLANATIONS[key](lang) in table
    assert "函数" in accuracy_table.table_markdown("zh") and "Function" in accuracy_table.table_markdown("en")


# --- rounding and the ULP measure ------------------------------------------------------------------


def test_round_to_float64_matches_mpmath_conversion():
    rng = np.random.default_rng(0)
    with mp.workprec(200):
        for _ in range(2000):  # normal range (mpmath's float() rounds subnormals twice)
            v = mp.mpf(rng.uniform(-1, 1)) * mp.mpf(2) ** int(rng.integers(-1020, 1023)) * (1 + mp.mpf(2) ** -70)
            assert accuracy.round_to(v, "float64") == float(v)


@pytest.mark.parametrize("dtype", accuracy.DTYPES)
def test_round_to_is_nearest_in_the_subnormal_range(dtype):
    info = np.finfo(np.dtype(dtype))
    rng = np.random.default_rng(1)
    with mp.workprec(200):
        for _ in range(500):
            v = mp.mpf(float(info.smallest_normal)) * mp.mpf(rng.uniform(-1, 1)) * (1 + mp.mpf(2) ** -80)
            r = np.dtype(dtype).type(accuracy.round_to(v, dtype))
            err = abs(mp.mpf(float(r)) - v)
            for n in (np.nextafter(r, r.dtype.type(-1)), np.nextafter(r, r.dtype.type(1))):
                assert abs(mp.mpf(float(n)) - v) > err


def test_round_to_float32_rounds_once():
    with mp.workprec(200):
        one, two = mp.mpf(1), mp.mpf(2)
        # 1 + 2**-24 + 2**-60 is just above the midpoint 1 + 2**-24: rounds up in one step, while via
        # float64 it would first become the midpoint and then round to even (down)
        v = one + two**-24 + two**-60
        assert float(np.float32(float(v))) == 1.0
        assert accuracy.round_to(v, "float32") == 1 + 2**-23
        assert accuracy.round_to(one + two**-24, "float32") == 1.0  # a tie: to even
        assert accuracy.round_to(two**-150, "float32") == 0.0  # half the smallest subnormal: to even
        assert accuracy.round_to(3 * two**-151, "float32") == 2**-149
        assert accuracy.round_to(two**128 * (1 - two**-25), "float32") == math.inf  # the overflow midpoint
        assert accuracy.round_to(two**128 * (1 - two**-25) - 1, "float32") == float(np.finfo(np.float32).max)
        assert accuracy.round_to(-(two**-1075) * 3, "float64") == -1e-323


def test_ulp_distance_counts_floats():
    f64 = np.finfo(np.float64)
    below_one = np.nextafter(1.0, 0)
    got = [1.0, below_one, -0.0, 5e-324, -5e-324, np.inf, np.nextafter(1.0, 2), np.nan]
    want = [1.0, 1.0, 0.0, 0.0, 5e-324, f64.max, below_one, 1.0]
    d = accuracy.ulp_distance(got, want, "float64")
    assert list(d[:7]) == [0, 1, 0, 1, 2, 1, 2] and np.isnan(d[7])
    assert accuracy.ulp_distance(np.float32(1), np.float32(-1), "float32")[()] == 2 * 0x3F800000


def test_grid_covers_the_dangerous_places():
    entry = REGISTRY["hard_sigmoid"] if "hard_sigmoid" in REGISTRY else next(iter(REGISTRY.values()))
    for d, big, tiny in (("float64", 1e308, 5e-324), ("float32", 3e38, 1e-45)):
        xs = accuracy.grid(entry, d)
        assert xs.dtype == np.dtype(d) and np.all(np.isfinite(xs)) and np.all(np.diff(xs) >= 0)
        assert np.any(xs >= big) and np.any(xs <= -big)
        assert np.dtype(d).type(tiny) in xs and -np.dtype(d).type(tiny) in xs
        zeros = xs[xs == 0]
        assert sorted(np.signbit(zeros)) == [False, True]  # both -0.0 and 0.0
        if entry.key == "hard_sigmoid":
            w = np.dtype(d).type(entry.defaults["half_width"])
            assert w in xs and np.nextafter(w, np.dtype(d).type(0)) in xs and np.nextafter(w, np.dtype(d).type(9)) in xs


def test_switch_points_and_targets_name_registry_entries():
    for table in (accuracy.SWITCH_POINTS, accuracy.NOT_CLOSED_FORM):
        unknown = sorted(set(table) - set(REGISTRY))
        assert not unknown, f"activations/accuracy.py names unknown entries: {unknown}"
    for key in accuracy.SWITCH_POINTS:
        points = accuracy.switch_points(REGISTRY[key])
        assert all(math.isfinite(p) for p in points), key
    for key, parts in accuracy.NOT_CLOSED_FORM.items():
        assert set(parts) <= {"fn", "grad"}, key


# --- the constants of the kernels ------------------------------------------------------------------


def _dd(value) -> tuple[float, float]:
    """An mpf as a correctly rounded double-double (hi, lo)."""
    hi = float(value)
    return hi, float(value - mp.mpf(hi))


def test_kernel_constants_agree_with_mpmath():
    """The roots, double-doubles and tables the kernels carry are what their comments say, recomputed."""
    from activations.catalog import other
    from activations.catalog import smooth_relu as sr
    from activations.mpmath_reference.smooth_relu import selu_constants

    with mp.workdps(60):
        alpha, lam = selu_constants()
        assert sr.SELU_SCALE_ALPHA == float(alpha * lam)
        t0 = -1 - mp.lambertw(1 / mp.e).real
        assert sr._SILU_ROOT == _dd(t0) and sr._SILU_ROOT_EXP == float(mp.exp(t0))
        x0 = mp.findroot(lambda x: mp.tanh(mp.log1p(mp.exp(x))) + x / (1 + mp.exp(-x))
                         * mp.sech(mp.log1p(mp.exp(x))) ** 2, mp.mpf("-1.19"))
        assert sr._MISH_ROOT == _dd(x0)
        xdd = mp.mpf(sr._MISH_ROOT[0]) + sr._MISH_ROOT[1]
        z0 = mp.exp(xdd)
        assert sr._MISH_Z0 == _dd(z0) and sr._MISH_Z0_PLUS_4 == _dd(z0 + 4)
        assert sr._MISH_K == _dd(z0**2 + 4 * z0 + 6 + 4 * xdd)
        a0 = -mp.findroot(lambda x: mp.ncdf(x) + x * mp.npdf(x), mp.mpf("-0.75"))
        assert sr._GELU_ROOT == _dd(a0) and sr._NCDF_C == _dd(1 / mp.sqrt(2 * mp.pi))
        for j, pair in enumerate(sr._NCDF_Q):
            a = mp.mpf(sr._GELU_ROOT[0]) + sr._GELU_ROOT[1] if j == 6 else mp.mpf(j) / sr._NCDF_STEP
            assert pair == _dd(mp.ncdf(-a) * mp.exp(a * a / 2)), j
        for k, pair in enumerate(other._SINC_GRAD_ROOTS, 1):
            assert pair == _dd(mp.findroot(lambda x: mp.sin(x) - x * mp.cos(x), pair[0])), k
            if k >= 8:  # the series reproduces the table where they overlap
                assert other._sinc_root_series(k) == pair, k
        for k in (33, 34, 100, 318, 10**4, 10**9):
            q = (k + mp.mpf(1) / 2) * mp.pi
            assert other._sinc_root_series(k) == _dd(mp.findroot(lambda x: mp.tan(x) - x, q - 1 / q)), k


def test_self_gated_and_periodic_constants_agree_with_mpmath():
    """The roots, Taylor coefficients and double-doubles of activations/catalog/self_gated.py and periodic.py."""
    from activations.catalog import periodic as per
    from activations.catalog import self_gated as sg
    from activations.mpmath_reference import self_gated as ref

    with mp.workdps(80):
        for name, grad in (("TANH_EXP", ref.tanh_exp_grad), ("LOGISH", ref.logish_grad), ("SERF", ref.serf_grad)):
            root = getattr(sg, f"_{name}_ROOT")
            assert root == _dd(mp.findroot(grad, mp.mpf(root[0]))), name
            c = mp.taylor(grad, mp.mpf(root[0]) + root[1], 6)
            assert getattr(sg, f"_{name}_C1") == _dd(c[1]), name
            assert getattr(sg, f"_{name}_COEFS")[:5] == tuple(float(v) for v in c[2:7]), name
        gcu_grad = lambda x: mp.cos(x) - x * mp.sin(x)  # noqa: E731
        assert per._GCU_ROOT == _dd(mp.findroot(gcu_grad, mp.mpf("0.86")))
        c = mp.taylor(gcu_grad, mp.mpf(per._GCU_ROOT[0]) + per._GCU_ROOT[1], 6)
        assert per._GCU_C1 == _dd(c[1]) and per._GCU_COEFS[:5] == tuple(float(v) for v in c[2:7])
        assert abs(sum(mp.mpf(v) for v in per._PI_PARTS) - mp.pi) < mp.mpf(2) ** -160
        assert sg._LAPLACE_MU_DD == _dd(mp.sqrt(mp.mpf(1) / 2)) and sg._LAPLACE_INV_SIGMA_DD == _dd(2 * mp.sqrt(mp.pi))
        assert sg._LECUN_GRAD_C == _dd(mp.mpf("1.7159") * 8 / 3)
        assert sg._TWO_OVER_SQRT_PI_DD == _dd(2 / mp.sqrt(mp.pi))
