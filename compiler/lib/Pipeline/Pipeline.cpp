//===- Pipeline.cpp - The lowering pipeline, as one list ------------------===//
//
// Every pass between the dlm dialect and the LLVM dialect, in order. Each
// stage is printable with dlmc --emit=grad|linalg|llvm.
//
//===----------------------------------------------------------------------===//

#include "dlm/Pipeline/Pipeline.h"

#include "dlm/Dialect/Dlm/DlmDialect.h"
#include "dlm/Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"

#include "llvm/Support/ErrorHandling.h"

namespace dlm {

void registerPipeline(mlir::DialectRegistry &registry) {
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  mlir::registerOpenMPDialectTranslation(registry);
  registry.insert<mlir::dlm::DlmDialect>();
  static bool passesRegistered = [] {
    mlir::registerAllPasses();
    mlir::dlm::registerDlmPasses();
    return true;
  }();
  (void)passesRegistered;
}

/// Appends a textual pipeline; the texts below are fixed, so a parse error is a bug.
static void add(mlir::OpPassManager &passes, llvm::StringRef pipeline) {
  if (mlir::failed(mlir::parsePassPipeline(pipeline, passes, llvm::errs())))
    llvm::report_fatal_error(llvm::Twine("dlm: bad built-in pass pipeline: ") + pipeline);
}

void buildGradientPipeline(mlir::OpPassManager &passes, const CodegenOptions &options) {
  add(passes, "dlm-autodiff, dlm-apply-optimizers, canonicalize, cse");
  // On the dlm dialect, where every op still has its own .dlm location (fusion would merge them),
  // and before the manifest, which lists the clones.
  if (options.checkNumerics)
    add(passes, "dlm-instrument-numerics");
}

void buildLinalgPipeline(mlir::OpPassManager &passes, const CodegenOptions &options) {
  add(passes, "dlm-convert-to-linalg, canonicalize, cse");
  if (options.optimize)
    add(passes, "linalg-fuse-elementwise-ops, canonicalize, cse, dlm-collapse-short-rows, dlm-interchange-for-locality");
}

void buildLLVMDialectPipeline(mlir::OpPassManager &passes, const CodegenOptions &options) {
  // Buffers: the caller owns arguments and results (results become out-parameters).
  add(passes, "dlm-read-only-arguments, dlm-duplicate-shared-fills, one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}, "
              "canonicalize, cse, "
              "buffer-results-to-out-params{hoist-static-allocs modify-public-functions}, "
              "func.func(buffer-loop-hoisting), "
              "buffer-deallocation-pipeline, dlm-expand-strided-copies");
  // Large matmuls in cache blocks, whose packed panels the static memory plan then places.
  if (options.optimize)
    add(passes, "func.func(dlm-tile-large-matmuls)");
  add(passes, "dlm-plan-static-memory");
  // Loops: reductions as register-tiled vector kernels, transposes as register transposes, the
  // rest as loops; the outer parallel loops of big nests on OpenMP threads.
  if (options.optimize)
    add(passes, "func.func(dlm-vectorize-generics), dlm-vectorize-transposes, scf-forall-to-parallel, convert-linalg-to-parallel-loops, "
                "canonicalize, dlm-parallelize-outer-loops, convert-scf-to-openmp, dlm-merge-parallel-regions, "
                "dlm-outline-repeated-loops");
  else
    add(passes, "convert-linalg-to-loops");
  add(passes, "canonicalize, cse, fold-memref-alias-ops, expand-strided-metadata, lower-affine, dlm-inline-alloca-scopes, "
              "convert-scf-to-cf");
  // Math without libm where vectors may be: f32 polynomials; f64 goes to libm.
  add(passes, "dlm-approximate-math, convert-math-to-llvm, convert-math-to-libm");
  // The LLVM dialect, with bare-pointer arguments for the packed entry wrappers.
  add(passes, "convert-vector-to-llvm{reassociate-fp-reductions}, finalize-memref-to-llvm, convert-arith-to-llvm, "
              "convert-func-to-llvm{use-bare-ptr-memref-call-conv}, convert-cf-to-llvm, convert-index-to-llvm, "
              "convert-ub-to-llvm, convert-openmp-to-llvm, reconcile-unrealized-casts, "
              "dlm-export-entry-points, canonicalize, cse");
}

} // namespace dlm
