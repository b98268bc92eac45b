//===- MLIRGen.cpp - Elaborated programs to the dlm dialect ---------------===//
//
// A walk over each step's, metric's and prediction's graph in dependency
// order; every sema node becomes one dlm op (or a few, for the built-ins that
// are compositions, like var and logsumexp). Index notation becomes
// dlm.contract: each reduction gets its own contract, and the expression
// around it reads the reduction's result like any other operand.
//
//===----------------------------------------------------------------------===//

#include "dlm/MLIRGen/MLIRGen.h"

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <numeric>

using namespace mlir;
namespace ast = ::dlm::ast;
namespace sema = ::dlm::sema;
using SemaAttribute = ::dlm::sema::Attribute;
using ::dlm::sema::Node;

namespace {

class Generator {
public:
  Generator(MLIRContext &context, const llvm::SourceMgr &sourceMgr)
      : context(context), sourceMgr(sourceMgr), builder(&context) {}

  OwningOpRef<ModuleOp> generate(const sema::ElaboratedModule &module);

private:
  void generateProgram(const sema::Program &program);
  void generateInit(const sema::Program &program);
  void generateSample(const sema::Program &program);
  Value widenUnsignedBytes(Value bytes, RankedTensorType wide, Location loc);
  Value emitInitializer(const sema::ParameterInfo &parameter);
  func::FuncOp beginFunction(const sema::Program &program, const std::string &name, llvm::SMLoc loc);
  /// `<program>.<entry>`, returning each named value (metrics or predictions) and listing their
  /// names in `namesAttribute`; nothing when there are none.
  template <typename Named>
  void emitEvaluationFunction(const sema::Program &program, llvm::StringRef entry, const std::vector<Named> &values,
                              llvm::StringRef namesAttribute);
  Value emit(const Node *node);
  Value emitOp(const Node *node);
  Value emitReduction(const Node *node, Value input);
  Value emitIndexNotation(const Node *node);
  Value emitIndexExpression(const ast::Expr &expr, const sema::IndexNotation &notation,
                            const std::vector<Value> &operands, const std::vector<std::string> &space,
                            llvm::SMLoc loc);

  Location location(llvm::SMLoc loc);
  Type elementType(::dlm::ElementType element);
  RankedTensorType tensorType(const ::dlm::TensorType &type);
  Value constant(double value, RankedTensorType type, Location loc);
  Value fail(const Node *node, const llvm::Twine &message);

  MLIRContext &context;
  const llvm::SourceMgr &sourceMgr;
  OpBuilder builder;
  llvm::DenseMap<const Node *, Value> values;
  llvm::DenseMap<const sema::ParameterInfo *, Value> parameterArguments;
  std::map<std::string, Value> inputArguments;
  Value randomKey;
  int64_t nextRandomId = 0;
  bool hadError = false;
};

const SemaAttribute *attribute(const Node *node, const char *name) { return node->findAttribute(name); }

int64_t integerAttribute(const Node *node, const char *name, int64_t fallback = 0) {
  const SemaAttribute *found = attribute(node, name);
  return found ? found->integer : fallback;
}

std::vector<int64_t> integersAttribute(const Node *node, const char *name) {
  const SemaAttribute *found = attribute(node, name);
  return found ? found->integers : std::vector<int64_t>{};
}

double floatAttribute(const Node *node, const char *name, double fallback = 0) {
  const SemaAttribute *found = attribute(node, name);
  return found ? found->real : fallback;
}

} // namespace

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

Location Generator::location(llvm::SMLoc loc) {
  if (!loc.isValid())
    return builder.getUnknownLoc();
  unsigned buffer = sourceMgr.FindBufferContainingLoc(loc);
  auto [line, column] = sourceMgr.getLineAndColumn(loc, buffer);
  llvm::StringRef file = sourceMgr.getMemoryBuffer(buffer)->getBufferIdentifier();
  return FileLineColLoc::get(&context, file, line, column);
}

Type Generator::elementType(::dlm::ElementType element) {
  switch (element) {
  case ::dlm::ElementType::F16: return builder.getF16Type();
  case ::dlm::ElementType::BF16: return builder.getBF16Type();
  case ::dlm::ElementType::F32: return builder.getF32Type();
  case ::dlm::ElementType::F64: return builder.getF64Type();
  case ::dlm::ElementType::I8: return builder.getIntegerType(8);
  // The dialect has no unsigned types: u8 values (raw pixels) are held widened
  // to i32, where every u8 value is exact and converts to float correctly.
  case ::dlm::ElementType::U8: return builder.getI32Type();
  case ::dlm::ElementType::I32: return builder.getI32Type();
  case ::dlm::ElementType::I64: return builder.getI64Type();
  case ::dlm::ElementType::Bool: return builder.getI1Type();
  }
  return builder.getF32Type();
}

RankedTensorType Generator::tensorType(const ::dlm::TensorType &type) {
  return RankedTensorType::get(type.shape, elementType(type.element));
}

Value Generator::constant(double value, RankedTensorType type, Location loc) {
  Type element = type.getElementType();
  TypedAttr scalar;
  if (llvm::isa<FloatType>(element))
    scalar = builder.getFloatAttr(element, value);
  else
    scalar = builder.getIntegerAttr(element, static_cast<int64_t>(value));
  return mlir::dlm::ConstantOp::create(builder, loc, DenseElementsAttr::get(type, scalar));
}

