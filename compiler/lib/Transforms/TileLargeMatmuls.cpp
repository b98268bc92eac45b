//===- TileLargeMatmuls.cpp - Cache blocks and packed panels for large matmuls ===//
//
// dlm-vectorize-generics keeps a block of the output in registers across the whole reduction,
// loading the right-hand operand one row of the block's width per step. When that operand is
// larger than half a core's L2 cache, every block streams it from further away, and when its
// rows are a power-of-two number of bytes apart they all fall into a few cache sets and evict
// one another. Here such a matmul is split into column blocks, run in parallel, each over depth
// blocks of the reduction in order; a depth block first copies its slice of the right-hand
// operand into panels of 64 columns, each contiguous, then multiplies on the panels, which stay
// in the L2 of the core that copied them.
//
//===----------------------------------------------------------------------===//

#include "BufferQueries.h"
#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_TILELARGEMATMULS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;
using mlir::dlm::findInitialFill;
using mlir::dlm::hasContiguousRows;

namespace {

/// Columns of one panel: four AVX-512 registers, the width of dlm-vectorize-generics' blocks.
constexpr int64_t panelWidth = 64;
/// The most columns of a block.
constexpr int64_t maxBlockColumns = 512;
/// Below this many output rows, copying the panels costs more than it saves.
constexpr int64_t minRows = 256;

/// A matmul `C[m, n] += A[m, k] * B[k, n]` (A may also be read as A[k, m]) and its loops.
struct Matmul {
  linalg::GenericOp op;
  unsigned rowLoop, columnLoop, reductionLoop;
  unsigned leftInput, rightInput;
  int64_t rows, columns, depth;
};

/// The loop a map result reads, if it is a bare loop dimension.
std::optional<unsigned> loopOf(AffineExpr expr) {
  if (auto dim = llvm::dyn_cast<AffineDimExpr>(expr))
    return dim.getPosition();
  return std::nullopt;
}

/// Whether the body is `out + x * y` (or `out + y * x`, `x * y + out`) of the two inputs.
bool isMultiplyAccumulate(linalg::GenericOp op) {
  Block &body = op.getRegion().front();
  if (body.getOperations().size() != 3)
    return false;
  auto product = llvm::dyn_cast<arith::MulFOp>(body.front());
  auto sum = llvm::dyn_cast<arith::AddFOp>(*std::next(body.begin()));
  auto yield = llvm::cast<linalg::YieldOp>(body.getTerminator());
  if (!product || !sum || yield.getOperand(0) != sum.getResult())
    return false;
  auto isArgument = [&](Value value, unsigned number) { return value == body.getArgument(number); };
  bool productOfInputs = (isArgument(product.getLhs(), 0) && isArgument(product.getRhs(), 1)) ||
                         (isArgument(product.getLhs(), 1) && isArgument(product.getRhs(), 0));
  bool addsToOutput = (isArgument(sum.getLhs(), 2) && sum.getRhs() == product.getResult()) ||
                      (isArgument(sum.getRhs(), 2) && sum.getLhs() == product.getResult());
  return productOfInputs && addsToOutput;
}

/// The op as an f32 matmul worth blocking, if it is one: its right-hand operand outgrows
/// `panelBytes`.
std::optional<Matmul> matchLargeMatmul(linalg::GenericOp op, int64_t panelBytes) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op.getNumLoops() != 3 || op.getNumReductionLoops() != 1 || op.hasDynamicShape() ||
      op.hasIndexSemantics() || !isMultiplyAccumulate(op))
    return std::nullopt;
  for (Value operand : op->getOperands())
    if (!llvm::cast<MemRefType>(operand.getType()).getElementType().isF32())
      return std::nullopt;
  SmallVector<unsigned> reductions;
  op.getReductionDims(reductions);
  Matmul matmul{op, 0, 0, reductions.front(), 0, 1, 0, 0, 0};
  AffineMap output = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  std::optional<unsigned> row = loopOf(output.getResult(0)), column;
  if (output.getNumResults() == 2)
    column = loopOf(output.getResult(1));
  if (!row || !column)
    return std::nullopt;
  matmul.rowLoop = *row;
  matmul.columnLoop = *column;
  // The right-hand input is read [k, n], with n contiguous; the left one reads m and k only.
  auto readsLoops = [&](unsigned input, unsigned first, unsigned second) {
    AffineMap map = op.getMatchingIndexingMap(op.getDpsInputOperand(input));
    return map.getNumResults() == 2 && loopOf(map.getResult(0)) == first && loopOf(map.getResult(1)) == second;
  };
  for (unsigned right : {0u, 1u}) {
    unsigned left = 1 - right;
    if (readsLoops(right, matmul.reductionLoop, matmul.columnLoop) &&
        (readsLoops(left, matmul.rowLoop, matmul.reductionLoop) ||
         readsLoops(left, matmul.reductionLoop, matmul.rowLoop))) {
      matmul.leftInput = left;
      matmul.rightInput = right;
      break;
    }
    if (right == 1)
      return std::nullopt;
  }
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  matmul.rows = extents[matmul.rowLoop];
  matmul.columns = extents[matmul.columnLoop];
  matmul.depth = extents[matmul.reductionLoop];
  Value right = op.getDpsInputOperand(matmul.rightInput)->get();
  if (matmul.rows < minRows || matmul.columns % panelWidth != 0 ||
      matmul.columns * matmul.depth * 4 <= panelBytes || !hasContiguousRows(right) ||
      !hasContiguousRows(op.getDpsInitOperand(0)->get()))
    return std::nullopt;
  return matmul;
}

