//===- dlmc.cpp - The dlm compiler driver ---------------------------------===//
//
// dlmc FILE.dlm [--emit=ast|typed|summary|dlm|grad] [--check] [-I DIR]... [-verify-diagnostics]
//
//===----------------------------------------------------------------------===//

#include "dlm/Language/ASTPrinter.h"
#include "dlm/Language/Diagnostics.h"
#include "dlm/Language/Parser.h"
#include "dlm/Language/Sema.h"
#include "dlm/Interpreter/Interpreter.h"
#include "dlm/MLIRGen/MLIRGen.h"

#include "dlm/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace {
enum class Emit { None, AST, Typed, Summary, Dlm, Grad };

cl::OptionCategory category("dlmc options");
cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<input .dlm file>"), cl::Required, cl::cat(category));
cl::opt<Emit> emit("emit", cl::desc("Print a stage of the compilation and stop"), cl::init(Emit::None),
                   cl::values(clEnumValN(Emit::AST, "ast", "the parsed syntax tree with source locations"),
                              clEnumValN(Emit::Typed, "typed",
                                         "the elaborated programs: parameters, steps and metrics with every "
                                         "tensor's type"),
                              clEnumValN(Emit::Summary, "summary",
                                         "one line per program: parameters, steps and metrics"),
                              clEnumValN(Emit::Dlm, "dlm", "the dlm dialect: init, one function per step, and eval (all metrics)"),
                              clEnumValN(Emit::Grad, "grad",
                                         "the dlm dialect after autodiff and the optimizer update: each step "
                                         "returns its loss, new parameters and optimizer state")),
                   cl::cat(category));
cl::opt<bool> checkOnly("check", cl::desc("Stop after parsing and semantic checks"), cl::cat(category));
cl::list<std::string> includeDirs("I", cl::desc("Add a directory to the import search path"), cl::Prefix,
                                  cl::value_desc("directory"), cl::cat(category));
cl::opt<bool> verifyDiagnostics("verify-diagnostics",
                                cl::desc("Check the diagnostics against '// expected-error@+N:col {{...}}' "
                                         "comments instead of printing them"),
                                cl::cat(category));
cl::opt<bool> gradcheck("gradcheck",
                        cl::desc("Check every step's gradients against float64 central differences along random "
                                 "directions, on a small batch; fail above the tolerance"),
                        cl::cat(category));
cl::opt<int64_t> gradcheckBatch("gradcheck-batch", cl::desc("Batch size for --gradcheck"), cl::init(2),
                                cl::cat(category));
cl::opt<double> gradcheckTolerance("gradcheck-tolerance", cl::desc("Largest relative error --gradcheck accepts"),
                                   cl::init(1e-6), cl::cat(category));
cl::opt<double> gradcheckEpsilon("gradcheck-epsilon",
                                 cl::desc("Step of the central differences: rounding error grows as it shrinks, "
                                          "truncation error and the chance of crossing a kink (relu, max) as it grows"),
                                 cl::init(1e-6), cl::cat(category));
cl::opt<unsigned> errorLimit("error-limit", cl::desc("Stop after this many errors (0 = no limit)"), cl::init(20),
                             cl::cat(category));
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "dlmc - the dlm deep-learning model compiler\n\n"
                              "  Checks a .dlm program (names, types, shapes, training programs) and prints\n"
                              "  the requested stage. Diagnostics go to stderr; the exit code is 1 on errors.\n");

  llvm::SourceMgr sourceMgr;
  auto buffer = llvm::MemoryBuffer::getFile(inputFilename);
  if (!buffer) {
    llvm::errs() << "dlmc: error: cannot open '" << inputFilename << "': " << buffer.getError().message() << "\n";
    return 1;
  }
  unsigned mainBuffer = sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  dlm::DiagnosticEngine diagnostics(sourceMgr);
  diagnostics.setVerifyMode(verifyDiagnostics);
  diagnostics.setErrorLimit(verifyDiagnostics ? 0 : errorLimit.getValue());

  auto finish = [&](bool succeeded) {
    if (verifyDiagnostics)
      return dlm::verifyExpectedDiagnostics(diagnostics) ? 0 : 1;
    return succeeded && !diagnostics.hadError() ? 0 : 1;
  };

  if (emit == Emit::AST) {
    auto module = dlm::parseModule(mainBuffer, diagnostics);
    if (module)
      dlm::printModule(*module, sourceMgr, llvm::outs());
    return finish(module != nullptr);
  }

  dlm::SemaOptions options;
  options.includeDirs.assign(includeDirs.begin(), includeDirs.end());
  options.standardLibraryDir = DLM_STD_DIR;
  if (gradcheck)
    options.batchOverride = gradcheckBatch;
  dlm::AnalysisResult result = dlm::analyze(mainBuffer, diagnostics, options);
  if (!result.elaborated)
    return finish(false);
  if (emit == Emit::Typed)
    dlm::printElaborated(*result.elaborated, sourceMgr, llvm::outs());
  if (emit == Emit::Summary)
    dlm::printSummary(*result.elaborated, llvm::outs());
  if (emit != Emit::Dlm && emit != Emit::Grad && !gradcheck)
    return finish(true);

  mlir::MLIRContext context;
  context.printOpOnDiagnostic(false); // users see their .dlm line, not IR
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  mlir::OwningOpRef<mlir::ModuleOp> module = dlm::mlirGen(context, *result.elaborated, sourceMgr);
  if (!module)
    return 1;
  if (gradcheck) {
    auto checks = dlm::checkGradients(*module, /*seed=*/0, gradcheckEpsilon);
    if (mlir::failed(checks))
      return 1;
    llvm::outs() << "gradient check at batch " << gradcheckBatch << "\n";
    return dlm::printGradientChecks(*checks, gradcheckTolerance, llvm::outs()) ? 0 : 1;
  }
  if (emit == Emit::Grad) {
    mlir::PassManager passes(&context);
    passes.addPass(mlir::dlm::createAutodiff());
    passes.addPass(mlir::dlm::createApplyOptimizers());
    passes.addPass(mlir::createCanonicalizerPass());
    passes.addPass(mlir::createCSEPass());
    if (mlir::failed(passes.run(*module)))
      return 1;
  }
  module->print(llvm::outs(), mlir::OpPrintingFlags().enableDebugInfo(true, /*prettyForm=*/false));
  return 0;
}
