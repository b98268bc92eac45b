// RUN: dlm-opt %s -split-input-file -verify-diagnostics -dlm-export-entry-points | FileCheck %s
// Tests the runtime's packed calling convention: each entry becomes internal behind a
// wrapper `void symbol(void **buffers)`, and the manifest becomes the global dlm_manifest.

// Tests the manifest: the string with a trailing NUL (the runtime reads it as a
// C string), and the module attribute is gone.
// CHECK-NOT: dlm.manifest
// CHECK: llvm.mlir.global external constant @dlm_manifest("{\22programs\22: []}\00")
//
// Tests that the entry keeps its body but becomes internal, without its
// argument attributes (their roles are in the manifest) or dlm.entry_symbol.
// CHECK: llvm.func internal @classify.eval(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: !llvm.ptr) {
// CHECK-NEXT: llvm.return
//
// Tests the wrapper: slot i of the pointer array is read through a GEP and a
// load, in argument order, and the entry is called with the loaded pointers.
// CHECK-LABEL: llvm.func @dlm_classify_eval(%arg0: !llvm.ptr) {
// CHECK-NEXT: %[[S0:.*]] = llvm.getelementptr %arg0[0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[P0:.*]] = llvm.load %[[S0]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[S1:.*]] = llvm.getelementptr %arg0[1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[P1:.*]] = llvm.load %[[S1]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[S2:.*]] = llvm.getelementptr %arg0[2] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[P2:.*]] = llvm.load %[[S2]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: llvm.call @classify.eval(%[[P0]], %[[P1]], %[[P2]]) : (!llvm.ptr, !llvm.ptr, !llvm.ptr) -> ()
// CHECK-NEXT: llvm.return
//
// Tests that an entry without arguments still gets the one-pointer wrapper.
// CHECK: llvm.func internal @classify.init()
// CHECK-LABEL: llvm.func @dlm_classify_init(%arg0: !llvm.ptr) {
// CHECK-NEXT: llvm.call @classify.init() : () -> ()
// CHECK-NEXT: llvm.return
//
// Tests that a defined function without dlm.entry_symbol gets no wrapper and becomes internal
// (only the wrappers are called from outside), and that a declaration stays external.
// CHECK-LABEL: llvm.func internal @helper(%arg0: !llvm.ptr {llvm.noalias})
// CHECK-NOT: dlm.entry_symbol
// CHECK: llvm.func @expf(f32) -> f32
module attributes {dlm.manifest = "{\"programs\": []}"} {
  llvm.func @classify.eval(%x: !llvm.ptr {dlm.param = "w"}, %y: !llvm.ptr, %out: !llvm.ptr {llvm.noalias})
      attributes {dlm.entry_symbol = "dlm_classify_eval"} {
    llvm.return
  }
  llvm.func @classify.init() attributes {dlm.entry_symbol = "dlm_classify_init"} {
    llvm.return
  }
  llvm.func @helper(%a: !llvm.ptr {llvm.noalias}) {
    llvm.return
  }
  llvm.func @expf(f32) -> f32
}

// -----

// Tests that an entry still returning a value is an error: the wrapper has
// nowhere to put it.
// expected-error@+1 {{entry 'dlm_f' still returns a value; results must be out-parameters}}
llvm.func @f(%a: !llvm.ptr) -> i32 attributes {dlm.entry_symbol = "dlm_f"} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}

// -----

// Tests that a non-pointer argument is an error: every slot of the array holds
// a buffer pointer.
// expected-error@+1 {{entry 'dlm_g' takes a non-pointer argument 'i64'}}
llvm.func @g(%a: !llvm.ptr, %n: i64) attributes {dlm.entry_symbol = "dlm_g"} {
  llvm.return
}
