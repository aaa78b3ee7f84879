"""Signal and gradient through depth at initialisation (Glorot & Bengio 2010; He et al. 2015;
Klambauer et al. 2017): one forward and one backward pass of a deep fully connected net per
initialisation, through the registry's own ``fn`` and ``grad``.

The net: ``depth`` square layers of ``width`` units, no biases (the papers' setting), inputs
``x ~ N(0, 1)`` of shape ``(batch, width)``, weights ``N(0, σ²)`` with the initialisation's variance
(:func:`._nets.init_std`: Xavier 2/(fan_in + fan_out), He 2/fan_in, LeCun 1/fan_in). Xavier's variance
is Glorot's 2/(fan_in + fan_out), which for square layers *is* LeCun's 1/n: the two initialisations give
the same weights, so their results are identical (computed once). All initialisations scale the same
standard normal draws (common random numbers: differences between them are not sampling noise).

Backward: a random unit gradient at the top (one direction of norm 1 per sample, fixed seed), then
``∂L/∂h[l-1] = (∂L/∂h[l] ⊙ f′(a[l])) W[l]ᵀ``; ``grad_norm[k]`` is the Frobenius norm over the batch of
``∂L/∂h[top − k]`` divided by that of the top.

Result, per initialisation (see :data:`EXPERIMENT`): ``mean``, ``std`` (of the pre-activations of every
layer over batch and units), ``saturated`` (fraction of units with ``|f′(a)| < entry.vanishing_eps``),
``log2_var_ratio`` (median over layers of log₂(var a[l+1] / var a[l])), ``grad_norm`` (index 0 = top),
``depth_1pct`` / ``depth_01pct`` (the first k with ``grad_norm[k]`` below 1 % / 0.1 %, None if none).
"""

from __future__ import annotations

import numpy as np

from ..core.registry import get as get_entry
from ..core.spec import Activation, T
from ..figures.drawers import drawer
from . import results
from ._nets import backward, forward, init_std
from .base import Column, Experiment

__all__ = ["EXPERIMENT", "run", "skip", "theory_log2_ratio", "FIGURE_ENTRIES"]

#: the gradient-norm thresholds of depth_1pct and depth_01pct
_THRESHOLDS = {"depth_1pct": 0.01, "depth_01pct": 0.001}

#: finite inputs at which f and f′ must stay finite for a deep net's signal to stay in float64
_PROBES = np.concatenate([-np.logspace(0, 300, 31), [0.0], np.logspace(0, 300, 31)])


def skip(entry: Activation) -> T | None:
    """Skip a function that float64 cannot carry through a deep net: one whose value or derivative is
    not finite at some finite input (e.g. eˣ overflows from x ≈ 709.8; its net overflows within a few
    layers, where every statistic would be inf or NaN)."""
    with np.errstate(all="ignore"):
        bad = ~(np.isfinite(entry.fn(_PROBES, **entry.defaults)) & np.isfinite(entry.grad(_PROBES, **entry.defaults)))
    if not bad.any():
        return None
    return T("f 或 f′ 在有限输入处溢出 float64，深层网络的信号会超出其范围",
             "f or f′ overflows float64 at finite inputs: a deep net's signal would leave its range")


def _first_below(norms: np.ndarray, level: float) -> int | None:
    below = np.flatnonzero(norms < level)
    return int(below[0]) if below.size else None


def _measure(entry: Activation, x: np.ndarray, weights: np.ndarray, top: np.ndarray) -> dict:
    with np.errstate(under="ignore"):  # a saturating net's gradient underflows towards 0: that is the finding
        pre, _ = forward(entry, x, weights)
        slopes = entry.grad(pre, **entry.defaults)
        grads = backward(entry, pre, weights, top, slopes)
    saturated = np.abs(slopes) < entry.vanishing_eps
    var = pre.var(axis=(1, 2))
    norms = np.sqrt(np.einsum("lbw,lbw->l", grads, grads))[::-1]  # index 0: the top layer
    norms = norms / norms[0]
    if not (np.isfinite(pre).all() and np.isfinite(norms).all()):
        raise FloatingPointError(f"depth: the {entry.key} net left float64 (add it to the skip rule)")
    # a signal that dies (exactly 0 in float64, e.g. softshrink's) has no ratio past its death
    alive = var[:-1] > 0
    with np.errstate(divide="ignore"):
        ratios = np.log2(var[1:][alive] / var[:-1][alive])
    result = {
        "mean": pre.mean(axis=(1, 2)).tolist(),
        "std": np.sqrt(var).tolist(),
        "saturated": saturated.mean(axis=(1, 2)).tolist(),
        "log2_var_ratio": float(np.median(ratios)),
        "grad_norm": norms.tolist(),
    }
    result.update({name: _first_below(norms, level) for name, level in _THRESHOLDS.items()})
    return result


def run(entry: Activation, settings: dict) -> dict:
    width, depth, batch = settings["width"], settings["depth"], settings["batch"]
    rng = np.random.default_rng(settings["seed"])
    x = rng.standard_normal((batch, width))
    z = rng.standard_normal((depth, width, width))
    top = rng.standard_normal((batch, width))
    top /= np.linalg.norm(top, axis=1, keepdims=True)
    by_std: dict[float, dict] = {}  # square layers: Xavier's σ equals LeCun's, one computation serves both
    out = {}
    for init in settings["inits"]:
        std = init_std(init, width, width)
        if std not in by_std:
            by_std[std] = _measure(entry, x, z * std, top)
        out[init] = by_std[std]
    return out


