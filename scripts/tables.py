"""Content tables, wrapped at build time the way Material's script would wrap them in the browser.

Material's script puts every content table (``table:not([class])``) into its scroll wrapper when a page
starts: it takes the table out of the document and puts it back, and the layout its start-up then forces
lays every table out a second time. On the overview (8 tables, 212 formulas) that was the page's longest
task. Lighthouse, mobile, 3 runs each (2026-12-04), before and after this module: the overview's total
blocking time 0.53 s and 0.05 s (performance 82 and 99), the accuracy page's 0.38 s and 0.15 s (89 and
97). So the build writes the wrapper itself and marks the table
``class="act-data"``, which Material's script leaves alone; the rules Material's stylesheet gives
``table:not([class])`` are given to ``table.act-data`` by a stylesheet derived at build time from the
installed Material's own (:func:`stylesheet`), so nothing of Material is copied into this repository and an
upgrade carries its table style along.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["CLASS", "STYLESHEET", "wrap", "stylesheet", "material_stylesheet"]

CLASS = "act-data"
#: where the derived stylesheet is published (listed in mkdocs.yml's extra_css, before site.css)
STYLESHEET = "assets/material-tables.css"
#: Material's selector of a content table, and ours
_MATERIAL = "table:not([class])"
_OURS = f"table.{CLASS}"
# Markdown's tables carry no attribute; each in a block the browser may skip off screen
# (``.act-table``, docs/assets/site.css) around Material's two wrappers
_OPEN = ('<div class="act-table"><div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
         f'<table class="{CLASS}">')
_CLOSE = "</table></div></div></div>"


def wrap(html: str) -> str:
    """Every ``<table>`` of ``html`` in Material's scroll wrapper (and the skippable block), marked."""
    return html.replace("<table>", _OPEN).replace("</table>", _CLOSE)


def material_stylesheet() -> Path:
    """The installed Material's main stylesheet (one ``main.<hash>.min.css``)."""
    import material

    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    if len(found) != 1:
        raise RuntimeError(f"expected one main.*.min.css in the Material theme, found {[p.name for p in found]}")
    return found[0]


def stylesheet(material_css: str) -> str:
    """Material's rules for ``table:not([class])`` (within ``@media`` blocks too), for ``table.act-data``.

    Only the selectors of a rule that name a content table are kept; the declarations are Material's."""
    rules = []
    for media, selectors, body in _rules(material_css):
        ours = [s.replace(_MATERIAL, _OURS) for s in selectors.split(",") if _MATERIAL in s]
        if ours:
            rule = ",".join(ours) + "{" + body + "}"
            rules.append(f"{media}{{{rule}}}" if media else rule)
    if not rules:
        raise RuntimeError(f"Material's stylesheet has no rule for {_MATERIAL}: its table markup has changed")
    head = f"/* Material's rules for {_MATERIAL}, for {_OURS} (scripts/tables.py; derived at build time) */"
    return "\n".join([head, *rules]) + "\n"


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _rules(css: str):
    """(the enclosing ``@media`` or ``@supports`` prelude or "", selectors, declarations) of each style rule
    of a minified stylesheet; other at-rule blocks (``@keyframes``, ``@font-face``, ...) hold no style rule
    and are passed over, as are ``@import`` and ``@charset``. One level of nesting: a rule inside a nested
    block would lose its inner prelude (tests/test_tables.py checks that every selector is found)."""
    pos = 0
    while pos < len(css):
        at = css.find("@", pos)
        end = len(css) if at < 0 else at
        for m in _RULE.finditer(css, pos, end):
            yield "", m.group(1).strip(), m.group(2)
        if at < 0:
            return
        brace, semicolon = css.find("{", at), css.find(";", at)
        if brace < 0 or 0 <= semicolon < brace:  # @import, @charset: no block
            pos = semicolon + 1 if semicolon >= 0 else len(css)
            continue
        depth, j = 1, brace + 1
        while depth and j < len(css):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        prelude = css[at:brace].strip()
        if prelude.startswith(("@media", "@supports")):
            for m in _RULE.finditer(css, brace + 1, j - 1):
                yield prelude, m.group(1).strip(), m.group(2)
        pos = j
