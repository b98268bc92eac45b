//===- VectorizeReductions.cpp - Register-tiled vector kernels for linalg reductions ===//
//
// A linalg.generic on buffers whose body folds one contribution into its output
// (`out = combine(out, x)`: matmuls, convolutions and their adjoints, sums, maxima) becomes a
// nest of loops holding a block of vector accumulators in registers across all reduction
// iterations. One loop is vectorized: a parallel loop along which the output is contiguous
// ("row" accumulators, stored at the end), or else a reduction loop along which the inputs
// are contiguous (partial sums, reduced across lanes at the end). A second parallel loop is
// unrolled into several accumulators so that an input that does not depend on it is loaded
// once per block. Extents the tiles do not divide get a tail tile of the remaining static
// width, never scalar code.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/TypeSwitch.h"

#include <limits>

namespace mlir::dlm {
#define GEN_PASS_DEF_VECTORIZEREDUCTIONS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// Accumulator registers the kernel may hold: AVX-512 has 32, and the loaded operands and
/// broadcasts need the rest.
constexpr int64_t accumulatorRegisters = 16;
/// Bits in one vector register of the targets we tune for (AVX-512).
constexpr int64_t registerBits = 512;
/// The widest vector a kernel uses; wider extents are tiled.
constexpr int64_t widestVector = 64;

/// One contiguous stretch of a tiled loop: `[begin, end)` in steps of `width`.
struct Segment {
  int64_t begin, end, width;
};

/// The segments covering `[0, extent)` with tiles of `width`: full tiles, then one tail.
SmallVector<Segment> segmentsOf(int64_t extent, int64_t width) {
  SmallVector<Segment> segments;
  int64_t fullEnd = extent / width * width;
  if (fullEnd > 0)
    segments.push_back({0, fullEnd, width});
  if (fullEnd < extent)
    segments.push_back({fullEnd, extent, extent - fullEnd});
  return segments;
}

/// Whether `expr` reads dimension `dim` contiguously: it is `dim` plus terms without `dim`.
bool isUnitStrideIn(AffineExpr expr, unsigned dim) {
  if (auto dimExpr = llvm::dyn_cast<AffineDimExpr>(expr))
    return dimExpr.getPosition() == dim;
  auto sum = llvm::dyn_cast<AffineBinaryOpExpr>(expr);
  if (!sum || sum.getKind() != AffineExprKind::Add)
    return false;
  return (isUnitStrideIn(sum.getLHS(), dim) && !sum.getRHS().isFunctionOfDim(dim)) ||
         (isUnitStrideIn(sum.getRHS(), dim) && !sum.getLHS().isFunctionOfDim(dim));
}

/// Whether the buffer has unit stride in its last dimension.
bool isInnermostContiguous(Value buffer) {
  auto type = llvm::dyn_cast<MemRefType>(buffer.getType());
  if (!type || type.getRank() == 0)
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) && strides.back() == 1;
}

std::optional<vector::CombiningKind> combiningKindOf(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<vector::CombiningKind>>(op)
      .Case([](arith::AddFOp) { return vector::CombiningKind::ADD; })
      .Case([](arith::MulFOp) { return vector::CombiningKind::MUL; })
      .Case([](arith::MaximumFOp) { return vector::CombiningKind::MAXIMUMF; })
      .Case([](arith::MaxNumFOp) { return vector::CombiningKind::MAXNUMF; })
      .Case([](arith::MinimumFOp) { return vector::CombiningKind::MINIMUMF; })
      .Case([](arith::MinNumFOp) { return vector::CombiningKind::MINNUMF; })
      .Default([](Operation *) { return std::nullopt; });
}

/// The value a lane of a partial-result accumulator starts from.
double neutralElement(vector::CombiningKind kind) {
  switch (kind) {
  case vector::CombiningKind::ADD:
    return 0.0;
  case vector::CombiningKind::MUL:
    return 1.0;
  case vector::CombiningKind::MAXIMUMF:
  case vector::CombiningKind::MAXNUMF:
    return -std::numeric_limits<double>::infinity();
  default:
    return std::numeric_limits<double>::infinity();
  }
}

