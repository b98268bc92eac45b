// std.attention: scaled dot-product and multi-head attention, the Transformer encoder block,
// positional encodings and patch embedding.

import std.nn

// softmax(q k^T / sqrt(E) + mask) v for each batch and head. `mask` is added to the scores:
// 0 keeps a pair, a large negative number (see causal_mask) hides it.
fn scaled_dot_product_attention(q: f32[N, H, L, E], k: f32[N, H, S, E], v: f32[N, H, S, E],
                                mask = 0.0, p: float = 0.0) -> f32[N, H, L, E] {
  scores[n, h, l, s] = sum(e) q[n, h, l, e] * k[n, h, s, e] / sqrt(E)
  a = dropout(softmax(scores + mask), p)
  o[n, h, l, e] = sum(s) a[n, h, l, s] * v[n, h, s, e]
  return o
}

// Hides the future: position l attends to positions s <= l only. -1e9 rather than -inf keeps a
// fully masked row finite.
fn causal_mask(L: int) -> f32[L, L] {
  r = arange(L)
  m[l, s] = select(r[s] > r[l], -1e9, 0.0)
  return m
}

// Vaswani et al. 2017: even features sin(pos / 10000^(2i/dim)), odd features the cosine.
fn sinusoidal_encoding(length: int, dim: int) -> f32[length, dim] {
  pos = f32(arange(length))
  freq = exp(f32(arange(dim / 2)) * (-2 * log(10000.0) / dim))
  angle[p, i] = pos[p] * freq[i]
  return reshape(stack([sin(angle), cos(angle)], axis = 2), [length, dim])
}

// Parameter names follow torch.nn.MultiheadAttention: the q, k and v projections are packed in
// in_proj_weight (xavier-initialized, biases zero), each split into heads of dim / heads features.
// One difference: out_proj.bias keeps Linear's initialization where PyTorch zeroes it.
block MultiHeadAttention(dim: int, heads: int, p: float = 0.0) {
  const head_dim = dim / heads
  param in_proj_weight: f32[3 * dim, dim] = xavier_uniform()
  param in_proj_bias: f32[3 * dim] = zeros()
  out_proj = Linear(dim, dim)

  forward(query: f32[N, L, dim], key: f32[N, S, dim], value: f32[N, S, dim], mask = 0.0)
      -> f32[N, L, dim] {
    w = reshape(in_proj_weight, [3, heads, head_dim, dim])
    b = reshape(in_proj_bias, [3, heads, head_dim])
    q[n, h, l, e] = sum(i) query[n, l, i] * w[0, h, e, i] + b[0, h, e]
    k[n, h, s, e] = sum(i) key[n, s, i] * w[1, h, e, i] + b[1, h, e]
    v[n, h, s, e] = sum(i) value[n, s, i] * w[2, h, e, i] + b[2, h, e]
    o = scaled_dot_product_attention(q, k, v, mask, p)
    // the heads side by side again, one row per token for out_proj
    o = reshape(transpose(o, [0, 2, 1, 3]), [N * L, dim])
    return reshape(out_proj(o), [N, L, dim])
  }
}

// torch.nn.TransformerEncoderLayer with batch-first input and the same parameter names.
// norm_first = false is the original post-norm block; true is the pre-norm block of GPT-2 and ViT,
// which trains without a learning-rate warmup.
block TransformerEncoderBlock(dim: int, heads: int, hidden: int = 2048, p: float = 0.1,
                              norm_first: bool = false) {
  self_attn = MultiHeadAttention(dim, heads, p = p)
  linear1 = Linear(dim, hidden)
  linear2 = Linear(hidden, dim)
  norm1 = LayerNorm(dim)
  norm2 = LayerNorm(dim)

  forward(x: f32[N, L, dim], mask = 0.0) -> f32[N, L, dim] {
    if norm_first {
      h = norm1(x)
      x = x + dropout(self_attn(h, h, h, mask), p)
      x = x + feed_forward(norm2(x))
    } else {
      x = norm1(x + dropout(self_attn(x, x, x, mask), p))
      x = norm2(x + feed_forward(x))
    }
    return x
  }

  // the same two-layer MLP on every token
  feed_forward(x: f32[N, L, dim]) -> f32[N, L, dim] {
    h = linear2(dropout(relu(linear1(reshape(x, [N * L, dim]))), p))
    return dropout(reshape(h, [N, L, dim]), p)
  }
}

// ViT's tokenizer: non-overlapping patch x patch squares, each projected to dim features, in
// row-major order: f32[N, channels, H, W] -> f32[N, (H / patch) * (W / patch), dim].
block PatchEmbedding(channels: int, dim: int, patch: int) {
  proj = Conv2d(channels, dim, kernel = patch, stride = patch)

  forward(x: f32[N, channels, H, W]) {
    return transpose(reshape(proj(x), [N, dim, -1]), [0, 2, 1])
  }
}
