"""A small training comparison: every element-wise function trains the same MLP on the same toy task.

Task: two interleaved spirals in the plane (:func:`two_spirals`): ``points`` points per class,
``turns`` turns, Gaussian noise of standard deviation ``noise`` on each coordinate, from ``data_seed``.
Net: ``depth`` hidden layers of width ``width`` with the entry's f, a linear output layer of 2 logits
and softmax cross-entropy; weights from the initialisation each function is meant for (:func:`init_for`:
He for the ReLU families, LeCun for SELU, Xavier otherwise), biases 0. Optimiser: Adam (Kingma & Ba
2015; own NumPy code, :class:`Adam`) with learning rate ``lr``, full batch, ``steps`` steps.
``seeds`` independent initialisations are trained at once: every array carries the seed as its leading
axis, so a layer is one batched matmul for all seeds. Backpropagation by hand through the registry's
f′ (:func:`._nets.backprop`).

Result (JSON):

- ``init``: the initialisation used (``"he"``, ``"lecun"`` or ``"xavier"``).
- ``steps``: the logged steps (0, ``log_every``, …, ``steps``); ``loss`` and ``accuracy``: at those
  steps, each ``{"median": [...], "min": [...], "max": [...]}`` across seeds (accuracy on the
  training set).
- ``steps_to_target``: per seed, the first logged step with accuracy ≥ ``target_accuracy`` (None: not
  reached within ``steps``); ``steps_to_target_median``: their median (None unless more than half of
  the seeds reached it); ``reached``: how many seeds did.
- ``final``: after training, medians across seeds of ``loss``, ``accuracy``, ``sparsity`` (fraction of
  hidden (unit, point) pairs whose output is exactly 0 on the training set) and ``dead`` (fraction of
  hidden units with f′ = 0 on every training point: no gradient reaches them, they never recover).
- ``final_by_seed``: the same four, one value per seed.
"""

from __future__ import annotations

import math

import numpy as np

from ..core.spec import Activation, T
from ..figures.drawers import drawer
from . import _nets
from .base import Column, Experiment

SETTINGS = {
    "points": 80,  # per class
    "turns": 1.25,
    "noise": 0.1,
    "data_seed": 7,
    "width": 24,
    "depth": 3,  # hidden layers
    "lr": 0.01,
    "adam_betas": (0.9, 0.999),
    "adam_eps": 1e-8,
    "steps": 250,
    "log_every": 10,
    "seeds": 5,
    "seed": 2015,
    "target_accuracy": 0.9,
}

#: which initialisation each function is meant for, as data: the ReLU families take He et al. 2015
#: (variance 2/fan-in, derived for rectifiers), SELU takes LeCun (Klambauer et al. 2017's fixed
#: point assumes variance 1/fan-in), every other function Xavier (Glorot & Bengio 2010)
INIT_BY_FAMILY = {"relu": "he", "smooth-relu": "he", "self-gated": "he"}
INIT_BY_KEY = {"selu": "lecun"}


def init_for(entry: Activation) -> str:
    return INIT_BY_KEY.get(entry.key, INIT_BY_FAMILY.get(entry.family, "xavier"))


