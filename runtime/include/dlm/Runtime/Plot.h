//===- Plot.h - A small hand-written SVG chart of a training run -----------===//

#ifndef DLM_RUNTIME_PLOT_H
#define DLM_RUNTIME_PLOT_H

#include <string>
#include <vector>

namespace dlm::runtime {

/// One curve: a value per epoch.
struct PlotSeries {
  std::string name;
  std::vector<double> values;
};

/// An SVG document with one small panel per series (each with its own y range) against the epoch.
std::string renderPlot(const std::string &title, const std::vector<double> &epochs,
                       const std::vector<PlotSeries> &series);

/// Tick values covering [low, high] at a 1-2-5 step, about `count` of them.
std::vector<double> niceTicks(double low, double high, int count);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_PLOT_H
