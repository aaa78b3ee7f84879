"""Data for the site's interactive views: each element-wise function's f and f' on grids of x and of its
parameters, computed by the registry's own ``fn`` and ``grad`` (:mod:`.export`) and cached (:mod:`.cache`).

The browser only draws and reads out these numbers (docs/assets/explore.js); it has no second
implementation of any function.
"""

from .export import ExportError, exported_keys, param_values, to_json, view_data, x_grid

__all__ = ["ExportError", "exported_keys", "param_values", "to_json", "view_data", "x_grid"]  # export(): in .export
