// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests an 'import' that names no module.
//
//
// CHECK: {{^}}{{.*}}import-without-path.dlm:10:1: error: expected a module path or a string, got 'const'{{$}}
// CHECK-NEXT: {{^}}const a = 1{{$}}
// CHECK-NEXT: {{^}}^{{$}}

import
const a = 1
