"""Page directives: Markdown pages show the registry's formulas, numbers and figures, never retype them.

A directive is ``{{ name arg ... }}``. Block directives stand alone on a line; inline ones sit in text.

=====================================  =========================================================
``{{ formula KEY }}``                  the definition, display math
``{{ derivative KEY }}``               the derivative (Jacobian for vector-valued entries)
``{{ stable KEY }}``                   the numerically stable form the code evaluates
``{{ figure FIGURE_ID }}``             a figure with caption, permalink, downloads and citation
``{{ properties KEY }}``               the properties table (claims + computed facts)
``{{ params KEY }}``                   the parameter table
``{{ api KEY }}``                      the calls in seven frameworks, with their defaults and measured differences
``{{ framework_versions }}``           the frameworks measured: versions, set-up, status (activations/frameworks)
``{{ framework_defaults }}``           every default that differs between frameworks or from the registry
``{{ framework_kinks }}``              the gradient each framework returns at each kink or jump
``{{ framework_differences }}``        the calls whose values or gradients differ from the registry
``{{ framework_specials }}``           NaN, ±inf and large |x|: where a framework's f or f′ differs
``{{ framework_grid }}``                inline: the grid the frameworks are measured on (activations/frameworks/measure.py)
``{{ references KEY }}``               the references
``{{ compare KEY ... }}``              a comparison table (``all``: the registry, ``family:NAME``: a family)
``{{ accuracy }}``                     the measured ULP table (activations/accuracy/accuracy.json)
``{{ count }}``                        inline: how many functions the registry holds
``{{ gallery }}``                      every figure as a thumbnail linking to it, by family
``{{ fact KEY NAME [DIGITS] }}``       inline: a computed number (see ``activations.core.analysis.Facts``)
``{{ const NAME [DIGITS] }}``          inline: a constant of ``activations.core.analysis.CONSTANTS``
``{{ range KEY }}`` / ``{{ grad_range KEY }}``  inline: the range of f / of f′, as math
``{{ domain KEY }}``                   inline: where f is defined (``Activation.domain``), as math
``{{ param KEY NAME }}``              inline: a parameter's default value
``{{ constant KEY NOTE [DIGITS] }}``   inline: a numeric constant kept in the entry's ``notes``
``{{ note_formula KEY NOTE }}``        display math kept in the entry's ``notes`` (e.g. an approximation)
``{{ name KEY }}`` / ``{{ link KEY }}``  inline: the entry's name / a link to its page
``{{ summary KEY }}``                  inline: the entry's one-line summary
``{{ experiment NAME KEY PATH [DIGITS] }}``  inline: a number of an experiment's result (KEY ``-``: global), or a text kept as one (e.g. a 50-digit constant)
``{{ experiment_setting NAME SETTING }}``  inline: a setting of an experiment (width, depth, seeds, ...)
``{{ experiment_table NAME }}``        one row per entry the experiment runs on, its ``columns``
``{{ deep_network KEY }}``             a function page's "in a deep network" numbers and figure
``{{ explore KEY }}``                  an interactive view (written by ``{{ figure KEY/function }}`` already)
``{{ compare_view }}``                 the compare page's interactive view of every element-wise function
=====================================  =========================================================

Text inside fenced code blocks is left alone. Any mistake (unknown directive, key, figure or fact)
raises :class:`DirectiveError` naming the page and the line.
"""

from __future__ import annotations

import html
import inspect
import json
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

import activations
from activations.core import analysis
from activations.core.domain import on_all_reals
from activations.figures.inventory import all_figures
from activations.core.spec import FAMILIES, Activation, T

__all__ = ["DirectiveError", "expand", "FIGURE_FORMATS"]

DIRECTIVE = re.compile(r"\{\{\s*([a-z_]+)((?:\s+[^\s{}]+)*)\s*\}\}")
FENCE = re.compile(r"^\s*(```|~~~)")

#: the files published for each figure: suffix -> download label
FIGURE_FORMATS = {".print.svg": "SVG", ".png": "PNG (300 dpi)", ".pdf": "PDF"}

