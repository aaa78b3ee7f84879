"""Why an entry misses its accuracy target (see :mod:`activations.accuracy.ulp`).

Every entry whose measured error in ``activations/accuracy/accuracy.json`` exceeds its target (or that
returns NaN where the reference is defined) needs a note here, and only those: ``tests/test_accuracy.py``
checks both directions, so a note disappears with the problem it explains. The notes are prose, not
inputs of the measurement, so editing them does not make the JSON stale. The accuracy table of the
site prints them under the table.
"""

from __future__ import annotations

from ..core.spec import T

EXPLANATIONS: dict[str, T] = {}
