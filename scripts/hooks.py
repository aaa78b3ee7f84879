"""MkDocs hooks: the build-time glue between the `activations` library and the pages.

- on_config: fresh library modules for every build (mkdocs serve), quiet jieba; experiment results
  start computing in the background (activations.experiments.results);
- on_files: publish KaTeX's stylesheet and fonts from node_modules (no CDN, one copy for both languages);
- on_page_markdown: expand the page directives ({{ formula sigmoid }}, ...; see scripts/directives.py)
  and title the heading permalinks in the page's language;
- on_post_page: render every formula to HTML with KaTeX at build time (no client-side math script);
- on_env / on_post_build: figures still being rendered (scripts/gen_figures.py starts them) are copied
  into the site at the end of the build, so a cold build draws figures while it builds the pages; the
  English pass does not copy again the static files the first pass copied;
- on_files / on_post_page: uPlot from node_modules and, on pages with an interactive view
  ({{ figure KEY/function }}, {{ compare_view }}), the script that loads it and the view's data;
- on_files / on_post_build: search per language, loaded on first use (scripts/search_index.py writes one
  index per language, formulas as plain text; scripts/search-*.js load it in the browser).
Every authoring mistake stops the build with the page's file name and what is wrong.
"""

from __future__ import annotations

import html
import importlib
import logging
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import _site_path

# jieba (the search plugin's Chinese segmentation) logs its dictionary loading to stderr; hooks are
# loaded with the configuration, before the search plugin first uses it, so quieten it here.
try:
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # without jieba, search still works, only Chinese segmentation is coarser
    pass

KATEX_ASSETS = "assets/katex"
#: uPlot (npm, pinned), the charting library of the interactive views: published from node_modules like
#: KaTeX, loaded by docs/assets/explore.js only when a view is about to be seen (never before first paint)
UPLOT_DIST = Path(__file__).resolve().parent.parent / "node_modules" / "uplot" / "dist"
UPLOT_ASSETS = {"uPlot.iife.min.js": "assets/uplot/uPlot.iife.min.js", "uPlot.min.css": "assets/uplot/uPlot.min.css"}
#: our search scripts (scripts/search-*.js), published next to Material's: the worker must sit in a
#: folder named workers/, where Material's worker code looks for its lunr language files
SEARCH_SCRIPTS = {
    "search-loader.js": "assets/javascripts/search-loader.js",
    "search-worker.js": "assets/javascripts/workers/search-worker.js",
}
PERMALINK_TITLE = {"zh": "本节的固定链接", "en": "Permanent link to this section"}
_MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
_DELIMITED = re.compile(r"^\\\((.*)\\\)$|^\\\[(.*)\\\]$", re.S)


log = logging.getLogger("mkdocs.hooks")
# static-i18n runs the English build inside the Chinese build's on_post_build, with this same module:
# 2 while it runs, back to 0 when the whole (two-language) build is done
_open_builds = 0
_deferred_figures: list[tuple[Path, Path]] = []  # (the cache file being rendered, its place in the site)
_copied: set[str] = set()  # where the first pass copies static files (figures, KaTeX, theme assets)


def on_config(config):
    global _open_builds
    _open_builds += 1
    _site_path.add_to_path()
    if _open_builds == 1:  # not again for English: that would lose the figure renders already started
        _site_path.drop_stale_modules()
        _start_experiments()
    _fill_family_sections(config)
    return config


def _start_experiments() -> None:
    """Compute the missing experiment results in the background from the very start of the build: the
    pages' directives and the figures that show them wait only for the results they need."""
    from activations.experiments import results

    results.start()


#: the navigation section of the experiments (mkdocs.yml), filled like the family sections
EXPERIMENTS_SECTION = "实验"


def _fill_family_sections(config) -> None:
    """mkdocs.yml names the family sections (and their English titles); their pages come from the
    registry, in registry order, so adding a function never means editing the navigation. The
    experiments section lists its index page and one page per experiment of activations.experiments."""
    from activations import by_family
    from activations.core.spec import FAMILIES

    from activations.experiments import EXPERIMENTS

    titles = {FAMILIES[f].zh: f for f in FAMILIES}
    groups = by_family()
    docs = Path(config.docs_dir)
    for item in config.nav or []:
        if not isinstance(item, dict):
            continue
        for title in item:
            if title in titles:
                members = groups.get(titles[title], [])
                item[title] = [f"functions/{e.key}.md" for e in members if (docs / "functions" / f"{e.key}.md").exists()]
            elif title == EXPERIMENTS_SECTION:  # the index page, then one page per experiment
                pages = ["index", *EXPERIMENTS]
                item[title] = [f"experiments/{p}.md" for p in pages if (docs / "experiments" / f"{p}.md").exists()]


