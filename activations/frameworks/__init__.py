"""Seven frameworks, measured: how each registry entry is called in PyTorch, TensorFlow, Keras 3, JAX,
PaddlePaddle, MindSpore and MLX, and what each computes.

- :mod:`~activations.frameworks.calls`: the calls as data (paths from the registry's ``Api`` strings,
  parameter names, keywords that select the registry's definition);
- :mod:`~activations.frameworks.probe`: the script run inside each framework's own environment;
- :mod:`~activations.frameworks.measure`: the probe's tasks and the comparison with the registry;
- :mod:`~activations.frameworks.store`: the committed result ``measured.json`` and its ``inputs_hash``;
- :mod:`~activations.frameworks.notes`: why a measured difference is what it is (both languages);
- :mod:`~activations.frameworks.tables`: the tables of the pages, rendered from the JSON.

``scripts/frameworks.py`` installs the environments and runs the measurement.
"""
