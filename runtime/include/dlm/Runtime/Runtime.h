//===- Runtime.h - The entry of every generated executable ----------------===//

#ifndef DLM_RUNTIME_RUNTIME_H
#define DLM_RUNTIME_RUNTIME_H

namespace dlm::runtime {

/// The version written into checkpoints.
const char *runtimeVersion();

/// Parses the command line and runs the command against the model described by `manifestText`.
/// Returns the exit code; every error is printed as `error: ...` on stderr, never thrown.
int runMain(int argc, const char *const *argv, const char *manifestText);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_RUNTIME_H
