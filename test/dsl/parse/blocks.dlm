// RUN: dlmc %s --emit=ast | FileCheck %s --strict-whitespace --match-full-lines
// Tests block bodies: compile-time parameters with kinds and defaults, param and state with and
// without initializers, consts, sub-block instances, instance arrays filled by a for with a step,
// members under if/else if/else, and methods with and without results.

block Net(c: int, p: float = 0.5, bias: bool = true) {
  param w: f32[c, 2 * c] = kaiming_uniform(a = 2.236)
  state s: f32[c]
  const half = c / 2
  fc = Linear(c, 10)
  for i in 0..4 step 2 {
    layers[i] = Linear(c, c)
  }
  if bias {
    param b: f32[c] = zeros()
  } else if p > 0.1 {
    state t: f32[] = ones()
  } else {
  }
  forward(x: f32[..., c]) -> f32[..., c] {
    return x
  }
  reset() {
  }
}

// CHECK:Module "{{.*}}blocks.dlm"
// CHECK-NEXT:  Block Net @6:1
// CHECK-NEXT:    Parameter c @6:11
// CHECK-NEXT:      type: Type int @6:14
// CHECK-NEXT:    Parameter p @6:19
// CHECK-NEXT:      type: Type float @6:22
// CHECK-NEXT:      default: Float 0.5 @6:30
// CHECK-NEXT:    Parameter bias @6:35
// CHECK-NEXT:      type: Type bool @6:41
// CHECK-NEXT:      default: Bool true @6:48
// CHECK-NEXT:    Param w @7:3
// CHECK-NEXT:      type: Type f32[2 dims] @7:12
// CHECK-NEXT:        Name c @7:16
// CHECK-NEXT:        Binary * @7:21
// CHECK-NEXT:          Integer 2 @7:19
// CHECK-NEXT:          Name c @7:23
// CHECK-NEXT:      value: Call @7:28
// CHECK-NEXT:        Name kaiming_uniform @7:28
// CHECK-NEXT:        Keyword a @7:44
// CHECK-NEXT:          Float 2.236 @7:48
// CHECK-NEXT:    State s @8:3
// CHECK-NEXT:      type: Type f32[1 dims] @8:12
// CHECK-NEXT:        Name c @8:16
// CHECK-NEXT:    Const half @9:3
// CHECK-NEXT:      value: Binary / @9:18
// CHECK-NEXT:        Name c @9:16
// CHECK-NEXT:        Integer 2 @9:20
// CHECK-NEXT:    Assign fc @10:3
// CHECK-NEXT:      value: Call @10:8
// CHECK-NEXT:        Name Linear @10:8
// CHECK-NEXT:        Name c @10:15
// CHECK-NEXT:        Integer 10 @10:18
// CHECK-NEXT:    For i @11:3
// CHECK-NEXT:      from: Integer 0 @11:12
// CHECK-NEXT:      to: Integer 4 @11:15
// CHECK-NEXT:      step: Integer 2 @11:22
// CHECK-NEXT:      IndexedAssign layers @12:5
// CHECK-NEXT:        index: Name i @12:12
// CHECK-NEXT:        value: Call @12:17
// CHECK-NEXT:          Name Linear @12:17
// CHECK-NEXT:          Name c @12:24
// CHECK-NEXT:          Name c @12:27
// CHECK-NEXT:    If @14:3
// CHECK-NEXT:      condition: Name bias @14:6
// CHECK-NEXT:      Param b @15:5
// CHECK-NEXT:        type: Type f32[1 dims] @15:14
// CHECK-NEXT:          Name c @15:18
// CHECK-NEXT:        value: Call @15:23
// CHECK-NEXT:          Name zeros @15:23
// CHECK-NEXT:    Else
// CHECK-NEXT:      If @16:10
// CHECK-NEXT:        condition: Binary > @16:15
// CHECK-NEXT:          Name p @16:13
// CHECK-NEXT:          Float 0.1 @16:17
// CHECK-NEXT:        State t @17:5
// CHECK-NEXT:          type: Type f32[0 dims] @17:14
// CHECK-NEXT:          value: Call @17:22
// CHECK-NEXT:            Name ones @17:22
// CHECK-NEXT:      Else
// CHECK-NEXT:    Method forward @20:3
// CHECK-NEXT:      Parameter x @20:11
// CHECK-NEXT:        type: Type f32[2 dims] @20:14
// CHECK-NEXT:          Ellipsis @20:18
// CHECK-NEXT:          Name c @20:23
// CHECK-NEXT:      Result @20:30
// CHECK-NEXT:        type: Type f32[2 dims] @20:30
// CHECK-NEXT:          Ellipsis @20:34
// CHECK-NEXT:          Name c @20:39
// CHECK-NEXT:      Return @21:5
// CHECK-NEXT:        Name x @21:12
// CHECK-NEXT:    Method reset @23:3
// CHECK-NOT:{{.}}
