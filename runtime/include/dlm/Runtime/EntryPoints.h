//===- EntryPoints.h - Finding the generated functions by name -------------===//
//
// Entry symbols are known only from the manifest at run time. They are
// resolved through the dynamic symbol table (the executable is linked with
// -rdynamic); this is the one place to change if a generated table replaces it.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_ENTRYPOINTS_H
#define DLM_RUNTIME_ENTRYPOINTS_H

#include <string>

namespace dlm::runtime {

/// The ABI of every generated function: one pointer per argument, then one per result.
using EntryFunction = void (*)(void **buffers);

/// The function exported as `symbol`; throws a RuntimeError if the executable lacks it.
EntryFunction findEntryPoint(const std::string &symbol);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_ENTRYPOINTS_H
