// RUN: dlm-opt %s -split-input-file -verify-diagnostics -dlm-parallelize-outer-loops | FileCheck %s
// RUN: dlm-opt %s -split-input-file -verify-diagnostics -dlm-parallelize-outer-loops=min-work=64 | FileCheck %s --check-prefix=LOW
// Tests which scf.parallel loops dlm-parallelize-outer-loops keeps parallel: only
// the outermost loop of a nest with at least min-work (32768 by default) work in
// total, i.e. iterations times operations per iteration; the rest become scf.for.

// Tests that of two nested parallel loops over 256 x 256 = 65536 points the
// outer one stays (one thread team) and the inner one becomes a sequential loop.
// CHECK-LABEL: func.func @nested
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// CHECK-NOT: scf.parallel
// CHECK: return
// LOW-LABEL: func.func @nested
// LOW: scf.parallel
// LOW-NEXT: scf.for
func.func @nested(%m: memref<256x256xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c256 = arith.constant 256 : index
  scf.parallel (%i) = (%c0) to (%c256) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c256) step (%c1) {
      memref.store %v, %m[%i, %j] : memref<256x256xf32>
    }
  }
  return
}

// -----

// Tests that a two-dimensional parallel loop over only 8 x 8 = 64 points
// becomes a nest of two scf.for (forking would cost more than the work); with
// min-work=64 it is big enough and stays parallel.
// CHECK-LABEL: func.func @small
// CHECK-NOT: scf.parallel
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: memref.store %{{.*}}, %{{.*}}[%[[I]], %[[J]]]
// LOW-LABEL: func.func @small
// LOW: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}})
// LOW-NOT: scf.for
// LOW: return
func.func @small(%m: memref<8x8xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    memref.store %v, %m[%i, %j] : memref<8x8xf32>
  }
  return
}

// -----

// Tests that the size of a nest counts its sequential inner loops too: 64
// parallel iterations of a 1024-iteration scf.for are 65536 points, enough.
// CHECK-LABEL: func.func @deep
// CHECK: scf.parallel
// CHECK-NEXT: scf.for
func.func @deep(%m: memref<64x1024xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    scf.for %j = %c0 to %c1024 step %c1 {
      memref.store %v, %m[%i, %j] : memref<64x1024xf32>
    }
  }
  return
}

// -----

// Tests that a small nest of two parallel loops (4 x 4) is serialized
// completely, inner loop first, and that min-work=64 leaves it small
// (16 points) too.
// CHECK-LABEL: func.func @tiny_nested
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK-NEXT: scf.for
// CHECK-NEXT: memref.store
// LOW-LABEL: func.func @tiny_nested
// LOW-NOT: scf.parallel
// LOW: return
func.func @tiny_nested(%m: memref<4x4xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      memref.store %v, %m[%i, %j] : memref<4x4xf32>
    }
  }
  return
}

// -----

// Tests that a loop of unknown trip count is assumed big and stays parallel.
// CHECK-LABEL: func.func @dynamic
// CHECK: scf.parallel
func.func @dynamic(%m: memref<?xf32>, %n: index, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    memref.store %v, %m[%i] : memref<?xf32>
  }
  return
}

// -----

// Tests that a small parallel loop with a reduction is an error rather than a
// wrong serialization (the linalg lowering never makes one).
func.func @reduction(%m: memref<8xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  // expected-error@+1 {{a parallel loop with reductions cannot be serialized here}}
  %s = scf.parallel (%i) = (%c0) to (%c8) step (%c1) init (%zero) -> f32 {
    %x = memref.load %m[%i] : memref<8xf32>
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %t = arith.addf %a, %b : f32
      scf.reduce.return %t : f32
    }
  }
  return %s : f32
}

// -----

// Tests that a multi-dimensional parallel loop keeps only the outer dimensions
// that give min-chunks (64) iterations parallel: 8 x 16 = 128 >= 64, so the
// third dimension becomes an scf.for inside.
// CHECK-LABEL: func.func @split_dimensions
// CHECK: scf.parallel (%[[A:.*]], %[[B:.*]]) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}}) step (%{{.*}}, %{{.*}}) {
// CHECK-NEXT: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: memref.store %{{.*}}, %{{.*}}[%[[A]], %[[B]], %[[C]]]
func.func @split_dimensions(%m: memref<8x16x512xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c512 = arith.constant 512 : index
  scf.parallel (%a, %b, %c) = (%c0, %c0, %c0) to (%c8, %c16, %c512) step (%c1, %c1, %c1) {
    memref.store %v, %m[%a, %b, %c] : memref<8x16x512xf32>
  }
  return
}

// -----

// Tests that the dimension walking the outermost dimension of the largest
// buffer goes first, so that each thread keeps its own rows of it: of a
// 64 x 256 output tile loop reading x[n, k] (64x784) and w[o, k] (256x784), %o
// walks w's rows and alone gives 256 / 4 = 64 chunks, so %n becomes the
// sequential loop inside.
// CHECK-LABEL: func.func @owner_first
// CHECK: scf.parallel (%[[O:.*]]) = (%{{.*}}) to (%[[C256:.*]]) step (%[[C4:.*]]) {
// CHECK-NEXT: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: vector.load %{{.*}}[%[[N]], %{{.*}}] : memref<64x784xf32>
// CHECK: vector.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<256x784xf32>
// CHECK: memref.store %{{.*}}, %{{.*}}[%[[N]], %[[O]]] : memref<64x256xf32>
func.func @owner_first(%x: memref<64x784xf32>, %w: memref<256x784xf32>, %out: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  %c784 = arith.constant 784 : index
  %zero = arith.constant dense<0.0> : vector<16xf32>
  scf.parallel (%n, %o) = (%c0, %c0) to (%c64, %c256) step (%c4, %c4) {
    %sum = scf.for %k = %c0 to %c784 step %c16 iter_args(%acc = %zero) -> (vector<16xf32>) {
      %a = vector.load %x[%n, %k] : memref<64x784xf32>, vector<16xf32>
      %row = arith.addi %o, %c1 : index
      %b = vector.load %w[%row, %k] : memref<256x784xf32>, vector<16xf32>
      %p = arith.mulf %a, %b : vector<16xf32>
      %s = arith.addf %acc, %p : vector<16xf32>
      scf.yield %s : vector<16xf32>
    }
    %r = vector.reduction <add>, %sum : vector<16xf32> into f32
    memref.store %r, %out[%n, %o] : memref<64x256xf32>
  }
  return
}

// -----

// Tests that the size of a nest counts the loops inside an op that is not a loop, such as the
// alloca scope of an iteration with stack buffers: 64 iterations of a 1024-iteration scf.for
// stay parallel.
// CHECK-LABEL: func.func @inside_alloca_scope
// CHECK: scf.parallel
// CHECK-NEXT: memref.alloca_scope
// CHECK: scf.for
func.func @inside_alloca_scope(%m: memref<64x1024xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    memref.alloca_scope {
      scf.for %j = %c0 to %c1024 step %c1 {
        memref.store %v, %m[%i, %j] : memref<64x1024xf32>
      }
    }
  }
  return
}