L = {
    "yes": T("是", "Yes"),
    "no": T("否", "No"),
    "property": T("性质", "Property"),
    "value": T("值", "Value"),
    "range": T("值域", "Range"),
    "domain": T("定义域", "Domain"),
    "grad_range": T("导数的取值范围", "Range of the derivative"),
    "jac_range": T("雅可比矩阵元素的范围", "Range of the Jacobian entries"),
    "monotonic": T("单调（不减）", "Monotonic (non-decreasing)"),
    # a vector-valued function: each output against its own input, the others fixed (Jacobian diagonal >= 0)
    "monotonic_vector": T("单调（每个输出随其自身的输入不减，其余输入固定）",
                          "Monotonic (each output non-decreasing in its own input, the others fixed)"),
    "zero_centered": T("以 0 为中心（奇函数）", "Zero-centred (odd)"),
    "smoothness": T("光滑性", "Smoothness"),
    "f0": T("f(0)", "f(0)"),
    "grad0": T("f′(0)", "f′(0)"),
    "minimum": T("最小值", "Minimum"),
    "maximum": T("最大值", "Maximum"),
    "at": T("位于", "at"),
    "vanish": T("梯度很小的区域", "Small-gradient region"),
    "none_region": T("无", "none"),
    "param": T("参数", "Parameter"),
    "symbol": T("符号", "Symbol"),
    "default": T("默认值", "Default"),
    "allowed": T("取值", "Allowed"),
    "meaning": T("含义", "Meaning"),
    "no_params": T("无参数。", "No parameters."),
    "framework": T("框架", "Framework"),
    "api": T("调用与默认参数", "Call and defaults"),
    "fw_measured": T("实测", "Measured"),
    "fw_agrees": T("在本站默认参数下，函数值与自动微分梯度都与本站一致", "values and autodiff gradients agree with this site's at its defaults"),
    "fw_default": T("默认 {name}={value}（本站 {ref} = {ref_value}）", "default {name}={value} (this site: {ref} = {ref_value})"),
    "fw_extra": T("默认 {name}={value}；要得到本站的定义须传 {name}={needed}",
                  "default {name}={value}; {name}={needed} gives this site's definition"),
    "fw_values": T("按本站参数调用时最大误差 f {f}、f′ {g}（{dtype}）", "at this site's parameters max error f {f}, f′ {g} ({dtype})"),
    "fw_at_defaults": T("按其默认参数调用时与本站相差：f {f}、f′ {g}", "with its own defaults it differs from this site: f {f}, f′ {g}"),
    "fw_kink": T("x = {x} 处 f′ = {g}（本站 {ref}）", "f′ = {g} at x = {x} (this site: {ref})"),
    "fw_kink_f": T("x = {x} 处 f = {f}（本站 {ref}）", "f = {f} at x = {x} (this site: {ref})"),
    "fw_special": T("x = {x}：f = {f}、f′ = {g}（本站 {rf}、{rg}）", "x = {x}: f = {f}, f′ = {g} (this site: {rf}, {rg})"),
    "fw_agrees_in_domain": T("在定义域内，函数值与自动微分梯度都与本站一致",
                             "inside the domain, values and autodiff gradients agree with this site's"),
    "fw_outside": T("定义域之外（本站约定为 NaN）：{points}", "outside the domain (this site's convention: NaN): {points}"),
    "fw_outside_mark": T("（定义域外）", " (outside the domain)"),
    "fw_float32": T("float64 不可用，按 float32 测量", "float64 unavailable, measured in float32"),
    "fw_error": T("无法测量：{error}", "could not be measured: {error}"),
    "fw_unmeasured": T("尚未测量（运行 scripts/frameworks.py）", "not measured yet (run scripts/frameworks.py)"),
    "fw_version": T("版本", "Version"),
    "fw_setup": T("运行方式", "Set-up"),
    "fw_status": T("状态", "Status"),
    "fw_ok": T("已测量 {n} 个调用", "{n} calls measured"),
    "fw_function": T("函数", "Function"),
    "fw_registry": T("本站", "This site"),
    "fw_fixed": T("固定", "fixed"),
    "fw_required": T("必填", "required"),
    "fw_failed": T("未测得", "not measured"),
    "fw_dtype": T("精度", "Precision"),
    "fw_err_f": T("f 最大误差", "max error f"),
    "fw_err_g": T("f′ 最大误差", "max error f′"),
    "fw_why": T("原因", "Why"),
    "fw_no_differences": T("没有不一致之处。", "No differences."),
    "fw_x": T("输入", "Input"),
    "fw_versions_line": T("实测版本：{versions}。", "Measured on {versions}."),
    "absent": T("无", "—"),
    "no_refs": T("没有可考的原始文献。", "No single originating reference."),
    "figure": T("图", "Figure"),
    "download": T("下载", "Download"),
    "permalink": T("本图的固定链接", "Permanent link to this figure"),
    "cite": T("引用此图", "Cite this figure"),
    "cite_text": T("纯文本", "Plain text"),
    "cite_embed": T("嵌入（Markdown / HTML）", "Embed (Markdown / HTML)"),
    "cite_embed_note": T(
        "嵌入的是浅色背景的 SVG，即上面“SVG”下载的同一文件：页面上的图随本站的浅色/深色模式变化且没有背景，"
        "放在别的网站上可能看不清。访问日期在浏览器中自动填为今天。",
        "The embed uses the light-background SVG, the same file as the “SVG” download above: the figure on "
        "this page follows this site's light/dark palette and has no background, so elsewhere it could be "
        "illegible. The access date is filled in with today's date by your browser."),
    "cite_no_address": T(
        "本副本构建时没有设置公开网址（SITE_URL），所以链接是相对于站点根目录的路径。",
        "This copy of the site was built without a public address (SITE_URL), so the links are paths "
        "relative to the site's root."),
    "version": T("版本", "version"),
    "site": T("激活函数手册", "Activation Functions Handbook"),
    "name": T("名称", "Name"),
    "family": T("类别", "Family"),
    "experiments": T("实验", "Experiments"),
    "depth_column": T("梯度降到 1% 的深度（Xavier / He）", "Depth to 1 % of the gradient (Xavier / He)"),
}

SMOOTHNESS = {
    "discontinuous": T("不连续", "discontinuous"),
    "C0": T(r"\(C^0\)：连续，导数有跳跃", r"\(C^0\): continuous, derivative jumps"),
    "C1": T(r"\(C^1\)：一阶导数连续", r"\(C^1\): continuous first derivative"),
    "C2": T(r"\(C^2\)：二阶导数连续", r"\(C^2\): continuous second derivative"),
    "Cinf": T(r"\(C^\infty\)：任意阶可导", r"\(C^\infty\): infinitely differentiable"),
}


