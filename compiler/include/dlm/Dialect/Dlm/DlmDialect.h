//===- DlmDialect.h - The dlm tensor dialect ------------------------------===//

#ifndef DLM_DIALECT_DLM_DLMDIALECT_H
#define DLM_DIALECT_DLM_DLMDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dlm/Dialect/Dlm/DlmDialect.h.inc"

#endif // DLM_DIALECT_DLM_DLMDIALECT_H
