//===- Train.cpp - The train command: the training loop --------------------===//
//
// Per batch, its samples go through `sample` and every step entry is called in
// order. A step's random key depends only on the seed and the global call
// index, a sample's on the seed, the sample and the epoch, the learning rate
// only on the updates applied so far, and the epoch's order only on the seed
// and the epoch: a run resumed from a checkpoint repeats an uninterrupted one
// bit for bit (at a fixed thread count). Nothing in the loop allocates.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Checkpoint.h"
#include "dlm/Runtime/Commands.h"
#include "dlm/Runtime/Dataset.h"
#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Evaluate.h"
#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/Numerics.h"
#include "dlm/Runtime/Options.h"
#include "dlm/Runtime/ProgressBar.h"
#include "dlm/Runtime/Random.h"
#include "dlm/Runtime/Text.h"
#include "dlm/Runtime/TrainingLog.h"

#include <chrono>
#include <climits>
#include <cmath>
#include <sys/stat.h>

using namespace dlm::runtime;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// ` (lenet.dlm:26:10)` when the compiler recorded where a buffer comes from.
std::string locationSuffix(const std::string &location) { return location.empty() ? "" : " (" + location + ")"; }

class Trainer {
public:
  Trainer(const Options &options, const ProgramSpec &program);
  int run();

private:
  void restoreOrInitialize();
  void loadData();
  void printPlan(double loadSeconds) const;
  EpochRecord trainEpoch(int64_t epoch);
  void updateRates();
  void checkNumerics(size_t stepIndex, double loss, int64_t epoch);
  [[noreturn]] void reportNonFinite(size_t stepIndex, const std::string &where, const std::string &problem);
  void printEpoch(const EpochRecord &record) const;
  void printSummary(const Evaluation &evaluation) const;

  const Options &options;
  const ProgramSpec &program;
  Model model;
  std::optional<Split> trainSplit, testSplit;
  TrainingState state;
  bool resumed = false;
  ScheduleClock clock;
  std::vector<Schedule> schedules;
  std::vector<double> rates;
  /// The loss output of each step.
  std::vector<const EntryBuffer *> losses;
  std::vector<int64_t> order;
  TrainingLog log;
  ProgressBar progress;
};

Trainer::Trainer(const Options &options, const ProgramSpec &program)
    : options(options), program(program), model(program), log(program), progress(!options.quiet) {
  if (program.kind != "train" || model.steps().empty())
    fail("program '{}' is a {} program with no step to train", program.name, program.kind);
  for (BoundEntry *step : model.steps()) {
    losses.push_back(step->findOutput(Role::Loss));
    if (!losses.back())
      fail("manifest: entry '{}' has no loss result", step->spec().entry);
  }
}

void Trainer::restoreOrInitialize() {
  if (!options.resume) {
    state.seed = options.seed.value_or(program.seed);
    state.epochs = options.epochs.value_or(program.epochs);
    state.baseRate = options.learningRate;
    state.program = program.name;
    model.initialize(state.seed);
    loadPretrainedTensors(model);
    return;
  }
  struct stat status;
  if (stat(options.checkpoint.c_str(), &status) != 0)
    fail("{}: no checkpoint to resume from", options.checkpoint);
  std::optional<TrainingState> saved = loadCheckpoint(options.checkpoint, model, CheckpointScope::Everything);
  if (!saved)
    fail("{}: holds no training state to resume (its metadata has no global_step)", options.checkpoint);
  if (saved->program != program.name)
    fail("{}: was written by program '{}', not '{}'", options.checkpoint, saved->program, program.name);
  resumed = true;
  state = *saved;
  if (options.seed && *options.seed != saved->seed)
    fmt::print(stderr,
               "warning: --seed {} replaces the checkpoint's seed {}: the run will differ from an "
               "uninterrupted one\n",
               *options.seed, saved->seed);
  state.seed = options.seed.value_or(saved->seed);
  state.epochs = options.epochs.value_or(saved->epochs);
  if (options.learningRate)
    state.baseRate = options.learningRate;
}

void Trainer::loadData() {
  if (static_cast<uint64_t>(state.epochs) > call_space::MaxEpochs)
    fail("{} epochs: the random keys of `sample` tell at most {} apart", state.epochs, call_space::MaxEpochs);
  trainSplit = loadSplit(model, "train", options.dataDirectory, options.limitTrain, state.seed);
  // A program without metrics has no eval entry: it trains on its loss alone.
  if (program.dataset.splits.count("test") && !program.metrics.empty() && options.limitTest.value_or(1) != 0) {
    testSplit = loadSplit(model, "test", options.dataDirectory, options.limitTest, state.seed);
    if (testSplit->count < program.batch)
      fail("{} cannot fill one batch of {} (--limit-test 0 skips evaluation)", countOf(testSplit->count, "test sample"),
           program.batch);
  }
  int64_t stepsPerEpoch = trainSplit->count / program.batch;
  if (stepsPerEpoch == 0)
    fail("{} cannot fill one batch of {}", countOf(trainSplit->count, "training sample"), program.batch);
  if (resumed && trainSplit->count != state.trainSamples)
    fmt::print(stderr,
               "warning: {} was trained on {} per epoch, this run on {}: the data order and schedules differ "
               "from the original run\n",
               options.checkpoint, countOf(state.trainSamples, "sample"), trainSplit->count);
  state.trainSamples = trainSplit->count;
  state.stepsPerEpoch = stepsPerEpoch;
  order.resize(static_cast<size_t>(trainSplit->count));
}

