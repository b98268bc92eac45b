//===- MLIRGen.h - Elaborated programs to the dlm dialect -----------------===//
//
// Translates sema's typed graphs into one MLIR module: per program, an
// `init(key)` function, one function per step (computing its loss and its
// state updates), an `eval` function returning every metric and a `predict`
// function returning every prediction. Every op carries the FileLineColLoc of
// the .dlm code it came from.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_MLIRGEN_MLIRGEN_H
#define DLM_MLIRGEN_MLIRGEN_H

#include "dlm/Language/Program.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/Support/SourceMgr.h"

namespace dlm {

/// Builds the module, or returns null after reporting (through the context's
/// diagnostic handler) a construct that has no translation yet.
mlir::OwningOpRef<mlir::ModuleOp> mlirGen(mlir::MLIRContext &context, const sema::ElaboratedModule &module,
                                          const llvm::SourceMgr &sourceMgr);

} // namespace dlm

#endif // DLM_MLIRGEN_MLIRGEN_H
