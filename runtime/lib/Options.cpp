//===- Options.cpp - The command line of a generated executable -------------===//
//
// One table describes every option: its value, the commands it applies to and
// its help line, so parsing, validation and --help cannot disagree. An option
// given to a command it does not apply to is an error rather than ignored.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Options.h"

#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/NameTable.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>

using namespace dlm::runtime;

namespace {

constexpr unsigned kTrain = 1, kEval = 2, kPredict = 4, kInfo = 8;

unsigned commandBit(Command command) {
  switch (command) {
  case Command::Train:
    return kTrain;
  case Command::Eval:
    return kEval;
  case Command::Predict:
    return kPredict;
  case Command::Info:
    return kInfo;
  }
  return 0;
}

/// In the order of the enumeration: kCommandSummaries is indexed by it.
constexpr Named<Command> kCommands[] = {
    {Command::Train, "train"}, {Command::Eval, "eval"}, {Command::Predict, "predict"}, {Command::Info, "info"}};

/// The one-line description of each command, in kCommands order.
constexpr const char *kCommandSummaries[] = {
    "train the model; a checkpoint is written at the end of every epoch",
    "print the metrics of a checkpoint on the test split",
    "print the model's predictions for samples",
    "describe the model: tensors, parameter count, entry points, memory plan",
};

/// Parses `text` as an integer in [minimum, maximum]; `option` names it in the message.
int64_t parseInteger(const std::string &option, const std::string &text, int64_t minimum, int64_t maximum) {
  char *end = nullptr;
  errno = 0;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || value < minimum || value > maximum)
    failUsage("{} expects an integer of at least {}, got '{}'", option, minimum, text);
  return value;
}

uint64_t parseSeed(const std::string &text) {
  char *end = nullptr;
  errno = 0;
  unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno == ERANGE)
    failUsage("--seed expects a non-negative integer, got '{}'", text);
  return value;
}

double parseRate(const std::string &text) {
  char *end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value) || value < 0)
    failUsage("--lr expects a non-negative number, got '{}'", text);
  return value;
}

/// One option: its spelling, the value it takes (empty for a flag), the commands it applies to,
/// its help line, and how it is stored.
struct OptionInfo {
  const char *name;
  const char *value;
  unsigned commands;
  const char *help;
  std::function<void(Options &, const std::string &)> apply;
};

const std::vector<OptionInfo> &optionTable() {
  constexpr int64_t kMaximum = INT64_MAX;
  static const std::vector<OptionInfo> table = {
      {"--data", "DIR", kTrain | kEval | kPredict,
       "the data set's directory (default: $DLM_DATA, else /usr/share/datasets/fashion-mnist)",
       [](Options &o, const std::string &v) { o.dataDirectory = v; }},
      {"--epochs", "N", kTrain, "length of the run in epochs (default: the program's, or the checkpoint's on --resume)",
       [](Options &o, const std::string &v) { o.epochs = parseInteger("--epochs", v, 1, kMaximum); }},
      {"--lr", "X", kTrain, "base learning rate of every optimizer; schedules keep their shape",
       [](Options &o, const std::string &v) { o.learningRate = parseRate(v); }},
      {"--seed", "N", kTrain | kEval | kPredict, "random seed (default: the program's)",
       [](Options &o, const std::string &v) { o.seed = parseSeed(v); }},
      {"--threads", "N", kTrain | kEval | kPredict, "threads of the generated code (sets OMP_NUM_THREADS)",
       [](Options &o, const std::string &v) { o.threads = static_cast<int>(parseInteger("--threads", v, 1, 4096)); }},
      {"--checkpoint", "PATH", kTrain | kEval | kPredict,
       "checkpoint written after every epoch, or read (default: NAME.safetensors)",
       [](Options &o, const std::string &v) { o.checkpoint = v; }},
      {"--resume", "", kTrain, "continue the run saved in --checkpoint, exactly as if never interrupted",
       [](Options &o, const std::string &) { o.resume = true; }},
      {"--stop-after-epoch", "N", kTrain, "stop once epoch N is done (schedules still span --epochs)",
       [](Options &o, const std::string &v) { o.stopAfterEpoch = parseInteger("--stop-after-epoch", v, 1, kMaximum); }},
      {"--log", "PREFIX", kTrain, "write PREFIX.log.csv, PREFIX.log.json and PREFIX.svg (default: NAME)",
       [](Options &o, const std::string &v) { o.logPrefix = v; }},
      {"--limit-train", "N", kTrain, "train on the first N training samples only",
       [](Options &o, const std::string &v) { o.limitTrain = parseInteger("--limit-train", v, 1, kMaximum); }},
      {"--limit-test", "N", kTrain | kEval | kPredict, "use the first N test samples only (0: no evaluation)",
       [](Options &o, const std::string &v) { o.limitTest = parseInteger("--limit-test", v, 0, kMaximum); }},
      {"--check-numerics", "", kTrain, "stop at the first NaN or infinity in a loss or updated tensor",
       [](Options &o, const std::string &) { o.checkNumerics = true; }},
      {"--quiet", "", kTrain | kEval | kPredict, "no progress bar",
       [](Options &o, const std::string &) { o.quiet = true; }},
      {"--input", "FILE", kPredict, "an IDX file (.gz or plain) of samples to predict (default: the test split)",
       [](Options &o, const std::string &v) { o.input = v; }},
      {"--count", "N", kPredict, "how many predictions to print (default: 10)",
       [](Options &o, const std::string &v) { o.count = parseInteger("--count", v, 1, kMaximum); }},
  };
  return table;
}

