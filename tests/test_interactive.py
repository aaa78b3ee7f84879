"""Interactive views (issue #11): the exported numbers are the library's, and the browser shows them.

Pure Python: the export (activations/interactive/export.py) holds each parameter's default exactly, its
digits give the library's value to the 4 digits a readout shows, its bytes are deterministic, and a
mistake is a clear error. In the real browser (docs/assets/explore.js with uPlot), both languages: the
readout at a given x is the library's value at the nearest grid x, a slider moved by keyboard changes
it to the library's value at that parameter, the compare page restores its state from the URL, the
keyboard alone works, no console error, no request leaves 127.0.0.1, the static figure stays.
"""

from __future__ import annotations

import json
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pytest

import activations
from activations.core.spec import Param, T
from activations.interactive import export as ex
from activations.interactive.export import ExportError

MINUS = "\u2212"
_SUP = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def fmt4(v: float | None) -> str:
    """The readout of docs/assets/explore.js (fmt): 4 significant digits of the exact double, ties away
    from zero (Number.prototype.toPrecision), fixed for 0.001 <= |v| < 10000, else a power of ten."""
    if v is None or not math.isfinite(v):
        return "—"
    if v == 0:
        return "0"
    d = Decimal(v)
    e = d.adjusted()
    q = d.quantize(Decimal(1).scaleb(e - 3), rounding=ROUND_HALF_UP)
    if q.adjusted() != e:  # rounded up into the next decade (9.9996 -> 10.00)
        e = q.adjusted()
        q = d.quantize(Decimal(1).scaleb(e - 3), rounding=ROUND_HALF_UP)
    if Decimal("1e-3") <= abs(q) < Decimal("1e4"):
        s = format(q, "f")
    else:
        s = f"{format(q.scaleb(-e), 'f')} × 10{str(e).translate(_SUP)}"
    return s.replace("-", MINUS)


def lib(key: str, x: float, grad: bool = False, **params: float) -> float:
    entry = activations.get(key)
    with np.errstate(all="ignore"):
        return float((entry.grad if grad else entry.fn)(np.array([x]), **{**entry.defaults, **params})[0])


# --- the export, pure Python ---------------------------------------------------------------------------

def test_fmt4_mirrors_to_precision():
    assert fmt4(0.5) == "0.5000"
    assert fmt4(-0.170041) == "−0.1700"
    assert fmt4(1.0625) == "1.063"  # a tie: away from zero, as toPrecision (Python's format gives 1.062)
    assert fmt4(9.99996) == "10.00"
    assert fmt4(12345.6) == "1.235 × 10⁴"
    assert fmt4(-1.23456e-7) == "−1.235 × 10⁻⁷"
    assert fmt4(float("nan")) == "—"


def test_every_parameter_grid_holds_its_default_and_stays_in_its_span():
    for entry in activations.REGISTRY.values():
        if entry.kind != "elementwise":
            continue
        for p in entry.params:
            values = ex.param_values(p, entry.key)
            assert p.default in values, (entry.key, p.name)
            assert 21 <= len(values) <= 42, (entry.key, p.name, len(values))
            assert values == sorted(values) and len(set(values)) == len(values)
            assert values[0] == p.span[0] and values[-1] == p.span[1]


def test_x_grid_dense_over_the_figure_and_four_times_as_wide():
    for key in ("sigmoid", "gelu", "elu", "sinc", "exponential"):
        entry = activations.get(key)
        x = ex.x_grid(entry)
        lo, hi = entry.xlim
        assert np.all(np.diff(x) > 0)
        assert lo in x and hi in x
        assert x[-1] - x[0] >= 3.9 * (hi - lo)
        inside = x[(x >= lo) & (x <= hi)]
        assert np.max(np.diff(inside)) <= 0.1 + 1e-12
    assert -0.75 in ex.x_grid(activations.get("gelu"))  # the "GELU′ at −0.75"


def test_views_sample_inside_the_domain_and_keep_the_figures_y_range():
    from activations.core.domain import in_domain

    for key in ex.exported_keys():
        entry = activations.get(key)
        assert in_domain(entry, ex.x_grid(entry)).all(), key
    entry = activations.get("log1mexp")  # defined for x >= 0, with a pole at 0
    data = json.loads(ex.export("log1mexp"))
    assert data["x"][0] == entry.xlim[0] == entry.domain.lo and data["ylim"] == list(entry.ylim)
    assert data["default"]["f"][0] is None and data["default"]["g"][0] is None  # -inf and +inf at 0
    assert json.loads(ex.export("sigmoid"))["ylim"] is None


