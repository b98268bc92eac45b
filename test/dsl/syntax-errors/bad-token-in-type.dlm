// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a type whose dimensions are not separated by commas.
// CHECK: {{^}}{{.*}}bad-token-in-type.dlm:8:15: error: expected ']', got '3'{{$}}
// CHECK-NEXT: {{^}}fn f(x: f32[N 3]) {{[{]}}{{$}}
// CHECK-NEXT: {{^}}              ^{{$}}
// CHECK-NOT: error:

fn f(x: f32[N 3]) {
  return x
}
