//===- dlm-bench-kernels.cpp - Times dlm-generated matmuls and convolutions ===//
//
// dlm-bench-kernels --num-threads N --samples S SPEC...: writes each kernel as a
// one-op function of the dlm dialect, compiles it with the pipeline and LLVM
// options dlmc uses for executables (JIT-loaded here instead of linked), checks
// sampled outputs against float64 sums, and prints its GFLOP/s per sample as
// one JSON line (see KernelSpec.h for SPEC).
//
//===----------------------------------------------------------------------===//

#include "KernelSpec.h"

#include "dlm/Pipeline/Pipeline.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdlib>
#include <memory>
#include <random>

using namespace dlm::bench;
namespace cl = llvm::cl;

extern "C" void omp_set_num_threads(int count);

static cl::list<std::string> specTexts(cl::Positional, cl::desc("<kernel spec>..."), cl::OneOrMore);
static cl::opt<int> threads("num-threads", cl::desc("OpenMP threads"), cl::init(1));
static cl::opt<int> samples("samples", cl::desc("Timed samples per kernel"), cl::init(5));

namespace {

/// A float buffer aligned for 512-bit loads, with slack: generated code may read whole vectors.
struct AlignedBuffer {
  size_t count;
  std::unique_ptr<float, decltype(&std::free)> data;
};

AlignedBuffer allocate(size_t count) {
  auto *pointer = static_cast<float *>(std::aligned_alloc(64, (count * sizeof(float) + 127) / 64 * 64));
  return AlignedBuffer{count, {pointer, &std::free}};
}

/// The operands' and result's shapes: matmul (A, B) -> C; conv_forward (x, w) -> y;
/// conv_backward_input (dy, w) -> dx; conv_backward_filter (x, dy) -> dw.
std::vector<std::vector<int64_t>> shapesOf(const KernelSpec &spec) {
  const std::vector<int64_t> &s = spec.sizes;
  if (spec.kind == KernelSpec::Kind::MatMul)
    return {{s[0], s[1]}, {s[1], s[2]}, {s[0], s[2]}};
  std::vector<int64_t> input{s[0], s[1], s[2], s[3]}, filter{s[4], s[1], s[5], s[6]},
      output{s[0], s[4], spec.outputHeight(), spec.outputWidth()};
  switch (spec.kind) {
  case KernelSpec::Kind::ConvForward:
    return {input, filter, output};
  case KernelSpec::Kind::ConvBackwardInput:
    return {output, filter, input};
  default:
    return {input, output, filter};
  }
}

std::string typeOf(const std::vector<int64_t> &shape) {
  std::string text = "tensor<";
  for (int64_t extent : shape)
    text += std::to_string(extent) + "x";
  return text + "f32>";
}

/// The kernel as a dlm-dialect module with one function, @kernel.
std::string moduleText(const KernelSpec &spec) {
  auto shapes = shapesOf(spec);
  std::string a = typeOf(shapes[0]), b = typeOf(shapes[1]), result = typeOf(shapes[2]);
  std::string op;
  if (spec.kind == KernelSpec::Kind::MatMul) {
    op = "dlm.matmul %a, %b";
  } else {
    const char *name = spec.kind == KernelSpec::Kind::ConvForward       ? "dlm.conv"
                       : spec.kind == KernelSpec::Kind::ConvBackwardInput ? "dlm.conv_backward_input"
                                                                          : "dlm.conv_backward_filter";
    std::string padding = std::to_string(spec.sizes[7]), stride = std::to_string(spec.sizes[8]);
    op = std::string(name) + " %a, %b {dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: " +
         padding + ", " + padding + ">, stride = array<i64: " + stride + ", " + stride + ">}";
  }
  return "func.func @kernel(%a: " + a + ", %b: " + b + ") -> " + result + " attributes {dlm.entry_symbol = " +
         "\"dlm_bench_kernel\"} {\n  %y = " + op + " : (" + a + ", " + b + ") -> " + result +
         "\n  return %y : " + result + "\n}\n";
}

/// Result element `index` in float64, and the sum of its terms' magnitudes (the scale of its
/// rounding error).
std::pair<double, double> referenceElement(const KernelSpec &spec, const float *a, const float *b, size_t index) {
  const std::vector<int64_t> &s = spec.sizes;
  double sum = 0, magnitude = 0;
  auto add = [&](double x, double y) {
    sum += x * y;
    magnitude += std::fabs(x * y);
  };
  if (spec.kind == KernelSpec::Kind::MatMul) {
    int64_t m = index / s[2], n = index % s[2];
    for (int64_t k = 0; k < s[1]; ++k)
      add(a[m * s[1] + k], b[k * s[2] + n]);
    return {sum, magnitude};
  }
  int64_t batch = s[0], channels = s[1], height = s[2], width = s[3], filters = s[4], rows = s[5], columns = s[6],
          padding = s[7], stride = s[8], outHeight = spec.outputHeight(), outWidth = spec.outputWidth();
  auto input = [&](int64_t n, int64_t c, int64_t h, int64_t w) { return ((n * channels + c) * height + h) * width + w; };
  auto filter = [&](int64_t k, int64_t c, int64_t r, int64_t q) { return ((k * channels + c) * rows + r) * columns + q; };
  auto output = [&](int64_t n, int64_t k, int64_t h, int64_t w) {
    return ((n * filters + k) * outHeight + h) * outWidth + w;
  };
  // The input element that tap (r, q) of output position (oh, ow) reads; zero in the padding.
  auto tap = [&](int64_t n, int64_t c, int64_t oh, int64_t ow, int64_t r, int64_t q) -> double {
    int64_t h = oh * stride - padding + r, w = ow * stride - padding + q;
    return h >= 0 && h < height && w >= 0 && w < width ? a[input(n, c, h, w)] : 0.0;
  };
  if (spec.kind == KernelSpec::Kind::ConvForward) {
    int64_t ow = index % outWidth, oh = index / outWidth % outHeight, k = index / (outWidth * outHeight) % filters,
            n = index / (outWidth * outHeight * filters);
    for (int64_t c = 0; c < channels; ++c)
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t q = 0; q < columns; ++q)
          add(tap(n, c, oh, ow, r, q), b[filter(k, c, r, q)]);
  } else if (spec.kind == KernelSpec::Kind::ConvBackwardInput) {
    int64_t w = index % width, h = index / width % height, c = index / (width * height) % channels,
            n = index / (width * height * channels);
    for (int64_t k = 0; k < filters; ++k)
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t q = 0; q < columns; ++q) {
          int64_t hs = h + padding - r, ws = w + padding - q;
          if (hs >= 0 && ws >= 0 && hs % stride == 0 && ws % stride == 0 && hs / stride < outHeight &&
              ws / stride < outWidth)
            add(a[output(n, k, hs / stride, ws / stride)], b[filter(k, c, r, q)]);
        }
  } else {
    int64_t q = index % columns, r = index / columns % rows, c = index / (columns * rows) % channels,
            k = index / (columns * rows * channels);
    for (int64_t n = 0; n < batch; ++n)
      for (int64_t oh = 0; oh < outHeight; ++oh)
        for (int64_t ow = 0; ow < outWidth; ++ow)
          add(tap(n, c, oh, ow, r, q), b[output(n, k, oh, ow)]);
  }
  return {sum, magnitude};
}

