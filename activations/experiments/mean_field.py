"""Mean-field theory of a deep random network (Poole et al. 2016; Schoenholz et al. 2017).

A fully connected net with weights N(0, σ_w²/n) and biases N(0, σ_b²), wide enough for its
pre-activations to be Gaussian, carries the mean square ``q`` of its pre-activations through the
**length map** ``q ↦ L(q) = σ_w² F(q) + σ_b²`` with ``F(q) = E[f(√q z)²]``, z ~ N(0, 1). From unit-variance
inputs, ``q¹ = σ_w² + σ_b²`` and ``q^{l+1} = L(q^l)``; its limit is the fixed point ``q*``. Two inputs'
correlation ``c`` follows the correlation map, whose slope at ``c = 1`` is ``χ₁ = σ_w² G(q*)`` with
``G(q) = E[f′(√q z)²]``: ``χ₁ < 1`` is the ordered phase (inputs become alike, ``c* = 1``), ``χ₁ > 1``
the chaotic one (``c* < 1``), ``χ₁ = 1`` the **edge of chaos**. Correlations approach ``c*`` as
``e^{−l/ξ_c}`` with the depth scale ``ξ_c = −1/ln χ_c``, ``χ_c`` the map's slope at ``c*`` (``χ₁`` in the
ordered phase); ``ξ_c`` diverges at the edge.

Quadrature. Where the registry's ``f′`` is continuous, expectations use Gauss–Hermite quadrature
(``numpy.polynomial.hermite_e.hermegauss``) with ``settings["nodes"]`` = 200 nodes: 200 reproduces tanh's
``F`` and ``G`` to about 1e-11 up to q = 3 (100 nodes leave 1e-5 at q = 3) and is near the largest
count NumPy's nodes stay finite for (its weights overflow at 400). An even count puts no node at 0,
where a kink at 0 would make the sum depend on the value chosen for ``f′(0)``. Where ``f′`` jumps (ReLU,
hardtanh, SELU, ...; found on the registry's own ``f′``, :func:`derivative_jumps`), Gauss–Hermite
converges only like the node spacing (hardtanh's ``G`` is off by ~1e-2 with 200 nodes), so those
entries use Gauss–Legendre panels on |z| ≤ ``z_max`` split at every jump ``x_k/√q`` instead, which
is exact to rounding on each smooth piece.

Fixed point. ``q*`` is the fixed point the iteration from ``q¹`` reaches: the first root of
``L(q) − q`` on the side of ``q¹`` towards which ``L(q¹) − q¹`` points (the iteration moves
monotonically there when L increases), bracketed on a tabulated grid of q and refined by the
Illinois method on the exact quadrature. When ``L(q) > q`` all the way to ``q_max`` the iteration
diverges (e.g. ReLU with σ_w² > 2, the exponential with σ_w² = 1): ``q*`` is None and so is everything
derived from it. Where ``|L′(q*)| ≥ 1`` (a decreasing L, e.g. the Gaussian bump, can overshoot) the
fixed point is not reached and ``ξ_c`` is None.

Edge of chaos. Parametrised by ``q*`` as Poole et al. do: at the edge ``σ_w² = 1/G(q*)`` and
``σ_b² = q* − F(q*)/G(q*)``; for each σ_b² the smallest q* solving the second equation gives the
critical σ_w² (None where none does, e.g. ReLU at any σ_b² > 0: ``q − F/G ≡ 0``, so ReLU's edge is
the single point (2, 0)); a crossing whose fixed point is unstable (``σ_w² F′(q*) > 1``) is None too.

Chaotic phase. ``c*`` solves ``c = (σ_w² C(c) + σ_b²)/q*`` on [0, 1) with ``C(c) = Σ_k a_k² c^k``, the
Hermite (Mehler) expansion of ``E[f(u₁) f(u₂)]`` in ``settings["hermite_terms"]`` terms,
``a_k = E[f(√q* z) He_k(z)]/√k!``; its slope is ``χ_c = σ_w² C′(c*)/q*``.

Simulation. A width-``sim_width`` net through :func:`._nets.forward` (weights from
:func:`._nets.init_weights` with ``weight_var=σ_w²``, biases N(0, σ_b²), a batch of N(0, 1) inputs),
its measured ``q^l`` (mean square of the pre-activations over units and batch) beside the theory's.

Result (JSON):

- ``standard``: at the LeCun point (σ_w², σ_b²) = (1, 0): ``q_star``, ``chi1``, ``xi_c`` (None where
  undefined: q* diverges, the fixed point is unstable, or ``|χ_c − 1| ≤ 1e-9``, the edge itself where
  ξ_c = ∞); ``q_star``/``chi1`` at the top level repeat it.
- ``edge``: ``{"sigma_b2": [...], "sigma_w2": [...], "q_star": [...]}`` (None where no crossing).
- ``critical_sigma_w2``: ``{"0": ..., "0.05": ..., "0.1": ..., "0.3": ...}`` (σ_b² as strings);
  ``critical_list``: the same values in the order of ``settings["critical_at"]`` (a dotted path such as
  ``critical_list.1`` can name them; ``"0.05"`` holds a dot).
- ``phase``: ``{"sigma_w2": [...], "sigma_b2": [...], "xi_c": [[...]], "chi1": [[...]], "q_star": [[...]]}``,
  matrices indexed ``[i_b][i_w]``.
- ``simulation``: a list of ``{"sigma_w2", "sigma_b2", "layers", "theory", "measured"}`` (q^l, layer 1
  first; ``measured`` None where the theory's q^l diverges).
- ``paper_comparison`` (tanh only): ``{"sigma_b2": [...], "paper": [...], "ours": [...]}``, the issue's
  critical σ_w² (:data:`PAPER_TANH_CRITICAL`) beside ours.
- ``quadrature``: ``{"rule": "gauss-hermite" | "split gauss-legendre", "nodes": int,
  "derivative_jumps": [...]}``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.polynomial.hermite_e import hermegauss
from numpy.polynomial.legendre import leggauss

from ..core.spec import Activation, T
from ..figures.drawers import drawer
from . import _nets
from .base import Column, Experiment

SETTINGS = {
    "nodes": 200,  # Gauss–Hermite nodes (see the module docstring)
    "panel_nodes": 32,  # Gauss–Legendre nodes per panel where f′ jumps
    "panels": 12,  # uniform panels on [−z_max, z_max] before the jumps split them
    "z_max": 12.0,  # P(|z| > 12) ≈ 4e-33: the tails carry nothing a float64 sum keeps
    "q_max": 1e6,  # a fixed point beyond this counts as divergent
    "q_grid_decades": (-8, 6, 20),  # tabulated q: 0, then 10^-8 … 10^6 with 20 points per decade
    "critical_at": (0.0, 0.05, 0.1, 0.3),
    "edge_sigma_b2": tuple(round(0.01 * i, 2) for i in range(51)),  # 0 … 0.5
    "phase_sigma_w2": tuple(round(0.1 * i, 1) for i in range(5, 51)),  # 0.5 … 5
    "phase_sigma_b2": tuple(round(0.02 * i, 2) for i in range(26)),  # 0 … 0.5
    "standard_point": (1.0, 0.0),  # LeCun: σ_w² = 1, σ_b² = 0
    "hermite_terms": 80,
    "sim_width": 1000,
    "sim_depth": 8,
    "sim_batch": 4,
    "sim_points": ((1.5, 0.05), (3.0, 0.05)),
    "seed": 2016,
}

Q_FLOOR = 1e-300  # q = 0 is evaluated as its limit q → 0⁺ (f′ on the side of a kink at 0, not at it)
_PHI_NORM = 1.0 / math.sqrt(2.0 * math.pi)


# --- quadrature -------------------------------------------------------------------------------

def derivative_jumps(entry: Activation, span: float = 50.0, step: float = 1e-3) -> list[float]:
    """Where the registry's f′ jumps within [−span, span], refined by bisection to rounding.

    A jump is a sample-to-sample change of f′ ten times larger than both neighbouring changes (a
    continuous f′ changes by O(step) per sample). The grid is offset by an irrational fraction of a
    step so that no sample falls on a kink (f′ there may be an average of both sides)."""
    x = -span + step * (np.arange(int(2 * span / step)) + 1 / math.pi)
    d = entry.grad(x, **entry.defaults)
    dd = np.abs(np.diff(d))
    around = np.maximum(np.r_[0.0, dd[:-1]], np.r_[dd[1:], 0.0])
    idx = np.flatnonzero((dd > 1e-9) & (dd > 10 * around))
    lo, hi = x[idx], x[idx + 1]
    glo, ghi = d[idx], d[idx + 1]
    for _ in range(64):
        mid = 0.5 * (lo + hi)
        gm = entry.grad(mid, **entry.defaults)
        left = np.abs(gm - glo) <= np.abs(gm - ghi)
        lo, hi = np.where(left, mid, lo), np.where(left, hi, mid)
    jumps = 0.5 * (lo + hi)
    return [0.0 if abs(v) < 1e-12 else float(v) for v in jumps]


class Quadrature:
    """E[h(√q z)] for an array of q, z ~ N(0, 1): Gauss–Hermite, or Gauss–Legendre panels split at
    the jumps of f′ (their place in z, x_k/√q, moves with q)."""

    def __init__(self, entry: Activation, settings: dict) -> None:
        self.entry = entry
        self.jumps = derivative_jumps(entry)
        if self.jumps:
            self.rule = "split gauss-legendre"
            self.t, self.wt = leggauss(settings["panel_nodes"])
            self.edges = np.linspace(-settings["z_max"], settings["z_max"], settings["panels"] + 1)
            self.z_max = settings["z_max"]
            self.nodes = (settings["panels"] + len(self.jumps)) * settings["panel_nodes"]
        else:
            self.rule = "gauss-hermite"
            z, w = hermegauss(settings["nodes"])
            self.z, self.w = z[None, :], (w / w.sum())[None, :]
            self.nodes = settings["nodes"]

    def nodes_for(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(√q with shape (m, 1), nodes z and weights w with shape (m, nodes))."""
        s = np.sqrt(np.maximum(q, Q_FLOOR))[:, None]
        if not self.jumps:
            return s, np.broadcast_to(self.z, (len(q), self.z.shape[1])), self.w
        cut = np.clip(np.asarray(self.jumps)[None, :] / s, -self.z_max, self.z_max)
        edges = np.sort(np.concatenate([np.broadcast_to(self.edges, (len(q), len(self.edges))), cut], 1), 1)
        a, b = edges[:, :-1, None], edges[:, 1:, None]
        z = 0.5 * (a + b) + 0.5 * (b - a) * self.t
        w = 0.5 * (b - a) * self.wt * _PHI_NORM * np.exp(-0.5 * z * z)
        return s, z.reshape(len(q), -1), w.reshape(len(q), -1)

    def moments(self, q: np.ndarray) -> dict[str, np.ndarray]:
        """F = E[f²], G = E[f′²] and dF/dq = E[f f′ z]/√q at each q."""
        q = np.asarray(q, dtype=float)
        s, z, w = self.nodes_for(q.ravel())
        p = self.entry.defaults
        with np.errstate(over="ignore", invalid="ignore"):
            # f at √q z itself (F(0) = f(0)² exactly); f′ at the floored √q (its limit q → 0⁺)
            f = self.entry.fn(np.sqrt(q.ravel())[:, None] * z, **p)
            d = self.entry.grad(s * z, **p)
            out = {"F": (w * f * f).sum(-1), "G": (w * d * d).sum(-1), "dF": (w * f * d * z).sum(-1) / s[:, 0]}
        return {k: v.reshape(q.shape) for k, v in out.items()}

    def hermite(self, q: np.ndarray, terms: int) -> np.ndarray:
        """a_k = E[f(√q z) He_k(z)]/√k!, k < terms, shape (len(q), terms) (orthonormal recurrence)."""
        s, z, w = self.nodes_for(np.asarray(q, dtype=float))
        fw = self.entry.fn(s * z, **self.entry.defaults) * w
        out = np.empty((len(q), terms))
        h_prev, h = np.zeros_like(z), np.ones_like(z)
        for k in range(terms):
            out[:, k] = (fw * h).sum(-1)
            h_prev, h = h, (z * h - math.sqrt(k) * h_prev) / math.sqrt(k + 1)
        return out


