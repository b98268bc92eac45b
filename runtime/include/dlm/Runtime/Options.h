//===- Options.h - The command line of a generated executable --------------===//

#ifndef DLM_RUNTIME_OPTIONS_H
#define DLM_RUNTIME_OPTIONS_H

#include <cstdint>
#include <optional>
#include <string>

namespace dlm::runtime {

enum class Command { Train, Eval, Predict, Info };

/// The default data directory when neither `--data` nor `DLM_DATA` is given.
constexpr const char *kDefaultDataDirectory = "/usr/share/datasets/fashion-mnist";

/// Everything the command line says; unset optionals fall back to the manifest's values.
struct Options {
  /// The executable's file name: the default checkpoint and log names derive from it.
  std::string executableName;
  std::optional<Command> command;
  /// `--help`, or `help` as the command.
  bool help = false;
  std::string program;
  std::string dataDirectory;
  std::optional<int64_t> epochs;
  std::optional<double> learningRate;
  std::optional<uint64_t> seed;
  std::optional<int> threads;
  std::string checkpoint;
  bool resume = false;
  std::string logPrefix;
  std::optional<int64_t> limitTrain;
  std::optional<int64_t> limitTest;
  std::optional<int64_t> stopAfterEpoch;
  bool checkNumerics = false;
  bool quiet = false;
  /// `predict --input`: an IDX file of the first raw field.
  std::string input;
  int64_t count = 10;
};

/// Parses the command line; a RuntimeError with ExitUsageError says what is wrong. Reads
/// `DLM_DATA` for the data directory's default.
Options parseOptions(int argc, const char *const *argv);

/// The help text of `command`, or the overview without one.
std::string helpText(const std::string &executableName, std::optional<Command> command);

/// `train`, `eval`, ...
const char *commandName(Command command);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_OPTIONS_H
