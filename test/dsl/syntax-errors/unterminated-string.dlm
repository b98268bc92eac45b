// RUN: not dlmc %s --emit=ast 2>&1 | FileCheck %s --strict-whitespace
// Tests a string without its closing quote: strings cannot span lines (docs/language.md §2.5).
//
//
// CHECK: {{^}}{{.*}}unterminated-string.dlm:8:8: error: unterminated string: expected '"', got end of line{{$}}
// CHECK-NEXT: {{^}}import "layers/resnet.dlm{{$}}
// CHECK-NEXT: {{^}}       ^{{$}}
import "layers/resnet.dlm
fn f(x) {
  return x
}