def two_spirals(points: int, turns: float, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``2·points`` points on two interleaved spirals r = t, θ = 2π·turns·t (the second rotated by π),
    t uniform on [0.1, 1]; inputs scaled to about [−2, 2]; labels 0 and 1."""
    rng = np.random.default_rng(seed)
    t = 0.1 + 0.9 * rng.uniform(size=(2, points))
    theta = 2 * np.pi * turns * t + np.array([[0.0], [np.pi]])
    x = 2 * np.stack([t * np.cos(theta), t * np.sin(theta)], -1) + noise * rng.standard_normal((2, points, 2))
    y = np.repeat([0, 1], points)
    return x.reshape(-1, 2), y


def init_params(entry: Activation, settings: dict, seeds: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Weights of all seeds at once: ``w_in`` (1, S, 2, width), ``w`` (depth−1, S, width, width),
    ``w_out`` (S, width, 2), biases 0."""
    width, depth, s = settings["width"], settings["depth"], settings["seeds"]
    init = init_for(entry)
    rng = np.random.default_rng(settings["seed"])
    return {
        "w_in": rng.standard_normal((1, s, 2, width)) * _nets.init_std(init, 2, width),
        "b_in": np.zeros((1, s, 1, width)),
        "w": rng.standard_normal((depth - 1, s, width, width)) * _nets.init_std(init, width, width),
        "b": np.zeros((depth - 1, s, 1, width)),
        # the output layer is linear: Xavier for every entry
        "w_out": rng.standard_normal((s, width, 2)) * _nets.init_std("xavier", width, 2),
        "b_out": np.zeros((s, 1, 2)),
    }


def loss_and_grads(entry: Activation, params: dict, x: np.ndarray, y: np.ndarray,
                   with_grads: bool = True) -> tuple[np.ndarray, np.ndarray, dict | None, np.ndarray]:
    """Per seed: mean softmax cross-entropy, accuracy, the gradients of every parameter, and the
    hidden pre-activations (depth, S, N, width)."""
    s = params["w_out"].shape[0]
    xs = np.broadcast_to(x, (s, *x.shape))
    pre0, post0 = _nets.forward(entry, xs, params["w_in"], params["b_in"])
    pre, post = _nets.forward(entry, post0[0], params["w"], params["b"])
    top = post[-1] if len(pre) else post0[0]
    logits = top @ params["w_out"] + params["b_out"]
    shifted = logits - logits.max(-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
    n = len(y)
    loss = -log_p[:, np.arange(n), y].mean(-1)
    accuracy = (logits.argmax(-1) == y).mean(-1)
    hidden = np.concatenate([pre0, pre], 0)
    if not with_grads:
        return loss, accuracy, None, hidden
    d_logits = np.exp(log_p)
    d_logits[:, np.arange(n), y] -= 1
    d_logits /= n
    grads = {"w_out": np.swapaxes(top, -1, -2) @ d_logits, "b_out": d_logits.sum(-2, keepdims=True)}
    d_top = d_logits @ np.swapaxes(params["w_out"], -1, -2)
    dw, db, d_h0 = _nets.backprop(entry, post0[0], pre, post, params["w"], d_top)
    dw_in, db_in, _ = _nets.backprop(entry, xs, pre0, post0, params["w_in"], d_h0)
    grads.update(w=dw, b=db[:, :, None, :], w_in=dw_in, b_in=db_in[:, :, None, :])
    return loss, accuracy, grads, hidden


class Adam:
    """Adam (Kingma & Ba 2015) with bias correction, on a dict of arrays, in place."""

    def __init__(self, params: dict, lr: float, betas: tuple[float, float], eps: float) -> None:
        self.lr, (self.b1, self.b2), self.eps, self.t = lr, betas, eps, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, params: dict, grads: dict) -> None:
        self.t += 1
        c1, c2 = 1 - self.b1 ** self.t, 1 - self.b2 ** self.t
        for k, g in grads.items():
            self.m[k] = self.b1 * self.m[k] + (1 - self.b1) * g
            self.v[k] = self.b2 * self.v[k] + (1 - self.b2) * g * g
            params[k] -= self.lr * (self.m[k] / c1) / (np.sqrt(self.v[k] / c2) + self.eps)


def _spread(values: np.ndarray) -> dict:
    """Median, min and max across seeds (axis 1 of (logged steps, seeds))."""
    return {"median": [float(v) for v in np.median(values, 1)], "min": [float(v) for v in values.min(1)],
            "max": [float(v) for v in values.max(1)]}


def _median_or_none(values: list) -> float | None:
    """The median of per-seed values where None is 'never' (later than any number): None unless more
    than half of them are numbers."""
    reached = sorted(v for v in values if v is not None)
    if len(reached) * 2 <= len(values):
        return None
    ordered = reached + [math.inf] * (len(values) - len(reached))
    median = float(np.median(ordered))
    return median if math.isfinite(median) else None


def run(entry: Activation, settings: dict) -> dict:
    x, y = two_spirals(settings["points"], settings["turns"], settings["noise"], settings["data_seed"])
    params = init_params(entry, settings)
    adam = Adam(params, settings["lr"], tuple(settings["adam_betas"]), settings["adam_eps"])
    logged, losses, accuracies = [], [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(settings["steps"] + 1):
            loss, accuracy, grads, _ = loss_and_grads(entry, params, x, y, with_grads=step < settings["steps"])
            if step % settings["log_every"] == 0:
                logged.append(step)
                losses.append(loss)
                accuracies.append(accuracy)
            if grads is not None:
                adam.step(params, grads)
        loss, accuracy, _, hidden = loss_and_grads(entry, params, x, y, with_grads=False)
        out = entry.fn(hidden, **entry.defaults)
        slope = entry.grad(hidden, **entry.defaults)
    acc = np.array(accuracies)  # (logged, seeds)
    target = settings["target_accuracy"]
    to_target = [int(logged[int(np.argmax(acc[:, s] >= target))]) if (acc[:, s] >= target).any() else None
                 for s in range(acc.shape[1])]
    # hidden (depth, S, N, width): sparsity over layers, points and units; dead over layers and units
    by_seed = {
        "loss": [float(v) for v in loss],
        "accuracy": [float(v) for v in accuracy],
        "sparsity": [float(v) for v in (out == 0).mean(axis=(0, 2, 3))],
        "dead": [float(v) for v in (slope == 0).all(axis=2).mean(axis=(0, 2))],
    }
    return {
        "init": init_for(entry),
        "steps": logged,
        "loss": _spread(np.array(losses)),
        "accuracy": _spread(acc),
        "steps_to_target": to_target,
        "steps_to_target_median": _median_or_none(to_target),
        "reached": sum(v is not None for v in to_target),
        "final": {k: float(np.median(v)) for k, v in by_seed.items()},
        "final_by_seed": by_seed,
    }


EXPERIMENT = Experiment(
    name="training",
    title=T("小型训练对比", "A small training comparison"),
    run=run,
    settings=SETTINGS,
    columns=(
        Column(T("达到目标的步数（中位数）", "steps to target (median)"), "steps_to_target_median", 4,
               T("未达到", "not reached")),
        Column(T("达到目标的种子数", "seeds reaching it"), "reached", 0),
        Column(T("最终准确率", "final accuracy"), "final.accuracy", 3),
        Column(T("最终损失", "final loss"), "final.loss", 3),
        Column(T("输出为 0 的比例", "fraction of zero outputs"), "final.sparsity", 3),
        Column(T("死单元比例", "dead units"), "final.dead", 3),
    ),
    figures=("training_curves", "training_sparsity"),
)


# --- figures ---------------------------------------------------------------------------------------

#: the functions of the curves figure (the note's claims: tanh against sigmoid, ReLU) and of the bars
CURVE_ENTRIES = ("tanh", "sigmoid", "relu")
SPARSITY_ENTRIES = ("tanh", "sigmoid", "leaky_relu", "gelu", "hard_swish", "apl", "sparse_plus", "relu6",
                    "relu", "hardshrink", "softshrink")


def _label(key: str) -> str:
    import activations as act

    return f"${act.get(key).symbol}$"


@drawer(
    "training_curves",
    caption=T("双螺旋上的训练：训练集准确率（上）与损失（下，对数轴）随步数的变化；线为各种子的中位数，阴影为最小到最大",
              "Training on two spirals: training accuracy (top) and loss (bottom, log axis) against steps; "
              "lines are the median over seeds, bands span the minimum to the maximum"),
    alt=T("tanh 与 ReLU 的准确率很快升到 1，sigmoid 慢得多", "tanh and ReLU reach accuracy 1 quickly, sigmoid much later"),
    size=(6.4, 6.0),
)
def _draw_curves(c, figure) -> None:
    from . import results

    c.ax.remove()
    left, right = c.fig.subplots(2, 1, sharex=True)  # stacked: each panel keeps the full width on a phone
    c.axes[:] = [left, right]
    styles = ("-", "--", "-.")
    for i, key in enumerate(CURVE_ENTRIES):
        r = results.get("training", key)
        color = c.colors[i % len(c.colors)]
        for ax, what in ((left, "accuracy"), (right, "loss")):
            band = r[what]
            ax.fill_between(r["steps"], band["min"], band["max"], color=color, alpha=0.18, linewidth=0)
            ax.plot(r["steps"], band["median"], color=color, linestyle=styles[i], linewidth=1.9, label=_label(key))
    target = SETTINGS["target_accuracy"]
    left.axhline(target, color=c.ink, linewidth=0.8, linestyle=":")
    for ax, ylabel in ((left, "accuracy"), (right, "loss")):
        c.style_axes(ax, xlabel="step" if ax is right else "", origin=False)
        ax.set_ylabel(ylabel)
        ax.set_xlim(0, SETTINGS["steps"])
    right.set_yscale("log")
    left.set_ylim(0.4, 1.02)
    c.legend(left, loc="lower right", fontsize=10)
    c.fig.tight_layout()


@drawer(
    "training_sparsity",
    caption=T("训练后隐藏单元的稀疏性：输出恰为 0 的（单元, 样本）比例，与对所有训练点 f′ = 0 的死单元比例（各种子中位数）",
              "Hidden units after training: the fraction of (unit, point) outputs that are exactly 0, and the "
              "fraction of dead units with f′ = 0 on every training point (medians over seeds)"),
    alt=T("横向条形图：ReLU 一类函数约一半输出为 0，tanh 与 sigmoid 为 0",
          "Horizontal bars: about half of the outputs are 0 for the ReLU-like functions, none for tanh and sigmoid"),
    size=(6.4, 4.6),
)
def _draw_sparsity(c, figure) -> None:
    from . import results

    ax = c.ax
    c.style_axes(ax, xlabel="fraction", origin=False)
    y = np.arange(len(SPARSITY_ENTRIES))
    finals = [results.get("training", key)["final"] for key in SPARSITY_ENTRIES]
    ax.barh(y + 0.2, [f["sparsity"] for f in finals], height=0.38, color=c.colors[0], label="output exactly 0")
    ax.barh(y - 0.2, [f["dead"] for f in finals], height=0.38, color=c.colors[1], hatch="//",
            edgecolor=c.paper, linewidth=0, label="dead unit ($f' = 0$ on every point)")
    ax.set_yticks(y, [_label(k) for k in SPARSITY_ENTRIES])
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    c.legend(ax, loc="upper right", fontsize=9)  # the top rows (tanh, sigmoid) have no bars
