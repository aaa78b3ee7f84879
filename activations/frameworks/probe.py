"""The probe: runs inside one framework's own virtual environment and returns raw numbers.

It needs only that framework and NumPy (it imports nothing of this project). ``scripts/frameworks.py``
starts it as ``python probe.py`` with a JSON request on standard input and reads a JSON answer from
standard output::

    {"framework": "torch", "tasks": [{"id": ..., "path": "torch.nn.ReLU", "layer": true,
      "kwargs": {...}, "arrays": {"grid": [...], "kinks": [...], "specials": [...]},
      "vector": false, "cotangent": null}, ...], "signatures": ["torch.nn.ReLU", ...]}

For every task and array the answer holds ``f`` (the values) and ``g`` (the autodiff gradient: for an
element-wise function the vector-Jacobian product with ones, i.e. f′ at each point; for a vector-valued
one the product with the given cotangent), the dtype actually used (float64 where the framework computes
in it, else float32) or the error. Non-finite numbers travel as the strings ``"nan"``, ``"inf"``,
``"-inf"``. Nothing is compared here: the comparison with the registry happens outside, in the project's
own environment (:mod:`activations.frameworks.compare`).
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
import traceback

import numpy as np

FRAMEWORK = None  # set in main()


def encode(a):
    a = np.asarray(a, dtype=np.float64)
    out = []
    for v in a.reshape(-1).tolist():
        out.append(v if np.isfinite(v) else ("nan" if v != v else ("inf" if v > 0 else "-inf")))
    return {"shape": list(a.shape), "data": out}


def decode(obj):
    data = [float(v) for v in obj["data"]]
    return np.array(data, dtype=np.float64).reshape(obj["shape"])


def resolve(path):
    """``a.b.c.Name`` -> the object, importing the longest importable module prefix."""
    if path.startswith("tf."):
        path = "tensorflow." + path[3:]
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(f"cannot import {path}")


def jsonable(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if np.isfinite(v) else repr(v)
    if isinstance(v, (np.integer, np.floating)):
        return jsonable(v.item())
    if isinstance(v, (tuple, list)):
        return [jsonable(x) for x in v]
    return {"repr": repr(v)}


def signature(path):
    """The published parameters of ``path`` (a class: its ``__init__``) with their defaults."""
    try:
        obj = resolve(path)
    except Exception as err:  # noqa: BLE001
        return {"error": f"{type(err).__name__}: {err}"}
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        sig = inspect.signature(target)
    except (TypeError, ValueError) as err:
        return {"error": f"no signature: {type(err).__name__}: {err}", "layer": inspect.isclass(obj)}
    params = []
    for p in sig.parameters.values():
        if p.name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        item = {"name": p.name}
        if p.default is not p.empty:
            item["default"] = jsonable(p.default)
        params.append(item)
    return {"params": params, "layer": inspect.isclass(obj)}


# --- one adapter per framework: make the callable, run forward and backward ------------------------------

class Adapter:
    """Turns NumPy arrays into the framework's tensors and back, and differentiates."""

    name = ""
    float64 = True

    def setup(self):
        pass

    def version(self):
        return {}

    def kwarg(self, value):
        return value

    def build(self, path, layer, kwargs):
        obj = resolve(path)
        kw = {k: self.kwarg(v) for k, v in kwargs.items()}
        if layer:
            mod = obj(**kw)
            self.eval_mode(mod)
            return mod
        return lambda x: obj(x, **kw)

    def eval_mode(self, mod):
        pass


class Torch(Adapter):
    name = "torch"

    def setup(self):
        global torch
        import torch
        torch.manual_seed(0)

    def version(self):
        return {"torch": torch.__version__}

    def eval_mode(self, mod):
        mod.eval()

    def run(self, fn, x, cot, dtype):
        t = torch.tensor(x, dtype=getattr(torch, dtype), requires_grad=True)
        y = fn(t)
        c = torch.ones_like(y) if cot is None else torch.tensor(cot, dtype=y.dtype)
        (g,) = torch.autograd.grad(y, t, grad_outputs=c, allow_unused=True)
        g = torch.zeros_like(t) if g is None else g
        return str(y.dtype).replace("torch.", ""), y.detach().numpy(), g.detach().numpy()


