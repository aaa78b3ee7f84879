"""Where the site is hosted: under a sub-path (a GitHub project page) and when built by ProperDocs.

- Sub-path: the site built for http://127.0.0.1/activations/ and served under /activations/ passes
  the core browser checks (images, KaTeX, console, requests, language switch) and its 404 page
  links stay inside /activations/.
- ProperDocs: `properdocs build --strict` of the same configuration gives the same site as MkDocs,
  byte for byte except the generator tag.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import mkdocs_build, serve
# The page checks are those of test_browser, run on the site served at a sub-path.
from test_browser import Visit, _check_language_switch, _raw_tex

PREFIX = "/activations/"
SUBPATH_PAGES = ["", "functions/sigmoid/", "en/functions/sigmoid/"]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _built(site_dir: Path, **kwargs) -> Path:
    result = mkdocs_build(site_dir, **kwargs)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


# --- sub-path -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory):
    site_dir = _built(tmp_path_factory.mktemp("subpath") / "site", env={"SITE_URL": f"http://127.0.0.1{PREFIX}"})
    url, server = serve(site_dir, prefix=PREFIX)
    yield url
    server.shutdown()
    server.server_close()


def _outside_prefix(urls: list[str]) -> list[str]:
    """Local URLs whose path leaves the sub-path (a link or request that assumed the site is at /)."""
    return [u for u in urls if urlparse(u).hostname == "127.0.0.1" and not urlparse(u).path.startswith(PREFIX)]


def _check_page(browser, url: str, rel: str) -> list[str]:
    visit = Visit(browser, url + rel)
    page, problems = visit.page, []
    try:
        if visit.response is None or visit.response.status != 200:
            return [f"HTTP {visit.response and visit.response.status}"]
        page.wait_for_load_state("networkidle")
        broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
        problems += [f"image did not load: {src}" for src in broken]
        if rel.removeprefix("en/").startswith("functions/") and not page.locator(".katex").count():
            problems.append("no rendered formula")
        if page.locator(".katex-error").count():
            problems.append("KaTeX error")
        problems += [f"raw TeX or directive: {t!r}" for t in _raw_tex(page)]
        problems += [f"console error: {e}" for e in visit.console_errors]
        problems += [f"request left 127.0.0.1: {u}" for u in visit.foreign]
        problems += [f"request failed: {u}" for u in visit.failed]
        requested = page.evaluate("[location.href, ...performance.getEntriesByType('resource').map(e => e.name)]")
        problems += [f"request outside {PREFIX}: {u}" for u in _outside_prefix(requested)]
        links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        problems += [f"link outside {PREFIX}: {u}" for u in _outside_prefix(links)]
        if page.locator("a.md-select__link[hreflang]").count() != 2:
            problems.append("the language switch does not offer both languages")
        problems += _check_language_switch(page, rel)
    finally:
        visit.close()
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("rel", SUBPATH_PAGES)
def test_pages_work_under_a_sub_path(browser, subpath_url, rel):
    problems = _check_page(browser, subpath_url, rel)
    assert not problems, f"{subpath_url + rel}:\n" + "\n".join(problems)


def _check_404(browser, url: str) -> list[str]:
    visit = Visit(browser, url + "404.html")
    page = visit.page
    try:
        if visit.response is None or visit.response.status != 200:
            return [f"HTTP {visit.response and visit.response.status}"]
        problems = [] if page.locator("h1", has_text="404").count() == 1 else ["no 404 heading"]
        problems += [f"console error: {e}" for e in visit.console_errors]
        problems += [f"request failed: {u}" for u in visit.failed]
        problems += [f"request left 127.0.0.1: {u}" for u in visit.foreign]
        links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        problems += [f"link outside {PREFIX}: {u}" for u in _outside_prefix(links)]
        # the message's two "home" links lead to the home pages of the site, on this very server
        for lang, expected in (("zh", PREFIX), ("en", PREFIX + "en/")):
            target = page.locator(f'article p[lang="{lang}"] a').evaluate("a => a.href")
            if not target.startswith(url) or urlparse(target).path != expected:
                problems.append(f"home link ({lang}) is {target}, not {expected} on this server")
            elif page.request.get(target).status != 200:
                problems.append(f"home link ({lang}) {target} does not load")
        return problems
    finally:
        visit.close()


@pytest.mark.browser
def test_404_page_under_a_sub_path(browser, subpath_url):
    """http.server answers a missing path with a page of its own, so the site's 404.html is loaded
    directly (GitHub Pages serves it for every missing URL, at any depth)."""
    problems = _check_404(browser, subpath_url)
    assert not problems, "\n".join(problems)


# --- ProperDocs -----------------------------------------------------------------------------------

def _normalised(path: Path) -> bytes:
    """The file with its generator tag blanked: the only place where the two tools may differ."""
    data = path.read_bytes()
    return GENERATOR.sub(b'<meta name="generator" content="">', data) if path.suffix == ".html" else data


def test_properdocs_builds_the_same_site(site, tmp_path):
    other = _built(tmp_path / "site", tool="properdocs")
    ours = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"build.log"}
    theirs = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    assert ours == theirs, f"only mkdocs: {sorted(ours - theirs)[:20]}; only properdocs: {sorted(theirs - ours)[:20]}"
    differ = [rel for rel in sorted(ours)
              if not filecmp.cmp(site / rel, other / rel, shallow=False)
              and _normalised(site / rel) != _normalised(other / rel)]
    assert not differ, f"{len(differ)} files differ beyond the generator tag, e.g. {differ[:10]}"
