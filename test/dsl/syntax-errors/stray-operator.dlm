// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a body that begins with a binary operator. There are no expression statements, and
// the first statement of a body has no expression above it to continue.
// CHECK: {{^}}{{.*}}stray-operator.dlm:10:3: error: expected a statement or '}', got '*'{{$}}
// CHECK-NEXT: {{^}}  * x{{$}}
// CHECK-NEXT: {{^}}  ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  * x
  return x
}
