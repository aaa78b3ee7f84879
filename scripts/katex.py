"""Build-time KaTeX: one Node process renders every formula (pages show math with no client script).

The process is started on first use and kept for the life of the Python process (both language
builds and every `mkdocs serve` rebuild share it); results are memoised per (tex, display).
"""

from __future__ import annotations

import atexit
import re
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


@lru_cache(maxsize=1)
def _font_rules() -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """From KaTeX's own stylesheet: each font file (woff2) with the class sets whose elements use it.

    A rule such as `.katex .delimsizing.size1{font-family:KaTeX_Size1}` gives KaTeX_Size1-Regular for
    an element with the classes delimsizing and size1; `.katex{font:... KaTeX_Main}` is every formula.
    """
    css = (KATEX_DIST / "katex.min.css").read_text(encoding="utf-8")
    faces = {}
    for face in re.findall(r"@font-face\{([^}]*)\}", css):
        prop = dict(re.findall(r"(font-family|font-style|font-weight):([^;]+)", face))
        woff2 = re.search(r"url\(fonts/([^)]+\.woff2)\)", face)
        if woff2:
            faces[(prop["font-family"], prop.get("font-style", "normal"), prop.get("font-weight", "400"))] = woff2.group(1)
    uses: dict[str, set[frozenset[str]]] = {}
    for selectors, body in re.findall(r"(?:^|(?<=\}))([^{}@]+)\{([^{}]*font(?:-family)?:[^{}]*)\}", css):
        family = re.search(r"font-family:\s*(KaTeX_\w+)|font:[^;]*?(KaTeX_\w+)", body)
        if not family:
            continue
        style = "italic" if "font-style:italic" in body else "normal"
        weight = "700" if re.search(r"font-weight:(?:700|bold)", body) else "400"
        font = faces.get((family.group(1) or family.group(2), style, weight))
        for selector in selectors.split(","):
            if not font or ":" in selector:
                continue
            # the innermost compound that names classes: `.delim-size4>span` is any child of .delim-size4
            compounds = [frozenset(re.findall(r"\.([\w-]+)", c)) for c in re.split(r"[\s>+~]+", selector.strip())]
            classes = next((c for c in reversed(compounds) if c), None)
            if classes:
                uses.setdefault(font, set()).add(classes)
    return tuple((font, tuple(sets)) for font, sets in sorted(uses.items()))


_CLASS_ATTR = re.compile(r'class="([^"]*)"')


def fonts_used(page_html: str) -> list[str]:
    """The KaTeX font files (woff2 names) that the formulas in ``page_html`` need, in KaTeX's order."""
    present = {frozenset(attr.split()) for attr in _CLASS_ATTR.findall(page_html)}
    return [font for font, class_sets in _font_rules()
            if any(needed <= classes for needed in class_sets for classes in present)]
