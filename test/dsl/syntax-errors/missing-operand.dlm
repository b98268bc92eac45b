// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a binary operator whose right operand is missing.
//
//
// CHECK: {{^}}{{.*}}missing-operand.dlm:10:11: error: expected an expression, got '/'{{$}}
// CHECK-NEXT: {{^}}  y = x * / 2{{$}}
// CHECK-NEXT: {{^}}          ^{{$}}

fn f(x) {
  y = x * / 2
  return y
}