Value Generator::fail(const Node *node, const llvm::Twine &message) {
  emitError(location(node->loc)) << message;
  hadError = true;
  return {};
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

Value Generator::emit(const Node *node) {
  auto found = values.find(node);
  if (found != values.end())
    return found->second;
  for (const Node *operand : node->operands)
    if (!emit(operand))
      return {};
  Value value = emitOp(node);
  if (value)
    values[node] = value;
  return value;
}

Value Generator::emitReduction(const Node *node, Value input) {
  Location loc = location(node->loc);
  std::vector<int64_t> axes = integersAttribute(node, "axes");
  bool keepDims = integerAttribute(node, "keepdims") != 0;
  RankedTensorType result = tensorType(node->type);
  auto reduce = [&](mlir::dlm::ReductionKind kind, Value value, bool keep) -> Value {
    return mlir::dlm::ReduceOp::create(builder, loc, kind, value, axes, keep);
  };
  const std::string &op = node->op;
  if (op == "sum" || op == "mean" || op == "max" || op == "min" || op == "prod") {
    auto kind = *mlir::dlm::symbolizeReductionKind(op);
    return reduce(kind, input, keepDims);
  }
  // var = mean((x - mean(x))^2), biased, as in the language reference.
  if (op == "var") {
    Value mean = reduce(mlir::dlm::ReductionKind::mean, input, true);
    Value centered = mlir::dlm::SubOp::create(builder, loc, input, mean);
    Value squared = mlir::dlm::MulOp::create(builder, loc, centered, centered);
    return reduce(mlir::dlm::ReductionKind::mean, squared, keepDims);
  }
  // logsumexp = m + log(sum(exp(x - m))) with m = max(x): no overflow.
  if (op == "logsumexp") {
    Value peak = mlir::dlm::StopGradientOp::create(builder, loc, reduce(mlir::dlm::ReductionKind::max, input, true));
    Value shifted = mlir::dlm::ExpOp::create(builder, loc, mlir::dlm::SubOp::create(builder, loc, input, peak));
    Value total = mlir::dlm::LogOp::create(builder, loc, reduce(mlir::dlm::ReductionKind::sum, shifted, true));
    Value kept = mlir::dlm::AddOp::create(builder, loc, total, peak);
    return keepDims ? kept : Value(mlir::dlm::ReshapeOp::create(builder, loc, result, kept));
  }
  return fail(node, "no translation of reduction '" + op + "'");
}

Value Generator::emitOp(const Node *node) {
  Location loc = location(node->loc);
  RankedTensorType type = tensorType(node->type);
  auto operand = [&](unsigned i) { return values.lookup(node->operands[i]); };
  const std::string &op = node->op;

  if (op == "param" || op == "state")
    return parameterArguments.lookup(node->parameter);
  if (op == "input") {
    auto it = inputArguments.find(node->label);
    return it == inputArguments.end() ? fail(node, "input '" + node->label + "' is not a field of the batch") : it->second;
  }
  if (op == "constant")
    return constant(floatAttribute(node, "value"), type, loc);

  // Elementwise.
  if (op == "add") return mlir::dlm::AddOp::create(builder, loc, operand(0), operand(1));
  if (op == "sub") return mlir::dlm::SubOp::create(builder, loc, operand(0), operand(1));
  if (op == "mul") return mlir::dlm::MulOp::create(builder, loc, operand(0), operand(1));
  if (op == "div") return mlir::dlm::DivOp::create(builder, loc, operand(0), operand(1));
  if (op == "rem") return mlir::dlm::RemOp::create(builder, loc, operand(0), operand(1));
  if (op == "pow") return mlir::dlm::PowOp::create(builder, loc, operand(0), operand(1));
  if (op == "and") return mlir::dlm::AndOp::create(builder, loc, operand(0), operand(1));
  if (op == "or") return mlir::dlm::OrOp::create(builder, loc, operand(0), operand(1));
  bool isReduction = attribute(node, "axes") != nullptr;
  if (op == "max" && !isReduction) return mlir::dlm::MaxOp::create(builder, loc, operand(0), operand(1));
  if (op == "min" && !isReduction) return mlir::dlm::MinOp::create(builder, loc, operand(0), operand(1));
  if (auto predicate = mlir::dlm::symbolizeComparisonPredicate(op))
    return mlir::dlm::CompareOp::create(builder, loc, *predicate, operand(0), operand(1));
  if (op == "select") return mlir::dlm::SelectOp::create(builder, loc, operand(0), operand(1), operand(2));
  if (op == "neg") return mlir::dlm::NegOp::create(builder, loc, operand(0));
  if (op == "exp") return mlir::dlm::ExpOp::create(builder, loc, operand(0));
  if (op == "log") return mlir::dlm::LogOp::create(builder, loc, operand(0));
  if (op == "sqrt") return mlir::dlm::SqrtOp::create(builder, loc, operand(0));
  if (op == "rsqrt") return mlir::dlm::RsqrtOp::create(builder, loc, operand(0));
  if (op == "abs") return mlir::dlm::AbsOp::create(builder, loc, operand(0));
  if (op == "sign") return mlir::dlm::SignOp::create(builder, loc, operand(0));
  if (op == "tanh") return mlir::dlm::TanhOp::create(builder, loc, operand(0));
  if (op == "sigmoid") return mlir::dlm::SigmoidOp::create(builder, loc, operand(0));
  if (op == "relu") return mlir::dlm::ReluOp::create(builder, loc, operand(0));
  if (op == "gelu") return mlir::dlm::GeluOp::create(builder, loc, operand(0));
  if (op == "softplus") return mlir::dlm::SoftplusOp::create(builder, loc, operand(0));
  if (op == "sin") return mlir::dlm::SinOp::create(builder, loc, operand(0));
  if (op == "cos") return mlir::dlm::CosOp::create(builder, loc, operand(0));
  if (op == "erf") return mlir::dlm::ErfOp::create(builder, loc, operand(0));
  if (op == "floor") return mlir::dlm::FloorOp::create(builder, loc, operand(0));
  if (op == "not") return mlir::dlm::NotOp::create(builder, loc, operand(0));
  if (op == "stopgrad") return mlir::dlm::StopGradientOp::create(builder, loc, operand(0));
  if (op == "leaky_relu")
    return mlir::dlm::LeakyReluOp::create(builder, loc, operand(0), builder.getF64FloatAttr(floatAttribute(node, "slope")));
  if (op == "elu")
    return mlir::dlm::EluOp::create(builder, loc, operand(0), builder.getF64FloatAttr(floatAttribute(node, "alpha")));
  if (op == "cast") return mlir::dlm::ConvertOp::create(builder, loc, type, operand(0));

  // Reductions.
  if (isReduction) return emitReduction(node, operand(0));
  if (op == "argmax") return mlir::dlm::ArgMaxOp::create(builder, loc, operand(0), integerAttribute(node, "axis"));
  if (op == "argmin")
    return mlir::dlm::ArgMaxOp::create(builder, loc, mlir::dlm::NegOp::create(builder, loc, operand(0)),
                                 integerAttribute(node, "axis"));
  if (op == "l1_norm" || op == "l2_norm") {
    Value total = constant(0, type, loc);
    for (unsigned i = 0; i < node->operands.size(); ++i) {
      Value x = operand(i);
      Value term = op == "l2_norm" ? Value(mlir::dlm::MulOp::create(builder, loc, x, x)) : Value(mlir::dlm::AbsOp::create(builder, loc, x));
      auto rank = llvm::cast<RankedTensorType>(x.getType()).getRank();
      llvm::SmallVector<int64_t> axes(rank);
      std::iota(axes.begin(), axes.end(), 0);
      Value sum = mlir::dlm::ReduceOp::create(builder, loc, mlir::dlm::ReductionKind::sum, term, axes, false);
      total = mlir::dlm::AddOp::create(builder, loc, total, sum);
    }
    return total;
  }

  // Shapes.
  if (op == "reshape") return mlir::dlm::ReshapeOp::create(builder, loc, type, operand(0));
  if (op == "broadcast") return mlir::dlm::BroadcastOp::create(builder, loc, type, operand(0));
  if (op == "transpose")
    return mlir::dlm::TransposeOp::create(builder, loc, operand(0), builder.getDenseI64ArrayAttr(integersAttribute(node, "perm")));
  if (op == "slice") {
    Value sliced = mlir::dlm::SliceOp::create(builder, loc, operand(0), builder.getDenseI64ArrayAttr(integersAttribute(node, "begin")),
                                        builder.getDenseI64ArrayAttr(integersAttribute(node, "end")),
                                        builder.getDenseI64ArrayAttr(integersAttribute(node, "stride")));
    return sliced.getType() == type ? sliced : Value(mlir::dlm::ReshapeOp::create(builder, loc, type, sliced));
  }
  if (op == "concat" || op == "stack") {
    int64_t axis = integerAttribute(node, "axis");
    llvm::SmallVector<Value> inputs;
    for (unsigned i = 0; i < node->operands.size(); ++i) {
      Value input = operand(i);
      if (op == "stack") {
        llvm::SmallVector<int64_t> shape(llvm::cast<RankedTensorType>(input.getType()).getShape());
        shape.insert(shape.begin() + axis, 1);
        input = mlir::dlm::ReshapeOp::create(builder, loc, RankedTensorType::get(shape, type.getElementType()), input);
      }
      inputs.push_back(input);
    }
    return mlir::dlm::ConcatOp::create(builder, loc, inputs, axis);
  }
  if (op == "pad") {
    std::vector<int64_t> pads = integersAttribute(node, "pads"), low, high;
    for (size_t i = 0; i + 1 < pads.size(); i += 2) {
      low.push_back(pads[i]);
      high.push_back(pads[i + 1]);
    }
    return mlir::dlm::PadOp::create(builder, loc, operand(0), builder.getDenseI64ArrayAttr(low),
                              builder.getDenseI64ArrayAttr(high), builder.getF64FloatAttr(floatAttribute(node, "value")));
  }
  if (op == "arange") {
    llvm::SmallVector<APInt> numbers;
    for (int64_t i = 0; i < node->type.shape[0]; ++i)
      numbers.push_back(APInt(32, i));
    return mlir::dlm::ConstantOp::create(builder, loc, DenseElementsAttr::get(type, numbers));
  }

  // Networks.
  if (op == "matmul") {
    Value lhs = operand(0), rhs = operand(1);
    auto lhsType = llvm::cast<RankedTensorType>(lhs.getType()), rhsType = llvm::cast<RankedTensorType>(rhs.getType());
    // Vectors take part as a 1 x K row or a K x 1 column, dropped again from the result.
    if (lhsType.getRank() == 1)
      lhs = mlir::dlm::ReshapeOp::create(builder, loc, RankedTensorType::get({1, lhsType.getDimSize(0)}, lhsType.getElementType()), lhs);
    if (rhsType.getRank() == 1)
      rhs = mlir::dlm::ReshapeOp::create(builder, loc, RankedTensorType::get({rhsType.getDimSize(0), 1}, rhsType.getElementType()), rhs);
    Value product = mlir::dlm::MatMulOp::create(builder, loc, lhs, rhs);
    return product.getType() == type ? product : Value(mlir::dlm::ReshapeOp::create(builder, loc, type, product));
  }
  if (op == "conv")
    return mlir::dlm::ConvOp::create(builder, loc, operand(0), operand(1),
                               builder.getDenseI64ArrayAttr(integersAttribute(node, "stride")),
                               builder.getDenseI64ArrayAttr(integersAttribute(node, "pad")),
                               builder.getDenseI64ArrayAttr(integersAttribute(node, "dilation")),
                               integerAttribute(node, "groups", 1));
  if (op == "maxpool" || op == "avgpool") {
    auto window = builder.getDenseI64ArrayAttr(integersAttribute(node, "kernel"));
    auto stride = builder.getDenseI64ArrayAttr(integersAttribute(node, "stride"));
    auto padding = builder.getDenseI64ArrayAttr(integersAttribute(node, "pad"));
    if (op == "maxpool")
      return mlir::dlm::MaxPoolOp::create(builder, loc, operand(0), window, stride, padding);
    return mlir::dlm::AvgPoolOp::create(builder, loc, operand(0), window, stride, padding);
  }
  if (op == "softmax") return mlir::dlm::SoftmaxOp::create(builder, loc, operand(0), integerAttribute(node, "axis"));
  if (op == "log_softmax") return mlir::dlm::LogSoftmaxOp::create(builder, loc, operand(0), integerAttribute(node, "axis"));
  if (op == "cross_entropy") return mlir::dlm::CrossEntropyOp::create(builder, loc, operand(0), operand(1));
  if (op == "bce_logits") return mlir::dlm::BceWithLogitsOp::create(builder, loc, operand(0), operand(1));
  if (op == "one_hot") return mlir::dlm::OneHotOp::create(builder, loc, type, operand(0));
  if (op == "dropout")
    return mlir::dlm::DropoutOp::create(builder, loc, operand(0), randomKey, builder.getF64FloatAttr(floatAttribute(node, "p")),
                                  builder.getI64IntegerAttr(nextRandomId++));
  if (op == "random") {
    auto distribution = *mlir::dlm::symbolizeDistribution(node->label);
    double a = distribution == mlir::dlm::Distribution::normal    ? floatAttribute(node, "mean")
               : distribution == mlir::dlm::Distribution::uniform ? floatAttribute(node, "low")
                                                            : floatAttribute(node, "p");
    double b = distribution == mlir::dlm::Distribution::normal    ? floatAttribute(node, "std", 1)
               : distribution == mlir::dlm::Distribution::uniform ? floatAttribute(node, "high", 1)
                                                            : 0;
    return mlir::dlm::RandomOp::create(builder, loc, type, distribution, randomKey, nextRandomId++, llvm::APFloat(a),
                                       llvm::APFloat(b));
  }
  if (op == "index_notation")
    return emitIndexNotation(node);
  if (op == "grad")
    return mlir::dlm::GradOp::create(builder, loc, operand(0), operand(1));
  return fail(node, "'" + op + "' cannot be translated to the dlm dialect yet");
}

//===----------------------------------------------------------------------===//
// Index notation
//===----------------------------------------------------------------------===//

/// One dlm.contract in construction: its iteration space, inputs and maps.
namespace {
struct ContractBuilder {
  std::vector<std::string> space; ///< index names: output first, then reduced
  std::vector<Value> inputs;
  std::vector<AffineMap> maps;
  std::vector<std::pair<const ast::Expr *, unsigned>> argumentOf; ///< access node -> body argument
};
} // namespace

Value Generator::emitIndexNotation(const Node *node) {
  const sema::IndexNotation &notation = *node->indexNotation;
  std::vector<Value> operands;
  for (const Node *operand : node->operands)
    operands.push_back(values.lookup(operand));
  return emitIndexExpression(*node->expression, notation, operands, notation.outputIndices, node->loc);
}

/// Emits `expr` as a dlm.contract over `space` (its result has one dimension
/// per name in `space`). Reductions inside become contracts of their own.
Value Generator::emitIndexExpression(const ast::Expr &expr, const sema::IndexNotation &notation,
                                     const std::vector<Value> &operands, const std::vector<std::string> &space,
                                     llvm::SMLoc loc) {
  Location location = this->location(loc);
  const ast::Expr *body = &expr;
  std::vector<std::string> iteration = space;
  mlir::dlm::ReductionKind kind = mlir::dlm::ReductionKind::sum;
  std::vector<int64_t> reducedExtents;
  if (expr.kind == ast::ExprKind::Reduce) {
    kind = *mlir::dlm::symbolizeReductionKind(expr.text);
    for (const ast::ReduceIndex &index : expr.indices)
      iteration.push_back(index.name);
    reducedExtents = notation.reductionExtents.at(&expr);
    body = expr.operands[0].get();
  }

  // Gather the inputs: subscripted tensors, scalar tensors, and inner
  // reductions (emitted first, as tensors over the indices they keep).
  ContractBuilder contract;
  contract.space = iteration;
  auto dimension = [&](const std::string &name) {
    auto at = std::find(iteration.begin(), iteration.end(), name);
    return getAffineDimExpr(static_cast<unsigned>(at - iteration.begin()), &context);
  };
  std::map<const ast::Expr *, unsigned> argumentOf;
  std::function<bool(const ast::Expr &)> gather = [&](const ast::Expr &e) -> bool {
    auto access = notation.accesses.find(&e);
    if (access != notation.accesses.end()) {
      llvm::SmallVector<AffineExpr> results;
      for (size_t d = 0; d < access->second.coefficients.size(); ++d) {
        AffineExpr sum = getAffineConstantExpr(access->second.constants[d], &context);
        for (auto &[name, coefficient] : access->second.coefficients[d])
          sum = sum + dimension(name) * coefficient;
        results.push_back(sum);
      }
      argumentOf[&e] = static_cast<unsigned>(contract.inputs.size());
      contract.inputs.push_back(operands[access->second.operand]);
      contract.maps.push_back(AffineMap::get(iteration.size(), 0, results, &context));
      return true;
    }
    if (e.kind == ast::ExprKind::Reduce) {
      // Its result depends on the enclosing indices it uses: compute it over all
      // of them (the whole current iteration space) and read it back elementwise.
      Value inner = emitIndexExpression(e, notation, operands, iteration, loc);
      if (!inner)
        return false;
      llvm::SmallVector<AffineExpr> results;
      for (size_t d = 0; d < iteration.size(); ++d)
        results.push_back(getAffineDimExpr(d, &context));
      argumentOf[&e] = static_cast<unsigned>(contract.inputs.size());
      contract.inputs.push_back(inner);
      contract.maps.push_back(AffineMap::get(iteration.size(), 0, results, &context));
      return true;
    }
    for (const ast::ExprPtr &child : e.operands)
      if (child && !gather(*child))
        return false;
    return true;
  };
  if (!gather(*body))
    return {};

  // The result's shape: the extents of `space`, read off the inputs' types.
  llvm::SmallVector<int64_t> extents(iteration.size(), 0);
  for (size_t i = 0; i < contract.inputs.size(); ++i) {
    auto type = llvm::cast<RankedTensorType>(contract.inputs[i].getType());
    for (unsigned d = 0; d < contract.maps[i].getNumResults(); ++d)
      if (auto dim = llvm::dyn_cast<AffineDimExpr>(contract.maps[i].getResult(d)))
        extents[dim.getPosition()] = type.getDimSize(d);
  }
  for (size_t r = 0; r < reducedExtents.size(); ++r)
    extents[space.size() + r] = reducedExtents[r];
  llvm::SmallVector<int64_t> shape(extents.begin(), extents.begin() + space.size());
  for (int64_t extent : shape)
    if (extent <= 0) {
      emitError(location) << "cannot determine the extent of an index of this index notation";
      hadError = true;
      return {};
    }

  // The body: scalar arithmetic on the values read.
  Type element = contract.inputs.empty() ? Type(builder.getF32Type())
                                         : llvm::cast<RankedTensorType>(contract.inputs[0].getType()).getElementType();
  auto region = std::make_unique<Region>();
  Block *block = new Block();
  region->push_back(block);
  for (Value input : contract.inputs)
    block->addArgument(llvm::cast<RankedTensorType>(input.getType()).getElementType(), location);
  std::function<Value(const ast::Expr &)> scalar = [&](const ast::Expr &e) -> Value {
    auto argument = argumentOf.find(&e);
    if (argument != argumentOf.end())
      return block->getArgument(argument->second);
    auto number = notation.numbers.find(&e);
    if (e.kind == ast::ExprKind::Integer || e.kind == ast::ExprKind::Float || number != notation.numbers.end()) {
      double value = number != notation.numbers.end() ? number->second
                     : e.kind == ast::ExprKind::Integer ? static_cast<double>(e.integer)
                                                        : e.real;
      return arith::ConstantOp::create(builder, location, builder.getFloatAttr(element, value));
    }
    if (e.kind == ast::ExprKind::Unary && e.text == "-")
      return arith::NegFOp::create(builder, location, scalar(*e.operands[0]));
    if (e.kind == ast::ExprKind::Unary && e.text == "+")
      return scalar(*e.operands[0]);
    if (e.kind == ast::ExprKind::Binary) {
      Value lhs = scalar(*e.operands[0]), rhs = scalar(*e.operands[1]);
      if (!lhs || !rhs)
        return {};
      llvm::StringRef op = e.text;
      if (op == "+") return arith::AddFOp::create(builder, location, lhs, rhs);
      if (op == "-") return arith::SubFOp::create(builder, location, lhs, rhs);
      if (op == "*") return arith::MulFOp::create(builder, location, lhs, rhs);
      if (op == "/") return arith::DivFOp::create(builder, location, lhs, rhs);
      if (op == "**") return math::PowFOp::create(builder, location, lhs, rhs);
      std::optional<arith::CmpFPredicate> predicate =
          llvm::StringSwitch<std::optional<arith::CmpFPredicate>>(op)
              .Case("==", arith::CmpFPredicate::OEQ).Case("!=", arith::CmpFPredicate::UNE)
              .Case("<", arith::CmpFPredicate::OLT).Case("<=", arith::CmpFPredicate::OLE)
              .Case(">", arith::CmpFPredicate::OGT).Case(">=", arith::CmpFPredicate::OGE)
              .Default(std::nullopt);
      if (predicate)
        return arith::CmpFOp::create(builder, location, *predicate, lhs, rhs);
    }
    if (e.kind == ast::ExprKind::Call && e.operands[0]->kind == ast::ExprKind::Name) {
      llvm::StringRef callee = e.operands[0]->text;
      std::vector<Value> arguments;
      for (size_t i = 1; i < e.operands.size(); ++i) {
        arguments.push_back(scalar(*e.operands[i]));
        if (!arguments.back())
          return {};
      }
      Value x = arguments.empty() ? Value() : arguments[0];
      if (callee == "exp") return math::ExpOp::create(builder, location, x);
      if (callee == "log") return math::LogOp::create(builder, location, x);
      if (callee == "sqrt") return math::SqrtOp::create(builder, location, x);
      if (callee == "rsqrt") return math::RsqrtOp::create(builder, location, x);
      if (callee == "abs") return math::AbsFOp::create(builder, location, x);
      if (callee == "tanh") return math::TanhOp::create(builder, location, x);
      if (callee == "sin") return math::SinOp::create(builder, location, x);
      if (callee == "cos") return math::CosOp::create(builder, location, x);
      if (callee == "maximum") return arith::MaximumFOp::create(builder, location, arguments[0], arguments[1]);
      if (callee == "minimum") return arith::MinimumFOp::create(builder, location, arguments[0], arguments[1]);
      if (callee == "select") return arith::SelectOp::create(builder, location, arguments[0], arguments[1], arguments[2]);
      if (callee == "relu") {
        Value zero = arith::ConstantOp::create(builder, location, builder.getFloatAttr(x.getType(), 0));
        return arith::MaximumFOp::create(builder, location, x, zero);
      }
      if (callee == "sigmoid") {
        Value one = arith::ConstantOp::create(builder, location, builder.getFloatAttr(x.getType(), 1));
        Value denominator = arith::AddFOp::create(builder, location, one,
                                                  math::ExpOp::create(builder, location, arith::NegFOp::create(builder, location, x)));
        return arith::DivFOp::create(builder, location, one, denominator);
      }
    }
    emitError(location) << "this part of the index notation cannot be translated yet";
    hadError = true;
    return {};
  };
  Value term;
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(block);
    term = scalar(*body);
    if (!term)
      return {};
    mlir::dlm::YieldOp::create(builder, location, term);
  }

  OperationState state(location, mlir::dlm::ContractOp::getOperationName());
  llvm::SmallVector<Attribute> mapAttributes;
  for (AffineMap map : contract.maps)
    mapAttributes.push_back(AffineMapAttr::get(map));
  mlir::dlm::ContractOp::build(builder, state, RankedTensorType::get(shape, term.getType()), kind, contract.inputs,
                         builder.getArrayAttr(mapAttributes), static_cast<int64_t>(space.size()));
  state.regions[0] = std::move(region);
  return builder.create(state)->getResult(0);
}

