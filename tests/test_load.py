"""What the pages' load-time measures rely on (issue #13; numbers: scripts/lighthouse.py, never a clock).

- Material's palette restyles nothing on load (overrides/main.html): no style recalculation of the
  whole document once the page is parsed, counted in a Chromium trace; and the reader's palette switch
  still works, colour-scheme meta included.
- Tables off screen are skipped until needed (`content-visibility: auto`, docs/assets/site.css) and
  still render when scrolled to; no layout shift on load.
- Each page preloads exactly the KaTeX fonts its formulas use (scripts/katex.py reads them off KaTeX's
  stylesheet), so no font arrives late and none is fetched for nothing.
- Formulas are still KaTeX HTML for the eye plus MathML for screen readers; figures below the first
  are lazy.
- Content tables come in Material's scroll wrapper from the build (scripts/tables.py): Material's script
  moves none on load, and they are styled exactly as Material styles its own.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

# functions/elu/: a function page whose interactive view has a parameter slider; compare/: the compare page
PAGES = ["", "functions/sigmoid/", "functions/gelu/", "functions/elu/", "overview/", "en/functions/softmax/",
         "en/overview/", "compare/", "en/compare/"]


def _new_page(browser, scheme="light", width=390, height=844):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    return context, context.new_page()


def _full_recalcs_after_parse(browser, url: str, tmp_path) -> tuple[int, int, list[int]]:
    """(recalcs of >= 90 % of the elements, element count, every recalc's element count) of one load."""
    context, page = _new_page(browser)
    trace = tmp_path / "trace.json"
    try:
        browser.start_tracing(page=page, path=str(trace), categories=["devtools.timeline"])
        page.goto(url, wait_until="load")
        page.wait_for_timeout(500)
        browser.stop_tracing()
        elements = page.evaluate("document.getElementsByTagName('*').length")
    finally:
        context.close()
    events = json.loads(trace.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    counts = [e["args"]["elementCount"] for e in events
              if e.get("name") == "UpdateLayoutTree" and "elementCount" in e.get("args", {})]
    return sum(c >= 0.9 * elements for c in counts), elements, counts


@pytest.mark.parametrize("rel", ["overview/", "functions/gelu/"])
def test_loading_restyles_the_whole_page_at_most_once(browser, site_url, tmp_path, rel):
    # Material's bundle restyled every element 4-5 times here (palette, root classes, moved tables);
    # the one allowed is the bundle's first read of the layout, if the parser left the rest unstyled.
    full, elements, counts = _full_recalcs_after_parse(browser, site_url + rel, tmp_path)
    assert elements > 1000, f"{rel}: the page should be a large one ({elements} elements)"
    assert full <= 1, f"{rel}: {full} style recalculations of the whole page ({elements} elements): {counts}"


@pytest.mark.parametrize("start", ["light", "dark"])
def test_palette_switch_still_works(browser, site_url, start):
    context, page = _new_page(browser, scheme=start, width=1280, height=900)
    try:
        page.goto(site_url + "functions/sigmoid/", wait_until="load")
        state = """() => ({
            scheme: document.body.getAttribute('data-md-color-scheme'),
            metas: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
            header: getComputedStyle(document.querySelector('header')).colorScheme,
            switching: document.body.hasAttribute('data-md-color-switching')})"""
        before = page.evaluate(state)
        assert before["scheme"] == ("default" if start == "light" else "slate")
        assert before["metas"] == [before["header"]], before
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
        after = page.evaluate(state)
        assert after["scheme"] != before["scheme"], after
        # one colour-scheme meta in the document, in step with the palette as Material computes it
        assert after["metas"] == [after["header"]], after
        assert after["metas"] != before["metas"], (before, after)
        page.reload(wait_until="load")
        assert page.evaluate(state)["scheme"] == after["scheme"], "the chosen palette should be remembered"
    finally:
        context.close()


@pytest.mark.parametrize("rel", PAGES)
def test_no_layout_shift_and_tables_render_when_reached(browser, site_url, rel):
    context, page = _new_page(browser)
    try:
        page.add_init_script("""window.__shifts = [];
            new PerformanceObserver(l => l.getEntries().forEach(e => e.hadRecentInput || __shifts.push(e.value)))
              .observe({type: 'layout-shift', buffered: true});""")
        page.goto(site_url + rel, wait_until="load")
        page.wait_for_timeout(300)
        shifts = page.evaluate("window.__shifts")
        assert sum(shifts) < 0.01, f"{rel}: layout shift on load {shifts}"
        wraps = page.locator(".act-table")
        for i in range(wraps.count()):
            wrap = wraps.nth(i)
            # skipped off screen: by itself, or with the page section it is in (scripts/hooks.py)
            assert wrap.evaluate("w => getComputedStyle(w.closest('.act-section') || w).contentVisibility") == "auto"
            wrap.scroll_into_view_if_needed()
            # rendered: the table's real height, and its cells laid out (a skipped one has no boxes)
            # (the browser renders a skipped block in the frame after it comes near the viewport)
            rendered = wrap.evaluate("""async w => {
                for (let frame = 0; frame < 3; frame++) await new Promise(r => requestAnimationFrame(r));
                const t = w.querySelector('.md-typeset__scrollwrap > .md-typeset__table > table'),
                      last = t.rows[t.rows.length - 1];
                const scroll = t.parentElement.parentElement, m = getComputedStyle(scroll);
                return {table: scroll.offsetHeight + parseFloat(m.marginTop) + parseFloat(m.marginBottom),
                        wrap: w.getBoundingClientRect().height,
                        lastRowBoxes: last.getClientRects().length, hidden: !w.checkVisibility()}; }""")
            assert (rendered["hidden"] or rendered["table"] > 0 and rendered["lastRowBoxes"] > 0
                    and abs(rendered["wrap"] - rendered["table"]) < 2), f"{rel}: table {i + 1} {rendered}"
    finally:
        context.close()


@pytest.mark.parametrize("rel", ["functions/softmax/", "en/functions/gelu/", "overview/"])
def test_formulas_keep_html_and_mathml_and_figures_below_the_first_are_lazy(browser, site_url, rel):
    context, page = _new_page(browser)
    try:
        page.goto(site_url + rel, wait_until="load")
        formulas = page.evaluate("""[...document.querySelectorAll('.katex')].map(k => ({
            mathml: !!k.querySelector(':scope > .katex-mathml > math semantics annotation[encoding="application/x-tex"]'),
            html: !!k.querySelector(':scope > .katex-html[aria-hidden=true]')}))""")
        assert formulas and all(f["mathml"] and f["html"] for f in formulas), f"{rel}: {formulas[:3]}"
        loading = page.evaluate("[...document.querySelectorAll('figure.act-figure img')].map(i => i.loading)")
        if loading:
            assert loading[0] == "eager" and set(loading[1:]) <= {"lazy"}, f"{rel}: {loading}"
    finally:
        context.close()


@pytest.mark.parametrize("rel", ["", "functions/sigmoid/", "functions/gelu/", "en/functions/softmax/",
                                 "functions/sparsemax/", "overview/", "en/accuracy/"])
def test_pages_preload_exactly_the_katex_fonts_they_use(browser, site_url, rel):
    context, page = _new_page(browser, width=1280, height=900)
    fetched = set()
    page.on("request", lambda r: "/katex/fonts/" in r.url and fetched.add(r.url.rsplit("/", 1)[1]))
    try:
        page.goto(site_url + rel, wait_until="load")
        # every formula on screen, so each font a formula needs is asked for
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.evaluate("document.querySelectorAll('.act-table').forEach(w => w.style.contentVisibility = 'visible')")
        page.evaluate("document.fonts.ready")
        page.wait_for_load_state("networkidle")
        preloaded = set(page.evaluate("""[...document.querySelectorAll('link[rel=preload][as=font]')]
            .map(l => l.href.split('/').pop())"""))
    finally:
        context.close()
    assert fetched == preloaded, f"{rel}: fetched {sorted(fetched)}, preloaded {sorted(preloaded)}"
    if rel.removeprefix("en/").startswith("functions/"):
        assert {"KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"} <= preloaded


#: computed style a content table and its cells must share with a table Material styles itself (not the
#: background: docs/assets/site.css draws the scroll shadows there, on purpose)
_TABLE_STYLE = ["display", "fontSize", "borderTopWidth", "borderTopColor", "borderRadius", "maxWidth",
                "overflowX", "marginTop"]
_CELL_STYLE = ["paddingTop", "paddingLeft", "verticalAlign", "textAlign", "borderTopWidth", "borderTopColor",
               "fontWeight", "minWidth"]


@pytest.mark.parametrize("rel", ["overview/", "en/accuracy/", "functions/sigmoid/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tables_come_wrapped_so_material_moves_none_and_look_as_material_styles_them(browser, site_url, rel, scheme):
    context, page = _new_page(browser, scheme=scheme)
    try:
        # every table taken out of the document before the page has loaded (Material's mountDataTable
        # takes each class-less table out and puts it back in its scroll wrapper)
        page.add_init_script("""window.__tablesMoved = 0;
            new MutationObserver(records => records.forEach(r => r.removedNodes.forEach(n => {
                if (n.nodeName === 'TABLE') window.__tablesMoved++; })))
              .observe(document, {childList: true, subtree: true});""")
        page.goto(site_url + rel, wait_until="load")
        page.wait_for_timeout(300)
        result = page.evaluate("""([tableStyle, cellStyle]) => {
            const tables = [...document.querySelectorAll('article table')];
            const wrapped = tables.filter(t => t.className === 'act-data'
                && t.parentElement.matches('.md-typeset__table')
                && t.parentElement.parentElement.matches('.act-table > .md-typeset__scrollwrap')
                && !t.parentElement.parentElement.parentElement.closest('.md-typeset__table')).length;
            // a table as Markdown writes it, styled by Material's own rules (its script has run)
            const theirs = document.createElement('table');
            theirs.innerHTML = '<thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody>';
            document.querySelector('article').append(theirs);
            const ours = tables[0];
            const differ = [];
            const pick = (el, names) => { const cs = getComputedStyle(el); return names.map(n => cs[n]); };
            const compare = (a, b, names, what) => {
                const x = pick(a, names), y = pick(b, names);
                names.forEach((n, i) => { if (x[i] !== y[i]) differ.push(`${what} ${n}: ${x[i]} vs Material's ${y[i]}`); });
            };
            compare(ours, theirs, tableStyle, 'table');
            compare(ours.querySelector('tbody td'), theirs.querySelector('tbody td'), cellStyle, 'td');
            compare(ours.querySelector('th'), theirs.querySelector('th'), cellStyle, 'th');
            return {tables: tables.length, wrapped, moved: window.__tablesMoved, differ};
        }""", [_TABLE_STYLE, _CELL_STYLE])
    finally:
        context.close()
    assert result["tables"] > 0, f"{rel}: no table found"
    assert result["wrapped"] == result["tables"], f"{rel}: tables not in exactly one wrapper from the build: {result}"
    assert result["moved"] == 0, f"{rel}: {result['moved']} tables moved in the document on load"
    assert not result["differ"], f"{rel} ({scheme}): styled unlike Material's tables: {result['differ']}"
