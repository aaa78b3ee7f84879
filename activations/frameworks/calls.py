"""How each registry entry is called in each framework, as data.

The published call is the registry's own ``Api`` string (``activations/catalog``): one or more calls
separated by ``"; "``, each written as Python, e.g. ``paddle.nn.functional.leaky_relu(x,
negative_slope=0.01)`` or ``torch.nn.LeakyReLU(negative_slope=0.01, inplace=False)``, with the defaults
*the framework* uses (the test ties them to the defaults introspected from the framework's signature).
A capitalised last name is a layer (a class, instantiated with the keywords and put in evaluation mode);
anything else is a function called as ``f(x, **keywords)``.

:data:`OVERRIDES` says what the call needs beyond that to compute the registry's function at the
registry's default parameters: the framework's name for a registry parameter (``params``), keywords that
select the registry's definition (``extra``, e.g. JAX's ``approximate=False`` for exact GELU), and, for a
vector-valued entry, the name of the axis argument (otherwise ``dim`` where the signature has it, else
``axis``). A registry parameter with the same name in the framework's signature is passed as it is.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from activations.core.spec import Activation, T

__all__ = ["Framework", "FRAMEWORKS", "Call", "OVERRIDES", "parse_api", "ParsedCall", "calls_of",
           "override"]


@dataclass(frozen=True)
class Framework:
    key: str          #: the ``Api`` field and the folder ``tools/frameworks/<key>.txt``
    label: str        #: as shown on the pages
    module: str       #: the first name of its calls (``torch``, ``jax``, ``tf`` ...)
    #: how the measurement ran, shown next to the version
    setup: T = T("", "")


FRAMEWORKS: dict[str, Framework] = {f.key: f for f in (
    Framework("torch", "PyTorch", "torch"),
    Framework("tensorflow", "TensorFlow", "tf",
              T("tf.keras 即随 TensorFlow 安装的 Keras 3（TensorFlow 后端）",
                "tf.keras is the Keras 3 installed with TensorFlow (TensorFlow backend)")),
    Framework("keras", "Keras 3", "keras", T("JAX 后端", "JAX backend")),
    Framework("jax", "JAX", "jax", T("启用 jax_enable_x64", "jax_enable_x64 on")),
    Framework("paddle", "PaddlePaddle", "paddle"),
    Framework("mindspore", "MindSpore", "mindspore", T("PyNative 模式，CPU", "PyNative mode, CPU")),
    Framework("mlx", "MLX", "mlx", T("CPU 后端", "CPU backend")),
)}


@dataclass(frozen=True)
class Call:
    """What a call needs to compute the registry's function (see the module docstring)."""

    #: registry parameter name -> the framework's keyword
    params: dict[str, str] = field(default_factory=dict)
    #: keywords passed in the "as the registry" measurement only (they select the registry's definition)
    extra: dict[str, Any] = field(default_factory=dict)
    #: the axis keyword of a vector-valued call (None: ``dim`` if in the signature, else ``axis``)
    axis: str | None = None
    #: registry parameters the framework's function cannot take (fixed in its definition)
    fixed: tuple[str, ...] = ()
    #: registry parameter -> an expression in the framework's keywords that gives it (defaults table)
    equivalent: dict[str, str] = field(default_factory=dict)
    #: framework keywords the registry has no parameter for, shown in the defaults table
    shown: tuple[str, ...] = ()


