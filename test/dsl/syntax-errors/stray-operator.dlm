// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a statement that begins with a binary operator. There are no expression statements.
// CHECK: {{^}}{{.*}}stray-operator.dlm:10:3: error: expected a statement or '}', got '*'{{$}}
// CHECK-NEXT: {{^}}  * x{{$}}
// CHECK-NEXT: {{^}}  ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  y = x
  * x
}
