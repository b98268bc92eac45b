//===- Manifest.cpp - The description of a model the runtime reads --------===//
//
// The runtime knows a model only through the manifest (docs/runtime-abi.md):
// the data set and its files, the tensors it keeps between calls, the
// optimizers with their schedules, and for every entry point the role,
// name, type and shape of each buffer. The roles come from the argument
// attributes MLIRGen and the passes put on each function.
//
//===----------------------------------------------------------------------===//

#include "dlm/Pipeline/Pipeline.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"

namespace dlm {
namespace {

using llvm::json::Array;
using llvm::json::Object;

std::string dtypeOf(mlir::Type type) {
  if (type.isF32()) return "f32";
  if (type.isF64()) return "f64";
  if (type.isInteger(64)) return "i64";
  if (type.isInteger(32)) return "i32";
  if (type.isInteger(8)) return "i8";
  if (type.isInteger(1)) return "i1";
  if (type.isF16()) return "f16";
  if (type.isBF16()) return "bf16";
  return "unknown";
}

Array shapeOf(llvm::ArrayRef<int64_t> shape) {
  Array result;
  for (int64_t extent : shape)
    result.push_back(extent);
  return result;
}

Object bufferOf(mlir::Type type, const std::string &role) {
  auto tensor = llvm::cast<mlir::RankedTensorType>(type);
  return Object{{"role", role}, {"dtype", dtypeOf(tensor.getElementType())}, {"shape", shapeOf(tensor.getShape())}};
}

Object fieldOf(const sema::DataField &field) {
  std::string dtype = elementTypeName(field.sampleType.element);
  return Object{{"name", field.name}, {"dtype", dtype}, {"shape", shapeOf(field.sampleType.shape)}};
}

/// A spec's arguments: numbers, strings and nested specs (schedules).
Object specArguments(const sema::Spec &spec) {
  Object arguments;
  for (const auto &[key, value] : spec.numbers)
    arguments[key] = value;
  for (const auto &[key, value] : spec.strings)
    arguments[key] = value;
  for (const auto &[key, nested] : spec.nested) {
    Object schedule = specArguments(*nested);
    schedule["schedule"] = nested->name;
    // warmup(steps, schedule): its inner schedule must not clash with the "schedule" name key.
    arguments[key == "schedule" ? "schedule_arguments" : key] = std::move(schedule);
  }
  return arguments;
}

Object datasetOf(const sema::Dataset &dataset) {
  Object splits;
  for (const auto &[name, spec] : dataset.splits) {
    Object split = specArguments(spec);
    split["format"] = spec.name;
    splits[name] = std::move(split);
  }
  Array raw, fields;
  for (const sema::DataField &field : dataset.rawFields)
    raw.push_back(fieldOf(field));
  for (const sema::DataField &field : dataset.fields)
    fields.push_back(fieldOf(field));
  return Object{{"name", dataset.name}, {"splits", std::move(splits)}, {"raw_fields", std::move(raw)},
                {"fields", std::move(fields)}};
}

/// The argument roles MLIRGen and the passes attach, in priority order.
/// `firstOptimizer` is the program-wide index of the step's first optimizer.
Object argumentOf(mlir::func::FuncOp function, unsigned index, const sema::Program &program, int64_t firstOptimizer) {
  mlir::Type type = function.getArgumentTypes()[index];
  static const char *const named[] = {"param", "state", "input", "optimizer_state", "raw"};
  for (const char *role : named)
    if (auto name = function.getArgAttrOfType<mlir::StringAttr>(index, std::string("dlm.") + role)) {
      Object buffer = bufferOf(type, role);
      buffer["name"] = name.getValue();
      // Raw bytes are u8 in the file and in the sample entry; MLIR's i8 is signless.
      for (const sema::DataField &field : program.dataset.rawFields)
        if (std::string(role) == "raw" && field.name == name.getValue())
          buffer["dtype"] = elementTypeName(field.sampleType.element);
      return buffer;
    }
  if (auto group = function.getArgAttrOfType<mlir::IntegerAttr>(index, "dlm.learning_rate")) {
    Object buffer = bufferOf(type, "learning_rate");
    buffer["optimizer"] = firstOptimizer + group.getInt();
    return buffer;
  }
  if (function.getArgAttr(index, "dlm.step_count"))
    return bufferOf(type, "step_count");
  if (function.getArgAttr(index, "dlm.random_key"))
    return bufferOf(type, "random_key");
  return bufferOf(type, "unknown");
}

std::vector<std::string> stringsOf(mlir::Operation *op, llvm::StringRef attribute) {
  std::vector<std::string> result;
  if (auto array = op->getAttrOfType<mlir::ArrayAttr>(attribute))
    for (mlir::Attribute element : array)
      result.push_back(llvm::cast<mlir::StringAttr>(element).getValue().str());
  return result;
}

/// The results of each kind of entry, named in the order the function returns them.
Array resultsOf(mlir::func::FuncOp function, const sema::Program &program, llvm::StringRef entry) {
  llvm::ArrayRef<mlir::Type> types = function.getResultTypes();
  std::vector<std::pair<std::string, std::string>> named; // (role, name)
  if (entry == "init") {
    for (const auto &parameter : program.parameters)
      named.push_back({parameter->trainable ? "param" : "state", parameter->path});
  } else if (entry == "sample") {
    for (const std::string &name : stringsOf(function, "dlm.fields"))
      named.push_back({"field", name});
  } else if (entry == "eval") {
    for (const std::string &name : stringsOf(function, "dlm.metrics"))
      named.push_back({"metric", name});
  } else if (entry == "predict") {
    for (const std::string &name : stringsOf(function, "dlm.predictions"))
      named.push_back({"prediction", name});
  } else {
    // A step: its loss, then state updates, new parameters, new optimizer state.
    named.push_back({"loss", ""});
    for (const std::string &name : stringsOf(function, "dlm.state_updates"))
      named.push_back({"state", name});
    for (const std::string &name : stringsOf(function, "dlm.updated_params"))
      named.push_back({"param", name});
    for (const std::string &name : stringsOf(function, "dlm.updated_optimizer_state"))
      named.push_back({"optimizer_state", name});
  }
  // An instrumented step (dlm-instrument-numerics) returns the index of its first non-finite op last.
  if (function->hasAttr("dlm.numerics_locations")) {
    named.resize(types.size() - 1, {"unknown", ""});
    named.push_back({"numerics_index", ""});
  }
  Array results;
  mlir::Operation *terminator = function.front().getTerminator();
  for (auto [index, type] : llvm::enumerate(types)) {
    auto [role, name] = index < named.size() ? named[index] : std::make_pair(std::string("unknown"), std::string());
    Object buffer = bufferOf(type, role);
    if (!name.empty())
      buffer["name"] = name;
    // Where the value comes from in the .dlm source, for --check-numerics.
    if (auto loc = llvm::dyn_cast<mlir::FileLineColLoc>(terminator->getOperand(index).getLoc()))
      buffer["loc"] = (loc.getFilename().getValue() + ":" + llvm::Twine(loc.getLine()) + ":" +
                       llvm::Twine(loc.getColumn())).str();
    results.push_back(std::move(buffer));
  }
  return results;
}

Array stringArrayOf(mlir::Operation *op, llvm::StringRef attribute) {
  Array result;
  for (const std::string &text : stringsOf(op, attribute))
    result.push_back(text);
  return result;
}

/// Every tensor the runtime keeps: params and states, then optimizer state.
Array tensorsOf(const sema::Program &program, mlir::ModuleOp module) {
  Array tensors;
  for (const auto &parameter : program.parameters) {
    Object tensor{{"name", parameter->path},
                  {"role", parameter->trainable ? "param" : "state"},
                  {"dtype", elementTypeName(parameter->type.element)},
                  {"shape", shapeOf(parameter->type.shape)}};
    if (!parameter->checkpoint.empty())
      tensor["checkpoint"] = parameter->checkpoint;
    tensors.push_back(std::move(tensor));
  }
  llvm::StringSet<> seen;
  module.walk([&](mlir::func::FuncOp function) {
    if (!function.getSymName().starts_with(program.name + "."))
      return;
    for (unsigned i = 0; i < function.getNumArguments(); ++i)
      if (auto name = function.getArgAttrOfType<mlir::StringAttr>(i, "dlm.optimizer_state"))
        if (seen.insert(name.getValue()).second) {
          Object tensor = bufferOf(function.getArgumentTypes()[i], "optimizer_state");
          tensor["name"] = name.getValue();
          tensors.push_back(std::move(tensor));
        }
  });
  return tensors;
}

Array optimizersOf(const sema::Program &program) {
  Array optimizers;
  for (const sema::Step &step : program.steps)
    for (const sema::Update &update : step.updates) {
      Object optimizer = specArguments(update.optimizer);
      optimizer["name"] = update.optimizer.name;
      optimizer["step"] = step.name;
      Array params;
      for (const sema::ParameterInfo *parameter : update.parameters)
        params.push_back(parameter->path);
      optimizer["params"] = std::move(params);
      // A constant learning rate reads like a schedule, so the runtime has one case.
      if (auto it = update.optimizer.numbers.find("lr"); it != update.optimizer.numbers.end())
        optimizer["lr"] = Object{{"schedule", "constant"}, {"lr", it->second}};
      optimizers.push_back(std::move(optimizer));
    }
  return optimizers;
}

std::string symbolFor(const std::string &program, const std::string &entry) {
  std::string symbol = "dlm_" + program + "_" + entry;
  for (char &c : symbol)
    if (!isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return symbol;
}

} // namespace

mlir::LogicalResult attachManifest(mlir::ModuleOp module, const sema::ElaboratedModule &programs,
                                   llvm::StringRef sourceName) {
  mlir::Builder builder(module.getContext());
  Array programList;
  for (const auto &program : programs.programs) {
    Array entries;
    unsigned stepIndex = 0;
    int64_t firstOptimizer = 0;
    for (auto function : module.getOps<mlir::func::FuncOp>()) {
      llvm::StringRef name = function.getSymName();
      if (!name.consume_front(program->name + "."))
        continue;
      // Instrumented clones are listed after their step, below.
      if (function->hasAttr("dlm.numerics_locations"))
        continue;
      std::string entry = name.str(), stepName;
      int64_t stepOptimizers = 0;
      if (entry != "init" && entry != "sample" && entry != "eval" && entry != "predict") {
        stepName = entry;
        entry = "step_" + std::to_string(stepIndex++);
        if (auto optimizers = function->getAttrOfType<mlir::ArrayAttr>("dlm.optimizers"))
          stepOptimizers = optimizers.size();
      }
      // A step's `.numerics` clone (dlmc --check-numerics) takes the step's arguments.
      auto describe = [&](mlir::func::FuncOp described, const std::string &describedEntry) {
        std::string describedSymbol = symbolFor(program->name, describedEntry);
        described->setAttr("dlm.entry_symbol", builder.getStringAttr(describedSymbol));
        Array arguments;
        for (unsigned i = 0; i < described.getNumArguments(); ++i)
          arguments.push_back(argumentOf(described, i, *program, firstOptimizer));
        Object description{{"entry", describedEntry},
                           {"symbol", describedSymbol},
                           {"arguments", std::move(arguments)},
                           {"results", resultsOf(described, *program, describedEntry)}};
        if (!stepName.empty())
          description["step"] = stepName;
        if (described->hasAttr("dlm.numerics_locations")) {
          description["numerics_locations"] = stringArrayOf(described, "dlm.numerics_locations");
          description["numerics_ops"] = stringArrayOf(described, "dlm.numerics_ops");
        }
        entries.push_back(std::move(description));
      };
      describe(function, entry);
      if (auto instrumented = module.lookupSymbol<mlir::func::FuncOp>((function.getSymName() + ".numerics").str()))
        describe(instrumented, entry + ".numerics");
      firstOptimizer += stepOptimizers;
    }
    Array metrics;
    for (const sema::Metric &metric : program->metrics)
      metrics.push_back(metric.name);
    programList.push_back(Object{{"name", program->name},
                                 {"kind", program->isTraining ? "train" : "eval"},
                                 {"batch", program->batch},
                                 {"epochs", program->epochs},
                                 {"seed", program->seed},
                                 {"shuffle", program->shuffle},
                                 {"dataset", datasetOf(program->dataset)},
                                 {"tensors", tensorsOf(*program, module)},
                                 {"optimizers", optimizersOf(*program)},
                                 {"metrics", std::move(metrics)},
                                 {"entries", std::move(entries)}});
  }
  Object manifest{{"version", 1}, {"source", sourceName}, {"programs", std::move(programList)}};
  std::string text;
  llvm::raw_string_ostream stream(text);
  stream << llvm::json::Value(std::move(manifest));
  module->setAttr("dlm.manifest", builder.getStringAttr(text));
  return mlir::success();
}

} // namespace dlm
