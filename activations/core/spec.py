"""The data model of the registry: one :class:`Activation` per function.

An entry holds everything the site, the tests and the figure CLI know about a function: its code
(``fn`` and ``grad`` side by side), its LaTeX, its parameters, the properties it claims (which the tests
check numerically), its references and its names in the frameworks. Nothing here computes; numbers
derived from an entry (minima, thresholds, ...) come from :mod:`activations.core.analysis`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, NamedTuple

__all__ = [
    "T", "Param", "Bounds", "Properties", "Reference", "Api", "Activation",
    "FAMILIES", "MINIMUM", "MAXIMUM", "REALS",
]

inf = math.inf

#: Sentinels for a bound that is reached at an interior extremum: :mod:`activations.core.analysis`
#: computes it, so neither the registry nor a page types the number.
MINIMUM = "minimum"
MAXIMUM = "maximum"


class T(NamedTuple):
    """A text in both site languages."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


#: Families group the navigation and the overlay figures, in this order.
FAMILIES: dict[str, T] = {
    "sigmoid": T("S 型（饱和）函数", "Sigmoid-like (saturating)"),
    "relu": T("ReLU 族（分段线性）", "ReLU-like (piecewise linear)"),
    "smooth-relu": T("平滑 ReLU 族", "Smooth ReLU-like"),
    "self-gated": T("自门控函数 x·g(x)", "Self-gated, x·g(x)"),
    "shrinkage": T("收缩函数", "Shrinkage"),
    "other": T("周期、径向及其他", "Periodic, radial and other"),
    "gated": T("门控线性单元（GLU 族）", "Gated linear units (GLU family)"),
    "vector": T("向量值函数", "Vector-valued"),
}


@dataclass(frozen=True)
class Param:
    """A parameter with its default, its LaTeX symbol and the values it may take."""

    name: str
    default: float
    symbol: str
    doc: T
    allowed: str = "a finite real number"
    ok: Callable[[float], bool] = math.isfinite
    #: the values worth exploring, ``(lo, hi)``: what the slider of the interactive views covers
    #: (:mod:`activations.interactive`). A reader's range, narrower than the allowed set; it holds the
    #: default, and every value in it is allowed while the other parameters keep their defaults.
    span: tuple[float, float] | None = None

    def check(self, value: Any) -> float:
        """``value`` as a float, or a ``TypeError``/``ValueError`` naming this parameter."""
        from .arrays import check_param

        return check_param(self.name, value, self.ok, self.allowed)


@dataclass(frozen=True)
class Bounds:
    """An interval ``lo..hi`` (at the default parameters) with its LaTeX.

    ``lo``/``hi`` may be :data:`MINIMUM`/:data:`MAXIMUM`; ``tex`` may then use ``{minimum}`` /
    ``{maximum}``, filled in with the computed value.
    """

    tex: str
    lo: float | str
    hi: float | str
    lo_closed: bool = False
    hi_closed: bool = False


#: the domain of every function whose entry does not name a smaller one
REALS = Bounds(r"\mathbb{R}", -inf, inf)


@dataclass(frozen=True)
class Properties:
    """Claims about the function at its default parameters; each is checked by the tests."""

    range: Bounds
    grad_range: Bounds
    monotonic: bool
    zero_centered: bool
    smoothness: Literal["discontinuous", "C0", "C1", "C2", "Cinf"]


@dataclass(frozen=True)
class Reference:
    authors: str
    year: int
    title: str
    venue: str
    url: str = ""


class Api(NamedTuple):
    """The function's call in each framework, or ``None`` where it has none.

    ``keras`` is Keras 3 (``keras.activations``/``keras.layers``); ``tensorflow`` is TensorFlow's own
    ``tf.nn``/``tf.math`` (and ``tf.keras`` where only that has it). Positional order is historical.

    Each field is the published call written as Python with the defaults *that framework* uses, e.g.
    ``paddle.nn.functional.leaky_relu(x, negative_slope=0.01)`` or ``torch.nn.ReLU(inplace=False)`` (a
    capitalised name is a layer); several calls are separated by ``"; "``. The calls are measured by
    ``scripts/frameworks.py`` (:mod:`activations.frameworks`), and a test ties these strings to the
    defaults introspected there."""

    torch: str | None = None
    jax: str | None = None
    keras: str | None = None
    tensorflow: str | None = None
    paddle: str | None = None
    mindspore: str | None = None
    mlx: str | None = None


