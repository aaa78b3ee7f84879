"""Why a measured difference is what it is, in both languages.

Every call whose values or gradients disagree with the registry at the registry's default parameters
(``measured.json``, variant ``registry``) needs a note here; ``tests/test_frameworks.py`` fails on one
without. Keys are ``(registry key, framework)`` or ``(registry key, call path)``. A note states what was
measured and its cause where the framework's source shows it; it never types a measured number (the
tables print those from the JSON).
"""

from __future__ import annotations

from activations.core.spec import T

__all__ = ["NOTES"]

NOTES: dict[tuple[str, str], T] = {
    ("swiglu", "paddle"): T(
        "门作用在前一半上：输出 SiLU(x₁)·x₂（x₁、x₂ 为前、后两半），而本站与 torch.nn.GLU 一样门控后一半；"
        "把两半对调后结果在 float64 舍入误差以内一致（本地单独核对）。",
        "it gates the first half: the output is SiLU(x₁)·x₂ (x₁, x₂ the first and second halves), while the "
        "registry, like torch.nn.GLU, gates the second half; with the halves swapped the results agree to "
        "float64 rounding (checked separately)."),
    ("swiglu", "mindspore"): T(
        "MindSpore 2.10 的 CPU 版本没有这个算子（“The kernel Swiglu unregistered”），其文档列出的唯一支持平台是 Ascend，"
        "因此这里没有测量结果。",
        "MindSpore 2.10's CPU build has no kernel for it (\"The kernel Swiglu unregistered\"), and its "
        "documentation lists Ascend as the only supported platform, so there is no measurement here."),
    ("gumbel_softmax", "torch"): T(
        "函数在内部抽取 Gumbel 噪声，不能传入噪声，因此不可能与本站给定噪声（默认 g = 0）时的确定值一致；"
        "差异是抽样造成的，不是定义不同。",
        "it draws the Gumbel noise inside and takes no noise argument, so it cannot match the registry's "
        "value for given noise (g = 0 by default); the difference is the sampling, not the definition."),
    ("gumbel_softmax", "paddle"): T(
        "与 PyTorch 相同：噪声在函数内部抽取，无法与给定噪声时的确定值比较。",
        "as PyTorch: the noise is drawn inside the function, so it cannot be compared with the value for "
        "given noise."),
    ("gumbel_softmax", "mindspore"): T(
        "与 PyTorch 相同：噪声在函数内部抽取，无法与给定噪声时的确定值比较（并且以 float32 计算）。",
        "as PyTorch: the noise is drawn inside the function, so it cannot be compared with the value for "
        "given noise (and it computes in float32)."),
    ("hard_sigmoid", "torch"): T(
        "反向传播中的斜率 1/6 是 float32 常数，float64 下的 f′ 因此只有约 8 位有效数字；函数值正确。",
        "the backward pass uses the slope 1/6 as a float32 constant, so f′ in float64 has about 8 correct "
        "digits; the values are exact."),
    ("hard_sigmoid", "paddle"): T(
        "默认斜率 slope=0.1666667 只写了 7 位小数，而不是 1/6，函数值与导数都差在第 8 位，拐点也随之"
        "略微移动；offset=0.5 与本站一致。",
        "the default slope=0.1666667 is 1/6 typed to 7 decimals, so values and derivative differ in the "
        "8th digit and the corners move slightly; offset=0.5 matches."),
    ("hard_sigmoid", "keras"): T(
        "计算的是 relu6(x + 3)/6，与 keras.activations.hard_sigmoid 的文档一致；但 keras.ops.hard_sigmoid 的文档"
        "（Keras 3.15.1）仍写着 |x| ≤ 2.5 时为 0.2x + 0.5，示例输出 [0.3, 0.5, 0.7] 也与代码的实际结果不符。"
        "0.2x + 0.5 是 Keras 2 的定义。",
        "it computes relu6(x + 3)/6, as keras.activations.hard_sigmoid documents; the docstring of "
        "keras.ops.hard_sigmoid (Keras 3.15.1) still says 0.2x + 0.5 for |x| ≤ 2.5, and its example output "
        "[0.3, 0.5, 0.7] is not what the code returns. 0.2x + 0.5 is Keras 2's definition."),
    ("hard_sigmoid", "tensorflow"): T(
        "TensorFlow 2.21 的 tf.keras 是 Keras 3，计算 relu6(x + 3)/6；TensorFlow 旧版文档中的 0.2x + 0.5 "
        "是 Keras 2（TensorFlow 2.15 及以前的 tf.keras）的定义，这里没有测量。",
        "tf.keras in TensorFlow 2.21 is Keras 3 and computes relu6(x + 3)/6; the 0.2x + 0.5 of TensorFlow's "
        "older documentation is Keras 2's definition (tf.keras up to TensorFlow 2.15), not measured here."),
    ("leaky_relu", "tensorflow"): T(
        "alpha 以 float32 存储（0.01 变成 0.0099999998），float64 输入也一样。",
        "alpha is held in float32 (0.01 becomes 0.0099999998), even for float64 input."),
    ("leaky_relu", "mindspore"): T(
        "alpha 以 float32 存储；在 x = 0 处（以及 ±inf 处）梯度取两支的平均 (1 + α)/2，"
        "因为它按 max(x, αx) 求导、把并列的梯度平分。",
        "alpha is held in float32; at x = 0 (and at ±inf) the gradient is the mean of both branches, "
        "(1 + α)/2: it differentiates max(x, αx) and splits the gradient of a tie."),
    ("rrelu", "paddle"): T(
        "函数式接口默认 training=True，每次调用随机抽取斜率；按本站的评估模式调用（training=False）时，"
        "斜率 (l + u)/2 以 float32 计算。",
        "the functional call defaults to training=True and draws random slopes on every call; in "
        "evaluation mode (training=False, as measured against the registry) the slope (l + u)/2 is "
        "computed in float32."),
    ("rrelu", "mindspore"): T(
        "没有评估模式：每次调用都从 U(l, u) 随机抽取斜率，所以与确定性的 (l + u)/2 不一致；x = 0 处的梯度为 0。",
        "there is no evaluation mode: every call draws the slopes from U(l, u), so it cannot match the "
        "deterministic (l + u)/2; its gradient at x = 0 is 0."),
    ("softplus", "torch"): T(
        "threshold=20 作用于 βx：βx > 20 时直接返回 x，误差约 e⁻²⁰。",
        "threshold=20 applies to βx: for βx > 20 it returns x, an error of about e⁻²⁰."),
    ("softplus", "paddle"): T(
        "与 PyTorch 相同：threshold=20 作用于 βx，βx > 20 时返回 x。",
        "as PyTorch: threshold=20 applies to βx, and for βx > 20 it returns x."),
    ("softplus", "mindspore"): T(
        "float64 输入的结果只有约 float32 的精度；softplus(NaN) 返回 inf。",
        "float64 input gets results of about float32 accuracy; softplus(NaN) returns inf."),
    ("celu", "mindspore"): T("float64 输入的结果只有约 float32 的精度。",
                             "float64 input gets results of about float32 accuracy."),
    ("celu", "tensorflow"): T(
        "tf.keras（TensorFlow 后端）的自动微分在 x = 0 处给出 f′ = 2（两支的导数相加），其余各点一致。",
        "tf.keras (TensorFlow backend) autodiff returns f′ = 2 at x = 0 exactly (both branches add up); "
        "everywhere else it agrees."),
    ("celu", "mlx"): T(
        "求导时 float64 输入被降为 float32；在 x = 0 处梯度为 0，而不是 1。",
        "under differentiation float64 input is computed in float32; at x = 0 the gradient is 0, not 1."),
    ("selu", "paddle"): T(
        "默认常数写足了位数，但计算中以 float32 使用，float64 的结果只有约 8 位有效数字。",
        "the default constants are typed in full, but used in float32, so float64 results have about 8 "
        "correct digits."),
    ("selu", "mindspore"): T(
        "函数值只有约 float32 的精度；x < 0 时的梯度是错的（不是 λαeˣ，x → −∞ 时也不趋于 0），"
        "x = 0 处取 λ。",
        "values have about float32 accuracy; the gradient for x < 0 is wrong (not λαeˣ, and it does not "
        "tend to 0 as x → −∞); at x = 0 it is λ."),
    ("selu", "mlx"): T(
        "常数只写到 λ = 1.0507、α = 1.67326（见 mlx.nn.selu 的源码），所以误差远大于 float32 的舍入；"
        "而且求导时 float64 输入被降为 float32。",
        "its constants are typed as λ = 1.0507 and α = 1.67326 (the source of mlx.nn.selu), so the error is "
        "far above float32 rounding; under differentiation float64 input is computed in float32."),
    ("gelu", "tensorflow"): T(
        "精确 GELU（approximate=False）在 float64 下只有约 8 位有效数字，像是用了 float32 的常数。",
        "exact GELU (approximate=False) has about 8 correct digits in float64, as if a constant were held "
        "in float32."),
    ("mish", "mindspore"): T(
        "float64 输入的结果只有约 float32 的精度；x 较大（如 50）和 ±inf 处返回 NaN。",
        "float64 input gets results of about float32 accuracy; for large x (such as 50) and at ±inf it "
        "returns NaN."),
    ("log_softmax", "mindspore"): T("float64 输入的结果只有约 float32 的精度。",
                                    "float64 input gets results of about float32 accuracy."),
    ("sparsemax", "keras"): T(
        "Keras 3 的 sparsemax 算错了阈值 τ：它把支撑集内所有的累积和加在一起，而不是取第 k 个累积和，"
        "所以支撑集多于一个元素时结果就错（JAX 后端与 TensorFlow 后端相同）。",
        "Keras 3's sparsemax computes the threshold τ wrongly: it adds up every cumulative sum inside the "
        "support instead of taking the k-th, so the result is wrong whenever the support has more than "
        "one element (the same on the JAX and TensorFlow backends)."),
    ("sparsemax", "tensorflow"): T(
        "即 Keras 3 的 sparsemax（TensorFlow 后端），阈值 τ 的计算错误与 Keras 相同。",
        "this is Keras 3's sparsemax (TensorFlow backend), with the same wrong threshold τ as in Keras."),
}
