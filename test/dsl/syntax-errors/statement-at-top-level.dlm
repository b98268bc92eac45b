// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests an assignment at the top level, where only declarations are allowed.
// CHECK: {{^}}{{.*}}statement-at-top-level.dlm:9:1: error: expected a declaration (import, const, block, fn, data, train or eval), got 'x'{{$}}
// CHECK-NEXT: {{^}}x = 3{{$}}
// CHECK-NEXT: {{^}}^{{$}}
// CHECK-NOT: error:

const a = 1
x = 3
