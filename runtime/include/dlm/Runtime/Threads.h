//===- Threads.h - The thread count of the generated code ------------------===//

#ifndef DLM_RUNTIME_THREADS_H
#define DLM_RUNTIME_THREADS_H

namespace dlm::runtime {

/// Makes OpenMP, if the executable uses it, run `count` threads. Must run before the first
/// generated call; the runtime itself does not need libomp.
void setThreadCount(int count);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_THREADS_H
