//===- InitialFill.h - The linalg.fill that initializes a generic's output --===//

#ifndef DLM_TRANSFORMS_INITIALFILL_H
#define DLM_TRANSFORMS_INITIALFILL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::dlm {

/// The fill that last wrote the generic's output buffer, when nothing that touches memory lies
/// between them: a kernel may start from its value instead of reading the output back.
inline linalg::FillOp findInitialFill(linalg::GenericOp op) {
  Value output = op.getDpsInitOperand(0)->get();
  for (Operation *before = op->getPrevNode(); before; before = before->getPrevNode()) {
    if (auto fill = llvm::dyn_cast<linalg::FillOp>(before))
      return fill.hasPureBufferSemantics() && fill.getOutputs()[0] == output ? fill : nullptr;
    if (!isMemoryEffectFree(before) && !llvm::isa<memref::AllocOp>(before))
      return nullptr;
  }
  return nullptr;
}

} // namespace mlir::dlm

#endif // DLM_TRANSFORMS_INITIALFILL_H
