//===- dlm-opt.cpp - mlir-opt for the dlm dialect -------------------------===//

#include "dlm/Dialect/Dlm/DlmDialect.h"
#include "dlm/Pipeline/Pipeline.h"
#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  // Everything the pipeline uses, so each of its stages can be reproduced here.
  mlir::DialectRegistry registry;
  dlm::registerPipeline(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(argc, argv, "dlm optimizer driver\n", registry));
}