def on_files(files, config):
    from katex import KATEX_DIST

    _check_twins(Path(config.docs_dir), config)
    if not KATEX_DIST.is_dir():
        raise PluginError(f"KaTeX is missing ({KATEX_DIST}): run `npm ci` (or `make serve`, which does it)")
    for path in [KATEX_DIST / "katex.min.css", *sorted((KATEX_DIST / "fonts").iterdir())]:
        uri = f"{KATEX_ASSETS}/{path.relative_to(KATEX_DIST).as_posix()}"
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    for name, uri in SEARCH_SCRIPTS.items():
        files.append(File.generated(config, uri, abs_src_path=str(Path(__file__).with_name(name))))
    if not all((UPLOT_DIST / name).is_file() for name in UPLOT_ASSETS):
        raise PluginError(f"uPlot is missing ({UPLOT_DIST}): run `npm ci` (or `make serve`, which does it)")
    for name, uri in UPLOT_ASSETS.items():
        files.append(File.generated(config, uri, abs_src_path=str(UPLOT_DIST / name)))
    # a file, not generated content: static-i18n needs each file's source path
    tables = importlib.import_module("tables")
    css = Path(config.config_file_path).parent / ".cache" / "generated" / Path(tables.STYLESHEET).name
    text = tables.stylesheet(tables.material_stylesheet().read_text("utf-8"))
    if not css.is_file() or css.read_text("utf-8") != text:
        css.parent.mkdir(parents=True, exist_ok=True)
        css.write_text(text, "utf-8")
    files.append(File.generated(config, tables.STYLESHEET, abs_src_path=str(css)))
    return files


def _check_twins(docs: Path, config) -> None:
    """Both languages move together: every page.md needs page.en.md and the reverse."""
    for page in sorted(docs.rglob("*.md")):
        name = page.name
        twin = page.with_name(name[: -len(".en.md")] + ".md") if name.endswith(".en.md") else page.with_name(name[:-3] + ".en.md")
        if not twin.exists():
            rel = lambda p: p.relative_to(Path(config.config_file_path).parent).as_posix()  # noqa: E731
            raise PluginError(f"{rel(page)} has no twin in the other language: create {rel(twin)}")


def on_page_markdown(markdown, page, config, files):
    directives = importlib.import_module("directives")
    lang = getattr(page.file, "locale", None) or config.theme.get("language", "zh")
    where = directives.Page(page.file.src_uri, "en" if lang == "en" else "zh", config.site_url or "")
    _describe(page, where.lang)
    # MkDocs makes a Markdown converter per page from mdx_configs, so this titles this page's heading
    # permalinks in its own language (toc has a single setting, static-i18n cannot vary it)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = PERMALINK_TITLE[where.lang]
    try:
        return directives.expand(markdown, where)
    except directives.DirectiveError as err:
        raise PluginError(f"{_source_name(page, config)}: {err}") from None


def _describe(page, lang: str) -> None:
    """A function page's meta description (search snippets) is its registry summary."""
    import activations

    key = Path(page.file.src_uri).name.split(".")[0]
    if page.file.src_uri.startswith("functions/") and key in activations.REGISTRY and "description" not in page.meta:
        page.meta["description"] = activations.REGISTRY[key].summary(lang)


def _source_name(page, config) -> str:
    """The page's file as the author knows it, e.g. docs/functions/relu.en.md."""
    if page.file.abs_src_path:
        return Path(page.file.abs_src_path).relative_to(Path(config.config_file_path).parent).as_posix()
    return page.file.src_uri


def on_post_page(output, page, config):
    from katex import KatexError, fonts_used, render

    def replace(match: re.Match[str]) -> str:
        tag, body = match.group(1), html.unescape(match.group(2))
        delimited = _DELIMITED.match(body.strip())
        if not delimited:
            raise PluginError(f"{_source_name(page, config)}: unexpected math markup {body[:80]!r}")
        display = delimited.group(2) is not None
        tex = delimited.group(2) if display else delimited.group(1)
        try:
            return render(tex, display)
        except KatexError as err:
            raise PluginError(f"{_source_name(page, config)}: KaTeX cannot parse the formula {tex!r}: {err}") from None

    output = _MATH.sub(replace, output)
    root = _relative_root(page)
    # KaTeX's fonts are font-display: block and are found only once a formula is styled: fetched late,
    # each one that arrives restyles and lays out again every formula (a Chromium trace showed ~1,100
    # elements restyled on the GELU page). The fonts this page's formulas use load with the stylesheet.
    # Not in the offline copy (use_directory_urls off): from file:// a crossorigin preload is refused.
    preload = fonts_used(output) if config.use_directory_urls else []
    head = [f'<link rel="preload" href="{root}{KATEX_ASSETS}/fonts/{font}" as="font" type="font/woff2" crossorigin>'
            for font in preload]
    head.append(f'<link rel="stylesheet" href="{root}{KATEX_ASSETS}/katex.min.css">')
    placeholder = importlib.import_module("directives").ROOT_PLACEHOLDER
    if placeholder in output:
        # A page with an interactive view (scripts/directives.py): its data paths made relative to this
        # page, and the small loader (deferred) that fetches the views' code, uPlot and the data only once
        # the reader comes near a view (docs/assets/explore.js).
        output = output.replace(placeholder, root)
        head.append(f'<script src="{root}assets/explore.js" defer data-uplot="{root}{UPLOT_ASSETS["uPlot.iife.min.js"]}"'
                    f' data-uplot-css="{root}{UPLOT_ASSETS["uPlot.min.css"]}" data-views="{root}assets/explore-view.js"></script>')
    output = output.replace("</head>", "".join(head) + "</head>", 1)
    # Every content table in Material's scroll wrapper, written here so that Material's script does not
    # move it there on load (scripts/tables.py), and in a block the browser may skip while it is off
    # screen (docs/assets/site.css)
    return _skippable_sections(importlib.import_module("tables").wrap(output))


