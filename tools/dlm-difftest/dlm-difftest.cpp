//===- dlm-difftest.cpp - Compiled code against the reference evaluator ---===//
//
// dlm-difftest FILE.mlir [-O0] [--rtol X] [--atol X]: runs every public
// function of a dlm-dialect module compiled and through the float64
// reference evaluator on the same random inputs; one line per result, exit
// code 1 if any differs beyond the tolerance.
//
//===----------------------------------------------------------------------===//

#include "dlm/DifferentialTest/DifferentialTest.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"

namespace cl = llvm::cl;

static cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<input .mlir file, - for stdin>"), cl::init("-"));
static cl::opt<bool> unoptimized("O0", cl::desc("Compile with the naive -O0 pipeline"));
static cl::opt<double> relative("rtol", cl::desc("Relative tolerance"), cl::init(1e-4));
static cl::opt<double> absolute("atol", cl::desc("Absolute tolerance"), cl::init(1e-5));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random inputs"), cl::init(0));

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "dlm differential tester\n");
  mlir::DialectRegistry registry;
  dlm::registerPipeline(registry);
  mlir::MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  mlir::OwningOpRef<mlir::ModuleOp> module = mlir::parseSourceFile<mlir::ModuleOp>(inputFilename, sourceMgr, &context);
  if (!module)
    return 1;
  dlm::CodegenOptions options;
  options.optimize = !unoptimized;
  dlm::DifferentialTolerance tolerance{relative, absolute};
  return dlm::runDifferentialTest(*module, options, tolerance, seed, llvm::outs()) ? 0 : 1;
}
