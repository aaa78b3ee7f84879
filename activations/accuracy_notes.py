"""Why an entry misses its accuracy target (see :mod:`activations.accuracy`).

Every entry whose measured error in ``activations/data/accuracy.json`` exceeds its target (or that
returns NaN where the reference is defined) needs a note here, and only those: ``tests/test_accuracy.py``
checks both directions, so a note disappears with the problem it explains. The notes are prose, not
inputs of the measurement, so editing them does not make the JSON stale. The accuracy table of the
site prints them under the table.
"""

from __future__ import annotations

from .spec import T

# Reasons shared by several entries.
_F32 = T(
    "float32 输入按 float32 计算：NumPy 的 float32 exp / log1p / tanh 等本身有约 1 ULP 误差，几步运算累积后可达 3–5 ULP"
    "（先转为 float64 计算、最后舍入一次即可降到 ≤ 1 ULP）。",
    "float32 input is computed in float32: NumPy's float32 exp, log1p, tanh etc. are themselves about 1 ULP "
    "off, and a few operations add up to 3–5 ULP (computing in float64 and rounding once would give ≤ 1 ULP).",
)


def _both(zh: str, en: str, f32: bool = False) -> T:
    return T(zh + (_F32.zh if f32 else ""), en + (" " + _F32.en if f32 else ""))


