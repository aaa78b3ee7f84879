"""What a new reader hits (issue #14): addresses and citations, phones, facts, one language per page.

- a default build publishes no local address anywhere; a SITE_URL build cites the public address;
- figure citations carry CITATION.cff's authors, year and version, downloads have a file name, the
  embed snippet uses the file of the "SVG" download, the access date is filled in by the browser;
- at 390 px nothing wider than the screen is clipped without a scroll affordance, and figure text
  keeps a legible size;
- numbers behind the corrected facts are checked against independent computations;
- a Chinese page shows no English UI string and an English page no Chinese one; Chinese anchors are
  readable; the language switch keeps the section.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import yaml

import activations
from activations.core.analysis import CONSTANTS
from conftest import ROOT, mkdocs_build

PUBLIC = "https://example.org/handbook/"
LOCAL = re.compile(r"127\.0\.0\.1|localhost")
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".js", ".css", ".svg"}


def _text_files(site: Path):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and path.name != "build.log":
            yield path


# --- no local address; citations ---------------------------------------------------------------

def test_default_build_publishes_no_local_address(site):
    """Every text file of the site (pages, search index, our scripts and styles, figures). The theme's
    source maps (*.map, for debugging Material's bundle) quote "localhost" in a code comment of a
    library, not an address of this site, and are not among the files read here."""
    found = [f"{p.relative_to(site)}: {m.group(0)}" for p in _text_files(site)
             for m in [LOCAL.search(p.read_text(encoding="utf-8", errors="replace"))] if m]
    assert not found, found[:10]
    # without a public address a build has no canonical link and no sitemap (it needs absolute URLs)
    assert 'rel="canonical"' not in (site / "functions" / "sigmoid" / "index.html").read_text(encoding="utf-8")
    assert not (site / "sitemap.xml").exists()
    assert "没有设置公开网址（SITE_URL）" in (site / "functions" / "sigmoid" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("public") / "site"
    result = mkdocs_build(site_dir, env={"SITE_URL": PUBLIC})
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


def test_public_build_cites_the_public_address(public_site):
    page = (public_site / "en" / "functions" / "sigmoid" / "index.html").read_text(encoding="utf-8")
    assert f"{PUBLIC}figures/sigmoid/function.svg" in page  # plain text and BibTeX
    assert f'src="{PUBLIC}figures/sigmoid/function.print.svg"' in page.replace("&quot;", '"') or \
        f"{PUBLIC}figures/sigmoid/function.print.svg" in page  # the embed snippet
    assert f'<link rel="canonical" href="{PUBLIC}en/functions/sigmoid/">' in page
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PUBLIC}functions/sigmoid/</loc>" in sitemap
    assert not [p for p in _text_files(public_site) if LOCAL.search(p.read_text(encoding="utf-8", errors="replace"))]


def _cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


# --- browser checks ------------------------------------------------------------------------------

def _context(browser, width=1280, scheme="light"):
    return browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_citation_fields_downloads_and_embed(browser, site_url, lang):
    cff = _cff()
    ctx = _context(browser)
    try:
        page = ctx.new_page()
        page.goto(site_url + ("en/" if lang == "en" else "") + "functions/sigmoid/")
        cite = page.locator(".act-cite").first
        cite.locator("summary").click()
        texts = cite.locator("pre code").all_inner_texts()
        plain, bibtex, embed = texts
        today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]"
                              ".map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'); })()")
        for field in (cff["authors"][0]["name"], str(cff["date-released"])[:4], cff["version"], today):
            assert field in plain, (field, plain)
            assert field in bibtex, (field, bibtex)
        assert "YYYY-MM-DD" not in plain + bibtex  # the browser filled in the access date
        assert re.search(r"author = \{\{" + re.escape(cff["authors"][0]["name"]) + r"\}\}", bibtex)
        assert f"urldate = {{{today}}}" in bibtex and f"version = {{{cff['version']}}}" in bibtex
        # downloads download, with a file name that says what the file is
        links = page.locator(".act-figure figcaption a[download]").all()[:3]
        names = [a.get_attribute("download") for a in links]
        assert names == ["activations-sigmoid-function.svg", "activations-sigmoid-function.png",
                         "activations-sigmoid-function.pdf"], names
        svg_download = page.evaluate("a => new URL(a.href).pathname", links[0].element_handle())
        assert svg_download.endswith("/figures/sigmoid/function.print.svg")
        # the embed snippet embeds the file the "SVG" download gives
        assert embed.count("figures/sigmoid/function.print.svg") == 2, embed
        assert page.request.get(links[0].get_attribute("href") and
                                page.evaluate("a => a.href", links[0].element_handle())).status == 200
    finally:
        ctx.close()


#: a display formula, a wide table and figures: all must show that they scroll when wider than the screen
NARROW_PAGES = ["functions/softmax/", "functions/gelu/", "overview/", "accuracy/", "en/functions/softmax/",
                "en/overview/", "compare/", "en/compare/"]


@pytest.mark.browser
@pytest.mark.parametrize("rel", NARROW_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_nothing_clipped_without_a_scroll_affordance_at_390px(browser, site_url, rel, scheme):
    ctx = _context(browser, width=390, scheme=scheme)
    try:
        page = ctx.new_page()
        page.goto(site_url + rel)
        problems = page.evaluate(r"""() => {
            const bad = [];
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > width + 1) bad.push('the page itself scrolls sideways');
            for (const el of document.querySelectorAll('article *')) {
                // KaTeX's own boxes (and its visually hidden MathML) sit inside the display box checked here
                if (el.closest('.katex') || !el.getClientRects().length) continue;
                const s = getComputedStyle(el);
                if (el.scrollWidth <= el.clientWidth + 1 || s.overflowX === 'visible') continue;
                if (!['auto', 'scroll'].includes(s.overflowX)) bad.push('clipped: ' + el.className + ' ' + el.textContent.slice(0, 40));
                else if (!s.backgroundImage.includes('gradient')) bad.push('scrolls without a hint: ' + el.className);
            }
            return bad;
        }""")
        assert not problems, problems[:10]
        shots = ROOT / "test-results" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"390px.{rel.strip('/').replace('/', '_')}.{scheme}.png"), full_page=False)
    finally:
        ctx.close()


#: Figure text at 390 px: the smallest x tick label's glyph box must be at least this tall in CSS px.
#: Digits are about 0.7 em tall, so 9 px is a font of about 12.5 px: Material's own smallest UI text
#: (the figure captions, .78rem) is about 12.5 px on a phone. Before the phone layout it was about 6 px.
MIN_TICK_PX = 9.0


def _tick_label_px(page, img) -> float:
    """The height in CSS px of a tick label as shown: its height in the SVG's user units (matplotlib
    writes each tick label as a group with id text_N, glyphs as paths) times the display scale."""
    return page.evaluate("""async (img) => {
        const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc || img.src)).text(), 'image/svg+xml').documentElement;
        const host = document.createElement('div');
        host.style.cssText = 'position:absolute;left:-10000px;top:0';
        document.body.append(host);
        host.append(svg);
        const viewBox = svg.viewBox.baseVal;
        const heights = [...svg.querySelectorAll('[id^="xtick_"] [id^="text_"]')].map(g => g.getBBox().height).filter(h => h > 0);
        host.remove();
        const scale = img.getBoundingClientRect().width / viewBox.width;
        return Math.min(...heights) * scale;
    }""", img)


@pytest.mark.browser
@pytest.mark.parametrize("rel, index", [("functions/sigmoid/", 0), ("functions/elu/", 2), ("overview/", 0)])
def test_figure_text_is_legible_at_390px(browser, site_url, rel, index):
    sizes = {}
    for width in (390, 1280):
        ctx = _context(browser, width=width)
        try:
            page = ctx.new_page()
            page.goto(site_url + rel)
            img = page.locator(".act-figure img").nth(index).element_handle()
            sizes[width] = _tick_label_px(page, img)
        finally:
            ctx.close()
    print(f"{rel} figure {index}: tick label height {sizes[390]:.1f} px at 390 px, {sizes[1280]:.1f} px at 1280 px")
    assert sizes[390] >= MIN_TICK_PX, sizes


# --- facts -----------------------------------------------------------------------------------------

def test_tanh_sigmoid_derivative_crossing_matches_mpmath():
    import mpmath as mp

    with mp.workdps(40):
        root = mp.findroot(lambda x: (1 - mp.tanh(x) ** 2) - mp.exp(-x) / (1 + mp.exp(-x)) ** 2, 1.5)
    assert CONSTANTS["tanh_sigmoid_grad_crossing"] == pytest.approx(float(root), rel=1e-12)
    x = CONSTANTS["tanh_sigmoid_grad_crossing"]
    tanh_g, sig_g = activations.get("tanh").grad, activations.get("sigmoid").grad
    assert tanh_g(np.array([x - 0.01]))[0] > sig_g(np.array([x - 0.01]))[0]
    assert tanh_g(np.array([x + 0.01]))[0] < sig_g(np.array([x + 0.01]))[0]


def test_softmax_jacobian_bounds_scale_with_temperature_and_reach_minus_quarter_only_for_two_classes():
    softmax = activations.get("softmax")
    rng = np.random.default_rng(0)
    for temperature in (1.0, 2.0, 0.5):
        bound = 1 / (4 * temperature)
        two = softmax.grad(np.zeros(2), temperature=temperature)
        assert two.min() == pytest.approx(-bound) and two.max() == pytest.approx(bound)
        lowest = min(softmax.grad(rng.normal(0, 3, 3), temperature=temperature).min() for _ in range(2000))
        assert -bound < lowest, "with three classes an off-diagonal entry never reaches -1/(4T)"
        assert lowest < -0.9 * bound  # but it comes close


@pytest.mark.parametrize("key", ["softmax", "log_softmax", "softmin", "sparsemax", "gumbel_softmax", "entmax15",
                                 "softmax_one"])
def test_vector_monotonic_claim_is_the_jacobian_diagonal(key):
    """The table's meaning for vector-valued functions: each output non-decreasing in its own input."""
    entry = activations.get(key)
    rng = np.random.default_rng(1)
    diagonals = np.concatenate([np.diag(entry.grad(rng.normal(0, 2, 4), **entry.defaults)) for _ in range(500)])
    assert bool(np.all(diagonals >= 0)) == entry.properties.monotonic, (key, diagonals.min())


