// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests an integer literal that does not fit in 64 bits (docs/language.md §2.4).
// XFAIL: *
// dlmc reports "expected an expression, got '99999999999999999999'", which does not say what is wrong.
// CHECK: {{^}}{{.*}}integer-overflow.dlm:9:13: error: expected an integer that fits in 64 bits, got '99999999999999999999'{{$}}
// CHECK-NEXT: {{^}}const big = 99999999999999999999{{$}}
// CHECK-NEXT: {{^}}            ^{{$}}

const big = 99999999999999999999
