//===- Schedule.cpp - Learning-rate schedules -------------------------------===//
//
// `t` is the number of updates already applied, as in PyTorch's LR schedulers
// (CosineAnnealingLR, StepLR, ExponentialLR, LambdaLR warm-ups): the first
// update uses t = 0. Epoch-based schedules use the epoch of the update.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Schedule.h"

#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/NameTable.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace dlm::runtime;
using nlohmann::json;

namespace {

constexpr Named<ScheduleKind> kScheduleNames[] = {
    {ScheduleKind::Constant, "constant"},       {ScheduleKind::Cosine, "cosine"},
    {ScheduleKind::StepDecay, "step_decay"},    {ScheduleKind::Linear, "linear"},
    {ScheduleKind::Exponential, "exponential"}, {ScheduleKind::InverseSqrt, "inverse_sqrt"},
    {ScheduleKind::Warmup, "warmup"},
};

/// Reads the arguments of one schedule object, checking that each is a number.
class ScheduleArguments {
public:
  ScheduleArguments(const json &object, std::string name) : object(object), name(std::move(name)) {}

  double number(const char *key, std::optional<double> fallback) const {
    auto found = object.find(key);
    if (found == object.end()) {
      if (!fallback)
        fail("manifest: schedule {} has no '{}'", name, key);
      return *fallback;
    }
    if (!found->is_number())
      fail("manifest: argument '{}' of schedule {} is not a number", key, name);
    return found->get<double>();
  }

  /// A count of steps or epochs: a whole number, at least `minimum`.
  int64_t count(const char *key, std::optional<int64_t> fallback, int64_t minimum) const {
    double value = number(key, fallback ? std::optional<double>(static_cast<double>(*fallback)) : std::nullopt);
    if (value != std::floor(value) || value < static_cast<double>(minimum))
      fail("manifest: argument '{}' of schedule {} must be a whole number of at least {}, got {}", key, name, minimum,
           value);
    return static_cast<int64_t>(value);
  }

private:
  const json &object;
  std::string name;
};

double cosineRate(const Schedule &schedule, int64_t t, int64_t total) {
  double progress = static_cast<double>(std::min(t, total)) / static_cast<double>(total);
  return schedule.finalRate + (schedule.rate - schedule.finalRate) * (1 + std::cos(M_PI * progress)) / 2;
}

double inverseSqrtRate(const Schedule &schedule, int64_t t) {
  auto steps = static_cast<double>(t);
  if (schedule.warmupSteps == 0)
    return schedule.rate / std::sqrt(steps + 1);
  auto warmup = static_cast<double>(schedule.warmupSteps);
  return t < schedule.warmupSteps ? schedule.rate * steps / warmup : schedule.rate * std::sqrt(warmup / steps);
}

} // namespace

Schedule dlm::runtime::parseSchedule(const json &value) {
  Schedule schedule;
  if (value.is_number()) {
    schedule.rate = value.get<double>();
    return schedule;
  }
  if (!value.is_object() || !value.contains("schedule") || !value["schedule"].is_string())
    fail("manifest: a learning rate must be a number or {{\"schedule\": NAME, ...}}, got {}", value.dump());
  std::string name = value["schedule"].get<std::string>();
  std::optional<ScheduleKind> kind = valueNamed(kScheduleNames, name);
  if (!kind)
    fail("manifest: unknown learning-rate schedule '{}'", name);
  schedule.kind = *kind;
  ScheduleArguments arguments(value, name);

  switch (schedule.kind) {
  case ScheduleKind::Constant:
    schedule.rate = arguments.number("lr", std::nullopt);
    break;
  case ScheduleKind::Cosine:
    schedule.rate = arguments.number("lr", std::nullopt);
    schedule.finalRate = arguments.number("min", 0.0);
    break;
  case ScheduleKind::Linear:
    schedule.rate = arguments.number("lr", std::nullopt);
    schedule.finalRate = arguments.number("end", 0.0);
    break;
  case ScheduleKind::StepDecay:
    schedule.rate = arguments.number("lr", std::nullopt);
    schedule.everyEpochs = arguments.count("every", std::nullopt, 1);
    schedule.gamma = arguments.number("gamma", 0.1);
    break;
  case ScheduleKind::Exponential:
    schedule.rate = arguments.number("lr", std::nullopt);
    schedule.gamma = arguments.number("gamma", std::nullopt);
    break;
  case ScheduleKind::InverseSqrt:
    schedule.rate = arguments.number("lr", std::nullopt);
    schedule.warmupSteps = arguments.count("warmup", 0, 0);
    break;
  case ScheduleKind::Warmup:
    schedule.warmupSteps = arguments.count("steps", std::nullopt, 0);
    if (!value.contains("schedule_arguments"))
      fail("manifest: schedule warmup has no 'schedule_arguments'");
    schedule.inner = std::make_shared<Schedule>(parseSchedule(value["schedule_arguments"]));
    schedule.rate = schedule.inner->rate;
    break;
  }
  return schedule;
}

