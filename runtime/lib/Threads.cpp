//===- Threads.cpp - The thread count of the generated code ---------------===//

#include "dlm/Runtime/Threads.h"

#include <cstdlib>
#include <string>

// Weak: resolves to null when the executable does not link libomp, so the runtime never needs it.
extern "C" void omp_set_num_threads(int count) __attribute__((weak));

void dlm::runtime::setThreadCount(int count) {
  // The variable covers an OpenMP loaded later; the call covers one already initialized.
  setenv("OMP_NUM_THREADS", std::to_string(count).c_str(), 1);
  if (omp_set_num_threads)
    omp_set_num_threads(count);
}