/// Emits the blocks of one matmul in its place.
class BlockEmitter {
public:
  /// Blocks of the most columns (up to 512) that still give `minColumnBlocks`, and of the most
  /// reduction steps whose panels fit `panelBytes`.
  BlockEmitter(const Matmul &matmul, OpBuilder &builder, int64_t panelBytes, int64_t minColumnBlocks)
      : matmul(matmul), op(matmul.op), builder(builder), loc(op.getLoc()), context(builder.getContext()) {
    blockColumns = panelWidth;
    for (int64_t columns = maxBlockColumns; columns > panelWidth; columns -= panelWidth)
      if (matmul.columns % columns == 0 && matmul.columns / columns >= minColumnBlocks) {
        blockColumns = columns;
        break;
      }
    blockDepth = std::clamp<int64_t>(panelBytes / (4 * blockColumns), 1, matmul.depth);
  }

  /// The panel buffer: every column's `blockDepth` rows, as panels of 64 columns.
  MemRefType panelsType() const {
    return MemRefType::get({matmul.columns / panelWidth, blockDepth, panelWidth}, builder.getF32Type());
  }

  /// The column blocks in parallel, each over its depth blocks in order. The first depth block
  /// starts from `initialFill`'s value, if there is one, instead of the filled output.
  void emit(Value panels, linalg::FillOp initialFill) {
    auto columnLoop = scf::ParallelOp::create(builder, loc, ValueRange{index(0)}, ValueRange{index(matmul.columns)},
                                              ValueRange{index(blockColumns)});
    builder.setInsertionPoint(columnLoop.getBody()->getTerminator());
    Value column = columnLoop.getInductionVars().front();
    Value firstPanel = arith::DivUIOp::create(builder, loc, column, index(panelWidth));
    Value blockPanels = memref::SubViewOp::create(builder, loc, panels,
                                                  {firstPanel, builder.getIndexAttr(0), builder.getIndexAttr(0)},
                                                  staticSizes({blockColumns / panelWidth, blockDepth, panelWidth}),
                                                  staticSizes({1, 1, 1}));
    emitBlock(blockPanels, column, index(0), blockDepth, initialFill);
    int64_t fullDepth = matmul.depth / blockDepth * blockDepth;
    auto depthLoop = scf::ForOp::create(builder, loc, index(blockDepth), index(fullDepth), index(blockDepth));
    // Depths the blocks do not divide: one last block, of static depth too.
    if (fullDepth < matmul.depth)
      emitBlock(blockPanels, column, index(fullDepth), matmul.depth - fullDepth, nullptr);
    builder.setInsertionPoint(depthLoop.getBody()->getTerminator());
    emitBlock(blockPanels, column, depthLoop.getInductionVar(), blockDepth, nullptr);
  }

private:
  /// Copies the block's slice of the right-hand input into its panels, then multiplies.
  void emitBlock(Value panels, Value column, Value step, int64_t depth, linalg::FillOp initialFill) {
    int64_t panelCount = blockColumns / panelWidth;
    if (depth != blockDepth)
      panels = memref::SubViewOp::create(builder, loc, panels, staticSizes({0, 0, 0}),
                                         staticSizes({panelCount, depth, panelWidth}),
                                         staticSizes({1, 1, 1}));
    // panels[p, k, l] = right[k, 64 p + l]
    Value right = slice(op.getDpsInputOperand(matmul.rightInput)->get(), {step, column}, {depth, blockColumns});
    AffineMap rightInPanels = AffineMap::get(3, 0, {dim(1), dim(0) * panelWidth + dim(2)}, context);
    linalg::GenericOp::create(builder, loc, ValueRange{right}, ValueRange{panels},
                              ArrayRef<AffineMap>{rightInPanels, builder.getMultiDimIdentityMap(3)},
                              SmallVector<utils::IteratorType>(3, utils::IteratorType::parallel),
                              [](OpBuilder &body, Location bodyLoc, ValueRange arguments) {
                                linalg::YieldOp::create(body, bodyLoc, arguments.front());
                              });

    // Over loops (m, p, l, k): out[m, p, l] += left[m, k] * panels[p, k, l], the output viewed
    // as [m, p, l] so that dlm-vectorize-generics finds a dimension of its own to vectorize.
    Value zero = index(0);
    Value left = op.getDpsInputOperand(matmul.leftInput)->get();
    bool leftTransposed = loopOf(op.getMatchingIndexingMap(op.getDpsInputOperand(matmul.leftInput)).getResult(0)) ==
                          matmul.reductionLoop;
    left = leftTransposed ? slice(left, {step, zero}, {depth, matmul.rows})
                          : slice(left, {zero, step}, {matmul.rows, depth});
    Value output = slice(op.getDpsInitOperand(0)->get(), {zero, column}, {matmul.rows, blockColumns});
    output = memref::ExpandShapeOp::create(builder, loc, ArrayRef<int64_t>{matmul.rows, panelCount, panelWidth}, output,
                                           ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    if (initialFill)
      linalg::FillOp::create(builder, loc, initialFill.getInputs(), ValueRange{output});
    SmallVector<Value, 2> inputs(2);
    SmallVector<AffineMap, 3> maps(2);
    inputs[matmul.leftInput] = left;
    maps[matmul.leftInput] =
        AffineMap::get(4, 0, leftTransposed ? ArrayRef{dim(3), dim(0)} : ArrayRef{dim(0), dim(3)}, context);
    inputs[matmul.rightInput] = panels;
    maps[matmul.rightInput] = AffineMap::get(4, 0, {dim(1), dim(3), dim(2)}, context);
    maps.push_back(AffineMap::get(4, 0, {dim(0), dim(1), dim(2)}, context));
    SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    auto product = linalg::GenericOp::create(builder, loc, inputs, ValueRange{output}, maps, iterators);
    IRMapping mapping;
    op.getRegion().cloneInto(&product.getRegion(), mapping);
  }

  Value index(int64_t value) { return arith::ConstantIndexOp::create(builder, loc, value); }
  AffineExpr dim(unsigned position) { return getAffineDimExpr(position, context); }
  SmallVector<OpFoldResult> staticSizes(ArrayRef<int64_t> values) {
    return llvm::map_to_vector(values, [&](int64_t value) -> OpFoldResult { return builder.getIndexAttr(value); });
  }

  /// The slice of a 2-D buffer of static `sizes` at dynamic `offsets`.
  Value slice(Value buffer, ArrayRef<Value> offsets, ArrayRef<int64_t> sizes) {
    return memref::SubViewOp::create(builder, loc, buffer, SmallVector<OpFoldResult>(offsets.begin(), offsets.end()),
                                     staticSizes(sizes), staticSizes({1, 1}));
  }

  const Matmul &matmul;
  linalg::GenericOp op;
  OpBuilder &builder;
  Location loc;
  MLIRContext *context;
  int64_t blockColumns, blockDepth;
};

class TileLargeMatmulsPass : public mlir::dlm::impl::TileLargeMatmulsBase<TileLargeMatmulsPass> {
public:
  using TileLargeMatmulsBase::TileLargeMatmulsBase;

  void runOnOperation() override {
    func::FuncOp function = getOperation();
    SmallVector<Matmul> matmuls;
    function.walk([&](linalg::GenericOp op) {
      if (std::optional<Matmul> matmul = matchLargeMatmul(op, panelBytes))
        matmuls.push_back(*matmul);
    });
    Block &entry = function.getBody().front();
    for (Matmul &matmul : matmuls) {
      OpBuilder builder(matmul.op);
      BlockEmitter emitter(matmul, builder, panelBytes, minColumnBlocks);
      // In the entry block, where dlm-plan-static-memory gives it a place in the workspace.
      OpBuilder entryBuilder = OpBuilder::atBlockBegin(&entry);
      Value panels = memref::AllocOp::create(entryBuilder, matmul.op.getLoc(), emitter.panelsType());
      linalg::FillOp initialFill = findInitialFill(matmul.op);
      emitter.emit(panels, initialFill);
      if (initialFill)
        initialFill.erase();
      entryBuilder.setInsertionPoint(entry.getTerminator());
      memref::DeallocOp::create(entryBuilder, matmul.op.getLoc(), panels);
      matmul.op.erase();
    }
  }
};

} // namespace