def test_gelu_page_constants_are_the_ones_the_code_uses():
    from activations.catalog import smooth_relu

    gelu = activations.get("gelu")
    x = np.linspace(-4, 4, 81)
    k = gelu.notes["sigmoid_k"]
    assert str(k) in gelu.notes["sigmoid_tex"] and str(gelu.notes["tanh_kappa"]) in gelu.notes["tanh_tex"]
    kappa = gelu.notes["tanh_kappa"]
    tanh_form = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + kappa * x ** 3)))
    # the library evaluates a cancellation-free form (x·σ(2u)); the textbook form agrees to rounding
    np.testing.assert_allclose(gelu.fn(x, approximate="tanh"), tanh_form, rtol=1e-10, atol=1e-300)
    assert k == smooth_relu.GELU_SIGMOID_K


def test_relu_small_gradient_region_includes_zero(site):
    html = (site / "en" / "functions" / "relu" / "index.html").read_text(encoding="utf-8")
    assert r"\iff x \le 0" in html
    assert "Numerical influence of ReLU" in html  # Bertoin et al. 2021, cited in the text


# --- one language per page -------------------------------------------------------------------------

#: English UI strings that the theme or our directives could leave on a Chinese page
ENGLISH_UI = ["Permanent link", "Made with", "Material for MkDocs", "Copy to clipboard", "Back to top",
              "Search", "Previous", "Next", "Table of contents", "Allowed", "a finite real number",
              "and finite", "an integer", "nonzero", "Cite this figure", "Download", "Plain text"]
