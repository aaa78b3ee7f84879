"""The renderer: every figure fits its canvas, the print formats are faithful files, the cache key and
the background renders behave."""

from __future__ import annotations

import io
import re
import time

import numpy as np
import pytest
from PIL import Image

from activations.figures import cache as figure_cache
from activations.figures import plotting, print_formats
from activations.figures.inventory import all_figures, get_figure

FIGURES = all_figures()


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.id)
def test_every_figure_fits_its_canvas_and_is_vector(figure):
    """Fixed margins (plotting.MARGINS) must leave room for every label; images would be lost by the
    PNG/PDF conversion."""
    from matplotlib.image import AxesImage

    with plotting.drawn(figure) as fig:
        fig.draw_without_rendering()
        box = fig.get_tightbbox()  # inches
        width, height = fig.get_size_inches()
        overflow = max(-box.x0, -box.y0, box.x1 - width, box.y1 - height)
        assert overflow < 0.01, f"{figure.id}: text or artists reach {overflow:.3f} in beyond the figure"
        assert not fig.findobj(AxesImage), f"{figure.id}: raster image; draw it with vector artists"
        assert not [a for a in fig.findobj() if a.get_rasterized()], f"{figure.id}: rasterised artist"


def test_png_is_an_opaque_rgb_image_of_the_requested_size_and_dpi():
    figure = get_figure("sigmoid/function")
    png = plotting.render(figure, "png", theme="light", dpi=150)
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.mode == "RGB"
    assert image.size == (round(figure.size[0] * 150), round(figure.size[1] * 150))
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.05)  # pHYs stores whole pixels per metre
    pixels = np.asarray(image)
    assert (pixels[0, 0] > 250).all()  # light background
    assert (pixels < 128).any()  # and something drawn on it
    assert set(image.info) == {"dpi"}  # no text, time or software chunks


def test_png_encoder_round_trips_exactly():
    rng = np.random.default_rng(0)
    width, height = 7, 5
    rows = np.zeros((height, 1 + 3 * width), np.uint8)
    rows[:, 1:] = rng.integers(0, 256, (height, 3 * width), dtype=np.uint8)
    png = print_formats._png(rows, width, height, 300)
    decoded = np.asarray(Image.open(io.BytesIO(png)))
    assert np.array_equal(decoded, rows[:, 1:].reshape(height, width, 3))


def test_print_formats_show_the_same_drawing_as_the_svg():
    """PNG and PDF are the SVG converted, so they agree with what matplotlib drew (here: its own Agg
    rendering of the same figure, up to anti-aliasing)."""
    from activations.figures.plotting import drawn

    figure = get_figure("gelu/gradient")
    png = np.asarray(Image.open(io.BytesIO(plotting.render(figure, "png", theme="light", dpi=100))), dtype=int)
    with drawn(figure) as fig:
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=100, facecolor="#ffffff")
    reference = np.asarray(Image.open(io.BytesIO(out.getvalue())).convert("RGB"), dtype=int)
    assert png.shape == reference.shape
    differs = (np.abs(png - reference).max(axis=2) > 64).mean()
    assert differs < 0.02, f"{differs:.1%} of the pixels differ"


def test_pdf_is_one_vector_page_of_the_figure_size_without_dates():
    figure = get_figure("softmax/jacobian")
    pdf = plotting.render(figure, "pdf", theme="light")
    assert pdf.startswith(b"%PDF-")
    assert re.search(rb"/Count 1\b", pdf), "one page"
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box and float(box[1]) == pytest.approx(figure.size[0] * 72, abs=0.5)
    assert float(box[2]) == pytest.approx(figure.size[1] * 72, abs=0.5)
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    assert b"/Subtype /Image" not in pdf  # the heat map is vector cells, not a bitmap
    assert plotting.render(figure, "pdf", theme="light") == pdf


def test_raster_image_in_a_figure_is_a_clear_error():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,AA"/></svg>'
    with pytest.raises(ValueError, match="raster image.*pcolormesh"):
        print_formats.check_vector(svg, "demo/figure")


def test_shared_math_text_layouts_use_a_method_that_exists_and_are_removed_after_drawing():
    """plotting._shared_mathtext_layouts replaces a private matplotlib method while drawing; an upgrade
    that renames it must fail here, not silently slow the build down."""
    from matplotlib.mathtext import MathTextParser

    before = MathTextParser.__dict__["_parse_cached"]
    assert hasattr(before, "__wrapped__")
    plotting.render(get_figure("sigmoid/function"), "svg")
    assert MathTextParser.__dict__["_parse_cached"] is before