# --- roots, vectorised ---------------------------------------------------------------------------

def _illinois(g, lo: np.ndarray, hi: np.ndarray, glo: np.ndarray, ghi: np.ndarray,
              iterations: int = 80) -> np.ndarray:
    """A root of g in each bracket [lo, hi] (g(lo)·g(hi) ≤ 0), by the Illinois variant of regula falsi."""
    lo, hi, glo, ghi = (np.array(v, dtype=float) for v in (lo, hi, glo, ghi))
    side = np.zeros(lo.shape, dtype=int)
    for _ in range(iterations):
        active = (hi - lo > 1e-14 * np.maximum(hi, 1e-300)) & (glo != 0) & (ghi != 0)
        if not active.any():
            break
        with np.errstate(invalid="ignore", divide="ignore"):
            x = np.where(active, (lo * ghi - hi * glo) / (ghi - glo), lo)
        x = np.where(np.isfinite(x) & (x > lo) & (x < hi), x, 0.5 * (lo + hi))
        gx = np.zeros_like(x)
        gx[active] = g(x[active], active)
        left = active & (np.sign(gx) == np.sign(glo))  # root in [x, hi]
        right = active & ~left
        lo, glo = np.where(left, x, lo), np.where(left, gx, glo)
        hi, ghi = np.where(right, x, hi), np.where(right, gx, ghi)
        ghi = np.where(left & (side == 1), 0.5 * ghi, ghi)
        glo = np.where(right & (side == -1), 0.5 * glo, glo)
        side = np.where(left, 1, np.where(right, -1, side))
    return np.where(glo == 0, lo, np.where(ghi == 0, hi, np.where(np.abs(glo) < np.abs(ghi), lo, hi)))


