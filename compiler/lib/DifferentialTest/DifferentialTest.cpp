//===- DifferentialTest.cpp - Compiled code against the reference evaluator ===//
//
// The reference evaluator (float64, plain loops, one op at a time) is the
// specification; the compiled code must agree with it within float32
// tolerances on random inputs. Compilation here is the very pipeline dlmc
// uses, JIT-linked in-process, so the packed entry points are exercised too.
//
//===----------------------------------------------------------------------===//

#include "dlm/DifferentialTest/DifferentialTest.h"

#include "dlm/Interpreter/Interpreter.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/TargetSelect.h"

#include <cmath>
#include <cstring>
#include <random>

namespace dlm {
namespace {

/// One buffer in the element type the compiled code uses.
struct Buffer {
  mlir::Type element;
  std::vector<uint8_t> bytes;

  size_t width() const { return element.isInteger(1) ? 1 : (element.getIntOrFloatBitWidth() + 7) / 8; }

  static Buffer of(mlir::RankedTensorType type) {
    Buffer buffer{type.getElementType(), {}};
    // 64 bytes of slack: the compiled code may read whole vectors.
    buffer.bytes.assign(type.getNumElements() * buffer.width() + 64, 0);
    return buffer;
  }

  double get(int64_t i) const {
    const uint8_t *p = bytes.data() + i * width();
    if (element.isF32()) { float v; std::memcpy(&v, p, 4); return v; }
    if (element.isF64()) { double v; std::memcpy(&v, p, 8); return v; }
    if (element.isInteger(64)) { int64_t v; std::memcpy(&v, p, 8); return static_cast<double>(v); }
    if (element.isInteger(32)) { int32_t v; std::memcpy(&v, p, 4); return v; }
    if (element.isInteger(8)) return static_cast<int8_t>(*p);
    return *p & 1;
  }