#: CJK characters in UI places of an English page (the language selector "简体中文" excepted)
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def _mount_code_blocks(page) -> None:
    """Material mounts a code block (its copy button) when it first comes into view (mkdocs.yml:
    content.lazy): open every citation and bring every block into view, so that their buttons exist."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    blocks = page.locator("pre > code")
    for block in blocks.all():
        block.scroll_into_view_if_needed()
    page.wait_for_function("n => document.querySelectorAll('pre .md-code__button').length >= n", arg=blocks.count())


def _ui_text(page) -> list[str]:
    """Visible text, tooltips, labels and placeholders of the page, outside the article's formulas and code
    (code blocks mounted first, so their buttons' tooltips are read too)."""
    _mount_code_blocks(page)
    return page.evaluate(r"""() => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const n = walker.currentNode, p = n.parentElement;
            if (p.closest('script, style, .katex, pre, code, .md-select')) continue;
            if (n.textContent.trim()) out.push(n.textContent.trim());
        }
        for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
            if (el.closest('.md-select')) continue;
            for (const a of ['title', 'aria-label', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
        }
        return out;
    }""")


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["functions/elu/", "functions/sigmoid/", "overview/", "accuracy/", ""])
def test_chinese_page_has_no_english_ui_string(browser, site_url, rel):
    ctx = _context(browser)
    try:
        page = ctx.new_page()
        page.goto(site_url + rel)
        texts = _ui_text(page)
        found = sorted({s for t in texts for s in ENGLISH_UI if s in t})
        assert not found, found
        assert not page.locator("a.headerlink[title='Permanent link']").count()
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["en/functions/elu/", "en/functions/sigmoid/", "en/overview/", "en/accuracy/", "en/"])
def test_english_page_has_no_chinese_ui_string(browser, site_url, rel):
    ctx = _context(browser)
    try:
        page = ctx.new_page()
        page.goto(site_url + rel)
        found = [t for t in _ui_text(page) if CJK.search(t)]
        assert not found, found[:10]
    finally:
        ctx.close()