//===----------------------------------------------------------------------===//
// Programs
//===----------------------------------------------------------------------===//

func::FuncOp Generator::beginFunction(const sema::Program &program, const std::string &name, llvm::SMLoc loc) {
  llvm::SmallVector<Type> arguments;
  for (const auto &parameter : program.parameters)
    arguments.push_back(tensorType(parameter->type));
  for (const sema::DataField &field : program.dataset.fields) {
    ::dlm::TensorType batched = field.sampleType;
    batched.shape.insert(batched.shape.begin(), program.batch);
    arguments.push_back(tensorType(batched));
  }
  arguments.push_back(RankedTensorType::get({}, builder.getI64Type()));
  auto function = func::FuncOp::create(builder, location(loc), name, builder.getFunctionType(arguments, {}));
  Block *entry = function.addEntryBlock();
  unsigned index = 0;
  values.clear();
  parameterArguments.clear();
  inputArguments.clear();
  for (const auto &parameter : program.parameters) {
    function.setArgAttr(index, parameter->trainable ? "dlm.param" : "dlm.state", builder.getStringAttr(parameter->path));
    parameterArguments[parameter.get()] = entry->getArgument(index++);
  }
  for (const sema::DataField &field : program.dataset.fields) {
    function.setArgAttr(index, "dlm.input", builder.getStringAttr(field.name));
    inputArguments[field.name] = entry->getArgument(index++);
  }
  function.setArgAttr(index, "dlm.random_key", builder.getUnitAttr());
  randomKey = entry->getArgument(index);
  builder.setInsertionPointToStart(entry);
  return function;
}