/// What the kernel for one generic looks like; see `plan`.
struct KernelPlan {
  linalg::GenericOp op;
  /// The body op computing `combine(out, contribution)`.
  Operation *combiner;
  vector::CombiningKind kind;
  unsigned vectorLoop;
  bool vectorLoopIsReduction;
  int64_t vectorWidth;
  /// The parallel loop unrolled into several accumulators, if any.
  std::optional<unsigned> blockLoop;
  int64_t blockRows = 1;
};

/// Whether the op is a reduction this pass can vectorize, and its combiner.
Operation *findCombiner(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0 ||
      op.hasIndexSemantics() || op.hasDynamicShape())
    return nullptr;
  Block &body = op.getRegion().front();
  BlockArgument accumulator = body.getArguments().back();
  if (!llvm::isa<FloatType>(accumulator.getType()) || !accumulator.hasOneUse())
    return nullptr;
  Operation *combiner = *accumulator.getUsers().begin();
  auto yield = llvm::cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getOperand(0).getDefiningOp() != combiner || !combiningKindOf(combiner) ||
      !combiner->getResult(0).hasOneUse())
    return nullptr;
  for (Operation &inner : body.without_terminator())
    if (inner.getNumRegions() != 0 ||
        (inner.getNumOperands() != 0 && !inner.hasTrait<OpTrait::Elementwise>()))
      return nullptr;
  return combiner;
}

/// Whether every operand reading `loop` reads it contiguously along its last dimension.
bool isVectorizableLoop(linalg::GenericOp op, unsigned loop) {
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!map.isFunctionOfDim(loop))
      continue;
    ArrayRef<AffineExpr> results = map.getResults();
    for (AffineExpr expr : results.drop_back())
      if (expr.isFunctionOfDim(loop))
        return false;
    if (!isUnitStrideIn(results.back(), loop) || !isInnermostContiguous(operand.get()))
      return false;
  }
  return true;
}

/// The vector width for an extent: all of it when small, else the widest tile (a multiple
/// of a register) that divides it, else a register-multiple with a tail.
int64_t vectorWidthFor(int64_t extent, int64_t lanesPerRegister) {
  if (extent <= widestVector)
    return extent;
  for (int64_t width = widestVector; width >= lanesPerRegister; width -= lanesPerRegister)
    if (extent % width == 0)
      return width;
  return 2 * lanesPerRegister;
}

/// The rows to unroll along an extent: the largest count within the register budget that
/// divides it, unless a tail gives a much larger block.
int64_t blockRowsFor(int64_t extent, int64_t budget) {
  budget = std::min(budget, extent);
  for (int64_t rows = budget; rows >= 1; --rows)
    if (extent % rows == 0)
      return 2 * rows > budget ? rows : budget;
  return 1;
}

std::optional<KernelPlan> plan(linalg::GenericOp op) {
  Operation *combiner = findCombiner(op);
  if (!combiner)
    return std::nullopt;
  KernelPlan kernel{op, combiner, *combiningKindOf(combiner), 0, false, 0, std::nullopt};
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));

  // A parallel loop along which the output is contiguous; else the longest contiguous reduction.
  std::optional<unsigned> vectorLoop;
  if (outputMap.getNumResults() > 0)
    if (auto last = llvm::dyn_cast<AffineDimExpr>(outputMap.getResults().back()))
      if (extents[last.getPosition()] >= 4 && isVectorizableLoop(op, last.getPosition()))
        vectorLoop = last.getPosition();
  if (!vectorLoop)
    for (unsigned loop = 0; loop < extents.size(); ++loop)
      if (iterators[loop] == utils::IteratorType::reduction && extents[loop] >= 4 &&
          isVectorizableLoop(op, loop) && (!vectorLoop || extents[loop] > extents[*vectorLoop]))
        vectorLoop = loop;
  if (!vectorLoop)
    return std::nullopt;
  kernel.vectorLoop = *vectorLoop;
  kernel.vectorLoopIsReduction = iterators[*vectorLoop] == utils::IteratorType::reduction;

  auto elementType = llvm::cast<FloatType>(op.getRegion().front().getArguments().back().getType());
  int64_t lanesPerRegister = registerBits / elementType.getWidth();
  kernel.vectorWidth = vectorWidthFor(extents[*vectorLoop], lanesPerRegister);

  // Unroll the parallel loop that the most vector loads do not depend on: each of those loads
  // then serves every row of the block.
  int bestReuse = -1;
  for (unsigned loop = 0; loop < extents.size(); ++loop) {
    if (loop == *vectorLoop || iterators[loop] != utils::IteratorType::parallel || extents[loop] < 2)
      continue;
    int reuse = 0;
    for (OpOperand *input : op.getDpsInputOperands()) {
      AffineMap map = op.getMatchingIndexingMap(input);
      reuse += map.isFunctionOfDim(*vectorLoop) && !map.isFunctionOfDim(loop);
    }
    if (reuse > bestReuse || (reuse == bestReuse && extents[loop] > extents[*kernel.blockLoop])) {
      bestReuse = reuse;
      kernel.blockLoop = loop;
    }
  }
  if (kernel.blockLoop) {
    int64_t registersPerRow = llvm::divideCeil(kernel.vectorWidth, lanesPerRegister);
    int64_t budget = std::max<int64_t>(1, accumulatorRegisters / registersPerRow);
    kernel.blockRows = blockRowsFor(extents[*kernel.blockLoop], budget);
  }
  return kernel;
}

