"""Search per language, loaded on first use, and the offline copy (file://) in a real browser.

- The build writes one index script per language (search/search_index.<lang>.js) and a stub JSON
  without documents; formulas in the index are plain text; function pages carry their names and
  aliases (registry data) for the search.
- A page loads no search index until the reader opens the search, then only its own language's.
- Queries in both languages find the expected page first and never a page of the other language.
- `make offline`'s build (USE_DIRECTORY_URLS=false) works from file://: navigation, a figure, the
  language switch and a search.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

import activations

VECTOR_PAGES = {f"functions/{e.key}/" for e in activations.REGISTRY.values() if e.kind == "vector"}


def _index(site: Path, lang: str) -> dict:
    script = (site / "search" / f"search_index.{lang}.js").read_text(encoding="utf-8")
    prefix = "self.__searchIndex = "
    assert script.startswith(prefix), script[:80]
    return json.loads(script[len(prefix):].rstrip().rstrip(";"))


# --- the files the build writes ------------------------------------------------------------------

def test_one_index_per_language_and_a_stub(site):
    zh, en = _index(site, "zh"), _index(site, "en")
    assert zh["docs"] and all(not d["location"].startswith("en/") for d in zh["docs"])
    assert en["docs"] and all(d["location"].startswith("en/") for d in en["docs"])
    assert len(zh["docs"]) == len(en["docs"])  # the twins index the same sections
    assert zh["config"]["lang"] == ["zh", "en"] and en["config"]["lang"] == ["en"]
    stub = json.loads((site / "search" / "search_index.json").read_text())
    assert stub["docs"] == [] and stub["config"]["separator"] == zh["config"]["separator"]
    assert not (site / "search" / "search_index.js").exists()  # only the offline copy needs it


def test_function_pages_carry_their_names_and_aliases(site):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        docs = {d["location"]: d for d in _index(site, lang)["docs"]}
        for entry in activations.REGISTRY.values():
            tags = docs[f"{prefix}functions/{entry.key}/"]["tags"]
            assert {entry.name.zh, entry.name.en, *entry.aliases} <= set(tags), (lang, entry.key, tags)
    assert "logistic" in activations.REGISTRY["sigmoid"].aliases
    assert "Swish" in activations.REGISTRY["silu"].aliases


def test_aliases_must_be_strings():
    from dataclasses import replace

    with pytest.raises(TypeError, match="aliases"):
        replace(activations.REGISTRY["relu"], aliases="rectifier")
    with pytest.raises(TypeError, match="aliases"):
        replace(activations.REGISTRY["relu"], aliases=("rectifier", ""))


def test_search_previews_show_no_tex(site):
    """The index is built before formulas are rendered; the build turns its TeX into plain text."""
    for lang in ("zh", "en"):
        docs = _index(site, lang)["docs"]
        raw = [d["location"] for d in docs if "\\(" in d["text"] or "\\[" in d["text"] or "\\frac" in d["text"]]
        assert not raw, f"TeX in the {lang} search index: {raw[:5]}"
    sigmoid = next(d for d in _index(site, "en")["docs"] if d["location"] == "en/functions/sigmoid/#definition")
    assert "σ(x) = 1/(1 + e^(-x))" in sigmoid["text"]


# --- in the browser ------------------------------------------------------------------------------

def _search(page, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the result pages' paths (one per page, in order)."""
    page.keyboard.press("/")  # Material's keyboard shortcut: search without a mouse
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.fill(query)
    box.press("End")  # Material listens to keyup
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__item') && document.querySelector('input.md-search__input').value === q",
        arg=query, timeout=20_000)
    page.wait_for_timeout(200)  # the result list of the last keystroke
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => a.href)")
    pages = []
    for href in hrefs:
        path = urlparse(href).path
        if path not in pages:
            pages.append(path)
    return pages


def _count(page) -> int:
    """The number of matching documents the result list announces."""
    return int(re.search(r"\d+", page.inner_text(".md-search-result__meta")).group())


def _relative(paths: list[str], root: str) -> list[str]:
    base = urlparse(root).path
    return [p[len(base):] if p.startswith(base) else p for p in paths]