template <typename Named>
void Generator::emitEvaluationFunction(const sema::Program &program, llvm::StringRef entry,
                                       const std::vector<Named> &values, llvm::StringRef namesAttribute) {
  if (values.empty())
    return;
  func::FuncOp function = beginFunction(program, program.name + "." + entry.str(), program.loc);
  llvm::SmallVector<Value> results;
  llvm::SmallVector<mlir::Attribute> names;
  for (const Named &named : values) {
    results.push_back(emit(named.value));
    names.push_back(builder.getStringAttr(named.name));
    if (hadError)
      return;
  }
  func::ReturnOp::create(builder, location(program.loc), results);
  function.setFunctionType(builder.getFunctionType(function.getArgumentTypes(), ValueRange(results).getTypes()));
  function->setAttr(namesAttribute, builder.getArrayAttr(names));
  builder.setInsertionPointAfter(function);
}

/// PyTorch's fan-in and fan-out of a weight: [out, in, kernel...].
static std::pair<double, double> fans(const ::dlm::Shape &shape) {
  if (shape.size() < 2) {
    double n = shape.empty() ? 1 : static_cast<double>(shape[0]);
    return {n, n};
  }
  double receptive = 1;
  for (size_t d = 2; d < shape.size(); ++d)
    receptive *= static_cast<double>(shape[d]);
  return {static_cast<double>(shape[1]) * receptive, static_cast<double>(shape[0]) * receptive};
}

