//===- ScheduleTest.cpp - Learning-rate schedules against hand-computed values ===//
//
// The run is 10 epochs of 100 steps (T = 1000). Expected values are worked out
// by hand from docs/language.md §6.8 with t = updates already applied; they
// are compared to 1e-12 relative, far below anything float32 rates resolve.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Schedule.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace dlm::runtime;
using nlohmann::json;

namespace {

constexpr ScheduleClock kClock{100, 1000};

double rateAt(const json &schedule, int64_t t) { return learningRate(parseSchedule(schedule), t, kClock); }

#define EXPECT_RATE(schedule, t, expected)                                                                             \
  EXPECT_NEAR(rateAt(schedule, t), expected, 1e-12 * std::abs(expected) + 1e-15)

TEST(ScheduleTest, Constant) {
  EXPECT_RATE(json(0.1), 0, 0.1);
  EXPECT_RATE(json({{"schedule", "constant"}, {"lr", 0.1}}), 999, 0.1);
}

TEST(ScheduleTest, CosineFollowsCosineAnnealingLR) {
  json cosine = {{"schedule", "cosine"}, {"lr", 0.1}};
  EXPECT_RATE(cosine, 0, 0.1);
  EXPECT_RATE(cosine, 250, 0.1 * (1 + std::sqrt(0.5)) / 2); // 0.0853553390593...
  EXPECT_RATE(cosine, 500, 0.05);
  EXPECT_RATE(cosine, 1000, 0.0);
  json withMinimum = {{"schedule", "cosine"}, {"lr", 0.1}, {"min", 0.01}};
  EXPECT_RATE(withMinimum, 500, 0.055);
  EXPECT_RATE(withMinimum, 1000, 0.01);
  // Past the end of the run the rate stays at min instead of rising again.
  EXPECT_RATE(withMinimum, 1500, 0.01);
}

TEST(ScheduleTest, StepDecayCountsEpochs) {
  json decay = {{"schedule", "step_decay"}, {"lr", 0.1}, {"every", 3}, {"gamma", 0.5}};
  EXPECT_RATE(decay, 0, 0.1);
  EXPECT_RATE(decay, 299, 0.1);  // still epoch 2
  EXPECT_RATE(decay, 300, 0.05); // epoch 3
  EXPECT_RATE(decay, 650, 0.025);
  EXPECT_RATE(json({{"schedule", "step_decay"}, {"lr", 0.1}, {"every", 3}}), 300, 0.01); // gamma = 0.1
}

TEST(ScheduleTest, LinearOverTheRun) {
  EXPECT_RATE(json({{"schedule", "linear"}, {"lr", 0.1}}), 250, 0.075);
  EXPECT_RATE(json({{"schedule", "linear"}, {"lr", 0.1}}), 1000, 0.0);
  EXPECT_RATE(json({{"schedule", "linear"}, {"lr", 0.1}, {"end", 0.02}}), 500, 0.06);
}

TEST(ScheduleTest, ExponentialPerEpoch) {
  json exponential = {{"schedule", "exponential"}, {"lr", 0.1}, {"gamma", 0.9}};
  EXPECT_RATE(exponential, 99, 0.1);
  EXPECT_RATE(exponential, 100, 0.09);
  EXPECT_RATE(exponential, 250, 0.081);
}

TEST(ScheduleTest, InverseSqrt) {
  json inverse = {{"schedule", "inverse_sqrt"}, {"lr", 1e-3}, {"warmup", 100}};
  EXPECT_RATE(inverse, 0, 0.0);
  EXPECT_RATE(inverse, 50, 5e-4);
  EXPECT_RATE(inverse, 100, 1e-3);
  EXPECT_RATE(inverse, 400, 5e-4); // sqrt(100 / 400) = 1/2
  // Without a warm-up: lr / sqrt(t + 1).
  EXPECT_RATE(json({{"schedule", "inverse_sqrt"}, {"lr", 1e-3}}), 0, 1e-3);
  EXPECT_RATE(json({{"schedule", "inverse_sqrt"}, {"lr", 1e-3}}), 3, 5e-4);
}

TEST(ScheduleTest, WarmupThenInnerScheduleOnItsOwnClock) {
  json warmup = {{"schedule", "warmup"}, {"steps", 100}, {"schedule_arguments", {{"schedule", "cosine"}, {"lr", 0.1}}}};
  EXPECT_RATE(warmup, 0, 0.0);
  EXPECT_RATE(warmup, 50, 0.05);
  EXPECT_RATE(warmup, 100, 0.1);  // the cosine's t = 0
  EXPECT_RATE(warmup, 550, 0.05); // the cosine's t = 450 of T = 900
  EXPECT_RATE(warmup, 1000, 0.0);
}

TEST(ScheduleTest, BaseRateOverrideKeepsTheShape) {
  Schedule cosine = parseSchedule({{"schedule", "cosine"}, {"lr", 0.1}, {"min", 0.01}});
  EXPECT_NEAR(learningRate(withBaseRate(cosine, 0.2), 500, kClock), 0.105, 1e-15);
  Schedule warmup = parseSchedule(
      {{"schedule", "warmup"}, {"steps", 100}, {"schedule_arguments", {{"schedule", "constant"}, {"lr", 0.1}}}});
  EXPECT_NEAR(learningRate(withBaseRate(warmup, 0.4), 50, kClock), 0.2, 1e-15);
  EXPECT_EQ(describeSchedule(withBaseRate(warmup, 0.4)), "warmup(100, constant(lr = 0.4))");
}

TEST(ScheduleTest, Describe) {
  EXPECT_EQ(describeSchedule(parseSchedule({{"schedule", "cosine"}, {"lr", 0.05}})), "cosine(lr = 0.05, min = 0)");
  EXPECT_EQ(describeSchedule(parseSchedule({{"schedule", "step_decay"}, {"lr", 0.1}, {"every", 30}})),
            "step_decay(lr = 0.1, every = 30, gamma = 0.1)");
}

TEST(ScheduleTest, MalformedSchedulesAreReported) {
  using test_support::errorOf;
  EXPECT_EQ(errorOf([] {
              parseSchedule({{"schedule", "sawtooth"}, {"lr", 0.1}});
            }),
            "manifest: unknown learning-rate schedule 'sawtooth'");
  EXPECT_EQ(errorOf([] { parseSchedule({{"schedule", "cosine"}}); }), "manifest: schedule cosine has no 'lr'");
  EXPECT_EQ(errorOf([] {
              parseSchedule({{"schedule", "step_decay"}, {"lr", 0.1}, {"every", 0}});
            }),
            "manifest: argument 'every' of schedule step_decay must be a whole number of at least 1, got 0");
  EXPECT_EQ(errorOf([] {
              parseSchedule({{"schedule", "cosine"}, {"lr", "fast"}});
            }),
            "manifest: argument 'lr' of schedule cosine is not a number");
}

} // namespace
