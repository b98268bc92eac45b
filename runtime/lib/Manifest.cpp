//===- Manifest.cpp - Parsing and checking the manifest --------------------===//
//
// The manifest is written by the compiler, so a malformed one is a compiler
// bug; it is still checked field by field so that the message says which
// field, rather than the runtime crashing on a missing key later.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Manifest.h"

#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/NameTable.h"

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace dlm::runtime;
using nlohmann::json;

namespace {

constexpr Named<Role> kRoleNames[] = {
    {Role::Param, "param"},
    {Role::State, "state"},
    {Role::OptimizerState, "optimizer_state"},
    {Role::Input, "input"},
    {Role::Raw, "raw"},
    {Role::Field, "field"},
    {Role::RandomKey, "random_key"},
    {Role::LearningRate, "learning_rate"},
    {Role::StepCount, "step_count"},
    {Role::Loss, "loss"},
    {Role::Metric, "metric"},
    {Role::Prediction, "prediction"},
    {Role::NumericsIndex, "numerics_index"},
};

/// A JSON object together with where it is, for messages: `program 'classify': tensors[3]`.
class ObjectReader {
public:
  ObjectReader(const json &object, std::string where) : object(object), where(std::move(where)) {
    if (!object.is_object())
      fail("manifest: {}: expected an object", this->where);
  }

  const std::string &location() const { return where; }
  bool has(const char *key) const { return object.contains(key); }

  const json &required(const char *key) const {
    auto found = object.find(key);
    if (found == object.end())
      fail("manifest: {}: missing '{}'", where, key);
    return *found;
  }

  std::string string(const char *key) const {
    const json &value = required(key);
    if (!value.is_string())
      fail("manifest: {}: '{}' must be a string", where, key);
    return value.get<std::string>();
  }

  std::string optionalString(const char *key) const { return has(key) ? string(key) : std::string(); }

  bool boolean(const char *key, bool fallback) const {
    if (!has(key))
      return fallback;
    const json &value = required(key);
    if (!value.is_boolean())
      fail("manifest: {}: '{}' must be true or false", where, key);
    return value.get<bool>();
  }

  uint64_t unsignedInteger(const char *key, uint64_t fallback) const {
    if (!has(key))
      return fallback;
    const json &value = required(key);
    if (!value.is_number_unsigned())
      fail("manifest: {}: '{}' must be a non-negative integer", where, key);
    return value.get<uint64_t>();
  }

  int64_t integer(const char *key, int64_t minimum) const {
    const json &value = required(key);
    if (!value.is_number_integer() || value.get<int64_t>() < minimum)
      fail("manifest: {}: '{}' must be an integer of at least {}", where, key, minimum);
    return value.get<int64_t>();
  }

  const json &array(const char *key) const {
    const json &value = required(key);
    if (!value.is_array())
      fail("manifest: {}: '{}' must be an array", where, key);
    return value;
  }

  std::vector<std::string> strings(const char *key) const {
    std::vector<std::string> values;
    for (const json &value : array(key)) {
      if (!value.is_string())
        fail("manifest: {}: '{}' must hold strings", where, key);
      values.push_back(value.get<std::string>());
    }
    return values;
  }

  TensorType tensorType() const {
    TensorType type;
    std::string spelling = string("dtype");
    std::optional<DataType> dataType = parseDataType(spelling);
    if (!dataType)
      fail("manifest: {}: unknown dtype '{}'", where, spelling);
    type.dataType = *dataType;
    for (const json &extent : array("shape")) {
      if (!extent.is_number_integer() || extent.get<int64_t>() < 0)
        fail("manifest: {}: 'shape' must hold non-negative integers", where);
      type.shape.push_back(extent.get<int64_t>());
    }
    return type;
  }