void Trainer::printPlan(double loadSeconds) const {
  if (resumed)
    fmt::print("resuming {} after epoch {} (step {})\n", options.checkpoint, state.epochsDone, state.batchesDone);
  int64_t dropped = trainSplit->count % program.batch;
  std::string droppedNote =
      dropped ? fmt::format(" (the last {} of each epoch's order are left out: batches are full)", dropped) : "";
  std::string testNote = testSplit ? fmt::format("; metrics on {} of {} test images",
                                                 testSplit->count / program.batch * program.batch, testSplit->fileCount)
                                   : program.metrics.empty() ? "; no metrics to evaluate" : "; no evaluation";
  fmt::print("training '{}' for {}, seed {}: {} of {} from {} of {} images{}{} (data loaded in {:.1f} s)\n",
             program.name, countOf(state.epochs, "epoch"), state.seed, countOf(state.stepsPerEpoch, "batch", "batches"),
             program.batch, trainSplit->count, trainSplit->fileCount, droppedNote, testNote, loadSeconds);
  std::fflush(stdout);
}

void Trainer::updateRates() {
  for (size_t i = 0; i < schedules.size(); ++i)
    rates[i] = learningRate(schedules[i], state.batchesDone, clock);
}

void Trainer::checkNumerics(size_t stepIndex, double loss, int64_t epoch) {
  const BoundEntry &step = *model.steps()[stepIndex];
  std::string where = fmt::format("step {} (epoch {})", state.batchesDone + 1, epoch + 1);
  if (model.steps().size() > 1)
    where += " in " + (step.spec().step.empty() ? step.spec().entry : step.spec().step);
  const EntryBuffer *lossOutput = step.findOutput(Role::Loss);
  if (!std::isfinite(loss))
    reportNonFinite(stepIndex, where,
                    fmt::format("loss is {}{}", nonFiniteName(loss), locationSuffix(lossOutput->spec->location)));
  for (const TensorBuffer *tensor : step.writtenTensors()) {
    std::optional<int64_t> index = firstNonFinite(tensor->current, tensor->spec->type);
    if (!index)
      continue;
    std::string location;
    for (const BufferSpec &result : step.spec().results)
      if (result.name == tensor->spec->name)
        location = result.location;
    reportNonFinite(stepIndex, where,
                    fmt::format("'{}' has {} at element {} after the update{}", tensor->spec->name,
                                nonFiniteName(readElement(tensor->current, tensor->spec->type.dataType, *index)),
                                *index, locationSuffix(location)));
  }
}

void Trainer::reportNonFinite(size_t stepIndex, const std::string &where, const std::string &problem) {
  BoundEntry &step = *model.steps()[stepIndex];
  BoundEntry *instrumented = model.findEntry(step.spec().entry + ".numerics");
  const EntryBuffer *indexOutput = instrumented ? instrumented->findOutput(Role::NumericsIndex) : nullptr;
  if (!indexOutput)
    fail("{}: {} (rebuild with `dlmc --check-numerics` to find the op that produced it)", where, problem);
  // The instrumented copy repeats the failing call: the step's old tensors (still in the double
  // buffers), the same batch (still in the batch buffers, which no entry writes: `sample` need not
  // run again), and the same key, step count and learning rates.
  step.undoUpdates();
  instrumented->setKey(callKey(state.seed, static_cast<uint64_t>(state.batchesDone) * model.steps().size() + stepIndex));
  instrumented->setStepCount(state.batchesDone + 1);
  instrumented->setLearningRates(rates);
  instrumented->call();
  auto index = static_cast<int64_t>(readElement(indexOutput->data, indexOutput->spec->type.dataType));
  const EntrySpec &spec = instrumented->spec();
  if (index < 0 || static_cast<size_t>(index) >= spec.numericsLocations.size())
    fail("{}: {} (the instrumented step finds no op producing it from the same inputs)", where, problem);
  const std::string &location = spec.numericsLocations[static_cast<size_t>(index)];
  const std::string &op = spec.numericsOps[static_cast<size_t>(index)];
  fail("{}: first non-finite value produced at {}{}; then {}", where, location.empty() ? "an unknown location" : location,
       op.empty() ? "" : " (" + op + ")", problem);
}

