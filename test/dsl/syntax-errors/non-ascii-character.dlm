// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a character outside ASCII where a token is expected (docs/language.md §2: only ASCII is
// meaningful outside strings and comments).
//
//
// CHECK: {{^}}{{.*}}non-ascii-character.dlm:10:9: error: expected a statement or '}', got '°'{{$}}

fn f(x) {
  y = x
  y = x ° 2
  return y
}
