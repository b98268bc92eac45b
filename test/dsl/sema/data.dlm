// RUN: dlmc %s --check -verify-diagnostics
// Tests data declarations (docs/language.md §5.9): splits and their sources, the sample method,
// its typed fields and named results. A data set is checked when a program reads it.

import std.nn

block M {
  fc = Linear(784, 10)
  forward(v: f32[N, 784]) -> f32[N, 10] {
    return fc(v)
  }
}

// expected-error@+1:6 {{data set 'no_sample' needs a sample(...) -> (x: ..., y: ...) method that declares the raw fields and the per-sample transform}}
data no_sample {
  train = idx("a.gz", "b.gz")
}
// expected-error@+1:6 {{data set 'no_train_split' has no 'train' split, which a train program reads}}
data no_train_split {
  test = idx("a.gz", "b.gz")
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
// expected-error@+1:6 {{data set 'no_test_split' has no 'test' split, which an eval program reads}}
data no_test_split {
  train = idx("a.gz", "b.gz")
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
data unknown_source {
  // expected-error@+1:11 {{unknown data source 'parquet'; expected idx(...), csv(...) or npy(...)}}
  train = parquet("a.parquet")
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
data source_arguments {
  // expected-error@+1:11 {{idx: missing argument 'labels'}}
  train = idx("a.gz")
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
data source_kinds {
  // expected-error@+1:15 {{argument 'images' of idx: expected a string, got an int (3)}}
  train = idx(3, "b.gz")
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
data unnamed_results {
  train = idx("a.gz", "b.gz")
  // expected-error@+1:44 {{name the results of sample, e.g. -> (x: f32[1, 28, 28], y: i32)}}
  sample(image: u8[28, 28], label: u8) -> (f32[784], i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
data wrong_result_type {
  train = idx("a.gz", "b.gz")
  // expected-error@+1:44 {{sample result 'x': declared f32[784], but the body returns a tensor f32[1, 28, 28]}}
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [1, 28, 28]), i32(label)
  }
}
data untyped_field {
  train = idx("a.gz", "b.gz")
  // expected-error@+1:10 {{sample parameter 'image' needs a type like u8[28, 28]}}
  sample(image, label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
data stray_member {
  train = idx("a.gz", "b.gz")
  // expected-error@+1:3 {{a data declaration holds splits like 'train = idx(...)' and a 'sample(...)' method}}
  const k = 3
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    return reshape(f32(image), [784]), i32(label)
  }
}
data no_return {
  train = idx("a.gz", "b.gz")
  // expected-error@+1:3 {{sample must return its results}}
  sample(image: u8[28, 28], label: u8) -> (x: f32[784], y: i32) {
    v = reshape(f32(image), [784])
  }
}

train t1 on no_sample(batch = 64) {
}
train t2 on no_train_split(batch = 64) {
}
eval t3 on no_test_split(batch = 64) {
  m = M()
  metric mx = mean(m(x))
}
train t4 on unknown_source(batch = 64) {
}
train t5 on source_arguments(batch = 64) {
}
train t6 on source_kinds(batch = 64) {
}
train t7 on unnamed_results(batch = 64) {
}
train t8 on wrong_result_type(batch = 64) {
}
train t9 on untyped_field(batch = 64) {
}
train t10 on stray_member(batch = 64) {
}
train t11 on no_return(batch = 64) {
}
