// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a call whose ')' is missing: the error is at the first token that cannot continue it.
// CHECK: {{^}}{{.*}}missing-close-paren.dlm:10:1: error: expected ')', got '}'{{$}}
// CHECK-NEXT: {{^}}}{{$}}
// CHECK-NEXT: {{^}}^{{$}}
// CHECK-NOT: error:

fn f(x) {
  return maximum(x, 1
}
