// Imported by imports.dlm; imports cycle_b.dlm, which imports this file again.
import "cycle_b.dlm"

fn from_a(v) {
  return from_b(v) * 2
}
