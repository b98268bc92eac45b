//===- VectorizeTransposes.cpp - linalg.transpose as 16x16 register transposes -===//

#include "BufferQueries.h"
#include "Segments.h"
#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include <numeric>

namespace mlir::dlm {
#define GEN_PASS_DEF_VECTORIZETRANSPOSES
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;
using mlir::dlm::hasContiguousRows;
using mlir::dlm::Segment;
using mlir::dlm::segmentsOf;

namespace {

/// The side of a register tile: 16 f32 fill an AVX-512 register.
constexpr int64_t tileSide = 16;

/// Transposes the rows in place: after it, rows[i][j] holds what rows[j][i] held. Each of the
/// four steps exchanges, between rows i and i + b, the blocks of b lanes whose row and lane bit b
/// differ: one two-register shuffle per row.
void transposeInRegisters(OpBuilder &builder, Location loc, MutableArrayRef<Value> rows) {
  for (int64_t bit = tileSide / 2; bit >= 1; bit /= 2) {
    SmallVector<int64_t> low, high;
    for (int64_t lane = 0; lane < tileSide; ++lane) {
      bool set = lane & bit;
      low.push_back(set ? tileSide + lane - bit : lane);
      high.push_back(set ? tileSide + lane : lane + bit);
    }
    for (int64_t row = 0; row < tileSide; ++row) {
      if (row & bit)
        continue;
      Value first = rows[row], second = rows[row + bit];
      rows[row] = vector::ShuffleOp::create(builder, loc, first, second, low);
      rows[row + bit] = vector::ShuffleOp::create(builder, loc, first, second, high);
    }
  }
}

/// Emits one transpose. Two output dimensions are tiled by 16 x 16: its innermost one (read
/// along a strided input dimension) and the one the input's innermost dimension feeds (written
/// with a stride). Each tile is 16 contiguous loads, a transpose in registers and 16 contiguous
/// stores, with the lanes past a tail masked off. The other dimensions are parallel loops.
class TransposeEmitter {
public:
  TransposeEmitter(linalg::TransposeOp op, OpBuilder &builder)
      : op(op), builder(builder), loc(op.getLoc()), permutation(op.getPermutation()),
        outputType(llvm::cast<MemRefType>(op.getInit().getType())) {
    unsigned rank = permutation.size();
    storedDim = rank - 1;
    loadedDim = llvm::find(permutation, int64_t(rank - 1)) - permutation.begin();
  }

  void emit() {
    SmallVector<Value> lower, upper, steps;
    SmallVector<unsigned> outerDims;
    for (unsigned dim = 0; dim < permutation.size(); ++dim)
      if (dim != storedDim && dim != loadedDim) {
        outerDims.push_back(dim);
        lower.push_back(index(0));
        upper.push_back(index(outputType.getDimSize(dim)));
        steps.push_back(index(1));
      }
    outputIndex.assign(permutation.size(), Value());
    auto body = [&](ValueRange ivs) {
      for (auto [dim, iv] : llvm::zip(outerDims, ivs))
        outputIndex[dim] = iv;
      for (Segment loaded : segmentsOf(outputType.getDimSize(loadedDim), tileSide))
        for (Segment stored : segmentsOf(outputType.getDimSize(storedDim), tileSide))
          loop(loaded, [&](Value loadedBegin) {
            loop(stored, [&](Value storedBegin) { emitTile(loadedBegin, loaded.width, storedBegin, stored.width); });
          });
    };
    if (outerDims.empty())
      return body({});
    scf::ParallelOp::create(builder, loc, lower, upper, steps, [&](OpBuilder &nested, Location, ValueRange ivs) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPoint(nested.getInsertionBlock(), nested.getInsertionPoint());
      body(ivs);
    });
  }

private:
  void loop(Segment segment, llvm::function_ref<void(Value)> body) {
    if (segment.isSingleTile())
      return body(index(segment.begin));
    auto forOp = scf::ForOp::create(builder, loc, index(segment.begin), index(segment.end), index(segment.width));
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(forOp.getBody()->getTerminator());
    body(forOp.getInductionVar());
  }

  /// The tile of `loadedWidth` x `storedWidth` output elements from (loadedBegin, storedBegin).
  /// Loaded register i holds the elements at stored position storedBegin + i; after the
  /// transpose, register j holds those at loaded position loadedBegin + j.
  void emitTile(Value loadedBegin, int64_t loadedWidth, Value storedBegin, int64_t storedWidth) {
    auto vectorType = VectorType::get({tileSide}, outputType.getElementType());
    Value zero = arith::ConstantOp::create(builder, loc, builder.getZeroAttr(vectorType));
    SmallVector<Value> registers(tileSide, zero);
    for (int64_t i = 0; i < storedWidth; ++i) {
      SmallVector<Value> at = outputIndex;
      at[storedDim] = add(storedBegin, i);
      at[loadedDim] = loadedBegin;
      registers[i] = vector::MaskedLoadOp::create(builder, loc, vectorType, op.getInput(), inputIndex(at),
                                                  mask(loadedWidth), zero);
    }
    transposeInRegisters(builder, loc, registers);
    for (int64_t j = 0; j < loadedWidth; ++j) {
      SmallVector<Value> at = outputIndex;
      at[loadedDim] = add(loadedBegin, j);
      at[storedDim] = storedBegin;
      vector::MaskedStoreOp::create(builder, loc, op.getInit(), at, mask(storedWidth), registers[j]);
    }
  }

  /// The input index of the output element `at`.
  SmallVector<Value> inputIndex(ArrayRef<Value> at) {
    SmallVector<Value> result(at.size());
    for (auto [outputDim, inputDim] : llvm::enumerate(permutation))
      result[inputDim] = at[outputDim];
    return result;
  }

