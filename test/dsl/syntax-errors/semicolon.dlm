// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests that ';' is not a token: one statement per line (docs/language.md §2.1).
// CHECK: {{^}}{{.*}}semicolon.dlm:9:8: error: expected a statement or '}', got ';'{{$}}
// CHECK-NEXT: {{^}}  a = x; b = x{{$}}
// CHECK-NEXT: {{^}}       ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  a = x; b = x
  return a
}
