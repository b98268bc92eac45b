// RUN: dlm-opt %s -dlm-inline-alloca-scopes | FileCheck %s
// RUN: dlm-opt %s -dlm-inline-alloca-scopes -convert-scf-to-cf | FileCheck %s --check-prefix=CF
// Tests that dlm-inline-alloca-scopes replaces each memref.alloca_scope by its body between a
// stack save and a stack restore, nested scopes included, so that the loops inside can become
// control flow (a scope's region must stay one block).

// CHECK-LABEL: func.func @per_iteration
// CHECK-NOT: memref.alloca_scope
// CHECK: scf.for
// CHECK-NEXT: %[[OUTER:.*]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT: %[[BUFFER:.*]] = memref.alloca() : memref<64xf32>
// CHECK-NEXT: %[[INNER:.*]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT: scf.for
// CHECK-NEXT: memref.store %{{.*}}, %[[BUFFER]]
// CHECK-NEXT: }
// CHECK-NEXT: llvm.intr.stackrestore %[[INNER]] : !llvm.ptr
// CHECK-NEXT: memref.subview
// CHECK-NEXT: memref.copy %[[BUFFER]]
// CHECK-NEXT: llvm.intr.stackrestore %[[OUTER]] : !llvm.ptr
// CHECK-NEXT: }
// CF-LABEL: func.func @per_iteration
// CF-NOT: scf.for
// CF-NOT: memref.alloca_scope
// CF: return
func.func @per_iteration(%out: memref<4x64xf32>, %value: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c4 step %c1 {
    memref.alloca_scope {
      %buffer = memref.alloca() : memref<64xf32>
      memref.alloca_scope {
        scf.for %j = %c0 to %c64 step %c1 {
          memref.store %value, %buffer[%j] : memref<64xf32>
        }
      }
      %row = memref.subview %out[%i, 0] [1, 64] [1, 1] : memref<4x64xf32> to memref<64xf32, strided<[1], offset: ?>>
      memref.copy %buffer, %row : memref<64xf32> to memref<64xf32, strided<[1], offset: ?>>
    }
  }
  return
}
