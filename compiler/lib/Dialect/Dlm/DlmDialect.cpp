//===- DlmDialect.cpp - Registration of the dlm dialect -------------------===//

#include "dlm/Dialect/Dlm/DlmDialect.h"

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::dlm;

#include "dlm/Dialect/Dlm/DlmDialect.cpp.inc"
#include "dlm/Dialect/Dlm/DlmEnums.cpp.inc"
#include "dlm/Dialect/Dlm/DlmInterfaces.cpp.inc"

void DlmDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dlm/Dialect/Dlm/DlmOps.cpp.inc"
      >();
}

Operation *DlmDialect::materializeConstant(OpBuilder &builder, Attribute value, Type type, Location loc) {
  auto elements = llvm::dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}
