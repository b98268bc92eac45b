//===- dlmc.cpp - The dlm compiler driver ---------------------------------===//

#include "dlm/Language/ASTPrinter.h"
#include "dlm/Language/Diagnostics.h"
#include "dlm/Language/Parser.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

static cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<input .dlm file>"), cl::Required);

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "dlmc\n");
  llvm::SourceMgr sourceMgr;
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFilename);
  if (!buffer) {
    llvm::errs() << "error: cannot open '" << inputFilename << "'\n";
    return 1;
  }
  unsigned id = sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  dlm::DiagnosticEngine diagnostics(sourceMgr);
  auto module = dlm::parseModule(id, diagnostics);
  if (!module)
    return 1;
  dlm::printModule(*module, sourceMgr, llvm::outs());
  return 0;
}
