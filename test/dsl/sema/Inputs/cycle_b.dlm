// Imported by cycle_a.dlm, which it imports in turn.
import "cycle_a.dlm"

fn from_b(v) {
  return v + 1
}
