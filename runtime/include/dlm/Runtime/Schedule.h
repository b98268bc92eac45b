//===- Schedule.h - Learning-rate schedules ---------------------------------===//
//
// The compiled step takes each optimizer's learning rate as an argument; the
// runtime computes it here because schedules over "the run" need the number of
// steps per epoch, which is known only once the data set is loaded. The
// defaults of omitted arguments are the runtime's (docs/language.md §6.8).
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_SCHEDULE_H
#define DLM_RUNTIME_SCHEDULE_H

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace dlm::runtime {

enum class ScheduleKind { Constant, Cosine, StepDecay, Linear, Exponential, InverseSqrt, Warmup };

/// A learning-rate schedule with every argument resolved (defaults applied).
struct Schedule {
  ScheduleKind kind = ScheduleKind::Constant;
  /// The base rate (`lr`); unused by `warmup`, which takes its inner schedule's.
  double rate = 0;
  /// cosine's `min`, linear's `end`.
  double finalRate = 0;
  /// step_decay's and exponential's `gamma`.
  double gamma = 0.1;
  /// step_decay's `every`, in epochs.
  int64_t everyEpochs = 1;
  /// inverse_sqrt's `warmup` and warmup's `steps`, in updates.
  int64_t warmupSteps = 0;
  /// warmup's schedule that follows the warm-up.
  std::shared_ptr<const Schedule> inner;
};

/// Where training stands, in the units schedules are defined in.
struct ScheduleClock {
  /// Optimizer updates per epoch (full batches).
  int64_t stepsPerEpoch = 1;
  /// Updates in the whole run: epochs × stepsPerEpoch.
  int64_t totalSteps = 1;
};

/// Parses a manifest schedule, `{"schedule": "cosine", "lr": 0.05}`, or a plain number (a constant
/// rate). Throws a RuntimeError naming the problem.
Schedule parseSchedule(const nlohmann::json &value);

/// The rate for the update that follows `updatesApplied` updates.
double learningRate(const Schedule &schedule, int64_t updatesApplied, const ScheduleClock &clock);

/// The same schedule with base rate `rate` (`--lr`): the shape (min, gamma, warm-up) is kept.
Schedule withBaseRate(const Schedule &schedule, double rate);

/// `cosine(lr = 0.05, min = 0)`: every argument, defaults included.
std::string describeSchedule(const Schedule &schedule);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_SCHEDULE_H
