//===- TrainingLog.cpp - Per-epoch figures, as CSV, JSON and an SVG plot ---===//

#include "dlm/Runtime/TrainingLog.h"

#include "dlm/Runtime/AtomicFile.h"
#include "dlm/Runtime/Manifest.h"
#include "dlm/Runtime/Plot.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <optional>

using namespace dlm::runtime;
using nlohmann::ordered_json;

TrainingLog::TrainingLog(const ProgramSpec &program) : programName(program.name), metricColumns(program.metrics) {
  std::vector<const EntrySpec *> steps = program.steps();
  for (const EntrySpec *step : steps)
    lossColumns.push_back(steps.size() == 1 ? "train_loss"
                                            : "train_loss_" + (step->step.empty() ? step->entry : step->step));
  for (size_t i = 0; i < program.optimizers.size(); ++i)
    rateColumns.push_back(program.optimizers.size() == 1 ? "learning_rate" : "learning_rate_" + std::to_string(i));
}

/// Every column of a record, in order, with its value.
static std::vector<std::pair<std::string, double>> columnsOf(const TrainingLog &log, const EpochRecord &record) {
  std::vector<std::pair<std::string, double>> columns = {{"epoch", static_cast<double>(record.epoch)}};
  for (size_t i = 0; i < log.lossNames().size(); ++i)
    columns.emplace_back(log.lossNames()[i], record.losses[i]);
  for (size_t i = 0; i < log.metricNames().size(); ++i)
    columns.emplace_back(log.metricNames()[i], record.metrics[i]);
  for (size_t i = 0; i < log.rateNames().size(); ++i)
    columns.emplace_back(log.rateNames()[i], record.learningRates[i]);
  columns.emplace_back("seconds", record.seconds);
  columns.emplace_back("images_per_second", record.imagesPerSecond);
  return columns;
}

std::string TrainingLog::csv() const {
  EpochRecord empty{0,
                    std::vector<double>(lossColumns.size()),
                    std::vector<double>(metricColumns.size()),
                    std::vector<double>(rateColumns.size()),
                    0,
                    0};
  std::string text;
  for (const auto &[name, value] : columnsOf(*this, empty))
    text += (text.empty() ? "" : ",") + name;
  text += "\n";
  for (const EpochRecord &record : epochs) {
    std::string line;
    for (const auto &[name, value] : columnsOf(*this, record))
      line += fmt::format("{}{:.9g}", line.empty() ? "" : ",", value);
    text += line + "\n";
  }
  return text;
}

std::string TrainingLog::json() const {
  ordered_json document = {{"program", programName}, {"epochs", ordered_json::array()}};
  for (const EpochRecord &record : epochs) {
    ordered_json row = ordered_json::object();
    for (const auto &[name, value] : columnsOf(*this, record))
      row[name] = name == "epoch" ? ordered_json(record.epoch) : ordered_json(value);
    document["epochs"].push_back(row);
  }
  return document.dump(2) + "\n";
}

void TrainingLog::readEarlierEpochs(const std::string &jsonPath, int64_t epochCount) {
  std::ifstream file(jsonPath);
  if (!file)
    return;
  ordered_json document = ordered_json::parse(file, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || document.value("program", "") != programName || !document["epochs"].is_array())
    return;
  std::vector<EpochRecord> earlier;
  for (const ordered_json &row : document["epochs"]) {
    auto number = [&](const std::string &name) -> std::optional<double> {
      if (!row.is_object() || !row.contains(name))
        return std::nullopt;
      // JSON has no NaN: a metric of a run without evaluation is written as null.
      if (row[name].is_null())
        return NAN;
      if (!row[name].is_number())
        return std::nullopt;
      return row[name].get<double>();
    };
    auto all = [&](const std::vector<std::string> &names, std::vector<double> &values) {
      for (const std::string &name : names) {
        std::optional<double> value = number(name);
        if (!value)
          return false;
        values.push_back(*value);
      }
      return true;
    };
    EpochRecord record;
    std::optional<double> epoch = number("epoch"), seconds = number("seconds"), speed = number("images_per_second");
    if (!epoch || !seconds || !speed || !all(lossColumns, record.losses) || !all(metricColumns, record.metrics) ||
        !all(rateColumns, record.learningRates))
      return;
    record.epoch = static_cast<int64_t>(*epoch);
    record.seconds = *seconds;
    record.imagesPerSecond = *speed;
    if (record.epoch <= epochCount)
      earlier.push_back(record);
  }
  epochs = earlier;
}

void TrainingLog::write(const std::string &prefix) const {
  writeFileAtomically(prefix + ".log.csv", {csv()});
  writeFileAtomically(prefix + ".log.json", {json()});
  std::vector<double> epochNumbers;
  std::vector<PlotSeries> series;
  for (const std::string &name : lossColumns)
    series.push_back({name, {}});
  for (const std::string &name : metricColumns)
    series.push_back({name, {}});
  for (const EpochRecord &record : epochs) {
    epochNumbers.push_back(static_cast<double>(record.epoch));
    for (size_t i = 0; i < record.losses.size(); ++i)
      series[i].values.push_back(record.losses[i]);
    for (size_t i = 0; i < record.metrics.size(); ++i)
      series[lossColumns.size() + i].values.push_back(record.metrics[i]);
  }
  writeFileAtomically(prefix + ".svg", {renderPlot(programName, epochNumbers, series)});
}
