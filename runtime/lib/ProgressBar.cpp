//===- ProgressBar.cpp - A one-line progress display on a terminal ---------===//

#include "dlm/Runtime/ProgressBar.h"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

using namespace dlm::runtime;

static constexpr std::chrono::milliseconds kRedrawInterval(100);
static constexpr int64_t kBarWidth = 30;

ProgressBar::ProgressBar(bool enabled) : active(enabled && isatty(STDERR_FILENO)) {}

bool ProgressBar::due() const { return active && std::chrono::steady_clock::now() - lastDraw >= kRedrawInterval; }

void ProgressBar::update(const std::string &label, int64_t done, int64_t total, const std::string &status) {
  if (!active)
    return;
  int64_t filled = total > 0 ? done * kBarWidth / total : kBarWidth;
  std::string bar(static_cast<size_t>(filled), '=');
  if (filled < kBarWidth)
    bar += '>' + std::string(static_cast<size_t>(kBarWidth - filled - 1), ' ');
  // \r returns to the start of the line and \033[K erases what a longer earlier draw left.
  fmt::print(stderr, "\r{} [{}] {}/{}  {}\033[K", label, bar, done, total, status);
  std::fflush(stderr);
  drawn = true;
  lastDraw = std::chrono::steady_clock::now();
}

void ProgressBar::clear() {
  if (!drawn)
    return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn = false;
}
