//===- Info.cpp - The info command: what the model is and what it needs ----===//

#include "dlm/Runtime/Commands.h"
#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Manifest.h"
#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/Options.h"
#include "dlm/Runtime/Text.h"

#include <algorithm>

using namespace dlm::runtime;

namespace {

std::string describeFields(const std::vector<FieldSpec> &fields) {
  std::string text;
  for (const FieldSpec &field : fields)
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", field.name, field.type.str());
  return text;
}

std::string join(const std::vector<std::string> &words) {
  std::string text;
  for (const std::string &word : words)
    text += (text.empty() ? "" : ", ") + word;
  return text;
}

void printDataset(const DatasetSpec &dataset) {
  fmt::print("  data set {}\n", dataset.name);
  fmt::print("    raw fields  {}\n", describeFields(dataset.rawFields));
  fmt::print("    fields      {}\n", describeFields(dataset.fields));
  for (const auto &[name, split] : dataset.splits)
    fmt::print("    {:<11} {} ({})\n", name, join(split.files), split.format);
}

void printTensors(const ProgramSpec &program) {
  size_t nameWidth = 4, typeWidth = 4;
  for (const TensorSpec &tensor : program.tensors) {
    nameWidth = std::max(nameWidth, tensor.name.size());
    typeWidth = std::max(typeWidth, tensor.type.str().size());
  }
  fmt::print("  tensors\n");
  for (const TensorSpec &tensor : program.tensors) {
    std::string from = tensor.checkpoint.empty() ? "" : "  from " + tensor.checkpoint;
    fmt::print("    {:<15} {:<{}}  {:<{}}  {:>10}{}\n", roleName(tensor.role), tensor.name, nameWidth,
               tensor.type.str(), typeWidth, tensor.type.elementCount(), from);
  }
}

void printTotals(const Model &model) {
  auto total = [&](Role role) {
    size_t bytes = 0;
    for (const TensorBuffer &tensor : model.tensors())
      if (tensor.spec->role == role)
        bytes += tensor.spec->type.byteSize();
    return fmt::format("{} ({})", model.elementCount(role), formatBytes(bytes));
  };
  fmt::print("  parameters {}, states {}, optimizer states {}\n", total(Role::Param), total(Role::State),
             total(Role::OptimizerState));
}

void printEntries(const ProgramSpec &program) {
  size_t entryWidth = 8, symbolWidth = 6;
  for (const EntrySpec &entry : program.entries) {
    entryWidth = std::max(entryWidth, entry.entry.size());
    symbolWidth = std::max(symbolWidth, entry.symbol.size());
  }
  fmt::print("  entries (buffers of one call)\n");
  for (const EntrySpec &entry : program.entries)
    fmt::print("    {:<{}} {:<{}}  {:>13}  {:>11}  {:>10}\n", entry.entry, entryWidth, entry.symbol, symbolWidth,
               countOf(static_cast<int64_t>(entry.arguments.size()), "argument"),
               countOf(static_cast<int64_t>(entry.results.size()), "result"), formatBytes(entry.bufferBytes()));
}

void printProgram(const Manifest &manifest, const ProgramSpec &program) {
  fmt::print("program {} ({}){}\n", program.name, program.kind,
             manifest.source.empty() ? "" : " from " + manifest.source);
  fmt::print("  batch {}, {}, seed {}, {}\n", program.batch, countOf(program.epochs, "epoch"), program.seed,
             program.shuffle ? "shuffled" : "in file order");
  printDataset(program.dataset);
  fmt::print("  optimizers\n");
  for (size_t i = 0; i < program.optimizers.size(); ++i) {
    const OptimizerSpec &optimizer = program.optimizers[i];
    fmt::print("    {}  {}({}), lr {}, {}\n", i, optimizer.name, optimizer.settings,
               describeSchedule(optimizer.learningRate),
               countOf(static_cast<int64_t>(optimizer.params.size()), "tensor"));
  }
  fmt::print("  metrics {}\n", program.metrics.empty() ? "none" : join(program.metrics));
  printTensors(program);

  Model model(program);
  printTotals(model);
  printEntries(program);
  std::string categories;
  for (const auto &[category, bytes] : model.plan().categories())
    categories += fmt::format("{}{} {}", categories.empty() ? "" : ", ", category, formatBytes(bytes));
  fmt::print("  memory plan: one allocation of {} ({}), plus the raw data set\n",
             formatBytes(model.plan().totalBytes()), categories);
}

} // namespace

int dlm::runtime::runInfo(const Options &, const Manifest &manifest, const ProgramSpec *program) {
  if (program) {
    printProgram(manifest, *program);
    return ExitSuccess;
  }
  for (size_t i = 0; i < manifest.programs.size(); ++i) {
    if (i)
      fmt::print("\n");
    printProgram(manifest, manifest.programs[i]);
  }
  return ExitSuccess;
}
