//===- Error.h - Errors reported to the user, and the exit codes ----------===//
//
// Every failure the user can cause (a missing data file, a bad checkpoint, a
// wrong option) is thrown as a RuntimeError and printed once by the driver as
// `error: <message>`; nothing in the runtime exits on its own.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_ERROR_H
#define DLM_RUNTIME_ERROR_H

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace dlm::runtime {

/// The exit status of a generated executable.
enum ExitCode : int {
  ExitSuccess = 0,
  /// Bad data, a bad checkpoint, a numerical failure: the user's inputs.
  ExitUserError = 1,
  /// The command line itself is wrong.
  ExitUsageError = 2,
};

/// A failure to report as `error: <message>` before exiting with `code`.
class RuntimeError : public std::runtime_error {
public:
  RuntimeError(ExitCode code, const std::string &message) : std::runtime_error(message), exitCode(code) {}
  ExitCode code() const { return exitCode; }

private:
  ExitCode exitCode;
};

/// Throws a user error (exit code 1).
template <typename... Args> [[noreturn]] void fail(fmt::format_string<Args...> format, Args &&...args) {
  throw RuntimeError(ExitUserError, fmt::format(format, std::forward<Args>(args)...));
}

/// Throws a usage error (exit code 2).
template <typename... Args> [[noreturn]] void failUsage(fmt::format_string<Args...> format, Args &&...args) {
  throw RuntimeError(ExitUsageError, fmt::format(format, std::forward<Args>(args)...));
}

/// The text of the current `errno`, e.g. "No such file or directory".
std::string systemErrorText();

} // namespace dlm::runtime

#endif // DLM_RUNTIME_ERROR_H