def theory_log2_ratio(init: str, width: int) -> float:
    """ReLU's per-layer log₂ variance ratio predicted by Glorot & Bengio / He et al.: with zero-mean
    symmetric pre-activations, E[relu(a)²] = var(a)/2, so var a[l+1] = n σ² var(a[l]) / 2."""
    return float(np.log2(width * init_std(init, width, width) ** 2 / 2))


SETTINGS = {"width": 256, "depth": 50, "batch": 64, "seed": 20261203, "inits": ["xavier", "he", "lecun"]}

#: as the comparison tables write it: deeper than the deepest layer below the top
_NOT_WITHIN = T(f"> {SETTINGS['depth'] - 1}", f"> {SETTINGS['depth'] - 1}")

EXPERIMENT = Experiment(
    name="depth",
    title=T("信号与梯度随深度的变化", "Signal and gradient through depth"),
    run=run,
    settings=SETTINGS,
    skip=skip,
    columns=(
        Column(T("梯度降到 1% 的层数，Xavier = LeCun", "Layers to 1 % gradient, Xavier = LeCun"),
               "xavier.depth_1pct", missing=_NOT_WITHIN),
        Column(T("梯度降到 1% 的层数，He", "Layers to 1 % gradient, He"), "he.depth_1pct", missing=_NOT_WITHIN),
        Column(T("10 层后的梯度，Xavier", "Gradient after 10 layers, Xavier"), "xavier.grad_norm.10"),
        Column(T("10 层后的梯度，He", "Gradient after 10 layers, He"), "he.grad_norm.10"),
        Column(T("每层方差 log₂ 比，Xavier", "log₂ variance ratio, Xavier"), "xavier.log2_var_ratio"),
        Column(T("每层方差 log₂ 比，He", "log₂ variance ratio, He"), "he.log2_var_ratio"),
    ),
    figures=("depth_signal", "depth_gradient"),
    notes={
        # the numbers the papers' variance argument predicts for ReLU (computed, not typed)
        "relu_xavier_log2_ratio": theory_log2_ratio("xavier", SETTINGS["width"]),
        "relu_he_log2_ratio": theory_log2_ratio("he", SETTINGS["width"]),
    },
)

# --- figures ---------------------------------------------------------------------------------------

#: the functions the experiment's own figures compare (one curve each)
FIGURE_ENTRIES = ("sigmoid", "tanh", "relu", "selu")
#: the panels: Xavier and LeCun are the same nets here (square layers), so two panels show all three
_PANELS = (("xavier", "Xavier = LeCun"), ("he", "He"))
_STYLES = ("-", "--", "-.", ":")


def _panels(c, ylabel: str, field: str, top_down: bool, legend: str) -> None:
    c.ax.remove()
    axes = c.fig.subplots(2, 1, sharex=True)
    for row, (ax, (init, label)) in enumerate(zip(axes, _PANELS)):
        c.style_axes(ax, xlabel="$k$" if top_down else "$l$", origin=False)
        if row == 0:
            ax.set_xlabel("")
        for i, key in enumerate(FIGURE_ENTRIES):
            values = np.asarray(results.get("depth", key)[init][field], dtype=float)
            shown = np.where(values > 0, values, np.nan)  # exactly 0 has no place on a log axis
            ax.plot(np.arange(values.size), shown, color=c.colors[i], linestyle=_STYLES[i], linewidth=1.8,
                    label=get_entry(key).name.en)
        ax.set_yscale("log")
        ax.set_ylabel(ylabel)
        ax.set_xlim(0, SETTINGS["depth"] - 1)
        ax.set_title(label, color=c.ink)
    c.legend(axes[1], loc=legend, fontsize=10, ncol=2)


@drawer(
    "depth_signal",
    caption=T("预激活值的标准差随层数 l 的变化（对数纵轴）：上图 Xavier（方阵层即 LeCun），下图 He",
              "Standard deviation of the pre-activations against the layer l (log scale): Xavier (for square "
              "layers the same as LeCun) above, He below"),
    alt=T("两幅曲线图：sigmoid、tanh、ReLU、SELU 四种网络中各层预激活标准差随深度的变化",
          "Two panels of curves: the pre-activation standard deviation per layer in sigmoid, tanh, ReLU and "
          "SELU nets"),
    size=(6.4, 6.4),
)
def _draw_signal(c, figure) -> None:
    _panels(c, r"$\mathrm{std}(a_l)$", "std", top_down=False, legend="upper left")


@drawer(
    "depth_gradient",
    caption=T("梯度范数与顶层之比随顶层以下层数 k 的变化（对数纵轴）：上图 Xavier（方阵层即 LeCun），下图 He",
              "Gradient norm relative to the top layer against the number k of layers below the top (log "
              "scale): Xavier (for square layers the same as LeCun) above, He below"),
    alt=T("两幅曲线图：sigmoid 网络的梯度几层内就降到很小，ReLU 配 He 初始化基本不衰减",
          "Two panels of curves: the sigmoid net's gradient falls by orders of magnitude within a few layers, "
          "ReLU with He initialisation keeps it"),
    size=(6.4, 6.4),
)
def _draw_gradient(c, figure) -> None:
    _panels(c, r"$\Vert \partial L/\partial h_{L-k} \Vert / \Vert \partial L/\partial h_L \Vert$",
            "grad_norm", top_down=True, legend="lower left")
