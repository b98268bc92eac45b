//===- ASTPrinter.h - Printing the AST with source locations --------------===//
//
// The --emit=ast format: one node per line, indented by depth, each with its
// `@line:col`. It is stable so FileCheck tests can pin the parse of every
// construct.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_LANGUAGE_ASTPRINTER_H
#define DLM_LANGUAGE_ASTPRINTER_H

#include "dlm/Language/AST.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace dlm {

/// Prints `module` to `os`, resolving locations through `sourceMgr`.
void printModule(const ast::Module &module, const llvm::SourceMgr &sourceMgr, llvm::raw_ostream &os);

} // namespace dlm

#endif // DLM_LANGUAGE_ASTPRINTER_H
