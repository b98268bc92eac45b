//===- TypesTest.cpp - Unit tests of shapes and broadcasting --------------===//

#include "dlm/Language/Types.h"

#include <gtest/gtest.h>

using namespace dlm;

TEST(Broadcast, EqualShapesAreUnchanged) {
  EXPECT_EQ(broadcastShapes({64, 10}, {64, 10}), Shape({64, 10}));
}

TEST(Broadcast, TrailingDimensionsAlign) {
  EXPECT_EQ(broadcastShapes({64, 10}, {10}), Shape({64, 10}));
  EXPECT_EQ(broadcastShapes({10}, {64, 10}), Shape({64, 10}));
}

TEST(Broadcast, OnesStretch) {
  EXPECT_EQ(broadcastShapes({8, 1, 6, 1}, {7, 1, 5}), Shape({8, 7, 6, 5}));
  EXPECT_EQ(broadcastShapes({64, 1}, {1, 10}), Shape({64, 10}));
}

TEST(Broadcast, ScalarsBroadcastToAnything) {
  EXPECT_EQ(broadcastShapes({}, {3, 4}), Shape({3, 4}));
  EXPECT_EQ(broadcastShapes({}, {}), Shape({}));
}

TEST(Broadcast, MismatchReportsTheDimension) {
  BroadcastMismatch mismatch{};
  EXPECT_FALSE(broadcastShapes({64, 784}, {64, 783}, &mismatch));
  EXPECT_EQ(mismatch.dimension, 1);
  EXPECT_EQ(mismatch.lhsExtent, 784);
  EXPECT_EQ(mismatch.rhsExtent, 783);
}

TEST(Broadcast, MismatchPositionCountsInTheLongerShape) {
  BroadcastMismatch mismatch{};
  EXPECT_FALSE(broadcastShapes({2, 3, 4}, {5, 4}, &mismatch));
  EXPECT_EQ(mismatch.dimension, 1);
  EXPECT_EQ(mismatch.lhsExtent, 3);
  EXPECT_EQ(mismatch.rhsExtent, 5);
}

TEST(Axis, NegativeAxesCountFromTheEnd) {
  EXPECT_EQ(normalizeAxis(-1, 4), 3);
  EXPECT_EQ(normalizeAxis(0, 4), 0);
  EXPECT_FALSE(normalizeAxis(4, 4));
  EXPECT_FALSE(normalizeAxis(-5, 4));
}

TEST(Window, ConvolutionOutputExtents) {
  EXPECT_EQ(windowOutputExtent(28, 5, 1, 2, 1), 28); // LeNet conv1 with padding 2
  EXPECT_EQ(windowOutputExtent(14, 5, 1, 0, 1), 10); // LeNet conv2
  EXPECT_EQ(windowOutputExtent(28, 2, 2, 0, 1), 14); // 2x2 max pooling
  EXPECT_EQ(windowOutputExtent(32, 3, 2, 1, 1), 16);
  EXPECT_EQ(windowOutputExtent(32, 3, 1, 2, 2), 32); // dilated
  EXPECT_EQ(windowOutputExtent(2, 5, 1, 0, 1), 0);   // window larger than input
}

TEST(TensorType, Printing) {
  EXPECT_EQ((TensorType{ElementType::F32, {64, 783}}).str(), "f32[64, 783]");
  EXPECT_EQ((TensorType{ElementType::I32, {}}).str(), "i32");
  EXPECT_EQ(parseElementType("bf16"), ElementType::BF16);
  EXPECT_FALSE(parseElementType("f23"));
}