#: (registry key, call path) -> Call; a call that is not listed needs nothing beyond the defaults.
OVERRIDES: dict[tuple[str, str], Call] = {
    ("hard_sigmoid", "paddle.nn.functional.hardsigmoid"): Call(fixed=("half_width",),
                                                               equivalent={"half_width": "offset / slope"},
                                                               shown=("slope", "offset")),
    ("hardtanh", "paddle.nn.functional.hardtanh"): Call(params={"min_val": "min", "max_val": "max"}),
    ("leaky_relu", "tf.nn.leaky_relu"): Call(params={"negative_slope": "alpha"}),
    ("leaky_relu", "mindspore.ops.leaky_relu"): Call(params={"negative_slope": "alpha"}),
    ("prelu", "torch.nn.PReLU"): Call(params={"a": "init"}),
    ("prelu", "paddle.nn.PReLU"): Call(params={"a": "init"}),
    ("prelu", "mlx.nn.PReLU"): Call(params={"a": "init"}),
    ("prelu", "mindspore.nn.PReLU"): Call(params={"a": "w"}),
    ("prelu", "keras.layers.PReLU"): Call(params={"a": "alpha_initializer"}),
    ("prelu", "tf.keras.layers.PReLU"): Call(params={"a": "alpha_initializer"}),
    ("rrelu", "paddle.nn.functional.rrelu"): Call(extra={"training": False}),
    ("softplus", "torch.nn.Softplus"): Call(shown=("threshold",)),
    ("softplus", "paddle.nn.functional.softplus"): Call(shown=("threshold",)),
    ("softplus", "mindspore.ops.softplus"): Call(shown=("threshold",)),
    ("rrelu", "mindspore.ops.rrelu"): Call(),
    ("threshold", "keras.activations.threshold"): Call(params={"value": "default_value"}),
    ("threshold", "tf.keras.activations.threshold"): Call(params={"value": "default_value"}),
    ("threshold", "mindspore.ops.threshold"): Call(params={"threshold": "thr"}),
    ("gelu", "jax.nn.gelu"): Call(extra={"approximate": False}),
    ("softshrink", "paddle.nn.functional.softshrink"): Call(params={"lambd": "threshold"}),
    ("hardshrink", "paddle.nn.functional.hardshrink"): Call(params={"lambd": "threshold"}),
    ("hardshrink", "keras.activations.hard_shrink"): Call(params={"lambd": "threshold"}),
    ("hardshrink", "tf.keras.activations.hard_shrink"): Call(params={"lambd": "threshold"}),
    ("softshrink", "keras.activations.soft_shrink"): Call(params={"lambd": "threshold"}),
    ("softshrink", "tf.keras.activations.soft_shrink"): Call(params={"lambd": "threshold"}),
}


def override(key: str, path: str) -> Call:
    return OVERRIDES.get((key, path), Call())


# --- the Api strings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ParsedCall:
    text: str                      #: the call as the registry writes it
    path: str                      #: ``paddle.nn.functional.leaky_relu``
    layer: bool                    #: a class (instantiated with the keywords)
    keywords: dict[str, Any]       #: the defaults the string states
    positional: tuple[str, ...]    #: names written without a value (``x``, or required parameters)


def _value(node: ast.AST) -> Any:
    """A literal, allowing ``1/8`` and ``-1.0``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.Mult, ast.Add, ast.Sub)):
        a, b = _value(node.left), _value(node.right)
        return {ast.Div: lambda: a / b, ast.Mult: lambda: a * b, ast.Add: lambda: a + b,
                ast.Sub: lambda: a - b}[type(node.op)]()
    return ast.literal_eval(node)


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _dotted(node.value) + "." + node.attr
    raise ValueError(f"not a dotted name: {ast.dump(node)}")


def parse_api(text: str) -> list[ParsedCall]:
    """The calls of one ``Api`` field: ``"a.b(x, k=1); c.D(k=2)"`` -> two :class:`ParsedCall`."""
    out = []
    text = text.split("#", 1)[0]  # an old-style trailing comment
    for part in re.split(r";| / ", text):
        part = part.strip()
        if re.fullmatch(r"[A-Za-z_][\w.]*", part):  # a bare name: ``torch.nn.Sigmoid``
            part += "()" if part.rsplit(".", 1)[-1][:1].isupper() else "(x)"
        try:
            node = ast.parse(part, mode="eval").body
        except SyntaxError as err:
            raise ValueError(f"api string {part!r} is not a Python call: {err}") from None
        if not isinstance(node, ast.Call):
            raise ValueError(f"api string {part!r} is not a call such as torch.nn.ReLU() or jax.nn.relu(x)")
        path = _dotted(node.func)
        positional = tuple(_dotted(a) for a in node.args)
        keywords = {k.arg: _value(k.value) for k in node.keywords}
        out.append(ParsedCall(part, path, path.rsplit(".", 1)[-1][:1].isupper(), keywords, positional))
    return out


def calls_of(entry: Activation) -> dict[str, list[ParsedCall]]:
    """framework key -> the entry's parsed calls (frameworks without one are left out); a ``ValueError``
    naming the entry and framework for a string that is not a call."""
    out = {}
    for fw in FRAMEWORKS:
        text = getattr(entry.api, fw)
        if text:
            try:
                out[fw] = parse_api(text)
            except ValueError as err:
                raise ValueError(f"{entry.key}: Api({fw}=...): {err}") from None
    return out
