// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests an 'else' that is followed by neither '{' nor 'if'.
//
//
// CHECK: {{^}}{{.*}}else-without-brace.dlm:14:5: error: expected '{' or 'if' after 'else', got 'y'{{$}}
// CHECK-NEXT: {{^}}    y = 2{{$}}
// CHECK-NEXT: {{^}}    ^{{$}}

fn f(x, c: bool) {
  if c {
    y = 1
  }
  else
    y = 2
  return y
}
