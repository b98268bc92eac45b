//===- Interpreter.cpp - Float64 reference evaluator of the dlm dialect ---===//
//
// Each op is a direct loop nest over its definition. Speed does not matter;
// being obviously right does: this is what every gradient and, later, every
// compiled kernel is checked against.
//
//===----------------------------------------------------------------------===//

#include "dlm/Interpreter/Interpreter.h"

#include "dlm/Dialect/Dlm/DlmOps.h"
#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <limits>
#include <numeric>

using namespace mlir;
using ::dlm::ReferenceTensor;

namespace dlm {
int64_t ReferenceTensor::size() const {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<int64_t>());
}
} // namespace dlm

double ::dlm::counterUniform(uint64_t key, uint64_t id, uint64_t index) {
  // SplitMix64 over a combination of the three counters: stateless, so any
  // element can be drawn independently and in any order.
  uint64_t z = key * 0x9E3779B97F4A7C15ull ^ (id + 0x632BE59BD9B4E019ull) * 0xBF58476D1CE4E5B9ull ^
               (index + 1) * 0x94D049BB133111EBull;
  for (int round = 0; round < 2; ++round) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
  }
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

namespace {

using Shape = std::vector<int64_t>;

Shape shapeOf(Value value) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  return Shape(type.getShape().begin(), type.getShape().end());
}

