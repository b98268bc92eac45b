//===- Evaluate.h - Metrics over a split -----------------------------------===//

#ifndef DLM_RUNTIME_EVALUATE_H
#define DLM_RUNTIME_EVALUATE_H

#include <cstdint>
#include <string>
#include <vector>

namespace dlm::runtime {

class Model;
class Split;

/// The program's metrics, each the mean over full batches.
struct Evaluation {
  std::vector<double> metrics;
  /// Samples the metrics cover: the split's full batches.
  int64_t samples = 0;
};

/// Runs `eval` on every full batch of `split` in order. Metrics are batch means, so only full
/// batches are evaluated and their plain mean is exact.
Evaluation evaluate(Model &model, const Split &split, uint64_t seed);

/// `accuracy 0.8876  loss 0.31`: each metric with its value.
std::string formatMetrics(const std::vector<std::string> &names, const std::vector<double> &values);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_EVALUATE_H
