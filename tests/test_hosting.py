"""Where the site is hosted: under a sub-path (a GitHub project page) and when built by ProperDocs.

- Sub-path: the site built for http://127.0.0.1/activations/ and served under /activations/ passes
  the core browser checks (images, KaTeX, console, requests, language switch) and its 404 page
  links stay inside /activations/.
- ProperDocs: `properdocs build --strict` of the same configuration gives the same site as MkDocs,
  byte for byte except the generator tag.
"""

from __future__ import annotations

import filecmp
import gzip
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import mkdocs_build, serve

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


@pytest.mark.browser
@pytest.mark.parametrize("rel", SUBPATH_PAGES)
def test_pages_work_under_a_sub_path(browser, subpath_url, rel):
    from test_browser import Visit, _check_language_switch, _raw_tex

    visit = Visit(browser, subpath_url + rel)
    page, problems = visit.page, []
    try:
        assert visit.response is not None and visit.response.status == 200, f"{rel}: HTTP {visit.response and visit.response.status}"
        page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
        page.wait_for_load_state("networkidle")
        broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
        problems += [f"image did not load: {src}" for src in broken]
        if rel.removeprefix("en/").startswith("functions/"):
            if not page.locator(".katex").count():
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
        switch = page.eval_on_selector_all("a.md-select__link[hreflang]", "as => as.map(a => a.href)")
        if len(switch) != 2:
            problems.append(f"language switch has {len(switch)} entries")
        problems += _check_language_switch(page, rel)
    finally:
        visit.close()
    assert not problems, f"{subpath_url + rel}:\n" + "\n".join(problems)


@pytest.mark.browser
def test_404_page_under_a_sub_path(browser, subpath_url):
    """http.server answers a missing path with its own page, so the site's 404.html is loaded directly
    (as GitHub Pages serves it for any missing URL, at any depth)."""
    from test_browser import Visit

    visit = Visit(browser, subpath_url + "404.html")
    page = visit.page
    try:
        assert visit.response is not None and visit.response.status == 200
        assert page.locator("h1", has_text="404").count() == 1
        assert not visit.console_errors, visit.console_errors
        assert not visit.failed, f"requests failed: {visit.failed}"
        assert not visit.foreign, f"requests left 127.0.0.1: {visit.foreign}"
        links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        assert not _outside_prefix(links), f"links outside {PREFIX}: {_outside_prefix(links)}"
        # both "home" links of the message lead to existing pages of the site
        for lang, expected in (("zh", PREFIX), ("en", PREFIX + "en/")):
            href = page.locator(f'article p[lang="{lang}"] a').get_attribute("href")
            target = page.evaluate("h => new URL(h, location.href).href", href)
            assert urlparse(target).path == expected, f"404 ({lang}) home link: {href}"
            assert page.request.get(target).status == 200, target
    finally:
        visit.close()


# --- ProperDocs -----------------------------------------------------------------------------------

def _normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":  # the gzip header names the output file, which differs between builds
        data = gzip.decompress(data)
    if path.suffix == ".html":
        data = GENERATOR.sub(b'<meta name="generator" content="">', data)
    return data


def test_properdocs_builds_the_same_site(site, tmp_path):
    other = _built(tmp_path / "site", tool="properdocs")
    ours = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"build.log"}
    theirs = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    assert ours == theirs, f"only mkdocs: {sorted(ours - theirs)[:20]}; only properdocs: {sorted(theirs - ours)[:20]}"
    differ = [rel for rel in sorted(ours)
              if not filecmp.cmp(site / rel, other / rel, shallow=False)
              and _normalised(site / rel) != _normalised(other / rel)]
    assert not differ, f"{len(differ)} files differ beyond the generator tag, e.g. {differ[:10]}"
