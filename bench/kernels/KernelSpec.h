//===- KernelSpec.h - The benchmarked kernels: parsing, flop counts, timing ===//
//
// Both benchmark programs (dlm's generated code, and the peers oneDNN and
// OpenBLAS) take the same kernel specifications on their command line, so
// bench/run.py owns the one list of shapes:
//
//   matmul:M,K,N                    C[M,N] = A[M,K] B[K,N], row-major
//   conv_forward:N,C,H,W,K,R,S,P,T  y = conv(x[N,C,H,W], w[K,C,R,S]), padding P, stride T
//   conv_backward_input:...         the gradient of x, from dy[N,K,OH,OW] and w
//   conv_backward_filter:...        the gradient of w, from x and dy
//   fma_ceiling                     independent 512-bit FMA chains on every thread
//
//===----------------------------------------------------------------------===//

#ifndef DLM_BENCH_KERNELSPEC_H
#define DLM_BENCH_KERNELSPEC_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dlm::bench {

/// One kernel to time.
struct KernelSpec {
  enum class Kind { MatMul, ConvForward, ConvBackwardInput, ConvBackwardFilter, FmaCeiling };
  Kind kind;
  /// The text it was parsed from, echoed in the results.
  std::string text;
  /// MatMul: M, K, N. Convolutions: N, C, H, W, K, R, S, padding, stride.
  std::vector<int64_t> sizes;

  bool isConvolution() const { return kind != Kind::MatMul && kind != Kind::FmaCeiling; }
  /// Convolutions: the output's spatial extent.
  int64_t outputHeight() const;
  int64_t outputWidth() const;
  /// Floating-point operations of one call (multiply and add count as two).
  double flops() const;
};

/// Parses `text`; on a malformed specification prints why and exits with status 2.
KernelSpec parseKernelSpec(const std::string &text);

/// Times `run`: one warm-up call, then `samples` timings of as many calls as fill about
/// `secondsPerSample`. Returns GFLOP/s per sample, given `flops` per call.
std::vector<double> measureGflops(const std::function<void()> &run, double flops, int samples,
                                  double secondsPerSample = 0.1);

/// One result line: {"peer": ..., "kernel": ..., "threads": ..., "gflops": [...]} on stdout.
void printResult(const std::string &peer, const KernelSpec &spec, int threads, const std::vector<double> &gflops);

/// Fills `data` with uniform numbers in [-1, 1) from a fixed seed.
void fillRandom(float *data, size_t count, uint64_t seed);

} // namespace dlm::bench

#endif // DLM_BENCH_KERNELSPEC_H
