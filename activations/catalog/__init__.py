"""The catalog: one module per family, each defining its kernels and a list ``ENTRIES``.

To add an activation, write its kernel(s) and one :class:`activations.core.spec.Activation` in the
module of its family (or a new module here); :mod:`activations.core.registry` finds it.
"""
