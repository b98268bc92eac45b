//===- PlotTest.cpp - Axis ticks and the SVG chart -------------------------===//

#include "dlm/Runtime/Plot.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace dlm::runtime;

namespace {

void expectTicks(const std::vector<double> &actual, const std::vector<double> &expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_NEAR(actual[i], expected[i], 1e-12);
}

TEST(PlotTest, NiceTicksCoverTheRange) {
  expectTicks(niceTicks(0.31, 0.88, 5), {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9});
  expectTicks(niceTicks(1, 10, 6), {0, 2, 4, 6, 8, 10});
  // A flat series still gets a range around its value.
  std::vector<double> flat = niceTicks(0.5, 0.5, 5);
  EXPECT_LT(flat.front(), 0.5);
  EXPECT_GT(flat.back(), 0.5);
}

TEST(PlotTest, OnePanelPerSeries) {
  std::string svg = renderPlot("run <1>", {1, 2, 3}, {{"train_loss", {0.9, 0.6, 0.5}}, {"accuracy", {0.7, 0.8, NAN}}});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("run &lt;1&gt;"), std::string::npos);
  EXPECT_NE(svg.find(">train_loss<"), std::string::npos);
  EXPECT_NE(svg.find(">accuracy<"), std::string::npos);
  size_t polylines = 0;
  for (size_t at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1))
    ++polylines;
  EXPECT_EQ(polylines, 2u);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
}

} // namespace
