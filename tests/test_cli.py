"""`python -m activations figures`: the same renderer as the site, standalone."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "activations", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_renders_chosen_figures_in_chosen_formats(tmp_path):
    result = run("figures", "--out", str(tmp_path), "--only", "sigmoid,softmax/jacobian", "--format", "png,svg",
                 "--dpi", "50", "--theme", "dark")
    assert result.returncode == 0, result.stderr
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*"))
    # A function's name selects all of its figures, the deep-network experiment's among them.
    assert made == ["sigmoid/deep_network.png", "sigmoid/deep_network.svg", "sigmoid/function.png",
                    "sigmoid/function.svg", "sigmoid/gradient.png", "sigmoid/gradient.svg",
                    "softmax/jacobian.png", "softmax/jacobian.svg"]
    assert (tmp_path / "sigmoid/function.png").read_bytes().startswith(b"\x89PNG")
    assert "[1/4]" in result.stderr and "4 figures in" in result.stderr  # progress output


def test_png_dpi_sets_the_pixel_size(tmp_path):
    from PIL import Image

    run("figures", "--out", str(tmp_path), "--only", "tanh/function", "--format", "png", "--dpi", "100")
    with Image.open(tmp_path / "tanh/function.png") as image:
        assert image.size == (640, 380)  # 6.4 × 3.8 inches at 100 dpi


def test_unknown_function_is_a_clear_error(tmp_path):
    result = run("figures", "--out", str(tmp_path), "--only", "sigmoidd")
    assert result.returncode != 0
    assert "unknown function or figure: sigmoidd" in result.stderr and "known functions: sigmoid" in result.stderr
    assert not any(tmp_path.iterdir())


def test_bad_format_is_a_clear_error(tmp_path):
    result = run("figures", "--out", str(tmp_path), "--format", "gif")
    assert result.returncode != 0 and "unknown format gif" in result.stderr
