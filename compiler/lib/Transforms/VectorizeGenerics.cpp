//===- VectorizeGenerics.cpp - Vector kernels for linalg reductions and elementwise generics ===//
//
// A linalg.generic on buffers whose body folds one contribution into its output
// (`out = combine(out, x)`: matmuls, convolutions and their adjoints, sums, maxima) becomes a
// nest of loops holding a block of vector accumulators in registers across all reduction
// iterations. One loop is vectorized: a parallel loop along which the output is contiguous
// ("row" accumulators, stored at the end), or else a reduction loop along which the inputs
// are contiguous (partial sums, reduced across lanes at the end). One or two other parallel
// loops are unrolled into a block of accumulators, so that an input that does not depend on one
// of them is loaded once for all its rows. Extents the tiles do not divide get masked vectors or
// a tail tile of static size, never scalar code. Elementwise generics that consume the
// output right after run on the accumulators before they are stored (the epilogue). An
// elementwise generic on its own becomes tiles of one vector along the loop its outputs are
// contiguous in.
//
//===----------------------------------------------------------------------===//

#include "BufferQueries.h"
#include "Segments.h"
#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

namespace mlir::dlm {
#define GEN_PASS_DEF_VECTORIZEGENERICS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;
using mlir::dlm::findInitialFill;
using mlir::dlm::hasContiguousRows;
using mlir::dlm::Segment;
using mlir::dlm::segmentsOf;

namespace {

/// Accumulator registers the kernel may hold: AVX-512 has 32, and the loaded operands and
/// broadcasts need the rest.
constexpr int64_t accumulatorRegisters = 16;
/// Bits in one vector register of the targets we tune for (AVX-512).
constexpr int64_t registerBits = 512;
/// The widest vector a kernel uses; wider extents are tiled.
constexpr int64_t widestVector = 64;

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
  /// No reduction loop: every tile evaluates the body on vectors and stores what it yields.
  bool elementwise = false;
  /// The body op computing `combine(out, contribution)`.
  Operation *combiner = nullptr;
  vector::CombiningKind kind = vector::CombiningKind::ADD;
  unsigned vectorLoop = 0;
  bool vectorLoopIsReduction = false;
  SmallVector<Segment> vectorSegments;
  /// The parallel loops (at most two) unrolled into a block of accumulators, and the rows of
  /// the block along each.
  SmallVector<unsigned, 2> blockLoops;
  SmallVector<int64_t, 2> blockRows;
  /// Whether a contribution is zero, the sum's neutral element, where the vector loads are
  /// masked off (they read zeros): a sum of products with a vector-loaded factor. (A non-finite
  /// other factor makes such a lane NaN where the exact sum is infinite; both are reported by
  /// --check-numerics.)
  bool maskedLanesAreNeutral = false;
  /// A reduction loop run outside the tiles, once over all of them per iteration; see
  /// `chooseOuterReductionLoop`.
  std::optional<unsigned> outerReductionLoop;
  /// A reduction loop over the images split into `chunks` ranges run in parallel, each into its
  /// own partial output, summed at the end; see `chooseChunkedReductionLoop`.
  std::optional<unsigned> chunkedReductionLoop;
  int64_t chunks = 1;
  /// The linalg.fill that initializes the output just before the op, if any: the kernel starts
  /// from its value instead of reading the output, and replaces it.
  linalg::FillOp initialFill;
  Value initialValue;
  /// Elementwise generics right after the op, applied to each result before it is stored;
  /// see `collectEpilogue`.
  SmallVector<linalg::GenericOp> epilogue;
  /// Side-effect-free ops between the op and its epilogue (views) that the epilogue uses: they
  /// move before the kernel.
  SmallVector<Operation *> hoisted;
  /// The buffers the op and its epilogue write that are read later: the others are not stored.
  llvm::SmallDenseSet<Value> liveResults;

  /// The accumulators of one block.
  int64_t blockSize() const {
    int64_t size = 1;
    for (int64_t rows : blockRows)
      size *= rows;
    return size;
  }
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
    if (!isUnitStrideIn(results.back(), loop) || !hasContiguousRows(operand.get()))
      return false;
  }
  return true;
}

/// The tiles of the vector loop: all of an extent up to `widest` lanes in one (masked) vector,
/// else the widest register multiple up to `widest` that divides the extent, else two registers
/// (one, if `widest` is one) and a masked tail. Vectors are whole registers (or a power of two
/// below one): LLVM splits other lengths into pieces and reassembles them through the stack.
SmallVector<Segment> vectorSegmentsFor(int64_t extent, int64_t lanesPerRegister, int64_t widest = widestVector) {
  auto lanesFor = [&](int64_t width) {
    return width < lanesPerRegister && llvm::isPowerOf2_64(width) ? width : llvm::alignTo(width, lanesPerRegister);
  };
  int64_t width = std::min(2 * lanesPerRegister, widest);
  if (extent <= widest)
    width = extent;
  else
    for (int64_t candidate = widest; candidate >= lanesPerRegister; candidate -= lanesPerRegister)
      if (extent % candidate == 0) {
        width = candidate;
        break;
      }
  SmallVector<Segment> segments = segmentsOf(extent, width);
  for (Segment &segment : segments)
    segment.lanes = lanesFor(segment.width);
  return segments;
}

/// The part of `expr` that varies with `loop`, when `expr` is that part plus terms without
/// `loop` and the part involves no other loop (`2 * x + k`, `(x + 1) floordiv 2`).
std::optional<AffineExpr> partAlong(AffineExpr expr, unsigned loop) {
  if (!expr.isFunctionOfDim(loop))
    return getAffineConstantExpr(0, expr.getContext());
  bool onlyLoop = true;
  expr.walk([&](AffineExpr inner) {
    auto dim = llvm::dyn_cast<AffineDimExpr>(inner);
    onlyLoop &= !llvm::isa<AffineSymbolExpr>(inner) && (!dim || dim.getPosition() == loop);
  });
  if (onlyLoop)
    return expr;
  auto sum = llvm::dyn_cast<AffineBinaryOpExpr>(expr);
  if (!sum || sum.getKind() != AffineExprKind::Add)
    return std::nullopt;
  std::optional<AffineExpr> left = partAlong(sum.getLHS(), loop), right = partAlong(sum.getRHS(), loop);
  if (!left || !right)
    return std::nullopt;
  return *left + *right;
}

