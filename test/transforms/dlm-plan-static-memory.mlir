// RUN: dlm-opt %s -dlm-plan-static-memory | FileCheck %s
// Tests that dlm-plan-static-memory places temporaries in one workspace global
// shared by all functions: disjoint lifetimes (from the first use to the last, of
// the buffer or a view of it) share bytes, overlapping ones never do, and what it
// cannot place (a buffer freed elsewhere) keeps its allocation.

// %a (4096 bytes) and %b (256 bytes) are live together, so %b starts after %a;
// %a is freed before %c is allocated, so %c reuses offset 0. The workspace is
// the peak: 4096 + 256 bytes.
// CHECK: memref.global "private" @dlm.workspace : memref<4352xi8> = uninitialized {alignment = 64 : i64}
// CHECK-LABEL: func.func @step
// CHECK: %[[W:.*]] = memref.get_global @dlm.workspace : memref<4352xi8>
// CHECK: %[[A:.*]] = memref.view %[[W]][%c0{{.*}}][] : memref<4352xi8> to memref<32x32xf32>
// CHECK: %[[B:.*]] = memref.view %[[W]][%c4096{{.*}}][] : memref<4352xi8> to memref<64xf32>
// CHECK: %[[C:.*]] = memref.view %[[W]][%c0{{.*}}][] : memref<4352xi8> to memref<16xf32>
// CHECK: %[[KEPT:.*]] = memref.alloc() : memref<8xf32>
// CHECK-NOT: memref.dealloc %[[A]]
// CHECK-NOT: memref.dealloc %[[B]]
// CHECK-NOT: memref.dealloc %[[C]]
// CHECK: scf.if
// CHECK-NEXT: memref.dealloc %[[KEPT]]
func.func @step(%x: memref<32x32xf32>, %y: memref<16xf32>, %flag: i1) {
  %a = memref.alloc() : memref<32x32xf32>
  memref.copy %x, %a : memref<32x32xf32> to memref<32x32xf32>
  %b = memref.alloc() : memref<64xf32>
  %s = memref.subview %a[0, 0] [1, 16] [1, 1] : memref<32x32xf32> to memref<16xf32, strided<[1]>>
  memref.dealloc %a : memref<32x32xf32>
  %c = memref.alloc() : memref<16xf32>
  memref.copy %y, %c : memref<16xf32> to memref<16xf32>
  memref.dealloc %b : memref<64xf32>
  memref.dealloc %c : memref<16xf32>
  %kept = memref.alloc() : memref<8xf32>
  scf.if %flag {
    memref.dealloc %kept : memref<8xf32>
  }
  return
}

// A second function's plan (one 1024-byte temporary) fits in the same workspace.
// CHECK-LABEL: func.func @eval
// CHECK: %[[W2:.*]] = memref.get_global @dlm.workspace : memref<4352xi8>
// CHECK: memref.view %[[W2]][%c0{{.*}}][] : memref<4352xi8> to memref<256xf32>
func.func @eval(%x: memref<256xf32>) {
  %t = memref.alloc() : memref<256xf32>
  memref.copy %x, %t : memref<256xf32> to memref<256xf32>
  memref.dealloc %t : memref<256xf32>
  return
}

// Buffer deallocation frees every temporary at the end of the block; a lifetime
// still ends at the last use. %a dies at the copy into %b (they overlap there), so
// %c reuses offset 0; %c is read through a view by the copy that writes %d, so %d
// cannot share %c's bytes and takes %b's, dead by then.
// CHECK-LABEL: func.func @released_at_end
// CHECK: %[[W3:.*]] = memref.get_global @dlm.workspace : memref<4352xi8>
// CHECK: memref.view %[[W3]][%c0{{.*}}][] : memref<4352xi8> to memref<256xf32>
// CHECK: memref.view %[[W3]][%c1024{{.*}}][] : memref<4352xi8> to memref<256xf32>
// CHECK: memref.view %[[W3]][%c0{{.*}}][] : memref<4352xi8> to memref<256xf32>
// CHECK: memref.view %[[W3]][%c1024{{.*}}][] : memref<4352xi8> to memref<128xf32>
// CHECK-NOT: memref.dealloc
func.func @released_at_end(%x: memref<256xf32>, %out: memref<128xf32>) {
  %a = memref.alloc() : memref<256xf32>
  memref.copy %x, %a : memref<256xf32> to memref<256xf32>
  %b = memref.alloc() : memref<256xf32>
  memref.copy %a, %b : memref<256xf32> to memref<256xf32>
  %c = memref.alloc() : memref<256xf32>
  memref.copy %b, %c : memref<256xf32> to memref<256xf32>
  %v = memref.subview %c[0] [128] [1] : memref<256xf32> to memref<128xf32, strided<[1]>>
  %d = memref.alloc() : memref<128xf32>
  memref.copy %v, %d : memref<128xf32, strided<[1]>> to memref<128xf32>
  memref.copy %d, %out : memref<128xf32> to memref<128xf32>
  memref.dealloc %a : memref<256xf32>
  memref.dealloc %b : memref<256xf32>
  memref.dealloc %c : memref<256xf32>
  memref.dealloc %d : memref<128xf32>
  return
}

