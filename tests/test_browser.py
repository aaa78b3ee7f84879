"""A real browser over every built page, both languages: Debian's chromium driven by Playwright.

Checks what a reader sees: images load, formulas are KaTeX (no raw TeX), no console errors, no request
leaves 127.0.0.1, the language switch leads to the twin page, search finds pages in both languages, the
figures follow the dark palette, and search and the language switch work from the keyboard.
Screenshots of every page in both palettes are saved under test-results/screenshots/ for review.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-results" / "screenshots"


def page_urls(site: Path) -> list[str]:
    urls = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith("search") or rel.startswith("assets"):
            continue
        urls.append("" if rel == "." else rel + "/")
    return urls


class Visit:
    """A page load, in a fresh browser context, with everything the checks need recorded.

    ``load`` loads another page in the same tab and records it afresh (test_every_page_in_both_languages
    walks every page so: a new context and tab per page cost about as much as loading the page)."""

    def __init__(self, browser, url: str, scheme: str = "default"):
        # With no palette stored, Material picks the palette whose media query matches the system's.
        self.loads = 0  # pages loaded in this tab
        self.issued_by: dict = {}  # request in flight -> the load during which the page issued it
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           color_scheme="dark" if scheme == "slate" else "light")
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("request", self._request)
        self.page.on("requestfailed", self._request_failed)
        self.page.on("requestfinished", lambda r: self.issued_by.pop(r, None))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        self.load(url)

    def load(self, url: str) -> None:
        self.loads += 1
        self.console_errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.response = self.page.goto(url, wait_until="load")
        # figures are lazy-loaded: bring every one into view, then wait until all have arrived
        self.page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
        self.page.wait_for_function("[...document.images].every(i => i.complete)", timeout=15_000)

    def _request(self, request):
        self.issued_by[request] = self.loads
        if request.url.startswith(("data:", "blob:")):
            return
        if urlparse(request.url).hostname != "127.0.0.1":
            self.foreign.append(request.url)

    def _request_failed(self, request):
        # the previous page's requests still in flight are cancelled by loading the next one in this
        # tab: not a failure of either page (a request of the page being checked still counts)
        if self.issued_by.pop(request, self.loads) < self.loads and request.failure == "net::ERR_ABORTED":
            return
        self.failed.append(request.url)

    def close(self):
        self.context.close()


#: pages photographed in both palettes on every run (all pages with SCREENSHOTS=all)
REPRESENTATIVE = {"", "overview/", "compare/", "functions/sigmoid/", "functions/softmax/", "functions/gelu/"}


def _raw_tex(page) -> list[str]:
    return page.evaluate(r"""() => {
        const walker = document.createTreeWalker(document.querySelector('article') || document.body, NodeFilter.SHOW_TEXT);
        const bad = [];
        while (walker.nextNode()) {
            const n = walker.currentNode;
            if (n.parentElement.closest('code, pre, .katex, script, style')) continue;
            if (/\\\(|\\\[|\\frac|\\sigma|\\operatorname|\{\{/.test(n.textContent)) bad.push(n.textContent.slice(0, 60));
        }
        return bad;
    }""")


def test_every_page_in_both_languages(browser, site, site_url):
    """Every page loaded in one tab, one after another, with the light palette throughout (a stored
    palette is the one the media query picked, as in a fresh context); the representative pages are
    photographed in that tab and, for the dark palette, each in a fresh dark context."""
    problems: list[str] = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    every_shot = os.environ.get("SCREENSHOTS") == "all"
    tab = None
    try:
        for rel in page_urls(site):
            name = rel.strip("/").replace("/", "_") or "index"
            photograph = every_shot or rel.removeprefix("en/") in REPRESENTATIVE
            if tab is None:
                tab = Visit(browser, site_url + rel)
            else:
                tab.load(site_url + rel)
            page = tab.page
            if tab.response is None or tab.response.status != 200:
                problems.append(f"{rel}: HTTP {tab.response and tab.response.status}")
            broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
            problems += [f"{rel}: image did not load: {src}" for src in broken]
            problems += [f"{rel}: raw TeX or directive on the page: {t!r}" for t in _raw_tex(page)]
            if page.locator(".katex-error").count():
                problems.append(f"{rel}: KaTeX error")
            if not page.locator(".katex").count() and rel.removeprefix("en/").startswith("functions/"):
                problems.append(f"{rel}: a function page without rendered formulas")
            # the twin checked against the files this server serves (test_hosting's pages and
            # test_language_switch_by_keyboard follow the switch over HTTP)
            problems += _check_language_switch(page, rel, served=(site_url, site))
            if photograph:
                page.screenshot(path=str(SHOTS / f"{name}.light.png"), full_page=True)
            # read after the page's last use, so that nothing it logged or requested goes unchecked
            problems += [f"{rel}: console error: {e}" for e in tab.console_errors]
            problems += [f"{rel}: request left 127.0.0.1: {u}" for u in tab.foreign]
            problems += [f"{rel}: request failed: {u}" for u in tab.failed]
            if photograph:
                dark = Visit(browser, site_url + rel, scheme="slate")
                try:
                    dark.page.screenshot(path=str(SHOTS / f"{name}.dark.png"), full_page=True)
                    problems += [f"{rel} (dark): console error: {e}" for e in dark.console_errors]
                finally:
                    dark.close()
    finally:
        if tab is not None:
            tab.close()
    assert not problems, "\n".join(problems)


def _check_language_switch(page, rel: str, served: tuple[str, Path] | None = None) -> list[str]:
    """Each entry of the language switch points at this page in the other language, and exists: a
    request for it answers 200, or, given ``served=(url, folder)`` (the server at ``url`` serves the
    files of ``folder``), the file the server would answer with exists."""
    problems = []
    for link in page.locator("a.md-select__link[hreflang]").all():
        lang = link.get_attribute("hreflang")
        target = page.evaluate("h => new URL(h, location.href).href", link.get_attribute("href"))
        if served is None:
            status = page.request.get(target).status
        else:
            status = 200 if _served_file(target, *served) else 404
        if status != 200:
            problems.append(f"{rel}: language switch to {lang} -> {target} is {status}")
        twin = rel.removeprefix("en/")
        expected = twin if lang == "zh" else "en/" + twin
        if not target.endswith("/" + expected):
            problems.append(f"{rel}: language switch to {lang} leads to {target}, not .../{expected}")
    return problems


def _served_file(target: str, url: str, folder: Path) -> bool:
    """Whether http.server, serving ``folder`` at ``url``, answers ``target`` with a file (for a folder
    URL, its index.html), that is with 200."""
    address = target.split("#")[0].split("?")[0]
    if not address.startswith(url):
        return False
    path = folder / unquote(address[len(url):])
    if path.is_dir():
        return address.endswith("/") and (path / "index.html").is_file()
    return path.is_file()


@pytest.mark.parametrize("query, lang, expected", [
    ("梯度消失", "zh", "functions/sigmoid/"),
    ("vanishing", "en", "en/functions/sigmoid/"),
    ("雅可比矩阵", "zh", "functions/softmax/"),
    ("Jacobian", "en", "en/functions/softmax/"),
])
def test_search_finds_pages(browser, site_url, query, lang, expected):
    visit = Visit(browser, site_url + ("en/" if lang == "en" else ""))
    try:
        page = visit.page
        page.keyboard.press("/")  # Material's keyboard shortcut: search without a mouse
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        box.fill(query)
        box.press("End")  # Material listens to keyup
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
        assert any(urlparse(h).path.endswith("/" + expected) for h in hrefs), f"{query}: {hrefs}"
        assert not visit.console_errors
    finally:
        visit.close()


def test_language_switch_by_keyboard(browser, site_url):
    visit = Visit(browser, site_url + "functions/tanh/")
    try:
        page = visit.page
        link = page.locator('a.md-select__link[hreflang="en"]')
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/functions/tanh/")
        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        visit.close()


def test_figures_follow_the_dark_palette(browser, site_url):
    shots = {}
    for scheme in ("default", "slate"):
        visit = Visit(browser, site_url + "functions/sigmoid/", scheme=scheme)
        try:
            figure = visit.page.locator("figure.act-figure img").first
            figure.scroll_into_view_if_needed()
            visit.page.wait_for_load_state("networkidle")
            shots[scheme] = figure.screenshot()
        finally:
            visit.close()
    from io import BytesIO

    from PIL import Image

    import numpy as np

    light = np.asarray(Image.open(BytesIO(shots["default"])).convert("L"))
    dark = np.asarray(Image.open(BytesIO(shots["slate"])).convert("L"))
    # axis labels and ticks are dark on the light page and light on the dark one
    assert (light < 60).sum() > 200, "the light figure should have dark text"
    assert (dark > 200).sum() > 200, "the dark figure should have light text"
    assert np.median(dark) < 100 < np.median(light), "the figure background should follow the page"