/// One parameter's initial value, following torch.nn.init.
Value Generator::emitInitializer(const sema::ParameterInfo &parameter) {
  Location loc = location(parameter.loc);
  RankedTensorType type = tensorType(parameter.type);
  const sema::Spec &spec = parameter.initializer;
  auto number = [&](const char *key, double fallback) {
    auto it = spec.numbers.find(key);
    return it == spec.numbers.end() ? fallback : it->second;
  };
  auto [fanIn, fanOut] = fans(parameter.type.shape);
  auto draw = [&](mlir::dlm::Distribution distribution, double a, double b) -> Value {
    Value sample = mlir::dlm::RandomOp::create(builder, loc, RankedTensorType::get(type.getShape(), builder.getF32Type()),
                                               distribution, randomKey, nextRandomId++, llvm::APFloat(a), llvm::APFloat(b));
    return sample.getType() == type ? sample : Value(mlir::dlm::ConvertOp::create(builder, loc, type, sample));
  };
  const std::string &name = spec.name;
  if (name == "zeros" || name.empty()) return constant(0, type, loc);
  if (name == "ones") return constant(1, type, loc);
  if (name == "constant") return constant(number("value", 0), type, loc);
  if (name == "normal") return draw(mlir::dlm::Distribution::normal, number("mean", 0), number("std", 1));
  if (name == "uniform") return draw(mlir::dlm::Distribution::uniform, number("low", 0), number("high", 1));
  if (name == "kaiming_uniform" || name == "kaiming_normal") {
    double a = number("a", 0), gain = std::sqrt(2 / (1 + a * a));
    if (name == "kaiming_normal")
      return draw(mlir::dlm::Distribution::normal, 0, gain / std::sqrt(fanIn));
    double bound = gain * std::sqrt(3 / fanIn);
    return draw(mlir::dlm::Distribution::uniform, -bound, bound);
  }
  if (name == "xavier_uniform") {
    double bound = number("gain", 1) * std::sqrt(6 / (fanIn + fanOut));
    return draw(mlir::dlm::Distribution::uniform, -bound, bound);
  }
  if (name == "xavier_normal")
    return draw(mlir::dlm::Distribution::normal, 0, number("gain", 1) * std::sqrt(2 / (fanIn + fanOut)));
  emitError(loc) << "no translation of initializer '" << name << "'";
  hadError = true;
  return {};
}

