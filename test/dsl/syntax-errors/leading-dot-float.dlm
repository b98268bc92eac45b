// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests that '.5' is not a number: write 0.5 (docs/language.md §2.4).
// CHECK: {{^}}{{.*}}leading-dot-float.dlm:9:10: error: expected an expression, got '.5'{{$}}
// CHECK-NEXT: {{^}}  return .5 * x{{$}}
// CHECK-NEXT: {{^}}         ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  return .5 * x
}
