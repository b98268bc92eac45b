//===- EntryPoints.cpp - Finding the generated functions by name ----------===//

#include "dlm/Runtime/EntryPoints.h"

#include "dlm/Runtime/Error.h"

#include <dlfcn.h>

using namespace dlm::runtime;

EntryFunction dlm::runtime::findEntryPoint(const std::string &symbol) {
  void *address = dlsym(RTLD_DEFAULT, symbol.c_str());
  if (!address)
    fail("manifest: the executable does not export '{}' (was it linked with -rdynamic?)", symbol);
  return reinterpret_cast<EntryFunction>(address);
}