@pytest.mark.parametrize("key", ex.exported_keys())  # every value of every view: ~570,000 in ~5 s
def test_exported_digits_give_the_library_value_to_four_digits(key):
    data = json.loads(ex.export(key))
    entry = activations.get(key)
    x = np.array(data["x"])
    assert np.array_equal(x, ex.x_grid(entry))  # the x values are written exactly

    def check(curve, params):
        for name, grad in (("f", False), ("g", True)):
            with np.errstate(all="ignore"):
                want = (entry.grad if grad else entry.fn)(x, **{**entry.defaults, **params})
            got = curve[name]
            assert len(got) == len(x)
            for xi, g, w in zip(x, got, want):
                if not math.isfinite(w):
                    assert g is None, (key, params, name, xi)
                else:
                    assert fmt4(g) == fmt4(float(w)), (key, params, name, xi, g, w)

    check(data["default"], {})
    for p in data["params"]:
        assert p["values"][p["default_index"]] == p["default"] and p["curves"][p["default_index"]] is None
        for v, curve in zip(p["values"], p["curves"]):
            if curve is not None:
                check(curve, {p["name"]: v})


def test_export_is_deterministic_and_null_for_non_finite():
    a, b = ex.export("soft_exponential"), ex.export("soft_exponential")
    assert a == b
    assert b"NaN" not in a and b"Infinity" not in a and b"null" in a  # α < 0: undefined left of 1/α − α
    json.loads(a)


def test_bad_input_is_a_clear_error():
    with pytest.raises(ExportError, match="softmax is vector-valued"):
        ex.view_data("softmax")
    with pytest.raises(ExportError, match="unknown"):
        ex.view_data("no_such_function")
    doc = T("", "")
    with pytest.raises(ExportError, match=r"elu: parameter 'alpha' has no span"):
        ex.param_values(Param("alpha", 1.0, r"\alpha", doc), "elu")
    with pytest.raises(ExportError, match=r"default 9.0 of parameter 'alpha' lies outside its span"):
        ex.param_values(Param("alpha", 9.0, r"\alpha", doc, span=(0.1, 3.0)), "elu")
    with pytest.raises(ExportError, match="not allowed"):
        ex.param_values(Param("alpha", 1.0, r"\alpha", doc, "> 0 and finite", lambda a: a > 0, span=(0.0, 3.0)), "elu")


def test_published_views_are_the_export(site):
    for key in ("sigmoid", "elu", "srelu"):
        assert (site / "interactive" / f"{key}.json").read_bytes() == ex.export(key)
    assert not (site / "interactive" / "softmax.json").exists()
    assert (site / "assets" / "uplot" / "uPlot.iife.min.js").exists()
    assert "interactive:" in (site / "build.log").read_text()


# --- in the browser --------------------------------------------------------------------------------------

pytest_browser = pytest.mark.browser


def _page(browser, site_url, width=1280, scheme="light"):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, accept_downloads=True)
    page = context.new_page()
    problems, outside = [], []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    host = urlparse(site_url).hostname
    page.on("request", lambda r: urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).hostname != host
            and outside.append(r.url))
    return context, page, problems, outside


def _open_view(page, site_url, rel):
    page.goto(site_url + rel, wait_until="load")
    # nothing of the view is fetched before the reader moves and comes near it
    view = page.locator(".act-explore")
    view.scroll_into_view_if_needed()
    page.mouse.wheel(0, 1)  # the reader scrolls (scroll_into_view may not have had to)
    page.wait_for_selector(".act-explore--ready .u-over", timeout=15000)
    return view


def _readout(page, scope=".act-explore") -> dict[str, str]:
    spans = page.locator(f"{scope} .act-readout [data-v]")
    return {spans.nth(i).get_attribute("data-v"): spans.nth(i).inner_text() for i in range(spans.count())}


def _x(text: str) -> float:
    return float(text.replace(MINUS, "-"))


