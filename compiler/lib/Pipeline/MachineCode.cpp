//===- MachineCode.cpp - LLVM IR, its optimization, and the object file ---===//
//
// In-process: the LLVM dialect is translated to LLVM IR, optimized at O3 (or
// O0) for the target CPU, and written as an object or assembly by the
// TargetMachine; no external compiler is involved before linking. For an
// executable the module is split into parts optimized and compiled on threads.
//
//===----------------------------------------------------------------------===//

#include "dlm/Pipeline/Pipeline.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/Transforms/Utils/SplitModule.h"

#include <atomic>
#include <numeric>
#include <thread>

namespace dlm {

std::unique_ptr<llvm::TargetMachine> createTargetMachine(const CodegenOptions &options, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  std::string cpu = options.cpu;
  llvm::SubtargetFeatures features;
  if (cpu == "native") {
    cpu = llvm::sys::getHostCPUName().str();
    for (const auto &[feature, enabled] : llvm::sys::getHostCPUFeatures())
      features.AddFeature(feature, enabled);
  }
  llvm::TargetOptions targetOptions;
  auto level = options.optimize ? llvm::CodeGenOptLevel::Aggressive : llvm::CodeGenOptLevel::None;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features.getString(), targetOptions, llvm::Reloc::PIC_, std::nullopt, level));
  if (!machine)
    error = "cannot create a target machine for CPU '" + cpu + "'";
  return machine;
}

/// Multiplies and adds may fuse into FMAs. Reassociation is not allowed: it let LLVM split
/// `max(x, 0) - x` into two sums that cancel catastrophically. The reductions that need a new
/// order get it explicitly from dlm-vectorize-generics.
static void allowContraction(llvm::Module &module) {
  for (llvm::Function &function : module)
    for (llvm::Instruction &instruction : llvm::instructions(function))
      if (llvm::isa<llvm::FPMathOperator>(instruction)) {
        instruction.setHasAllowContract(true);
        instruction.setHasNoSignedZeros(true);
      }
}

llvm::Error optimizeLLVMModule(llvm::Module &module, llvm::TargetMachine &machine, const CodegenOptions &options) {
  if (options.optimize)
    allowContraction(module);
  module.setTargetTriple(machine.getTargetTriple());
  module.setDataLayout(machine.createDataLayout());
  return mlir::makeOptimizingTransformer(options.optimize ? 3 : 0, /*sizeLevel=*/0, &machine)(&module);
}

std::unique_ptr<llvm::Module> translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &context,
                                                   llvm::TargetMachine &machine, const CodegenOptions &options) {
  std::unique_ptr<llvm::Module> llvmModule = mlir::translateModuleToLLVMIR(module, context);
  if (!llvmModule)
    return nullptr;
  if (llvm::Error error = optimizeLLVMModule(*llvmModule, machine, options)) {
    llvm::errs() << "dlmc: error: LLVM optimization failed: " << llvm::toString(std::move(error)) << "\n";
    return nullptr;
  }
  return llvmModule;
}

bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine, llvm::raw_pwrite_stream &output,
                     bool assembly, std::string &error) {
  llvm::legacy::PassManager passes;
  auto type = assembly ? llvm::CodeGenFileType::AssemblyFile : llvm::CodeGenFileType::ObjectFile;
  if (machine.addPassesToEmitFile(passes, output, nullptr, type)) {
    error = "the target cannot emit this file type";
    return false;
  }
  passes.run(module);
  return true;
}

/// How many parts of the module each thread compiles; see emitObjects.
constexpr unsigned partsPerThread = 3;

/// Optimizes and compiles one part, read from `bitcode` into a context of its own.
static void compilePart(llvm::StringRef bitcode, llvm::TargetMachine &machine, const CodegenOptions &options,
                        llvm::SmallString<0> &object, std::string &error) {
  llvm::LLVMContext context;
  llvm::Expected<std::unique_ptr<llvm::Module>> part = llvm::parseBitcodeFile(llvm::MemoryBufferRef(bitcode, "part"), context);
  if (!part) {
    error = llvm::toString(part.takeError());
    return;
  }
  if (llvm::Error failure = optimizeLLVMModule(**part, machine, options)) {
    error = "LLVM optimization failed: " + llvm::toString(std::move(failure));
    return;
  }
  llvm::raw_svector_ostream stream(object);
  emitMachineCode(**part, machine, stream, /*assembly=*/false, error);
}

bool emitObjects(mlir::ModuleOp module, const CodegenOptions &options, unsigned threads,
                 std::vector<llvm::SmallString<0>> &objects, std::string &error, mlir::TimingScope &timing) {
  mlir::TimingScope translation = timing.nest("translate to LLVM IR");
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> llvmModule = mlir::translateModuleToLLVMIR(module, context);
  translation.stop();
  if (!llvmModule) {
    error = "cannot translate the module to LLVM IR";
    return false;
  }
  // Functions are independent (entries, OpenMP bodies, shared loops): the parts lose only the
  // inlining of calls across parts. A step's serial body can be a fifth of the module: with one part per
  // thread the thread that compiled it ran for half as long again as the other. Three parts per
  // thread, taken largest first from a queue, even the threads out.
  threads = std::max(threads, 1u);
  mlir::TimingScope splitting = timing.nest("split into parts");
  std::vector<llvm::SmallString<0>> bitcode;
  llvm::SplitModule(
      *llvmModule, threads == 1 ? 1 : threads * partsPerThread,
      [&](std::unique_ptr<llvm::Module> part) {
        llvm::raw_svector_ostream stream(bitcode.emplace_back());
        llvm::WriteBitcodeToFile(*part, stream);
      },
      /*PreserveLocals=*/false, /*RoundRobin=*/true);
  std::vector<size_t> order(bitcode.size());
  std::iota(order.begin(), order.end(), 0);
  llvm::sort(order, [&](size_t a, size_t b) {
    return std::make_pair(bitcode[b].size(), a) < std::make_pair(bitcode[a].size(), b);
  });
  splitting.stop();
  mlir::TimingScope compiling = timing.nest("optimize and compile the parts (LLVM)");
  // Target machines are made here: target initialization is not thread-safe.
  threads = std::min<unsigned>(threads, bitcode.size());
  std::vector<std::unique_ptr<llvm::TargetMachine>> machines;
  for (unsigned i = 0; i < threads; ++i)
    if (!machines.emplace_back(createTargetMachine(options, error)))
      return false;
  objects.assign(bitcode.size(), {});
  std::vector<std::string> errors(bitcode.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (unsigned thread = 0; thread < threads; ++thread)
    workers.emplace_back([&, thread] {
      for (size_t taken = next++; taken < order.size(); taken = next++)
        compilePart(bitcode[order[taken]], *machines[thread], options, objects[order[taken]], errors[order[taken]]);
    });
  for (std::thread &worker : workers)
    worker.join();
  for (const std::string &partError : errors)
    if (!partError.empty()) {
      error = partError;
      return false;
    }
  return true;
}

} // namespace dlm
