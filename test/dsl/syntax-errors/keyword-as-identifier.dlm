// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a reserved word used as a name (docs/language.md §2.3).
//
//
// CHECK: {{^}}{{.*}}keyword-as-identifier.dlm:9:7: error: expected an identifier, got 'if'{{$}}
// CHECK-NEXT: {{^}}const if = 3{{$}}
// CHECK-NEXT: {{^}}      ^{{$}}

const if = 3
