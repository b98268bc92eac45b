// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a subscript whose ']' is missing.
// CHECK: {{^}}{{.*}}missing-close-bracket.dlm:10:3: error: expected ']', got 'return'{{$}}
// CHECK-NEXT: {{^}}  return y{{$}}
// CHECK-NEXT: {{^}}  ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  y = x[0, 1
  return y
}
