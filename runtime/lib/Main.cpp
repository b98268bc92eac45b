//===- Main.cpp - main() of every executable dlmc produces -----------------===//

#include "dlm/Runtime/Runtime.h"

/// The model description emitted by the compiler into the same executable.
extern "C" const char dlm_manifest[];

int main(int argc, char **argv) { return dlm::runtime::runMain(argc, argv, dlm_manifest); }
