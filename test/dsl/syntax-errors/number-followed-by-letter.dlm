// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests that an integer immediately followed by a letter is not a number (docs/language.md §2.4).
// CHECK: {{^}}{{.*}}number-followed-by-letter.dlm:8:11: error: expected an expression, got '3x'{{$}}
// CHECK-NEXT: {{^}}const n = 3x{{$}}
// CHECK-NEXT: {{^}}          ^{{$}}
// CHECK-NOT: error:

const n = 3x
