//===- ApplyOptimizersTest.cpp - Optimizer updates against hand-written rules ===//
//
// Each test differentiates L = sum(w * x) (so the gradient is x), applies one
// optimizer with dlm-apply-optimizers, evaluates the step in float64 and
// compares the new parameter and state with PyTorch's documented update,
// written out independently here.
//
//===----------------------------------------------------------------------===//

#include "dlm/Dialect/Dlm/DlmDialect.h"
#include "dlm/Interpreter/Interpreter.h"
#include "dlm/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

constexpr double kTolerance = 1e-12;

struct StepResult {
  double loss, parameter;
  std::vector<double> state;
};

/// Runs one step of `optimizer` (a dictionary body like `name = "sgd", lr = ...`)
/// from parameter w, input x, step count t and the given initial state values.
StepResult runStep(const std::string &optimizer, double w, double x, double lr, double t,
                   const std::vector<double> &state) {
  mlir::MLIRContext context;
  context.loadDialect<mlir::dlm::DlmDialect, mlir::func::FuncDialect, mlir::arith::ArithDialect,
                      mlir::math::MathDialect>();
  std::string source = R"(
func.func @step(%w: tensor<f64> {dlm.param = "w"}, %x: tensor<f64>) -> tensor<f64>
    attributes {dlm.updated = ["w"], dlm.optimizers = [{params = ["w"], )" + optimizer + R"(}]} {
  %y = dlm.mul %w, %x : (tensor<f64>, tensor<f64>) -> tensor<f64>
  return %y : tensor<f64>
})";
  auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  EXPECT_TRUE(module);
  mlir::PassManager passes(&context);
  passes.addPass(mlir::dlm::createAutodiff());
  passes.addPass(mlir::dlm::createApplyOptimizers());
  EXPECT_TRUE(mlir::succeeded(passes.run(*module)));
  auto step = module->lookupSymbol<mlir::func::FuncOp>("step");
  // Arguments: w, x, the learning rate, the step count, then the state slots.
  std::vector<dlm::ReferenceTensor> arguments = {{{}, {w}}, {{}, {x}}, {{}, {lr}}, {{}, {t}}};
  for (double value : state)
    arguments.push_back({{}, {value}});
  EXPECT_EQ(step.getNumArguments(), arguments.size());
  auto results = dlm::interpret(step, arguments);
  EXPECT_TRUE(mlir::succeeded(results));
  StepResult result{(*results)[0].data[0], (*results)[1].data[0], {}};
  for (size_t i = 2; i < results->size(); ++i)
    result.state.push_back((*results)[i].data[0]);
  return result;
}

} // namespace

TEST(ApplyOptimizers, PlainSgd) {
  StepResult r = runStep(R"(name = "sgd")", 2.0, 3.0, 0.1, 1, {});
  EXPECT_NEAR(r.loss, 6.0, kTolerance);
  EXPECT_NEAR(r.parameter, 2.0 - 0.1 * 3.0, kTolerance);
  EXPECT_TRUE(r.state.empty());
}

TEST(ApplyOptimizers, SgdWithMomentumAndWeightDecay) {
  // g = x + wd * w; v' = m v + g; w' = w - lr v'
  double g = 3.0 + 0.01 * 2.0, v = 0.9 * 0.5 + g;
  StepResult r = runStep(R"(name = "sgd", momentum = 0.9 : f64, weight_decay = 0.01 : f64)", 2.0, 3.0, 0.1, 1, {0.5});
  EXPECT_NEAR(r.parameter, 2.0 - 0.1 * v, kTolerance);
  ASSERT_EQ(r.state.size(), 1u);
  EXPECT_NEAR(r.state[0], v, kTolerance);
}

TEST(ApplyOptimizers, Nesterov) {
  double v = 0.9 * 0.5 + 3.0;
  StepResult r = runStep(R"(name = "sgd", momentum = 0.9 : f64, nesterov = 1.0 : f64)", 2.0, 3.0, 0.1, 1, {0.5});
  EXPECT_NEAR(r.parameter, 2.0 - 0.1 * (3.0 + 0.9 * v), kTolerance);
}

TEST(ApplyOptimizers, AdaGrad) {
  double sum = 0.25 + 9.0;
  StepResult r = runStep(R"(name = "adagrad")", 2.0, 3.0, 0.1, 1, {0.25});
  EXPECT_NEAR(r.parameter, 2.0 - 0.1 * 3.0 / (std::sqrt(sum) + 1e-10), kTolerance);
  EXPECT_NEAR(r.state[0], sum, kTolerance);
}

TEST(ApplyOptimizers, RmsProp) {
  double average = 0.99 * 0.25 + 0.01 * 9.0;
  StepResult r = runStep(R"(name = "rmsprop")", 2.0, 3.0, 0.01, 1, {0.25});
  EXPECT_NEAR(r.parameter, 2.0 - 0.01 * 3.0 / (std::sqrt(average) + 1e-8), kTolerance);
  EXPECT_NEAR(r.state[0], average, kTolerance);
}

TEST(ApplyOptimizers, AdamWithBiasCorrection) {
  // Third step (t = 3) from m = 0.2, v = 0.3.
  double t = 3, m = 0.9 * 0.2 + 0.1 * 3.0, v = 0.999 * 0.3 + 0.001 * 9.0;
  double mHat = m / (1 - std::pow(0.9, t)), vHat = v / (1 - std::pow(0.999, t));
  StepResult r = runStep(R"(name = "adam")", 2.0, 3.0, 1e-3, t, {0.2, 0.3});
  EXPECT_NEAR(r.parameter, 2.0 - 1e-3 * mHat / (std::sqrt(vHat) + 1e-8), kTolerance);
  ASSERT_EQ(r.state.size(), 2u);
  EXPECT_NEAR(r.state[0], m, kTolerance);
  EXPECT_NEAR(r.state[1], v, kTolerance);
}

TEST(ApplyOptimizers, AdamWDecaysTheWeightsDirectly) {
  double m = 0.1 * 3.0, v = 0.001 * 9.0;
  double mHat = m / (1 - 0.9), vHat = v / (1 - 0.999);
  StepResult r = runStep(R"(name = "adamw", weight_decay = 0.1 : f64)", 2.0, 3.0, 1e-2, 1, {0.0, 0.0});
  EXPECT_NEAR(r.parameter, 2.0 - 1e-2 * 0.1 * 2.0 - 1e-2 * mHat / (std::sqrt(vHat) + 1e-8), kTolerance);
}

TEST(ApplyOptimizers, ClippingByGlobalNorm) {
  // |g| = 3 > 1: the gradient is scaled by 1 / (3 + 1e-6).
  StepResult r = runStep(R"(name = "sgd", clip_norm = 1.0 : f64)", 2.0, 3.0, 0.1, 1, {});
  EXPECT_NEAR(r.parameter, 2.0 - 0.1 * 3.0 / (3.0 + 1e-6), kTolerance);
}