@pytest_browser
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", ["sigmoid", "gelu", "elu"])
def test_readout_is_the_library_value(browser, site_url, lang, key):
    context, page, problems, outside = _page(browser, site_url)
    try:
        fetched = []
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(site_url + ("en/" if lang == "en" else "") + f"functions/{key}/", wait_until="load")
        page.wait_for_timeout(1000)  # a reader who has not moved yet: nothing of the view is fetched
        assert not any(s in u for u in fetched for s in ("uPlot", "explore-view", "interactive/")), \
            "loaded before the reader came near the view"
        view = _open_view(page, site_url, ("en/" if lang == "en" else "") + f"functions/{key}/")
        assert page.locator(".act-explore").count() == 1
        # keyboard: focus puts the cursor at x = 0, each ArrowLeft one grid step (0.05) to the left
        chart = view.locator(".act-chart")
        chart.focus()
        for _ in range(15):
            chart.press("ArrowLeft")
        r = _readout(page)
        assert r["x"] == "−0.75", r
        assert r["f"] == fmt4(lib(key, -0.75)) and r["g"] == fmt4(lib(key, -0.75, grad=True)), r
        label = view.locator(".act-readout").inner_text()
        assert ("x = −0.75 时" in label) if lang == "zh" else label.startswith("At x = −0.75:"), label
        assert view.locator(".act-readout").get_attribute("aria-live") == "polite"
        # hover: the value at the nearest grid x of wherever the pointer is
        box = page.locator(".act-explore .u-over").bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.71, box["y"] + box["height"] / 2)
        page.wait_for_timeout(100)
        r = _readout(page)
        x = _x(r["x"])
        assert x != -0.75 and round(x * 20) == x * 20, r  # a grid point
        assert r["f"] == fmt4(lib(key, x)) and r["g"] == fmt4(lib(key, x, grad=True)), r
        # toggles: the derivative alone
        view.locator("[data-show=g]").click()
        assert set(_readout(page)) == {"x", "g"}
        assert view.locator("[data-show=g]").get_attribute("aria-pressed") == "true"
        # the static figure is still there, with its downloads
        fig = page.locator(f"#fig-{key}-function")
        assert fig.locator(f"img[src$='figures/{key}/function.svg']").count() == 1
        for link in fig.locator("figcaption a[download]").all():
            assert page.request.get(urljoin(page.url, link.get_attribute("href"))).ok
    finally:
        context.close()
    assert not problems, problems
    assert not outside, outside


def urljoin(base, rel):
    from urllib.parse import urljoin as join

    return join(base, rel)


@pytest_browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_slider_moves_the_readout_to_the_library_value(browser, site_url, lang):
    context, page, problems, outside = _page(browser, site_url, width=390)
    try:
        view = _open_view(page, site_url, ("en/" if lang == "en" else "") + "functions/elu/")
        chart = view.locator(".act-chart")
        chart.focus()
        for _ in range(15):
            chart.press("ArrowLeft")  # x = -0.75
        slider = view.locator(".act-param input[type=range]")
        out = view.locator(".act-param output")
        mark = "（默认）" if lang == "zh" else " (default)"
        assert out.inner_text() == "1" + mark
        values = activations.interactive.param_values(activations.get("elu").params[0])
        i = values.index(1.0)
        slider.focus()
        slider.press("ArrowRight")
        assert out.inner_text() == "1.1" and slider.get_attribute("aria-valuetext") == "1.1"
        r = _readout(page)
        assert r["x"] == "−0.75"
        assert r["f"] == fmt4(lib("elu", -0.75, alpha=values[i + 1])) != fmt4(lib("elu", -0.75)), r
        assert r["g"] == fmt4(lib("elu", -0.75, grad=True, alpha=values[i + 1])), r
        for _ in range(8):
            slider.press("ArrowLeft")
        assert out.inner_text() == "0.3"
        assert _readout(page)["f"] == fmt4(lib("elu", -0.75, alpha=0.3))
        # the view fits a phone's width
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        width = page.locator(".act-explore .u-wrap").bounding_box()["width"]
        assert 300 <= width <= 390
        # reset: parameters back to their defaults
        view.locator(".act-reset").click()
        assert out.inner_text() == "1" + mark
    finally:
        context.close()
    assert not problems, problems
    assert not outside, outside


