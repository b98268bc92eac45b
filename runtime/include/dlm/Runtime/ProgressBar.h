//===- ProgressBar.h - A one-line progress display on a terminal -----------===//

#ifndef DLM_RUNTIME_PROGRESSBAR_H
#define DLM_RUNTIME_PROGRESSBAR_H

#include <chrono>
#include <cstdint>
#include <string>

namespace dlm::runtime {

/// Redraws one stderr line at most ten times a second; does nothing unless stderr is a terminal
/// and it is enabled, so logs and pipes stay clean.
class ProgressBar {
public:
  explicit ProgressBar(bool enabled);
  ~ProgressBar() { clear(); }
  ProgressBar(const ProgressBar &) = delete;
  ProgressBar &operator=(const ProgressBar &) = delete;

  /// Whether a redraw is wanted now: callers skip formatting the status otherwise.
  bool due() const;
  /// Shows `done` of `total` batches with `label` in front and `status` after the bar.
  void update(const std::string &label, int64_t done, int64_t total, const std::string &status);
  /// Erases the line.
  void clear();

private:
  bool active;
  bool drawn = false;
  std::chrono::steady_clock::time_point lastDraw;
};

} // namespace dlm::runtime

#endif // DLM_RUNTIME_PROGRESSBAR_H