def q_grid(settings: dict) -> np.ndarray:
    lo, hi, per = settings["q_grid_decades"]
    return np.concatenate([[0.0], np.logspace(lo, hi, (hi - lo) * per + 1)])


def fixed_points(quad: Quadrature, sw: np.ndarray, sb: np.ndarray, settings: dict,
                 table: dict | None = None) -> np.ndarray:
    """q* reached from q¹ = σ_w² + σ_b² for each (σ_w², σ_b²) pair (NaN where the iteration diverges)."""
    sw, sb = np.asarray(sw, float).ravel(), np.asarray(sb, float).ravel()
    qs = q_grid(settings)
    table = table or quad.moments(qs)
    F = np.where(np.isfinite(table["F"]), table["F"], np.inf)
    g_grid = sw[:, None] * F[None, :] + sb[:, None] - qs[None, :]  # (points, grid)
    q1 = sw + sb
    g1 = sw * quad.moments(q1)["F"] + sb - q1
    g1 = np.where(np.isfinite(g1), g1, np.inf)
    rising = g1 > 0
    # rising: the first grid q above q¹ with g ≤ 0; falling: the last grid q below q¹ with g ≥ 0
    above = (qs[None, :] > q1[:, None]) & (g_grid <= 0) & (qs[None, :] <= settings["q_max"])
    # g is a difference of two O(q) numbers: |g| ≤ 1e-12·q is rounding, not a sign (tanh at σ_w² = 1 has
    # g ≈ −2q², below rounding for q ≲ 1e-4; hardtanh's L(q) − q is below it for q ≲ 4e-3)
    clear = g_grid > 1e-12 * qs[None, :]
    below = (qs[None, :] < q1[:, None]) & (clear | ((qs[None, :] == 0) & (g_grid >= 0)))
    i_up = np.where(above.any(1), np.argmax(above, 1), -1)
    i_down = len(qs) - 1 - np.argmax(below[:, ::-1], 1)  # q = 0 always qualifies: g(0) ≥ 0
    k = np.where(rising, i_up, i_down)
    far = qs[np.maximum(k, 0)]
    gfar = g_grid[np.arange(len(sw)), np.maximum(k, 0)]
    lo, hi = np.where(rising, q1, far), np.where(rising, far, q1)
    glo, ghi = np.where(rising, g1, gfar), np.where(rising, gfar, g1)
    diverges = rising & (k < 0)
    lo, hi = np.where(diverges, 0.0, lo), np.where(diverges, 0.0, hi)
    glo, ghi = np.where(diverges, 0.0, glo), np.where(diverges, 0.0, ghi)
    exact = np.abs(g1) <= 1e-13 * np.maximum(q1, 1e-300)  # e.g. ReLU at σ_w² = 2: every q is fixed
    # falling to q = 0 itself: g(0) = 0 and g < 0 on the whole grid above it (tanh with σ_w² ≤ 1, σ_b² = 0)
    zero = ~rising & (k == 0) & (g_grid[:, 0] == 0)
    lo, hi = np.where(zero, 0.0, lo), np.where(zero, 0.0, hi)
    glo, ghi = np.where(zero, 0.0, glo), np.where(zero, 0.0, ghi)

    def g(q, active):
        return sw[active] * quad.moments(q)["F"] + sb[active] - q

    q = _illinois(g, lo, hi, glo, ghi)
    q = np.where(exact, q1, q)
    return np.where(diverges & ~exact, np.nan, q)


