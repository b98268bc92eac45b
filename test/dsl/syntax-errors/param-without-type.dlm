// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a 'param' without its type: a param always declares its type.
// CHECK: {{^}}{{.*}}param-without-type.dlm:9:11: error: expected ':', got '='{{$}}
// CHECK-NEXT: {{^}}  param w = zeros(){{$}}
// CHECK-NEXT: {{^}}          ^{{$}}
// CHECK-NOT: error:

block A {
  param w = zeros()
}
