//===- Autodiff.cpp - Reverse-mode differentiation of training steps ------===//
//
// The pass walks a step function backwards from its loss. It knows no op:
// every derivative comes from DifferentiableOpInterface. What it owns is the
// bookkeeping common to all rules: which ops lie between the parameters and
// the loss, summing adjoints of values used more than once, and reducing
// adjoints that came back in a broadcast shape.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "dlm/Dialect/Dlm/DlmOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/RegionUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_AUTODIFF
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;
using namespace mlir::dlm;

namespace {

bool isFloatTensor(Value value) {
  auto type = llvm::dyn_cast<RankedTensorType>(value.getType());
  return type && llvm::isa<FloatType>(type.getElementType());
}

/// Sums an adjoint in a broadcast shape back to `target`'s shape: the extra
/// leading dimensions and every dimension the target has as 1.
Value reduceToShape(OpBuilder &builder, Location loc, Value adjoint, RankedTensorType target) {
  auto type = llvm::cast<RankedTensorType>(adjoint.getType());
  if (type == target)
    return adjoint;
  int64_t extra = type.getRank() - target.getRank();
  llvm::SmallVector<int64_t> axes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d < extra || (target.getDimSize(d - extra) == 1 && type.getDimSize(d) != 1))
      axes.push_back(d);
  Value reduced = axes.empty() ? adjoint
                               : Value(ReduceOp::create(builder, loc, ReductionKind::sum, adjoint, axes, true));
  return ReshapeOp::create(builder, loc, target, reduced);
}

/// Builds, before `insertionPoint`, the adjoints of `seed` (a scalar computed
/// in `block` before that point) with respect to `wrt`. Returns one adjoint
/// per `wrt` value, null where the seed does not depend on it.
FailureOr<llvm::SmallVector<Value>> reverseSweep(Block &block, Value seed, llvm::ArrayRef<Value> wrt,
                                                 Operation *insertionPoint) {
  // Active: float values that depend on `wrt`. Useful: values the seed depends on.
  llvm::DenseSet<Value> active(wrt.begin(), wrt.end());
  for (Operation &op : block) {
    if (&op == insertionPoint)
      break;
    if (llvm::any_of(op.getOperands(), [&](Value v) { return active.contains(v); }))
      for (Value result : op.getResults())
        if (isFloatTensor(result))
          active.insert(result);
  }
  llvm::DenseSet<Value> useful = {seed};
  llvm::SmallVector<Operation *> path;
  for (Operation *op = insertionPoint->getPrevNode(); op; op = op->getPrevNode()) {
    if (!llvm::any_of(op->getResults(), [&](Value v) { return useful.contains(v) && active.contains(v); }))
      continue;
    path.push_back(op);
    for (Value operand : op->getOperands())
      useful.insert(operand);
  }

  // Every op on the path must know its derivative; report all that do not.
  bool missing = false;
  for (Operation *op : path) {
    if (llvm::isa<DifferentiableOpInterface>(op))
      continue;
    op->emitError("'") << op->getName() << "' is not differentiable, but the loss depends on it "
                       << "through the parameters being updated";
    missing = true;
  }
  if (missing)
    return failure();

  OpBuilder builder(insertionPoint);
  llvm::DenseMap<Value, Value> adjoints;
  auto accumulate = [&](Value target, Value adjoint, Location loc) {
    adjoint = reduceToShape(builder, loc, adjoint, llvm::cast<RankedTensorType>(target.getType()));
    auto [it, inserted] = adjoints.try_emplace(target, adjoint);
    if (!inserted)
      it->second = AddOp::create(builder, loc, it->second, adjoint);
  };
  auto seedType = llvm::cast<RankedTensorType>(seed.getType());
  adjoints[seed] = ConstantOp::create(builder, seed.getLoc(),
                                      DenseElementsAttr::get(seedType, builder.getFloatAttr(seedType.getElementType(), 1)));

  // A rule that cannot differentiate its op reports why; the sweep then fails.
  bool ruleFailed = false;
  ScopedDiagnosticHandler watch(block.getParentOp()->getContext(), [&](Diagnostic &diagnostic) {
    ruleFailed |= diagnostic.getSeverity() == DiagnosticSeverity::Error;
    return failure(); // let the diagnostic through
  });
  for (Operation *op : path) {
    Value resultAdjoint = adjoints.lookup(op->getResult(0));
    if (!resultAdjoint)
      continue;
    auto differentiable = llvm::cast<DifferentiableOpInterface>(op);
    llvm::SmallVector<Value> operandAdjoints = differentiable.buildAdjoints(builder, resultAdjoint);
    for (auto [operand, adjoint] : llvm::zip(op->getOperands(), operandAdjoints))
      if (adjoint && active.contains(operand) && useful.contains(operand))
        accumulate(operand, adjoint, op->getLoc());
  }
  if (ruleFailed)
    return failure();
  llvm::SmallVector<Value> result;
  for (Value value : wrt)
    result.push_back(adjoints.lookup(value));
  return result;
}

