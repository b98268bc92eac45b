//===- Random.cpp - Random keys and the per-epoch shuffle ------------------===//

#include "dlm/Runtime/Random.h"

#include <cstddef>
#include <numeric>
#include <utility>

using namespace dlm::runtime;

static constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ull;

uint64_t dlm::runtime::splitMix64(uint64_t value) {
  uint64_t z = value + kGoldenGamma;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t dlm::runtime::callKey(uint64_t seed, uint64_t callIndex) { return splitMix64(seed ^ splitMix64(callIndex)); }

uint64_t dlm::runtime::initKey(uint64_t seed) { return splitMix64(seed); }

uint64_t RandomStream::next() {
  uint64_t value = splitMix64(state);
  state += kGoldenGamma;
  return value;
}

uint64_t RandomStream::below(uint64_t bound) {
  // Reject the few values of the last, incomplete copy of [0, bound) so every residue is equally
  // likely; the loop runs more than once with probability < bound / 2^64.
  uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    uint64_t value = next();
    if (value >= threshold)
      return value % bound;
  }
}

void dlm::runtime::epochOrder(std::vector<int64_t> &order, uint64_t seed, int64_t epoch, bool shuffle) {
  std::iota(order.begin(), order.end(), int64_t{0});
  if (!shuffle)
    return;
  RandomStream stream(callKey(seed, call_space::Shuffle | static_cast<uint64_t>(epoch)));
  for (size_t i = order.size(); i > 1; --i)
    std::swap(order[i - 1], order[stream.below(i)]);
}
