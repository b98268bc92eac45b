//===- dlmc.cpp - The dlm compiler driver ---------------------------------===//
//
// dlmc FILE.dlm [-o NAME] [-O0] [--mcpu=CPU] [--check-numerics]
//      [--emit=ast|typed|summary|dlm|grad|linalg|llvm-dialect|llvm|asm|obj] [--check] [--time] [-I DIR]...
//
//===----------------------------------------------------------------------===//

#include "dlm/Language/ASTPrinter.h"
#include "dlm/Language/Diagnostics.h"
#include "dlm/Language/Parser.h"
#include "dlm/Language/Sema.h"
#include "dlm/Interpreter/Interpreter.h"
#include "dlm/MLIRGen/MLIRGen.h"
#include "dlm/Pipeline/Pipeline.h"

#include "dlm/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Transforms/Passes.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace {
enum class Emit { None, AST, Typed, Summary, Dlm, Grad, Linalg, LLVMDialect, LLVM, Asm, Object };

cl::OptionCategory category("dlmc options");
cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<input .dlm file>"), cl::Required, cl::cat(category));
cl::opt<Emit> emit("emit", cl::desc("Print a stage of the compilation and stop"), cl::init(Emit::None),
                   cl::values(clEnumValN(Emit::AST, "ast", "the parsed syntax tree with source locations"),
                              clEnumValN(Emit::Typed, "typed",
                                         "the elaborated programs: parameters, steps, metrics and predictions "
                                         "with every tensor's type"),
                              clEnumValN(Emit::Summary, "summary",
                                         "one line per program: parameters, steps, metrics and predictions"),
                              clEnumValN(Emit::Dlm, "dlm",
                                         "the dlm dialect: init, one function per step, eval (all metrics) and "
                                         "predict (all predictions)"),
                              clEnumValN(Emit::Grad, "grad",
                                         "the dlm dialect after autodiff and the optimizer update: each step "
                                         "returns its loss, new parameters and optimizer state"),
                              clEnumValN(Emit::Linalg, "linalg", "linalg on tensors, fused"),
                              clEnumValN(Emit::LLVMDialect, "llvm-dialect",
                                         "the LLVM dialect, bufferized, with the exported entry points"),
                              clEnumValN(Emit::LLVM, "llvm", "LLVM IR, optimized for the target CPU"),
                              clEnumValN(Emit::Asm, "asm", "the target's assembly"),
                              clEnumValN(Emit::Object, "obj", "the object file (to -o, default FILE.o)")),
                   cl::cat(category));
cl::opt<std::string> outputFilename("o", cl::desc("Build the executable NAME (with --emit=obj: the object file)"),
                                    cl::value_desc("NAME"), cl::cat(category));
cl::opt<bool> unoptimized("O0", cl::desc("Naive loops, no fusion: a fast build, and a reference for the optimized one"),
                          cl::cat(category));
cl::opt<std::string> targetCPU("mcpu", cl::desc("The CPU to generate code for (default: the host's)"),
                               cl::init("native"), cl::cat(category));
