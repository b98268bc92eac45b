//===- dlm-bench-peers.cpp - Times oneDNN, OpenBLAS and the FMA ceiling ===//
//
// dlm-bench-peers --num-threads N --samples S SPEC...: the peers of
// dlm-bench-kernels on the same kernel specifications (KernelSpec.h), each at
// its best on this machine:
//   - matmul: oneDNN's dnnl_sgemm and OpenBLAS's cblas_sgemm (run with
//     OPENBLAS_CORETYPE unset, so that OpenBLAS uses its AVX-512 kernels);
//   - convolutions: oneDNN primitives with convolutionAlgorithm and every
//     layout left to oneDNN (format_tag::any), timing the primitive alone: the
//     reorders from and to NCHW that a caller with plain tensors would also pay
//     are not counted;
//   - fma_ceiling: 16 independent chains of 512-bit FMAs on each of N threads.
// Threads: oneDNN reads OMP_NUM_THREADS, OpenBLAS OPENBLAS_NUM_THREADS; bench/run.py
// sets both to N. Prints one JSON line per kernel and peer.
//
//===----------------------------------------------------------------------===//

#include "KernelSpec.h"

#include <cblas.h>
#include <immintrin.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <unordered_map>

using namespace dlm::bench;

namespace {

struct Options {
  int threads = 1;
  int samples = 5;
  std::vector<std::string> specs;
};

Options parseOptions(int argc, char **argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    auto value = [&] {
      if (i + 1 == argc) {
        std::fprintf(stderr, "error: %s needs a value\n", argument.c_str());
        std::exit(2);
      }
      return std::atoi(argv[++i]);
    };
    if (argument == "--num-threads")
      options.threads = value();
    else if (argument == "--samples")
      options.samples = value();
    else
      options.specs.push_back(argument);
  }
  return options;
}

std::vector<float> randomVector(size_t count, uint64_t seed) {
  std::vector<float> data(count);
  fillRandom(data.data(), count, seed);
  return data;
}

void benchMatMul(const KernelSpec &spec, const Options &options) {
  int64_t m = spec.sizes[0], k = spec.sizes[1], n = spec.sizes[2];
  std::vector<float> a = randomVector(m * k, 1), b = randomVector(k * n, 2), c(m * n);
  printResult("onednn", spec, options.threads, measureGflops([&] {
                dnnl_sgemm('N', 'N', m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f, c.data(), n);
              }, spec.flops(), options.samples));
  printResult("openblas", spec, options.threads, measureGflops([&] {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f,
                            c.data(), n);
              }, spec.flops(), options.samples));
}

/// A oneDNN memory in the layout `descriptor` chose, filled with random numbers.
dnnl::memory randomMemory(const dnnl::memory::desc &descriptor, const dnnl::engine &engine, uint64_t seed) {
  dnnl::memory memory(descriptor, engine);
  fillRandom(static_cast<float *>(memory.get_data_handle()), descriptor.get_size() / sizeof(float), seed);
  return memory;
}