// The sample entry (it carries dlm.fields) runs on several threads at once: its temporaries go
// on the calling thread's stack, not into the shared workspace.
// CHECK-LABEL: func.func @sample
// CHECK-NOT: memref.get_global
// CHECK: %[[STACK:.*]] = memref.alloca() : memref<784xf32>
// CHECK: memref.copy %{{.*}}, %[[STACK]]
// CHECK-NOT: memref.dealloc
// CHECK: return
func.func @sample(%x: memref<784xf32>, %y: memref<784xf32>) attributes {dlm.fields = ["x"]} {
  %t = memref.alloc() : memref<784xf32>
  memref.copy %x, %t : memref<784xf32> to memref<784xf32>
  memref.copy %t, %y : memref<784xf32> to memref<784xf32>
  memref.dealloc %t : memref<784xf32>
  return
}

// More than 1 MiB of temporaries in the sample entry stay on the heap (thread-safe too): an
// OpenMP worker's stack is 8 MiB by default.
// CHECK-LABEL: func.func @large_sample
// CHECK-NOT: memref.get_global
// CHECK: %[[HEAP:.*]] = memref.alloc() : memref<512x1024xf32>
// CHECK: memref.dealloc %[[HEAP]]
func.func @large_sample(%x: memref<512x1024xf32>, %y: memref<512x1024xf32>) attributes {dlm.fields = ["x"]} {
  %t = memref.alloc() : memref<512x1024xf32>
  memref.copy %x, %t : memref<512x1024xf32> to memref<512x1024xf32>
  memref.copy %t, %y : memref<512x1024xf32> to memref<512x1024xf32>
  memref.dealloc %t : memref<512x1024xf32>
  return
}

// The iterations of an scf.forall run on several threads at once: the temporaries of one
// iteration get their own plan (%p dies before %r, which reuses its bytes), in one buffer on
// the stack of the thread that runs it, freed by an alloca scope when the iteration ends.
// CHECK-LABEL: func.func @per_iteration
// CHECK-NOT: memref.get_global
// CHECK: scf.forall (%{{.*}}) in (8) {
// CHECK-NEXT: memref.alloca_scope {
// CHECK-NEXT: %[[ITERATION:.*]] = memref.alloca() {alignment = 64 : i64} : memref<2048xi8>
// CHECK: memref.view %[[ITERATION]][%c0{{.*}}][] : memref<2048xi8> to memref<256xf32>
// CHECK: memref.view %[[ITERATION]][%c1024{{.*}}][] : memref<2048xi8> to memref<256xf32>
// CHECK: memref.view %[[ITERATION]][%c0{{.*}}][] : memref<2048xi8> to memref<256xf32>
// CHECK-NOT: memref.dealloc
// CHECK: }
// CHECK-NEXT: }
func.func @per_iteration(%x: memref<8x256xf32>, %y: memref<8x256xf32>) {
  scf.forall (%i) in (8) {
    %row = memref.subview %x[%i, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<256xf32, strided<[1], offset: ?>>
    %p = memref.alloc() : memref<256xf32>
    memref.copy %row, %p : memref<256xf32, strided<[1], offset: ?>> to memref<256xf32>
    %q = memref.alloc() : memref<256xf32>
    memref.copy %p, %q : memref<256xf32> to memref<256xf32>
    %r = memref.alloc() : memref<256xf32>
    memref.copy %q, %r : memref<256xf32> to memref<256xf32>
    %out = memref.subview %y[%i, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<256xf32, strided<[1], offset: ?>>
    memref.copy %r, %out : memref<256xf32> to memref<256xf32, strided<[1], offset: ?>>
    memref.dealloc %p : memref<256xf32>
    memref.dealloc %q : memref<256xf32>
    memref.dealloc %r : memref<256xf32>
  }
  return
}

// A function that others call gets a workspace of its own, so that it cannot overwrite the
// temporaries of its caller, which still share dlm.workspace with the other entries.
// CHECK: memref.global "private" @callee.workspace : memref<1024xi8> = uninitialized {alignment = 64 : i64}
// CHECK-LABEL: func.func private @callee
// CHECK: memref.get_global @callee.workspace : memref<1024xi8>
// CHECK-LABEL: func.func @caller
// CHECK: memref.get_global @dlm.workspace : memref<4352xi8>
// CHECK: call @callee
func.func private @callee(%x: memref<256xf32>) {
  %t = memref.alloc() : memref<256xf32>
  memref.copy %x, %t : memref<256xf32> to memref<256xf32>
  memref.copy %t, %x : memref<256xf32> to memref<256xf32>
  memref.dealloc %t : memref<256xf32>
  return
}
func.func @caller(%x: memref<256xf32>) {
  %t = memref.alloc() : memref<256xf32>
  memref.copy %x, %t : memref<256xf32> to memref<256xf32>
  call @callee(%t) : (memref<256xf32>) -> ()
  memref.copy %t, %x : memref<256xf32> to memref<256xf32>
  memref.dealloc %t : memref<256xf32>
  return
}
