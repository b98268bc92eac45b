// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a delimited comment without its '*/'.
//
//
// CHECK: {{^}}{{.*}}unterminated-comment.dlm:10:12: error: unterminated comment: expected '*/', got end of file{{$}}
// CHECK-NEXT: {{^}}  return x /* the rest of the file is not closed{{$}}
// CHECK-NEXT: {{^}}           ^{{$}}

fn f(x) {
  return x /* the rest of the file is not closed
}