def test_cache_key_covers_the_drawing_code_and_changes_with_it(monkeypatch):
    figure = get_figure("gelu/function")
    sources = {p.name for p in figure_cache._sources(figure)}
    assert {"plotting.py", "print_formats.py", "analysis.py", "smooth_relu.py", "_exact.py"} <= sources
    key = figure_cache.cache_key(figure)
    assert key != figure_cache.cache_key(get_figure("gelu/gradient"))
    monkeypatch.setattr(figure_cache, "_VERSIONS", figure_cache._VERSIONS + " matplotlib 99")
    assert figure_cache.cache_key(figure) != key


def test_background_renders_fill_the_cache_and_report_once(tmp_path):
    figures = [get_figure("relu/function"), get_figure("relu/gradient")]
    folders = figure_cache.start(figures, cache_dir=tmp_path, workers=2)
    report = figure_cache.finish()
    assert report is not None and report.rendered == 2 and report.total == 2 and report.cpu_seconds > 0
    assert figure_cache.finish() is None  # reported once
    for figure_id, folder in folders.items():
        stem = figure_id.rsplit("/", 1)[-1]
        assert sorted(p.name for p in folder.iterdir()) == sorted(stem + s for s in figure_cache.OUTPUTS)
    # a second pass finds them cached and renders nothing
    figure_cache.start(figures, cache_dir=tmp_path, workers=2)
    report = figure_cache.finish()
    assert report.rendered == 0
    assert "2 cached" in str(report) and "CPU" not in str(report)


def test_workers_draw_the_facts_the_build_hands_them(tmp_path, monkeypatch):
    """A gradient figure shows the numbers its page quotes; a build computes them for the pages and hands
    them to the worker, which draws those (not a second computation): same bytes as drawn alone, and a
    changed number handed over is what the figure shows."""
    from concurrent.futures import Future
    from dataclasses import replace

    from activations.core import analysis

    figure, fx = get_figure("sigmoid/gradient"), analysis.facts("sigmoid")
    alone = plotting.render(figure, "svg", theme="light")
    monkeypatch.setattr(analysis, "_ADOPTED", {})
    figure_cache._render_into(figure.id, str(tmp_path / "given"), fx)
    assert (tmp_path / "given" / "gradient.print.svg").read_bytes() == alone
    monkeypatch.setattr(analysis, "_ADOPTED", {})
    figure_cache._render_into(figure.id, str(tmp_path / "changed"), replace(fx, vanish_pos=2.5, vanish_neg=-2.5))
    changed = (tmp_path / "changed" / "gradient.print.svg").read_text()
    assert changed != alone.decode() and "x = 2.5" in changed and "x = -2.5" in changed
    # and a worker of a real build is handed them with the figure (none for figures without facts)
    monkeypatch.setattr(analysis, "_ADOPTED", {})
    submitted = []

    class Pool:
        def submit(self, _render, *args):
            submitted.append(args)
            return Future()

    monkeypatch.setattr(figure_cache._renders, "pool", Pool())
    figure_cache._renders.submit(figure, tmp_path / "a", workers=2)
    figure_cache._renders.submit(get_figure("sigmoid/function"), tmp_path / "b", workers=2)
    figure_cache._renders.reset()
    assert submitted == [(figure.id, str(tmp_path / "a"), fx), ("sigmoid/function", str(tmp_path / "b"), None)]


def test_prune_deletes_only_old_unused_cache_folders(tmp_path):
    import os

    def folder(name, days_old):
        path = tmp_path / name
        path.mkdir()
        stamp = time.time() - days_old * 86400
        os.utime(path, (stamp, stamp))
        return path

    old_unused = folder("0123456789abcdef0123", 30)
    old_kept = folder("aaaaaaaaaaaaaaaaaaaa", 30)
    recent_unused = folder("bbbbbbbbbbbbbbbbbbbb", 1)
    not_a_key = folder("notes", 30)
    removed = figure_cache.prune(tmp_path, keep={old_kept}, older_than_days=7)
    assert removed == 1
    assert not old_unused.exists()
    assert old_kept.exists() and recent_unused.exists() and not_a_key.exists()


def test_a_failing_render_names_its_figure(tmp_path, monkeypatch):
    from activations.figures import plotting as plotting_module

    def broken(*args, **kwargs):
        raise ZeroDivisionError("drawer bug")

    monkeypatch.setattr(plotting_module, "render_formats", broken)
    figure_cache.start([get_figure("relu/function")], cache_dir=tmp_path, workers=1)
    with pytest.raises(RuntimeError, match="relu/function.*drawer bug"):
        figure_cache.finish()
    assert list(tmp_path.iterdir()) == []  # nothing half-written left in the cache


def test_missing_skia_libraries_are_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def failing(name, *args, **kwargs):
        if name == "skia":
            raise ImportError("libEGL.so.1: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing)
    with pytest.raises(RuntimeError, match="apt-get install libegl1 libgl1"):
        print_formats._skia()