#: (language of the page searched from, query, the pages one of which must come first)
QUERIES = [
    ("zh", "梯度消失", {"functions/sigmoid/"}),
    ("zh", "雅可比", VECTOR_PAGES),
    ("zh", "雅可比矩阵", VECTOR_PAGES),
    ("zh", "逻辑函数", {"functions/sigmoid/"}),
    ("zh", "整流", {"functions/relu/"}),
    ("zh", "双曲正切", {"functions/tanh/"}),
    ("zh", "Swish", {"functions/silu/"}),
    ("zh", "tanh", {"functions/tanh/"}),
    ("zh", "GELU", {"functions/gelu/"}),
    ("en", "vanishing gradient", {"en/functions/sigmoid/"}),
    ("en", "Jacobian", {"en/" + p for p in VECTOR_PAGES}),
    ("en", "logistic", {"en/functions/sigmoid/"}),
    ("en", "Swish", {"en/functions/silu/"}),
    ("en", "sigmoid", {"en/functions/sigmoid/"}),
    ("en", "hyperbolic tangent", {"en/functions/tanh/"}),
    ("en", "rectifier", {"en/functions/relu/"}),
    ("en", "双曲正切", {"en/functions/tanh/"}),  # a function's Chinese name finds it on the English site
]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One browser context per language (the index loads once per page, as for a reader)."""
    contexts, pages = [], {}

    def open_page(lang: str):
        if lang not in pages:
            context = browser.new_context()
            contexts.append(context)
            page = context.new_page()
            page.goto(site_url + ("en/" if lang == "en" else ""), wait_until="load")
            pages[lang] = page
        return pages[lang]

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, first", QUERIES, ids=[f"{q[0]}-{q[1]}" for q in QUERIES])
def test_search_ranks_the_expected_page_first(search_page, site_url, lang, query, first):
    page = search_page(lang)
    results = _relative(_search(page, query), site_url)
    assert results, f"{query}: no result"
    assert results[0] in first, f"{query}: first result {results[0]}, expected one of {sorted(first)}; all: {results[:8]}"
    other = [r for r in results if r.startswith("en/") != (lang == "en")]
    assert not other, f"{query} on the {lang} site found pages of the other language: {other[:5]}"


@pytest.mark.browser
def test_multi_word_chinese_query_puts_the_whole_phrase_first(search_page, site_url):
    """梯度消失 is not 梯度 alone: the pages with the section on vanishing gradients lead."""
    page = search_page("zh")
    results = _relative(_search(page, "梯度消失"), site_url)
    assert results[:2] == ["functions/sigmoid/", "functions/tanh/"], results[:8]
    phrase_hits = _count(page)
    _search(page, "梯度")
    assert phrase_hits < _count(page), "梯度消失 should not match every page that says 梯度"
    spaced = _relative(_search(page, "梯度 消失"), site_url)
    assert spaced[:2] == ["functions/sigmoid/", "functions/tanh/"], spaced[:8]


@pytest.mark.browser
def test_index_loads_on_first_use_and_only_the_page_language(browser, site_url):
    for lang, own, other in (("zh", "search_index.zh.js", "search_index.en.js"),
                             ("en", "search_index.en.js", "search_index.zh.js")):
        context = browser.new_context()
        try:
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(urlparse(r.url).path))
            page.goto(site_url + ("en/functions/relu/" if lang == "en" else "functions/relu/"), wait_until="networkidle")
            page.wait_for_timeout(500)
            at_load = [r for r in requests if "search_index" in r]
            assert at_load == ["/search/search_index.json"], at_load  # the stub only (a few hundred bytes)
            _search(page, "relu")
            fetched = [r.rsplit("/", 1)[-1] for r in requests if "search_index." in r]
            assert own in fetched and other not in fetched, fetched
        finally:
            context.close()


# --- the offline copy ----------------------------------------------------------------------------

def test_offline_copy_has_pages_as_files_and_the_search_script(offline_site):
    assert (offline_site / "functions" / "sigmoid.html").exists()
    assert (offline_site / "en" / "functions" / "sigmoid.html").exists()
    assert (offline_site / "search" / "search_index.js").read_text().startswith("var __index = ")
    for html_file in offline_site.rglob("*.html"):
        if html_file.name == "404.html":  # a web server's page: never shown from the file system
            continue
        text = html_file.read_text()
        # every internal link names a file: a folder link opens a directory listing from file://
        for href in re.findall(r'<a [^>]*href="([^"#:]+/)(?:#[^"]*)?"', text):
            pytest.fail(f"{html_file.relative_to(offline_site)} links to a folder: {href}")


@pytest.mark.browser
def test_offline_copy_works_from_the_file_system(browser, offline_site):
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto((offline_site / "index.html").as_uri(), wait_until="load")

        # navigation: the sidebar link to a function page
        page.locator("nav.md-nav--primary a[href$='functions/sigmoid.html']").first.click()
        page.wait_for_url("**/functions/sigmoid.html")
        figure = page.locator("figure.act-figure img").first
        figure.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle(), timeout=10_000)
        assert page.locator(".katex").count() > 0
        katex_fonts = page.evaluate("""async () => { await document.fonts.ready;
            return [...document.fonts].filter(f => f.family.includes('KaTeX') && f.status === 'loaded').length }""")
        assert katex_fonts > 0, "KaTeX's fonts did not load from file://"
        download = page.locator("figure.act-figure a[href$='.png']").first.get_attribute("href")
        assert (Path(page.url.removeprefix("file://")).parent / download).resolve().exists(), download

        # the language switch leads to the twin page, as a file
        page.locator('a.md-select__link[hreflang="en"]').first.focus()  # the switch opens on hover/focus
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/functions/sigmoid.html*")
        assert page.locator("html").get_attribute("lang") == "en"
        # the section was kept without fetching the twin (a fetch is refused from file://)
        page.wait_for_function("location.hash.length > 1 && !location.hash.startsWith('#act-section-')",
                               timeout=10_000)

        # search from file://: the worker runs in an iframe, the index comes as a script
        results = _search(page, "Jacobian")
        assert results and all("/en/functions/" in r and r.endswith(".html") for r in results[:3]), results[:5]
        page.goto("file://" + results[0])
        assert page.locator("html").get_attribute("lang") == "en"
        assert not errors, "\n".join(errors)
    finally:
        context.close()