def test_chinese_headings_have_readable_anchors(site):
    html = (site / "functions" / "sigmoid" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h[23] id="([^"]+)"', html)
    assert ids and not [i for i in ids if re.fullmatch(r"_\d*", i)], ids
    assert any(re.search(r"[\u4e00-\u9fff]", i) for i in ids), ids


def test_twins_have_their_headings_in_the_same_order(site):
    """The language switch maps a section to the twin's heading of the same index: it needs equal counts."""
    differ = []
    for zh in site.rglob("index.html"):
        rel = zh.parent.relative_to(site).as_posix()
        if rel.startswith(("en", "search", "assets")):
            continue
        en = site / "en" / zh.relative_to(site)
        count = lambda p: len(re.findall(r"<h[23] id=", p.read_text(encoding="utf-8")))  # noqa: E731
        if en.exists() and count(zh) != count(en):
            differ.append(f"{rel}: {count(zh)} vs {count(en)}")
    assert not differ, differ


@pytest.mark.browser
@pytest.mark.parametrize("start, twin", [("functions/gelu/", "en/functions/gelu/"),
                                         ("en/functions/softmax/", "functions/softmax/")])
def test_language_switch_keeps_the_section(browser, site_url, start, twin):
    ctx = _context(browser)
    try:
        page = ctx.new_page()
        page.goto(site_url + start)
        headings = page.locator("article h2[id]")
        index = 3
        here = headings.nth(index)
        here.scroll_into_view_if_needed()
        page.evaluate("h => window.scrollTo(0, window.scrollY + h.getBoundingClientRect().top - 80)", here.element_handle())
        lang = "en" if twin.startswith("en/") else "zh"
        page.locator(f'a.md-select__link[hreflang="{lang}"]').dispatch_event("click")
        # Exact URLs: a glob such as "**/functions/softmax/" also matches the English start page.
        page.wait_for_url(lambda url: url.startswith(site_url + twin + "#"))
        target = page.locator("article h2[id]").nth(index).get_attribute("id")
        # the twin turns the section's index (#act-section-N) into its own heading's id, and shows it
        page.wait_for_function("id => decodeURIComponent(location.hash) === '#' + id", arg=target, timeout=10_000)
        top = page.locator("article h2[id]").nth(index).evaluate("h => h.getBoundingClientRect().top")
        assert 0 <= top < 200, top
        # and at the very top the switch leads to the twin's top
        page.goto(site_url + start)
        page.locator(f'a.md-select__link[hreflang="{lang}"]').dispatch_event("click")
        page.wait_for_url(site_url + twin)
        assert page.evaluate("location.hash") == ""
    finally:
        ctx.close()
