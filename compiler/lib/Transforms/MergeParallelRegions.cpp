//===- MergeParallelRegions.cpp - One OpenMP team for consecutive parallel loops ===//
//
// convert-scf-to-openmp opens one `omp.parallel` region per parallel loop. A LeNet step has
// dozens of them, most separated by nothing but views, and each costs a fork and a join of the
// thread team. Consecutive regions whose body is work-sharing loops with their implicit barrier
// become one region: the barrier that ends each loop keeps the order the join gave.
//
//===----------------------------------------------------------------------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_MERGEPARALLELREGIONS
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

/// Whether the region is a plain team (no clauses) whose body ends in a work-sharing loop that
/// waits for every thread: what follows it in a merged region starts after the loop is done.
bool isMergeable(omp::ParallelOp region) {
  if (region->getNumOperands() != 0 || !region.getRegion().hasOneBlock())
    return false;
  Block &body = region.getRegion().front();
  Operation *terminator = body.getTerminator();
  auto loop = llvm::dyn_cast_or_null<omp::WsloopOp>(terminator->getPrevNode());
  return loop && !loop.getNowait();
}

/// Whether the op can move above a parallel region: it touches no memory and has no regions
/// (views, constants, index arithmetic).
bool isMovable(Operation &op) { return op.getNumRegions() == 0 && isMemoryEffectFree(&op); }

/// Merges each run of mergeable regions in `block` separated only by movable ops.
void mergeRuns(Block &block) {
  omp::ParallelOp current;
  SmallVector<Operation *> between;
  for (Operation &op : llvm::make_early_inc_range(block)) {
    auto region = llvm::dyn_cast<omp::ParallelOp>(op);
    if (region && current && isMergeable(region)) {
      for (Operation *movable : between)
        movable->moveBefore(current);
      Block &target = current.getRegion().front();
      Block &source = region.getRegion().front();
      source.getTerminator()->erase();
      target.getOperations().splice(target.getTerminator()->getIterator(), source.getOperations());
      region.erase();
      between.clear();
      continue;
    }
    if (region) {
      current = isMergeable(region) ? region : omp::ParallelOp();
      between.clear();
    } else if (current && isMovable(op)) {
      between.push_back(&op);
    } else {
      current = omp::ParallelOp();
      between.clear();
    }
  }
}

class MergeParallelRegionsPass : public mlir::dlm::impl::MergeParallelRegionsBase<MergeParallelRegionsPass> {
public:
  void runOnOperation() override {
    SmallVector<Block *> blocks;
    getOperation()->walk([&](Block *block) { blocks.push_back(block); });
    for (Block *block : blocks)
      mergeRuns(*block);
  }
};

} // namespace
