//===- Evaluate.cpp - Metrics over a split, and the eval command -----------===//

#include "dlm/Runtime/Evaluate.h"

#include "dlm/Runtime/Checkpoint.h"
#include "dlm/Runtime/Commands.h"
#include "dlm/Runtime/Dataset.h"
#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/Options.h"
#include "dlm/Runtime/Random.h"
#include "dlm/Runtime/Text.h"

#include <algorithm>
#include <numeric>

using namespace dlm::runtime;

/// The eval entry's output for each of the program's metrics, in the program's order.
static std::vector<const EntryBuffer *> metricOutputs(const ProgramSpec &program, const BoundEntry &eval) {
  std::vector<const EntryBuffer *> outputs;
  for (const std::string &metric : program.metrics) {
    const EntryBuffer *found = nullptr;
    for (const EntryBuffer &output : eval.outputs())
      if (output.spec->role == Role::Metric && output.spec->name == metric)
        found = &output;
    if (!found)
      fail("manifest: the eval entry does not compute metric '{}'", metric);
    outputs.push_back(found);
  }
  return outputs;
}

Evaluation dlm::runtime::evaluate(Model &model, const Split &split, uint64_t seed) {
  const ProgramSpec &program = model.program();
  if (program.metrics.empty())
    fail("program '{}' has no metrics to evaluate: add one to its train block, e.g. "
         "`metric accuracy = mean(f32(argmax(net(x)) == y))`",
         program.name);
  BoundEntry *eval = model.findEntry("eval");
  if (!eval)
    fail("manifest: program '{}' has no eval entry", program.name);
  std::vector<const EntryBuffer *> outputs = metricOutputs(program, *eval);

  Evaluation evaluation;
  evaluation.metrics.assign(outputs.size(), 0.0);
  int64_t batches = split.count / program.batch;
  std::vector<int64_t> indices(static_cast<size_t>(program.batch));
  for (int64_t b = 0; b < batches; ++b) {
    std::iota(indices.begin(), indices.end(), b * program.batch);
    split.gatherBatch(model, indices.data(), std::nullopt);
    eval->setKey(callKey(seed, call_space::Evaluation | static_cast<uint64_t>(b)));
    eval->call();
    for (size_t m = 0; m < outputs.size(); ++m)
      evaluation.metrics[m] += readElement(outputs[m]->data, outputs[m]->spec->type.dataType);
  }
  for (double &metric : evaluation.metrics)
    metric /= static_cast<double>(std::max<int64_t>(batches, 1));
  evaluation.samples = batches * program.batch;
  return evaluation;
}

std::string dlm::runtime::formatMetrics(const std::vector<std::string> &names, const std::vector<double> &values) {
  std::string text;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i)
    text += fmt::format("{}{} {:.4f}", text.empty() ? "" : "  ", names[i], values[i]);
  return text;
}

int dlm::runtime::runEval(const Options &options, const ProgramSpec &program) {
  Model model(program);
  model.allocate();
  std::optional<TrainingState> state = loadCheckpoint(options.checkpoint, model, CheckpointScope::Inference);
  uint64_t seed = options.seed.value_or(state ? state->seed : program.seed);
  Split test = loadSplit(model, "test", options.dataDirectory, options.limitTest, seed);
  if (test.count < program.batch)
    fail("{} cannot fill one batch of {}", countOf(test.count, "test sample"), program.batch);
  Evaluation evaluation = evaluate(model, test, seed);
  std::string trainedFor = state ? ", trained for " + countOf(state->epochsDone, "epoch") : "";
  fmt::print("{} on {} of {} test images ({}{})\n", formatMetrics(program.metrics, evaluation.metrics),
             evaluation.samples, test.fileCount, options.checkpoint, trainedFor);
  return ExitSuccess;
}
