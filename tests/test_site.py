"""The built site: pages in both languages, figures present, navigation complete, mistakes caught."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

import activations
from activations.figures.inventory import all_figures
from activations.core.spec import FAMILIES

from conftest import ROOT, mkdocs_build

DOCS = ROOT / "docs"
ZH_PAGES = sorted(p.relative_to(DOCS) for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md"))


def built_path(site: Path, page: Path, lang: str) -> Path:
    stem = page.with_suffix("")  # "functions/sigmoid" or "index"
    folder = stem.parent if stem.name == "index" else stem
    return (site / "en" if lang == "en" else site) / folder / "index.html"


def test_every_page_has_its_twin_in_the_other_language():
    for page in DOCS.rglob("*.md"):
        twin = page.with_name(page.name.replace(".en.md", ".md")) if page.name.endswith(".en.md") \
            else page.with_name(page.name[:-3] + ".en.md")
        assert twin.exists(), f"{page.relative_to(ROOT)} has no twin {twin.relative_to(ROOT)}"


def test_every_activation_has_a_page_in_both_languages():
    for key in activations.REGISTRY:
        for name in (f"{key}.md", f"{key}.en.md"):
            assert (DOCS / "functions" / name).exists(), f"docs/functions/{name} is missing"


def test_navigation_has_a_section_per_family_with_its_translation():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from hooks import EXPERIMENTS_SECTION

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    sections = [title for entry in config["nav"] for title, items in entry.items() if isinstance(items, list)]
    assert sections == [FAMILIES[f].zh for f in FAMILIES] + [EXPERIMENTS_SECTION], \
        "nav sections must be the families, in order, then the experiments"
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    translations = next(lang for lang in i18n["languages"] if lang["locale"] == "en")["nav_translations"]
    for family in FAMILIES.values():
        assert translations.get(family.zh) == family.en, f"nav_translations for {family.zh!r}"
    assert translations.get(EXPERIMENTS_SECTION) == "Experiments"


def test_built_navigation_lists_every_function(site):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        html = (site / prefix / "index.html").read_text()
        for key, entry in activations.REGISTRY.items():
            assert f'href="{"" if lang == "zh" else ""}functions/{key}/"' in html, f"{key} missing from the {lang} nav"
            assert entry.name(lang) in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_is_built(site, lang):
    for page in ZH_PAGES:
        path = built_path(site, page, lang)
        assert path.exists(), f"{page} ({lang}) was not built at {path.relative_to(site)}"
        html = path.read_text()
        assert f'<html lang="{"zh" if lang == "zh" else "en"}"' in html


def test_figures_exist_once_and_are_not_duplicated_under_en(site):
    for fig in all_figures():
        for suffix in (".svg", ".print.svg", ".png", ".pdf"):
            assert (site / "figures" / f"{fig.id}{suffix}").exists(), f"figures/{fig.id}{suffix}"
    assert not (site / "en" / "figures").exists()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "href"):
            if a.get(name) and tag in ("img", "a", "link", "script"):
                self.urls.append(a[name])


def test_every_local_link_and_image_resolves(site):
    """Offline link check over the built site, both languages (figures, downloads, pages, assets)."""
    problems = []
    for html_file in site.rglob("*.html"):
        parser = _Links()
        parser.feed(html_file.read_text())
        base = "http://site/" + html_file.relative_to(site).as_posix()
        for url in parser.urls:
            target = urlparse(urljoin(base, url))
            if target.netloc != "site":
                continue
            path = site / unquote(target.path).lstrip("/")
            if path.is_dir() or not path.suffix:
                path = path / "index.html"
            if not path.exists():
                problems.append(f"{html_file.relative_to(site)} -> {url}")
    assert not problems, "broken links:\n" + "\n".join(problems[:30])


def test_no_third_party_urls_in_pages(site):
    allowed = re.compile(r"https?://(127\.0\.0\.1|localhost)")
    for html_file in site.rglob("*.html"):
        for match in re.finditer(r'(?:src|href)="(https?://[^"]+)"', html_file.read_text()):
            url = match.group(1)
            # plain links a reader may follow (papers, licences) are fine; nothing may be *loaded* from them
            tag_start = html_file.read_text().rfind("<", 0, match.start())
            tag = html_file.read_text()[tag_start:match.start()]
            if tag.startswith("<a ") or allowed.match(url):
                continue
            pytest.fail(f"{html_file.relative_to(site)} loads {url}")


def test_pages_show_no_unexpanded_directive_or_raw_math(site):
    for html_file in site.rglob("*.html"):
        text = html_file.read_text()
        body = re.sub(r"<(code|pre|script)[^>]*>.*?</\1>", "", text, flags=re.S)
        assert "{{" not in body, f"{html_file.relative_to(site)}: unexpanded directive"
        assert 'class="arithmatex"' not in body, f"{html_file.relative_to(site)}: formula not rendered"
        assert "katex-error" not in body


def test_build_logs_the_figure_summary(site):
    log = (site / "build.log").read_text()
    assert re.search(r"figures: \d+ \(\d+ rendered, \d+ cached\) in [\d.]+ s", log)
    from activations.experiments import results

    total = len(results.jobs())
    assert re.search(rf"experiments: {total} results \(\d+ computed, \d+ cached\) in [\d.]+ s", log), log[-2000:]


# --- authoring mistakes fail the build with the file and the problem --------------------------------


@pytest.fixture()
def scratch(tmp_path):
    """A copy of the project's site sources in which a test can break one page."""
    for name in ("docs", "scripts", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("mkdocs.yml", "CITATION.cff"):  # the citations of figures come from CITATION.cff
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("activations", "node_modules"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    return tmp_path


def _break(scratch: Path, page: str, old: str, new: str) -> None:
    path = scratch / "docs" / page
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("page, old, new, message", [
    ("functions/tanh.md", "{{ formula tanh }}", "{{ formula tanhh }}", "unknown activation 'tanhh'"),
    ("functions/tanh.en.md", "{{ figure tanh/function }}", "{{ figure tanh/functon }}", "unknown figure 'tanh/functon'"),
    ("functions/tanh.md", "{{ formula tanh }}", "{{ formular tanh }}", "unknown directive 'formular'"),
    ("functions/tanh.md", "{{ fact tanh grad_max }}", "{{ fact tanh gradmax }}", "unknown fact 'gradmax'"),
    ("functions/tanh.en.md", "## Definition", "## Definition\n\n\\(\\frac{1}{\\)", "KaTeX cannot parse"),
    ("functions/tanh.md", "{{ link sigmoid }}", "[sigmoid](sigmoidd.md)", "sigmoidd.md"),
    ("functions/tanh.en.md", "{{ link sigmoid }}", "[sigmoid](sigmoid.md#no-such-anchor)", "no-such-anchor"),
    ("compare.en.md", "{{ compare_view }}", "{{ explore softmax }}", "softmax is vector-valued"),
    ("compare.md", "{{ compare_view }}", "{{ explore gelux }}", "unknown activation 'gelux'"),
])
def test_authoring_mistake_fails_the_build_naming_the_file(scratch, tmp_path, page, old, new, message):
    _break(scratch, page, old, new)
    result = mkdocs_build(tmp_path / "out", config=scratch / "mkdocs.yml")
    assert result.returncode != 0, "the build should have failed"
    output = result.stdout + result.stderr
    assert message in output, output[-3000:]
    assert page.split("/")[-1] in output, f"the message should name {page}:\n{output[-3000:]}"


def test_missing_twin_fails_the_build(scratch, tmp_path):
    (scratch / "docs" / "functions" / "tanh.en.md").unlink()
    result = mkdocs_build(tmp_path / "out", config=scratch / "mkdocs.yml")
    assert result.returncode != 0
    assert "docs/functions/tanh.md" in result.stderr and "tanh.en.md" in result.stderr, result.stderr[-2000:]


def test_two_clean_builds_are_byte_identical(site, tmp_path):
    """Reproducible output: a build with empty caches (every experiment computed and every figure rendered
    afresh, every interactive view exported afresh) gives the same bytes as the session's build, for every file of site/ (SVG ids, PNG/PDF
    metadata, sitemaps, experiment numbers); and a second build with those caches recomputes nothing."""
    other = tmp_path / "site"
    caches = {"ACTIVATIONS_FIGURE_CACHE": str(tmp_path / "empty-cache"),
              "ACTIVATIONS_EXPERIMENT_CACHE": str(tmp_path / "empty-experiments"),
              "ACTIVATIONS_INTERACTIVE_CACHE": str(tmp_path / "empty-interactive")}
    result = mkdocs_build(other, env=caches)
    assert result.returncode == 0, result.stderr[-3000:]
    warm = mkdocs_build(tmp_path / "warm", env=caches)
    assert warm.returncode == 0 and re.search(r"figures: \d+ \(0 rendered", warm.stderr), warm.stderr[-2000:]
    assert re.search(r"experiments: \d+ results \(0 computed", warm.stderr) or "experiments:" not in result.stderr
    assert re.search(r"interactive: \d+ views \(0 exported", warm.stderr), warm.stderr[-2000:]
    ours = {p.relative_to(site) for p in site.rglob("*") if p.is_file() and p.name != "build.log"}
    theirs = {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    assert ours == theirs, f"different file sets: {sorted(ours ^ theirs)[:10]}"
    differing = [str(p) for p in sorted(ours) if (site / p).read_bytes() != (other / p).read_bytes()]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:10]}"


# Decimals in a page's own text are numbers typed by hand: they must come from the registry instead
# ({{ fact }}, {{ const }}, {{ param }}, {{ range }}, ...). Code, directives and link targets are exempt.
#: what may hold a typed number: code, directives, link targets, HTML tags (a real tag: a name after
#: "<", so "a < 1 ... b > 2" in a formula is not exempt) and the licence's name
_EXEMPT = re.compile(r"```.*?```|`[^`\n]*`|\{\{.*?\}\}|\]\([^)]*\)|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|CC BY \d\.\d", re.S)
_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+")


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_pages_type_no_decimal_numbers(page):
    text = _EXEMPT.sub(lambda m: "\n" * m.group(0).count("\n"), page.read_text())
    typed = [f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}" for m in _DECIMAL.finditer(text)]
    assert not typed, f"docs/{page.relative_to(DOCS)} types numbers the library should provide: {typed}"


def test_every_formula_of_the_registry_parses_with_katex():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from katex import render

    from activations.core import analysis

    for entry in activations.REGISTRY.values():
        p = entry.properties
        formulas = [entry.tex, entry.grad_tex, entry.stable_tex, entry.domain.tex, analysis.bounds_tex(entry, p.range),
                    analysis.bounds_tex(entry, p.grad_range), *(prm.symbol for prm in entry.params),
                    *(v for v in entry.notes.values() if isinstance(v, str) and "\\" in v)]
        for tex in filter(None, formulas):
            try:
                render(tex, True)
            except Exception as err:  # noqa: BLE001 - report which formula of which entry
                pytest.fail(f"{entry.key}: KaTeX cannot parse {tex!r}: {err}")
