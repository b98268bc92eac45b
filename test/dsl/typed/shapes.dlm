// RUN: dlmc %s --emit=typed | FileCheck %s
// Tests inferred shapes of shape manipulation, matrix products, reductions, subscripts and
// broadcasting. x is f32[64, 1, 28, 28] and y is i32[64].

import std.datasets

eval shapes on fashion(batch = 64) {
  // 64 * 784 elements in rows of 7: the -1 is 64 * 784 / (64 * 7) = 112
  a = reshape(x, [B, -1, 7])
  b = transpose(a, [2, 0, 1])
  // without a permutation the axes are reversed
  c = transpose(reshape(x, [B, 784]))
  // 28 + 5 + 14 along axis 2
  d = concat([x, x[:, :, 0:5], x[:, :, ::2]], axis = 2)
  e = stack([a, a], axis = 1)
  // batched: [5] batch, [64, 3] @ [3, 4]
  f = normal([5, 64, 3]) @ normal([5, 3, 4])
  // batch dimensions [2, 1] and [7] broadcast to [2, 7]
  g = normal([2, 1, 6, 3]) @ normal([7, 3, 4])
  // a rank-1 right operand is contracted away
  h = matmul(normal([6, 3]), normal([3]))
  k = sum(x, axis = [2, 3])
  l = mean(x, axis = -1, keepdims = true)
  m = max(x, axis = [1, 3], keepdims = true)
  n = argmax(reshape(x, [B, 784]))
  o = var(x, axis = 0)
  p = logsumexp(reshape(x, [B, 784]), axis = 1)
  q = unsqueeze(a, -1)
  r = pad(x, [0, 0, 0, 0, 1, 2, 3, 4])
  s = flatten(x)
  t = one_hot(y, 10)
  // 0 drops dimension 1; 3:-3:2 is 3, 5, ..., 23: 11 rows
  u = x[:, 0, 3:-3:2]
  v = x + normal([28])
  w = normal([64, 1]) * normal([1, 10])
  z = broadcast_to(normal([10]), [3, 10])
  metric ma = mean(a)
  metric mb = mean(b)
  metric mc = mean(c)
  metric md = mean(d)
  metric me = mean(e)
  metric mf = mean(f)
  metric mg = mean(g)
  metric mh = mean(h)
  metric mk = mean(k)
  metric ml = mean(l)
  metric mm = mean(m)
  metric mn = mean(f32(n))
  metric mo = mean(o)
  metric mp = mean(p)
  metric mq = mean(q)
  metric mr = mean(r)
  metric ms = mean(s)
  metric mt = mean(t)
  metric mu = mean(u)
  metric mv = mean(v)
  metric mw = mean(w)
  metric mz = mean(z)
}

// CHECK-LABEL: metric ma
// CHECK: = reshape(%{{[0-9]+}}) : f32[64, 112, 7] @shapes.dlm:9:7
// CHECK-LABEL: metric mb
// CHECK: = transpose(%{{[0-9]+}}) {perm = [2, 0, 1]} : f32[7, 64, 112] @shapes.dlm:10:7
// CHECK-LABEL: metric mc
// CHECK: = transpose(%{{[0-9]+}}) {perm = [1, 0]} : f32[784, 64] @shapes.dlm:12:7
// CHECK-LABEL: metric md
// CHECK: = slice({{.*}} : f32[64, 1, 5, 28] @shapes.dlm:14:19
// CHECK: = slice({{.*}} : f32[64, 1, 14, 28] @shapes.dlm:14:33
// CHECK: = concat({{.*}}) {axis = 2} : f32[64, 1, 47, 28] @shapes.dlm:14:7
// CHECK-LABEL: metric me
// CHECK: = stack({{.*}}) {axis = 1} : f32[64, 2, 112, 7] @shapes.dlm:15:7
// CHECK-LABEL: metric mf
// CHECK: = matmul({{.*}}) : f32[5, 64, 4] @shapes.dlm:17:26
// CHECK-LABEL: metric mg
// CHECK: = matmul({{.*}}) : f32[2, 7, 6, 4] @shapes.dlm:19:28
// CHECK-LABEL: metric mh
// CHECK: = matmul({{.*}}) : f32[6] @shapes.dlm:21:7
// CHECK-LABEL: metric mk
// CHECK: = sum({{.*}}) {axes = [2, 3], keepdims = 0} : f32[64, 1] @shapes.dlm:22:7
// CHECK-LABEL: metric ml
// CHECK: = mean({{.*}}) {axes = [3], keepdims = 1} : f32[64, 1, 28, 1] @shapes.dlm:23:7
// CHECK-LABEL: metric mm
// CHECK: = max({{.*}}) {axes = [1, 3], keepdims = 1} : f32[64, 1, 28, 1] @shapes.dlm:24:7
// CHECK-LABEL: metric mn
// CHECK: = argmax({{.*}}) {axis = 1} : i32[64] @shapes.dlm:25:7
// CHECK-LABEL: metric mo
// CHECK: = var({{.*}}) {axes = [0], keepdims = 0} : f32[1, 28, 28] @shapes.dlm:26:7
// CHECK-LABEL: metric mp
// CHECK: = logsumexp({{.*}}) {axes = [1], keepdims = 0} : f32[64] @shapes.dlm:27:7
// CHECK-LABEL: metric mq
// CHECK: = reshape({{.*}}) : f32[64, 112, 7, 1] @shapes.dlm:28:7
// CHECK-LABEL: metric mr
// CHECK: = pad({{.*}}) {pads = [0, 0, 0, 0, 1, 2, 3, 4], value = 0} : f32[64, 1, 31, 35] @shapes.dlm:29:7
// CHECK-LABEL: metric ms
// CHECK: = reshape({{.*}}) : f32[64, 784] @shapes.dlm:30:7
// CHECK-LABEL: metric mt
// CHECK: = one_hot({{.*}}) : f32[64, 10] @shapes.dlm:31:7
// CHECK-LABEL: metric mu
// CHECK: = slice({{.*}}) {begin = [0, 0, 3, 0], end = [64, 1, 25, 28], stride = [1, 1, 2, 1], drop = [1]} : f32[64, 11, 28] @shapes.dlm:33:8
// CHECK-LABEL: metric mv
// CHECK: = add({{.*}}) : f32[64, 1, 28, 28] @shapes.dlm:34:9
// CHECK-LABEL: metric mw
// CHECK: = mul({{.*}}) : f32[64, 10] @shapes.dlm:35:23
// CHECK-LABEL: metric mz
// CHECK: = broadcast({{.*}}) : f32[3, 10] @shapes.dlm:36:7
