// RUN: dlm-opt %s -split-input-file -dlm-merge-parallel-regions | FileCheck %s
// Tests which consecutive OpenMP regions become one team: those separated only by ops that
// touch no memory, whose body ends in a work-sharing loop with its barrier.

// Two regions with a view between: the view moves above, the loops share one region, in order.
// CHECK-LABEL: func.func @merged
// CHECK: memref.view
// CHECK-NEXT: omp.parallel {
// CHECK: omp.wsloop {
// CHECK: memref.store %{{.*}}, %arg0
// CHECK: omp.wsloop {
// CHECK: memref.store %{{.*}}, %[[VIEW:.*]][
// CHECK: omp.terminator
// CHECK-NOT: omp.parallel
// CHECK: return
func.func @merged(%a: memref<64xf32>, %workspace: memref<256xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %zero, %a[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  %view = memref.view %workspace[%c0][] : memref<256xi8> to memref<64xf32>
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %zero, %view[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// -----

// A store between the regions runs on one thread after the first loop: no merge. Nor for a
// region whose loop does not wait (nowait), nor one with a clause (num_threads).
// CHECK-LABEL: func.func @kept_apart
// CHECK-COUNT-4: omp.parallel
func.func @kept_apart(%a: memref<64xf32>, %n: i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %zero, %a[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  memref.store %zero, %a[%c0] : memref<64xf32>
  omp.parallel {
    omp.wsloop nowait {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %zero, %a[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %zero, %a[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  omp.parallel num_threads(%n : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %zero, %a[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}