double dlm::runtime::learningRate(const Schedule &schedule, int64_t t, const ScheduleClock &clock) {
  int64_t total = std::max<int64_t>(clock.totalSteps, 1);
  int64_t epoch = t / std::max<int64_t>(clock.stepsPerEpoch, 1);
  switch (schedule.kind) {
  case ScheduleKind::Constant:
    return schedule.rate;
  case ScheduleKind::Cosine:
    return cosineRate(schedule, t, total);
  case ScheduleKind::Linear:
    return schedule.rate +
           (schedule.finalRate - schedule.rate) * static_cast<double>(std::min(t, total)) / static_cast<double>(total);
  case ScheduleKind::StepDecay:
    return schedule.rate * std::pow(schedule.gamma, static_cast<double>(epoch / schedule.everyEpochs));
  case ScheduleKind::Exponential:
    return schedule.rate * std::pow(schedule.gamma, static_cast<double>(epoch));
  case ScheduleKind::InverseSqrt:
    return inverseSqrtRate(schedule, t);
  case ScheduleKind::Warmup: {
    // The inner schedule's clock starts when the warm-up ends, and its run is what remains.
    ScheduleClock innerClock{clock.stepsPerEpoch, std::max<int64_t>(total - schedule.warmupSteps, 1)};
    if (t >= schedule.warmupSteps)
      return learningRate(*schedule.inner, t - schedule.warmupSteps, innerClock);
    return learningRate(*schedule.inner, 0, innerClock) * static_cast<double>(t) /
           static_cast<double>(schedule.warmupSteps);
  }
  }
  return schedule.rate;
}

Schedule dlm::runtime::withBaseRate(const Schedule &schedule, double rate) {
  Schedule changed = schedule;
  changed.rate = rate;
  if (schedule.inner)
    changed.inner = std::make_shared<Schedule>(withBaseRate(*schedule.inner, rate));
  return changed;
}

std::string dlm::runtime::describeSchedule(const Schedule &schedule) {
  std::string name = nameOf(kScheduleNames, schedule.kind);
  switch (schedule.kind) {
  case ScheduleKind::Constant:
    return fmt::format("{}(lr = {:g})", name, schedule.rate);
  case ScheduleKind::Cosine:
    return fmt::format("{}(lr = {:g}, min = {:g})", name, schedule.rate, schedule.finalRate);
  case ScheduleKind::Linear:
    return fmt::format("{}(lr = {:g}, end = {:g})", name, schedule.rate, schedule.finalRate);
  case ScheduleKind::StepDecay:
    return fmt::format("{}(lr = {:g}, every = {}, gamma = {:g})", name, schedule.rate, schedule.everyEpochs,
                       schedule.gamma);
  case ScheduleKind::Exponential:
    return fmt::format("{}(lr = {:g}, gamma = {:g})", name, schedule.rate, schedule.gamma);
  case ScheduleKind::InverseSqrt:
    return fmt::format("{}(lr = {:g}, warmup = {})", name, schedule.rate, schedule.warmupSteps);
  case ScheduleKind::Warmup:
    return fmt::format("{}({}, {})", name, schedule.warmupSteps, describeSchedule(*schedule.inner));
  }
  return name;
}
