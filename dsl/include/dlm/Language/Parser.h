//===- Parser.h - Parsing .dlm source into an AST -------------------------===//
//
// The grammar is written with Boost.Spirit X3 in one translation unit
// (lib/Parser.cpp) so only that file pays X3's compile time. Syntax errors are
// reported through the DiagnosticEngine as "expected X, got Y".
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_PARSER_H
#define DLM_LANGUAGE_PARSER_H

#include "dlm/Language/AST.h"
#include "dlm/Language/Diagnostics.h"

#include <memory>

namespace dlm {

/// Parses the buffer `bufferId` of the engine's source manager. Returns null
/// after reporting a syntax error.
std::unique_ptr<ast::Module> parseModule(unsigned bufferId, DiagnosticEngine &diagnostics);

} // namespace dlm

#endif // DLM_LANGUAGE_PARSER_H