/// Emits the kernel of one plan in place of its generic.
class KernelEmitter {
public:
  KernelEmitter(const KernelPlan &kernel, OpBuilder &builder)
      : kernel(kernel), op(kernel.op), builder(builder), loc(op.getLoc()),
        extents(op.getStaticLoopRanges()), iterators(op.getIteratorTypesArray()),
        elementType(op.getRegion().front().getArguments().back().getType()) {}

  void emit() {
    int64_t blockExtent = kernel.blockLoop ? extents[*kernel.blockLoop] : 1;
    for (Segment rows : segmentsOf(blockExtent, kernel.blockRows)) {
      if (kernel.vectorLoopIsReduction) {
        emitTiles(rows, std::nullopt);
        continue;
      }
      for (Segment lanes : segmentsOf(extents[kernel.vectorLoop], kernel.vectorWidth))
        emitTiles(rows, lanes);
    }
  }

private:
  /// All output tiles of one row segment (and, for a parallel vector loop, one lane segment),
  /// distributed over a parallel loop nest.
  void emitTiles(Segment rows, std::optional<Segment> lanes) {
    SmallVector<unsigned> loops;
    SmallVector<Value> lower, upper, steps;
    for (unsigned loop = 0; loop < extents.size(); ++loop) {
      if (iterators[loop] != utils::IteratorType::parallel)
        continue;
      Segment range{0, extents[loop], 1};
      if (kernel.blockLoop == loop)
        range = rows;
      else if (loop == kernel.vectorLoop)
        range = *lanes;
      loops.push_back(loop);
      lower.push_back(index(range.begin));
      upper.push_back(index(range.end));
      steps.push_back(index(range.width));
    }
    auto body = [&](OpBuilder &nested, ValueRange inductionVariables) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
      SmallVector<Value> position(extents.size(), index(0));
      for (auto [loop, value] : llvm::zip(loops, inductionVariables))
        position[loop] = value;
      emitTile(position, rows.width, lanes ? lanes->width : kernel.vectorWidth);
    };
    if (loops.empty()) {
      body(builder, {});
      return;
    }
    scf::ParallelOp::create(builder, loc, lower, upper, steps,
                            [&](OpBuilder &nested, Location, ValueRange ivs) { body(nested, ivs); });
  }

  /// One tile: `rows` accumulators of `width` lanes (parallel vector loop) or of partial
  /// results (reduction vector loop), carried through every reduction loop.
  void emitTile(SmallVector<Value> position, int64_t rows, int64_t width) {
    Value output = op.getDpsInitOperand(0)->get();
    AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
    auto accumulatorType = VectorType::get({width}, elementType);
    SmallVector<Value> accumulators;
    for (int64_t row = 0; row < rows; ++row) {
      if (kernel.vectorLoopIsReduction)
        accumulators.push_back(neutralVector(accumulatorType));
      else
        accumulators.push_back(
            vector::LoadOp::create(builder, loc, accumulatorType, output, indices(outputMap, position, row)));
    }

    SmallVector<unsigned> reductionLoops;
    for (unsigned loop = 0; loop < extents.size(); ++loop)
      if (iterators[loop] == utils::IteratorType::reduction && loop != kernel.vectorLoop)
        reductionLoops.push_back(loop);
    accumulators = emitReductionLoops(reductionLoops, position, accumulators, rows, width);

    for (int64_t row = 0; row < rows; ++row) {
      SmallVector<Value> at = indices(outputMap, position, row);
      if (!kernel.vectorLoopIsReduction) {
        vector::StoreOp::create(builder, loc, accumulators[row], output, at);
        continue;
      }
      Value previous = memref::LoadOp::create(builder, loc, output, at);
      Value reduced = vector::ReductionOp::create(builder, loc, kernel.kind, accumulators[row], previous);
      memref::StoreOp::create(builder, loc, reduced, output, at);
    }
  }

  /// The reduction loops from `depth` inward, carrying the accumulators; innermost, the lanes
  /// of a reduction vector loop (full tiles, then the tail).
  SmallVector<Value> emitReductionLoops(ArrayRef<unsigned> loops, SmallVector<Value> position,
                                        ValueRange accumulators, int64_t rows, int64_t width) {
    if (loops.empty()) {
      if (!kernel.vectorLoopIsReduction)
        return accumulate(position, accumulators, rows, width);
      SmallVector<Value> result(accumulators);
      for (Segment lanes : segmentsOf(extents[kernel.vectorLoop], kernel.vectorWidth))
        result = emitLoop(kernel.vectorLoop, lanes, position, result, [&](SmallVector<Value> at, ValueRange carried) {
          return accumulate(at, carried, rows, lanes.width);
        });
      return result;
    }
    return emitLoop(loops.front(), {0, extents[loops.front()], 1}, position, accumulators,
                    [&](SmallVector<Value> at, ValueRange carried) {
                      return emitReductionLoops(loops.drop_front(), at, carried, rows, width);
                    });
  }

  /// An scf.for over one segment of `loop` carrying `carried`; a single-iteration segment is
  /// emitted inline.
  template <typename BodyFn>
  SmallVector<Value> emitLoop(unsigned loop, Segment segment, SmallVector<Value> position, ValueRange carried,
                              BodyFn body) {
    if (segment.end - segment.begin == segment.width) {
      position[loop] = index(segment.begin);
      return body(position, carried);
    }
    auto forOp = scf::ForOp::create(builder, loc, index(segment.begin), index(segment.end), index(segment.width),
                                    carried);
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(forOp.getBody());
    position[loop] = forOp.getInductionVar();
    SmallVector<Value> results = body(position, forOp.getRegionIterArgs());
    scf::YieldOp::create(builder, loc, results);
    return forOp.getResults();
  }

  /// Loads the operands at `position`, evaluates the body on vectors, and folds the
  /// contributions into the accumulators.
  SmallVector<Value> accumulate(const SmallVector<Value> &position, ValueRange accumulators, int64_t rows,
                                int64_t width) {
    Block &body = op.getRegion().front();
    // Inputs that do not depend on the block loop are loaded once for all rows.
    IRMapping shared;
    for (OpOperand *input : op.getDpsInputOperands())
      if (!isRowDependent(input))
        shared.map(body.getArgument(input->getOperandNumber()), load(input, position, 0, width));
    SmallVector<Value> result;
    for (int64_t row = 0; row < rows; ++row) {
      IRMapping mapping = shared;
      for (OpOperand *input : op.getDpsInputOperands())
        if (isRowDependent(input))
          mapping.map(body.getArgument(input->getOperandNumber()), load(input, position, row, width));
      for (Operation &inner : body.without_terminator()) {
        if (&inner == kernel.combiner)
          break;
        cloneVectorized(inner, mapping, width);
      }
      Value contribution = mapping.lookupOrDefault(
          kernel.combiner->getOperand(kernel.combiner->getOperand(0) == body.getArguments().back() ? 1 : 0));
      result.push_back(combine(accumulators[row], widen(broadcast(contribution, width), accumulators[row])));
    }
    return result;
  }

  bool isRowDependent(OpOperand *input) {
    return kernel.blockLoop && op.getMatchingIndexingMap(input).isFunctionOfDim(*kernel.blockLoop);
  }

  /// The operand's element(s) at `position` (row `row` of the block): a vector when it reads
  /// the vector loop, else a scalar.
  Value load(OpOperand *operand, const SmallVector<Value> &position, int64_t row, int64_t width) {
    AffineMap map = op.getMatchingIndexingMap(operand);
    SmallVector<Value> at = indices(map, position, row);
    if (map.isFunctionOfDim(kernel.vectorLoop))
      return vector::LoadOp::create(builder, loc, VectorType::get({width}, getElementTypeOrSelf(operand->get())),
                                    operand->get(), at);
    if (map.getNumResults() == 0 && !llvm::isa<ShapedType>(operand->get().getType()))
      return operand->get();
    return memref::LoadOp::create(builder, loc, operand->get(), at);
  }

  /// Clones a scalar body op onto vectors of `width` lanes when any operand is a vector.
  void cloneVectorized(Operation &inner, IRMapping &mapping, int64_t width) {
    SmallVector<Value> operands;
    bool anyVector = false;
    for (Value operand : inner.getOperands()) {
      operands.push_back(mapping.lookupOrDefault(operand));
      anyVector |= llvm::isa<VectorType>(operands.back().getType());
    }
    if (!anyVector) {
      builder.clone(inner, mapping);
      return;
    }
    for (Value &operand : operands)
      operand = broadcast(operand, width);
    OperationState state(loc, inner.getName());
    state.addOperands(operands);
    state.addAttributes(inner.getAttrs());
    for (Type type : inner.getResultTypes())
      state.addTypes(VectorType::get({width}, type));
    Operation *vectorized = builder.create(state);
    mapping.map(inner.getResults(), vectorized->getResults());
  }

  /// A tail's narrower contribution, padded with the neutral element to the accumulator's lanes.
  Value widen(Value contribution, Value accumulator) {
    auto type = llvm::cast<VectorType>(accumulator.getType());
    if (contribution.getType() == type)
      return contribution;
    return vector::InsertStridedSliceOp::create(builder, loc, contribution, neutralVector(type),
                                                ArrayRef<int64_t>{0}, ArrayRef<int64_t>{1});
  }

  Value neutralVector(VectorType type) {
    auto lane = builder.getFloatAttr(type.getElementType(), neutralElement(kernel.kind));
    return arith::ConstantOp::create(builder, loc, llvm::cast<TypedAttr>(DenseElementsAttr::get(type, lane)));
  }

  Value broadcast(Value value, int64_t width) {
    if (llvm::isa<VectorType>(value.getType()))
      return value;
    return vector::BroadcastOp::create(builder, loc, VectorType::get({width}, value.getType()), value);
  }

  /// The combiner applied to two values of the same type.
  Value combine(Value accumulator, Value contribution) {
    OperationState state(loc, kernel.combiner->getName());
    state.addOperands({accumulator, contribution});
    state.addAttributes(kernel.combiner->getAttrs());
    state.addTypes(accumulator.getType());
    return builder.create(state)->getResult(0);
  }

  /// The indices `map` gives at `position`, with the block loop advanced by `row`.
  SmallVector<Value> indices(AffineMap map, SmallVector<Value> position, int64_t row) {
    if (kernel.blockLoop && row != 0)
      position[*kernel.blockLoop] =
          arith::AddIOp::create(builder, loc, position[*kernel.blockLoop], index(row));
    SmallVector<Value> result;
    for (AffineExpr expr : map.getResults()) {
      OpFoldResult value = affine::makeComposedFoldedAffineApply(
          builder, loc, AffineMap::get(map.getNumDims(), 0, expr), getAsOpFoldResult(position));
      result.push_back(getValueOrCreateConstantIndexOp(builder, loc, value));
    }
    return result;
  }

  Value index(int64_t value) { return arith::ConstantIndexOp::create(builder, loc, value); }

  const KernelPlan &kernel;
  linalg::GenericOp op;
  OpBuilder &builder;
  Location loc;
  SmallVector<int64_t> extents;
  SmallVector<utils::IteratorType> iterators;
  Type elementType;
};

class VectorizeReductionsPass : public mlir::dlm::impl::VectorizeReductionsBase<VectorizeReductionsPass> {
public:
  void runOnOperation() override {
    SmallVector<KernelPlan> kernels;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (std::optional<KernelPlan> kernel = plan(op))
        kernels.push_back(*kernel);
    });
    for (KernelPlan &kernel : kernels) {
      OpBuilder builder(kernel.op);
      KernelEmitter(kernel, builder).emit();
      kernel.op.erase();
    }
  }
};

} // namespace
