"""Readable search previews: the search index is built before formulas are rendered, so its text holds
TeX such as ``\\(\\sigma'(x) < 0.05\\)``. This turns each formula into plain Unicode text (σ′(x) < 0.05)
that the result list can show; the pages themselves keep their rendered formulas.
"""

from __future__ import annotations

import re

SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ",
    "Omega": "Ω", "infty": "∞", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠",
    "approx": "≈", "in": "∈", "notin": "∉", "cdot": "·", "times": "×", "pm": "±", "mp": "∓", "to": "→",
    "rightarrow": "→", "iff": "⇔", "sum": "Σ", "prod": "Π", "partial": "∂", "nabla": "∇", "cup": "∪",
    "cap": "∩", "ldots": "…", "dots": "…", "cdots": "⋯", "mathbb{R}": "ℝ", "lvert": "|", "rvert": "|",
    "lVert": "‖", "rVert": "‖", "vert": "|", "langle": "⟨", "rangle": "⟩", "odot": "⊙", "otimes": "⊗",
    "sqrt": "√", "prime": "′", "{": "{", "}": "}", "|": "‖",
}
_SPACING = re.compile(r"\\(?:quad|qquad|,|;|:|!|\s)|\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|displaystyle|textstyle)(?![a-zA-Z])")
_WRAPPERS = re.compile(r"\\(?:operatorname\*?|mathrm|mathbf|mathit|boldsymbol|text|textbf|mathcal)\{([^{}]*)\}")
_FRAC = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")
_SCRIPT = re.compile(r"([_^])\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([a-zA-Z]+|.)")
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


def plain(tex: str) -> str:
    """A readable plain-text rendering of ``tex`` (good enough for a search snippet, not typesetting)."""
    text = _SPACING.sub(" ", tex)
    text = text.replace(r"\mathbb{R}", "ℝ")
    for _ in range(4):  # nested groups, innermost first
        text = _WRAPPERS.sub(r"\1", text)
        text = _FRAC.sub(lambda m: f"{_group(m.group(1))}/{_group(m.group(2))}", text)
        text = _SCRIPT.sub(lambda m: m.group(1) + _group(m.group(2)), text)
    text = re.sub(r"\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}|&", " ", text)
    text = text.replace(r"\\", "; ")
    text = _COMMAND.sub(lambda m: SYMBOLS.get(m.group(1), m.group(1)), text)
    text = text.replace("'", "′").replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _group(text: str) -> str:
    return text if re.fullmatch(r"[\w.′]+", text) else f"({text})"


def readable(text: str) -> str:
    """``text`` with every ``\\( … \\)`` and ``\\[ … \\]`` formula replaced by its plain rendering."""
    return _MATH.sub(lambda m: plain(m.group(1) if m.group(1) is not None else m.group(2)), text)