Value zerosLike(OpBuilder &builder, Location loc, Value like) {
  auto type = llvm::cast<RankedTensorType>(like.getType());
  return ConstantOp::create(builder, loc, DenseElementsAttr::get(type, builder.getFloatAttr(type.getElementType(), 0)));
}

/// Drops the ops nothing uses: rules build the adjoints of all their operands,
/// but only some are needed (never the gradient with respect to the batch).
void eraseDeadOps(Block &block) {
  llvm::SmallVector<Operation *> newestFirst;
  for (Operation &op : llvm::reverse(block.without_terminator()))
    newestFirst.push_back(&op);
  for (Operation *op : newestFirst)
    if (isOpTriviallyDead(op))
      op->erase();
}

class AutodiffPass : public mlir::dlm::impl::AutodiffBase<AutodiffPass> {
public:
  void runOnOperation() override {
    for (auto function : llvm::to_vector(getOperation().getOps<func::FuncOp>())) {
      if (failed(expandGradients(function)) ||
          (function->hasAttr("dlm.updated") && failed(differentiateStep(function))))
        return signalPassFailure();
    }
  }

private:
  LogicalResult expandGradients(func::FuncOp function);
  LogicalResult differentiateStep(func::FuncOp function);
};

/// Replaces each `dlm.grad`, in program order, by its adjoint ops.
LogicalResult AutodiffPass::expandGradients(func::FuncOp function) {
  Block &body = function.getBody().front();
  for (auto grad : llvm::to_vector(body.getOps<GradOp>())) {
    auto adjoints = reverseSweep(body, grad.getValue(), {grad.getWrt()}, grad);
    if (failed(adjoints))
      return failure();
    OpBuilder builder(grad);
    Value gradient = adjoints->front() ? adjoints->front() : zerosLike(builder, grad.getLoc(), grad.getWrt());
    grad.getResult().replaceAllUsesWith(gradient);
    grad.erase();
    eraseDeadOps(body);
  }
  return success();
}

LogicalResult AutodiffPass::differentiateStep(func::FuncOp function) {
  Block &body = function.getBody().front();
  auto returnOp = llvm::cast<func::ReturnOp>(body.getTerminator());

  // The parameters to differentiate with respect to, by their dlm.param path.
  llvm::SmallVector<Value> parameters;
  llvm::SmallVector<Attribute> names;
  for (Attribute name : function->getAttrOfType<ArrayAttr>("dlm.updated")) {
    for (unsigned i = 0; i < function.getNumArguments(); ++i) {
      auto path = function.getArgAttrOfType<StringAttr>(i, "dlm.param");
      if (path && path == name) {
        parameters.push_back(body.getArgument(i));
        names.push_back(name);
      }
    }
  }
  auto adjoints = reverseSweep(body, returnOp.getOperand(0), parameters, returnOp);
  if (failed(adjoints))
    return failure();

  OpBuilder builder(returnOp);
  llvm::SmallVector<Value> results(returnOp.getOperands());
  for (auto [parameter, gradient] : llvm::zip(parameters, *adjoints))
    results.push_back(gradient ? gradient : zerosLike(builder, function.getLoc(), parameter));
  returnOp->setOperands(results);
  eraseDeadOps(body);
  function.setFunctionType(builder.getFunctionType(function.getArgumentTypes(), ValueRange(results).getTypes()));
  function->setAttr("dlm.gradients", builder.getArrayAttr(names));
  return success();
}

} // namespace
