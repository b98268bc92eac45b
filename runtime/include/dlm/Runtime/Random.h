//===- Random.h - Random keys and the per-epoch shuffle --------------------===//
//
// Everything random is a pure function of the seed and a counter, never of
// hidden generator state, so a run resumed from a checkpoint draws exactly
// what an uninterrupted run would. std::shuffle and the std distributions are
// not used: their results differ between standard libraries.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_RUNTIME_RANDOM_H
#define DLM_RUNTIME_RANDOM_H

#include <cstdint>
#include <optional>
#include <vector>

namespace dlm::runtime {

/// SplitMix64's output function applied to `value + golden gamma` (Steele et al. 2014).
uint64_t splitMix64(uint64_t value);

/// The random key of call number `callIndex`: `splitmix64(seed ^ splitmix64(callIndex))`.
uint64_t callKey(uint64_t seed, uint64_t callIndex);

/// The random key of `init`: `splitmix64(seed)`.
uint64_t initKey(uint64_t seed);

/// The counter spaces of call indices. Training steps count from 0 (batch × steps + step); the
/// others live in the top bits so that no two calls of a run share a key.
namespace call_space {
constexpr uint64_t Sample = 1ull << 62;
constexpr uint64_t Evaluation = 2ull << 62;
constexpr uint64_t Shuffle = 3ull << 62;
/// The `predict` calls: a part of the evaluation space that `eval` calls (batch numbers) never reach.
constexpr uint64_t Prediction = Evaluation | 1ull << 61;

/// A `sample` call number is `Sample | split << SplitShift | pass << EpochShift | index`:
///   bits 63-62  01, the Sample space;
///   bits 61-60  the split: train 0, test 1, another split 2, a `predict --input` file 3;
///   bits 59-40  the pass: 1 + the training epoch, or 0 outside training (evaluation, prediction),
///               so that augmentations draw afresh every epoch yet evaluation the same every time;
///   bits 39-0   the sample's index in its split.
constexpr int SplitShift = 60;
constexpr int EpochShift = 40;
/// Samples a split may hold, and epochs a run may last, before the fields would overlap.
constexpr uint64_t MaxSamples = 1ull << EpochShift;
constexpr uint64_t MaxEpochs = (1ull << (SplitShift - EpochShift)) - 1;
} // namespace call_space

/// The call number of `sample` on sample `index` of split `split` in training epoch `epoch`
/// (0-based), or outside training (nullopt). Each must be in range: the loaders check the sample
/// count, the trainer the epochs.
constexpr uint64_t sampleCall(uint64_t split, std::optional<int64_t> epoch, int64_t index) {
  uint64_t pass = epoch ? static_cast<uint64_t>(*epoch) + 1 : 0;
  return call_space::Sample | split << call_space::SplitShift | pass << call_space::EpochShift |
         static_cast<uint64_t>(index);
}

/// A SplitMix64 stream of 64-bit values.
class RandomStream {
public:
  explicit RandomStream(uint64_t state) : state(state) {}
  uint64_t next();
  /// Uniform in [0, bound) without modulo bias; `bound` > 0.
  uint64_t below(uint64_t bound);

private:
  uint64_t state;
};

/// Fills `order` with 0..order.size()-1 in the order epoch `epoch` visits them: a Fisher–Yates
/// shuffle from a stream keyed by the seed and epoch, or the identity when `shuffle` is false.
void epochOrder(std::vector<int64_t> &order, uint64_t seed, int64_t epoch, bool shuffle);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_RANDOM_H