class Jax(Adapter):
    name = "jax"

    def setup(self):
        global jax, jnp
        import jax
        jax.config.update("jax_enable_x64", True)
        jax.config.update("jax_platforms", "cpu")
        import jax.numpy as jnp

    def version(self):
        import jaxlib
        return {"jax": jax.__version__, "jaxlib": jaxlib.__version__}

    def run(self, fn, x, cot, dtype):
        t = jnp.asarray(x, dtype=dtype)
        y, pull = jax.vjp(fn, t)
        c = jnp.ones_like(y) if cot is None else jnp.asarray(cot, dtype=y.dtype)
        (g,) = pull(c)
        return str(y.dtype), np.asarray(y), np.asarray(g)


class Keras(Jax):
    """Keras 3 on its JAX backend (``KERAS_BACKEND=jax``), floatx float64."""

    name = "keras"

    def setup(self):
        os.environ["KERAS_BACKEND"] = "jax"
        super().setup()
        global keras
        import keras
        keras.config.set_floatx("float64")
        assert keras.config.backend() == "jax", keras.config.backend()

    def version(self):
        v = super().version()
        v.update({"keras": keras.__version__, "backend": keras.config.backend()})
        return v

    def kwarg(self, value):
        if isinstance(value, dict) and "constant_initializer" in value:
            return keras.initializers.Constant(value["constant_initializer"])
        return value

    def build(self, path, layer, kwargs):
        fn = super().build(path, layer, kwargs)
        if layer:  # build the weights outside the differentiated function; Keras layers want a batch axis
            fn(jnp.zeros((1, 1), dtype=keras.config.floatx()))
            return lambda x: fn(x[:, None])[:, 0] if x.ndim == 1 else fn(x)
        return fn

    def run(self, fn, x, cot, dtype):
        keras.config.set_floatx(dtype)
        try:
            return super().run(fn, x, cot, dtype)
        finally:
            keras.config.set_floatx("float64")


class TensorFlow(Adapter):
    name = "tensorflow"

    def setup(self):
        global tf
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tensorflow as tf
        tf.random.set_seed(0)
        tf.keras.config.set_floatx("float64")

    def version(self):
        return {"tensorflow": tf.__version__, "keras (tf.keras)": tf.keras.__version__,
                "tf.keras backend": tf.keras.config.backend()}

    def kwarg(self, value):
        if isinstance(value, dict) and "constant_initializer" in value:
            return tf.keras.initializers.Constant(value["constant_initializer"])
        return value

    def build(self, path, layer, kwargs):
        fn = super().build(path, layer, kwargs)
        if layer:  # as in Keras: weights built first, a batch axis
            fn(tf.zeros((1, 1), dtype=tf.float64))
            return lambda x: fn(x[:, None])[:, 0] if len(x.shape) == 1 else fn(x)
        return fn

    def run(self, fn, x, cot, dtype):
        t = tf.constant(x, dtype=getattr(tf, dtype))
        with tf.GradientTape() as tape:
            tape.watch(t)
            y = fn(t)
        c = tf.ones_like(y) if cot is None else tf.constant(cot, dtype=y.dtype)
        g = tape.gradient(y, t, output_gradients=c)
        g = tf.zeros_like(t) if g is None else g
        return y.dtype.name, y.numpy(), g.numpy()


class Paddle(Adapter):
    name = "paddle"

    def setup(self):
        global paddle
        import paddle
        paddle.set_device("cpu")
        paddle.seed(0)

    def version(self):
        return {"paddlepaddle": paddle.__version__}

    def eval_mode(self, mod):
        mod.eval()

    def run(self, fn, x, cot, dtype):
        t = paddle.to_tensor(x, dtype=dtype, stop_gradient=False)
        y = fn(t)
        c = paddle.ones_like(y) if cot is None else paddle.to_tensor(cot, dtype=y.dtype)
        (g,) = paddle.grad([y], [t], grad_outputs=[c], allow_unused=True)
        g = paddle.zeros_like(t) if g is None else g
        return str(y.dtype).replace("paddle.", ""), y.numpy(), g.numpy()