/// The elements, counted from the one lane 0 reads, that the lanes of a tile starting at `start`
/// of `loop` read through `expr` (the last index of an operand): 0, 1, 2... when contiguous,
/// 0, 2, 4... for a window of stride 2, 0, 0, 1, 1... for a gradient spread back over windows.
std::optional<SmallVector<int64_t>> laneOffsets(AffineExpr expr, unsigned loop, int64_t start, int64_t lanes) {
  std::optional<AffineExpr> part = partAlong(expr, loop);
  if (!part)
    return std::nullopt;
  MLIRContext *context = expr.getContext();
  auto at = [&](int64_t position) -> std::optional<int64_t> {
    AffineExpr value = part->replace(getAffineDimExpr(loop, context), getAffineConstantExpr(position, context));
    auto constant = llvm::dyn_cast<AffineConstantExpr>(value);
    return constant ? std::optional(constant.getValue()) : std::nullopt;
  };
  std::optional<int64_t> first = at(start);
  if (!first)
    return std::nullopt;
  SmallVector<int64_t> offsets;
  for (int64_t lane = 0; lane < lanes; ++lane) {
    std::optional<int64_t> element = at(start + lane);
    if (!element || *element < *first)
      return std::nullopt;
    offsets.push_back(*element - *first);
  }
  return offsets;
}

bool isContiguous(ArrayRef<int64_t> offsets) {
  return llvm::all_of(llvm::enumerate(offsets), [](auto lane) { return lane.value() == int64_t(lane.index()); });
}

/// The tiles of a vector loop, and whether every operand reads it contiguously.
struct VectorLoopTiles {
  SmallVector<Segment> segments;
  bool contiguous = true;
};

/// The tiles of `loop` as the vector loop, if every operand reading it reads it in its last
/// dimension only, in rows contiguous in memory: the outputs contiguously, the inputs
/// contiguously or in one pattern of lanes per segment (see `laneOffsets`) that one load of at
/// most four registers and a shuffle serve. Inputs read in a pattern get tiles of one register.
std::optional<VectorLoopTiles> vectorLoopTiles(linalg::GenericOp op, unsigned loop, int64_t lanesPerRegister) {
  constexpr int64_t maxLoadRegisters = 4;
  int64_t extent = op.getStaticLoopRanges()[loop];
  VectorLoopTiles tiles;
  SmallVector<AffineExpr> patterned;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!map.isFunctionOfDim(loop))
      continue;
    ArrayRef<AffineExpr> results = map.getResults();
    if (llvm::any_of(results.drop_back(), [&](AffineExpr expr) { return expr.isFunctionOfDim(loop); }) ||
        !hasContiguousRows(operand.get()))
      return std::nullopt;
    if (isUnitStrideIn(results.back(), loop))
      continue;
    if (op.isDpsInit(&operand))
      return std::nullopt;
    patterned.push_back(results.back());
  }
  tiles.contiguous = patterned.empty();
  tiles.segments = vectorSegmentsFor(extent, lanesPerRegister, tiles.contiguous ? widestVector : lanesPerRegister);
  for (AffineExpr expr : patterned)
    for (const Segment &segment : tiles.segments) {
      std::optional<SmallVector<int64_t>> pattern = laneOffsets(expr, loop, segment.begin, segment.lanes);
      if (!pattern || *llvm::max_element(*pattern) >= maxLoadRegisters * lanesPerRegister)
        return std::nullopt;
      for (int64_t start = segment.begin + segment.width; start < segment.end; start += segment.width)
        if (laneOffsets(expr, loop, start, segment.lanes) != pattern)
          return std::nullopt;
    }
  return tiles;
}

/// The row counts worth trying along an extent within a register budget: its divisors (no
/// tail), and the whole budget (with a tail).
SmallVector<int64_t> rowCandidates(int64_t extent, int64_t budget) {
  SmallVector<int64_t> candidates;
  budget = std::min(budget, extent);
  for (int64_t rows = 1; rows < budget; ++rows)
    if (extent % rows == 0)
      candidates.push_back(rows);
  candidates.push_back(budget);
  return candidates;
}

/// Cycles of one reduction step of a tile with `accumulators` registers and `loads` loads, on
/// a core with two FMA and two load ports and an FMA latency of 4 cycles: each accumulator
/// takes one FMA per step, a chain of them one per 4 cycles.
double stepCycles(int64_t accumulators, int64_t loads) {
  constexpr double ports = 2, latency = 4;
  return std::max({double(loads) / ports, double(accumulators) / ports, latency});
}

/// Chooses the block: the one or two parallel loops, and rows along each, that take the fewest
/// cycles over the whole output (`stepCycles` per tile, tail tiles included: a block that
/// leaves a tail of a few rows runs it with few accumulators, bound by the FMA latency; LeNet's
/// conv2 went from 8 rows and a tail of 2 to 8 images by 2 columns, 306 -> 345 GFLOP/s). A load
/// that does not depend on a block loop serves all of its rows; a broadcast scalar costs one
/// load, a vector one per register.
void chooseBlock(KernelPlan &kernel, int64_t registersPerRow) {
  linalg::GenericOp op = kernel.op;
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<unsigned> candidates;
  for (unsigned loop = 0; loop < extents.size(); ++loop)
    if (loop != kernel.vectorLoop && iterators[loop] == utils::IteratorType::parallel && extents[loop] >= 2)
      candidates.push_back(loop);
  // Only inputs read anew in each reduction iteration count; LLVM hoists the others.
  SmallVector<AffineMap> streamed;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    for (unsigned loop = 0; loop < extents.size(); ++loop)
      if (iterators[loop] == utils::IteratorType::reduction && map.isFunctionOfDim(loop)) {
        streamed.push_back(map);
        break;
      }
  }
  // The loads of one reduction step of a tile of `rows` along `loops`.
  auto tileLoads = [&](ArrayRef<unsigned> loops, ArrayRef<int64_t> rows) {
    int64_t loads = 0;
    for (AffineMap map : streamed) {
      int64_t copies = map.isFunctionOfDim(kernel.vectorLoop) ? registersPerRow : 1;
      for (auto [loop, count] : llvm::zip(loops, rows))
        copies *= map.isFunctionOfDim(loop) ? count : 1;
      loads += copies;
    }
    return loads;
  };
  int64_t budget = std::max<int64_t>(1, accumulatorRegisters / registersPerRow);
  double bestCycles = std::numeric_limits<double>::infinity(), bestLoads = bestCycles;
  auto consider = [&](SmallVector<unsigned, 2> loops, SmallVector<int64_t, 2> rows) {
    // The other parallel loops run the block once per iteration.
    int64_t repeats = 1;
    for (unsigned loop : candidates)
      if (!llvm::is_contained(loops, loop))
        repeats *= extents[loop];
    // Every combination of full tiles and tails along the (at most two) block loops.
    auto segmentsAlong = [&](size_t index) {
      return index < loops.size() ? segmentsOf(extents[loops[index]], rows[index]) : SmallVector<Segment>{{0, 1, 1}};
    };
    double cycles = 0, loads = 0;
    for (const Segment &first : segmentsAlong(0))
      for (const Segment &second : segmentsAlong(1)) {
        SmallVector<int64_t, 2> widths = {first.width, second.width};
        widths.truncate(loops.size());
        int64_t tiles = repeats * ((first.end - first.begin) / first.width) *
                        ((second.end - second.begin) / second.width);
        int64_t tileLoadCount = tileLoads(loops, widths);
        cycles += double(tiles) * stepCycles(registersPerRow * first.width * second.width, tileLoadCount);
        loads += double(tiles) * double(tileLoadCount);
      }
    int64_t accumulators = 1;
    for (int64_t count : rows)
      accumulators *= count;
    // Partial sums keep the earlier measure, loads per multiply-add of a full tile: with it LeNet's
    // first filter gradient ran at 183 GFLOP/s, with the cycle estimate at 170.
    if (kernel.vectorLoopIsReduction) {
      cycles = double(tileLoads(loops, rows)) / double(accumulators * registersPerRow);
      loads = 0;
    }
    // Prefer fewer cycles, then fewer loads (cache bandwidth the port count ignores), then more
    // accumulators (fewer, longer loops).
    auto below = [](double value, double best) { return value < best * (1 - 1e-9); };
    auto equal = [&](double value, double best) { return !below(value, best) && !below(best, value); };
    if (below(cycles, bestCycles) ||
        (equal(cycles, bestCycles) &&
         (below(loads, bestLoads) || (equal(loads, bestLoads) && accumulators > kernel.blockSize())))) {
      bestCycles = cycles;
      bestLoads = loads;
      kernel.blockLoops = loops;
      kernel.blockRows = rows;
    }
  };
  consider({}, {});
  for (auto [i, first] : llvm::enumerate(candidates)) {
    for (int64_t rows : rowCandidates(extents[first], budget)) {
      consider({first}, {rows});
      for (unsigned second : ArrayRef(candidates).drop_front(i + 1))
        for (int64_t secondRows : rowCandidates(extents[second], budget / rows))
          if (secondRows > 1)
            consider({first, second}, {rows, secondRows});
    }
  }
}

