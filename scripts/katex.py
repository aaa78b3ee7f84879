"""Build-time KaTeX: one Node process renders every formula (pages show math with no client script).

The process is started on first use and kept for the life of the Python process (both language
builds and every `mkdocs serve` rebuild share it); results are memoised per (tex, display).
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
_SCRIPT = Path(__file__).with_name("katex-render.cjs")


class KatexError(ValueError):
    """A formula KaTeX cannot parse; the message is KaTeX's."""


class _Renderer:
    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("Node.js is needed to render formulas: install Node 20 (Debian: apt-get install nodejs)")
        if not KATEX_DIST.is_dir():
            raise RuntimeError(f"KaTeX is not installed in {KATEX_DIST.parent}: run `npm ci` in {ROOT}")
        proc = subprocess.Popen(
            [node, str(_SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1,
        )
        atexit.register(proc.kill)
        return proc

    def render(self, tex: str, display: bool) -> str:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        assert self._proc.stdin and self._proc.stdout
        self._proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self._proc.stdin.flush()
        answer = json.loads(self._proc.stdout.readline())
        if "error" in answer:
            raise KatexError(answer["error"])
        return answer["html"]


_RENDERER = _Renderer()


@lru_cache(maxsize=None)
def render(tex: str, display: bool = False) -> str:
    """HTML for ``tex``; raises :class:`KatexError` with KaTeX's message if it does not parse."""
    return _RENDERER.render(tex, display)
