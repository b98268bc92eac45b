// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a scan without its 'carry' list.
// CHECK: {{^}}{{.*}}scan-without-carry.dlm:9:23: error: expected 'carry', got '{'{{$}}
// CHECK-NEXT: {{^}}  ys = scan t in 0..4 {{[{]}}{{$}}
// CHECK-NEXT: {{^}}                      ^{{$}}
// CHECK-NOT: error:

fn f(x) {
  ys = scan t in 0..4 {
    yield x
  }
  return ys
}