EpochRecord Trainer::trainEpoch(int64_t epoch) {
  const std::vector<BoundEntry *> &steps = model.steps();
  epochOrder(order, state.seed, epoch, program.shuffle);
  EpochRecord record;
  record.epoch = epoch + 1;
  record.losses.assign(steps.size(), 0.0);
  updateRates();
  record.learningRates = rates;
  std::string label = fmt::format("epoch {}/{}", epoch + 1, state.epochs);

  Clock::time_point start = Clock::now();
  for (int64_t b = 0; b < state.stepsPerEpoch; ++b) {
    trainSplit->gatherBatch(model, order.data() + b * program.batch, epoch);
    updateRates();
    for (size_t i = 0; i < steps.size(); ++i) {
      BoundEntry &step = *steps[i];
      step.setKey(callKey(state.seed, static_cast<uint64_t>(state.batchesDone) * steps.size() + i));
      step.setStepCount(state.batchesDone + 1);
      step.setLearningRates(rates);
      step.call();
      double loss = readElement(losses[i]->data, losses[i]->spec->type.dataType);
      record.losses[i] += loss;
      if (options.checkNumerics)
        checkNumerics(i, loss, epoch);
    }
    ++state.batchesDone;
    if (progress.due())
      progress.update(label, b + 1, state.stepsPerEpoch,
                      fmt::format("loss {:.4f}  {:.0f} img/s", record.losses[0] / static_cast<double>(b + 1),
                                  static_cast<double>((b + 1) * program.batch) / secondsSince(start)));
  }
  progress.clear();
  double seconds = secondsSince(start);
  for (double &loss : record.losses)
    loss /= static_cast<double>(state.stepsPerEpoch);
  record.imagesPerSecond = static_cast<double>(state.stepsPerEpoch * program.batch) / seconds;
  return record;
}

void Trainer::printEpoch(const EpochRecord &record) const {
  std::string line = fmt::format("epoch {}/{}  train loss", record.epoch, state.epochs);
  const std::vector<BoundEntry *> &steps = model.steps();
  for (size_t i = 0; i < steps.size(); ++i) {
    const EntrySpec &step = steps[i]->spec();
    std::string name = steps.size() == 1 ? "" : " " + (step.step.empty() ? step.entry : step.step);
    line += fmt::format("{} {:.4f}", name, record.losses[i]);
  }
  if (testSplit)
    line += "  " + formatMetrics(program.metrics, record.metrics);
  std::string rateText;
  for (double rate : record.learningRates)
    rateText += fmt::format("{}{:.4g}", rateText.empty() ? "" : "/", rate);
  if (!rateText.empty())
    line += "  lr " + rateText;
  fmt::print("{}  {:.{}f} s  {:.0f} img/s\n", line, record.seconds, record.seconds < 10 ? 2 : 1,
             record.imagesPerSecond);
  std::fflush(stdout);
}

void Trainer::printSummary(const Evaluation &evaluation) const {
  if (state.epochsDone < state.epochs)
    fmt::print("stopped after epoch {} of {}: continue with --resume\n", state.epochsDone, state.epochs);
  if (testSplit)
    fmt::print("{}{} on {} of {} test images\n", state.epochsDone == state.epochs ? "final " : "",
               formatMetrics(program.metrics, evaluation.metrics), evaluation.samples, testSplit->fileCount);
  fmt::print("checkpoint  {}\nlog         {}.log.csv, {}.log.json\nplot        {}.svg\n", options.checkpoint,
             options.logPrefix, options.logPrefix, options.logPrefix);
}

int Trainer::run() {
  model.allocate();
  restoreOrInitialize();
  Clock::time_point loadStart = Clock::now();
  loadData();
  double loadSeconds = secondsSince(loadStart);
  clock = {state.stepsPerEpoch, state.epochs * state.stepsPerEpoch};
  for (const OptimizerSpec &optimizer : program.optimizers)
    schedules.push_back(state.baseRate ? withBaseRate(optimizer.learningRate, *state.baseRate)
                                       : optimizer.learningRate);
  rates.assign(schedules.size(), 0.0);
  if (resumed)
    log.readEarlierEpochs(options.logPrefix + ".log.json", state.epochsDone);

  int64_t lastEpoch = std::min(state.epochs, options.stopAfterEpoch.value_or(INT64_MAX));
  if (state.epochsDone >= lastEpoch) {
    fmt::print("nothing to do: {} is trained for {} of {} epochs\n", options.checkpoint, state.epochsDone,
               state.epochs);
    return ExitSuccess;
  }
  printPlan(loadSeconds);
  Evaluation evaluation;
  for (int64_t epoch = state.epochsDone; epoch < lastEpoch; ++epoch) {
    Clock::time_point start = Clock::now();
    EpochRecord record = trainEpoch(epoch);
    if (testSplit)
      evaluation = evaluate(model, *testSplit, state.seed);
    record.metrics = testSplit ? evaluation.metrics : std::vector<double>(program.metrics.size(), NAN);
    record.seconds = secondsSince(start);
    state.epochsDone = epoch + 1;
    saveCheckpoint(options.checkpoint, model, state);
    log.add(record);
    log.write(options.logPrefix);
    printEpoch(record);
  }
  printSummary(evaluation);
  return ExitSuccess;
}

} // namespace

int dlm::runtime::runTrain(const Options &options, const ProgramSpec &program) {
  return Trainer(options, program).run();
}