/// Whether the contribution is a product with a factor read along the vector loop.
bool isProductWithVectorFactor(KernelPlan &kernel) {
  Block &body = kernel.op.getRegion().front();
  Value contribution = kernel.combiner->getOperand(kernel.combiner->getOperand(0) == body.getArguments().back());
  auto product = contribution.getDefiningOp<arith::MulFOp>();
  if (!product)
    return false;
  return llvm::any_of(product->getOperands(), [&](Value factor) {
    auto argument = llvm::dyn_cast<BlockArgument>(factor);
    return argument && argument.getOwner() == &body && argument.getArgNumber() < kernel.op.getNumDpsInputs() &&
           kernel.op.getMatchingIndexingMap(kernel.op.getDpsInputOperand(argument.getArgNumber()))
               .isFunctionOfDim(kernel.vectorLoop);
  });
}

/// Bytes a buffer operand holds.
int64_t sizeInBytes(Value buffer) {
  auto type = llvm::cast<ShapedType>(buffer.getType());
  return type.getNumElements() * std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
}

/// The reduction loop (not the vector loop) that is the outermost dimension of every input of at
/// least `minInputBytes` (the image of a filter gradient), if there is one.
std::optional<unsigned> outermostReductionLoop(const KernelPlan &kernel, int64_t minInputBytes) {
  linalg::GenericOp op = kernel.op;
  std::optional<unsigned> outer;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.getNumResults() == 0 || sizeInBytes(input->get()) < minInputBytes)
      continue;
    auto first = llvm::dyn_cast<AffineDimExpr>(map.getResult(0));
    if (!first || (outer && *outer != first.getPosition()))
      return std::nullopt;
    outer = first.getPosition();
  }
  if (!outer || *outer == kernel.vectorLoop || op.getIteratorTypesArray()[*outer] != utils::IteratorType::reduction)
    return std::nullopt;
  return outer;
}

/// Filter gradients and other reductions into a small output.
constexpr int64_t smallOutputBytes = 64 << 10;

/// When every tile would stream the whole of large inputs (a filter gradient reads all images
/// for each of its few outputs), runs the reduction loop over the inputs' outermost dimension
/// outside the tiles: per iteration the tiles then share a slice that stays in cache, and the
/// small output is read and written once per slice.
void chooseOuterReductionLoop(KernelPlan &kernel) {
  constexpr int64_t largeInputBytes = 1 << 20;
  if (sizeInBytes(kernel.op.getDpsInitOperand(0)->get()) <= smallOutputBytes)
    kernel.outerReductionLoop = outermostReductionLoop(kernel, largeInputBytes);
}

/// When the output is small and the parallel loops give few tiles (a filter gradient of a few
/// channels), splits the reduction loop over the inputs' outermost dimension (the images) into
/// `chunks` ranges, each reduced in parallel into its own copy of the output. With as many chunks
/// as threads, or a multiple, each thread also reads the images that it wrote in the forward and
/// backward loops, which split the batch the same way.
void chooseChunkedReductionLoop(KernelPlan &kernel, int64_t chunks) {
  // Below a quarter of a million multiply-adds and 64 KiB of inputs per chunk, the fork, the
  // partial outputs and the final fold cost more than they save (the MLP's small weight and bias
  // gradients: 5% slower). Above 64 KiB, one thread reading all the images would pull half of
  // them from the other core, and that core would pull them back for its next write: LeNet's
  // bias gradients (1.2 MB and 400 KB, a few adds per element) run split.
  constexpr int64_t minIterationsPerChunk = 1 << 18, minInputBytesPerChunk = 64 << 10;
  linalg::GenericOp op = kernel.op;
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  int64_t iterations = 1, inputBytes = 0;
  for (int64_t extent : extents)
    iterations *= extent;
  for (Value input : op.getDpsInputs())
    inputBytes += sizeInBytes(input);
  if (chunks < 2 || sizeInBytes(op.getDpsInitOperand(0)->get()) > smallOutputBytes ||
      (iterations < chunks * minIterationsPerChunk && inputBytes < chunks * minInputBytesPerChunk))
    return;
  // Inputs under 4 KiB (a batch norm's per-channel statistics, a learning rate) are read whole
  // by every chunk; the images must come first in all others.
  constexpr int64_t minImageBytes = 4 << 10;
  std::optional<unsigned> loop = outermostReductionLoop(kernel, minImageBytes);
  if (!loop || extents[*loop] < chunks || (kernel.outerReductionLoop && kernel.outerReductionLoop != loop))
    return;
  kernel.chunkedReductionLoop = loop;
  kernel.chunks = chunks;
}

/// Whether the body computes each element from its operands alone.
bool hasElementwiseBody(linalg::GenericOp op) {
  return llvm::all_of(op.getRegion().front().without_terminator(), [](Operation &inner) {
    return inner.getNumRegions() == 0 && (inner.getNumOperands() == 0 || inner.hasTrait<OpTrait::Elementwise>());
  });
}

/// Where a buffer lies: the allocation, global or argument its views start from, and its byte
/// range in it when every view on the way has a constant offset and it is contiguous.
struct BufferPlace {
  Value root;
  std::optional<std::pair<int64_t, int64_t>> bytes;
};

