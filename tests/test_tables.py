"""The stylesheet that gives the build's own tables Material's table style (scripts/tables.py)."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import tables  # noqa: E402


@pytest.fixture(scope="module")
def material_css() -> str:
    return tables.material_stylesheet().read_text("utf-8")


def test_every_material_rule_for_a_content_table_is_carried_over_with_its_declarations(material_css):
    head, derived = tables.stylesheet(material_css).split("\n", 1)
    assert head.startswith("/*") and head.endswith("*/")

    def per_selector(css: str, needle: str) -> list[tuple[str, str, str]]:
        return [(media, selector.strip(), body) for media, selectors, body in tables._rules(css)
                for selector in selectors.split(",") if needle in selector]

    theirs = per_selector(material_css, "table:not([class])")
    assert len(theirs) == material_css.count("table:not([class])") > 5  # the reader found every one
    # each of Material's selectors, with our table in place of its own, in its @media, with its declarations
    assert per_selector(derived, "table.act-data") == [
        (media, selector.replace("table:not([class])", "table.act-data"), body) for media, selector, body in theirs]
    assert "table:not([class])" not in derived  # nothing else of Material's


def test_a_changed_material_stylesheet_is_a_clear_error():
    with pytest.raises(RuntimeError, match="no rule for table"):
        tables.stylesheet(".md-typeset table{display:block}")


def test_wrap_gives_markdown_tables_the_wrappers_and_the_class():
    html = tables.wrap("<p>x</p><table><tr><td>1</td></tr></table>")
    assert html == ('<p>x</p><div class="act-table"><div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                    '<table class="act-data"><tr><td>1</td></tr></table></div></div></div>')
