//===- ApproximateMath.cpp - Polynomial approximations of f32 math --------===//

#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::dlm {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "dlm/Transforms/Passes.h.inc"
} // namespace mlir::dlm

using namespace mlir;

namespace {

class ApproximateMathPass : public mlir::dlm::impl::ApproximateMathBase<ApproximateMathPass> {
public:
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Not rsqrt: upstream's is AVX2's 8-lane estimate through the x86vector dialect, which this
    // pipeline does not load; it stays 1 / sqrt, exact and vectorized by LLVM.
    populateMathPolynomialApproximationPatterns(patterns, [](llvm::StringRef name) {
      return llvm::is_contained({"math.exp", "math.expm1", "math.log", "math.log1p", "math.log2", "math.tanh", "math.erf",
                                  "math.sin", "math.cos"},
                                 name);
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
