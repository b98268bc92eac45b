//===- Diagnostics.cpp - Source-located error reporting for .dlm ----------===//

#include "dlm/Language/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <regex>

using namespace dlm;

static llvm::SourceMgr::DiagKind toDiagKind(Severity severity) {
  switch (severity) {
  case Severity::Error:
    return llvm::SourceMgr::DK_Error;
  case Severity::Warning:
    return llvm::SourceMgr::DK_Warning;
  case Severity::Note:
    return llvm::SourceMgr::DK_Note;
  }
  return llvm::SourceMgr::DK_Error;
}

void DiagnosticEngine::report(Severity severity, llvm::SMLoc loc, const llvm::Twine &message) {
  if (verifyMode) {
    records.push_back({severity, loc, message.str()});
    return;
  }
  sourceMgr.PrintMessage(llvm::errs(), loc, toDiagKind(severity), message);
}

void DiagnosticEngine::error(llvm::SMLoc loc, const llvm::Twine &message) {
  // The same mistake reached twice (a value re-evaluated in each step and
  // metric, a block instantiated twice) is reported once.
  if (!reported.insert({loc.getPointer(), message.str()}).second) {
    suppressNotes = true;
    return;
  }
  ++errors;
  suppressNotes = errorLimit != 0 && errors > errorLimit;
  if (suppressNotes) {
    if (errors == errorLimit + 1 && !verifyMode)
      llvm::errs() << "error: too many errors emitted, stopping now\n";
    return;
  }
  report(Severity::Error, loc, message);
}

void DiagnosticEngine::warning(llvm::SMLoc loc, const llvm::Twine &message) {
  report(Severity::Warning, loc, message);
}

void DiagnosticEngine::note(llvm::SMLoc loc, const llvm::Twine &message) {
  if (!suppressNotes)
    report(Severity::Note, loc, message);
}

//===----------------------------------------------------------------------===//
// -verify-diagnostics
//===----------------------------------------------------------------------===//

namespace {
/// One `expected-<severity>` comment.
struct Expectation {
  Severity severity;
  unsigned line;
  unsigned column; ///< 0 = any column
  bool anywhere = false; ///< `@*`: any line of any file (for notes inside imported code)
  std::string message;
  llvm::SMLoc commentLoc;
  bool matched = false;
};
} // namespace

static const char *severityName(Severity severity) {
  switch (severity) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "error";
}

/// Collects the expectations written in one buffer.
static std::vector<Expectation> collectExpectations(llvm::SourceMgr &sourceMgr, unsigned bufferId) {
  std::vector<Expectation> expectations;
  llvm::StringRef buffer = sourceMgr.getMemoryBuffer(bufferId)->getBuffer();
  static const std::regex pattern(
      R"(expected-(error|warning|note)(@(\*|([+-]?)([0-9]+)(:([0-9]+))?))? *\{\{(.*?)\}\})");
  llvm::SmallVector<llvm::StringRef> lines;
  buffer.split(lines, '\n');
  for (unsigned index = 0; index < lines.size(); ++index) {
    std::string line = lines[index].str();
    for (auto it = std::sregex_iterator(line.begin(), line.end(), pattern); it != std::sregex_iterator();
         ++it) {
      const std::smatch &match = *it;
      Expectation expectation;
      std::string kind = match[1];
      expectation.severity = kind == "error" ? Severity::Error
                             : kind == "warning" ? Severity::Warning
                                                 : Severity::Note;
      unsigned thisLine = index + 1;
      expectation.line = thisLine;
      if (match[3] == "*") {
        expectation.anywhere = true;
      } else if (match[2].matched) {
        unsigned amount = std::stoul(match[5]);
        std::string sign = match[4];
        expectation.line = sign == "+" ? thisLine + amount : sign == "-" ? thisLine - amount : amount;
      }
      expectation.column = match[7].matched ? std::stoul(match[7]) : 0;
      expectation.message = match[8];
      expectation.commentLoc =
          llvm::SMLoc::getFromPointer(lines[index].data() + match.position(0));
      expectations.push_back(std::move(expectation));
    }
  }
  return expectations;
}

bool dlm::verifyExpectedDiagnostics(DiagnosticEngine &engine) {
  llvm::SourceMgr &sourceMgr = engine.getSourceMgr();
  std::vector<Expectation> expectations;
  for (unsigned id = 1; id <= sourceMgr.getNumBuffers(); ++id) {
    auto found = collectExpectations(sourceMgr, id);
    expectations.insert(expectations.end(), found.begin(), found.end());
  }
  bool success = true;
  for (const RecordedDiagnostic &diagnostic : engine.recorded()) {
    unsigned bufferId = sourceMgr.FindBufferContainingLoc(diagnostic.loc);
    auto [line, column] = bufferId ? sourceMgr.getLineAndColumn(diagnostic.loc, bufferId)
                                   : std::pair<unsigned, unsigned>{0, 0};
    bool matched = false;
    for (Expectation &expectation : expectations) {
      if (expectation.matched || expectation.severity != diagnostic.severity)
        continue;
      if (!expectation.anywhere && (expectation.line != line ||
                                    sourceMgr.FindBufferContainingLoc(expectation.commentLoc) != bufferId))
        continue;
      if (expectation.column != 0 && expectation.column != column)
        continue;
      if (llvm::StringRef(diagnostic.message).find(expectation.message) == llvm::StringRef::npos)
        continue;
      expectation.matched = true;
      matched = true;
      break;
    }
    if (!matched) {
      success = false;
      std::string text = std::string("unexpected ") + severityName(diagnostic.severity) + ": " +
                         diagnostic.message;
      if (bufferId)
        sourceMgr.PrintMessage(llvm::errs(), diagnostic.loc, llvm::SourceMgr::DK_Error, text);
      else
        llvm::errs() << "error: " << text << "\n";
    }
  }
  for (const Expectation &expectation : expectations) {
    if (expectation.matched)
      continue;
    success = false;
    std::string where = "line " + std::to_string(expectation.line);
    if (expectation.column)
      where += ", column " + std::to_string(expectation.column);
    sourceMgr.PrintMessage(llvm::errs(), expectation.commentLoc, llvm::SourceMgr::DK_Error,
                           std::string("expected ") + severityName(expectation.severity) + " at " +
                               where + " was not produced: " + expectation.message);
  }
  return success;
}
