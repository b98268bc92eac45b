// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests that comparisons do not chain: 'a < b < c' is a syntax error at the second '<'.
// CHECK: {{^}}{{.*}}chained-comparison.dlm:9:16: error: expected a statement or '}', got '<'{{$}}
// CHECK-NEXT: {{^}}  return a < b < c{{$}}
// CHECK-NEXT: {{^}}               ^{{$}}
// CHECK-NOT: error:

fn f(a, b, c) {
  return a < b < c
}
