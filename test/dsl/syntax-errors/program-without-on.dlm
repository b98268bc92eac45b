// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a program that does not say 'on' which data set it reads.
// CHECK: {{^}}{{.*}}program-without-on.dlm:8:9: error: expected 'on', got 'fashion'{{$}}
// CHECK-NEXT: {{^}}train t fashion(batch = 64) {{[{]}}{{$}}
// CHECK-NEXT: {{^}}        ^{{$}}
// CHECK-NOT: error:

train t fashion(batch = 64) {
}