  Value mask(int64_t lanes) {
    return vector::ConstantMaskOp::create(builder, loc, VectorType::get({tileSide}, builder.getI1Type()),
                                          ArrayRef<int64_t>{lanes});
  }
  Value index(int64_t value) { return arith::ConstantIndexOp::create(builder, loc, value); }
  Value add(Value base, int64_t offset) {
    return offset == 0 ? base : arith::AddIOp::create(builder, loc, base, index(offset)).getResult();
  }

  linalg::TransposeOp op;
  OpBuilder &builder;
  Location loc;
  ArrayRef<int64_t> permutation;
  MemRefType outputType;
  /// The output's innermost dimension (along which registers are stored), and the output
  /// dimension that the input's innermost one feeds (along which they are loaded).
  unsigned storedDim, loadedDim;
  SmallVector<Value> outputIndex;
};

/// When a tile side would be narrower than a register, the transpose with every run of
/// dimensions that it keeps together, in order, merged into one where both buffers allow it. The
/// output tiles [o, 7, 4, 7, 4] of a Winograd convolution, read channels-last from
/// [7, 4, 7, 4, 32], were copied 4 lanes at a time; as [784, 32] -> [32, 784] every register is
/// full. The small ResNet's 3x3 forward convolution went from 214-226 to 251-257 GFLOP/s on one
/// thread, its input gradient from 221-231 to 252-256 (dlm-bench-kernels, alternated). Tiles that
/// are only masked at a tail (a filter gradient's [64, 32, 28, 28] -> [64, 28, 28, 32]) stay as
/// they are: merged into [64, 32, 784] -> [64, 784, 32] they measured no faster.
linalg::TransposeOp mergeKeptRuns(linalg::TransposeOp op) {
  ArrayRef<int64_t> permutation = op.getPermutation();
  auto inputType = llvm::cast<MemRefType>(op.getInput().getType());
  auto outputType = llvm::cast<MemRefType>(op.getInit().getType());
  int64_t rank = permutation.size();
  int64_t storedExtent = outputType.getDimSize(rank - 1), loadedExtent = inputType.getDimSize(rank - 1);
  if (storedExtent >= tileSide && loadedExtent >= tileSide)
    return op;
  auto collapsible = [](MemRefType type, int64_t first, int64_t last) {
    SmallVector<ReassociationIndices> reassociation;
    for (int64_t dim = 0; dim < type.getRank(); ++dim)
      if (dim <= first || dim > last)
        reassociation.push_back({dim});
      else
        reassociation.back().push_back(dim);
    return memref::CollapseShapeOp::isGuaranteedCollapsible(type, reassociation);
  };
  // Runs of output dimensions that read consecutive input dimensions, each as [first, last].
  SmallVector<std::pair<int64_t, int64_t>> runs;
  for (int64_t dim = 0; dim < rank; ++dim) {
    bool continues = dim > 0 && permutation[dim] == permutation[dim - 1] + 1 &&
                     collapsible(outputType, runs.back().first, dim) &&
                     collapsible(inputType, permutation[runs.back().first], permutation[dim]);
    if (continues)
      runs.back().second = dim;
    else
      runs.push_back({dim, dim});
  }
  if (int64_t(runs.size()) == rank)
    return op;
  // The runs in input order give the input's groups; the new permutation names them.
  SmallVector<unsigned> byInput(runs.size());
  std::iota(byInput.begin(), byInput.end(), 0);
  llvm::sort(byInput, [&](unsigned a, unsigned b) { return permutation[runs[a].first] < permutation[runs[b].first]; });
  SmallVector<ReassociationIndices> outputGroups, inputGroups;
  for (auto [first, last] : runs)
    outputGroups.push_back(llvm::to_vector(llvm::seq<int64_t>(first, last + 1)));
  SmallVector<int64_t> merged(runs.size());
  for (auto [position, run] : llvm::enumerate(byInput)) {
    inputGroups.push_back(
        llvm::to_vector(llvm::seq<int64_t>(permutation[runs[run].first], permutation[runs[run].second] + 1)));
    merged[run] = position;
  }
  OpBuilder builder(op);
  Location loc = op.getLoc();
  Value input = memref::CollapseShapeOp::create(builder, loc, op.getInput(), inputGroups);
  Value output = memref::CollapseShapeOp::create(builder, loc, op.getInit(), outputGroups);
  auto collapsed = linalg::TransposeOp::create(builder, loc, input, output, merged);
  op.erase();
  return collapsed;
}

/// Whether the transpose moves the innermost dimension, on static f32 buffers with contiguous rows.
bool isVectorizable(linalg::TransposeOp op) {
  if (!op.hasPureBufferSemantics())
    return false;
  auto input = llvm::cast<MemRefType>(op.getInput().getType());
  auto output = llvm::cast<MemRefType>(op.getInit().getType());
  ArrayRef<int64_t> permutation = op.getPermutation();
  return input.hasStaticShape() && output.getElementType().isF32() && hasContiguousRows(input) &&
         hasContiguousRows(output) && permutation.back() != int64_t(permutation.size() - 1);
}

class VectorizeTransposesPass : public mlir::dlm::impl::VectorizeTransposesBase<VectorizeTransposesPass> {
public:
  void runOnOperation() override {
    SmallVector<linalg::TransposeOp> transposes;
    getOperation()->walk([&](linalg::TransposeOp op) {
      if (isVectorizable(op))
        transposes.push_back(op);
    });
    for (linalg::TransposeOp op : transposes) {
      op = mergeKeptRuns(op);
      OpBuilder builder(op);
      TransposeEmitter(op, builder).emit();
      op.erase();
    }
  }
};

} // namespace
