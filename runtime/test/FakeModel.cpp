//===- FakeModel.cpp - A hand-written stand-in for a compiled model --------===//
//
// What dlmc will emit for a softmax regression on Fashion-MNIST
// (docs/runtime-abi.md): the manifest and the `dlm_<program>_<entry>`
// functions, written as plain loops. Program `classify` trains with SGD with
// momentum on a cosine schedule and has a predict entry; program `plain` uses
// the same functions with a constant rate and no predict entry.
//
//===----------------------------------------------------------------------===//

#include <cmath>
#include <cstdint>
#include <cstring>

namespace {

constexpr int kBatch = 64;
constexpr int kPixels = 28 * 28;
constexpr int kClasses = 10;
constexpr float kMomentum = 0.9f;

/// A uniform float in [0, 1) from a key and an element index (SplitMix64).
float uniform(uint64_t key, uint64_t index) {
  uint64_t z = key ^ (index + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<float>(z >> 40) * 0x1.0p-24f;
}

/// The logits of one image: weight · x + bias.
void logits(const float *weight, const float *bias, const float *x, float *out) {
  for (int k = 0; k < kClasses; ++k) {
    float sum = bias[k];
    for (int i = 0; i < kPixels; ++i)
      sum += weight[k * kPixels + i] * x[i];
    out[k] = sum;
  }
}

int argmax(const float *values) {
  int best = 0;
  for (int k = 1; k < kClasses; ++k)
    if (values[k] > values[best])
      best = k;
  return best;
}

} // namespace

extern "C" {

extern const char dlm_manifest[];

/// init: random_key -> fc.weight, fc.bias, both uniform(±1/sqrt(784)) like nn.Linear.
void dlm_classify_init(void **buffers) {
  uint64_t key = *static_cast<const uint64_t *>(buffers[0]);
  auto *weight = static_cast<float *>(buffers[1]);
  auto *bias = static_cast<float *>(buffers[2]);
  float bound = 1.0f / std::sqrt(static_cast<float>(kPixels));
  for (int i = 0; i < kClasses * kPixels; ++i)
    weight[i] = (2 * uniform(key, i) - 1) * bound;
  for (int k = 0; k < kClasses; ++k)
    bias[k] = (2 * uniform(key, kClasses * kPixels + k) - 1) * bound;
}

/// sample: image u8[28, 28], label u8, random_key -> x f32[1, 28, 28], y i32.
void dlm_classify_sample(void **buffers) {
  const auto *image = static_cast<const uint8_t *>(buffers[0]);
  const auto *label = static_cast<const uint8_t *>(buffers[1]);
  auto *x = static_cast<float *>(buffers[3]);
  auto *y = static_cast<int32_t *>(buffers[4]);
  for (int i = 0; i < kPixels; ++i)
    x[i] = image[i] / 255.0f;
  *y = *label;
}

/// step_0: params, x, y, key, lr, step count, momentum buffers -> loss, params, momentum buffers.
void dlm_classify_step_0(void **buffers) {
  const auto *weight = static_cast<const float *>(buffers[0]);
  const auto *bias = static_cast<const float *>(buffers[1]);
  const auto *x = static_cast<const float *>(buffers[2]);
  const auto *y = static_cast<const int32_t *>(buffers[3]);
  float lr = *static_cast<const float *>(buffers[5]);
  const auto *weightMomentum = static_cast<const float *>(buffers[7]);
  const auto *biasMomentum = static_cast<const float *>(buffers[8]);
  auto *loss = static_cast<float *>(buffers[9]);
  auto *newWeight = static_cast<float *>(buffers[10]);
  auto *newBias = static_cast<float *>(buffers[11]);
  auto *newWeightMomentum = static_cast<float *>(buffers[12]);
  auto *newBiasMomentum = static_cast<float *>(buffers[13]);

  // Gradients accumulate in the new momentum buffers, then become momentum updates.
  std::memset(newWeightMomentum, 0, sizeof(float) * kClasses * kPixels);
  std::memset(newBiasMomentum, 0, sizeof(float) * kClasses);
  float total = 0;
  for (int n = 0; n < kBatch; ++n) {
    const float *image = x + n * kPixels;
    float z[kClasses];
    logits(weight, bias, image, z);
    float top = z[argmax(z)], sum = 0;
    for (float &value : z)
      sum += value = std::exp(value - top);
    total += std::log(sum) - std::log(z[y[n]]);
    for (int k = 0; k < kClasses; ++k) {
      float gradient = (z[k] / sum - (k == y[n] ? 1.0f : 0.0f)) / kBatch;
      newBiasMomentum[k] += gradient;
      for (int i = 0; i < kPixels; ++i)
        newWeightMomentum[k * kPixels + i] += gradient * image[i];
    }
  }
  *loss = total / kBatch;
  for (int i = 0; i < kClasses * kPixels; ++i) {
    newWeightMomentum[i] += kMomentum * weightMomentum[i];
    newWeight[i] = weight[i] - lr * newWeightMomentum[i];
  }
  for (int k = 0; k < kClasses; ++k) {
    newBiasMomentum[k] += kMomentum * biasMomentum[k];
    newBias[k] = bias[k] - lr * newBiasMomentum[k];
  }
}

/// eval: params, x, y, key -> accuracy.
void dlm_classify_eval(void **buffers) {
  const auto *weight = static_cast<const float *>(buffers[0]);
  const auto *bias = static_cast<const float *>(buffers[1]);
  const auto *x = static_cast<const float *>(buffers[2]);
  const auto *y = static_cast<const int32_t *>(buffers[3]);
  auto *accuracy = static_cast<float *>(buffers[5]);
  int correct = 0;
  for (int n = 0; n < kBatch; ++n) {
    float z[kClasses];
    logits(weight, bias, x + n * kPixels, z);
    correct += argmax(z) == y[n];
  }
  *accuracy = static_cast<float>(correct) / kBatch;
}

/// predict: params, x, key -> the class of each image.
void dlm_classify_predict(void **buffers) {
  const auto *weight = static_cast<const float *>(buffers[0]);
  const auto *bias = static_cast<const float *>(buffers[1]);
  const auto *x = static_cast<const float *>(buffers[2]);
  auto *classes = static_cast<int32_t *>(buffers[4]);
  for (int n = 0; n < kBatch; ++n) {
    float z[kClasses];
    logits(weight, bias, x + n * kPixels, z);
    classes[n] = argmax(z);
  }
}

// The manifest, assembled from pieces shared by both programs. Each raw string sits on one line:
// a line continuation inside a raw string would become part of it.
// clang-format off
#define FAKE_DATASET                                                                                                   \
  R"("dataset": {"name": "fashion", "splits": {)"                                                                      \
  R"("train": {"format": "idx", "files": ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]},)"             \
  R"("test": {"format": "idx", "files": ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]}},)"               \
  R"("raw_fields": [{"name": "image", "dtype": "u8", "shape": [28, 28]}, {"name": "label", "dtype": "u8", "shape": []}],)" \
  R"("fields": [{"name": "x", "dtype": "f32", "shape": [1, 28, 28]}, {"name": "y", "dtype": "i32", "shape": []}]},)"

#define FAKE_TENSORS                                                                                                   \
  R"("tensors": [{"name": "fc.weight", "role": "param", "dtype": "f32", "shape": [10, 784]},)"                         \
  R"({"name": "fc.bias", "role": "param", "dtype": "f32", "shape": [10]},)"                                            \
  R"({"name": "fc.weight.momentum_buffer", "role": "optimizer_state", "dtype": "f32", "shape": [10, 784]},)"           \
  R"({"name": "fc.bias.momentum_buffer", "role": "optimizer_state", "dtype": "f32", "shape": [10]}],)"

#define FAKE_PARAMS                                                                                                    \
  R"({"role": "param", "name": "fc.weight", "dtype": "f32", "shape": [10, 784]},)"                                     \
  R"({"role": "param", "name": "fc.bias", "dtype": "f32", "shape": [10]})"

#define FAKE_MOMENTUM                                                                                                  \
  R"({"role": "optimizer_state", "name": "fc.weight.momentum_buffer", "dtype": "f32", "shape": [10, 784]},)"           \
  R"({"role": "optimizer_state", "name": "fc.bias.momentum_buffer", "dtype": "f32", "shape": [10]})"

#define FAKE_X R"({"role": "input", "name": "x", "dtype": "f32", "shape": [64, 1, 28, 28]})"
#define FAKE_Y R"({"role": "input", "name": "y", "dtype": "i32", "shape": [64]})"
#define FAKE_KEY R"({"role": "random_key", "dtype": "i64", "shape": []})"

#define FAKE_ENTRIES                                                                                                   \
  R"({"entry": "init", "symbol": "dlm_classify_init", "arguments": [)" FAKE_KEY R"(], "results": [)" FAKE_PARAMS "]}," \
  R"({"entry": "sample", "symbol": "dlm_classify_sample", "arguments": [)"                                             \
  R"({"role": "raw", "name": "image", "dtype": "u8", "shape": [28, 28]},)"                                             \
  R"({"role": "raw", "name": "label", "dtype": "u8", "shape": []},)" FAKE_KEY "],"                                    \
  R"("results": [{"role": "field", "name": "x", "dtype": "f32", "shape": [1, 28, 28]},)"                              \
  R"({"role": "field", "name": "y", "dtype": "i32", "shape": []}]},)"                                                  \
  R"({"entry": "step_0", "step": "main", "symbol": "dlm_classify_step_0", "arguments": [)" FAKE_PARAMS ","             \
  FAKE_X "," FAKE_Y "," FAKE_KEY ","                                                                                   \
  R"({"role": "learning_rate", "optimizer": 0, "dtype": "f32", "shape": []},)"                                         \
  R"({"role": "step_count", "dtype": "f32", "shape": []},)" FAKE_MOMENTUM "],"                                         \
  R"("results": [{"role": "loss", "dtype": "f32", "shape": [], "loc": "fake.dlm:12:10"},)" FAKE_PARAMS ","             \
  FAKE_MOMENTUM "]},"                                                                                                  \
  R"({"entry": "eval", "symbol": "dlm_classify_eval", "arguments": [)" FAKE_PARAMS "," FAKE_X "," FAKE_Y "," FAKE_KEY \
  R"(], "results": [{"role": "metric", "name": "accuracy", "dtype": "f32", "shape": []}]})"

#define FAKE_PREDICT                                                                                                   \
  R"({"entry": "predict", "symbol": "dlm_classify_predict", "arguments": [)" FAKE_PARAMS "," FAKE_X "," FAKE_KEY      \
  R"(], "results": [{"role": "prediction", "name": "class", "dtype": "i32", "shape": [64]}]})"

#define FAKE_SGD R"("optimizers": [{"name": "sgd", "momentum": 0.9, "params": ["fc.weight", "fc.bias"], "lr": )"

const char dlm_manifest[] =
    R"({"version": 1, "source": "runtime/test/FakeModel.cpp", "programs": [)"
    R"({"name": "classify", "kind": "train", "batch": 64, "epochs": 2, "seed": 0, "shuffle": true,)"
    FAKE_DATASET FAKE_TENSORS FAKE_SGD R"({"schedule": "cosine", "lr": 0.05}}],)"
    R"("metrics": ["accuracy"], "entries": [)" FAKE_ENTRIES "," FAKE_PREDICT "]},"
    R"({"name": "plain", "kind": "train", "batch": 64, "epochs": 1, "seed": 7, "shuffle": false,)"
    FAKE_DATASET FAKE_TENSORS FAKE_SGD R"(0.05}],)"
    R"("metrics": ["accuracy"], "entries": [)" FAKE_ENTRIES "]}]}";
// clang-format on

} // extern "C"