def critical_curve(quad: Quadrature, sigma_b2: np.ndarray, settings: dict,
                   table: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(critical σ_w², its q*) for each σ_b²: the smallest q with q − F(q)/G(q) = σ_b² (NaN: none)."""
    target = np.asarray(sigma_b2, float)
    qs = q_grid(settings)
    qs = qs[qs <= settings["q_max"]]
    table = table or quad.moments(qs)
    # G ~ 0 (a saturated f') gives ±inf or NaN here: not a crossing, masked just below
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        s = qs - table["F"][: len(qs)] / table["G"][: len(qs)]
    d = s[None, :] - target[:, None]
    d = np.where(np.isfinite(d), d, np.nan)
    zero = d == 0
    cross = np.sign(d[:, :-1]) * np.sign(d[:, 1:]) < 0
    hit = zero[:, :-1] | cross
    found = hit.any(1) | zero[:, -1]
    i = np.argmax(hit, 1)
    rows = np.arange(len(target))
    lo, hi, glo, ghi = qs[i], qs[i + 1], d[rows, i], d[rows, i + 1]
    glo, ghi = np.where(found, glo, 0.0), np.where(found, ghi, 0.0)

    def g(q, active):
        m = quad.moments(q)
        return q - m["F"] / m["G"] - target[active]

    q = _illinois(g, lo, hi, glo, ghi)
    m = quad.moments(np.where(found, q, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        sw = 1.0 / m["G"]
        stable = sw * m["dF"] <= 1 + 1e-9  # the edge's fixed point must be the one the net reaches
    ok = found & stable & np.isfinite(sw)
    return np.where(ok, sw, np.nan), np.where(ok, q, np.nan)


def depth_scale(quad: Quadrature, sw: np.ndarray, sb: np.ndarray, q: np.ndarray,
                settings: dict) -> dict[str, np.ndarray]:
    """χ₁, the slope χ_c at the stable correlation c* and ξ_c = −1/ln χ_c (NaN where undefined)."""
    ok = np.isfinite(q)
    qq = np.where(ok, q, 1.0)
    m = quad.moments(qq)
    chi1 = np.where(ok, sw * m["G"], np.nan)
    stable = ok & (np.abs(sw * m["dF"]) < 1)
    chi_c = chi1.copy()
    chaotic = stable & (chi1 > 1)
    if chaotic.any():
        a2 = quad.hermite(qq[chaotic], settings["hermite_terms"]) ** 2
        k = np.arange(a2.shape[1])
        w, b, qc = sw[chaotic], sb[chaotic], qq[chaotic]

        def gap(c, active):  # correlation map minus c
            return (w[active] * (a2[active] * c[:, None] ** k).sum(1) + b[active]) / qc[active] - c

        n = int(chaotic.sum())
        lo, hi = np.zeros(n), np.full(n, 1 - 1e-9)
        ones = np.ones(n, dtype=bool)
        c = _illinois(gap, lo, hi, gap(lo, ones), gap(hi, ones))
        slope = w * (a2[:, 1:] * k[1:] * c[:, None] ** (k[1:] - 1)).sum(1) / qc
        chi_c[chaotic] = slope
    with np.errstate(divide="ignore"):
        # |χ_c − 1| at rounding level is the edge itself (tanh at (1, 0)): ξ_c = ∞, reported as None
        finite = stable & (chi_c > 0) & (np.abs(chi_c - 1) > 1e-9)
        xi = np.where(finite, -1.0 / np.log(np.where(finite, chi_c, 0.5)), np.nan)
    return {"chi1": chi1, "chi_c": chi_c, "xi_c": xi}


def theory_layers(quad: Quadrature, sw: float, sb: float, depth: int, q0: float = 1.0) -> list[float]:
    """q^1 … q^depth from inputs of mean square q0: q¹ = σ_w² q0 + σ_b², then the length map."""
    q = [sw * q0 + sb]
    for _ in range(depth - 1):
        q.append(float(sw * quad.moments(np.array([q[-1]]))["F"][0] + sb))
    return q


def simulate(entry: Activation, settings: dict) -> list[dict]:
    """q^l measured in a random width-``sim_width`` net through ``_nets.forward``, beside the theory's."""
    width, depth, batch = settings["sim_width"], settings["sim_depth"], settings["sim_batch"]
    rng = np.random.default_rng(settings["seed"])
    x = rng.standard_normal((batch, width))
    unit_w = _nets.init_weights(rng, "lecun", width, depth, weight_var=1.0)  # shared by every point
    unit_b = rng.standard_normal((depth, width))
    quad = Quadrature(entry, settings)
    out = []
    for sw, sb in settings["sim_points"]:
        theory = theory_layers(quad, sw, sb, depth, q0=float(np.mean(x * x)))
        measured = None
        if all(math.isfinite(v) and v < settings["q_max"] for v in theory):
            pre, _ = _nets.forward(entry, x, unit_w * math.sqrt(sw), unit_b * math.sqrt(sb))
            measured = [float(v) for v in np.mean(pre * pre, axis=(1, 2))]
        out.append({"sigma_w2": sw, "sigma_b2": sb, "layers": list(range(1, depth + 1)),
                    "theory": theory, "measured": measured})
    return out


# --- the experiment ------------------------------------------------------------------------------

def _json(values) -> list:
    """A float array as a JSON list, NaN (undefined) as None."""
    arr = np.asarray(values, dtype=float)
    if arr.ndim > 1:
        return [_json(row) for row in arr]
    return [float(v) if math.isfinite(v) else None for v in arr]


def run(entry: Activation, settings: dict) -> dict:
    quad = Quadrature(entry, settings)
    qs = q_grid(settings)
    table = quad.moments(qs)

    edge_b = np.asarray(settings["edge_sigma_b2"], float)
    edge_w, edge_q = critical_curve(quad, edge_b, settings, table)
    crit_b = np.asarray(settings["critical_at"], float)
    crit_w, _ = critical_curve(quad, crit_b, settings, table)

    pw, pb = np.asarray(settings["phase_sigma_w2"], float), np.asarray(settings["phase_sigma_b2"], float)
    SW, SB = np.meshgrid(pw, pb)  # [i_b, i_w]
    q = fixed_points(quad, SW, SB, settings, table).reshape(SW.shape)
    phase = depth_scale(quad, SW, SB, q, settings)

    sw0, sb0 = settings["standard_point"]
    q0 = fixed_points(quad, [sw0], [sb0], settings, table)
    std = depth_scale(quad, np.array([sw0]), np.array([sb0]), q0, settings)
    standard = {"sigma_w2": sw0, "sigma_b2": sb0, "q_star": _json(q0)[0], "chi1": _json(std["chi1"])[0],
                "xi_c": _json(std["xi_c"])[0]}
    out = {
        "standard": standard,
        "q_star": standard["q_star"],
        "chi1": standard["chi1"],
        "edge": {"sigma_b2": _json(edge_b), "sigma_w2": _json(edge_w), "q_star": _json(edge_q)},
        "critical_sigma_w2": {f"{b:g}": v for b, v in zip(settings["critical_at"], _json(crit_w))},
        # the same in the order of settings["critical_at"], for dotted paths ("0.05" holds a dot)
        "critical_list": _json(crit_w),
        "phase": {"sigma_w2": _json(pw), "sigma_b2": _json(pb), "xi_c": _json(phase["xi_c"]),
                  "chi1": _json(phase["chi1"]), "q_star": _json(q)},
        "simulation": simulate(entry, settings),
        "quadrature": {"rule": quad.rule, "nodes": quad.nodes, "derivative_jumps": quad.jumps},
    }
    if entry.key == "tanh":  # the published numbers beside ours, for the page's table
        ours = dict(zip((f"{b:g}" for b in settings["critical_at"]), _json(crit_w)))
        out["paper_comparison"] = {"sigma_b2": [float(b) for b in PAPER_TANH_CRITICAL],
                                   "paper": list(PAPER_TANH_CRITICAL.values()),
                                   "ours": [ours[b] for b in PAPER_TANH_CRITICAL]}
    return out


def skip(entry: Activation) -> T | None:
    if entry.properties.smoothness == "discontinuous":
        return T("函数有跳跃：其导数在跳跃处是狄拉克 δ（注册表中的 f′ 处处为 0），χ₁ = σ_w²E[f′²] 无定义",
                 "the function jumps: its derivative is a Dirac delta there (the registry's f′ is 0 "
                 "everywhere else), so χ₁ = σ_w²E[f′²] is not defined")
    return None


#: the issue's critical σ_w² of tanh (Poole et al. 2016, Fig. 2 / Schoenholz et al. 2017), 3 decimals
PAPER_TANH_CRITICAL = {"0.05": 1.761, "0.1": 1.986, "0.3": 2.505}
#: functions drawn together on the edge-of-chaos figure
EDGE_FIGURE_ENTRIES = ("tanh", "softsign", "hardtanh", "elu", "gelu", "selu")

EXPERIMENT = Experiment(
    name="mean_field",
    title=T("平均场理论：混沌边缘", "Mean-field theory: the edge of chaos"),
    run=run,
    settings=SETTINGS,
    skip=skip,
    columns=(
        Column(T("临界 σ_w²（σ_b² = 0）", "critical σ_w² (σ_b² = 0)"), "critical_list.0", 4,
               T("无交点", "no crossing")),
        Column(T("临界 σ_w²（σ_b² = 0.05）", "critical σ_w² (σ_b² = 0.05)"), "critical_list.1", 4,
               T("无交点", "no crossing")),
        Column(T("q*（σ_w² = 1, σ_b² = 0）", "q* (σ_w² = 1, σ_b² = 0)"), "standard.q_star", 3,
               T("发散", "diverges")),
        Column(T("χ₁（σ_w² = 1, σ_b² = 0）", "χ₁ (σ_w² = 1, σ_b² = 0)"), "standard.chi1", 3,
               T("q* 发散", "q* diverges")),
    ),
    figures=("mean_field_phase", "mean_field_edges", "mean_field_simulation"),
    notes={"paper_tanh_critical": PAPER_TANH_CRITICAL, "edge_figure_entries": EDGE_FIGURE_ENTRIES},
)


# --- figures ---------------------------------------------------------------------------------------

def _edges(centres) -> np.ndarray:
    """Cell edges around equally spaced centres (pcolormesh's vector cells)."""
    c = np.asarray(centres, float)
    step = c[1] - c[0]
    return np.concatenate([c - step / 2, [c[-1] + step / 2]])


def _colour_bar(c, image, label: str) -> None:
    bar = c.fig.colorbar(image, ax=c.ax, fraction=0.05, pad=0.03)
    bar.solids.set_rasterized(False)  # matplotlib rasterises a smooth colour bar; keep it vector ...
    bar.solids.set_edgecolor("face")  # ... without hairline seams between its strips
    bar.ax.tick_params(colors=c.ink)
    bar.outline.set_visible(False)
    bar.set_label(label, color=c.ink)


@drawer(
    "mean_field_phase",
    caption=T("tanh 网络的相图：颜色为深度尺度 ξ_c（对数色标），实线为混沌边缘 χ₁ = 1；线左为有序相，右为混沌相",
              "Phase diagram of a tanh network: colour is the depth scale ξ_c (log scale), the solid line "
              "the edge of chaos χ₁ = 1; ordered phase to its left, chaotic to its right"),
    alt=T("σ_w²–σ_b² 平面上的热图，ξ_c 在一条从 (1, 0) 向右上弯的曲线附近最大",
          "Heat map over the σ_w²–σ_b² plane; ξ_c peaks along a curve rising from (1, 0) to the right"),
    size=(6.4, 4.4),
)
def _draw_phase(c, figure) -> None:
    from matplotlib.colors import LogNorm

    from . import results

    r = results.get("mean_field", "tanh")
    ph = r["phase"]
    xi = np.array([[np.nan if v is None else v for v in row] for row in ph["xi_c"]])
    ax = c.ax
    ax.grid(False)
    image = ax.pcolormesh(_edges(ph["sigma_w2"]), _edges(ph["sigma_b2"]), xi, cmap="viridis",
                          norm=LogNorm(vmin=np.nanmin(xi), vmax=np.nanmax(xi)),
                          edgecolors="face", linewidth=0.3)  # each cell's own colour covers the seams
    edge_b = np.array(r["edge"]["sigma_b2"], float)
    edge_w = np.array([np.nan if v is None else v for v in r["edge"]["sigma_w2"]])
    ax.plot(edge_w, edge_b, color="white", linewidth=2.6)
    ax.plot(edge_w, edge_b, color="black", linewidth=1.4, label=r"$\chi_1 = 1$")
    ax.set_xlim(_edges(ph["sigma_w2"])[[0, -1]])
    ax.set_ylim(_edges(ph["sigma_b2"])[[0, -1]])
    ax.set_xlabel(r"$\sigma_w^2$")
    ax.set_ylabel(r"$\sigma_b^2$")
    ax.tick_params(colors=c.ink)
    c.legend(ax, loc="upper left")
    _colour_bar(c, image, r"$\xi_c$")


@drawer(
    "mean_field_edges",
    caption=T("几个函数的混沌边缘：每个 σ_b² 下使 χ₁ = 1 的 σ_w²；ReLU 的边缘只是点 (2, 0)",
              "The edge of chaos of several functions: the σ_w² at which χ₁ = 1 for each σ_b²; "
              "ReLU's edge is the single point (2, 0)"),
    alt=T("σ_b² 对 σ_w² 的几条上升曲线，另有一个 ReLU 的点", "Several rising curves of σ_b² against σ_w², and ReLU's point"),
    size=(6.4, 4.2),
)
def _draw_edges(c, figure) -> None:
    import activations as act

    from . import results

    ax = c.ax
    c.style_axes(ax, xlabel=r"$\sigma_w^2$", origin=False)
    styles = ("-", "--", "-.", ":", (0, (5, 1.5, 1, 1.5)), (0, (1, 1)))
    for i, key in enumerate(EDGE_FIGURE_ENTRIES):
        e = results.get("mean_field", key)["edge"]
        w = np.array([np.nan if v is None else v for v in e["sigma_w2"]])
        ax.plot(w, e["sigma_b2"], color=c.colors[i % len(c.colors)], linestyle=styles[i % len(styles)],
                linewidth=1.9, label=f"${act.get(key).symbol}$" if act.get(key).symbol else key)
    relu = results.get("mean_field", "relu")["critical_sigma_w2"]["0"]
    ax.plot([relu], [0.0], marker="o", markersize=7, color=c.ink, linestyle="none", label=r"$\mathrm{ReLU}$",
            clip_on=False, zorder=5)  # on the axis line σ_b² = 0: not cut in half
    ax.set_ylabel(r"$\sigma_b^2$")
    ax.set_ylim(0, max(SETTINGS["edge_sigma_b2"]))
    ax.set_xlim(0, None)
    c.legend(ax, loc="lower right", fontsize=10)


@drawer(
    "mean_field_simulation",
    caption=T(f"宽度 {SETTINGS['sim_width']} 的随机 tanh 网络：每层预激活的均方 q^l（点）与平均场理论（线）",
              f"A random tanh network of width {SETTINGS['sim_width']}: the mean square q^l of each layer's "
              "pre-activations (markers) against mean-field theory (lines)"),
    alt=T("两组点与线几乎重合，q^l 在几层内收敛到不动点",
          "Two sets of markers lying on their lines; q^l settles to its fixed point within a few layers"),
    size=(6.4, 3.8),
)
def _draw_simulation(c, figure) -> None:
    from . import results

    ax = c.ax
    c.style_axes(ax, xlabel=r"layer $l$", origin=False)
    for i, sim in enumerate(results.get("mean_field", "tanh")["simulation"]):
        color = c.colors[i % len(c.colors)]
        label = rf"$\sigma_w^2 = {sim['sigma_w2']:g},\ \sigma_b^2 = {sim['sigma_b2']:g}$"
        ax.plot(sim["layers"], sim["theory"], color=color, linewidth=1.8,
                linestyle="-" if i == 0 else "--", label=label + " (theory)")
        ax.plot(sim["layers"], sim["measured"], color=color, marker="os"[i % 2], linestyle="none",
                markersize=6, label=label + f" (width {SETTINGS['sim_width']})")
    ax.set_ylabel(r"$q^l$")
    ax.set_ylim(0, None)
    c.legend(ax, loc="upper right", fontsize=9)
