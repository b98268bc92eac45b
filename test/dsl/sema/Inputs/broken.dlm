// Imported by imports-syntax-error.dlm: a call that is not closed.
fn broken(v) {
  return maximum(v, 0
}
