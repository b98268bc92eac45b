//===- BufferQueries.h - Questions the vectorizing passes ask of buffers ---===//

#ifndef DLM_TRANSFORMS_BUFFERQUERIES_H
#define DLM_TRANSFORMS_BUFFERQUERIES_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::dlm {

/// Whether the memref has a unit stride in its innermost dimension (rank 0 has none).
inline bool hasContiguousRows(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  return type.getRank() > 0 && succeeded(type.getStridesAndOffset(strides, offset)) && strides.back() == 1;
}

/// Whether `buffer` is a memref with a unit stride in its innermost dimension.
inline bool hasContiguousRows(Value buffer) {
  auto type = llvm::dyn_cast<MemRefType>(buffer.getType());
  return type && hasContiguousRows(type);
}

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

#endif // DLM_TRANSFORMS_BUFFERQUERIES_H
