//===- TrainingLog.h - Per-epoch figures, as CSV, JSON and an SVG plot ------===//

#ifndef DLM_RUNTIME_TRAININGLOG_H
#define DLM_RUNTIME_TRAININGLOG_H

#include <cstdint>
#include <string>
#include <vector>

namespace dlm::runtime {

struct ProgramSpec;

/// The figures of one epoch.
struct EpochRecord {
  /// Counted from 1.
  int64_t epoch = 0;
  /// Mean training loss of each step.
  std::vector<double> losses;
  std::vector<double> metrics;
  /// Each optimizer's rate at the epoch's first update.
  std::vector<double> learningRates;
  double seconds = 0;
  double imagesPerSecond = 0;
};

/// The epochs of a run, with the names of its columns.
class TrainingLog {
public:
  /// Columns from the program: one loss per step, its metrics, one rate per optimizer.
  explicit TrainingLog(const ProgramSpec &program);

  void add(const EpochRecord &record) { epochs.push_back(record); }
  const std::vector<EpochRecord> &records() const { return epochs; }
  const std::vector<std::string> &lossNames() const { return lossColumns; }
  const std::vector<std::string> &metricNames() const { return metricColumns; }
  const std::vector<std::string> &rateNames() const { return rateColumns; }

  /// One header line and one line per epoch.
  std::string csv() const;
  /// `{"program": ..., "columns": [...], "epochs": [{...}, ...]}`.
  std::string json() const;
  /// Takes the first `epochCount` epochs of a log written by an earlier run of the same program
  /// (`--resume`); a missing or unreadable file, or one with other columns, is ignored.
  void readEarlierEpochs(const std::string &jsonPath, int64_t epochCount);

  /// Writes PREFIX.log.csv, PREFIX.log.json and PREFIX.svg.
  void write(const std::string &prefix) const;

private:
  std::string programName;
  std::vector<std::string> lossColumns, metricColumns, rateColumns;
  std::vector<EpochRecord> epochs;
};

} // namespace dlm::runtime

#endif // DLM_RUNTIME_TRAININGLOG_H
