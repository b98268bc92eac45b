// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a 'for' without 'in': the range is named as the token that was found.
// CHECK: {{^}}{{.*}}for-without-in.dlm:9:9: error: expected 'in', got '0..3'{{$}}
// CHECK-NEXT: {{^}}  for i 0..3 {{[{]}}{{$}}
// CHECK-NEXT: {{^}}        ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  for i 0..3 {
    x = x + 1
  }
  return x
}