/// `<program>.init(key) -> (parameters and states)`, in the order of the step
/// functions' arguments. Tensors loaded `from` a checkpoint are initialized
/// here too; the runtime overwrites them with the file's values.
void Generator::generateInit(const sema::Program &program) {
  auto keyType = RankedTensorType::get({}, builder.getI64Type());
  auto function = func::FuncOp::create(builder, location(program.loc), program.name + ".init",
                                       builder.getFunctionType({keyType}, {}));
  Block *entry = function.addEntryBlock();
  function.setArgAttr(0, "dlm.random_key", builder.getUnitAttr());
  randomKey = entry->getArgument(0);
  nextRandomId = 0;
  builder.setInsertionPointToStart(entry);
  llvm::SmallVector<Value> results;
  llvm::SmallVector<mlir::Attribute> names;
  for (const auto &parameter : program.parameters) {
    Value value = emitInitializer(*parameter);
    if (!value)
      return;
    results.push_back(value);
    names.push_back(builder.getStringAttr(parameter->path));
  }
  func::ReturnOp::create(builder, location(program.loc), results);
  function.setFunctionType(builder.getFunctionType({keyType}, ValueRange(results).getTypes()));
  function->setAttr("dlm.initializes", builder.getArrayAttr(names));
  builder.setInsertionPointAfter(function);
}

