//===- Linker.cpp - The final link through the system's C++ driver --------===//
//
// The generated object, the runtime archive and the C/C++ system libraries
// make the executable. The runtime is found next to dlmc's build (or
// through DLM_RUNTIME_LIBRARY); the driver is clang++-22 unless DLM_LINKER
// names another.
//
//===----------------------------------------------------------------------===//

#include "dlm/Pipeline/Pipeline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"

#include <cstdlib>

namespace dlm {

static std::string environment(const char *name, const char *fallback) {
  const char *value = std::getenv(name);
  return value && *value ? value : fallback;
}

bool linkExecutable(llvm::StringRef object, llvm::StringRef output, std::string &error) {
  std::string runtime = environment("DLM_RUNTIME_LIBRARY", DLM_RUNTIME_LIBRARY);
  if (!llvm::sys::fs::exists(runtime)) {
    error = "the dlm runtime library '" + runtime + "' does not exist (build the dlm_runtime target)";
    return false;
  }
  std::string driverName = environment("DLM_LINKER", "clang++-22");
  auto driver = llvm::sys::findProgramByName(driverName);
  if (!driver) {
    error = "cannot find the linker driver '" + driverName + "' on PATH";
    return false;
  }
  // -rdynamic: the runtime finds the entry points by name.
  llvm::SmallVector<llvm::StringRef> arguments = {*driver, object, runtime, "-o", output, "-rdynamic", "-fopenmp", "-lz", "-lm"};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*driver, arguments, std::nullopt, {}, 0, 0, &message);
  if (status != 0) {
    error = "linking failed (" + driverName + " exited with " + std::to_string(status) + ")" +
            (message.empty() ? "" : ": " + message);
    return false;
  }
  return true;
}

} // namespace dlm
