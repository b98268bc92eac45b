// RUN: dlmc %s --check -verify-diagnostics
// Tests a sample method that declares two results but returns one tensor.
//

import std.nn

data one_result {
  train = idx("a.gz", "b.gz")
  // expected-error@+1:3 {{sample declares 2 results but returns 1}}
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784])
  }
}

train t on one_result(batch = 64) {
}
