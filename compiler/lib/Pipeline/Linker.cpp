//===- Linker.cpp - The final link through the system's C++ driver --------===//
//
// The generated objects, the runtime archive and the C/C++ system libraries
// make the executable. The runtime is found next to dlmc's build (or
// through DLM_RUNTIME_LIBRARY); the driver is clang++-22 unless DLM_LINKER
// names another.
//
//===----------------------------------------------------------------------===//

#include "dlm/Pipeline/Pipeline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/Program.h"

#include <cstdlib>
#include <thread>

namespace dlm {

static std::string environment(const char *name, const char *fallback) {
  const char *value = std::getenv(name);
  return value && *value ? value : fallback;
}

bool linkExecutable(llvm::ArrayRef<std::string> objects, llvm::StringRef output, std::string &error) {
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
  // lld (Debian's lld-22, beside clang-22) links in half the time of ld.bfd.
  llvm::SmallVector<llvm::StringRef> arguments = {*driver};
  arguments.append(objects.begin(), objects.end());
  arguments.append({runtime, "-o", output, "-fuse-ld=lld", "-rdynamic", "-fopenmp", "-lz", "-lm"});
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*driver, arguments, std::nullopt, {}, 0, 0, &message);
  if (status != 0) {
    error = "linking failed (" + driverName + " exited with " + std::to_string(status) + ")" +
            (message.empty() ? "" : ": " + message);
    return false;
  }
  return true;
}

bool buildExecutable(mlir::ModuleOp module, const CodegenOptions &options, llvm::StringRef output,
                     std::string &error, mlir::TimingScope &timing) {
  std::vector<llvm::SmallString<0>> objects;
  if (!emitObjects(module, options, std::max(1u, std::thread::hardware_concurrency()), objects, error, timing))
    return false;
  mlir::TimingScope linking = timing.nest("link");
  std::vector<std::string> paths;
  std::vector<llvm::FileRemover> removers;
  removers.reserve(objects.size());
  for (const llvm::SmallString<0> &object : objects) {
    llvm::SmallString<128> path;
    int descriptor;
    if (std::error_code code = llvm::sys::fs::createTemporaryFile("dlmc", "o", descriptor, path)) {
      error = "cannot create a temporary object file: " + code.message();
      return false;
    }
    removers.emplace_back(path);
    llvm::raw_fd_ostream stream(descriptor, /*shouldClose=*/true);
    stream << object;
    stream.close();
    if (stream.has_error()) {
      error = "cannot write the temporary object file '" + path.str().str() + "'";
      return false;
    }
    paths.push_back(path.str().str());
  }
  return linkExecutable(paths, output, error);
}

} // namespace dlm
