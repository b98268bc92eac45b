// std.losses: loss functions, each averaged over the batch like PyTorch's reduction = "mean".

fn mse(pred, target) { return mean((pred - target) ** 2) }

fn l1_loss(pred, target) { return mean(abs(pred - target)) }

// Quadratic for errors below delta, linear above: a few outliers cannot dominate the gradient.
fn huber(pred, target, delta: float = 1.0) {
  d = abs(pred - target)
  return mean(select(d < delta, 0.5 * d * d, delta * (d - 0.5 * delta)))
}

// Binary hinge loss; targets are -1 or +1.
fn hinge(scores, targets, margin: float = 1.0) { return mean(relu(margin - targets * scores)) }

// Weston-Watkins multiclass SVM (as in CS231n): each wrong class that scores within `margin` of the
// true class adds the shortfall.
fn multiclass_svm(scores: f32[N, C], labels: i32[N], margin: float = 1.0) -> f32 {
  t = one_hot(labels, C)
  correct[n] = sum(c) scores[n, c] * t[n, c]
  shortfall[n, c] = relu(scores[n, c] - correct[n] + margin) * (1 - t[n, c])
  return sum(shortfall) / N
}

fn nll(log_p: f32[N, C], labels: i32[N]) -> f32 {
  return -sum(log_p * one_hot(labels, C)) / N
}

// Cross-entropy against a target distribution instead of a label (distillation, mixup, smoothing).
fn soft_cross_entropy(logits: f32[N, C], q: f32[N, C]) -> f32 {
  return -sum(q * log_softmax(logits)) / N
}

// KL(q || p) from log-probabilities log_p and probabilities q, summed over classes and averaged
// over the batch (PyTorch's kl_div with reduction = "batchmean"). The floor makes 0 * log 0 = 0.
fn kl_div(log_p: f32[N, C], q: f32[N, C]) -> f32 {
  return sum(q * (log(maximum(q, 1e-30)) - log_p)) / N
}

// Binary cross-entropy on probabilities. As in PyTorch the logs are floored at -100 so that a
// saturated sigmoid gives a large finite loss; prefer bce_logits, which never saturates.
fn bce(p, targets) {
  return -mean(targets * maximum(log(p), -100.0) + (1 - targets) * maximum(log(1 - p), -100.0))
}

// Euclidean distance between rows; eps keeps the gradient finite when a == b (as in PyTorch).
fn pairwise_distance(a, b, eps: float = 1e-6) { return sqrt(sum((a - b + eps) ** 2, axis = -1)) }

// Rows scaled to unit L2 norm; eps guards all-zero rows.
fn normalize(x, eps: float = 1e-12) {
  return x / maximum(sqrt(sum(x * x, axis = -1, keepdims = true)), eps)
}

// Hadsell, Chopra & LeCun 2006: pulls matching pairs together and pushes the others at least
// `margin` apart. d: pair distances; same: 1 (or true) for a matching pair.
fn contrastive(d, same, margin: float = 1.0) {
  s = f32(same)
  return mean(s * d ** 2 + (1 - s) * relu(margin - d) ** 2) / 2
}

// Schroff et al. 2015 (FaceNet): the positive must be closer to the anchor than the negative,
// by at least `margin`.
fn triplet(anchor, pos, neg, margin: float = 1.0) {
  return mean(relu(pairwise_distance(anchor, pos) - pairwise_distance(anchor, neg) + margin))
}

// InfoNCE on cosine similarities (SimCLR, MoCo): row i of k is the positive for row i of q, and
// the other rows of the batch are its negatives.
fn info_nce(q: f32[N, D], k: f32[N, D], temperature: float = 0.07) -> f32 {
  qn = normalize(q)
  kn = normalize(k)
  logits[i, j] = sum(d) qn[i, d] * kn[j, d] / temperature
  return cross_entropy(logits, i32(arange(N)))
}

// The elastic-net penalty as scikit-learn writes it: l1_ratio = 1 is the lasso, 0 is ridge.
fn elastic_net(instance, alpha: float, l1_ratio: float = 0.5) {
  return alpha * (l1_ratio * l1(instance) + (1 - l1_ratio) / 2 * l2(instance))
}