  void set(int64_t i, double value) {
    uint8_t *p = bytes.data() + i * width();
    if (element.isF32()) { float v = static_cast<float>(value); std::memcpy(p, &v, 4); }
    else if (element.isF64()) std::memcpy(p, &value, 8);
    else if (element.isInteger(64)) { int64_t v = static_cast<int64_t>(value); std::memcpy(p, &v, 8); }
    else if (element.isInteger(32)) { int32_t v = static_cast<int32_t>(value); std::memcpy(p, &v, 4); }
    else if (element.isInteger(8)) *p = static_cast<uint8_t>(static_cast<int8_t>(value));
    else *p = value != 0;
  }
};

/// The reference inputs of `function`: its arguments' declared ranges, or
/// the defaults; step counts and learning rates get plausible values.
std::vector<ReferenceTensor> randomArguments(mlir::func::FuncOp function, std::mt19937_64 &generator) {
  std::vector<ReferenceTensor> arguments;
  for (unsigned i = 0; i < function.getNumArguments(); ++i) {
    auto type = llvm::cast<mlir::RankedTensorType>(function.getArgumentTypes()[i]);
    ReferenceTensor tensor;
    tensor.shape.assign(type.getShape().begin(), type.getShape().end());
    tensor.data.resize(type.getNumElements());
    mlir::Type element = type.getElementType();
    bool isFloat = llvm::isa<mlir::FloatType>(element);
    double low = isFloat ? -1 : 0, high = isFloat ? 1 : (element.isInteger(1) ? 2 : 10);
    if (auto range = function.getArgAttrOfType<mlir::ArrayAttr>(i, "dlm.test_range")) {
      low = llvm::cast<mlir::FloatAttr>(range[0]).getValueAsDouble();
      high = llvm::cast<mlir::FloatAttr>(range[1]).getValueAsDouble();
    } else if (function.getArgAttr(i, "dlm.step_count")) {
      low = high = 3;
    } else if (function.getArgAttr(i, "dlm.learning_rate")) {
      low = high = 0.01;
    } else if (function.getArgAttr(i, "dlm.optimizer_state") || function.getArgAttr(i, "dlm.state")) {
      // Second moments and running variances are positive; near zero, Adam's
      // m / sqrt(v) would amplify float32 rounding beyond any fixed tolerance.
      low = 0.25;
    } else if (function.getArgAttr(i, "dlm.random_key")) {
      low = 0, high = 1 << 30;
    }
    std::uniform_real_distribution<double> uniform(low, high);
    for (double &value : tensor.data) {
      value = low == high ? low : uniform(generator);
      if (!isFloat)
        value = std::floor(value);
      else if (element.isF32())
        value = static_cast<float>(value); // both sides see the same inputs
    }
    arguments.push_back(std::move(tensor));
  }
  return arguments;
}

/// The largest tolerance-scaled error of `compiled` against `reference`.
struct Comparison {
  double worstRatio = 0, absoluteError = 0;
  int64_t worstIndex = 0;
};

Comparison compare(const Buffer &compiled, const ReferenceTensor &reference, const DifferentialTolerance &tolerance) {
  Comparison result;
  bool exact = !llvm::isa<mlir::FloatType>(compiled.element);
  // Relative to the tensor's largest magnitude: a sum's rounding error scales
  // with its terms, not with a result that cancelled down to near zero.
  double scale = 0;
  for (double r : reference.data)
    scale = std::max(scale, std::fabs(r));
  double allowed = exact ? 0.5 : tolerance.absolute + tolerance.relative * scale;
  for (int64_t i = 0; i < reference.size(); ++i) {
    double c = compiled.get(i), r = reference.data[i];
    double error = std::fabs(c - r);
    double ratio = std::isnan(c) != std::isnan(r) ? INFINITY : (std::isnan(c) ? 0 : error / allowed);
    if (ratio > result.worstRatio) {
      result.worstRatio = ratio;
      result.absoluteError = error;
      result.worstIndex = i;
    }
  }
  return result;
}

} // namespace

bool runDifferentialTest(mlir::ModuleOp module, const CodegenOptions &options, const DifferentialTolerance &tolerance,
                         uint64_t seed, llvm::raw_ostream &os) {
  llvm::SmallVector<mlir::func::FuncOp> functions;
  for (auto function : module.getOps<mlir::func::FuncOp>())
    if (function.isPublic())
      functions.push_back(function);

  // The compiled side: a copy of the module through the whole pipeline.
  mlir::OwningOpRef<mlir::ModuleOp> compiled = module.clone();
  mlir::Builder builder(module.getContext());
  unsigned index = 0;
  for (auto function : compiled->getOps<mlir::func::FuncOp>())
    if (function.isPublic() && !function->hasAttr("dlm.entry_symbol"))
      function->setAttr("dlm.entry_symbol", builder.getStringAttr("dlm_difftest_" + std::to_string(index++)));
  std::vector<std::string> symbols;
  for (auto function : compiled->getOps<mlir::func::FuncOp>())
    if (function.isPublic())
      symbols.push_back(function->getAttrOfType<mlir::StringAttr>("dlm.entry_symbol").getValue().str());
  mlir::PassManager passes(module.getContext());
  buildLinalgPipeline(passes, options);
  buildLLVMDialectPipeline(passes, options);
  if (mlir::failed(passes.run(*compiled)))
    return false;

  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine = createTargetMachine(options, error);
  if (!machine) {
    os << "error: " << error << "\n";
    return false;
  }
  llvm::TargetMachine *target = machine.get();
  auto transformer = [&](llvm::Module *llvmModule) { return optimizeLLVMModule(*llvmModule, *target, options); };
  mlir::ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  auto engine = mlir::ExecutionEngine::create(*compiled, engineOptions, std::move(machine));
  if (!engine) {
    os << "error: JIT compilation failed: " << llvm::toString(engine.takeError()) << "\n";
    return false;
  }
  (*engine)->initialize();

  std::mt19937_64 generator(seed);
  bool allPassed = true;
  for (auto [function, symbol] : llvm::zip(functions, symbols)) {
    os << "# " << function.getSymName() << "\n";
    os.flush();
    std::vector<ReferenceTensor> arguments = randomArguments(function, generator);
    auto reference = interpret(function, arguments);
    if (mlir::failed(reference))
      return false;
    auto entry = (*engine)->lookup(symbol);
    if (!entry) {
      os << "error: no compiled entry '" << symbol << "': " << llvm::toString(entry.takeError()) << "\n";
      return false;
    }
    std::vector<Buffer> buffers;
    for (auto [type, argument] : llvm::zip(function.getArgumentTypes(), arguments)) {
      buffers.push_back(Buffer::of(llvm::cast<mlir::RankedTensorType>(type)));
      for (int64_t i = 0; i < argument.size(); ++i)
        buffers.back().set(i, argument.data[i]);
    }
    for (mlir::Type type : function.getResultTypes())
      buffers.push_back(Buffer::of(llvm::cast<mlir::RankedTensorType>(type)));
    std::vector<void *> pointers;
    for (Buffer &buffer : buffers)
      pointers.push_back(buffer.bytes.data());
    reinterpret_cast<void (*)(void **)>(*entry)(pointers.data());

    for (unsigned r = 0; r < function.getNumResults(); ++r) {
      const Buffer &result = buffers[function.getNumArguments() + r];
      Comparison comparison = compare(result, (*reference)[r], tolerance);
      bool passed = comparison.worstRatio <= 1;
      allPassed &= passed;
      os << (passed ? "PASS " : "FAIL ") << function.getSymName() << " result " << r << ": max error "
         << llvm::format("%.3g", comparison.absoluteError) << " (" << llvm::format("%.2f", comparison.worstRatio)
         << " of the tolerance)";
      if (!passed)
        os << " at element " << comparison.worstIndex << ": compiled " << result.get(comparison.worstIndex)
           << ", reference " << (*reference)[r].data[comparison.worstIndex];
      os << "\n";
    }
  }
  return allPassed;
}

} // namespace dlm
