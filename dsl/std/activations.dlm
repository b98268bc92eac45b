// std.activations: activation functions beyond the built-ins (relu, gelu, elu, leaky_relu, ...).

fn clamp(x, low, high) { return minimum(maximum(x, low), high) }

fn relu6(x) { return clamp(x, 0.0, 6.0) }

fn hard_tanh(x, low: float = -1.0, high: float = 1.0) { return clamp(x, low, high) }

// Klambauer et al. 2017: the two constants make activations keep zero mean and unit variance.
fn selu(x) { return 1.0507009873554805 * elu(x, alpha = 1.6732632423543772) }

fn silu(x) { return x * sigmoid(x) }

// Ramachandran et al. 2017; beta = 1 is silu.
fn swish(x, beta: float = 1.0) { return x * sigmoid(beta * x) }

fn mish(x) { return x * tanh(softplus(x)) }

// Piecewise-linear stand-ins for sigmoid and swish (MobileNetV3), as PyTorch defines them.
fn hard_sigmoid(x) { return clamp(x / 6 + 0.5, 0.0, 1.0) }

fn hard_swish(x) { return x * hard_sigmoid(x) }

fn softsign(x) { return x / (1 + abs(x)) }

// Written with softplus so that large |x| neither overflows nor loses the tail.
fn log_sigmoid(x) { return -softplus(-x) }

// GPT-2's tanh approximation of gelu; 0.7978845608 is sqrt(2 / pi).
fn gelu_tanh(x) { return 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x ** 3))) }

// Goodfellow et al. 2013: the maximum over each group of k consecutive features.
fn maxout(x: f32[N, C], k: int) -> f32[N, C / k] {
  return max(reshape(x, [N, C / k, k]), axis = 2)
}