@pytest_browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_restores_its_state_from_the_url(browser, site_url, lang):
    context, page, problems, outside = _page(browser, site_url, scheme="dark")
    prefix = "en/" if lang == "en" else ""
    try:
        page.goto(site_url + prefix + "compare/?f=gelu,silu,elu&show=g&x=-0.75&elu.alpha=0.3", wait_until="load")
        page.wait_for_selector(".act-compare--ready .u-over", timeout=15000)
        page.wait_for_selector(".act-compare .act-values tr")
        checked = page.evaluate("[...document.querySelectorAll('.act-list input:checked')].map(b => b.value)")
        assert checked == ["elu", "gelu", "silu"], checked  # in the list's (registry) order
        assert page.locator(".act-compare [data-show=g]").get_attribute("aria-pressed") == "true"
        assert page.locator(".act-compare .act-params [data-key=elu] output").inner_text() == "0.3"
        rows = page.locator(".act-values tr")
        assert [rows.nth(i).get_attribute("data-key") for i in range(rows.count())] == ["gelu", "silu", "elu"]
        assert page.locator(".act-compare .act-readout [data-v=x]").inner_text() == "−0.75"
        want = {"gelu": fmt4(lib("gelu", -0.75, grad=True)), "silu": fmt4(lib("silu", -0.75, grad=True)),
                "elu": fmt4(lib("elu", -0.75, grad=True, alpha=0.3))}
        got = {k: page.locator(f".act-values tr[data-key={k}] [data-v=g]").inner_text() for k in want}
        assert got == want
        # keyboard only: search, choose Mish, move the cursor; the URL follows
        page.locator(".act-search").focus()
        page.keyboard.type("mish")
        page.keyboard.press("Tab")  # the first family button
        assert page.evaluate("document.activeElement.dataset.family") is not None
        for _ in range(12):  # past the family buttons to the one checkbox the search left
            if page.evaluate("document.activeElement.type === 'checkbox' && document.activeElement.value") == "mish":
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        page.wait_for_selector(".act-values tr[data-key=mish]")
        assert page.locator(".act-values tr[data-key=mish] [data-v=g]").inner_text() == fmt4(lib("mish", -0.75, grad=True))
        page.locator(".act-compare .act-chart").focus()
        page.keyboard.press("ArrowRight")
        assert page.locator(".act-compare .act-readout [data-v=x]").inner_text() == "−0.7"
        page.wait_for_function("location.search.includes('mish') && location.search.includes('x=-0.7')")
        query = page.evaluate("location.search")
        assert "f=gelu,silu,elu,mish" in query and "elu.alpha=0.3" in query and "show=g" in query, query
        # export: an SVG and a PNG drawn in the browser
        with page.expect_download() as svg:
            page.locator(".act-svg").click()
        text = Path(svg.value.path()).read_text()
        assert text.startswith("<svg") and text.count("<path") == 4 and "Mish" in text
        with page.expect_download() as png:
            page.locator(".act-png").click()
        assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        context.close()
    assert not problems, problems
    assert not outside, outside


@pytest_browser
def test_family_shortcut_and_a_reload_reproduce_the_view(browser, site_url):
    context, page, problems, outside = _page(browser, site_url)
    try:
        page.goto(site_url + "en/compare/", wait_until="load")
        page.wait_for_selector(".act-compare--ready .u-over", timeout=15000)
        page.locator(".act-families [data-family=shrinkage]").click()
        page.wait_for_function("location.search.includes('f=hardshrink,softshrink,tanhshrink')")
        page.locator(".act-compare .act-chart").focus()  # the cursor starts at x = 0
        page.keyboard.press("ArrowRight")
        page.wait_for_selector(".act-values tr[data-key=hardshrink]")
        assert page.locator(".act-compare .act-readout [data-v=x]").inner_text() == "0.05"
        page.wait_for_function("location.search.includes('x=0.05')")
        before = page.locator(".act-compare .act-readout").inner_text()
        page.reload(wait_until="load")
        page.wait_for_selector(".act-values tr[data-key=hardshrink]")
        assert page.locator(".act-compare .act-readout").inner_text() == before
    finally:
        context.close()
    assert not problems, problems
    assert not outside, outside


@pytest_browser
def test_views_work_from_the_file_system(browser, offline_site):
    # browsers refuse to fetch JSON from file://: the offline copy carries each view as a script too
    assert (offline_site / "interactive" / "elu.js").read_bytes().endswith(
        (offline_site / "interactive" / "elu.json").read_bytes().rstrip() + b";\n")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto((offline_site / "en" / "functions" / "elu.html").as_uri(), wait_until="load")
        # the button starts the view (dispatched: a real click would scroll first, which starts it too)
        page.locator(".act-explore__start").dispatch_event("click")
        page.wait_for_selector(".act-explore--ready .u-over", timeout=15000)
        chart = page.locator(".act-explore .act-chart")
        chart.focus()
        chart.press("ArrowRight")
        r = _readout(page)
        assert r["x"] == "0.05" and r["f"] == fmt4(lib("elu", 0.05)), r
        page.goto((offline_site / "compare.html").as_uri() + "?f=relu,sinc&x=1", wait_until="load")
        page.wait_for_selector(".act-values tr[data-key=sinc]", timeout=15000)
        assert page.locator(".act-values tr[data-key=sinc] [data-v=f]").inner_text() == fmt4(lib("sinc", 1.0))
    finally:
        context.close()
    assert not problems, problems
