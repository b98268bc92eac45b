//===- RandomTest.cpp - Keys and the per-epoch shuffle ----------------------===//

#include "dlm/Runtime/Random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace dlm::runtime;

namespace {

TEST(RandomTest, SplitMix64MatchesTheReferenceSequence) {
  // The first outputs of Vigna's splitmix64.c seeded with 0.
  RandomStream stream(0);
  EXPECT_EQ(stream.next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(stream.next(), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(stream.next(), 0x06C45D188009454Full);
  EXPECT_EQ(splitMix64(0), 0xE220A8397B1DCDAFull);
}

TEST(RandomTest, KeysFollowTheAbi) {
  EXPECT_EQ(callKey(42, 7), splitMix64(42 ^ splitMix64(7)));
  EXPECT_EQ(initKey(42), splitMix64(42));
  EXPECT_NE(callKey(42, 7), callKey(42, 8));
  EXPECT_NE(callKey(42, 7), callKey(43, 7));
}

TEST(RandomTest, SampleCallsFollowTheAbi) {
  // docs/runtime-abi.md: 2^62 | split·2^60 | pass·2^40 | n, the pass 1 + epoch in training, else 0.
  EXPECT_EQ(sampleCall(0, 0, 5), (1ull << 62) | (1ull << 40) | 5);
  EXPECT_EQ(sampleCall(0, 2, 5), (1ull << 62) | (3ull << 40) | 5);
  EXPECT_EQ(sampleCall(1, std::nullopt, 7), (1ull << 62) | (1ull << 60) | 7);
  EXPECT_EQ(sampleCall(3, std::nullopt, 0), (1ull << 62) | (3ull << 60));
}

TEST(RandomTest, SampleCallsKeepEpochsSplitsAndSamplesApart) {
  // Training draws afresh every epoch; evaluation draws the same whatever the epoch.
  EXPECT_NE(sampleCall(0, 0, 9), sampleCall(0, 1, 9));
  EXPECT_NE(sampleCall(0, 0, 9), sampleCall(0, std::nullopt, 9));
  EXPECT_NE(sampleCall(0, std::nullopt, 9), sampleCall(1, std::nullopt, 9));
  // The largest values of each field stay inside it, and inside the Sample space.
  uint64_t last = sampleCall(3, call_space::MaxEpochs - 1, call_space::MaxSamples - 1);
  EXPECT_EQ(last >> 62, 1u);
  EXPECT_EQ(last >> call_space::SplitShift & 3, 3u);
  EXPECT_EQ(last >> call_space::EpochShift & call_space::MaxEpochs, call_space::MaxEpochs);
  EXPECT_EQ(last & (call_space::MaxSamples - 1), call_space::MaxSamples - 1);
}

TEST(RandomTest, BelowStaysInRangeAndCoversIt) {
  RandomStream stream(5);
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 60000; ++i) {
    uint64_t value = stream.below(6);
    ASSERT_LT(value, 6u);
    ++counts[value];
  }
  // Each count is Binomial(60000, 1/6): mean 10000, deviation ~91.
  for (int count : counts)
    EXPECT_NEAR(count, 10000, 500);
}

TEST(RandomTest, EpochOrderIsADeterministicPermutation) {
  std::vector<int64_t> first(1000), again(1000), nextEpoch(1000), otherSeed(1000);
  epochOrder(first, 3, 0, true);
  epochOrder(again, 3, 0, true);
  epochOrder(nextEpoch, 3, 1, true);
  epochOrder(otherSeed, 4, 0, true);
  EXPECT_EQ(first, again);
  EXPECT_NE(first, nextEpoch);
  EXPECT_NE(first, otherSeed);
  std::vector<int64_t> sorted = first;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  EXPECT_EQ(sorted, identity);
  EXPECT_NE(first, identity);
}

TEST(RandomTest, EpochOrderIsPinned) {
  // Checkpoints resume by recomputing this order: it must never change between versions.
  std::vector<int64_t> order(10);
  epochOrder(order, 0, 0, true);
  EXPECT_EQ(order, (std::vector<int64_t>{7, 3, 8, 5, 6, 0, 4, 9, 2, 1}));
}

TEST(RandomTest, NoShuffleKeepsFileOrder) {
  std::vector<int64_t> order(5, -1);
  epochOrder(order, 9, 3, false);
  EXPECT_EQ(order, (std::vector<int64_t>{0, 1, 2, 3, 4}));
}

} // namespace
