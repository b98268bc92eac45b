// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a block whose '}' is missing: the parser runs into the end of the file.
// CHECK: {{^}}{{.*}}missing-close-brace.dlm:12:1: error: expected a statement or '}', got end of file{{$}}
// CHECK-EMPTY:
// CHECK-NEXT: {{^}}^{{$}}
// CHECK-NOT: error:

block A {
  forward(x) {
    return x
  }
