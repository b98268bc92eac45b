// Each stage of the pipeline prints: linalg on tensors (no dlm op left), the LLVM dialect with
// the packed entry points and the manifest, optimized LLVM IR, and AVX-512 assembly for an
// explicit CPU.
// RUN: dlmc %s --emit=linalg | FileCheck --check-prefix=LINALG %s
// RUN: dlmc %s --emit=llvm-dialect | FileCheck --check-prefix=LLVMDIALECT %s
// RUN: dlmc %s --emit=llvm | FileCheck --check-prefix=LLVM %s
// RUN: dlmc %s --emit=asm --mcpu=znver4 | FileCheck --check-prefix=ASM %s
// RUN: dlmc %s --emit=obj -o %t.o && llvm-nm %t.o | FileCheck --check-prefix=OBJ %s
// RUN: dlmc %s -o %t.exe --time 2>&1 | FileCheck --check-prefix=TIME %s

import std.nn
import std.datasets

train tiny on fashion(batch = 8, epochs = 1) {
  net = Linear(784, 10)
  loss = cross_entropy(net(flatten(x)), y)
  update net with sgd(lr = 0.1)
  metric accuracy = mean(f32(argmax(net(flatten(x))) == y))
}

// LINALG-LABEL: func.func @tiny.step
// LINALG-SAME: dlm.entry_symbol = "dlm_tiny_step_0"
// LINALG-NOT: dlm.contract
// LINALG: linalg.generic
// LINALG-NOT: = dlm.
// LINALG: return

// LLVMDIALECT-DAG: llvm.mlir.global external constant @dlm_manifest
// LLVMDIALECT-DAG: llvm.func internal @tiny.step(
// LLVMDIALECT-DAG: llvm.func @dlm_tiny_step_0(%{{.*}}: !llvm.ptr
// LLVMDIALECT-DAG: llvm.func @dlm_tiny_eval(

// LLVM-DAG: @dlm_manifest = {{.*}}constant [{{[0-9]+}} x i8] c"{\22programs\22
// LLVM-DAG: define void @dlm_tiny_step_0(ptr {{.*}}%0)
// LLVM-DAG: define void @dlm_tiny_init(ptr {{.*}}%0)

// ASM: dlm_tiny_step_0:
// ASM: zmm

// OBJ-DAG: T dlm_tiny_eval
// OBJ-DAG: T dlm_tiny_init
// OBJ-DAG: T dlm_tiny_sample
// OBJ-DAG: T dlm_tiny_step_0
// OBJ-DAG: R dlm_manifest

// --time: every phase of a build, the MLIR passes nested in their pipeline, in order.
// TIME: Execution time report
// TIME: parse and check
// TIME: build the dlm dialect
// TIME: autodiff and optimizer
// TIME-NEXT: {{^ +[0-9.]+ +\( *[0-9.]+%\) +[0-9.]+ +\( *[0-9.]+%\)    Autodiff$}}
// TIME: linalg
// TIME: ConvertToLinalg
// TIME: LLVM dialect
// TIME: OutlineRepeatedLoops
// TIME: ExportEntryPoints
// TIME: translate to LLVM IR
// TIME: split into parts
// TIME: optimize and compile the parts (LLVM)
// TIME: link
// TIME: Total
