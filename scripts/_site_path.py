"""Make `activations` importable, and fresh, for the build scripts.

gen-files runs scripts with runpy and MkDocs loads hooks by path (restoring sys.path afterwards), so
the project root is not on sys.path. Under `mkdocs serve`, modules imported by an earlier build would
stay in sys.modules and serve stale formulas and figures after an edit: each build drops them once
(hooks.on_config) so it imports the current code.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_OURS = ("activations", "directives", "katex", "search_text")


def add_to_path() -> None:
    for path in (str(ROOT / "scripts"), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)


def drop_stale_modules() -> None:
    for name in list(sys.modules):
        if name.split(".")[0] in _OURS:
            del sys.modules[name]
