//===- KernelSpec.cpp - The benchmarked kernels: parsing, flop counts, timing ===//

#include "KernelSpec.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>

using namespace dlm::bench;

int64_t KernelSpec::outputHeight() const { return (sizes[2] + 2 * sizes[7] - sizes[5]) / sizes[8] + 1; }
int64_t KernelSpec::outputWidth() const { return (sizes[3] + 2 * sizes[7] - sizes[6]) / sizes[8] + 1; }

double KernelSpec::flops() const {
  if (kind == Kind::MatMul)
    return 2.0 * sizes[0] * sizes[1] * sizes[2];
  if (kind == Kind::FmaCeiling)
    return 0;
  // Every direction of a convolution performs the same multiply-adds.
  return 2.0 * sizes[0] * sizes[4] * sizes[1] * sizes[5] * sizes[6] * outputHeight() * outputWidth();
}

[[noreturn]] static void usageError(const std::string &text, const char *why) {
  std::fprintf(stderr, "error: kernel '%s': %s\n", text.c_str(), why);
  std::exit(2);
}

KernelSpec dlm::bench::parseKernelSpec(const std::string &text) {
  KernelSpec spec{KernelSpec::Kind::FmaCeiling, text, {}};
  if (text == "fma_ceiling")
    return spec;
  size_t colon = text.find(':');
  if (colon == std::string::npos)
    usageError(text, "expected NAME:SIZES");
  std::string name = text.substr(0, colon);
  size_t expected = 9;
  if (name == "matmul") {
    spec.kind = KernelSpec::Kind::MatMul;
    expected = 3;
  } else if (name == "conv_forward") {
    spec.kind = KernelSpec::Kind::ConvForward;
  } else if (name == "conv_backward_input") {
    spec.kind = KernelSpec::Kind::ConvBackwardInput;
  } else if (name == "conv_backward_filter") {
    spec.kind = KernelSpec::Kind::ConvBackwardFilter;
  } else {
    usageError(text, "expected matmul, conv_forward, conv_backward_input, conv_backward_filter or fma_ceiling");
  }
  std::stringstream sizes(text.substr(colon + 1));
  std::string size;
  while (std::getline(sizes, size, ',')) {
    char *end = nullptr;
    long long value = std::strtoll(size.c_str(), &end, 10);
    if (size.empty() || *end != '\0' || value < 0)
      usageError(text, "expected non-negative integer sizes separated by commas");
    spec.sizes.push_back(value);
  }
  if (spec.sizes.size() != expected)
    usageError(text, expected == 3 ? "expected 3 sizes: M,K,N" : "expected 9 sizes: N,C,H,W,K,R,S,padding,stride");
  if (spec.isConvolution() && (spec.sizes[8] < 1 || spec.outputHeight() < 1 || spec.outputWidth() < 1))
    usageError(text, "the convolution has an empty output");
  return spec;
}

std::vector<double> dlm::bench::measureGflops(const std::function<void()> &run, double flops, int samples,
                                              double secondsPerSample) {
  using Clock = std::chrono::steady_clock;
  auto secondsOf = [](Clock::duration duration) { return std::chrono::duration<double>(duration).count(); };
  Clock::time_point start = Clock::now();
  run();
  double once = secondsOf(Clock::now() - start);
  long calls = std::max(1L, static_cast<long>(secondsPerSample / std::max(once, 1e-7)));
  std::vector<double> gflops;
  for (int s = 0; s < samples; ++s) {
    start = Clock::now();
    for (long c = 0; c < calls; ++c)
      run();
    gflops.push_back(flops * static_cast<double>(calls) / secondsOf(Clock::now() - start) * 1e-9);
  }
  return gflops;
}

void dlm::bench::printResult(const std::string &peer, const KernelSpec &spec, int threads,
                             const std::vector<double> &gflops) {
  std::printf("{\"peer\": \"%s\", \"kernel\": \"%s\", \"threads\": %d, \"gflops\": [", peer.c_str(), spec.text.c_str(),
              threads);
  for (size_t i = 0; i < gflops.size(); ++i)
    std::printf("%s%.2f", i ? ", " : "", gflops[i]);
  std::printf("]}\n");
  std::fflush(stdout);
}

void dlm::bench::fillRandom(float *data, size_t count, uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (size_t i = 0; i < count; ++i)
    data[i] = uniform(generator);
}
