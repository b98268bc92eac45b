//===- DlmOps.h - Operations of the dlm dialect ---------------------------===//

#ifndef DLM_DIALECT_DLM_DLMOPS_H
#define DLM_DIALECT_DLM_DLMOPS_H

#include "dlm/Dialect/Dlm/DlmDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dlm/Dialect/Dlm/DlmEnums.h.inc"
#include "dlm/Dialect/Dlm/DlmInterfaces.h.inc"

#define GET_OP_CLASSES
#include "dlm/Dialect/Dlm/DlmOps.h.inc"

#endif // DLM_DIALECT_DLM_DLMOPS_H