/// Times one convolution with oneDNN's `convolutionAlgorithm`, reported as `peer`.
void benchConvolution(const KernelSpec &spec, const Options &options, dnnl::algorithm convolutionAlgorithm,
                      const std::string &peer) {
  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  const std::vector<int64_t> &s = spec.sizes;
  engine cpu(engine::kind::cpu, 0);
  stream queue(cpu);
  memory::desc input({s[0], s[1], s[2], s[3]}, dt::f32, tag::any);
  memory::desc filter({s[4], s[1], s[5], s[6]}, dt::f32, tag::any);
  memory::desc output({s[0], s[4], spec.outputHeight(), spec.outputWidth()}, dt::f32, tag::any);
  memory::dims strides{s[8], s[8]}, padding{s[7], s[7]};
  convolution_forward::primitive_desc forward(
      convolution_forward::desc(prop_kind::forward_training, convolutionAlgorithm, input, filter, output,
                                strides, padding, padding),
      cpu);
  primitive kernel;
  std::unordered_map<int, memory> arguments;
  switch (spec.kind) {
  case KernelSpec::Kind::ConvForward:
    kernel = convolution_forward(forward);
    arguments = {{DNNL_ARG_SRC, randomMemory(forward.src_desc(), cpu, 1)},
                 {DNNL_ARG_WEIGHTS, randomMemory(forward.weights_desc(), cpu, 2)},
                 {DNNL_ARG_DST, memory(forward.dst_desc(), cpu)}};
    break;
  case KernelSpec::Kind::ConvBackwardInput: {
    convolution_backward_data::primitive_desc backward(
        convolution_backward_data::desc(convolutionAlgorithm, input, filter, output, strides, padding, padding),
        cpu, forward);
    kernel = convolution_backward_data(backward);
    arguments = {{DNNL_ARG_DIFF_DST, randomMemory(backward.diff_dst_desc(), cpu, 1)},
                 {DNNL_ARG_WEIGHTS, randomMemory(backward.weights_desc(), cpu, 2)},
                 {DNNL_ARG_DIFF_SRC, memory(backward.diff_src_desc(), cpu)}};
    break;
  }
  default: {
    convolution_backward_weights::primitive_desc backward(
        convolution_backward_weights::desc(convolutionAlgorithm, input, filter, output, strides, padding,
                                           padding),
        cpu, forward);
    kernel = convolution_backward_weights(backward);
    arguments = {{DNNL_ARG_SRC, randomMemory(backward.src_desc(), cpu, 1)},
                 {DNNL_ARG_DIFF_DST, randomMemory(backward.diff_dst_desc(), cpu, 2)},
                 {DNNL_ARG_DIFF_WEIGHTS, memory(backward.diff_weights_desc(), cpu)}};
    break;
  }
  }
  printResult(peer, spec, options.threads, measureGflops([&] {
                kernel.execute(queue, arguments);
                queue.wait();
              }, spec.flops(), options.samples));
}

/// 16 independent FMA chains, long enough to hide the FMA latency on both pipes.
__attribute__((target("avx512f"))) float fmaChains(long iterations) {
  __m512 accumulators[16];
  for (int i = 0; i < 16; ++i)
    accumulators[i] = _mm512_set1_ps(static_cast<float>(i));
  const __m512 scale = _mm512_set1_ps(0.999999f), offset = _mm512_set1_ps(1e-7f);
  for (long i = 0; i < iterations; ++i)
    for (int a = 0; a < 16; ++a) {
      accumulators[a] = _mm512_fmadd_ps(accumulators[a], scale, offset);
      asm volatile("" : "+v"(accumulators[a]));
    }
  __m512 total = accumulators[0];
  for (int i = 1; i < 16; ++i)
    total = _mm512_add_ps(total, accumulators[i]);
  return _mm512_reduce_add_ps(total);
}

void benchFmaCeiling(const KernelSpec &spec, const Options &options) {
  const long iterations = 20'000'000;
  std::vector<double> gflops;
  for (int sample = 0; sample < options.samples; ++sample) {
    std::vector<std::thread> workers;
    std::vector<float> sinks(options.threads);
    auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < options.threads; ++t)
      workers.emplace_back([&, t] { sinks[t] = fmaChains(iterations); });
    for (std::thread &worker : workers)
      worker.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    gflops.push_back(2.0 * 16 * 16 * iterations * options.threads / seconds * 1e-9);
  }
  printResult("fma_ceiling", spec, options.threads, gflops);
}

} // namespace

int main(int argc, char **argv) {
  Options options = parseOptions(argc, argv);
  for (const std::string &text : options.specs) {
    KernelSpec spec = parseKernelSpec(text);
    if (spec.kind == KernelSpec::Kind::FmaCeiling)
      benchFmaCeiling(spec, options);
    else if (spec.kind == KernelSpec::Kind::MatMul)
      benchMatMul(spec, options);
    else {
      // With algorithm::convolution_auto oneDNN may pick Winograd, which performs fewer flops than
      // the direct convolution that GFLOP/s are counted for; the direct algorithm is shown beside it.
      benchConvolution(spec, options, dnnl::algorithm::convolution_auto, "onednn");
      benchConvolution(spec, options, dnnl::algorithm::convolution_direct, "onednn_direct");
    }
  }
  return 0;
}