/// Compiles `spec` and returns its entry point, or null after printing why.
using Entry = void (*)(void **);
Entry compile(const KernelSpec &spec, mlir::MLIRContext &context, std::vector<std::unique_ptr<mlir::ExecutionEngine>> &engines) {
  mlir::OwningOpRef<mlir::ModuleOp> module = mlir::parseSourceString<mlir::ModuleOp>(moduleText(spec), &context);
  if (!module)
    return nullptr;
  dlm::CodegenOptions options;
  mlir::PassManager passes(&context);
  dlm::buildLinalgPipeline(passes, options);
  dlm::buildLLVMDialectPipeline(passes, options);
  if (mlir::failed(passes.run(*module)))
    return nullptr;
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine = dlm::createTargetMachine(options, error);
  if (!machine) {
    llvm::errs() << "error: " << error << "\n";
    return nullptr;
  }
  llvm::TargetMachine *target = machine.get();
  auto transformer = [&](llvm::Module *llvmModule) { return dlm::optimizeLLVMModule(*llvmModule, *target, options); };
  mlir::ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  auto engine = mlir::ExecutionEngine::create(*module, engineOptions, std::move(machine));
  if (!engine) {
    llvm::errs() << "error: JIT compilation failed: " << llvm::toString(engine.takeError()) << "\n";
    return nullptr;
  }
  (*engine)->initialize();
  auto entry = (*engine)->lookup("dlm_bench_kernel");
  if (!entry) {
    llvm::errs() << "error: " << llvm::toString(entry.takeError()) << "\n";
    return nullptr;
  }
  engines.push_back(std::move(*engine));
  return reinterpret_cast<Entry>(*entry);
}

/// Compares 64 sampled result elements with float64 sums; prints the first mismatch.
bool resultsAgree(const KernelSpec &spec, const AlignedBuffer &a, const AlignedBuffer &b, const AlignedBuffer &result) {
  std::mt19937_64 generator(1);
  for (int sample = 0; sample < 64; ++sample) {
    size_t index = generator() % result.count;
    auto [expected, magnitude] = referenceElement(spec, a.data.get(), b.data.get(), index);
    double got = result.data.get()[index];
    if (std::fabs(got - expected) > 1e-5 * magnitude + 1e-6) {
      llvm::errs() << "error: " << spec.text << ": element " << index << " is " << got << ", float64 gives "
                   << expected << " (tolerance 1e-5 of " << magnitude << ")\n";
      return false;
    }
  }
  return true;
}

size_t elementsOf(const std::vector<int64_t> &shape) {
  size_t count = 1;
  for (int64_t extent : shape)
    count *= static_cast<size_t>(extent);
  return count;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "dlm kernel benchmark: dlm-generated code\n");
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  mlir::DialectRegistry registry;
  dlm::registerPipeline(registry);
  mlir::MLIRContext context(registry);
  omp_set_num_threads(threads);
  std::vector<std::unique_ptr<mlir::ExecutionEngine>> engines;

  bool allAgree = true;
  for (const std::string &text : specTexts) {
    KernelSpec spec = parseKernelSpec(text);
    if (spec.kind == KernelSpec::Kind::FmaCeiling)
      continue; // the peers program measures the machine
    Entry entry = compile(spec, context, engines);
    if (!entry)
      return 1;
    auto shapes = shapesOf(spec);
    AlignedBuffer a = allocate(elementsOf(shapes[0])), b = allocate(elementsOf(shapes[1])),
                  result = allocate(elementsOf(shapes[2]));
    fillRandom(a.data.get(), a.count, 1);
    fillRandom(b.data.get(), b.count, 2);
    void *pointers[] = {a.data.get(), b.data.get(), result.data.get()};
    auto run = [&] { entry(pointers); };
    run();
    if (!resultsAgree(spec, a, b, result)) {
      allAgree = false;
      continue;
    }
    printResult("dlm", spec, threads, measureGflops(run, spec.flops(), samples));
  }
  return allAgree ? 0 : 1;
}
