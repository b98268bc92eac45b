//===- Sema.h - Name resolution, instantiation and shape checking ---------===//
//
// Semantic analysis of a .dlm file and everything it imports: names are
// resolved, blocks instantiated with their compile-time arguments, types and
// shapes inferred, index notation and training programs checked. Errors go to
// the DiagnosticEngine with the offending token's location; analysis goes on
// after an error where the rest of the program can still be checked.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_SEMA_H
#define DLM_LANGUAGE_SEMA_H

#include "dlm/Language/AST.h"
#include "dlm/Language/Diagnostics.h"
#include "dlm/Language/Program.h"

#include <memory>
#include <string>
#include <vector>

namespace dlm {

/// Where imports are searched, after the importing file's own directory.
struct SemaOptions {
  std::vector<std::string> includeDirs;
  /// The directory holding `std/` (the standard library).
  std::string standardLibraryDir;
  /// When positive, replaces every program's batch size (gradient checks run
  /// the same program on a small batch).
  int64_t batchOverride = 0;
};

/// The result of analysis: the parsed modules (the main file first) and the
/// elaborated programs. `elaborated` is null when errors were reported.
struct AnalysisResult {
  std::vector<std::unique_ptr<ast::Module>> modules;
  std::unique_ptr<sema::ElaboratedModule> elaborated;
};

/// Parses and analyzes the buffer `mainBufferId` and its imports.
AnalysisResult analyze(unsigned mainBufferId, DiagnosticEngine &diagnostics, const SemaOptions &options);

/// Prints the elaborated programs (--emit=typed): parameters with their
/// types, and every node of every step, metric and prediction.
void printElaborated(const sema::ElaboratedModule &module, const llvm::SourceMgr &sourceMgr,
                     llvm::raw_ostream &os);

/// Prints one line per program: data set, batch, parameter counts, steps,
/// metrics and predictions (--emit=summary).
void printSummary(const sema::ElaboratedModule &module, llvm::raw_ostream &os);

} // namespace dlm

#endif // DLM_LANGUAGE_SEMA_H