cl::opt<bool> checkNumerics("check-numerics",
                            cl::desc("Also compile an instrumented copy of each training step, so that "
                                     "`train --check-numerics` names the op that first produced NaN or infinity"),
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
cl::opt<int64_t> batchOverride("batch", cl::desc("Compile every program for this batch size instead of its own"),
                               cl::init(0), cl::cat(category));
cl::opt<bool> timePhases("time",
                         cl::desc("Print the wall time of each phase and MLIR pass to stderr when done"),
                         cl::cat(category));
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

  // Made before everything it times, so that its report, printed when it is destroyed, comes last.
  mlir::DefaultTimingManager timing;
  timing.setEnabled(timePhases);
  timing.setDisplayMode(mlir::DefaultTimingManager::DisplayMode::Tree);
  mlir::TimingScope root = timing.getRootScope();

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
  if (batchOverride > 0)
    options.batchOverride = batchOverride;
  if (gradcheck)
    options.batchOverride = gradcheckBatch;
  mlir::TimingScope checking = root.nest("parse and check");
  dlm::AnalysisResult result = dlm::analyze(mainBuffer, diagnostics, options);
  checking.stop();
  if (!result.elaborated)
    return finish(false);
  if (emit == Emit::Typed)
    dlm::printElaborated(*result.elaborated, sourceMgr, llvm::outs());
  if (emit == Emit::Summary)
    dlm::printSummary(*result.elaborated, llvm::outs());
  bool compiles = emit == Emit::None && !outputFilename.empty();
  if (emit != Emit::Dlm && emit != Emit::Grad && !gradcheck && emit < Emit::Linalg && !compiles)
    return finish(true);

  mlir::DialectRegistry registry;
  dlm::registerPipeline(registry);
  mlir::MLIRContext context(registry);
  context.printOpOnDiagnostic(false); // users see their .dlm line, not IR
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  mlir::TimingScope generating = root.nest("build the dlm dialect");
  mlir::OwningOpRef<mlir::ModuleOp> module = dlm::mlirGen(context, *result.elaborated, sourceMgr);
  generating.stop();
  if (!module)
    return 1;
  if (gradcheck) {
    auto checks = dlm::checkGradients(*module, /*seed=*/0, gradcheckEpsilon);
    if (mlir::failed(checks))
      return 1;
    llvm::outs() << "gradient check at batch " << gradcheckBatch << "\n";
    return dlm::printGradientChecks(*checks, gradcheckTolerance, llvm::outs()) ? 0 : 1;
  }
  auto printModule = [&] {
    module->print(llvm::outs(), mlir::OpPrintingFlags().enableDebugInfo(true, /*prettyForm=*/false));
    return 0;
  };
  if (emit == Emit::Dlm)
    return printModule();

  dlm::CodegenOptions codegen;
  codegen.optimize = !unoptimized;
  codegen.cpu = targetCPU;
  codegen.checkNumerics = checkNumerics;
  auto run = [&](llvm::StringRef stage, llvm::function_ref<void(mlir::OpPassManager &)> build) {
    mlir::TimingScope timer = root.nest(stage);
    mlir::PassManager passes(&context);
    passes.enableTiming(timer);
    build(passes);
    return mlir::succeeded(passes.run(*module));
  };
  if (!run("autodiff and optimizer", [&](mlir::OpPassManager &passes) { dlm::buildGradientPipeline(passes, codegen); }))
    return 1;
  if (emit == Emit::Grad)
    return printModule();
  if (mlir::failed(dlm::attachManifest(*module, *result.elaborated, inputFilename)))
    return 1;
  if (!run("linalg", [&](mlir::OpPassManager &passes) { dlm::buildLinalgPipeline(passes, codegen); }))
    return 1;
  if (emit == Emit::Linalg)
    return printModule();
  if (!run("LLVM dialect", [&](mlir::OpPassManager &passes) { dlm::buildLLVMDialectPipeline(passes, codegen); }))
    return 1;
  if (emit == Emit::LLVMDialect)
    return printModule();

  std::string error;
  if (emit == Emit::None) {
    if (dlm::buildExecutable(*module, codegen, outputFilename, error, root))
      return 0;
    llvm::errs() << "dlmc: error: " << error << "\n";
    return 1;
  }
  std::unique_ptr<llvm::TargetMachine> machine = dlm::createTargetMachine(codegen, error);
  if (!machine) {
    llvm::errs() << "dlmc: error: " << error << "\n";
    return 1;
  }
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule = dlm::translateAndOptimize(*module, llvmContext, *machine, codegen);
  if (!llvmModule)
    return 1;
  if (emit == Emit::LLVM) {
    llvmModule->print(llvm::outs(), nullptr);
    return 0;
  }
  if (emit == Emit::Asm) {
    llvm::SmallString<0> text;
    llvm::raw_svector_ostream stream(text);
    if (!dlm::emitMachineCode(*llvmModule, *machine, stream, /*assembly=*/true, error)) {
      llvm::errs() << "dlmc: error: " << error << "\n";
      return 1;
    }
    llvm::outs() << text;
    return 0;
  }

  std::string objectPath =
      outputFilename.empty() ? llvm::sys::path::stem(inputFilename).str() + ".o" : outputFilename.getValue();
  std::error_code code;
  llvm::ToolOutputFile object(objectPath, code, llvm::sys::fs::OF_None);
  if (code) {
    llvm::errs() << "dlmc: error: cannot write '" << objectPath << "': " << code.message() << "\n";
    return 1;
  }
  if (!dlm::emitMachineCode(*llvmModule, *machine, object.os(), /*assembly=*/false, error)) {
    llvm::errs() << "dlmc: error: " << error << "\n";
    return 1;
  }
  object.keep();
  return 0;
}