/// Bytes read as unsigned: sign-extended to i32, then 256 added to the negative ones.
Value Generator::widenUnsignedBytes(Value bytes, RankedTensorType wide, Location loc) {
  Value extended = mlir::dlm::ConvertOp::create(builder, loc, wide, bytes);
  auto flags = RankedTensorType::get(wide.getShape(), builder.getI1Type());
  Value negative = mlir::dlm::CompareOp::create(builder, loc, flags, mlir::dlm::ComparisonPredicate::lt, extended,
                                                constant(0, RankedTensorType::get({}, wide.getElementType()), loc));
  Value wrapped = mlir::dlm::AddOp::create(builder, loc, wide, extended,
                                           constant(256, RankedTensorType::get({}, wide.getElementType()), loc));
  return mlir::dlm::SelectOp::create(builder, loc, wide, negative, wrapped, extended);
}

/// `<program>.sample(raw fields, key) -> (fields)`: the data set's per-sample
/// transform, which the runtime applies to each sample it loads.
void Generator::generateSample(const sema::Program &program) {
  const sema::Dataset &dataset = program.dataset;
  // Raw u8 fields arrive as the file's bytes (i8) and are widened here.
  auto isBytes = [](const sema::DataField &field) { return field.sampleType.element == ::dlm::ElementType::U8; };
  llvm::SmallVector<Type> arguments;
  for (const sema::DataField &field : dataset.rawFields) {
    RankedTensorType type = tensorType(field.sampleType);
    arguments.push_back(isBytes(field) ? type.clone(builder.getIntegerType(8)) : type);
  }
  arguments.push_back(RankedTensorType::get({}, builder.getI64Type()));
  Location loc = location(program.loc);
  auto function = func::FuncOp::create(builder, loc, program.name + ".sample", builder.getFunctionType(arguments, {}));
  Block *entry = function.addEntryBlock();
  values.clear();
  inputArguments.clear();
  builder.setInsertionPointToStart(entry);
  for (auto [index, field] : llvm::enumerate(dataset.rawFields)) {
    function.setArgAttr(index, "dlm.raw", builder.getStringAttr(field.name));
    Value raw = entry->getArgument(index);
    inputArguments[field.name] = isBytes(field) ? widenUnsignedBytes(raw, tensorType(field.sampleType), loc) : raw;
  }
  function.setArgAttr(dataset.rawFields.size(), "dlm.random_key", builder.getUnitAttr());
  randomKey = entry->getArgument(dataset.rawFields.size());
  llvm::SmallVector<Value> results;
  llvm::SmallVector<mlir::Attribute> names;
  for (auto [field, node] : llvm::zip(dataset.fields, dataset.sampleResults)) {
    results.push_back(emit(node));
    if (hadError)
      return;
    names.push_back(builder.getStringAttr(field.name));
  }
  func::ReturnOp::create(builder, location(program.loc), results);
  function.setFunctionType(builder.getFunctionType(arguments, ValueRange(results).getTypes()));
  function->setAttr("dlm.fields", builder.getArrayAttr(names));
  builder.setInsertionPointAfter(function);
}

