// RUN: dlmc %s --check -verify-diagnostics
// Tests block bodies (docs/language.md §5.3): what a member may be, param and state declarations
// and their initializers, compile-time conditions and ranges, instance arrays, and methods. Each
// error is reported inside the block, with a note where the block is instantiated.

import std.nn
import std.datasets

block TensorMember {
  // expected-error@+1:7 {{block member 'w': expected a sub-block or a compile-time value, got a tensor f32[3]; declare tensors with 'param' or 'state'}}
  w = zeros([3])
}
block NoInitializer {
  // expected-error@+1:9 {{param 'w' needs an initializer, e.g. '= kaiming_uniform()' or '= zeros()'}}
  param w: f32[3]
}
block IntegerParam {
  // expected-error@+1:12 {{param 'w': trainable parameters must be floating point, got i32[3]; use 'state' for other tensors}}
  param w: i32[3] = zeros()
}
block UnknownInitializer {
  // expected-error@+1:21 {{unknown initializer 'glorot'; expected one of: zeros, ones, constant, normal, uniform, kaiming_uniform, kaiming_normal, xavier_uniform, xavier_normal}}
  param w: f32[3] = glorot()
}
block NotAnInitializerCall {
  // expected-error@+1:21 {{expected an initializer call like kaiming_uniform() or zeros()}}
  param w: f32[3] = 0.5
}
block InitializerArguments {
  // expected-error@+1:27 {{zeros: expected at most 0 arguments, got 1}}
  param w: f32[3] = zeros(3)
}
block NegativeDimension(n: int) {
  // expected-error@+1:18 {{dimension: expected a positive extent, got -2}}
  param w: f32[n - 5] = zeros()
}
block UnknownElementType {
  // expected-error@+1:12 {{unknown element type 'f33'; expected f16, bf16, f32, f64, i8, i32, i64, u8 or bool}}
  param w: f33[3] = zeros()
}
block ArrayGap {
  layers[0] = Linear(3, 3)
  // expected-error@+1:10 {{instance array 'layers' is filled in order: expected index 1, got 2}}
  layers[2] = Linear(3, 3)
}
block ArrayOfNumbers {
  // expected-error@+1:15 {{expected a block instantiation like Block(...)}}
  layers[0] = 3
}
block IntCondition(n: int) {
  // expected-error@+1:6 {{condition: expected a compile-time bool, got an int (2)}}
  if n {
    fc = Linear(3, 3)
  }
}
block FloatRange {
  // expected-error@+1:15 {{range end: expected a compile-time int, got a float}}
  for i in 0..2.5 {
    fc = Linear(3, 3)
  }
}
block ZeroStep {
  // expected-error@+1:22 {{range step: expected a positive int, got 0}}
  for i in 0..2 step 0 {
    fc = Linear(3, 3)
  }
}
block TwoNames {
  // expected-error@+1:6 {{a block member binds one name}}
  a, b = (1, 2)
}
block MethodTwice {
  forward(v) {
    return v
  }
  // expected-error@+1:3 {{redefinition of method 'forward'}}
  forward(v) {
    return -v
  }
}
// A member declared in the branch that is not taken does not exist.
block Conditional(wide: bool = false) {
  if wide {
    fc = Linear(784, 10)
  }
  forward(v: f32[N, 784]) -> f32[N, 10] {
    // expected-error@+1:12 {{unknown name 'fc'}}
    return fc(v)
  }
}
block NoForward {
  encode(v) {
    return v
  }
}

train members on fashion(batch = 64) {
  // expected-note@+1:7 {{block 'TensorMember' instantiated here}}
  a = TensorMember()
  // expected-note@+1:7 {{block 'NoInitializer' instantiated here}}
  b = NoInitializer()
  // expected-note@+1:7 {{block 'IntegerParam' instantiated here}}
  c = IntegerParam()
  // expected-note@+1:7 {{block 'UnknownInitializer' instantiated here}}
  d = UnknownInitializer()
  // expected-note@+1:7 {{block 'NotAnInitializerCall' instantiated here}}
  e = NotAnInitializerCall()
  // expected-note@+1:7 {{block 'InitializerArguments' instantiated here}}
  f = InitializerArguments()
  // expected-note@+1:7 {{block 'NegativeDimension' instantiated here}}
  g = NegativeDimension(3)
  // expected-note@+1:7 {{block 'UnknownElementType' instantiated here}}
  h = UnknownElementType()
  // expected-note@+1:7 {{block 'ArrayGap' instantiated here}}
  k = ArrayGap()
  // expected-note@+1:7 {{block 'ArrayOfNumbers' instantiated here}}
  l = ArrayOfNumbers()
  // expected-note@+1:7 {{block 'IntCondition' instantiated here}}
  m = IntCondition(2)
  // expected-note@+1:7 {{block 'FloatRange' instantiated here}}
  n = FloatRange()
  // expected-note@+1:7 {{block 'ZeroStep' instantiated here}}
  o = ZeroStep()
  // expected-note@+1:7 {{block 'TwoNames' instantiated here}}
  p = TwoNames()
  // expected-note@+1:7 {{block 'MethodTwice' instantiated here}}
  q = MethodTwice()
  fc = Linear(784, 10)
  loss = cross_entropy(fc(reshape(x, [B, 784])), y)
  update fc with sgd(lr = 0.1)
}

train methods on fashion(batch = 64) {
  fc = Linear(784, 10)
  cond = Conditional()
  nf = NoForward()
  h = reshape(x, [B, 784])
  // expected-note@+1:7 {{'Conditional.forward' called here}}
  a = cond(h)
  // expected-error@+1:7 {{block 'NoForward' has no 'forward' method, so its instances cannot be called}}
  b = nf(h)
  loss = cross_entropy(fc(h), y)
  update fc with sgd(lr = 0.1)
}