BufferPlace placeOf(Value buffer) {
  auto type = llvm::cast<MemRefType>(buffer.getType());
  std::optional<int64_t> offset = 0;
  Value root = buffer;
  while (Operation *definition = root.getDefiningOp()) {
    if (auto view = llvm::dyn_cast<memref::ViewOp>(definition)) {
      std::optional<int64_t> shift = getConstantIntValue(view.getByteShift());
      offset = offset && shift ? std::optional(*offset + *shift) : std::nullopt;
      root = view.getSource();
    } else if (llvm::isa<memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp>(definition)) {
      root = definition->getOperand(0);
    } else if (auto viewLike = llvm::dyn_cast<ViewLikeOpInterface>(definition)) {
      offset = std::nullopt;
      root = viewLike.getViewSource();
    } else {
      break;
    }
  }
  if (!offset || !type.hasStaticShape() || !type.getLayout().isIdentity())
    return {root, std::nullopt};
  int64_t size = type.getNumElements() * type.getElementTypeBitWidth() / 8;
  return {root, std::pair{*offset, *offset + size}};
}

/// Whether two buffers may share memory. Distinct arguments, globals and allocations never do:
/// the runtime passes a separate buffer for every argument.
bool mayOverlap(Value first, Value second) {
  BufferPlace a = placeOf(first), b = placeOf(second);
  if (a.root != b.root) {
    auto globalA = a.root.getDefiningOp<memref::GetGlobalOp>(), globalB = b.root.getDefiningOp<memref::GetGlobalOp>();
    if (globalA && globalB)
      return globalA.getName() == globalB.getName();
    auto isKnownRoot = [](Value root) {
      return llvm::isa<BlockArgument>(root) ||
             llvm::isa_and_nonnull<memref::AllocOp, memref::AllocaOp, memref::GetGlobalOp>(root.getDefiningOp());
    };
    return !isKnownRoot(a.root) || !isKnownRoot(b.root);
  }
  if (!a.bytes || !b.bytes)
    return true;
  return a.bytes->first < b.bytes->second && b.bytes->first < a.bytes->second;
}

/// Whether the buffer is a temporary of its own: an allocation, or a view straight into the
/// static workspace (one per temporary). A view into another buffer (a subview, a reshape) may
/// be read later through that buffer.
bool isTemporary(Value buffer) {
  Operation *definition = buffer.getDefiningOp();
  if (llvm::isa_and_nonnull<memref::AllocOp, memref::AllocaOp>(definition))
    return true;
  auto view = llvm::dyn_cast_or_null<memref::ViewOp>(definition);
  return view && llvm::isa_and_nonnull<memref::GetGlobalOp, memref::AllocOp, memref::AllocaOp>(
                     view.getSource().getDefiningOp());
}

/// Whether anything after `last` reads `buffer` (through views of it too).
bool isReadAfter(Value buffer, Operation *last) {
  Block *block = last->getBlock();
  for (Operation *user : buffer.getUsers()) {
    if (llvm::isa<memref::DeallocOp>(user))
      continue;
    Operation *ancestor = block->findAncestorOpInBlock(*user);
    if (!ancestor || last->isBeforeInBlock(ancestor))
      return true;
    if (auto view = llvm::dyn_cast<ViewLikeOpInterface>(user); view && view.getViewSource() == buffer)
      for (Value result : user->getResults())
        if (isReadAfter(result, last))
          return true;
  }
  return false;
}

/// A buffer read before an epilogue consumer writes: whether only element by element (an
/// identity map, the same element the write goes to) or across the tiles (the reduction's
/// inputs, broadcast operands), which no later write may touch.
struct BufferRead {
  Value buffer;
  bool elementwise;
};

/// Whether `consumer` can run on each result of the kernel before it is stored: elementwise,
/// over exactly the output's elements, reading the buffers the kernel and the epilogue so far
/// wrote (`written`) element by element and nothing that overlaps them otherwise, and writing
/// nothing read before (`read`) other than element by element in place. With a parallel vector
/// loop the results are vectors along the output's last dimension, which the consumer's operands
/// must read contiguously or not at all. When it can, its reads join `read`.
bool canFuseIntoEpilogue(KernelPlan &kernel, linalg::GenericOp consumer, ArrayRef<Value> written,
                         SmallVector<BufferRead> &read) {
  auto outputType = llvm::cast<MemRefType>(kernel.op.getDpsInitOperand(0)->get().getType());
  if (!consumer.hasPureBufferSemantics() || consumer.getNumReductionLoops() != 0 || consumer.hasIndexSemantics() ||
      consumer.hasDynamicShape() || !hasElementwiseBody(consumer) ||
      consumer.getStaticLoopRanges() != llvm::to_vector(outputType.getShape()))
    return false;
  unsigned vectorDim = outputType.getRank() - 1;
  if (!kernel.vectorLoopIsReduction && !isVectorizableLoop(consumer, vectorDim))
    return false;
  SmallVector<BufferRead> reads(read);
  bool readsResult = false;
  for (OpOperand *input : consumer.getDpsInputOperands()) {
    Value buffer = input->get();
    AffineMap map = consumer.getMatchingIndexingMap(input);
    if (getElementTypeOrSelf(buffer).getIntOrFloatBitWidth() % 8 != 0 ||
        !map.isProjectedPermutation(/*allowZeroInResults=*/true))
      return false;
    if (!llvm::isa<MemRefType>(buffer.getType()))
      continue;
    bool isWritten = llvm::is_contained(written, buffer);
    if (isWritten && !map.isIdentity())
      return false;
    readsResult |= isWritten;
    // Another view of what was written holds values not stored yet.
    if (llvm::any_of(written, [&](Value other) { return other != buffer && mayOverlap(other, buffer); }))
      return false;
    reads.push_back({buffer, map.isIdentity()});
  }
  for (OpOperand &init : consumer.getDpsInitsMutable()) {
    Value buffer = init.get();
    if (!consumer.getMatchingIndexingMap(&init).isIdentity() ||
        getElementTypeOrSelf(buffer).getIntOrFloatBitWidth() % 8 != 0)
      return false;
    if (llvm::any_of(written, [&](Value other) { return other != buffer && mayOverlap(other, buffer); }))
      return false;
    if (llvm::any_of(reads, [&](const BufferRead &earlier) {
          return !(earlier.elementwise && earlier.buffer == buffer) && mayOverlap(earlier.buffer, buffer);
        }))
      return false;
  }
  if (readsResult)
    read = std::move(reads);
  return readsResult;
}