class DirectiveError(ValueError):
    """An authoring mistake in a page; the message names the file and line."""


@dataclass
class Page:
    """What a directive needs to know about the page it is expanded in."""

    src_uri: str  # e.g. "functions/sigmoid.md"
    lang: str  # "zh" or "en"
    site_url: str
    figures_shown: int = 0  # the first figure loads eagerly (it is often the largest content)

    @property
    def root(self) -> str:
        """Relative path from the page's source folder to the docs root."""
        return "../" * self.src_uri.count("/")


def _entry(key: str) -> Activation:
    try:
        return activations.get(key)
    except KeyError as err:
        raise DirectiveError(err.args[0]) from None


def _num(value: float | None, digits: int = 4) -> str:
    """A number for running text (Unicode minus and superscripts)."""
    if value is None:
        return "—"
    return analysis.format_number(value, digits).replace("-", "−")


def _num_tex(value: float, digits: int = 4) -> str:
    """A number inside math."""
    return analysis.format_number(value, digits, tex=True)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: an unescaped "|" would end the cell."""
    return text.replace("|", "\\|")


def _math(tex: str) -> str:
    return rf"\({tex}\)"


def formula(page: Page, key: str) -> str:
    return rf"\[{_entry(key).tex}\]"


def derivative(page: Page, key: str) -> str:
    return rf"\[{_entry(key).grad_tex}\]"


def stable(page: Page, key: str) -> str:
    entry = _entry(key)
    if not entry.stable_tex:
        raise DirectiveError(f"{key} has no stable_tex in the registry (its definition is evaluated as is)")
    return rf"\[{entry.stable_tex}\]"


def _yes(flag: bool, lang: str) -> str:
    return L["yes" if flag else "no"](lang)


def properties(page: Page, key: str) -> str:
    entry, lang = _entry(key), page.lang
    props = entry.properties
    vector = entry.kind == "vector"
    # the domain is shown where it is not all of ℝ: there it qualifies every other row
    rows = [] if on_all_reals(entry) else [(L["domain"](lang), _math(entry.domain.tex))]
    rows += [
        (L["range"](lang), _math(analysis.bounds_tex(entry, props.range))),
        (L["jac_range" if vector else "grad_range"](lang), _math(analysis.bounds_tex(entry, props.grad_range))),
        (L["monotonic_vector" if vector else "monotonic"](lang), _yes(props.monotonic, lang)),
        (L["zero_centered"](lang), _yes(props.zero_centered, lang)),
        (L["smoothness"](lang), SMOOTHNESS[props.smoothness](lang)),
    ]
    if not vector:
        fx = analysis.facts(entry)
        rows += [
            (_math(f"{entry.symbol}(0)"), _num(fx.f0)),
            (_math(f"{entry.symbol}'(0)"), _num(fx.grad0)),
        ]
        if fx.minimum is not None:
            rows.append((L["minimum"](lang), f"{_num(fx.minimum)}（{L['at'](lang)} x = {_num(fx.argmin)}）"
                         if lang == "zh" else f"{_num(fx.minimum)} ({L['at'](lang)} x = {_num(fx.argmin)})"))
        if fx.maximum is not None:
            rows.append((L["maximum"](lang), f"{_num(fx.maximum)} (x = {_num(fx.argmax)})"))
        rows.append((L["vanish"](lang), _vanishing_text(entry, fx, lang)))
    head = f"| {L['property'](lang)} | {L['value'](lang)} |\n|---|---|\n"
    return head + "\n".join(f"| {a} | {b} |" for a, b in rows)


def _vanishing_text(entry: Activation, fx: analysis.Facts, lang: str) -> str:
    """Where |f'| < eps: the same region the gradient figure shades (its window), with the tails
    written as half-lines where the gradient stays small beyond the window."""
    cond = rf"\lvert {entry.symbol}'(x)\rvert < {fx.vanishing_eps:g}"  # no "|": it splits table cells
    lo_edge, hi_edge = entry.xlim
    parts = []
    def closed(edge: float) -> bool:
        """The edge belongs to the region: f' jumps there and its value at the edge (the library's
        choice, e.g. ReLU'(0) = 0) is small. At a smooth crossing |f'| is eps itself, not below it."""
        return bool(abs(entry.grad(np.array([edge]), **entry.defaults)[0]) < fx.vanishing_eps / 2)

    def lt(edge: float) -> str:
        return r"\le" if closed(edge) else "<"

    def gt(edge: float) -> str:
        return r"\ge" if closed(edge) else ">"

    for a, b in analysis.small_gradient_intervals(entry):
        left = a <= lo_edge and fx.vanish_neg is not None
        right = b >= hi_edge and fx.vanish_pos is not None
        if left and right:
            parts.append(r"x \in \mathbb{R}")
        elif left:
            parts.append(rf"x {lt(b)} {_num_tex(b)}")
        elif right:
            parts.append(rf"x {gt(a)} {_num_tex(a)}")
        else:
            parts.append(rf"{_num_tex(a)} {lt(a)} x {lt(b)} {_num_tex(b)}")
    if not parts:
        none = L["none_region"](lang)
        return f"{_math(cond)}：{none}" if lang == "zh" else f"{_math(cond)}: {none}"
    joiner = r" \ \text{or}\ " if lang == "en" else r" \ \text{或}\ "
    return _math(rf"{cond} \iff {joiner.join(parts)}")


def params(page: Page, key: str) -> str:
    entry, lang = _entry(key), page.lang
    if not entry.params:
        return L["no_params"](lang)
    head = (f"| {L['param'](lang)} | {L['symbol'](lang)} | {L['default'](lang)} | {L['allowed'](lang)} | "
            f"{L['meaning'](lang)} |\n|---|---|---|---|---|\n")
    rows = [
        f"| `{p.name}` | {_math(p.symbol)} | {_num(p.default, 10)} | {_allowed(p, lang)} | {_cell(p.doc(lang))} |"
        for p in entry.params
    ]
    return head + "\n".join(rows)


#: Param.allowed is the phrase of the library's (English) error messages; the Chinese pages say it in
#: Chinese. A phrase missing here fails the build naming the parameter.
ALLOWED_ZH = {
    "a finite real number": "有限实数",
    "> 0 and finite": "大于 0 的有限数",
    ">= 0 and finite": "大于或等于 0 的有限数",
    "nonzero and finite": "非零的有限数",
    "an integer >= 1": "大于或等于 1 的整数",
    "0 or a number with 1e-30 <= |alpha| <= 1e30": "0，或绝对值在 1e-30 与 1e30 之间的数",
}


def _allowed(p, lang: str) -> str:
    if lang == "en":  # the very phrase of the error message, as code (it may contain "|")
        return f"`{p.allowed}`"
    if p.allowed not in ALLOWED_ZH:
        raise DirectiveError(f"parameter {p.name!r}: no Chinese for its allowed values {p.allowed!r}; "
                             "add it to ALLOWED_ZH in scripts/directives.py")
    return _cell(ALLOWED_ZH[p.allowed])


def _label(lang: str) -> Callable[[str], str]:
    return lambda name: L[name](lang)


def api(page: Page, key: str) -> str:
    from activations.frameworks import tables

    _entry(key)
    return tables.api_table(key, page.lang, _label(page.lang))


def framework_versions(page: Page) -> str:
    from activations.frameworks import tables

    return tables.versions_table(page.lang, _label(page.lang))


def framework_grid(page: Page) -> str:
    """The measurement grid, read off the grid itself: its finest step, where that step holds, and how
    far the coarser part reaches."""
    import numpy as np

    from activations.frameworks.measure import GRID

    steps = np.diff(GRID)
    fine = float(steps.min())
    dense = np.flatnonzero(np.isclose(steps, fine, rtol=1e-6, atol=0))
    lo, hi, outer = float(GRID[dense[0]]), float(GRID[dense[-1] + 1]), float(np.abs(GRID).max())
    if page.lang == "zh":
        return f"\\([{lo:g}, {hi:g}]\\) 上步长 {fine:g}，外加到 ±{outer:g} 的粗网格，共 {GRID.size} 点"
    return f"step {fine:g} on \\([{lo:g}, {hi:g}]\\), plus a coarser one out to ±{outer:g}, {GRID.size} points in all"


def framework_defaults(page: Page) -> str:
    from activations.frameworks import tables

    return tables.defaults_table(page.lang, _label(page.lang), page.root)


def framework_kinks(page: Page) -> str:
    from activations.frameworks import tables

    return tables.kinks_table(page.lang, _label(page.lang), page.root)


def framework_differences(page: Page) -> str:
    from activations.frameworks import tables

    return tables.differences_table(page.lang, _label(page.lang), page.root)


def framework_specials(page: Page) -> str:
    from activations.frameworks import tables

    return tables.specials_table(page.lang, _label(page.lang), page.root)


def references(page: Page, key: str) -> str:
    entry = _entry(key)
    if not entry.references:
        return L["no_refs"](page.lang)
    items = []
    for i, ref in enumerate(entry.references, 1):
        title = f"[{ref.title}]({ref.url})" if ref.url else ref.title
        items.append(f"{i}. {ref.authors} ({ref.year}). {title}. *{ref.venue}*.")
    return "\n".join(items)


def _figure(figure_id: str):
    for fig in all_figures():
        if fig.id == figure_id:
            return fig
    known = ", ".join(f.id for f in all_figures())
    raise DirectiveError(f"unknown figure {figure_id!r}; known figures: {known}")


def _figure_urls(page: Page, figure_id: str) -> tuple[str, str]:
    """(the figure's address for citations, the file embedded elsewhere): absolute under the public
    address, or the path inside the site when the build has none (SITE_URL unset)."""
    where = f"{page.site_url.rstrip('/')}/figures/{figure_id}" if page.site_url else f"figures/{figure_id}"
    # The light-background SVG (the "SVG" download) is the one to embed: the page's own SVG follows
    # this site's palette and has no background, so on another site it could be dark text on dark.
    return f"{where}.svg", f"{where}.print.svg"


def figure(page: Page, figure_id: str) -> str:
    from citation import ACCESS_PLACEHOLDER, CitationError, project

    fig, lang = _figure(figure_id), page.lang
    try:
        cff = project()
    except CitationError as err:
        raise DirectiveError(str(err)) from None
    anchor = _anchor(figure_id)
    base = f"{page.root}figures/{figure_id}"
    file_stem = "activations-" + figure_id.replace("/", "-")
    downloads = " · ".join(
        f'[{label}]({base}{suffix}){{ download="{file_stem}{suffix.replace(".print", "")}" }}'
        for suffix, label in FIGURE_FORMATS.items())
    url, embed_url = _figure_urls(page, figure_id)
    site = L["site"](lang)
    caption = fig.caption(lang)
    authors = ", ".join(cff.authors)
    bibkey = "activations-" + figure_id.replace("/", "-").replace("_", "-")
    bibtex = (f"@misc{{{bibkey},\n  author = {{{cff.bibtex_authors}}},\n  title = {{{caption}}},\n"
              f"  howpublished = {{{site}, {L['version'](lang)} {cff.version}}},\n  year = {{{cff.year}}},\n"
              f"  version = {{{cff.version}}},\n  url = {{{url}}},\n  urldate = {{{ACCESS_PLACEHOLDER}}},\n"
              f"  note = {{CC BY 4.0}}\n}}")
    if lang == "zh":
        plain = (f"{authors}（{cff.year}）。{caption}。载于《{site}》，版本 {cff.version}。{url}。"
                 f"CC BY 4.0。访问日期：{ACCESS_PLACEHOLDER}。")
    else:
        plain = (f"{authors} ({cff.year}). {caption}. In: {site}, version {cff.version}. {url}. "
                 f"CC BY 4.0. Accessed {ACCESS_PLACEHOLDER}.")
    embed = f'![{fig.alt(lang)}]({embed_url})\n\n<img src="{embed_url}" alt="{fig.alt(lang)}">'
    sep = "：" if lang == "zh" else ": "
    notes = L["cite_embed_note"](lang) + ("" if page.site_url else " " + L["cite_no_address"](lang))
    # the intrinsic size keeps the layout from shifting while the image loads
    width, height = round(fig.size[0] * 100), round(fig.size[1] * 100)
    loading = "eager" if page.figures_shown == 0 else "lazy"
    page.figures_shown += 1
    # On a phone the figure keeps a legible minimum width and scrolls sideways (docs/assets/site.css);
    # two-panel figures need more of it than one-panel ones.
    wide = " act-wide" if fig.size[0] > 8 else ""
    # A function's figure is followed by its interactive view: every element-wise page gets one without
    # an edit, and the static figure above stays for print, citation and readers without JavaScript.
    view = "\n" + explore(page, fig.entry) if fig.kind == "function" else ""
    return f"""<figure class="act-figure" id="{anchor}" markdown>
<div class="act-scroll{wide}" tabindex="0" markdown>
![{fig.alt(lang)}]({base}.svg){{ width="{width}" height="{height}" loading={loading} }}
</div>
<figcaption markdown>{L['figure'](lang)}{sep}{caption} [¶](#{anchor} "{L['permalink'](lang)}"){{ .headerlink }}<br>{L['download'](lang)}{sep}{downloads}</figcaption>
</figure>

??? quote act-cite "{L['cite'](lang)}"
    {L['cite_text'](lang)}

    ```text
    {plain}
    ```

    BibTeX

    ```bibtex
{_indent(bibtex, 4)}
    ```

    {L['cite_embed'](lang)}

    ```html
{_indent(embed, 4)}
    ```

    {notes}
{view}"""


# --- interactive views (activations.interactive; drawn by docs/assets/explore.js with uPlot) -----------

#: written where the page's relative root belongs: raw HTML attributes are not rewritten by MkDocs, so
#: scripts/hooks.py (on_post_page) puts the root in, which differs between pages and the offline copy
ROOT_PLACEHOLDER = "@act-root@"

L.update({
    "explore": T("交互查看", "Explore interactively"),
    "explore_label": T("{name}的交互视图", "Interactive view of {name}"),
})


def _view_key(key: str) -> Activation:
    from activations.interactive.export import ExportError, param_values

    entry = _entry(key)
    if entry.kind != "elementwise":
        raise DirectiveError(f"{key} is {entry.kind}-valued: interactive views show element-wise functions only")
    try:  # a parameter without a usable span fails here, naming the page, not in the reader's browser
        for p in entry.params:
            param_values(p, key)
    except ExportError as err:
        raise DirectiveError(str(err)) from None
    return entry


def explore(page: Page, key: str) -> str:
    """The container of a function's interactive view: a button, and the data's address. The script
    (docs/assets/explore.js, added to the page by scripts/hooks.py) builds the view when the container
    comes near the screen or the button is pressed; hidden without JavaScript (docs/assets/site.css)."""
    entry = _view_key(key)
    label = L["explore_label"](page.lang).format(name=entry.name(page.lang))
    return (f'<div class="act-explore" data-key="{key}" data-src="{ROOT_PLACEHOLDER}interactive/{key}.json" '
            f'data-params="{len(entry.params)}" role="region" aria-label="{html.escape(label)}">\n'
            f'<button type="button" class="md-button act-explore__start">{L["explore"](page.lang)}</button>\n'
            "</div>\n")


def compare_view(page: Page) -> str:
    """The compare page's view: the element-wise functions with their families, as data for
    docs/assets/explore.js (which loads each function's curves when it is chosen)."""
    lang = page.lang
    functions = [{"key": e.key, "name": e.name(lang), "family": e.family, "aliases": list(e.aliases),
                  "params": [p.name for p in e.params]}
                 for e in (_view_key(k) for k, e in activations.REGISTRY.items() if e.kind == "elementwise")]
    families = [{"key": f, "name": FAMILIES[f](lang)} for f in FAMILIES if any(x["family"] == f for x in functions)]
    data = json.dumps({"functions": functions, "families": families}, ensure_ascii=False, separators=(",", ":"))
    # inside <script>: "</" must not end it early
    data = data.replace("</", "<\\/")
    return (f'<div class="act-compare" data-src="{ROOT_PLACEHOLDER}interactive/" role="region" '
            f'aria-label="{L["compare_label"](lang)}">\n'
            f'<script type="application/json" class="act-compare-data">{data}</script>\n'
            f'<p class="act-compare__nojs">{L["compare_nojs"](lang)}</p>\n'
            "</div>\n")


L.update({
    "compare_label": T("比较激活函数", "Compare activation functions"),
    "compare_nojs": T("比较视图需要 JavaScript。各函数页上的静态图与总览页的叠加图不需要。",
                      "The comparison view needs JavaScript. The static figures on each function page and the "
                      "overlays on the overview page do not."),
})


def _indent(text: str, n: int) -> str:
    return "\n".join(" " * n + line if line else line for line in text.splitlines())


def compare(page: Page, *keys: str) -> str:
    lang = page.lang
    if keys == ("all",):
        entries = list(activations.REGISTRY.values())
    elif len(keys) == 1 and keys[0].startswith("family:"):
        family = keys[0].removeprefix("family:")
        if family not in FAMILIES:
            raise DirectiveError(f"unknown family {family!r}; known: {', '.join(FAMILIES)}")
        entries = activations.by_family().get(family, [])
    else:
        entries = [_entry(k) for k in keys]
    head = (f"| {L['name'](lang)} | {L['range'](lang)} | {L['grad_range'](lang)} | {L['monotonic'](lang)} | "
            f"{L['zero_centered'](lang)} | {L['smoothness'](lang)} | {_cell(L['depth_column'](lang))} |\n"
            "|---|---|---|---|---|---|---|\n")
    rows = []
    for e in entries:
        p = e.properties
        rows.append(
            f"| {link(page, e.key)} | {_math(analysis.bounds_tex(e, p.range))} | "
            f"{_math(analysis.bounds_tex(e, p.grad_range))} | {_yes(p.monotonic, lang)} | "
            f"{_yes(p.zero_centered, lang)} | {SMOOTHNESS[p.smoothness](lang).split('：')[0].split(':')[0]} | "
            f"{_depth_to_one_percent(e)} |"
        )
    return head + "\n".join(rows)


def _depth_to_one_percent(entry: Activation) -> str:
    """The comparison tables' column from the depth experiment: how many layers below the top the
    gradient norm falls under 1 % of its top value, under Xavier and under He initialisation."""
    from activations.experiments import EXPERIMENTS

    exp = EXPERIMENTS.get("depth")
    if exp is None or not exp.applies(entry):
        return "—"
    data = _result("depth", entry.key)
    deepest = exp.settings["depth"] - 1
    return " / ".join(str(data[init]["depth_1pct"]) if data[init]["depth_1pct"] is not None else f"> {deepest}"
                      for init in ("xavier", "he"))


def accuracy(page: Page) -> str:
    from activations.accuracy.table import table_markdown  # the committed measurement; needs no mpmath

    return table_markdown(page.lang, page.root)


def count(page: Page) -> str:
    return str(len(activations.REGISTRY))


def gallery(page: Page) -> str:
    """Every figure as a thumbnail linking to the figure on its page, grouped by family."""
    lang = page.lang
    by_entry: dict[str | None, list] = {}
    for fig in all_figures():
        by_entry.setdefault(fig.entry, []).append(fig)
    out = []
    for family, members in activations.by_family().items():
        out.append(f"## {FAMILIES[family](lang)}\n\n<div class=\"grid cards act-gallery\" markdown>\n")
        figs = [f for e in members for f in by_entry.get(e.key, [])]
        figs += [f for f in by_entry.get(None, []) if f.id == f"families/{family}"]
        for fig in figs:
            target = f"functions/{fig.entry}.md" if fig.entry else "overview.md"
            out.append(_thumbnail(page, fig, target))
        out.append("</div>\n")
    from activations.experiments import EXPERIMENTS

    pages = {f"experiments/{name}": f"experiments/{exp.name}.md" for exp in EXPERIMENTS.values() for name in exp.figures}
    shown = [f for f in by_entry.get(None, []) if f.id in pages]
    if shown:
        out.append(f"## {L['experiments'](lang)}\n\n<div class=\"grid cards act-gallery\" markdown>\n")
        out += [_thumbnail(page, fig, pages[fig.id]) for fig in shown]
        out.append("</div>\n")
    return "\n".join(out)


def _thumbnail(page: Page, fig, target: str) -> str:
    # the intrinsic size (as on the figure's page) reserves each card's height before its image loads
    width, height = round(fig.size[0] * 100), round(fig.size[1] * 100)
    return (f"- [![{fig.alt(page.lang)}]({page.root}figures/{fig.id}.svg){{ width=\"{width}\" height=\"{height}\" loading=lazy }}]"
            f"({page.root}{target}#{_anchor(fig.id)})\n\n    {fig.caption(page.lang)}\n")


def _anchor(figure_id: str) -> str:
    return "fig-" + figure_id.replace("/", "-").replace("_", "-")


def fact(page: Page, key: str, name: str, digits: str = "4") -> str:
    entry = _entry(key)
    values = analysis.facts(entry).as_dict()
    if name not in values:
        raise DirectiveError(f"unknown fact {name!r} for {key}; known: {', '.join(values)}")
    if values[name] is None:
        raise DirectiveError(f"fact {name!r} does not apply to {key} (it is None)")
    return _num(values[name], int(digits))


def range(page: Page, key: str) -> str:  # noqa: A001 - the directive's name
    entry = _entry(key)
    return _math(analysis.bounds_tex(entry, entry.properties.range))


def grad_range(page: Page, key: str) -> str:
    entry = _entry(key)
    return _math(analysis.bounds_tex(entry, entry.properties.grad_range))


def domain(page: Page, key: str) -> str:
    return _math(_entry(key).domain.tex)


def param(page: Page, key: str, name: str) -> str:
    entry = _entry(key)
    for p in entry.params:
        if p.name == name:
            return _num(p.default, 10)
    raise DirectiveError(f"{key} has no parameter {name!r}; its parameters: {', '.join(p.name for p in entry.params) or 'none'}")


def constant(page: Page, key: str, note: str, digits: str = "10") -> str:
    value = _entry(key).notes.get(note)
    if not isinstance(value, (int, float)):
        raise DirectiveError(f"{key} has no numeric note {note!r}; its notes: {', '.join(_entry(key).notes) or 'none'}")
    return _num(float(value), int(digits))


def note_formula(page: Page, key: str, note: str) -> str:
    value = _entry(key).notes.get(note)
    if not isinstance(value, str):
        raise DirectiveError(f"{key} has no formula note {note!r}; its notes: {', '.join(_entry(key).notes) or 'none'}")
    return rf"\[{value}\]"


def const(page: Page, name: str, digits: str = "6") -> str:
    if name not in analysis.CONSTANTS:
        raise DirectiveError(f"unknown constant {name!r}; known: {', '.join(analysis.CONSTANTS)}")
    return _num(analysis.CONSTANTS[name], int(digits))


def name(page: Page, key: str) -> str:
    return _entry(key).name(page.lang)


def link(page: Page, key: str) -> str:
    entry = _entry(key)
    return f"[{entry.name(page.lang)}]({page.root}functions/{key}.md)"


def summary(page: Page, key: str) -> str:
    return _entry(key).summary(page.lang)


# --- experiments (activations.experiments; results computed in the build's background) -----------------

L.update({
    "init": T("初始化", "Initialisation"),
    "skipped": T("未运行", "not run"),
    "grad_after": T("{k} 层后的梯度比", "gradient ratio after {k} layers"),
    "depth_to": T("降到 {p} 的深度", "depth to {p}"),
    "last_std": T("第 {l} 层预激活的标准差", "pre-activation std, layer {l}"),
    "saturated": T("第 {l} 层饱和比例", "saturated, layer {l}"),
    "deep_intro": T(
        "下表与下图来自[深度实验]({root}experiments/depth.md)：宽 {width}、深 {depth} 层的全连接网络，输入取自 "
        "\\(N(0, 1)\\)，权重按三种初始化随机生成，顶层给一个随机的单位梯度，再用本库的 \\(f\\) 与 \\(f'\\) "
        "逐层反向传播。“梯度比”是某层梯度的范数与顶层梯度范数之比，“深度”是顶层以下的层数；“饱和”指 "
        "\\(|f'(a)|\\) 小于本页梯度很小的阈值的单元所占比例。对这种每层宽度相同的网络，Xavier 的方差 "
        "\\(2/(n_\\text{{in}}+n_\\text{{out}})\\) 与 LeCun 的 \\(1/n\\) 相等，所以两行数字相同、图中两条曲线重合。",
        "The table and the figure come from the [depth experiment]({root}experiments/depth.md): a fully connected "
        "net of width {width} and depth {depth}, inputs drawn from \\(N(0, 1)\\), weights drawn with three "
        "initialisations, and a random unit gradient at the top propagated down layer by layer with this "
        "library's \\(f\\) and \\(f'\\). The gradient ratio is a layer's gradient norm divided by the top "
        "layer's; depths count the layers below the top; saturated is the fraction of units whose \\(|f'(a)|\\) "
        "is below this page's small-gradient threshold. In a net whose layers all have the same width, Xavier's "
        "variance \\(2/(n_\\text{{in}}+n_\\text{{out}})\\) equals LeCun's \\(1/n\\), so their rows agree and "
        "their curves coincide."),
})


def _experiment(name: str):
    from activations.experiments import get_experiment

    try:
        return get_experiment(name)
    except KeyError as err:
        raise DirectiveError(err.args[0]) from None


def _result(name: str, key: str) -> dict:
    from activations.experiments import results

    exp = _experiment(name)
    if key == "-":
        if exp.per_entry:
            raise DirectiveError(f"experiment {name!r} runs per entry: name one instead of '-'")
        return results.get(name)
    entry = _entry(key)
    if not exp.per_entry:
        raise DirectiveError(f"experiment {name!r} is global: write '-' instead of {key!r}")
    if not exp.applies(entry):
        reason = exp.skip_reason(entry)
        raise DirectiveError(f"experiment {name!r} does not run for {key!r}"
                             + (f": {reason.en}" if reason else " (not element-wise)"))
    return results.get(name, key)


def _value_text(value, digits: int, lang: str, missing: T | None = None) -> str:
    if value is None:
        return (missing or L["absent"])(lang)
    if isinstance(value, str):  # a number kept as text on purpose, e.g. a 50-digit constant
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DirectiveError(f"not a number: {value!r}")
    return str(value) if isinstance(value, int) else _num(float(value), digits)


def experiment(page: Page, name: str, key: str, path: str, digits: str = "3") -> str:
    from activations.experiments import field_value

    value = field_value(_result(name, key), path)
    if value is None:
        raise DirectiveError(f"{name} {key} {path} is None: show it with experiment_table, or state the case in words")
    return _value_text(value, int(digits), page.lang)


def experiment_setting(page: Page, name: str, setting: str) -> str:
    exp = _experiment(name)
    if setting not in exp.settings:
        raise DirectiveError(f"experiment {name!r} has no setting {setting!r}; settings: {', '.join(exp.settings)}")
    value = exp.settings[setting]
    if isinstance(value, (list, tuple)):
        return ", ".join(_value_text(v, 6, page.lang) if isinstance(v, (int, float)) else str(v) for v in value)
    return _value_text(value, 6, page.lang) if isinstance(value, (int, float)) else str(value)


def experiment_table(page: Page, name: str) -> str:
    from activations.experiments import field_value

    exp, lang = _experiment(name), page.lang
    if not exp.per_entry or not exp.columns:
        raise DirectiveError(f"experiment {name!r} has no per-entry table (it is global or has no columns)")
    head = (f"| {L['name'](lang)} | " + " | ".join(_cell(c.header(lang)) for c in exp.columns) + " |\n"
            + "|---" * (len(exp.columns) + 1) + "|\n")
    rows = []
    for entry in activations.REGISTRY.values():
        if entry.kind != "elementwise":
            continue
        reason = exp.skip_reason(entry)
        if reason is not None:
            rows.append(f"| {link(page, entry.key)} | {L['skipped'](lang)}: {_cell(reason(lang))} |"
                        + " |" * (len(exp.columns) - 1))
            continue
        result = _result(name, entry.key)
        cells = [_value_text(field_value(result, c.path), c.digits, lang, c.missing) for c in exp.columns]
        rows.append(f"| {link(page, entry.key)} | " + " | ".join(cells) + " |")
    return head + "\n".join(rows)


def deep_network(page: Page, key: str) -> str:
    """The numbers of the depth experiment for one function, by initialisation, and its figure."""
    from activations.experiments.deep_network import INIT_LABELS, THRESHOLDS

    lang = page.lang
    exp = _experiment("depth")
    entry = _entry(key)
    if not exp.applies(entry):
        reason = exp.skip_reason(entry)
        return f"{L['skipped'](lang)}: {reason(lang) if reason else ''}"
    data = _result("depth", key)
    depth = exp.settings["depth"]
    after = [k for k in (10,) if k < depth]
    pct = [f"{t * 100:g} %" for t in THRESHOLDS]
    headers = ([L["init"](lang)] + [L["grad_after"](lang).format(k=k) for k in after]
               + [L["depth_to"](lang).format(p=p) for p in pct]
               + [L["last_std"](lang).format(l=depth), L["saturated"](lang).format(l=depth)])
    missing = T(f"> {depth - 1}", f"> {depth - 1}")  # as in the comparison tables
    rows = []
    for init, label in INIT_LABELS.items():
        r = data[init]
        cells = ([label] + [_value_text(r["grad_norm"][k], 3, lang) for k in after]
                 + [_value_text(r[f], 3, lang, missing) for f in ("depth_1pct", "depth_01pct")]
                 + [_value_text(r["std"][-1], 3, lang), _value_text(r["saturated"][-1], 3, lang)])
        rows.append("| " + " | ".join(cells) + " |")
    intro = L["deep_intro"](lang).format(root=page.root, width=exp.settings["width"], depth=depth)
    table = "| " + " | ".join(map(_cell, headers)) + " |\n" + "|---" * len(headers) + "|\n" + "\n".join(rows)
    return intro + "\n\n" + table + "\n\n" + figure(page, f"{key}/deep_network")


DIRECTIVES: dict[str, Callable[..., str]] = {
    f.__name__: f
    for f in (formula, derivative, stable, figure, properties, params, api, framework_versions,
              framework_defaults, framework_kinks, framework_differences, framework_specials, framework_grid,
              references, compare, fact,
              const, name, link, summary, range, grad_range, domain, constant, note_formula, param, gallery, count, accuracy,
              experiment, experiment_setting, experiment_table, deep_network, explore, compare_view)
}


def expand(markdown: str, page: Page) -> str:
    """Expand every directive of ``markdown``; raise :class:`DirectiveError` on a mistake."""
    out = []
    in_fence = False
    for lineno, line in enumerate(markdown.splitlines(), 1):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            continue

        def replace(match: re.Match[str]) -> str:
            directive, args = match.group(1), match.group(2).split()
            func = DIRECTIVES.get(directive)
            if func is None:
                raise DirectiveError(
                    f"line {lineno}: unknown directive {directive!r}; known: {', '.join(DIRECTIVES)}")
            try:
                inspect.signature(func).bind(page, *args)
            except TypeError:
                raise DirectiveError(f"line {lineno}: wrong arguments for {directive}: {args}; "
                                     f"expected {directive}{inspect.signature(func)}") from None
            try:
                return func(page, *args)
            except (DirectiveError, KeyError) as err:
                raise DirectiveError(f"line {lineno}: {err.args[0]}") from None

        out.append(DIRECTIVE.sub(replace, line))
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")
