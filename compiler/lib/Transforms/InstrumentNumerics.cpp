//===- InstrumentNumerics.cpp - Which op first produced NaN or infinity ---===//
//
// For dlmc --check-numerics. The runtime sees only a step's results, so when
// the loss or a parameter goes non-finite it can name the result, not the op
// that broke. Each step therefore gets a clone that also returns the index of
// the first op whose float result holds a NaN or an infinity; the runtime
// calls it once, on the failing step's inputs, and maps the index to the
// op's .dlm location through the manifest. The clone is made on the dlm
// dialect, before lowering, because there each op is one source operation
// with its own location; after fusion a NaN would be blamed on a fused loop.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <limits>

namespace mlir::dlm {
#define GEN_PASS_DEF_INSTRUMENTNUMERICS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// `file:line:col` of the first file location in `location` (which may be fused or named), or "".
std::string sourceLocationOf(Location location) {
  std::string text;
  static_cast<LocationAttr>(location).walk([&](Location inner) {
    auto file = llvm::dyn_cast<FileLineColLoc>(inner);
    if (!file)
      return WalkResult::advance();
    text = (file.getFilename().getValue() + ":" + Twine(file.getLine()) + ":" + Twine(file.getColumn())).str();
    return WalkResult::interrupt();
  });
  return text;
}

/// An i1 that is true when some element of the float tensor `value` is NaN or infinite.
Value anyNonFinite(OpBuilder &b, Location loc, Value value) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  auto elementType = llvm::cast<FloatType>(type.getElementType());
  Value empty = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{}, b.getI1Type());
  Value falseValue = arith::ConstantOp::create(b, loc, b.getBoolAttr(false));
  Value init = linalg::FillOp::create(b, loc, falseValue, empty).getResult(0);
  unsigned rank = type.getRank();
  AffineMap maps[] = {b.getMultiDimIdentityMap(rank), AffineMap::get(rank, 0, b.getContext())};
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::reduction);
  auto reduction = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{value}, ValueRange{init}, maps, iterators,
      [&](OpBuilder &body, Location bodyLoc, ValueRange arguments) {
        Value element = arguments[0];
        // x != x is NaN; |x| == inf the infinities. Exact comparisons, so no fast-math folds them.
        Value isNaN = arith::CmpFOp::create(body, bodyLoc, arith::CmpFPredicate::UNO, element, element);
        Value magnitude = math::AbsFOp::create(body, bodyLoc, element);
        Value infinity = arith::ConstantOp::create(
            body, bodyLoc, body.getFloatAttr(elementType, std::numeric_limits<double>::infinity()));
        Value isInfinite = arith::CmpFOp::create(body, bodyLoc, arith::CmpFPredicate::OEQ, magnitude, infinity);
        Value bad = arith::OrIOp::create(body, bodyLoc, isNaN, isInfinite);
        Value any = arith::OrIOp::create(body, bodyLoc, arguments[1], bad);
        linalg::YieldOp::create(body, bodyLoc, any);
      });
  return tensor::ExtractOp::create(b, loc, reduction.getResult(0), ValueRange{});
}

/// True for the ops whose results are checked: non-constant, with a float tensor result.
bool isInstrumented(Operation *op) {
  if (op->hasTrait<OpTrait::ConstantLike>() || op->hasTrait<OpTrait::IsTerminator>())
    return false;
  return llvm::any_of(op->getResultTypes(), [](Type type) {
    auto tensor = llvm::dyn_cast<RankedTensorType>(type);
    return tensor && llvm::isa<FloatType>(tensor.getElementType());
  });
}

/// Builds `<step>.numerics` next to `step`.
void instrument(func::FuncOp step) {
  OpBuilder b(step->getContext());
  b.setInsertionPointAfter(step);
  auto clone = llvm::cast<func::FuncOp>(b.clone(*step));
  clone.setSymName((step.getSymName() + ".numerics").str());

  Block &body = clone.front();
  Location functionLoc = clone.getLoc();
  b.setInsertionPointToStart(&body);
  Value minusOne = arith::ConstantOp::create(b, functionLoc, b.getI32IntegerAttr(-1));
  Value first = minusOne;
  SmallVector<Attribute> locations, kinds;
  // The ops to check are collected first: the checks add ops of their own.
  SmallVector<Operation *> checked;
  for (Operation &op : body.without_terminator())
    if (isInstrumented(&op))
      checked.push_back(&op);
  for (Operation *op : checked) {
    b.setInsertionPointAfter(op);
    Location loc = op->getLoc();
    Value bad;
    for (Value result : op->getResults()) {
      auto tensor = llvm::dyn_cast<RankedTensorType>(result.getType());
      if (!tensor || !llvm::isa<FloatType>(tensor.getElementType()))
        continue;
      Value resultBad = anyNonFinite(b, loc, result);
      bad = bad ? arith::OrIOp::create(b, loc, bad, resultBad).getResult() : resultBad;
    }
    // Only the first op to go non-finite counts: later ones mostly inherit its NaN.
    Value index = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(static_cast<int32_t>(locations.size())));
    Value none = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, first, minusOne);
    Value firstHere = arith::AndIOp::create(b, loc, bad, none);
    first = arith::SelectOp::create(b, loc, firstHere, index, first);
    locations.push_back(b.getStringAttr(sourceLocationOf(loc)));
    llvm::StringRef name = op->getName().getStringRef();
    name.consume_front("dlm.");
    kinds.push_back(b.getStringAttr(name));
  }

  Operation *terminator = body.getTerminator();
  b.setInsertionPoint(terminator);
  Value firstTensor = tensor::FromElementsOp::create(b, terminator->getLoc(), RankedTensorType::get({}, b.getI32Type()),
                                                     ValueRange{first});
  terminator->insertOperands(terminator->getNumOperands(), firstTensor);
  (void)clone.insertResult(clone.getNumResults(), firstTensor.getType(), b.getDictionaryAttr({}));
  clone->setAttr("dlm.numerics_locations", b.getArrayAttr(locations));
  clone->setAttr("dlm.numerics_ops", b.getArrayAttr(kinds));
}

class InstrumentNumericsPass : public mlir::dlm::impl::InstrumentNumericsBase<InstrumentNumericsPass> {
public:
  void runOnOperation() override {
    SmallVector<func::FuncOp> steps;
    for (auto function : getOperation().getOps<func::FuncOp>())
      if (function->hasAttr("dlm.updated") && !function.isExternal() && !function->hasAttr("dlm.numerics_locations"))
        steps.push_back(function);
    for (func::FuncOp step : steps)
      instrument(step);
  }
};

} // namespace