const OptionInfo *findOption(const std::string &name) {
  for (const OptionInfo &option : optionTable())
    if (name == option.name)
      return &option;
  return nullptr;
}

std::string baseName(const char *path) {
  const char *slash = std::strrchr(path, '/');
  return slash ? slash + 1 : path;
}

} // namespace

const char *dlm::runtime::commandName(Command command) { return nameOf(kCommands, command); }

Options dlm::runtime::parseOptions(int argc, const char *const *argv) {
  Options options;
  options.executableName = argc > 0 ? baseName(argv[0]) : "model";
  std::vector<std::string> words(argv + std::min(argc, 1), argv + argc);
  std::vector<std::pair<const OptionInfo *, std::string>> given;
  std::vector<std::string> positional;
  // With --help, the rest of the line is not checked: the user is asking how to write it.
  options.help =
      std::any_of(words.begin(), words.end(), [](const std::string &w) { return w == "--help" || w == "-h"; });
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string &word = words[i];
    if (word == "--help" || word == "-h" || (positional.empty() && word == "help")) {
      options.help = true;
      continue;
    }
    if (word.rfind("-", 0) != 0) {
      positional.push_back(word);
      continue;
    }
    size_t equals = word.find('=');
    std::string name = word.substr(0, equals);
    const OptionInfo *option = findOption(name);
    if (!option && options.help)
      continue;
    if (!option)
      failUsage("unknown option '{}' (see '{} --help')", name, options.executableName);
    std::string value;
    if (*option->value && equals != std::string::npos)
      value = word.substr(equals + 1);
    else if (*option->value && i + 1 < words.size())
      value = words[++i];
    else if (*option->value && !options.help)
      failUsage("{} expects a value ({})", name, option->value);
    else if (equals != std::string::npos)
      failUsage("{} takes no value", name);
    given.emplace_back(option, value);
  }

  if (!positional.empty())
    options.command = valueNamed(kCommands, positional[0]);
  if (options.help)
    return options;
  if (!positional.empty() && !options.command)
    failUsage("unknown command '{}': expected train, eval, predict or info", positional[0]);
  if (positional.size() > 1)
    options.program = positional[1];
  if (positional.size() > 2)
    failUsage("unexpected argument '{}'", positional[2]);
  if (!options.command)
    failUsage("no command given: expected train, eval, predict or info (see '{} --help')", options.executableName);

  for (const auto &[option, value] : given) {
    if (!(option->commands & commandBit(*options.command)))
      failUsage("{} does not apply to '{}' (see '{} {} --help')", option->name, commandName(*options.command),
                options.executableName, commandName(*options.command));
    option->apply(options, value);
  }
  if (options.dataDirectory.empty()) {
    const char *environment = std::getenv("DLM_DATA");
    options.dataDirectory = environment && *environment ? environment : kDefaultDataDirectory;
  }
  if (options.checkpoint.empty())
    options.checkpoint = options.executableName + ".safetensors";
  if (options.logPrefix.empty())
    options.logPrefix = options.executableName;
  return options;
}

std::string dlm::runtime::helpText(const std::string &name, std::optional<Command> command) {
  if (!command) {
    std::string text = fmt::format("usage: {} <command> [PROGRAM] [options]\n\n"
                                   "Trains, evaluates and runs the model compiled into this executable.\n\n"
                                   "commands:\n",
                                   name);
    for (size_t i = 0; i < std::size(kCommands); ++i)
      text += fmt::format("  {:<9} {}\n", kCommands[i].name, kCommandSummaries[i]);
    return text + fmt::format("\nPROGRAM selects a program when the model has several ('{} info' lists them).\n"
                              "'{} <command> --help' lists the options of a command.\n"
                              "Exit status: 0 success, 1 bad data, checkpoint or numerics, 2 bad command line.\n",
                              name, name);
  }
  const char *summary = kCommandSummaries[static_cast<size_t>(*command)];
  std::string text = fmt::format("usage: {} {} [PROGRAM] [options]\n\n{}{}.\n", name, commandName(*command),
                                 static_cast<char>(std::toupper(*summary)), summary + 1);
  std::string lines;
  for (const OptionInfo &option : optionTable())
    if (option.commands & commandBit(*command))
      lines += fmt::format("  {:<24} {}\n", fmt::format("{} {}", option.name, option.value), option.help);
  if (!lines.empty())
    text += "\noptions:\n" + lines;
  return text;
}