class MindSpore(Adapter):
    name = "mindspore"

    def setup(self):
        global ms
        import mindspore as ms
        ms.set_context(mode=ms.PYNATIVE_MODE)
        try:
            ms.set_device("CPU")
        except Exception:  # noqa: BLE001  (older releases)
            ms.set_context(device_target="CPU")
        ms.set_seed(0)

    def version(self):
        return {"mindspore": ms.__version__}

    def eval_mode(self, mod):
        mod.set_train(False)

    def run(self, fn, x, cot, dtype):
        t = ms.Tensor(np.asarray(x, dtype=dtype))
        y, pull = ms.vjp(fn, t)
        c = ms.ops.ones_like(y) if cot is None else ms.Tensor(np.asarray(cot, dtype=dtype))
        g = pull(c)
        g = g[0] if isinstance(g, (tuple, list)) else g
        return str(y.dtype).lower(), y.asnumpy(), g.asnumpy()


class MLX(Adapter):
    name = "mlx"

    def setup(self):
        global mx
        import mlx.core as mx
        mx.set_default_device(mx.cpu)
        mx.random.seed(0)

    def version(self):
        return {"mlx": mx.__version__}

    def eval_mode(self, mod):
        mod.eval()

    def run(self, fn, x, cot, dtype):
        t = mx.array(np.asarray(x, dtype=dtype))
        c = mx.ones_like(fn(t)) if cot is None else mx.array(np.asarray(cot, dtype=dtype))
        outs, vjps = mx.vjp(lambda a: fn(a), [t], [c])
        y, g = outs[0], vjps[0]
        mx.eval(y, g)
        return str(y.dtype).replace("mlx.core.", ""), np.array(y), np.array(g)


ADAPTERS = {a.name: a for a in (Torch, Jax, Keras, TensorFlow, Paddle, MindSpore, MLX)}


def run_task(ad, task):
    out = {"id": task["id"]}
    try:
        fn = ad.build(task["path"], task["layer"], task["kwargs"])
    except Exception as err:  # noqa: BLE001
        out["error"] = f"{type(err).__name__}: {err}".strip()[:500]
        return out
    cot = task.get("cotangent")
    dtypes = ["float64", "float32"] if ad.float64 else ["float32"]
    errors = []
    for dtype in dtypes:
        try:
            res = {}
            for name, arr in task["arrays"].items():
                x = decode(arr)
                c = None if cot is None else decode(cot[name])
                used, y, g = ad.run(fn, x, c, dtype)
                if used not in (dtype, str(np.dtype(dtype))):
                    if not any(t in used for t in ("int", "bool")):
                        raise TypeError(f"computed in {used} for {dtype} input")
                    out["output_dtype"] = used  # e.g. a step function returning integers
                res[name] = {"f": encode(y), "g": encode(g)}
            out.update(dtype=dtype, arrays=res)
            if errors:
                out["float64_error"] = errors[0]
            return out
        except Exception as err:  # noqa: BLE001
            errors.append(f"{type(err).__name__}: {err}".strip()[:500])
    out["error"] = " | ".join(errors)
    return out


def main():
    request = json.load(sys.stdin)
    ad = ADAPTERS[request["framework"]]()
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # frameworks print banners; only the answer goes to stdout
    answer = {"framework": ad.name}
    try:
        ad.setup()
        answer["versions"] = ad.version()
        answer["numpy"] = np.__version__
        answer["python"] = sys.version.split()[0]
        answer["signatures"] = {p: signature(p) for p in request["signatures"]}
        answer["results"] = [run_task(ad, t) for t in request["tasks"]]
    except Exception as err:  # noqa: BLE001
        answer["error"] = f"{type(err).__name__}: {err}"
        answer["traceback"] = traceback.format_exc()[-2000:]
    sys.stdout = real_stdout
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
