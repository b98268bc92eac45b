// Imported by imports.dlm: a second declaration of std.nn's Linear, and a function.
block Linear(n: int) {
}

fn twice(v) {
  return v + v
}
