// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a method whose parameter list is not closed before its results.
// CHECK: {{^}}{{.*}}missing-close-paren-in-parameters.dlm:9:24: error: expected ')', got '->'{{$}}
// CHECK-NEXT: {{^}}  forward(x: f32[N, 3] -> f32[N, 3] {{[{]}}{{$}}
// CHECK-NEXT: {{^}}                       ^{{$}}
// CHECK-NOT: error:

block A {
  forward(x: f32[N, 3] -> f32[N, 3] {
    return x
  }
}
