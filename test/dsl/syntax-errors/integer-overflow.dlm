// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests an integer literal that does not fit in 64 bits (docs/language.md §2.4).
//
//
// CHECK: {{^}}{{.*}}integer-overflow.dlm:9:13: error: expected an integer that fits in 64 bits, got '99999999999999999999'{{$}}
// CHECK-NEXT: {{^}}const big = 99999999999999999999{{$}}
// CHECK-NEXT: {{^}}            ^{{$}}

const big = 99999999999999999999
