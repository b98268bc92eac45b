// RUN: dlm-opt %s --dlm-outline-repeated-loops=min-ops=4 | FileCheck %s
// RUN: dlm-opt %s --dlm-outline-repeated-loops | FileCheck %s --check-prefix=DEFAULT

// Tests that two parallel loops whose bodies differ only in their buffers share one function:
// the induction variable comes first, then the captured buffers in order of first use, and the
// constants the body uses are made again inside it.
// CHECK-LABEL: func.func @two_layers(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: memref<64x16xf32>, %[[B:[a-z0-9]+]]: memref<64x16xf32>, %[[C:[a-z0-9]+]]: memref<64x16xf32>)
// CHECK:         omp.loop_nest (%[[I:.*]]) : index
// CHECK-NEXT:      func.call @dlm.shared_loop(%[[I]], %[[A]], %[[B]]) : (index, memref<64x16xf32>, memref<64x16xf32>) -> ()
// CHECK-NEXT:      omp.yield
// CHECK:         omp.loop_nest (%[[I2:.*]]) : index
// CHECK-NEXT:      func.call @dlm.shared_loop(%[[I2]], %[[B]], %[[C]]) : (index, memref<64x16xf32>, memref<64x16xf32>) -> ()
// CHECK-NEXT:      omp.yield
// DEFAULT-LABEL: func.func @two_layers(
// DEFAULT-NOT:   call
// DEFAULT:       return
func.func @two_layers(%a: memref<64x16xf32>, %b: memref<64x16xf32>, %c: memref<64x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        scf.for %j = %c0 to %c16 step %c1 {
          %x = memref.load %a[%i, %j] : memref<64x16xf32>
          %y = arith.maximumf %x, %zero : f32
          memref.store %y, %b[%i, %j] : memref<64x16xf32>
        }
        omp.yield
      }
    }
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        scf.for %j = %c0 to %c16 step %c1 {
          %x = memref.load %b[%i, %j] : memref<64x16xf32>
          %y = arith.maximumf %x, %zero : f32
          memref.store %y, %c[%i, %j] : memref<64x16xf32>
        }
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// Tests that bodies differing in a constant stay where they are.
// CHECK-LABEL: func.func @different_constants(
// CHECK-NOT:     call
// CHECK:         return
func.func @different_constants(%a: memref<64xf32>, %b: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %a[%i] : memref<64xf32>
    %y = arith.maximumf %x, %zero : f32
    memref.store %y, %a[%i] : memref<64xf32>
  }
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %b[%i] : memref<64xf32>
    %y = arith.maximumf %x, %one : f32
    memref.store %y, %b[%i] : memref<64xf32>
  }
  return
}

// Tests serial loops: a sum returns its result from the function, and the loop that divides
// by it, also shared, is called with the first call's result.
// CHECK-LABEL: func.func @normalize(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: memref<64xf32>, %[[B:[a-z0-9]+]]: memref<64xf32>)
// CHECK:         %[[S:.*]] = call @dlm.shared_loop_0(%[[A]]) : (memref<64xf32>) -> f32
// CHECK-NEXT:    %[[T:.*]] = call @dlm.shared_loop_0(%[[B]]) : (memref<64xf32>) -> f32
// CHECK-NEXT:    call @dlm.shared_loop_1(%[[A]], %[[S]]) : (memref<64xf32>, f32) -> ()
// CHECK-NEXT:    call @dlm.shared_loop_1(%[[B]], %[[T]]) : (memref<64xf32>, f32) -> ()
// CHECK-NEXT:    return
func.func @normalize(%a: memref<64xf32>, %b: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %s = scf.for %i = %c0 to %c64 step %c1 iter_args(%sum = %zero) -> f32 {
    %x = memref.load %a[%i] : memref<64xf32>
    %next = arith.addf %sum, %x : f32
    scf.yield %next : f32
  }
  %t = scf.for %i = %c0 to %c64 step %c1 iter_args(%sum = %zero) -> f32 {
    %x = memref.load %b[%i] : memref<64xf32>
    %next = arith.addf %sum, %x : f32
    scf.yield %next : f32
  }
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %a[%i] : memref<64xf32>
    %y = arith.divf %x, %s : f32
    memref.store %y, %a[%i] : memref<64xf32>
  }
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %b[%i] : memref<64xf32>
    %y = arith.divf %x, %t : f32
    memref.store %y, %b[%i] : memref<64xf32>
  }
  return
}

// Tests a loop that occurs once: it stays.
// CHECK-LABEL: func.func @once(
// CHECK-NOT:     call
// CHECK:         return
func.func @once(%a: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %two = arith.constant 2.0 : f32
  scf.for %i = %c0 to %c64 step %c1 {
    %x = memref.load %a[%i] : memref<64xf32>
    %y = arith.mulf %x, %two : f32
    memref.store %y, %a[%i] : memref<64xf32>
  }
  return
}

// The shared functions: constants made inside, then the body.
// CHECK-LABEL: func.func private @dlm.shared_loop(
// CHECK-SAME:    %[[I:[a-z0-9]+]]: index, %[[IN:[a-z0-9]+]]: memref<64x16xf32>, %[[OUT:[a-z0-9]+]]: memref<64x16xf32>)
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         scf.for %[[J:.*]] = %[[C0]] to %[[C16]] step %[[C1]] {
// CHECK-NEXT:      %[[X:.*]] = memref.load %[[IN]][%[[I]], %[[J]]]
// CHECK-NEXT:      %[[Y:.*]] = arith.maximumf %[[X]], %[[ZERO]]
// CHECK-NEXT:      memref.store %[[Y]], %[[OUT]][%[[I]], %[[J]]]
// CHECK:         return
// CHECK-LABEL: func.func private @dlm.shared_loop_0(
// CHECK-SAME:    %[[IN:[a-z0-9]+]]: memref<64xf32>) -> f32
// CHECK:         %[[SUM:.*]] = scf.for
// CHECK:           memref.load %[[IN]]
// CHECK:         return %[[SUM]] : f32
// CHECK-LABEL: func.func private @dlm.shared_loop_1(
// CHECK-SAME:    %[[IO:[a-z0-9]+]]: memref<64xf32>, %[[DIVISOR:[a-z0-9]+]]: f32)
// CHECK:           arith.divf %{{.*}}, %[[DIVISOR]]
// CHECK-NOT:   func.func private