Shape stridesOf(const Shape &shape) {
  Shape strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// Calls `body(index, multiIndex)` for every element of `shape`, row-major.
template <typename Body> void forEachIndex(const Shape &shape, Body body) {
  int64_t total = std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<int64_t>());
  Shape index(shape.size(), 0);
  for (int64_t flat = 0; flat < total; ++flat) {
    body(flat, index);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

/// The flat position in `tensor` read by the broadcast `index` of a larger shape.
int64_t broadcastOffset(const ReferenceTensor &tensor, const Shape &index) {
  int64_t offset = 0, stride = 1;
  size_t extra = index.size() - tensor.shape.size();
  for (int64_t d = static_cast<int64_t>(tensor.shape.size()) - 1; d >= 0; --d) {
    int64_t i = tensor.shape[d] == 1 ? 0 : index[d + extra];
    offset += i * stride;
    stride *= tensor.shape[d];
  }
  return offset;
}

ReferenceTensor filled(const Shape &shape, double value) {
  ReferenceTensor tensor{shape, {}};
  tensor.data.assign(tensor.size(), value);
  return tensor;
}

template <typename F> ReferenceTensor map(const ReferenceTensor &input, F f) {
  ReferenceTensor result{input.shape, input.data};
  for (double &x : result.data)
    x = f(x);
  return result;
}

template <typename F>
ReferenceTensor zipBroadcast(const std::vector<const ReferenceTensor *> &inputs, const Shape &shape, F f) {
  ReferenceTensor result = filled(shape, 0);
  std::vector<double> scalars(inputs.size());
  forEachIndex(shape, [&](int64_t flat, const Shape &index) {
    for (size_t i = 0; i < inputs.size(); ++i)
      scalars[i] = inputs[i]->data[broadcastOffset(*inputs[i], index)];
    result.data[flat] = f(scalars);
  });
  return result;
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

/// Rounds a double to the element type's semantics on conversion.
double convertTo(double value, Type element) {
  if (element.isInteger(1))
    return value != 0 ? 1 : 0;
  if (llvm::isa<IntegerType>(element))
    return std::trunc(value);
  return value;
}

/// Iterates a convolution's terms: calls term(outputOffset, inputOffset, filterOffset) for every
/// (output, input, filter) triple the convolution multiplies, skipping the padding.
template <typename Term>
void forEachConvolutionTerm(const Shape &input, const Shape &filter, const Shape &output, llvm::ArrayRef<int64_t> stride,
                            llvm::ArrayRef<int64_t> padding, llvm::ArrayRef<int64_t> dilation, int64_t groups,
                            Term term) {
  int64_t spatial = static_cast<int64_t>(input.size()) - 2;
  int64_t channelsPerGroup = input[1] / groups, outputsPerGroup = filter[0] / groups;
  Shape inputStrides = stridesOf(input), filterStrides = stridesOf(filter);
  Shape kernel(filter.begin() + 2, filter.end());
  forEachIndex(output, [&](int64_t outputOffset, const Shape &o) {
    int64_t group = o[1] / outputsPerGroup;
    for (int64_t c = 0; c < channelsPerGroup; ++c) {
      forEachIndex(kernel, [&](int64_t, const Shape &k) {
        int64_t inputOffset = o[0] * inputStrides[0] + (group * channelsPerGroup + c) * inputStrides[1];
        for (int64_t d = 0; d < spatial; ++d) {
          int64_t position = o[2 + d] * stride[d] - padding[d] + k[d] * dilation[d];
          if (position < 0 || position >= input[2 + d])
            return;
          inputOffset += position * inputStrides[2 + d];
        }
        int64_t filterOffset = o[1] * filterStrides[0] + c * filterStrides[1];
        for (int64_t d = 0; d < spatial; ++d)
          filterOffset += k[d] * filterStrides[2 + d];
        term(outputOffset, inputOffset, filterOffset);
      });
    }
  });
}

/// Iterates pooling windows: window(outputOffset, positions) with the input
/// offsets inside the window (padding excluded) and the full window size.
template <typename Window>
void forEachWindow(const Shape &input, const Shape &output, llvm::ArrayRef<int64_t> window,
                   llvm::ArrayRef<int64_t> stride, llvm::ArrayRef<int64_t> padding, Window body) {
  int64_t spatial = static_cast<int64_t>(input.size()) - 2;
  Shape inputStrides = stridesOf(input);
  Shape windowShape(window.begin(), window.end());
  int64_t windowSize = std::accumulate(window.begin(), window.end(), int64_t{1}, std::multiplies<int64_t>());
  std::vector<int64_t> positions;
  forEachIndex(output, [&](int64_t outputOffset, const Shape &o) {
    positions.clear();
    forEachIndex(windowShape, [&](int64_t, const Shape &k) {
      int64_t offset = o[0] * inputStrides[0] + o[1] * inputStrides[1];
      for (int64_t d = 0; d < spatial; ++d) {
        int64_t position = o[2 + d] * stride[d] - padding[d] + k[d];
        if (position < 0 || position >= input[2 + d])
          return;
        offset += position * inputStrides[2 + d];
      }
      positions.push_back(offset);
    });
    body(outputOffset, positions, windowSize);
  });
}

/// An axis attribute (stored unsigned by ODS) counted from the end when negative.
int64_t normalizedAxis(int64_t axis, int64_t rank) { return axis < 0 ? axis + rank : axis; }

/// Splits a shape at `axis` into (outer, extent, inner) for softmax-like loops.
std::tuple<int64_t, int64_t, int64_t> splitAt(const Shape &shape, int64_t axis) {
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  for (int64_t d = axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
  return {outer, shape[axis], inner};
}

ReferenceTensor softmax(const ReferenceTensor &x, int64_t axis, bool logarithm) {
  ReferenceTensor result = x;
  auto [outer, extent, inner] = splitAt(x.shape, axis);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      // Captures by copy: C++17 lambdas cannot capture structured bindings by reference.
      auto at = [o, i, extent = extent, inner = inner](int64_t k) { return (o * extent + k) * inner + i; };
      double peak = -std::numeric_limits<double>::infinity();
      for (int64_t k = 0; k < extent; ++k)
        peak = std::max(peak, x.data[at(k)]);
      double total = 0;
      for (int64_t k = 0; k < extent; ++k)
        total += std::exp(x.data[at(k)] - peak);
      for (int64_t k = 0; k < extent; ++k)
        result.data[at(k)] = logarithm ? x.data[at(k)] - peak - std::log(total) : std::exp(x.data[at(k)] - peak) / total;
    }
  return result;
}

class Interpreter {
public:
  FailureOr<std::vector<ReferenceTensor>> run(func::FuncOp function, const std::vector<ReferenceTensor> &arguments) {
    Block &body = function.getBody().front();
    for (auto [argument, value] : llvm::zip(body.getArguments(), arguments))
      values[argument] = value;
    for (Operation &op : body) {
      if (auto ret = llvm::dyn_cast<func::ReturnOp>(op)) {
        std::vector<ReferenceTensor> results;
        for (Value operand : ret.getOperands())
          results.push_back(values.at(operand));
        return results;
      }
      // Scalars (constants CSE hoisted out of dlm.contract bodies) are read
      // where they are used.
      if (op.getNumResults() == 1 && !llvm::isa<TensorType>(op.getResult(0).getType()))
        continue;
      if (failed(evaluate(op)))
        return failure();
    }
    return function.emitError("no return");
  }

private:
  const ReferenceTensor &get(Value value) { return values.at(value); }

  LogicalResult evaluate(Operation &op);
  FailureOr<ReferenceTensor> evaluateContract(mlir::dlm::ContractOp op);
  FailureOr<double> evaluateScalar(Operation &op, llvm::DenseMap<Value, double> &scalars);

  llvm::DenseMap<Value, ReferenceTensor> values;
};

FailureOr<double> Interpreter::evaluateScalar(Operation &op, llvm::DenseMap<Value, double> &s) {
  auto in = [&](unsigned i) -> double {
    Value operand = op.getOperand(i);
    if (auto it = s.find(operand); it != s.end())
      return it->second;
    // A constant that canonicalize or CSE hoisted out of the body.
    if (auto constant = operand.getDefiningOp<arith::ConstantOp>()) {
      if (auto f = llvm::dyn_cast<FloatAttr>(constant.getValue()))
        return f.getValueAsDouble();
      if (auto integer = llvm::dyn_cast<IntegerAttr>(constant.getValue()))
        return static_cast<double>(integer.getInt());
    }
    return 0;
  };
  return llvm::TypeSwitch<Operation *, FailureOr<double>>(&op)
      .Case([&](arith::ConstantOp c) -> FailureOr<double> {
        if (auto f = llvm::dyn_cast<FloatAttr>(c.getValue()))
          return f.getValueAsDouble();
        if (auto i = llvm::dyn_cast<IntegerAttr>(c.getValue()))
          return static_cast<double>(i.getInt());
        return failure();
      })
      .Case([&](arith::AddFOp) { return in(0) + in(1); })
      .Case([&](arith::SubFOp) { return in(0) - in(1); })
      .Case([&](arith::MulFOp) { return in(0) * in(1); })
      .Case([&](arith::DivFOp) { return in(0) / in(1); })
      .Case([&](arith::NegFOp) { return -in(0); })
      .Case([&](arith::MaximumFOp) { return std::max(in(0), in(1)); })
      .Case([&](arith::MinimumFOp) { return std::min(in(0), in(1)); })
      .Case([&](arith::SelectOp) { return in(0) != 0 ? in(1) : in(2); })
      .Case([&](arith::CmpFOp cmp) -> FailureOr<double> {
        double a = in(0), b = in(1);
        switch (cmp.getPredicate()) {
        case arith::CmpFPredicate::OEQ: return a == b;
        case arith::CmpFPredicate::UNE: return a != b;
        case arith::CmpFPredicate::OLT: return a < b;
        case arith::CmpFPredicate::OLE: return a <= b;
        case arith::CmpFPredicate::OGT: return a > b;
        case arith::CmpFPredicate::OGE: return a >= b;
        default: return failure();
        }
      })
      .Case([&](math::ExpOp) { return std::exp(in(0)); })
      .Case([&](math::LogOp) { return std::log(in(0)); })
      .Case([&](math::SqrtOp) { return std::sqrt(in(0)); })
      .Case([&](math::RsqrtOp) { return 1 / std::sqrt(in(0)); })
      .Case([&](math::TanhOp) { return std::tanh(in(0)); })
      .Case([&](math::AbsFOp) { return std::fabs(in(0)); })
      .Case([&](math::SinOp) { return std::sin(in(0)); })
      .Case([&](math::CosOp) { return std::cos(in(0)); })
      .Case([&](math::PowFOp) { return std::pow(in(0), in(1)); })
      .Default([&](Operation *other) -> FailureOr<double> {
        return other->emitError("the reference evaluator cannot evaluate '") << other->getName() << "'";
      });
}

FailureOr<ReferenceTensor> Interpreter::evaluateContract(mlir::dlm::ContractOp op) {
  auto maps = llvm::to_vector(op.getIndexingMaps().getAsValueRange<AffineMapAttr>());
  Shape resultShape = shapeOf(op.getResult());
  llvm::SmallVector<int64_t> extents = op.getIterationExtents();
  if (llvm::is_contained(extents, -1))
    return op.emitError("the reference evaluator cannot infer an iteration extent of this contract");
  Shape reducedExtents(extents.begin() + resultShape.size(), extents.end());
  int64_t reducedCount = op.getReducedCount();
  ReferenceTensor result = filled(resultShape, 0);
  Block &body = op.getBody().front();
  llvm::DenseMap<Value, double> scalars;
  std::vector<Shape> strides;
  for (Value input : op.getInputs())
    strides.push_back(stridesOf(shapeOf(input)));
  LogicalResult status = success();
  forEachIndex(resultShape, [&](int64_t flat, const Shape &outer) {
    double accumulated = 0;
    bool first = true;
    forEachIndex(reducedExtents, [&](int64_t, const Shape &inner) {
      if (failed(status))
        return;
      Shape point(outer);
      point.insert(point.end(), inner.begin(), inner.end());
      for (auto [i, map] : llvm::enumerate(maps)) {
        llvm::SmallVector<int64_t> dims(point.begin(), point.end());
        llvm::SmallVector<int64_t> position = map.compose(dims);
        int64_t offset = 0;
        for (size_t d = 0; d < position.size(); ++d)
          offset += position[d] * strides[i][d];
        scalars[body.getArgument(i)] = get(op.getInputs()[i]).data[offset];
      }
      for (Operation &inside : body.without_terminator()) {
        FailureOr<double> value = evaluateScalar(inside, scalars);
        if (failed(value)) {
          status = failure();
          return;
        }
        scalars[inside.getResult(0)] = *value;
      }
      double term = scalars.lookup(body.getTerminator()->getOperand(0));
      switch (op.getKind()) {
      case mlir::dlm::ReductionKind::sum:
      case mlir::dlm::ReductionKind::mean: accumulated += term; break;
      case mlir::dlm::ReductionKind::max: accumulated = first ? term : std::max(accumulated, term); break;
      case mlir::dlm::ReductionKind::min: accumulated = first ? term : std::min(accumulated, term); break;
      case mlir::dlm::ReductionKind::prod: accumulated = first ? term : accumulated * term; break;
      }
      first = false;
    });
    result.data[flat] = op.getKind() == mlir::dlm::ReductionKind::mean ? accumulated / reducedCount : accumulated;
  });
  if (failed(status))
    return failure();
  return result;
}

LogicalResult Interpreter::evaluate(Operation &op) {
  using namespace mlir::dlm;
  if (op.getNumResults() != 1)
    return op.emitError("the reference evaluator expects one result");
  Value resultValue = op.getResult(0);
  Shape shape = shapeOf(resultValue);
  auto in = [&](unsigned i) -> const ReferenceTensor & { return get(op.getOperand(i)); };
  auto binary = [&](auto f) {
    return zipBroadcast({&in(0), &in(1)}, shape, [&](const std::vector<double> &v) { return f(v[0], v[1]); });
  };
  FailureOr<ReferenceTensor> result =
      llvm::TypeSwitch<Operation *, FailureOr<ReferenceTensor>>(&op)
          .Case([&](ConstantOp c) -> FailureOr<ReferenceTensor> {
            ReferenceTensor t{shape, {}};
            auto elements = llvm::cast<DenseElementsAttr>(c.getValue());
            if (llvm::isa<FloatType>(elements.getElementType()))
              for (APFloat v : elements.getValues<APFloat>())
                t.data.push_back(v.convertToDouble());
            else
              for (APInt v : elements.getValues<APInt>())
                t.data.push_back(static_cast<double>(elements.getElementType().isInteger(1) ? v.getZExtValue() : v.getSExtValue()));
            if (t.data.size() == 1 && t.size() != 1)
              t.data.assign(t.size(), t.data[0]);
            return t;
          })
          .Case([&](AddOp) { return binary([](double a, double b) { return a + b; }); })
          .Case([&](SubOp) { return binary([](double a, double b) { return a - b; }); })
          .Case([&](MulOp) { return binary([](double a, double b) { return a * b; }); })
          .Case([&](DivOp) {
            // Integer division truncates toward zero, as the language reference says.
            bool integer = llvm::isa<IntegerType>(getElementTypeOrSelf(resultValue));
            return binary([integer](double a, double b) { return integer ? std::trunc(a / b) : a / b; });
          })
          // The remainder has the sign of the dividend (C's fmod and %), for floats and integers.
          .Case([&](RemOp) { return binary([](double a, double b) { return std::fmod(a, b); }); })
          .Case([&](PowOp) { return binary([](double a, double b) { return std::pow(a, b); }); })
          .Case([&](MaxOp) { return binary([](double a, double b) { return std::max(a, b); }); })
          .Case([&](MinOp) { return binary([](double a, double b) { return std::min(a, b); }); })
          .Case([&](AndOp) { return binary([](double a, double b) { return double(a != 0 && b != 0); }); })
          .Case([&](OrOp) { return binary([](double a, double b) { return double(a != 0 || b != 0); }); })
          .Case([&](CompareOp c) {
            ComparisonPredicate p = c.getPredicate();
            return binary([p](double a, double b) -> double {
              switch (p) {
              case ComparisonPredicate::eq: return a == b;
              case ComparisonPredicate::ne: return a != b;
              case ComparisonPredicate::lt: return a < b;
              case ComparisonPredicate::le: return a <= b;
              case ComparisonPredicate::gt: return a > b;
              case ComparisonPredicate::ge: return a >= b;
              }
              return 0;
            });
          })
          .Case([&](SelectOp) {
            return zipBroadcast({&in(0), &in(1), &in(2)}, shape,
                                [](const std::vector<double> &v) { return v[0] != 0 ? v[1] : v[2]; });
          })
          .Case([&](NegOp) { return map(in(0), [](double x) { return -x; }); })
          .Case([&](ExpOp) { return map(in(0), [](double x) { return std::exp(x); }); })
          .Case([&](LogOp) { return map(in(0), [](double x) { return std::log(x); }); })
          .Case([&](SqrtOp) { return map(in(0), [](double x) { return std::sqrt(x); }); })
          .Case([&](RsqrtOp) { return map(in(0), [](double x) { return 1 / std::sqrt(x); }); })
          .Case([&](AbsOp) { return map(in(0), [](double x) { return std::fabs(x); }); })
          .Case([&](SignOp) { return map(in(0), [](double x) { return double((x > 0) - (x < 0)); }); })
          .Case([&](TanhOp) { return map(in(0), [](double x) { return std::tanh(x); }); })
          .Case([&](SigmoidOp) { return map(in(0), sigmoid); })
          .Case([&](ReluOp) { return map(in(0), [](double x) { return std::max(x, 0.0); }); })
          .Case([&](GeluOp) { return map(in(0), [](double x) { return x * 0.5 * (1 + std::erf(x * M_SQRT1_2)); }); })
          .Case([&](SoftplusOp) {
            return map(in(0), [](double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); });
          })
          .Case([&](SinOp) { return map(in(0), [](double x) { return std::sin(x); }); })
          .Case([&](CosOp) { return map(in(0), [](double x) { return std::cos(x); }); })
          .Case([&](ErfOp) { return map(in(0), [](double x) { return std::erf(x); }); })
          .Case([&](FloorOp) { return map(in(0), [](double x) { return std::floor(x); }); })
          .Case([&](NotOp) { return map(in(0), [](double x) { return double(x == 0); }); })
          .Case([&](StopGradientOp) { return in(0); })
          .Case([&](LeakyReluOp r) {
            double slope = r.getSlope().convertToDouble();
            return map(in(0), [slope](double x) { return x > 0 ? x : slope * x; });
          })
          .Case([&](EluOp e) {
            double alpha = e.getAlpha().convertToDouble();
            return map(in(0), [alpha](double x) { return x > 0 ? x : alpha * (std::exp(x) - 1); });
          })
          .Case([&](ConvertOp) {
            Type element = llvm::cast<RankedTensorType>(resultValue.getType()).getElementType();
            return map(in(0), [element](double x) { return convertTo(x, element); });
          })
          .Case([&](ReduceOp r) {
            const ReferenceTensor &x = in(0);
            Shape kept = x.shape;
            for (int64_t axis : r.getAxes())
              kept[axis] = 1;
            ReferenceTensor keptResult = filled(kept, 0);
            std::vector<bool> seen(keptResult.size(), false);
            int64_t count = x.size() / std::max<int64_t>(1, keptResult.size());
            forEachIndex(x.shape, [&](int64_t flat, const Shape &index) {
              int64_t target = broadcastOffset(keptResult, index);
              double v = x.data[flat], &acc = keptResult.data[target];
              switch (r.getKind()) {
              case ReductionKind::sum:
              case ReductionKind::mean: acc += v; break;
              case ReductionKind::max: acc = seen[target] ? std::max(acc, v) : v; break;
              case ReductionKind::min: acc = seen[target] ? std::min(acc, v) : v; break;
              case ReductionKind::prod: acc = seen[target] ? acc * v : v; break;
              }
              seen[target] = true;
            });
            if (r.getKind() == ReductionKind::mean)
              for (double &v : keptResult.data)
                v /= count;
            keptResult.shape = shape;
            return keptResult;
          })
          .Case([&](ArgMaxOp a) {
            const ReferenceTensor &x = in(0);
            int64_t axis = normalizedAxis(static_cast<int64_t>(a.getAxis()), static_cast<int64_t>(x.shape.size()));
            auto [outer, extent, inner] = splitAt(x.shape, axis);
            ReferenceTensor r = filled(shape, 0);
            for (int64_t o = 0; o < outer; ++o)
              for (int64_t i = 0; i < inner; ++i) {
                int64_t best = 0;
                for (int64_t k = 1; k < extent; ++k)
                  if (x.data[(o * extent + k) * inner + i] > x.data[(o * extent + best) * inner + i])
                    best = k;
                r.data[o * inner + i] = static_cast<double>(best);
              }
            return r;
          })
          .Case([&](MatMulOp) {
            const ReferenceTensor &a = in(0), &b = in(1);
            int64_t m = a.shape[a.shape.size() - 2], k = a.shape.back(), n = b.shape.back();
            ReferenceTensor r = filled(shape, 0);
            Shape batch(shape.begin(), shape.end() - 2);
            ReferenceTensor aBatch{Shape(a.shape.begin(), a.shape.end() - 2), {}}, bBatch{Shape(b.shape.begin(), b.shape.end() - 2), {}};
            forEachIndex(batch, [&](int64_t flat, const Shape &index) {
              int64_t aOffset = broadcastOffset(aBatch, index) * m * k, bOffset = broadcastOffset(bBatch, index) * k * n;
              for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < n; ++j) {
                  double total = 0;
                  for (int64_t p = 0; p < k; ++p)
                    total += a.data[aOffset + i * k + p] * b.data[bOffset + p * n + j];
                  r.data[flat * m * n + i * n + j] = total;
                }
            });
            return r;
          })
          .Case([&](ContractOp c) { return evaluateContract(c); })
          .Case([&](ReshapeOp) { return ReferenceTensor{shape, in(0).data}; })
          .Case([&](TransposeOp t) {
            const ReferenceTensor &x = in(0);
            Shape inputStrides = stridesOf(x.shape);
            ReferenceTensor r = filled(shape, 0);
            forEachIndex(shape, [&](int64_t flat, const Shape &index) {
              int64_t offset = 0;
              for (auto [i, axis] : llvm::enumerate(t.getPermutation()))
                offset += index[i] * inputStrides[axis];
              r.data[flat] = x.data[offset];
            });
            return r;
          })
          .Case([&](BroadcastOp) {
            return zipBroadcast({&in(0)}, shape, [](const std::vector<double> &v) { return v[0]; });
          })
          .Case([&](SliceOp s) {
            const ReferenceTensor &x = in(0);
            Shape inputStrides = stridesOf(x.shape);
            ReferenceTensor r = filled(shape, 0);
            forEachIndex(shape, [&](int64_t flat, const Shape &index) {
              int64_t offset = 0;
              for (size_t d = 0; d < index.size(); ++d)
                offset += (s.getStart()[d] + index[d] * s.getStride()[d]) * inputStrides[d];
              r.data[flat] = x.data[offset];
            });
            return r;
          })
          .Case([&](ConcatOp c) {
            int64_t axis = normalizedAxis(static_cast<int64_t>(c.getAxis()), static_cast<int64_t>(shape.size()));
            ReferenceTensor r = filled(shape, 0);
            Shape resultStrides = stridesOf(shape);
            int64_t base = 0;
            for (Value input : c.getInputs()) {
              const ReferenceTensor &x = get(input);
              forEachIndex(x.shape, [&](int64_t flat, const Shape &index) {
                Shape target = index;
                target[axis] += base;
                int64_t offset = 0;
                for (size_t d = 0; d < target.size(); ++d)
                  offset += target[d] * resultStrides[d];
                r.data[offset] = x.data[flat];
              });
              base += x.shape[axis];
            }
            return r;
          })
          .Case([&](PadOp p) {
            const ReferenceTensor &x = in(0);
            ReferenceTensor r = filled(shape, p.getValue().convertToDouble());
            Shape resultStrides = stridesOf(shape);
            forEachIndex(x.shape, [&](int64_t flat, const Shape &index) {
              int64_t offset = 0;
              for (size_t d = 0; d < index.size(); ++d)
                offset += (index[d] + p.getLow()[d]) * resultStrides[d];
              r.data[offset] = x.data[flat];
            });
            return r;
          })
          .Case([&](ConvOp c) {
            ReferenceTensor r = filled(shape, 0);
            const ReferenceTensor &x = in(0), &w = in(1);
            forEachConvolutionTerm(x.shape, w.shape, shape, c.getStride(), c.getPadding(), c.getDilation(), c.getGroups(),
                                   [&](int64_t o, int64_t i, int64_t f) { r.data[o] += x.data[i] * w.data[f]; });
            return r;
          })
          .Case([&](ConvBackwardInputOp c) {
            ReferenceTensor r = filled(shape, 0);
            const ReferenceTensor &g = in(0), &w = in(1);
            forEachConvolutionTerm(shape, w.shape, g.shape, c.getStride(), c.getPadding(), c.getDilation(), c.getGroups(),
                                   [&](int64_t o, int64_t i, int64_t f) { r.data[i] += g.data[o] * w.data[f]; });
            return r;
          })
          .Case([&](ConvBackwardFilterOp c) {
            ReferenceTensor r = filled(shape, 0);
            const ReferenceTensor &x = in(0), &g = in(1);
            forEachConvolutionTerm(x.shape, shape, g.shape, c.getStride(), c.getPadding(), c.getDilation(), c.getGroups(),
                                   [&](int64_t o, int64_t i, int64_t f) { r.data[f] += g.data[o] * x.data[i]; });
            return r;
          })
          .Case([&](MaxPoolOp p) {
            ReferenceTensor r = filled(shape, 0);
            const ReferenceTensor &x = in(0);
            forEachWindow(x.shape, shape, p.getWindow(), p.getStride(), p.getPadding(),
                          [&](int64_t o, const std::vector<int64_t> &positions, int64_t) {
                            double best = -std::numeric_limits<double>::infinity();
                            for (int64_t i : positions)
                              best = std::max(best, x.data[i]);
                            r.data[o] = best;
                          });
            return r;
          })
          .Case([&](AvgPoolOp p) {
            ReferenceTensor r = filled(shape, 0);
            const ReferenceTensor &x = in(0);
            forEachWindow(x.shape, shape, p.getWindow(), p.getStride(), p.getPadding(),
                          [&](int64_t o, const std::vector<int64_t> &positions, int64_t size) {
                            double total = 0;
                            for (int64_t i : positions)
                              total += x.data[i];
                            r.data[o] = total / size;
                          });
            return r;
          })
          .Case([&](PoolBackwardOp p) {
            ReferenceTensor r = filled(shape, 0);
            const ReferenceTensor &x = in(0), &g = in(1);
            bool isMax = p.getKind() == ReductionKind::max;
            forEachWindow(x.shape, g.shape, p.getWindow(), p.getStride(), p.getPadding(),
                          [&](int64_t o, const std::vector<int64_t> &positions, int64_t size) {
                            if (positions.empty())
                              return;
                            if (!isMax) {
                              for (int64_t i : positions)
                                r.data[i] += g.data[o] / size;
                              return;
                            }
                            int64_t best = positions.front();
                            for (int64_t i : positions)
                              if (x.data[i] > x.data[best])
                                best = i;
                            r.data[best] += g.data[o];
                          });
            return r;
          })
          .Case([&](SoftmaxOp s) {
            int64_t axis = normalizedAxis(static_cast<int64_t>(s.getAxis()), static_cast<int64_t>(shape.size()));
            return softmax(in(0), axis, false);
          })
          .Case([&](LogSoftmaxOp s) {
            int64_t axis = normalizedAxis(static_cast<int64_t>(s.getAxis()), static_cast<int64_t>(shape.size()));
            return softmax(in(0), axis, true);
          })
          .Case([&](CrossEntropyOp) {
            const ReferenceTensor &logits = in(0), &labels = in(1);
            ReferenceTensor logProbabilities = softmax(logits, 1, true);
            int64_t n = logits.shape[0], classes = logits.shape[1];
            bool hard = labels.shape.size() == 1;
            double total = 0;
            for (int64_t i = 0; i < n; ++i) {
              if (hard) {
                total -= logProbabilities.data[i * classes + static_cast<int64_t>(labels.data[i])];
                continue;
              }
              for (int64_t c = 0; c < classes; ++c)
                total -= labels.data[i * classes + c] * logProbabilities.data[i * classes + c];
            }
            return ReferenceTensor{{}, {total / n}};
          })
          .Case([&](BceWithLogitsOp) {
            const ReferenceTensor &logits = in(0);
            ReferenceTensor terms = zipBroadcast({&logits, &in(1)}, logits.shape, [](const std::vector<double> &v) {
              double x = v[0], t = v[1];
              return std::max(x, 0.0) - x * t + std::log1p(std::exp(-std::fabs(x)));
            });
            double total = std::accumulate(terms.data.begin(), terms.data.end(), 0.0);
            return ReferenceTensor{{}, {total / logits.size()}};
          })
          .Case([&](OneHotOp) {
            ReferenceTensor r = filled(shape, 0);
            int64_t classes = shape.back();
            const ReferenceTensor &labels = in(0);
            for (int64_t i = 0; i < labels.size(); ++i) {
              int64_t c = static_cast<int64_t>(labels.data[i]);
              if (c >= 0 && c < classes)
                r.data[i * classes + c] = 1;
            }
            return r;
          })
          .Case([&](RandomOp r) {
            ReferenceTensor t = filled(shape, 0);
            uint64_t key = static_cast<uint64_t>(in(0).data[0]), id = r.getId();
            double a = r.getA().convertToDouble(), b = r.getB().convertToDouble();
            for (int64_t i = 0; i < t.size(); ++i) {
              double u = ::dlm::counterUniform(key, id, 2 * i), v = ::dlm::counterUniform(key, id, 2 * i + 1);
              switch (r.getDistribution()) {
              case Distribution::normal: t.data[i] = a + b * std::sqrt(-2 * std::log1p(-u)) * std::cos(2 * M_PI * v); break;
              case Distribution::uniform: t.data[i] = a + (b - a) * u; break;
              case Distribution::bernoulli: t.data[i] = u < a ? 1 : 0; break;
              }
            }
            return t;
          })
          .Case([&](DropoutOp d) {
            ReferenceTensor t = in(0);
            uint64_t key = static_cast<uint64_t>(in(1).data[0]), id = d.getId();
            double p = d.getP().convertToDouble();
            for (int64_t i = 0; i < t.size(); ++i)
              t.data[i] = ::dlm::counterUniform(key, id, 2 * i) < p ? 0 : t.data[i] / (1 - p);
            return t;
          })
          .Default([&](Operation *other) -> FailureOr<ReferenceTensor> {
            return other->emitError("the reference evaluator cannot evaluate '") << other->getName() << "'";
          });
  if (failed(result))
    return failure();
  values[resultValue] = std::move(*result);
  return success();
}

} // namespace

