//===- Diagnostics.h - Source-located error reporting for .dlm ------------===//
//
// Every user-facing message goes through DiagnosticEngine, which prints
// clang-style `file:line:col: error: ...` with the source line and a caret
// (llvm::SourceMgr does the rendering). In verify mode it records messages
// instead, so `-verify-diagnostics` can match them against `expected-*`
// comments in the source, as mlir-opt does.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_DIAGNOSTICS_H
#define DLM_LANGUAGE_DIAGNOSTICS_H

#include "llvm/Support/SourceMgr.h"

#include <set>
#include <string>
#include <vector>

namespace dlm {

/// How serious a diagnostic is.
enum class Severity { Error, Warning, Note };

/// A diagnostic as recorded in verify mode.
struct RecordedDiagnostic {
  Severity severity;
  llvm::SMLoc loc;
  std::string message;
};

/// Reports diagnostics against the buffers of one llvm::SourceMgr.
class DiagnosticEngine {
public:
  explicit DiagnosticEngine(llvm::SourceMgr &sourceMgr) : sourceMgr(sourceMgr) {}

  /// Reports an error at `loc`.
  void error(llvm::SMLoc loc, const llvm::Twine &message);
  /// Reports a warning at `loc`.
  void warning(llvm::SMLoc loc, const llvm::Twine &message);
  /// Attaches a note (e.g. "previous definition is here") to the last error.
  void note(llvm::SMLoc loc, const llvm::Twine &message);

  /// Number of errors reported so far.
  unsigned errorCount() const { return errors; }
  bool hadError() const { return errors != 0; }

  /// Records diagnostics instead of printing them (for -verify-diagnostics).
  void setVerifyMode(bool enabled) { verifyMode = enabled; }
  const std::vector<RecordedDiagnostic> &recorded() const { return records; }

  /// Stops reporting after this many errors (0 = no limit); the cutoff avoids
  /// cascades burying the first, most useful message.
  void setErrorLimit(unsigned limit) { errorLimit = limit; }
  bool reachedLimit() const { return errorLimit != 0 && errors >= errorLimit; }

  llvm::SourceMgr &getSourceMgr() { return sourceMgr; }

private:
  void report(Severity severity, llvm::SMLoc loc, const llvm::Twine &message);

  llvm::SourceMgr &sourceMgr;
  std::vector<RecordedDiagnostic> records;
  std::set<std::pair<const char *, std::string>> reported;
  unsigned errors = 0;
  unsigned errorLimit = 20;
  bool verifyMode = false;
  bool suppressNotes = false;
};

/// Checks the recorded diagnostics against `// expected-error@+1:7 {{text}}`
/// style comments in every buffer of the source manager. The `@+N`, `@-N` or
/// `@N` line and the `:column` are optional (default: the comment's line, any
/// column); `@*` matches anywhere, for notes inside imported files. Prints
/// mismatches and returns false if any.
bool verifyExpectedDiagnostics(DiagnosticEngine &engine);

} // namespace dlm

#endif // DLM_LANGUAGE_DIAGNOSTICS_H
