// RUN: dlmc %s --emit=ast | FileCheck %s --strict-whitespace --match-full-lines
// Tests the top-level declarations: imports by path and by string, consts with and without a kind,
// fn with typed and untyped parameters, defaults and results, blocks with and without compile-time
// parameters, data and programs with and without options. Parse only: names are not resolved.

import std.nn
import "layers/resnet.dlm"
const classes = 10
const eps: float = 1e-5
fn leaky(x, slope: float = 0.01) -> f32[N] {
  return maximum(x, slope * x)
}
fn stats(x: f32[N, C]) -> (m: f32[C], f32[C]) {
  return mean(x, axis = 0), var(x, axis = 0)
}
block Empty {
}
block Linear(in: int, out: int = 10) {
}
data fashion {
}
train classify on fashion(batch = 64, epochs = 2) {
}
eval test on fashion {
}

// The printed tree, one node per line with its position; two spaces per level.
// CHECK:Module "{{.*}}declarations.dlm"
// CHECK-NEXT:  Import std.nn @6:1
// CHECK-NEXT:  Import file layers/resnet.dlm @7:1
// CHECK-NEXT:  Const classes @8:1
// CHECK-NEXT:    value: Integer 10 @8:17
// CHECK-NEXT:  Const eps @9:1
// CHECK-NEXT:    type: Type float @9:12
// CHECK-NEXT:    value: Float 1e-5 @9:20
// CHECK-NEXT:  Function leaky @10:1
// CHECK-NEXT:    Parameter x @10:10
// CHECK-NEXT:    Parameter slope @10:13
// CHECK-NEXT:      type: Type float @10:20
// CHECK-NEXT:      default: Float 0.01 @10:28
// CHECK-NEXT:    Result @10:37
// CHECK-NEXT:      type: Type f32[1 dims] @10:37
// CHECK-NEXT:        Name N @10:41
// CHECK-NEXT:    Return @11:3
// CHECK-NEXT:      Call @11:10
// CHECK-NEXT:        Name maximum @11:10
// CHECK-NEXT:        Name x @11:18
// CHECK-NEXT:        Binary * @11:27
// CHECK-NEXT:          Name slope @11:21
// CHECK-NEXT:          Name x @11:29
// CHECK-NEXT:  Function stats @13:1
// CHECK-NEXT:    Parameter x @13:10
// CHECK-NEXT:      type: Type f32[2 dims] @13:13
// CHECK-NEXT:        Name N @13:17
// CHECK-NEXT:        Name C @13:20
// CHECK-NEXT:    Result m @13:28
// CHECK-NEXT:      type: Type f32[1 dims] @13:31
// CHECK-NEXT:        Name C @13:35
// CHECK-NEXT:    Result @13:39
// CHECK-NEXT:      type: Type f32[1 dims] @13:39
// CHECK-NEXT:        Name C @13:43
// CHECK-NEXT:    Return @14:3
// CHECK-NEXT:      Call @14:10
// CHECK-NEXT:        Name mean @14:10
// CHECK-NEXT:        Name x @14:15
// CHECK-NEXT:        Keyword axis @14:18
// CHECK-NEXT:          Integer 0 @14:25
// CHECK-NEXT:      Call @14:29
// CHECK-NEXT:        Name var @14:29
// CHECK-NEXT:        Name x @14:33
// CHECK-NEXT:        Keyword axis @14:36
// CHECK-NEXT:          Integer 0 @14:43
// CHECK-NEXT:  Block Empty @16:1
// CHECK-NEXT:  Block Linear @18:1
// CHECK-NEXT:    Parameter in @18:14
// CHECK-NEXT:      type: Type int @18:18
// CHECK-NEXT:    Parameter out @18:23
// CHECK-NEXT:      type: Type int @18:28
// CHECK-NEXT:      default: Integer 10 @18:34
// CHECK-NEXT:  Data fashion @20:1
// CHECK-NEXT:  Program train classify on fashion @22:1
// CHECK-NEXT:    option: Keyword batch @22:27
// CHECK-NEXT:      Integer 64 @22:35
// CHECK-NEXT:    option: Keyword epochs @22:39
// CHECK-NEXT:      Integer 2 @22:48
// CHECK-NEXT:  Program eval test on fashion @24:1
// CHECK-NOT:{{.}}
