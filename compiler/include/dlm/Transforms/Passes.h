//===- Passes.h - Passes over the dlm dialect -----------------------------===//

#ifndef DLM_TRANSFORMS_PASSES_H
#define DLM_TRANSFORMS_PASSES_H

#include "dlm/Dialect/Dlm/DlmDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::dlm {

#define GEN_PASS_DECL
#include "dlm/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dlm/Transforms/Passes.h.inc"

} // namespace mlir::dlm

#endif // DLM_TRANSFORMS_PASSES_H
