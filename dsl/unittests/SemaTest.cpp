//===- SemaTest.cpp - Unit tests of shape inference through sema ----------===//
//
// Each test elaborates a small program from a string and checks the inferred
// type of its metric (or the number of errors). Expected shapes are computed
// by hand in the comments.
//
//===----------------------------------------------------------------------===//

#include "dlm/Language/Sema.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

using namespace dlm;

namespace {

/// Elaborates `body` as the metric `value = ...` of an eval program over a data
/// set whose sample `x` is f32[3, 8, 8] (so `x` is f32[4, 3, 8, 8] with batch 4).
struct Elaboration {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diagnostics{sourceMgr};
  AnalysisResult result;

  explicit Elaboration(const std::string &functionBody) {
    std::string source = R"(
data images {
  test = idx("images.gz", "labels.gz")
  sample(image: u8[3, 8, 8], label: u8) -> (x: f32[3, 8, 8], y: i32) {
    return f32(image), i32(label)
  }
}
fn probe(x: f32[N, 3, 8, 8], y: i32[N]) {
)" + functionBody + R"(
}
eval check on images(batch = 4) {
  metric value = sum(f32(probe(x, y)))
}
)";
    sourceMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(source, "test.dlm"), llvm::SMLoc());
    diagnostics.setVerifyMode(true); // keep the test output quiet; recorded() holds the messages
    result = analyze(1, diagnostics, SemaOptions{});
  }

  /// The type of the operand of the final sum: the probed expression.
  std::string probedType() const {
    if (!result.elaborated)
      return "error: " + (diagnostics.recorded().empty() ? std::string("?") : diagnostics.recorded()[0].message);
    const sema::Node *sum = result.elaborated->programs[0]->metrics[0].value;
    const sema::Node *cast = sum->operands[0];
    return cast->operands[0]->type.str();
  }
};

std::string typeOf(const std::string &expression) {
  return Elaboration("  return " + expression).probedType();
}

} // namespace

TEST(ShapeInference, Convolution) {
  // (8 + 2*1 - 3) / 1 + 1 = 8; 16 output channels.
  EXPECT_EQ(typeOf("conv2d(x, ones([16, 3, 3, 3]), pad = 1)"), "f32[4, 16, 8, 8]");
  // (8 + 0 - 3) / 2 + 1 = 3.
  EXPECT_EQ(typeOf("conv2d(x, ones([16, 3, 3, 3]), stride = 2)"), "f32[4, 16, 3, 3]");
  // Dilation 2 makes a 3x3 kernel span 5: (8 - 5) / 1 + 1 = 4.
  EXPECT_EQ(typeOf("conv2d(x, ones([6, 3, 3, 3]), dilation = 2)"), "f32[4, 6, 4, 4]");
  // Depthwise: 3 groups, weight [3, 1, 3, 3].
  EXPECT_EQ(typeOf("conv2d(x, ones([3, 1, 3, 3]), groups = 3, pad = 1)"), "f32[4, 3, 8, 8]");
}

TEST(ShapeInference, ConvolutionChannelMismatchIsAnError) {
  EXPECT_EQ(typeOf("conv2d(x, ones([16, 4, 3, 3]))").rfind("error:", 0), 0u);
}

TEST(ShapeInference, Pooling) {
  EXPECT_EQ(typeOf("maxpool2d(x, 2)"), "f32[4, 3, 4, 4]");
  EXPECT_EQ(typeOf("avgpool2d(x, 3, stride = 1, pad = 1)"), "f32[4, 3, 8, 8]");
  EXPECT_EQ(typeOf("global_avgpool(x)"), "f32[4, 3]");
}

TEST(ShapeInference, ShapeManipulation) {
  EXPECT_EQ(typeOf("reshape(x, [4, -1])"), "f32[4, 192]");
  EXPECT_EQ(typeOf("flatten(x)"), "f32[4, 192]");
  EXPECT_EQ(typeOf("transpose(x, [0, 2, 3, 1])"), "f32[4, 8, 8, 3]");
  EXPECT_EQ(typeOf("concat([x, x], axis = 1)"), "f32[4, 6, 8, 8]");
  EXPECT_EQ(typeOf("stack([x, x], axis = 0)"), "f32[2, 4, 3, 8, 8]");
  EXPECT_EQ(typeOf("pad(x, [0, 0, 0, 0, 1, 1, 2, 2])"), "f32[4, 3, 10, 12]");
  EXPECT_EQ(typeOf("x[:, 0, 1:7:2, ...]"), "f32[4, 3, 8]");
}

TEST(ShapeInference, Reductions) {
  EXPECT_EQ(typeOf("sum(x, axis = [2, 3])"), "f32[4, 3]");
  EXPECT_EQ(typeOf("mean(x, axis = 1, keepdims = true)"), "f32[4, 1, 8, 8]");
  EXPECT_EQ(typeOf("max(x)"), "f32");
  EXPECT_EQ(typeOf("f32(argmax(flatten(x)))"), "f32[4]");
}

TEST(ShapeInference, MatrixProductsBroadcastBatches) {
  // [4, 3, 8, 8] @ [8, 5] -> [4, 3, 8, 5].
  EXPECT_EQ(typeOf("x @ ones([8, 5])"), "f32[4, 3, 8, 5]");
  EXPECT_EQ(typeOf("x @ ones([8, 7])").rfind("f32[4, 3, 8, 7]", 0), 0u);
  EXPECT_EQ(typeOf("x @ ones([7, 5])").rfind("error:", 0), 0u);
}

TEST(ShapeInference, Broadcasting) {
  EXPECT_EQ(typeOf("x + ones([3, 1, 1])"), "f32[4, 3, 8, 8]");
  EXPECT_EQ(typeOf("x * 2"), "f32[4, 3, 8, 8]");
  EXPECT_EQ(typeOf("x + ones([4])").rfind("error:", 0), 0u);
}

TEST(ShapeInference, IndexNotationTakesExtentsFromUses) {
  Elaboration contraction("  w = ones([5, 3])\n  z[n, o, h] = sum(c, k) x[n, c, h, k] * w[o, c]\n  return z");
  EXPECT_EQ(contraction.probedType(), "f32[4, 5, 8]");
  Elaboration window("  p = pad(x, [0, 0, 0, 0, 1, 1, 1, 1])\n"
                     "  z[n, c, h, w] = max(i: 3, j: 3) p[n, c, h + i, w + j]\n  return z");
  EXPECT_EQ(window.probedType(), "f32[4, 3, 8, 8]");
}

TEST(ShapeInference, IndexNotationRejectsConflictingExtents) {
  Elaboration conflict("  w = ones([5, 4])\n  z[n, o] = sum(c) x[n, c, 0, 0] * w[o, c]\n  return z");
  ASSERT_FALSE(conflict.result.elaborated);
  EXPECT_NE(conflict.diagnostics.recorded()[0].message.find("index 'c' ranges over 3"), std::string::npos);
}
