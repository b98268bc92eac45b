//===- Interpreter.h - Float64 reference evaluator of the dlm dialect -----===//
//
// Plain loops, no cleverness: every tensor is a row-major vector of doubles.
// It is the ground truth that gradient checks and, later, the compiled code
// are compared against.
//
//===----------------------------------------------------------------------===//

#ifndef DLM_INTERPRETER_INTERPRETER_H
#define DLM_INTERPRETER_INTERPRETER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace dlm {

/// A dense tensor of doubles (integers and bools are stored exactly).
struct ReferenceTensor {
  std::vector<int64_t> shape;
  std::vector<double> data;

  int64_t size() const;
};

/// Evaluates `function` on `arguments`; fails with a diagnostic on the op it
/// cannot evaluate.
mlir::FailureOr<std::vector<ReferenceTensor>> interpret(mlir::func::FuncOp function,
                                                        const std::vector<ReferenceTensor> &arguments);

/// The counter-based random number for (key, id, index), uniform in [0, 1).
double counterUniform(uint64_t key, uint64_t id, uint64_t index);

/// One line of a gradient check.
struct GradientCheck {
  std::string parameter;
  double analytic = 0;  ///< <gradient, direction>
  double numeric = 0;   ///< central difference along the direction
  double relativeError = 0;
};

/// Checks every step function of `module` (those with `dlm.updated`):
/// differentiates a copy, evaluates it at random inputs in float64 and
/// compares each parameter's gradient with central finite differences along
/// a direction half random, half the gradient's (JAX's check_grads checks
/// random directions). Returns one entry per parameter.
mlir::FailureOr<std::vector<GradientCheck>> checkGradients(mlir::ModuleOp module, uint64_t seed = 0,
                                                           double epsilon = 1e-6);

/// Prints one line per check (OK or FAIL against `tolerance`) and a summary;
/// returns whether all passed.
bool printGradientChecks(const std::vector<GradientCheck> &checks, double tolerance, llvm::raw_ostream &os);

} // namespace dlm

#endif // DLM_INTERPRETER_INTERPRETER_H