void Generator::generateProgram(const sema::Program &program) {
  generateInit(program);
  if (hadError)
    return;
  generateSample(program);
  if (hadError)
    return;
  for (const sema::Step &step : program.steps) {
    func::FuncOp function = beginFunction(program, program.name + "." + step.name, step.loc);
    llvm::SmallVector<Value> results;
    llvm::SmallVector<Attribute> updated;
    if (step.loss)
      results.push_back(emit(step.loss));
    for (const sema::StateAssignment &assignment : step.stateAssignments) {
      results.push_back(emit(assignment.value));
      updated.push_back(builder.getStringAttr(assignment.target->path));
    }
    if (hadError)
      return;
    func::ReturnOp::create(builder, location(step.loc), results);
    function.setFunctionType(builder.getFunctionType(function.getArgumentTypes(), ValueRange(results).getTypes()));
    function->setAttr("dlm.state_updates", builder.getArrayAttr(updated));
    llvm::SmallVector<mlir::Attribute> updatedParameters, optimizers;
    for (const sema::Update &update : step.updates) {
      llvm::SmallVector<mlir::Attribute> group;
      for (const sema::ParameterInfo *parameter : update.parameters) {
        updatedParameters.push_back(builder.getStringAttr(parameter->path));
        group.push_back(builder.getStringAttr(parameter->path));
      }
      // The optimizer's hyperparameters; a learning-rate schedule stays with
      // the runtime, which passes each step's rate as an argument.
      llvm::SmallVector<NamedAttribute> fields;
      fields.push_back(builder.getNamedAttr("name", builder.getStringAttr(update.optimizer.name)));
      fields.push_back(builder.getNamedAttr("params", builder.getArrayAttr(group)));
      for (const auto &[key, value] : update.optimizer.numbers)
        fields.push_back(builder.getNamedAttr(key, builder.getF64FloatAttr(value)));
      for (const auto &[key, schedule] : update.optimizer.nested)
        fields.push_back(builder.getNamedAttr(key + "_schedule", builder.getStringAttr(schedule->name)));
      optimizers.push_back(builder.getDictionaryAttr(fields));
    }
    function->setAttr("dlm.updated", builder.getArrayAttr(updatedParameters));
    function->setAttr("dlm.optimizers", builder.getArrayAttr(optimizers));
    builder.setInsertionPointAfter(function);
  }
  // One evaluation-mode function returns every metric, so they share the forward pass; likewise
  // one returns every prediction: it takes what eval takes, and each result keeps the batch
  // dimension (one row per sample).
  emitEvaluationFunction(program, "eval", program.metrics, "dlm.metrics");
  if (hadError)
    return;
  emitEvaluationFunction(program, "predict", program.predictions, "dlm.predictions");
}

OwningOpRef<ModuleOp> Generator::generate(const sema::ElaboratedModule &module) {
  context.loadDialect<mlir::dlm::DlmDialect, func::FuncDialect, arith::ArithDialect, math::MathDialect>();
  OwningOpRef<ModuleOp> result = ModuleOp::create(builder.getUnknownLoc());
  builder.setInsertionPointToEnd(result->getBody());
  for (const auto &program : module.programs) {
    generateProgram(*program);
    if (hadError)
      return nullptr;
  }
  if (failed(verify(*result)))
    return nullptr;
  return result;
}

namespace dlm {
OwningOpRef<ModuleOp> mlirGen(MLIRContext &context, const sema::ElaboratedModule &module,
                              const llvm::SourceMgr &sourceMgr) {
  return Generator(context, sourceMgr).generate(module);
}
} // namespace dlm
