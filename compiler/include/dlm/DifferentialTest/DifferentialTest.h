//===- DifferentialTest.h - Compiled code against the reference evaluator -===//

#ifndef DLM_PIPELINE_DIFFERENTIALTEST_H
#define DLM_PIPELINE_DIFFERENTIALTEST_H

#include "dlm/Pipeline/Pipeline.h"

#include "llvm/Support/raw_ostream.h"

namespace dlm {

/// Tolerances of a differential test: a compiled float32 value c passes
/// against the float64 reference r when |c - r| <= absolute + relative * R,
/// with R the largest |r| of the result; integer and bool results must be equal.
struct DifferentialTolerance {
  double relative = 1e-4;
  double absolute = 1e-5;
};

/// Runs every public function of `module` (dlm dialect, differentiated) on
/// the same random inputs twice: through the float64 reference evaluator, and
/// compiled by the pipeline with `options` and run in-process. Float inputs
/// are uniform in [-1, 1] (states and optimizer states in [0.25, 1]) and integers
/// in [0, 10), unless an argument has
/// `dlm.test_range = [low, high]`. Prints one line per result; returns
/// whether all passed.
bool runDifferentialTest(mlir::ModuleOp module, const CodegenOptions &options, const DifferentialTolerance &tolerance,
                         uint64_t seed, llvm::raw_ostream &os);

} // namespace dlm

#endif // DLM_PIPELINE_DIFFERENTIALTEST_H
