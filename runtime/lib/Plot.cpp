//===- Plot.cpp - A small hand-written SVG chart of a training run ---------===//
//
// One panel per series, side by side, each with its own y axis: losses and
// accuracies live on different scales and would flatten each other on one.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

using namespace dlm::runtime;

namespace {

constexpr double kPanelWidth = 300, kPanelHeight = 210;
constexpr double kLeft = 52, kRight = 14, kTop = 44, kBottom = 34;
constexpr const char *kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

std::string escape(const std::string &text) {
  std::string escaped;
  for (char c : text) {
    if (c == '<')
      escaped += "&lt;";
    else if (c == '>')
      escaped += "&gt;";
    else if (c == '&')
      escaped += "&amp;";
    else
      escaped += c;
  }
  return escaped;
}

/// Maps data coordinates of one panel to SVG coordinates.
struct PanelFrame {
  double x0, y0; // top-left corner of the plotting area
  double width, height;
  double xLow, xHigh, yLow, yHigh;

  double x(double value) const { return x0 + (value - xLow) / (xHigh - xLow) * width; }
  double y(double value) const { return y0 + height - (value - yLow) / (yHigh - yLow) * height; }
};

std::string axes(const PanelFrame &frame, const std::vector<double> &xTicks, const std::vector<double> &yTicks) {
  std::string svg;
  for (double tick : yTicks) {
    double y = frame.y(tick);
    svg += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="#e5e5e5"/>)"
                       R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end">{:g}</text>)"
                       "\n",
                       frame.x0, y, frame.x0 + frame.width, y, frame.x0 - 5, y + 4, tick);
  }
  for (double tick : xTicks)
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{:g}</text>)"
                       "\n",
                       frame.x(tick), frame.y0 + frame.height + 15, tick);
  svg += fmt::format(R"(<path d="M{:.1f} {:.1f}V{:.1f}H{:.1f}" fill="none" stroke="#444"/>)"
                     "\n",
                     frame.x0, frame.y0, frame.y0 + frame.height, frame.x0 + frame.width);
  return svg;
}

std::string curve(const PanelFrame &frame, const std::vector<double> &xs, const std::vector<double> &ys,
                  const char *color) {
  std::string points, dots;
  for (size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    if (!std::isfinite(ys[i]))
      continue;
    points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", frame.x(xs[i]), frame.y(ys[i]));
    dots +=
        fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"/>)", frame.x(xs[i]), frame.y(ys[i]), color);
  }
  return fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="1.8"/>)"
                     "\n{}\n",
                     points, color, dots);
}

std::string panel(double left, const PlotSeries &series, const std::vector<double> &epochs, const char *color) {
  std::vector<double> finite;
  std::copy_if(series.values.begin(), series.values.end(), std::back_inserter(finite),
               [](double v) { return std::isfinite(v); });
  double low = finite.empty() ? 0 : *std::min_element(finite.begin(), finite.end());
  double high = finite.empty() ? 1 : *std::max_element(finite.begin(), finite.end());
  std::vector<double> yTicks = niceTicks(low, high, 5);
  double lastEpoch = epochs.empty() ? 1 : std::max(epochs.back(), 1.0);
  // Epochs are whole numbers: no tick at 1.5.
  std::vector<double> xTicks = niceTicks(epochs.empty() ? 0 : std::min(epochs.front(), 1.0), lastEpoch, 6);
  xTicks.erase(std::remove_if(xTicks.begin(), xTicks.end(), [](double tick) { return tick != std::floor(tick); }),
               xTicks.end());
  PanelFrame frame{left + kLeft,
                   kTop,
                   kPanelWidth - kLeft - kRight,
                   kPanelHeight - kTop - kBottom,
                   xTicks.front(),
                   xTicks.back(),
                   yTicks.front(),
                   yTicks.back()};
  std::string svg = fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-weight="bold">{}</text>)"
                                "\n",
                                frame.x0, kTop - 12, escape(series.name));
  svg += axes(frame, xTicks, yTicks);
  svg += curve(frame, epochs, series.values, color);
  svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="#666">epoch</text>)"
                     "\n",
                     frame.x0 + frame.width / 2, kPanelHeight - 4);
  return svg;
}

} // namespace

std::vector<double> dlm::runtime::niceTicks(double low, double high, int count) {
  if (!(high > low)) {
    double pad = low == 0 ? 1 : std::abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  double raw = (high - low) / std::max(count, 1);
  double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double residual = raw / magnitude;
  double step = (residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10) * magnitude;
  double first = std::floor(low / step), last = std::ceil(high / step);
  std::vector<double> ticks;
  // Each tick is k × step from an integer k, so errors do not accumulate along the axis.
  for (double k = first; k <= last; ++k)
    ticks.push_back(k * step);
  return ticks;
}

std::string dlm::runtime::renderPlot(const std::string &title, const std::vector<double> &epochs,
                                     const std::vector<PlotSeries> &series) {
  double width = kPanelWidth * static_cast<double>(std::max<size_t>(series.size(), 1));
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0:.0f}" height="{1:.0f}" viewBox="0 0 {0:.0f} {1:.0f}" )"
      R"(font-family="sans-serif" font-size="11">)"
      "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      R"(<text x="10" y="16" font-size="13" font-weight="bold">{2}</text>)"
      "\n",
      width, kPanelHeight, escape(title));
  for (size_t i = 0; i < series.size(); ++i)
    svg += panel(kPanelWidth * static_cast<double>(i), series[i], epochs, kColors[i % std::size(kColors)]);
  return svg + "</svg>\n";
}
