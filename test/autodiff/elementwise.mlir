// RUN: dlm-opt %s -split-input-file -dlm-autodiff | FileCheck %s
// RUN: dlm-gradcheck %s | FileCheck %s --check-prefix=NUMERIC
// NUMERIC-NOT: FAIL
// NUMERIC: gradient check passed (tolerance 1e-06)
// Pins the adjoint IR of every elementwise rule (DlmAdjoints.cpp). Each loss
// is the plain sum of the op's result, so the result's adjoint %[[G]] is the
// seed broadcast back by the sum's rule; the CHECK-NEXT lines after it are the
// ops that the rule under test emits, in order, and nothing else.
// (test/autodiff/gradcheck-ops.mlir checks the same rules numerically.)

// Tests that d(a + b) = (g, g): no op, the same adjoint for both operands.
// CHECK-LABEL: func.func @add
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK-SAME: -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[Y:.*]] = dlm.add %[[A]], %[[B]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[G]], %[[G]] : tensor<f32>, tensor<3xf32>, tensor<3xf32>
func.func @add(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.add %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d(a - b) = (g, -g).
// CHECK-LABEL: func.func @sub
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GB:.*]] = dlm.neg %[[G]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[G]], %[[GB]] : tensor<f32>, tensor<3xf32>, tensor<3xf32>
func.func @sub(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.sub %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d(a * b) = (g * b, g * a).
// CHECK-LABEL: func.func @mul
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GA:.*]] = dlm.mul %[[G]], %[[B]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GB:.*]] = dlm.mul %[[G]], %[[A]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GA]], %[[GB]]
func.func @mul(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.mul %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d(a / b) = (g / b, -(g / b) * y) with y = a / b, i.e. -g a / b^2.
// CHECK-LABEL: func.func @div
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[Y:.*]] = dlm.div %[[A]], %[[B]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GA:.*]] = dlm.div %[[G]], %[[B]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[T:.*]] = dlm.mul %[[GA]], %[[Y]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GB:.*]] = dlm.neg %[[T]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GA]], %[[GB]]
func.func @div(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.div %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d(a % b) = (g, -g * trunc(a / b)), from a % b = a - b * trunc(a / b), with
// trunc(q) = sign(q) * floor(|q|).
// CHECK-LABEL: func.func @rem
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[Q:.*]] = dlm.div %[[A]], %[[B]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[S:.*]] = dlm.sign %[[Q]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[AQ:.*]] = dlm.abs %[[Q]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[FQ:.*]] = dlm.floor %[[AQ]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[TQ:.*]] = dlm.mul %[[S]], %[[FQ]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[T:.*]] = dlm.mul %[[G]], %[[TQ]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GB:.*]] = dlm.neg %[[T]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[G]], %[[GB]]
func.func @rem(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.rem %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d(x^b) = (g * b * x^(b - 1), g * y * log(x)) with y = x^b. The base
// x = exp(a) is positive; its adjoint then goes through exp's rule (times x).
// CHECK-LABEL: func.func @pow
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[X:.*]] = dlm.exp %[[A]]
// CHECK: %[[Y:.*]] = dlm.pow %[[X]], %[[B]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[ONE:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[BM1:.*]] = dlm.sub %[[B]], %[[ONE]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[P:.*]] = dlm.pow %[[X]], %[[BM1]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[BP:.*]] = dlm.mul %[[B]], %[[P]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.mul %[[G]], %[[BP]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[LOG:.*]] = dlm.log %[[X]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[YL:.*]] = dlm.mul %[[Y]], %[[LOG]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GB:.*]] = dlm.mul %[[G]], %[[YL]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GA:.*]] = dlm.mul %[[GX]], %[[X]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GA]], %[[GB]]
func.func @pow(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %x = dlm.exp %a : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.pow %x, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d max(a, b) = (g where a >= b, g where not (a >= b)): ties go left.
// CHECK-LABEL: func.func @max
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[LEFT:.*]] = dlm.compare ge, %[[A]], %[[B]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
// CHECK-NEXT: %[[Z0:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GA:.*]] = dlm.select %[[LEFT]], %[[G]], %[[Z0]] : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[RIGHT:.*]] = dlm.not %[[LEFT]] : (tensor<3xi1>) -> tensor<3xi1>
// CHECK-NEXT: %[[Z1:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GB:.*]] = dlm.select %[[RIGHT]], %[[G]], %[[Z1]] : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GA]], %[[GB]]
func.func @max(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.max %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d min(a, b) = (g where a <= b, g where not (a <= b)): ties go left.
// CHECK-LABEL: func.func @min
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[LEFT:.*]] = dlm.compare le, %[[A]], %[[B]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
// CHECK-NEXT: %[[Z0:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GA:.*]] = dlm.select %[[LEFT]], %[[G]], %[[Z0]] : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[RIGHT:.*]] = dlm.not %[[LEFT]] : (tensor<3xi1>) -> tensor<3xi1>
// CHECK-NEXT: %[[Z1:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GB:.*]] = dlm.select %[[RIGHT]], %[[G]], %[[Z1]] : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GA]], %[[GB]]
func.func @min(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %y = dlm.min %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d select(c, a, b) = (none, g where c, g where not c): the bool
// condition gets no adjoint, and both branches share one zero.
// CHECK-LABEL: func.func @select
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "a"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "b"}
// CHECK: %[[C:.*]] = dlm.compare gt, %[[B]], %{{.*}}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[ZERO:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GA:.*]] = dlm.select %[[C]], %[[G]], %[[ZERO]] : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GB:.*]] = dlm.select %[[C]], %[[ZERO]], %[[G]] : (tensor<3xi1>, tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GA]], %[[GB]]
func.func @select(%a: tensor<3xf32> {dlm.param = "a"}, %b: tensor<3xf32> {dlm.param = "b"}) -> tensor<f32> attributes {dlm.updated = ["a", "b"]} {
  %zero = dlm.constant dense<0.0> : tensor<f32>
  %c = dlm.compare gt, %b, %zero : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %y = dlm.select %c, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d(-x) = -g.
// CHECK-LABEL: func.func @neg
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.neg %[[G]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<3xf32>
func.func @neg(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.neg %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d exp(x) = g * y, reusing the forward result y = exp(x).
// CHECK-LABEL: func.func @exp
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.exp %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[Y]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @exp(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.exp %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d log(x) = g / x (x = exp(p) keeps it positive; exp's rule follows).
// CHECK-LABEL: func.func @log
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[X:.*]] = dlm.exp %[[P]]
// CHECK: %[[Y:.*]] = dlm.log %[[X]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.div %[[G]], %[[X]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[GX]], %[[X]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @log(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %x = dlm.exp %p : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.log %x : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d sqrt(x) = g / (2 * y), reusing y = sqrt(x) (x = exp(p) > 0).
// CHECK-LABEL: func.func @sqrt
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[X:.*]] = dlm.exp %[[P]]
// CHECK: %[[Y:.*]] = dlm.sqrt %[[X]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[TWO:.*]] = dlm.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWOY:.*]] = dlm.mul %[[TWO]], %[[Y]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.div %[[G]], %[[TWOY]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[GX]], %[[X]]
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @sqrt(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %x = dlm.exp %p : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.sqrt %x : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d x^(-1/2) = (g * -0.5) * (y / x), i.e. -x^(-3/2) / 2 (x = exp(p) > 0).
// CHECK-LABEL: func.func @rsqrt
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[X:.*]] = dlm.exp %[[P]]
// CHECK: %[[Y:.*]] = dlm.rsqrt %[[X]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[HALF:.*]] = dlm.constant dense<-5.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[GH:.*]] = dlm.mul %[[G]], %[[HALF]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[YX:.*]] = dlm.div %[[Y]], %[[X]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GX:.*]] = dlm.mul %[[GH]], %[[YX]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[GX]], %[[X]]
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @rsqrt(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %x = dlm.exp %p : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.rsqrt %x : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d |x| = g * sign(x).
// CHECK-LABEL: func.func @abs
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[S:.*]] = dlm.sign %[[P]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[S]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @abs(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.abs %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d sign(x) = 0: in y = p * sign(p), only the product's left
// operand carries a gradient (g * sign(p)); nothing is added for sign's operand.
// CHECK-LABEL: func.func @sign
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[S:.*]] = dlm.sign %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[S]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @sign(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %s = dlm.sign %p : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.mul %p, %s : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d floor(x) = 0: in y = p * floor(p), only g * floor(p) reaches p.
// CHECK-LABEL: func.func @floor
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[F:.*]] = dlm.floor %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[F]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @floor(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %f = dlm.floor %p : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.mul %p, %f : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d tanh(x) = g * (1 - y^2), reusing y = tanh(x).
// CHECK-LABEL: func.func @tanh
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.tanh %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[ONE:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[YY:.*]] = dlm.mul %[[Y]], %[[Y]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[D:.*]] = dlm.sub %[[ONE]], %[[YY]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[D]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @tanh(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.tanh %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d sigmoid(x) = g * (y * (1 - y)), reusing y = sigmoid(x).
// CHECK-LABEL: func.func @sigmoid
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.sigmoid %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[ONE:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[OMY:.*]] = dlm.sub %[[ONE]], %[[Y]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[D:.*]] = dlm.mul %[[Y]], %[[OMY]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[D]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @sigmoid(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.sigmoid %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d relu(x) = g where x > 0, else 0.
// CHECK-LABEL: func.func @relu
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[Z0:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[POS:.*]] = dlm.compare gt, %[[P]], %[[Z0]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
// CHECK-NEXT: %[[Z1:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GP:.*]] = dlm.select %[[POS]], %[[G]], %[[Z1]] : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @relu(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.relu %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d gelu(x) = g * (Phi(x) + x * phi(x)), where
// Phi(x) = 0.5 * (1 + erf(x * 1/sqrt(2))) and phi(x) = 1/sqrt(2 pi) * exp(-0.5 * x^2).
// CHECK-LABEL: func.func @gelu
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[HALF:.*]] = dlm.constant dense<5.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[ONE:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[RSQRT2:.*]] = dlm.constant dense<0.707106769> : tensor<f32>
// CHECK-NEXT: %[[XS:.*]] = dlm.mul %[[P]], %[[RSQRT2]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[ERF:.*]] = dlm.erf %[[XS]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[OPE:.*]] = dlm.add %[[ONE]], %[[ERF]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[CDF:.*]] = dlm.mul %[[HALF]], %[[OPE]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[NORM:.*]] = dlm.constant dense<0.398942292> : tensor<f32>
// CHECK-NEXT: %[[MHALF:.*]] = dlm.constant dense<-5.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[XX:.*]] = dlm.mul %[[P]], %[[P]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[EXPO:.*]] = dlm.mul %[[MHALF]], %[[XX]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[E:.*]] = dlm.exp %[[EXPO]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[PDF:.*]] = dlm.mul %[[NORM]], %[[E]] : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[XPDF:.*]] = dlm.mul %[[P]], %[[PDF]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[D:.*]] = dlm.add %[[CDF]], %[[XPDF]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[D]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @gelu(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.gelu %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d softplus(x) = g * sigmoid(x).
// CHECK-LABEL: func.func @softplus
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[S:.*]] = dlm.sigmoid %[[P]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[S]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @softplus(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.softplus %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d sin(x) = g * cos(x).
// CHECK-LABEL: func.func @sin
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[C:.*]] = dlm.cos %[[P]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[C]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @sin(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.sin %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d cos(x) = -(g * sin(x)).
// CHECK-LABEL: func.func @cos
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[S:.*]] = dlm.sin %[[P]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GS:.*]] = dlm.mul %[[G]], %[[S]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.neg %[[GS]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @cos(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.cos %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d erf(x) = (g * 2/sqrt(pi)) * exp(-(x * x)).
// CHECK-LABEL: func.func @erf
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[K:.*]] = dlm.constant dense<1.12837923> : tensor<f32>
// CHECK-NEXT: %[[GK:.*]] = dlm.mul %[[G]], %[[K]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[XX:.*]] = dlm.mul %[[P]], %[[P]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[NXX:.*]] = dlm.neg %[[XX]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[E:.*]] = dlm.exp %[[NXX]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[GK]], %[[E]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @erf(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.erf %p : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d leaky_relu(x) = g where x > 0, else g * slope.
// CHECK-LABEL: func.func @leaky_relu
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[Z:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[POS:.*]] = dlm.compare gt, %[[P]], %[[Z]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
// CHECK-NEXT: %[[SLOPE:.*]] = dlm.constant dense<1.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[GS:.*]] = dlm.mul %[[G]], %[[SLOPE]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.select %[[POS]], %[[G]], %[[GS]] : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @leaky_relu(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.leaky_relu %p {slope = 0.1 : f64} : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d elu(x) = g where x > 0, else g * (y + alpha): for x <= 0,
// y = alpha * (exp(x) - 1), whose derivative alpha * exp(x) is y + alpha.
// CHECK-LABEL: func.func @elu
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32> {dlm.param = "p"}
// CHECK: %[[Y:.*]] = dlm.elu %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[Z:.*]] = dlm.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[POS:.*]] = dlm.compare gt, %[[P]], %[[Z]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
// CHECK-NEXT: %[[ALPHA:.*]] = dlm.constant dense<1.500000e+00> : tensor<f32>
// CHECK-NEXT: %[[YA:.*]] = dlm.add %[[Y]], %[[ALPHA]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GN:.*]] = dlm.mul %[[G]], %[[YA]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.select %[[POS]], %[[G]], %[[GN]] : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]]
func.func @elu(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.elu %p {alpha = 1.5 : f64} : (tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d convert(x) = convert(g) back to x's element type: here f32 ->
// f64 -> (sum) -> f32, so the adjoints convert f32 -> f64, then f64 -> f32.
// CHECK-LABEL: func.func @convert
// CHECK-SAME: -> (tensor<f32>, tensor<3xf32>)
// CHECK: %[[SEED:.*]] = dlm.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[GW:.*]] = dlm.convert %[[SEED]] : (tensor<f32>) -> tensor<f64>
// CHECK-NEXT: %[[R:.*]] = dlm.reshape %[[GW]] : (tensor<f64>) -> tensor<1xf64>
// CHECK-NEXT: %[[G:.*]] = dlm.broadcast %[[R]] : (tensor<1xf64>) -> tensor<3xf64>
// CHECK-NEXT: %[[GP:.*]] = dlm.convert %[[G]] : (tensor<3xf64>) -> tensor<3xf32>
// CHECK-NEXT: return %{{.*}}, %[[GP]] : tensor<f32>, tensor<3xf32>
func.func @convert(%p: tensor<3xf32> {dlm.param = "p"}) -> tensor<f32> attributes {dlm.updated = ["p"]} {
  %y = dlm.convert %p : (tensor<3xf32>) -> tensor<3xf64>
  %wide = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf64>) -> tensor<f64>
  %l = dlm.convert %wide : (tensor<f64>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Tests that d stopgrad(x) = 0: in g = grad(sum(p * stopgrad(p)), p) only the
// product's left operand carries a gradient, g * stopgrad(p), and nothing is
// added for the stopped use. (dlm.grad rather than dlm.updated: stopgrad is
// the identity numerically, so dlm-gradcheck's finite differences, which it
// runs on every dlm.updated function, would rightly disagree with 1 * p.)
// CHECK-LABEL: func.func @stopgrad
// CHECK-SAME: %[[P:[a-z0-9]+]]: tensor<3xf32>
// CHECK-NOT: dlm.grad
// CHECK: %[[S:.*]] = dlm.stopgrad %[[P]]
// CHECK: %[[G:.*]] = dlm.broadcast %{{.*}} : (tensor<1xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[GP:.*]] = dlm.mul %[[G]], %[[S]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// The adjoint of stopgrad(p), g * p, stops there and is erased as dead:
// CHECK-NEXT: return %[[GP]] : tensor<3xf32>
func.func @stopgrad(%p: tensor<3xf32>) -> tensor<3xf32> {
  %s = dlm.stopgrad %p : (tensor<3xf32>) -> tensor<3xf32>
  %y = dlm.mul %p, %s : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = dlm.reduce sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  %g = dlm.grad %l, %p : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}
