//===- TestSupport.h - Temporary files and error capture for the runtime tests ===//

#ifndef DLM_RUNTIME_UNITTESTS_TESTSUPPORT_H
#define DLM_RUNTIME_UNITTESTS_TESTSUPPORT_H

#include "dlm/Runtime/Error.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace dlm::runtime::test_support {

/// A fresh directory, removed with its contents when the object goes.
class TemporaryDirectory {
public:
  TemporaryDirectory() {
    std::string pattern = "/tmp/dlm-runtime-test-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    directory = mkdtemp(buffer.data()) ? buffer.data() : "/tmp";
  }
  ~TemporaryDirectory() { std::system(("rm -rf '" + directory + "'").c_str()); }
  TemporaryDirectory(const TemporaryDirectory &) = delete;
  TemporaryDirectory &operator=(const TemporaryDirectory &) = delete;

  /// The path of `name` inside the directory.
  std::string path(const std::string &name) const { return directory + "/" + name; }

private:
  std::string directory;
};

/// Writes `bytes` to `path`.
inline void writeFile(const std::string &path, const std::string &bytes) {
  FILE *file = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), file);
  std::fclose(file);
}

/// Reads all of `path`.
inline std::string readFile(const std::string &path) {
  std::string bytes;
  FILE *file = std::fopen(path.c_str(), "rb");
  if (!file)
    return bytes;
  char chunk[4096];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof(chunk), file)) > 0)
    bytes.append(chunk, got);
  std::fclose(file);
  return bytes;
}

/// The message of the RuntimeError `action` throws, or "no error".
template <typename Action> std::string errorOf(Action action) {
  try {
    action();
  } catch (const RuntimeError &error) {
    return error.what();
  }
  return "no error";
}

/// The exit code of the RuntimeError `action` throws, or ExitSuccess.
template <typename Action> ExitCode exitCodeOf(Action action) {
  try {
    action();
  } catch (const RuntimeError &error) {
    return error.code();
  }
  return ExitSuccess;
}

} // namespace dlm::runtime::test_support

#endif // DLM_RUNTIME_UNITTESTS_TESTSUPPORT_H
