//===- Pipeline.h - From the dlm dialect to a native executable -----------===//

#ifndef DLM_PIPELINE_PIPELINE_H
#define DLM_PIPELINE_PIPELINE_H

#include "dlm/Language/Program.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"

#include "llvm/Support/Error.h"

#include "llvm/ADT/SmallString.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Module;
class LLVMContext;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace dlm {

/// How code is generated.
struct CodegenOptions {
  /// false (-O0): naive loops, for a fast build and as a reference.
  bool optimize = true;
  /// The CPU to generate code for; "native" is the host.
  std::string cpu = "native";
  /// dlmc --check-numerics: also compile each step's `.numerics` clone, which names the first op
  /// to produce NaN or infinity (dlm-instrument-numerics).
  bool checkNumerics = false;
};

/// Registers every dialect, interface and pass the pipeline uses.
void registerPipeline(mlir::DialectRegistry &registry);

/// Stage 1: autodiff and the optimizer update, on the dlm dialect; with `options.checkNumerics`,
/// the instrumented step clones.
void buildGradientPipeline(mlir::OpPassManager &passes, const CodegenOptions &options = CodegenOptions());
/// Stage 2: dlm to linalg on tensors, fused.
void buildLinalgPipeline(mlir::OpPassManager &passes, const CodegenOptions &options);
/// Stage 3: bufferization and lowering to the LLVM dialect, entry points exported.
void buildLLVMDialectPipeline(mlir::OpPassManager &passes, const CodegenOptions &options);

/// Names each entry function `dlm_<program>_<entry>` (attribute
/// dlm.entry_symbol) and attaches the manifest of docs/runtime-abi.md to the
/// module (attribute dlm.manifest). Runs on the dlm dialect after stage 1.
mlir::LogicalResult attachManifest(mlir::ModuleOp module, const sema::ElaboratedModule &programs,
                                   llvm::StringRef sourceName);

/// A TargetMachine for `options.cpu` on the host triple; null with a message on failure.
std::unique_ptr<llvm::TargetMachine> createTargetMachine(const CodegenOptions &options, std::string &error);

/// Optimizes LLVM IR for `machine` (O3, float reductions may reassociate; or O0).
llvm::Error optimizeLLVMModule(llvm::Module &module, llvm::TargetMachine &machine, const CodegenOptions &options);

/// Translates an LLVM-dialect module to LLVM IR and optimizes it for `machine`.
std::unique_ptr<llvm::Module> translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &context,
                                                   llvm::TargetMachine &machine, const CodegenOptions &options);

/// Writes `module` as an object file (or assembly) with `machine`.
bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine, llvm::raw_pwrite_stream &output,
                     bool assembly, std::string &error);

/// Translates, optimizes and compiles `module` into `objects` on `threads` threads: the module is
/// split function by function into a few parts per thread, which the threads take largest first.
/// `timing` gets a timer per phase (translation, split, parts, link); an empty scope times nothing.
bool emitObjects(mlir::ModuleOp module, const CodegenOptions &options, unsigned threads,
                 std::vector<llvm::SmallString<0>> &objects, std::string &error, mlir::TimingScope &timing);

/// Links `objects` with the runtime into the executable `output` through the
/// system's C++ linker driver (with lld).
bool linkExecutable(llvm::ArrayRef<std::string> objects, llvm::StringRef output, std::string &error);

/// Compiles the LLVM-dialect `module` on every hardware thread (`emitObjects`) and links the
/// executable `output`.
bool buildExecutable(mlir::ModuleOp module, const CodegenOptions &options, llvm::StringRef output,
                     std::string &error, mlir::TimingScope &timing);

} // namespace dlm

#endif // DLM_PIPELINE_PIPELINE_H