namespace dlm {
FailureOr<std::vector<ReferenceTensor>> interpret(func::FuncOp function, const std::vector<ReferenceTensor> &arguments) {
  return Interpreter().run(function, arguments);
}
} // namespace dlm

//===----------------------------------------------------------------------===//
// Gradient checks
//===----------------------------------------------------------------------===//

namespace dlm {
FailureOr<std::vector<GradientCheck>> checkGradients(ModuleOp module, uint64_t seed, double epsilon) {
  OwningOpRef<ModuleOp> differentiated = module.clone();
  PassManager passes(module.getContext());
  passes.addPass(mlir::dlm::createAutodiff());
  if (failed(passes.run(*differentiated)))
    return failure();

  std::vector<GradientCheck> checks;
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (auto step : module.getOps<func::FuncOp>()) {
    if (!step->hasAttr("dlm.updated"))
      continue;
    auto derivative = differentiated->lookupSymbol<func::FuncOp>(step.getSymName());
    // Random inputs: floats ~ N(0, 0.5^2); integers (labels) in {0, 1}; the random key fixed.
    std::vector<ReferenceTensor> arguments;
    for (BlockArgument argument : step.getArguments()) {
      auto type = llvm::cast<RankedTensorType>(argument.getType());
      ReferenceTensor tensor{Shape(type.getShape().begin(), type.getShape().end()), {}};
      tensor.data.resize(tensor.size());
      bool isFloat = llvm::isa<FloatType>(type.getElementType());
      // Parameters are scaled by 1/sqrt(fan-in), as initializers do, so activations
      // stay O(1) and the softmax does not saturate (which would make every gradient ~0).
      double scale = 0.5;
      if (step.getArgAttr(argument.getArgNumber(), "dlm.param") && type.getRank() >= 2)
        scale = 1 / std::sqrt(static_cast<double>(type.getNumElements() / type.getDimSize(0)));
      for (double &x : tensor.data)
        x = isFloat ? scale * normal(random) : static_cast<double>(random() % 2);
      if (step.getArgAttr(argument.getArgNumber(), "dlm.random_key"))
        tensor.data.assign(tensor.size(), 7);
      arguments.push_back(std::move(tensor));
    }
    FailureOr<std::vector<ReferenceTensor>> results = interpret(derivative, arguments);
    if (failed(results))
      return failure();
    auto names = derivative->getAttrOfType<ArrayAttr>("dlm.gradients");
    size_t firstGradient = results->size() - names.size();
    for (auto [k, name] : llvm::enumerate(names)) {
      unsigned argument = 0;
      for (unsigned i = 0; i < step.getNumArguments(); ++i)
        if (step.getArgAttr(i, "dlm.param") == name)
          argument = i;
      const ReferenceTensor &gradient = (*results)[firstGradient + k];
      // The direction mixes a random unit vector with the gradient's own
      // direction: along a purely random one, the derivative of a large tensor
      // shrinks like 1/sqrt(size) and drowns in the differences' rounding,
      // while the random half still exposes any wrong component.
      auto normalize = [](std::vector<double> &v) {
        double norm = 0;
        for (double x : v)
          norm += x * x;
        if (norm > 0)
          for (double &x : v)
            x /= std::sqrt(norm);
      };
      std::vector<double> direction(gradient.size()), along = gradient.data;
      for (double &v : direction)
        v = normal(random);
      normalize(direction);
      normalize(along);
      for (size_t i = 0; i < direction.size(); ++i)
        direction[i] += along[i];
      normalize(direction);
      std::vector<ReferenceTensor> plus = arguments, minus = arguments;
      for (size_t i = 0; i < direction.size(); ++i) {
        plus[argument].data[i] += epsilon * direction[i];
        minus[argument].data[i] -= epsilon * direction[i];
      }
      // The differentiated function computes the same loss (its first result), with
      // any grad(...) inside already expanded into ops the evaluator knows.
      FailureOr<std::vector<ReferenceTensor>> up = interpret(derivative, plus), down = interpret(derivative, minus);
      if (failed(up) || failed(down))
        return failure();
      GradientCheck check;
      check.parameter = (step.getSymName() + ": " + llvm::cast<StringAttr>(name).getValue()).str();
      check.numeric = (up->front().data[0] - down->front().data[0]) / (2 * epsilon);
      for (size_t i = 0; i < direction.size(); ++i)
        check.analytic += gradient.data[i] * direction[i];
      double scale = std::max({std::fabs(check.analytic), std::fabs(check.numeric), 1e-8});
      check.relativeError = std::fabs(check.analytic - check.numeric) / scale;
      checks.push_back(check);
    }
  }
  return checks;
}
bool printGradientChecks(const std::vector<GradientCheck> &checks, double tolerance, llvm::raw_ostream &os) {
  bool ok = true;
  for (const GradientCheck &check : checks) {
    bool passed = check.relativeError <= tolerance;
    ok &= passed;
    os << llvm::format("%-4s %-48s relative error %.2e  (analytic %+.6e, numeric %+.6e)\n", passed ? "OK" : "FAIL",
                       check.parameter.c_str(), check.relativeError, check.analytic, check.numeric);
  }
  double largest = 0;
  for (const GradientCheck &check : checks)
    largest = std::max(largest, check.relativeError);
  os << llvm::format("max relative error %.2e over %zu parameters\n", largest, checks.size());
  os << (ok ? "gradient check passed" : "gradient check FAILED") << llvm::format(" (tolerance %.0e)\n", tolerance);
  return ok;
}
} // namespace dlm
