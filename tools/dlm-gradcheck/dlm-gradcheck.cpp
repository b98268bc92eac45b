//===- dlm-gradcheck.cpp - Finite-difference checks of dlm adjoints -------===//
//
// dlm-gradcheck FILE.mlir: for every step function (marked dlm.updated),
// compares dlm-autodiff's gradients with float64 central differences and
// prints one line per parameter; exits 1 if any relative error exceeds the
// tolerance.
//
//===----------------------------------------------------------------------===//

#include "dlm/Dialect/Dlm/DlmDialect.h"
#include "dlm/Interpreter/Interpreter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

static cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<input .mlir file>"), cl::Required);
static cl::opt<double> tolerance("tolerance", cl::desc("Largest accepted relative error"), cl::init(1e-6));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random inputs and directions"), cl::init(0));

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "dlm gradient checker\n");
  mlir::MLIRContext context;
  context.loadDialect<mlir::dlm::DlmDialect, mlir::func::FuncDialect, mlir::arith::ArithDialect,
                      mlir::math::MathDialect>();
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  mlir::OwningOpRef<mlir::ModuleOp> module = mlir::parseSourceFile<mlir::ModuleOp>(inputFilename, sourceMgr, &context);
  if (!module)
    return 1;
  auto checks = dlm::checkGradients(*module, seed);
  if (mlir::failed(checks))
    return 1;
  return dlm::printGradientChecks(*checks, tolerance, llvm::outs()) ? 0 : 1;
}
