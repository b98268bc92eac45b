// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a slice with a fourth part: a slice is begin:end:step at most.
// CHECK: {{^}}{{.*}}slice-with-three-colons.dlm:9:14: error: expected ']', got ':'{{$}}
// CHECK-NEXT: {{^}}  y = x[1:2:3:4]{{$}}
// CHECK-NEXT: {{^}}             ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  y = x[1:2:3:4]
  return y
}