EXPLANATIONS: dict[str, T] = {
    "sigmoid": _both(
        "导数 σ(x)σ(−x) 由 exp、1 + z、两次除法和一次乘法组成，每步舍入误差叠加，float64 中最多 4 ULP"
        "（按 z/(1+z)² 计算并用 TwoSum 补偿 1 + z 的舍入可降到 2 ULP）。",
        "The derivative σ(x)σ(−x) takes exp, 1 + z, two divisions and a product, whose roundings add up to "
        "4 ULP in float64 (z/(1 + z)² with the rounding error of 1 + z compensated by TwoSum gives 2 ULP).",
        f32=True,
    ),
    "tanh": _both(
        "导数 4σ(2x)σ(−2x) 的误差来源与 sigmoid 的导数相同：多步舍入叠加（同样可用 4z/(1+z)² 加 TwoSum 补偿降到 2 ULP）。",
        "The derivative 4σ(2x)σ(−2x) adds up the roundings of several operations, as for the sigmoid "
        "(4z/(1 + z)² with a TwoSum-compensated 1 + z gives 2 ULP).",
        f32=True,
    ),
    "log_sigmoid": _both("float64 达标；", "float64 is on target.", f32=True),
    "softsign": _both(
        "导数 (1/(1+|x|))² 把除法的误差平方放大（1/(1+|x|)² 并补偿 1 + |x| 的舍入可降到 1 ULP）。",
        "The derivative (1/(1 + |x|))² doubles the error of the division by squaring it (1/(1 + |x|)² with "
        "the rounding of 1 + |x| compensated gives 1 ULP).",
        f32=True,
    ),
    "arctan": _both(
        "导数 (1/hypot(1, x))² 把 hypot 与除法的误差平方放大（用精确的 x²（Dekker 乘法）计算 1/(1 + x²)、"
        "|x| > 2⁶⁰ 时改用 (1/x)²，可降到 1 ULP）。",
        "The derivative (1/hypot(1, x))² doubles the errors of hypot and the division by squaring (1/(1 + x²) "
        "with an exact x² (Dekker's product), and (1/x)² beyond |x| = 2⁶⁰, gives 1 ULP).",
        f32=True,
    ),
    "isru": _both(
        "导数 (u/hypot(u, x))³ 把 hypot 与除法的误差放大三倍（用精确的 1 + x² 计算 (1 + x²)^(−3/2)（pow 加一阶修正）可降到 2 ULP）。",
        "The derivative (u/hypot(u, x))³ triples the errors of hypot and the division (pow(1 + x², −3/2) "
        "with an exact 1 + x² and a first-order correction gives 2 ULP).",
        f32=True,
    ),
    "isrlu": _both(
        "x < 0 时导数 |x|⁻³(α + 1/x²)^(−3/2) 的多步舍入叠加（与 ISRU 的导数同样的改法可降到 2 ULP）。",
        "For x < 0 the derivative |x|⁻³(α + 1/x²)^(−3/2) adds up several roundings (the fix of the ISRU "
        "derivative gives 2 ULP).",
        f32=True,
    ),
    "softplus": _both("float64 达标；", "float64 is on target.", f32=True),
    "selu": _both(
        "导数 λα·eˣ 中的常数 λα 由两个 float64 相乘得到，比正确舍入的 λα 差 1 ULP，再加上 exp 与乘法的舍入"
        "（使用正确舍入的常数 1.7580993408473768 可降到 1 ULP）。",
        "In the derivative λα·eˣ the constant λα is the product of two float64 numbers, 1 ULP from the "
        "correctly rounded λα, on top of the roundings of exp and the product (the correctly rounded "
        "constant 1.7580993408473768 gives 1 ULP).",
        f32=True,
    ),
    "gelu": T(
        "f：x < 0 时 Φ(x) 取自 SciPy 的 erfcx，而它本身在小参数处误差可达 7 ULP（−1 < x < 0 改用 ½erfc(−x/√2) 可降到约 3 ULP）；"
        "float32 中 x < −13 时 Φ(x) 已是次正规数，只剩几位有效数字，再乘以 x 放大了误差。"
        "f′：f′(x) = Φ(x) + xφ(x) 在其零点 x₀ ≈ −0.7517915 附近两项相消，绝对误差约 10⁻¹⁷ 不变而函数值趋于 0，"
        "相对误差（ULP）在 |x − x₀| < 0.3 内超过目标、在零点处无界（需在零点附近按 x − x₀ 展开计算）。",
        "f: for x < 0, Φ(x) comes from SciPy's erfcx, itself up to 7 ULP off at small arguments (½erfc(−x/√2) "
        "for −1 < x < 0 gives about 3 ULP); in float32, Φ(x) is subnormal for x < −13 and keeps only a few "
        "digits, which the product with x magnifies. f′: f′(x) = Φ(x) + xφ(x) cancels near its root "
        "x₀ ≈ −0.7517915: the absolute error stays about 1e-17 while the value goes to 0, so the error in ULP "
        "exceeds the target for |x − x₀| < 0.3 and is unbounded at the root (needs an expansion in x − x₀ there).",
    ),
    "silu": T(
        "f：x < −708（float64）或 x < −87（float32）时 eˣ 已是次正规数，有效位很少，乘以 |x|（几百）后误差达数百 ULP"
        "（float64 中 x < −700 改算 (x·E)·E，E = e^(x/2) 仍是正规数，可降到 2 ULP；float32 按 float64 计算后舍入一次可降到 1 ULP）；"
        "其余区域 x·z/(1 + z) 的四次舍入最多叠加到 3 ULP。"
        "f′：f′(x) = σ(x)(1 + xσ(−x)) 在零点 x₀ ≈ −1.2784645 附近相消，绝对误差约 10⁻¹⁷ 而函数值趋于 0，"
        "ULP 误差在零点附近无界（需在零点附近按 x − x₀ 展开计算）。",
        "f: for x < −708 (float64) or x < −87 (float32), eˣ is subnormal with few significant bits, and the "
        "product with |x| (hundreds) makes that hundreds of ULP (in float64, (x·E)·E with the normal "
        "E = e^(x/2) for x < −700 gives 2 ULP; in float32, a float64 evaluation rounded once gives 1 ULP); "
        "elsewhere the four roundings of x·z/(1 + z) add up to 3 ULP. f′: f′(x) = σ(x)(1 + xσ(−x)) cancels "
        "near its root x₀ ≈ −1.2784645: the absolute error stays about 1e-17 while the value goes to 0, so "
        "the error in ULP is unbounded at the root (needs an expansion in x − x₀ there).",
    ),
    "mish": T(
        "f：x 很负时与 SiLU 相同，次正规的 eˣ 乘以 |x| 放大误差（同样的 (x·E)·E 改法在 float64 中可降到 2 ULP）；"
        "其余区域 tanh(softplus(x)) 写成 e^(−|x|) 的有理式，约六次舍入叠加到 3 ULP。"
        "f′ 在零点 x₀ ≈ −1.1924312 附近两项相消，绝对误差约 10⁻¹⁷，ULP 误差在零点附近无界（需在零点附近按 x − x₀ 展开计算）。",
        "f: for very negative x, as for SiLU, a subnormal eˣ is magnified by |x| (the same (x·E)·E rewrite "
        "gives 2 ULP in float64); elsewhere tanh(softplus(x)) as a rational function of e^(−|x|) takes about "
        "six roundings, up to 3 ULP. f′ cancels near its root x₀ ≈ −1.1924312: the absolute error is about "
        "1e-17, the error in ULP is unbounded at the root (needs an expansion in x − x₀ there).",
    ),
    "squareplus": _both(
        "导数 f(x)/√(x² + b) 中 hypot 的误差两次进入结果（在 √ 和 f 中），共约五次舍入，最多 3 ULP。",
        "In the derivative f(x)/√(x² + b) the error of hypot enters twice (in the root and in f), about five "
        "roundings in all, up to 3 ULP.",
        f32=True,
    ),
    "tanhshrink": _both(
        "导数 tanh²x 把 tanh 的误差（约 1 ULP）加倍，再加上平方的舍入，最多 3 ULP。",
        "The derivative tanh²x doubles the error of tanh (about 1 ULP) and adds the rounding of the square: "
        "up to 3 ULP.",
        f32=True,
    ),
    "bent_identity": _both("float64 达标；", "float64 is on target.", f32=True),
    "sinc": T(
        "f′ = (cos x − sinc x)/x 在其零点（tan x = x）附近相消。前 32 个零点（|x| ≲ 102）附近已改用零点处的泰勒展开，"
        "更远的零点附近仍用直接公式，相对误差（ULP）在零点处无界（例如 x ≈ −105.23）；把展开推广到所有零点"
        "（零点可由 x_k ≈ (k + ½)π − 1/((k + ½)π) 迭代得到）即可消除。",
        "f′ = (cos x − sinc x)/x cancels near its roots (tan x = x). Near the first 32 roots (|x| ≲ 102) a "
        "Taylor expansion about the root is used; beyond them the direct formula remains, and its error in ULP "
        "is unbounded at a root (e.g. x ≈ −105.23). Extending the expansion to every root (from "
        "x_k ≈ (k + ½)π − 1/((k + ½)π), refined) would remove it.",
    ),
    "gaussian": T(
        "f′ = −2x·e^(−x²)：|x| > 26.6（float64）或 |x| > 9.35（float32）时 e^(−x²) 已是次正规数，有效位很少，"
        "乘以 2|x| 后误差放大到几十 ULP（float64 中在此区域改算 (2|x|·E)·E，E = e^(−x²/2) 仍是正规数，可降到 3 ULP；"
        "float32 可按 float64 计算）。float32 中 f 本身还有 float32 exp 的误差。",
        "f′ = −2x·e^(−x²): for |x| > 26.6 (float64) or 9.35 (float32), e^(−x²) is subnormal with few "
        "significant bits, and the factor 2|x| magnifies that to tens of ULP (in float64, (2|x|·E)·E with "
        "the normal E = e^(−x²/2) there gives 3 ULP; float32 can be computed in float64). In float32 f itself "
        "also carries the error of float32 exp.",
    ),
    "glu": _both("float64 达标；", "float64 is on target.", f32=True),
}
