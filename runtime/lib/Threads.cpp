//===- Threads.cpp - The thread count of the generated code ---------------===//

#include "dlm/Runtime/Threads.h"

#include <cstdlib>
#include <omp.h>
#include <string>

void dlm::runtime::setThreadCount(int count) {
  // The variable covers an OpenMP loaded later; the call covers one already initialized.
  setenv("OMP_NUM_THREADS", std::to_string(count).c_str(), 1);
  omp_set_num_threads(count);
}