  Role role() const {
    std::string spelling = string("role");
    if (std::optional<Role> role = valueNamed(kRoleNames, spelling))
      return *role;
    fail("manifest: {}: unknown role '{}'", where, spelling);
  }

private:
  const json &object;
  std::string where;
};

std::vector<FieldSpec> parseFields(const ObjectReader &dataset, const char *key) {
  std::vector<FieldSpec> fields;
  const json &array = dataset.array(key);
  for (size_t i = 0; i < array.size(); ++i) {
    ObjectReader field(array[i], fmt::format("{}: {}[{}]", dataset.location(), key, i));
    fields.push_back({field.string("name"), field.tensorType()});
  }
  return fields;
}

DatasetSpec parseDataset(const ObjectReader &program) {
  ObjectReader reader(program.required("dataset"), program.location() + ": dataset");
  DatasetSpec dataset;
  dataset.name = reader.string("name");
  dataset.rawFields = parseFields(reader, "raw_fields");
  dataset.fields = parseFields(reader, "fields");
  const json &splits = reader.required("splits");
  if (!splits.is_object())
    fail("manifest: {}: 'splits' must be an object", reader.location());
  for (const auto &[name, value] : splits.items()) {
    ObjectReader split(value, fmt::format("{}: split '{}'", reader.location(), name));
    SplitSpec spec{split.string("format"), {}};
    if (spec.format != "idx")
      fail("manifest: {}: format '{}' is not supported (only idx)", split.location(), spec.format);
    // Either the files in raw-field order, or the source's own arguments: idx(images, labels).
    spec.files = split.has("files") ? split.strings("files")
                                    : std::vector<std::string>{split.string("images"), split.string("labels")};
    if (spec.files.size() != dataset.rawFields.size())
      fail("manifest: {}: {} files for {} raw fields", split.location(), spec.files.size(), dataset.rawFields.size());
    dataset.splits[name] = spec;
  }
  return dataset;
}

std::vector<TensorSpec> parseTensors(const ObjectReader &program) {
  std::vector<TensorSpec> tensors;
  const json &array = program.array("tensors");
  for (size_t i = 0; i < array.size(); ++i) {
    ObjectReader reader(array[i], fmt::format("{}: tensors[{}]", program.location(), i));
    TensorSpec tensor{reader.string("name"), reader.role(), reader.tensorType(), reader.optionalString("checkpoint"),
                      reader.optionalString("checkpoint_name")};
    if (!isPersistent(tensor.role))
      fail("manifest: {}: role '{}' is not kept between calls", reader.location(), roleName(tensor.role));
    for (const TensorSpec &earlier : tensors)
      if (earlier.name == tensor.name)
        fail("manifest: {}: tensor '{}' is listed twice", reader.location(), tensor.name);
    tensors.push_back(std::move(tensor));
  }
  return tensors;
}

/// The optimizer's settings other than its name, parameters and rate, for display.
std::string optimizerSettings(const json &object) {
  std::string settings;
  for (const auto &[key, value] : object.items()) {
    if (key == "name" || key == "params" || key == "lr" || key == "step")
      continue;
    settings += fmt::format("{}{} = {}", settings.empty() ? "" : ", ", key, value.dump());
  }
  return settings;
}

std::vector<OptimizerSpec> parseOptimizers(const ObjectReader &program) {
  std::vector<OptimizerSpec> optimizers;
  const json &array = program.has("optimizers") ? program.array("optimizers") : json::array();
  for (size_t i = 0; i < array.size(); ++i) {
    ObjectReader reader(array[i], fmt::format("{}: optimizers[{}]", program.location(), i));
    OptimizerSpec optimizer{reader.string("name"),
                            optimizerSettings(array[i]),
                            reader.optionalString("step"),
                            reader.strings("params"),
                            {}};
    // adam and adamw default to 1e-3 (docs/language.md §6.8); the others require a rate.
    bool hasDefaultRate = optimizer.name == "adam" || optimizer.name == "adamw";
    optimizer.learningRate =
        reader.has("lr") || !hasDefaultRate ? parseSchedule(reader.required("lr")) : parseSchedule(json(1e-3));
    optimizers.push_back(std::move(optimizer));
  }
  return optimizers;
}

std::vector<BufferSpec> parseBuffers(const ObjectReader &entry, const char *key) {
  std::vector<BufferSpec> buffers;
  const json &array = entry.array(key);
  for (size_t i = 0; i < array.size(); ++i) {
    ObjectReader reader(array[i], fmt::format("{}: {}[{}]", entry.location(), key, i));
    BufferSpec buffer{reader.role(), reader.optionalString("name"), reader.tensorType(), -1,
                      reader.optionalString("loc")};
    if (buffer.role == Role::LearningRate)
      buffer.optimizer = static_cast<int>(reader.integer("optimizer", 0));
    buffers.push_back(std::move(buffer));
  }
  return buffers;
}

std::vector<EntrySpec> parseEntries(const ObjectReader &program) {
  std::vector<EntrySpec> entries;
  const json &array = program.array("entries");
  for (size_t i = 0; i < array.size(); ++i) {
    ObjectReader reader(array[i], fmt::format("{}: entries[{}]", program.location(), i));
    EntrySpec entry{reader.string("entry"), reader.optionalString("step"), reader.string("symbol"), {}, {}, {}, {}};
    ObjectReader named(array[i], fmt::format("{}: entry '{}'", program.location(), entry.entry));
    entry.arguments = parseBuffers(named, "arguments");
    entry.results = parseBuffers(named, "results");
    if (named.has("numerics_locations")) {
      entry.numericsLocations = named.strings("numerics_locations");
      entry.numericsOps = named.has("numerics_ops") ? named.strings("numerics_ops") : std::vector<std::string>();
      entry.numericsOps.resize(entry.numericsLocations.size());
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

ProgramSpec parseProgram(const json &value, size_t index) {
  ObjectReader reader(value, fmt::format("programs[{}]", index));
  ProgramSpec program;
  program.name = reader.string("name");
  ObjectReader named(value, fmt::format("program '{}'", program.name));
  program.kind = named.string("kind");
  program.batch = named.integer("batch", 1);
  program.epochs = named.integer("epochs", 0);
  program.seed = named.unsignedInteger("seed", 0);
  program.shuffle = named.boolean("shuffle", true);
  program.dataset = parseDataset(named);
  program.tensors = parseTensors(named);
  program.optimizers = parseOptimizers(named);
  program.metrics = named.has("metrics") ? named.strings("metrics") : std::vector<std::string>();
  program.entries = parseEntries(named);
  for (const OptimizerSpec &optimizer : program.optimizers)
    for (const std::string &param : optimizer.params)
      if (std::none_of(program.tensors.begin(), program.tensors.end(),
                       [&](const TensorSpec &tensor) { return tensor.name == param; }))
        fail("manifest: {}: optimizer {} updates '{}', which is not a tensor", named.location(), optimizer.name, param);
  return program;
}

} // namespace

const char *dlm::runtime::roleName(Role role) { return nameOf(kRoleNames, role); }

bool dlm::runtime::isPersistent(Role role) {
  return role == Role::Param || role == Role::State || role == Role::OptimizerState;
}

size_t EntrySpec::bufferBytes() const {
  size_t bytes = 0;
  for (const BufferSpec &buffer : arguments)
    bytes += buffer.type.byteSize();
  for (const BufferSpec &buffer : results)
    bytes += buffer.type.byteSize();
  return bytes;
}

const EntrySpec *ProgramSpec::findEntry(std::string_view entry) const {
  for (const EntrySpec &spec : entries)
    if (spec.entry == entry)
      return &spec;
  return nullptr;
}

std::vector<const EntrySpec *> ProgramSpec::steps() const {
  std::vector<const EntrySpec *> found;
  for (size_t index = 0;; ++index) {
    const EntrySpec *step = findEntry("step_" + std::to_string(index));
    if (!step)
      return found;
    found.push_back(step);
  }
}

int ProgramSpec::fieldIndex(std::string_view name) const {
  for (size_t i = 0; i < dataset.fields.size(); ++i)
    if (dataset.fields[i].name == name)
      return static_cast<int>(i);
  return -1;
}

const ProgramSpec *Manifest::findProgram(std::string_view name) const {
  for (const ProgramSpec &program : programs)
    if (program.name == name)
      return &program;
  return nullptr;
}

Manifest dlm::runtime::parseManifest(std::string_view text) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    fail("manifest: not valid JSON");
  ObjectReader reader(document, "top level");
  Manifest manifest;
  manifest.version = static_cast<int>(reader.integer("version", 0));
  if (manifest.version != 1)
    fail("manifest: version {} is not supported by this runtime (it reads version 1)", manifest.version);
  manifest.source = reader.optionalString("source");
  const json &programs = reader.array("programs");
  for (size_t i = 0; i < programs.size(); ++i)
    manifest.programs.push_back(parseProgram(programs[i], i));
  if (manifest.programs.empty())
    fail("manifest: no programs");
  return manifest;
}