/// The elementwise generics that follow a reduction and read its output (bias and activation
/// after a product, an optimizer's update after a weight gradient): the kernel applies them to its
/// results in registers, instead of storing the output and loading it back in another loop nest,
/// and stores only the buffers read later. Side-effect-free ops between them (views) move before
/// the kernel. Not with the reduction loop outside or split, where the output holds partial
/// results until the end.
void collectEpilogue(KernelPlan &kernel) {
  if (kernel.outerReductionLoop || kernel.chunkedReductionLoop)
    return;
  SmallVector<Value> written = {kernel.op.getDpsInitOperand(0)->get()};
  SmallVector<BufferRead> read;
  for (OpOperand *input : kernel.op.getDpsInputOperands())
    if (llvm::isa<MemRefType>(input->get().getType()))
      read.push_back({input->get(), /*elementwise=*/false});
  SmallVector<Operation *> between;
  for (Operation *next = kernel.op->getNextNode(); next; next = next->getNextNode()) {
    if (isMemoryEffectFree(next) && next->getNumRegions() == 0) {
      between.push_back(next);
      continue;
    }
    auto consumer = llvm::dyn_cast<linalg::GenericOp>(next);
    if (!consumer || !canFuseIntoEpilogue(kernel, consumer, written, read))
      break;
    kernel.epilogue.push_back(consumer);
    kernel.hoisted.append(between);
    between.clear();
    for (Value output : consumer.getDpsInits())
      if (!llvm::is_contained(written, output))
        written.push_back(output);
  }
  Operation *last = kernel.epilogue.empty() ? kernel.op.getOperation() : kernel.epilogue.back().getOperation();
  for (Value buffer : written)
    if (kernel.epilogue.empty() || !isTemporary(buffer) || isReadAfter(buffer, last))
      kernel.liveResults.insert(buffer);
}

/// An all-parallel generic whose outputs are contiguous along one loop: tiles of one vector
/// along it. LLVM's loop vectorizer leaves many of these scalar (views of one workspace it cannot
/// prove disjoint, inner extents like 28), and it cannot mask a tail.
std::optional<KernelPlan> planElementwise(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumReductionLoops() != 0 || op.getNumLoops() == 0 ||
      op.hasIndexSemantics() || op.hasDynamicShape() || !hasElementwiseBody(op))
    return std::nullopt;
  // Vectors of i1 would be loaded as packed bits; memrefs hold one byte per element.
  for (OpOperand &operand : op->getOpOperands())
    if (getElementTypeOrSelf(operand.get()).getIntOrFloatBitWidth() % 8 != 0)
      return std::nullopt;
  auto last = llvm::dyn_cast<AffineDimExpr>(op.getMatchingIndexingMap(op.getDpsInitOperand(0)).getResults().back());
  if (!last)
    return std::nullopt;
  unsigned loop = last.getPosition();
  unsigned width = getElementTypeOrSelf(op.getDpsInitOperand(0)->get()).getIntOrFloatBitWidth();
  for (OpOperand &init : op.getDpsInitsMutable())
    if (op.getMatchingIndexingMap(&init).getResults().back() != last ||
        getElementTypeOrSelf(init.get()).getIntOrFloatBitWidth() != width)
      return std::nullopt;
  if (op.getStaticLoopRanges()[loop] < 2)
    return std::nullopt;
  std::optional<VectorLoopTiles> tiles = vectorLoopTiles(op, loop, registerBits / width);
  if (!tiles)
    return std::nullopt;
  KernelPlan kernel;
  kernel.op = op;
  kernel.elementwise = true;
  kernel.vectorLoop = loop;
  kernel.vectorSegments = tiles->segments;
  return kernel;
}

std::optional<KernelPlan> plan(linalg::GenericOp op, int64_t reductionChunks) {
  Operation *combiner = findCombiner(op);
  if (!combiner)
    return planElementwise(op);
  KernelPlan kernel;
  kernel.op = op;
  kernel.combiner = combiner;
  kernel.kind = *combiningKindOf(combiner);
  SmallVector<int64_t> extents = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));

  auto elementType = llvm::cast<FloatType>(op.getRegion().front().getArguments().back().getType());
  int64_t lanesPerRegister = registerBits / elementType.getWidth();

  // A parallel loop along which the output is contiguous, unless the longest contiguous
  // reduction fills the registers much better (a filter gradient's output rows are as short as
  // its kernel, 3 or 5, its inputs' rows as long as the image).
  std::optional<unsigned> parallelVectorLoop, reductionVectorLoop;
  std::optional<VectorLoopTiles> parallelTiles, reductionTiles;
  if (outputMap.getNumResults() > 0)
    if (auto last = llvm::dyn_cast<AffineDimExpr>(outputMap.getResults().back()))
      if (extents[last.getPosition()] >= 4)
        if ((parallelTiles = vectorLoopTiles(op, last.getPosition(), lanesPerRegister)))
          parallelVectorLoop = last.getPosition();
  for (unsigned loop = 0; loop < extents.size(); ++loop)
    if (iterators[loop] == utils::IteratorType::reduction && extents[loop] >= 4 &&
        (!reductionVectorLoop || extents[loop] > extents[*reductionVectorLoop]))
      if (std::optional<VectorLoopTiles> tiles = vectorLoopTiles(op, loop, lanesPerRegister)) {
        reductionVectorLoop = loop;
        reductionTiles = tiles;
      }
  auto registerUse = [&](std::optional<unsigned> loop) {
    return loop ? double(extents[*loop]) / double(llvm::alignTo(extents[*loop], lanesPerRegister)) : 0.0;
  };
  constexpr double worthPartialSums = 1.5;
  std::optional<unsigned> vectorLoop = parallelVectorLoop;
  if (!vectorLoop || registerUse(reductionVectorLoop) > worthPartialSums * registerUse(parallelVectorLoop))
    vectorLoop = reductionVectorLoop;
  if (!vectorLoop)
    return std::nullopt;
  kernel.vectorLoop = *vectorLoop;
  kernel.vectorLoopIsReduction = iterators[*vectorLoop] == utils::IteratorType::reduction;
  const VectorLoopTiles &tiles = kernel.vectorLoopIsReduction ? *reductionTiles : *parallelTiles;
  kernel.vectorSegments = tiles.segments;

  chooseBlock(kernel, llvm::divideCeil(kernel.vectorSegments.front().lanes, lanesPerRegister));
  chooseOuterReductionLoop(kernel);
  chooseChunkedReductionLoop(kernel, reductionChunks);
  // With the reduction loop outside or split, the output carries partial results.
  if (!kernel.outerReductionLoop && !kernel.chunkedReductionLoop)
    if ((kernel.initialFill = findInitialFill(op)))
      kernel.initialValue = kernel.initialFill.getInputs()[0];
  // A shuffled load may move a lane that was read into a masked-off one.
  kernel.maskedLanesAreNeutral =
      kernel.kind == vector::CombiningKind::ADD && tiles.contiguous && isProductWithVectorFactor(kernel);
  collectEpilogue(kernel);
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
    outerPosition.assign(extents.size(), index(0));
    output = op.getDpsInitOperand(0)->get();
    initialValue = kernel.initialValue;
    if (kernel.chunkedReductionLoop)
      return emitChunks();
    if (!kernel.outerReductionLoop)
      return emitSegments({});
    // One pass over all tiles per iteration of the outer reduction loop.
    unsigned loop = *kernel.outerReductionLoop;
    auto forOp = scf::ForOp::create(builder, loc, index(0), index(extents[loop]), index(1));
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(forOp.getBody()->getTerminator());
    outerPosition[loop] = forOp.getInductionVar();
    emitSegments({});
  }

