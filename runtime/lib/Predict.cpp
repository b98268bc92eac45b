//===- Predict.cpp - The predict command -----------------------------------===//
//
// A program's `predict` statements compile to its optional predict entry: it
// takes what `eval` takes and returns per-sample `prediction` results, [batch]
// values, or [batch, classes] scores of which the argmax is printed.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Checkpoint.h"
#include "dlm/Runtime/Commands.h"
#include "dlm/Runtime/Dataset.h"
#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/Options.h"
#include "dlm/Runtime/Random.h"

#include <algorithm>

using namespace dlm::runtime;

/// The prediction for sample `row` of a batch: the value itself, or the argmax of its row.
static std::string predictionText(const EntryBuffer &output, int64_t row) {
  const TensorType &type = output.spec->type;
  int64_t width = type.shape.size() > 1 ? type.elementCount() / type.shape[0] : 1;
  if (width == 1) {
    double value = readElement(output.data, type.dataType, row);
    return isFloatingPoint(type.dataType) ? fmt::format("{:.6g}", value) : fmt::format("{}", value);
  }
  int64_t best = 0;
  for (int64_t k = 1; k < width; ++k)
    if (readElement(output.data, type.dataType, row * width + k) >
        readElement(output.data, type.dataType, row * width + best))
      best = k;
  return std::to_string(best);
}

int dlm::runtime::runPredict(const Options &options, const ProgramSpec &program) {
  if (!program.findEntry("predict"))
    fail("this model has no predict entry (program '{}' was compiled without one)", program.name);
  Model model(program);
  BoundEntry *predict = model.findEntry("predict");
  if (!predict->findOutput(Role::Prediction))
    fail("manifest: the predict entry has no prediction result");
  for (const EntryBuffer &output : predict->outputs())
    if (output.spec->type.shape.empty() || output.spec->type.shape[0] != program.batch)
      fail("manifest: prediction '{}' is {}, expected [{}, ...]", output.spec->name, output.spec->type.str(),
           program.batch);
  model.allocate();
  std::optional<TrainingState> state = loadCheckpoint(options.checkpoint, model, CheckpointScope::Inference);
  uint64_t seed = options.seed.value_or(state ? state->seed : program.seed);
  int64_t limit = std::min(options.count, options.limitTest.value_or(options.count));
  Split samples = options.input.empty() ? loadSplit(model, "test", options.dataDirectory, limit, seed)
                                        : loadInputFile(model, options.input, limit, seed);

  std::string header = "sample";
  for (const EntryBuffer &output : predict->outputs())
    header += "\t" + (output.spec->name.empty() ? std::string("prediction") : output.spec->name);
  fmt::print("{}\n", header);
  std::vector<int64_t> indices(static_cast<size_t>(program.batch));
  for (int64_t first = 0; first < samples.count; first += program.batch) {
    // A short last batch is padded with copies of the last sample; their predictions are dropped.
    for (int64_t b = 0; b < program.batch; ++b)
      indices[static_cast<size_t>(b)] = std::min(first + b, samples.count - 1);
    samples.gatherBatch(model, indices.data(), std::nullopt);
    predict->setKey(callKey(seed, call_space::Prediction | static_cast<uint64_t>(first / program.batch)));
    predict->call();
    for (int64_t b = 0; b < program.batch && first + b < samples.count; ++b) {
      std::string line = std::to_string(first + b);
      for (const EntryBuffer &output : predict->outputs())
        line += "\t" + predictionText(output, b);
      fmt::print("{}\n", line);
    }
  }
  return ExitSuccess;
}
