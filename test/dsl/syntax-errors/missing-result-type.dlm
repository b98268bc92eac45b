// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a '->' that is not followed by a result type.
//
//
// CHECK: {{^}}{{.*}}missing-result-type.dlm:9:12: error: expected a result type, got '{'{{$}}
// CHECK-NEXT: {{^}}fn f(x) -> {{[{]}}{{$}}
// CHECK-NEXT: {{^}}           ^{{$}}

fn f(x) -> {
  return x
}