private:
  /// The chunks of the split reduction loop in parallel, each into its slice of a stack buffer
  /// starting from the combiner's neutral element, then the slices folded into the output. When
  /// the split loop is also the outer reduction loop, each chunk runs it outside its tiles.
  void emitChunks() {
    auto outputType = llvm::cast<MemRefType>(output.getType());
    SmallVector<int64_t> partialShape = {kernel.chunks};
    llvm::append_range(partialShape, outputType.getShape());
    Value partials = memref::AllocaOp::create(builder, loc, MemRefType::get(partialShape, elementType));
    Value neutral = arith::ConstantOp::create(builder, loc,
                                              builder.getFloatAttr(elementType, neutralElement(kernel.kind)));
    bool outside = kernel.outerReductionLoop == kernel.chunkedReductionLoop;
    if (!outside)
      initialValue = neutral;

    unsigned loop = *kernel.chunkedReductionLoop;
    int64_t extent = extents[loop];
    scf::ParallelOp::create(
        builder, loc, index(0), index(kernel.chunks), index(1), [&](OpBuilder &nested, Location, ValueRange ivs) {
          OpBuilder::InsertionGuard guard(builder);
          builder.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
          auto bound = [&](Value chunk, int64_t offset) {
            AffineExpr d = builder.getAffineDimExpr(0);
            return affine::AffineApplyOp::create(builder, loc, ((d + offset) * extent).floorDiv(kernel.chunks),
                                                 ValueRange{chunk})
                .getResult();
          };
          chunkBegin = bound(ivs[0], 0);
          chunkEnd = bound(ivs[0], 1);
          int64_t rank = outputType.getRank();
          SmallVector<OpFoldResult> offsets = {ivs[0]}, sizes = {builder.getIndexAttr(1)},
                                    strides(rank + 1, builder.getIndexAttr(1));
          for (int64_t size : outputType.getShape()) {
            offsets.push_back(builder.getIndexAttr(0));
            sizes.push_back(builder.getIndexAttr(size));
          }
          auto sliceType = memref::SubViewOp::inferRankReducedResultType(
              outputType.getShape(), llvm::cast<MemRefType>(partials.getType()), offsets, sizes, strides);
          output = memref::SubViewOp::create(builder, loc, llvm::cast<MemRefType>(sliceType), partials, offsets,
                                             sizes, strides);
          if (!outside)
            return emitSegments({});
          linalg::FillOp::create(builder, loc, neutral, output);
          auto forOp = scf::ForOp::create(builder, loc, chunkBegin, chunkEnd, index(1));
          builder.setInsertionPoint(forOp.getBody()->getTerminator());
          outerPosition[loop] = forOp.getInductionVar();
          emitSegments({});
        });

    // output[i...] = combine(output[i...], partials[c, i...]) for every chunk c.
    MLIRContext *context = builder.getContext();
    int64_t rank = outputType.getRank();
    SmallVector<AffineExpr> partialIndices = {getAffineDimExpr(rank, context)}, outputIndices;
    for (int64_t dim = 0; dim < rank; ++dim) {
      partialIndices.push_back(getAffineDimExpr(dim, context));
      outputIndices.push_back(getAffineDimExpr(dim, context));
    }
    SmallVector<utils::IteratorType> combineIterators(rank, utils::IteratorType::parallel);
    combineIterators.push_back(utils::IteratorType::reduction);
    Value result = op.getDpsInitOperand(0)->get();
    linalg::GenericOp::create(
        builder, loc, ValueRange{partials}, ValueRange{result},
        ArrayRef<AffineMap>{AffineMap::get(rank + 1, 0, partialIndices, context),
                            AffineMap::get(rank + 1, 0, outputIndices, context)},
        combineIterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange arguments) {
          IRMapping mapping;
          mapping.map(kernel.combiner->getOperands(), arguments);
          linalg::YieldOp::create(nested, nestedLoc, nested.clone(*kernel.combiner, mapping)->getResults());
        });
  }

  /// The tiles of every combination of row segments (full blocks and tails) of the block loops
  /// and, for a parallel vector loop, of its lane segments.
  void emitSegments(SmallVector<Segment, 2> rows) {
    if (rows.size() < kernel.blockLoops.size()) {
      unsigned loop = kernel.blockLoops[rows.size()];
      for (Segment segment : segmentsOf(extents[loop], kernel.blockRows[rows.size()])) {
        rows.push_back(segment);
        emitSegments(rows);
        rows.pop_back();
      }
      return;
    }
    if (kernel.vectorLoopIsReduction)
      return emitTiles(rows, std::nullopt);
    for (Segment lanes : kernel.vectorSegments)
      emitTiles(rows, lanes);
  }

  /// All output tiles of one combination of segments, distributed over a parallel loop nest.
  void emitTiles(ArrayRef<Segment> rows, std::optional<Segment> lanes) {
    SmallVector<unsigned> loops;
    SmallVector<Value> lower, upper, steps;
    for (unsigned loop = 0; loop < extents.size(); ++loop) {
      if (iterators[loop] != utils::IteratorType::parallel)
        continue;
      Segment range{0, extents[loop], 1};
      if (auto *block = llvm::find(kernel.blockLoops, loop); block != kernel.blockLoops.end())
        range = rows[block - kernel.blockLoops.begin()];
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
      SmallVector<Value> position(outerPosition);
      for (auto [loop, value] : llvm::zip(loops, inductionVariables))
        position[loop] = value;
      SmallVector<int64_t, 2> rowCounts;
      for (Segment segment : rows)
        rowCounts.push_back(segment.width);
      emitTile(position, rowCounts, lanes ? *lanes : kernel.vectorSegments.front());
    };
    if (loops.empty()) {
      body(builder, {});
      return;
    }
    scf::ParallelOp::create(builder, loc, lower, upper, steps,
                            [&](OpBuilder &nested, Location, ValueRange ivs) { body(nested, ivs); });
  }

  /// One tile: a block of `rowCounts` accumulators of `lanes` (parallel vector loop) or of
  /// partial results (reduction vector loop), carried through every reduction loop.
  void emitTile(SmallVector<Value> position, ArrayRef<int64_t> rowCounts, Segment lanes) {
    if (kernel.elementwise)
      return emitElementwiseTile(position, lanes);
    tileRows.assign(rowCounts.begin(), rowCounts.end());
    int64_t rows = 1;
    for (int64_t count : rowCounts)
      rows *= count;
    AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
    auto accumulatorType = VectorType::get({lanes.lanes}, elementType);
    SmallVector<Value> accumulators;
    for (int64_t row = 0; row < rows; ++row) {
      if (kernel.vectorLoopIsReduction)
        accumulators.push_back(neutralVector(accumulatorType));
      else if (initialValue)
        accumulators.push_back(broadcast(initialValue, lanes.lanes));
      else
        accumulators.push_back(loadVector(output, indices(outputMap, position, row), lanes));
    }

    SmallVector<unsigned> reductionLoops;
    for (unsigned loop = 0; loop < extents.size(); ++loop)
      if (iterators[loop] == utils::IteratorType::reduction && loop != kernel.vectorLoop &&
          loop != kernel.outerReductionLoop)
        reductionLoops.push_back(loop);
    accumulators = emitReductionLoops(reductionLoops, position, accumulators, rows, lanes);

    for (int64_t row = 0; row < rows; ++row) {
      SmallVector<Value> at = indices(outputMap, position, row);
      if (!kernel.vectorLoopIsReduction) {
        storeResults(at, accumulators[row], lanes);
        continue;
      }
      Value previous = initialValue ? initialValue
                                           : memref::LoadOp::create(builder, loc, output, at).getResult();
      Value reduced = vector::ReductionOp::create(builder, loc, kernel.kind, accumulators[row], previous);
      storeResults(at, reduced, std::nullopt);
    }
  }

  /// Stores one result at `at` in the output (a vector of `lanes`, or a scalar), after running
  /// the epilogue on it: each consumer reads what the kernel and the consumers before it wrote
  /// from registers, the rest from memory; only the buffers read later are stored.
  void storeResults(ArrayRef<Value> at, Value result, std::optional<Segment> lanes) {
    llvm::MapVector<Value, Value> results;
    results[output] = result;
    for (linalg::GenericOp consumer : kernel.epilogue) {
      Block &body = consumer.getRegion().front();
      IRMapping mapping;
      for (OpOperand &operand : consumer->getOpOperands()) {
        BlockArgument argument = body.getArgument(operand.getOperandNumber());
        if (argument.use_empty())
          continue;
        auto found = results.find(operand.get());
        mapping.map(argument, found != results.end() ? found->second : loadEpilogueOperand(consumer, operand, at, lanes));
      }
      for (Operation &inner : body.without_terminator()) {
        if (lanes)
          cloneVectorized(inner, mapping, lanes->lanes);
        else
          builder.clone(inner, mapping);
      }
      for (auto [init, yielded] : llvm::zip(consumer.getDpsInits(), body.getTerminator()->getOperands())) {
        Value value = mapping.lookupOrDefault(yielded);
        results[init] = lanes ? broadcast(value, lanes->lanes) : value;
      }
    }
    for (auto [buffer, value] : results) {
      if (!kernel.epilogue.empty() && !kernel.liveResults.contains(buffer))
        continue;
      if (!lanes)
        memref::StoreOp::create(builder, loc, value, buffer, at);
      else if (lanes->isMasked())
        vector::MaskedStoreOp::create(builder, loc, buffer, at, maskOf(*lanes), value);
      else
        vector::StoreOp::create(builder, loc, value, buffer, at);
    }
  }

  /// An epilogue consumer's operand at the output element(s) `at`.
  Value loadEpilogueOperand(linalg::GenericOp consumer, OpOperand &operand, ArrayRef<Value> at,
                            std::optional<Segment> lanes) {
    AffineMap map = consumer.getMatchingIndexingMap(&operand);
    if (map.getNumResults() == 0 && !llvm::isa<ShapedType>(operand.get().getType()))
      return operand.get();
    SmallVector<Value> where;
    for (AffineExpr expr : map.getResults())
      where.push_back(llvm::isa<AffineDimExpr>(expr) ? at[llvm::cast<AffineDimExpr>(expr).getPosition()] : index(0));
    if (lanes && map.isFunctionOfDim(map.getNumDims() - 1))
      return loadVector(operand.get(), where, *lanes);
    return memref::LoadOp::create(builder, loc, operand.get(), where);
  }

  /// One vector of every output: the body on vectors of the operands.
  void emitElementwiseTile(const SmallVector<Value> &position, Segment lanes) {
    Block &body = op.getRegion().front();
    IRMapping mapping;
    for (OpOperand &operand : op->getOpOperands())
      if (!body.getArgument(operand.getOperandNumber()).use_empty())
        mapping.map(body.getArgument(operand.getOperandNumber()), load(&operand, position, 0, lanes));
    for (Operation &inner : body.without_terminator())
      cloneVectorized(inner, mapping, lanes.lanes);
    for (auto [init, yielded] : llvm::zip(op.getDpsInitsMutable(), body.getTerminator()->getOperands())) {
      Value value = broadcast(mapping.lookupOrDefault(yielded), lanes.lanes);
      SmallVector<Value> at = indices(op.getMatchingIndexingMap(&init), position, 0);
      if (lanes.isMasked())
        vector::MaskedStoreOp::create(builder, loc, init.get(), at, maskOf(lanes), value);
      else
        vector::StoreOp::create(builder, loc, value, init.get(), at);
    }
  }

  /// The reduction loops from `depth` inward, carrying the accumulators; innermost, the lanes
  /// of a reduction vector loop (full tiles, then the tail).
  SmallVector<Value> emitReductionLoops(ArrayRef<unsigned> loops, SmallVector<Value> position,
                                        ValueRange accumulators, int64_t rows, Segment lanes) {
    if (loops.empty()) {
      if (!kernel.vectorLoopIsReduction)
        return accumulate(position, accumulators, rows, lanes);
      SmallVector<Value> result(accumulators);
      for (Segment tile : kernel.vectorSegments)
        result = emitLoop(kernel.vectorLoop, tile, position, result, [&](SmallVector<Value> at, ValueRange carried) {
          return accumulate(at, carried, rows, tile);
        });
      return result;
    }
    if (loops.front() == kernel.chunkedReductionLoop)
      return emitChunkLoop(loops.front(), position, accumulators, [&](SmallVector<Value> at, ValueRange carried) {
        return emitReductionLoops(loops.drop_front(), at, carried, rows, lanes);
      });
    return emitLoop(loops.front(), {0, extents[loops.front()], 1}, position, accumulators,
                    [&](SmallVector<Value> at, ValueRange carried) {
                      return emitReductionLoops(loops.drop_front(), at, carried, rows, lanes);
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
    return emitForLoop(loop, index(segment.begin), index(segment.end), index(segment.width), position, carried,
                       body);
  }

  /// An scf.for over the current chunk of the split reduction loop, carrying `carried`.
  template <typename BodyFn>
  SmallVector<Value> emitChunkLoop(unsigned loop, SmallVector<Value> position, ValueRange carried, BodyFn body) {
    return emitForLoop(loop, chunkBegin, chunkEnd, index(1), position, carried, body);
  }

  template <typename BodyFn>
  SmallVector<Value> emitForLoop(unsigned loop, Value begin, Value end, Value step, SmallVector<Value> position,
                                 ValueRange carried, BodyFn body) {
    auto forOp = scf::ForOp::create(builder, loc, begin, end, step, carried);
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
                                Segment lanes) {
    Block &body = op.getRegion().front();
    // An input serves every row of the block that differs only along loops it does not read.
    DenseMap<std::pair<unsigned, int64_t>, Value> loaded;
    SmallVector<Value> result;
    for (int64_t row = 0; row < rows; ++row) {
      IRMapping mapping;
      for (OpOperand *input : op.getDpsInputOperands()) {
        int64_t sharedRow = rowReadBy(op.getMatchingIndexingMap(input), row);
        Value &value = loaded[{input->getOperandNumber(), sharedRow}];
        if (!value)
          value = load(input, position, sharedRow, lanes);
        mapping.map(body.getArgument(input->getOperandNumber()), value);
      }
      for (Operation &inner : body.without_terminator()) {
        if (&inner == kernel.combiner)
          break;
        cloneVectorized(inner, mapping, lanes.lanes);
      }
      Value contribution = mapping.lookupOrDefault(
          kernel.combiner->getOperand(kernel.combiner->getOperand(0) == body.getArguments().back() ? 1 : 0));
      contribution = broadcast(contribution, lanes.lanes);
      // Masked-off lanes of a partial result must not change it.
      if (kernel.vectorLoopIsReduction && lanes.isMasked() && !kernel.maskedLanesAreNeutral)
        contribution = arith::SelectOp::create(builder, loc, maskOf(lanes), contribution,
                                               neutralVector(llvm::cast<VectorType>(contribution.getType())));
      result.push_back(combine(accumulators[row], widen(contribution, accumulators[row])));
    }
    return result;
  }

  /// The offsets of row `row` of the tile along each block loop.
  SmallVector<int64_t, 2> rowOffsets(int64_t row) {
    SmallVector<int64_t, 2> offsets(tileRows.size());
    for (int index = int(tileRows.size()) - 1; index >= 0; --index) {
      offsets[index] = row % tileRows[index];
      row /= tileRows[index];
    }
    return offsets;
  }

  /// The first row of the tile that `map` reads the same elements in as in row `row`.
  int64_t rowReadBy(AffineMap map, int64_t row) {
    SmallVector<int64_t, 2> offsets = rowOffsets(row);
    int64_t shared = 0;
    for (auto [index, loop] : llvm::enumerate(kernel.blockLoops))
      shared = shared * tileRows[index] + (map.isFunctionOfDim(loop) ? offsets[index] : 0);
    return shared;
  }

  /// The operand's element(s) at `position` (row `row` of the block): a vector when it reads
  /// the vector loop, else a scalar.
  Value load(OpOperand *operand, const SmallVector<Value> &position, int64_t row, Segment lanes) {
    AffineMap map = op.getMatchingIndexingMap(operand);
    SmallVector<Value> at = indices(map, position, row);
    if (map.isFunctionOfDim(kernel.vectorLoop))
      return loadLanes(operand->get(), at, map.getResults().back(), lanes);
    if (map.getNumResults() == 0 && !llvm::isa<ShapedType>(operand->get().getType()))
      return operand->get();
    return memref::LoadOp::create(builder, loc, operand->get(), at);
  }

  /// The lanes of `buffer` from `at` on; masked-off lanes read as zero.
  Value loadVector(Value buffer, ValueRange at, Segment lanes) {
    auto type = VectorType::get({lanes.lanes}, getElementTypeOrSelf(buffer));
    if (!lanes.isMasked())
      return vector::LoadOp::create(builder, loc, type, buffer, at);
    Value zero = arith::ConstantOp::create(builder, loc, type, builder.getZeroAttr(type));
    return vector::MaskedLoadOp::create(builder, loc, type, buffer, at, maskOf(lanes), zero);
  }

  /// The lanes of `buffer` that a tile reads through `expr` (its last index) from `at`
  /// (lane 0's element) on: one load of the elements from the first to the last that a
  /// lane not masked off reads, then a shuffle when the lanes read them other than in order.
  Value loadLanes(Value buffer, ValueRange at, AffineExpr expr, Segment lanes) {
    SmallVector<int64_t> offsets = *laneOffsets(expr, kernel.vectorLoop, lanes.begin, lanes.lanes);
    if (isContiguous(offsets))
      return loadVector(buffer, at, lanes);
    int64_t read = *llvm::max_element(ArrayRef(offsets).take_front(lanes.width)) + 1;
    int64_t span = llvm::PowerOf2Ceil(*llvm::max_element(offsets) + 1);
    Value loaded = loadVector(buffer, at, Segment{0, read, read, span});
    return vector::ShuffleOp::create(builder, loc, loaded, loaded, offsets);
  }

  Value maskOf(Segment lanes) {
    auto type = VectorType::get({lanes.lanes}, builder.getI1Type());
    return vector::ConstantMaskOp::create(builder, loc, type, ArrayRef<int64_t>{lanes.width});
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

  /// The indices `map` gives at `position`, with the block loops advanced to row `row`.
  SmallVector<Value> indices(AffineMap map, SmallVector<Value> position, int64_t row) {
    for (auto [loop, offset] : llvm::zip(kernel.blockLoops, rowOffsets(row)))
      if (offset != 0)
        position[loop] = arith::AddIOp::create(builder, loc, position[loop], index(offset));
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
  /// The rows along each block loop of the tile being emitted.
  SmallVector<int64_t, 2> tileRows;
  /// Zero, or the induction variable of the outer reduction loop, along each loop.
  SmallVector<Value> outerPosition;
  /// The buffer the tiles accumulate into: the op's output, or the current chunk's partial one.
  Value output;
  /// The value the output starts from, if not from memory: the fill's, or the neutral element in
  /// a chunk's partial output.
  Value initialValue;
  /// The range of the split reduction loop in the current chunk.
  Value chunkBegin, chunkEnd;
};

class VectorizeGenericsPass : public mlir::dlm::impl::VectorizeGenericsBase<VectorizeGenericsPass> {
public:
  using VectorizeGenericsBase::VectorizeGenericsBase;

  void runOnOperation() override {
    SmallVector<KernelPlan, 0> kernels;
    llvm::SmallPtrSet<Operation *, 8> fused;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (fused.contains(op))
        return;
      if (std::optional<KernelPlan> kernel = plan(op, reductionChunks)) {
        for (linalg::GenericOp consumer : kernel->epilogue)
          fused.insert(consumer);
        kernels.push_back(*kernel);
      }
    });
    for (KernelPlan &kernel : kernels) {
      for (Operation *hoisted : kernel.hoisted)
        hoisted->moveBefore(kernel.op);
      OpBuilder builder(kernel.op);
      KernelEmitter(kernel, builder).emit();
      kernel.op.erase();
      for (linalg::GenericOp consumer : kernel.epilogue)
        consumer.erase();
      if (kernel.initialFill)
        kernel.initialFill.erase();
    }
  }
};

} // namespace
