//===- Commands.h - train, eval, predict and info ---------------------------===//

#ifndef DLM_RUNTIME_COMMANDS_H
#define DLM_RUNTIME_COMMANDS_H

namespace dlm::runtime {

struct Manifest;
struct Options;
struct ProgramSpec;

/// Each runs one command for `program` and returns the exit code; user errors are thrown as
/// RuntimeErrors.
int runTrain(const Options &options, const ProgramSpec &program);
int runEval(const Options &options, const ProgramSpec &program);
int runPredict(const Options &options, const ProgramSpec &program);
/// Describes `program`, or every program when it is null.
int runInfo(const Options &options, const Manifest &manifest, const ProgramSpec *program);

} // namespace dlm::runtime

#endif // DLM_RUNTIME_COMMANDS_H