_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
_H2 = re.compile(r"(<h2[\s>].*?</h2>)", re.S)
_CONTAINERS = ("div", "details", "ol", "ul", "table", "p", "blockquote")


def _balanced(html: str) -> bool:
    return all(len(re.findall(rf"<{tag}[\s>]", html)) == html.count(f"</{tag}>") for tag in _CONTAINERS)


def _skippable_sections(output: str) -> str:
    """The content after each h2 (up to the next one) in a block the browser may skip while it is off
    screen (``.act-section``, docs/assets/site.css): a page's first layouts, and every layout Material's
    script forces while it starts, then cover the first screen instead of the whole page (a Chromium
    trace of the sigmoid page: 4,276 layout objects across the load's layouts, 1,378 with the sections
    and Material's lazy code blocks). The headings stay outside, so anchors and the table of contents
    see them as before. The first section is on the first screen and is never skipped (skipped, the
    heading after it was measured moving on load: a layout shift of 0.03 on the sigmoid page at 390 px).
    A page whose h2 sits inside a container (an admonition, say) is left whole:
    a block cannot open inside one element and close outside it. A section holding a grid of cards (the
    gallery's figure links, the home page's) stays unskipped: Lighthouse's accessibility audit measures
    links in skipped content as too small targets (the gallery scored 96, target-size failing)."""
    article = _ARTICLE.search(output)
    if article is None:
        return output
    parts = _H2.split(article.group(2))
    sections = parts[2::2]
    if not sections or not all(_balanced(section) for section in sections):
        return output
    body = [parts[0]]
    for number, (heading, section) in enumerate(zip(parts[1::2], sections)):
        skippable = number > 0 and 'class="grid cards' not in section
        body += [heading, f'<div class="act-section">{section}</div>' if skippable else section]
    return output[:article.start(2)] + "".join(body) + output[article.end(2):]


def _relative_root(page) -> str:
    depth = page.url.count("/") if page.url else 0
    return "../" * depth


def on_env(env, config, files):
    """Just before MkDocs copies the static files: figures still being rendered are left to
    on_post_build, and the English pass skips what the first pass copied to the same place (static-i18n
    hands it the same ~550 static files, all bound for the site's root)."""
    for file in list(files):
        if file.is_documentation_page():
            continue
        if _open_builds > 1 and file.abs_dest_path in _copied:
            files.remove(file)
            continue
        if _open_builds == 1:
            _copied.add(file.abs_dest_path)
        if file.src_uri.startswith("figures/") and not Path(file.abs_src_path or "").exists():
            files.remove(file)
            _deferred_figures.append((Path(file.abs_src_path), Path(file.abs_dest_path)))
    return env


def on_build_error(error):
    global _open_builds
    from activations.experiments import results
    from activations.figures import cache as figure_cache

    from activations.interactive import cache as view_cache

    figure_cache.cancel()
    results.cancel()
    view_cache.finish()
    _deferred_figures.clear()
    _copied.clear()
    _open_builds = 0


@event_priority(-200)  # after static-i18n (-100) has written the final, two-language search index
def on_post_build(config):
    global _open_builds
    _open_builds -= 1
    if _open_builds == 0:  # the very end of the build: renders have had all the time there is
        _split_search_index(config)
        _publish_deferred_figures()
        _copied.clear()
        if not config.site_url:
            _drop_sitemap(Path(config.site_dir))


def _drop_sitemap(site: Path) -> None:
    """A sitemap lists absolute addresses (sitemaps.org); without a public address (SITE_URL unset)
    static-i18n's would list "None/..." URLs, so such a build publishes none."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
    log.info("no SITE_URL: no canonical links, no sitemap, citations name paths inside the site")


def _publish_deferred_figures() -> None:
    from activations.experiments import results
    from activations.figures import cache as figure_cache

    from activations.interactive import cache as view_cache

    for report in (results.finish(), figure_cache.finish(), view_cache.finish()):
        if report is not None:
            log.info(str(report))
    while _deferred_figures:
        source, dest = _deferred_figures.pop()
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)


def _split_search_index(config) -> None:
    """static-i18n has written the index of both languages: one index per language instead."""
    from search_index import split_by_language

    i18n = config.plugins.get("i18n")
    languages = [(lang.locale, bool(lang.default)) for lang in i18n.config.languages] if i18n else [("zh", True)]
    sizes = split_by_language(Path(config.site_dir), languages, offline=not config.use_directory_urls)
    if sizes:
        log.info("search index: " + ", ".join(f"{lang} {size / 1024:.0f} KiB" for lang, size in sizes.items()))
