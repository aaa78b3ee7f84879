"""Operation counts a page quotes from a paper, recounted from expressions that are checked against the kernels.

StarReLU's page quotes Yu et al. (2022, "MetaFormer Baselines for Vision"): StarReLU needs 71 % fewer
activation FLOPs than GELU. The registry keeps the two counts and the expressions they count (the StarReLU
entry's ``notes``, see ``activations/catalog/rectifiers.py``); this test counts the operations of each
expression from its syntax tree, evaluates the expression against the library's kernel, and checks that the
counts give the paper's percentage.
"""

from __future__ import annotations

import ast
import math

import numpy as np
import pytest
from conftest import ROOT

from activations import REGISTRY

#: the paper's number (abstract of arXiv:2210.13452)
PAPER_SAVING_PERCENT = 71
#: names that are constants (folded, never counted); everything else but x is a parameter
CONSTANTS = {"k", "c"}
OPERATIONS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
FUNCTIONS = {"max", "exp"}


def _depends_on_x(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "x" for n in ast.walk(node))


def count_operations(expr: str) -> int:
    """Every +, −, ×, ÷, negation, max and exp that depends on x is one operation; equal subexpressions
    are computed once; constants (literals, :data:`CONSTANTS`, parameters alone) are folded."""
    tree = ast.parse(expr, mode="eval")
    seen: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp):
            if not isinstance(node.op, OPERATIONS):
                raise AssertionError(f"operator {type(node.op).__name__} is not counted; write it out")
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub):
                raise AssertionError(f"operator {type(node.op).__name__} is not counted")
        elif isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
                raise AssertionError(f"only {sorted(FUNCTIONS)} are counted, got {ast.unparse(node.func)}")
        else:
            continue
        if _depends_on_x(node):
            seen.add(ast.dump(node))
    return len(seen)


def evaluate(expr: str, x: np.ndarray, **names: float) -> np.ndarray:
    env = {"x": x, "exp": np.exp, "max": np.maximum, **names}
    return eval(compile(ast.parse(expr, mode="eval"), "<notes>", "eval"), {"__builtins__": {}}, env)


def test_the_counter_counts_what_it_says():
    assert count_operations("x") == 0
    assert count_operations("s * b + k") == 0  # no x: folded
    assert count_operations("x * x + x * x") == 2  # x·x once, then the sum
    assert count_operations("exp(x) - exp(-x)") == 4
    with pytest.raises(AssertionError):
        count_operations("x ** 2")


def test_star_relu_count_and_expression():
    e = REGISTRY["star_relu"]
    expr = e.notes["flops_expr"]
    assert count_operations(expr) == e.notes["flops"]
    x = np.linspace(-4.0, 4.0, 1601)
    d = e.defaults
    np.testing.assert_allclose(evaluate(expr, x, s=d["scale"], b=d["bias"]), e.fn(x), rtol=1e-14, atol=1e-15)


def test_gelu_tanh_count_and_expression():
    star, gelu = REGISTRY["star_relu"], REGISTRY["gelu"]
    expr = star.notes["gelu_tanh_flops_expr"]
    assert count_operations(expr) == star.notes["gelu_tanh_flops"]
    x = np.linspace(-4.0, 4.0, 1601)
    got = evaluate(expr, x, k=math.sqrt(2.0 / math.pi), c=gelu.notes["tanh_kappa"])
    np.testing.assert_allclose(got, gelu.fn(x, approximate="tanh"), rtol=1e-12, atol=1e-14)


def test_the_counts_give_the_papers_percentage_and_the_pages_show_it():
    notes = REGISTRY["star_relu"].notes
    saving = 100.0 * (1.0 - count_operations(notes["flops_expr"]) / count_operations(notes["gelu_tanh_flops_expr"]))
    assert saving == pytest.approx(notes["flops_saving_percent"], abs=1e-12)
    assert round(saving) == PAPER_SAVING_PERCENT
    for name in ("star_relu.md", "star_relu.en.md"):
        page = (ROOT / "docs" / "functions" / name).read_text(encoding="utf-8")
        assert "{{ constant star_relu flops_saving_percent 2 }}" in page, name
        assert "71%" not in page and "71 %" not in page, f"{name} types the percentage"
