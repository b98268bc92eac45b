//===- Threads.h - The thread count of the generated code ------------------===//

#ifndef DLM_RUNTIME_THREADS_H
#define DLM_RUNTIME_THREADS_H

namespace dlm::runtime {

/// Makes OpenMP run `count` threads, in the generated code and in the runtime's batch gather.
/// Must run before the first generated call.
void setThreadCount(int count);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_THREADS_H
