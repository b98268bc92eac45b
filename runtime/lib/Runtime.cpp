//===- Runtime.cpp - Command dispatch and error reporting -------------------===//

#include "dlm/Runtime/Runtime.h"

#include "dlm/Runtime/Commands.h"
#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/HeapPolicy.h"
#include "dlm/Runtime/Manifest.h"
#include "dlm/Runtime/Options.h"
#include "dlm/Runtime/Threads.h"

#include <cstdio>
#include <new>

using namespace dlm::runtime;

const char *dlm::runtime::runtimeVersion() { return DLM_VERSION; }

/// The program a command runs: the named one, or the only one. `info` without a name describes
/// them all (null).
static const ProgramSpec *selectProgram(const Manifest &manifest, const Options &options) {
  std::string names;
  for (const ProgramSpec &program : manifest.programs)
    names += (names.empty() ? "" : ", ") + program.name;
  if (!options.program.empty()) {
    if (const ProgramSpec *program = manifest.findProgram(options.program))
      return program;
    failUsage("no program '{}' in this model (it has: {})", options.program, names);
  }
  if (manifest.programs.size() == 1 || *options.command == Command::Info)
    return manifest.programs.size() == 1 ? &manifest.programs.front() : nullptr;
  failUsage("this model has several programs ({}): name one, as in '{} {} {}'", names, options.executableName,
            commandName(*options.command), manifest.programs.front().name);
}

static int runCommand(const Options &options, const char *manifestText) {
  if (options.help) {
    fmt::print("{}", helpText(options.executableName, options.command));
    return ExitSuccess;
  }
  if (options.threads)
    setThreadCount(*options.threads);
  keepFreedMemoryMapped();
  Manifest manifest = parseManifest(manifestText);
  const ProgramSpec *program = selectProgram(manifest, options);
  switch (*options.command) {
  case Command::Train:
    return runTrain(options, *program);
  case Command::Eval:
    return runEval(options, *program);
  case Command::Predict:
    return runPredict(options, *program);
  case Command::Info:
    return runInfo(options, manifest, program);
  }
  return ExitSuccess;
}

int dlm::runtime::runMain(int argc, const char *const *argv, const char *manifestText) {
  const char *failure = nullptr;
  int code = ExitUserError;
  std::string message;
  try {
    return runCommand(parseOptions(argc, argv), manifestText);
  } catch (const RuntimeError &error) {
    message = error.what();
    code = error.code();
  } catch (const std::bad_alloc &) {
    message = "out of memory";
  } catch (const std::exception &error) {
    failure = "internal error: ";
    message = error.what();
  }
  // What the command printed so far comes before the error, even when both go to one pipe.
  std::fflush(stdout);
  fmt::print(stderr, "error: {}{}\n", failure ? failure : "", message);
  return code;
}
