// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a keyword argument without '=': 'axis 1' is an argument 'axis' followed by a stray '1'.
// CHECK: {{^}}{{.*}}missing-equals-in-keyword-argument.dlm:9:22: error: expected ')', got '1'{{$}}
// CHECK-NEXT: {{^}}  return sum(x, axis 1){{$}}
// CHECK-NEXT: {{^}}                     ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  return sum(x, axis 1)
}