@dataclass(frozen=True)
class Activation:
    """One registry entry.

    Element-wise entries have ``fn(x, **params)`` and ``grad(x, **params)`` (the derivative).
    Vector-valued entries (``kind="vector"``) have ``fn(x, axis=-1, **params)`` and
    ``grad(x, axis=-1, **params)`` returning the Jacobian with the new axis last
    (shape ``x.shape + (n,)``), plus ``vjp(x, g, axis=-1)``.
    """

    key: str
    name: T
    family: str
    fn: Callable[..., Any]
    grad: Callable[..., Any]
    tex: str
    grad_tex: str
    properties: Properties
    summary: T
    references: tuple[Reference, ...] = ()
    api: Api = Api()
    params: tuple[Param, ...] = ()
    kind: Literal["elementwise", "vector"] = "elementwise"
    vjp: Callable[..., Any] | None = None
    #: the symbol used in formulas and figure labels, e.g. ``\sigma``
    symbol: str = "f"
    #: LaTeX of the numerically stable form the code evaluates, where it differs from ``tex``
    stable_tex: str = ""
    #: |f'(x)| below this counts as a vanishing gradient (shaded in the gradient figure)
    vanishing_eps: float = 0.05
    #: where f is defined (at the default parameters), an interval of plain numbers: all reals unless
    #: the function is not, e.g. ``Bounds(r"[0,\ \infty)", 0.0, inf, lo_closed=True)`` for log1mexp.
    #: Outside it the kernels return NaN (NumPy's and JAX's convention for log of a negative number);
    #: an infinite end includes the infinite input, the limit there. Whatever samples x (analysis,
    #: figures, interactive views, accuracy and framework grids, tests) samples inside it
    #: (:mod:`activations.core.domain`), and an experiment that needs inputs from all of ℝ skips the entry.
    domain: Bounds = REALS
    #: x-range of the figures (inside the domain)
    xlim: tuple[float, float] = (-5.0, 5.0)
    #: y-range of the function and derivative figures where the curves' own extent would flatten them:
    #: a function with a pole at the end of its domain (None: fit the curves)
    ylim: tuple[float, float] | None = None
    #: parameter sets drawn in the family figure (empty: no family figure)
    family_values: tuple[dict[str, float], ...] = ()
    #: figures beyond the standard ones, by name (see :mod:`activations.figures.inventory`)
    extra_figures: tuple[str, ...] = ()
    notes: dict[str, Any] = field(default_factory=dict)
    #: other names readers search for, in any language (site search finds the page by them first)
    aliases: tuple[str, ...] = ()
    #: the x (at the default parameters) where f or f' jumps: the kinks and discontinuities of a
    #: piecewise function; the framework measurement records each framework's gradient there
    kinks: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"{self.key}: unknown family {self.family!r}; one of {sorted(FAMILIES)}")
        if isinstance(self.aliases, str) or not all(isinstance(a, str) and a.strip() for a in self.aliases):
            raise TypeError(f"{self.key}: aliases must be a tuple of non-empty strings, got {self.aliases!r}")
        lo, hi = self.domain.lo, self.domain.hi
        if not (isinstance(lo, float) and isinstance(hi, float) and lo < hi):
            raise ValueError(f"{self.key}: the domain must be an interval lo < hi of floats, got {lo!r}, {hi!r}")
        if not lo <= self.xlim[0] < self.xlim[1] <= hi:
            raise ValueError(f"{self.key}: the figures' xlim {self.xlim} must lie inside the domain [{lo}, {hi}]")

    @property
    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    def __call__(self, x: Any, **params: Any) -> Any:
        return self.fn(x, **params)
