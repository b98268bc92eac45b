//===- Model.cpp - The model's buffers and its bound entry points ----------===//

#include "dlm/Runtime/Model.h"

#include "dlm/Runtime/Error.h"
#include "dlm/Runtime/Random.h"

#include <algorithm>

using namespace dlm::runtime;

namespace {

/// `argument 'fc.weight'`, `result 2 (loss)`: how messages name a buffer of an entry.
std::string describeBuffer(const BufferSpec &buffer, const char *kind) {
  if (!buffer.name.empty())
    return fmt::format("{} '{}'", kind, buffer.name);
  return fmt::format("{} ({})", kind, roleName(buffer.role));
}

void requireType(const EntrySpec &entry, const BufferSpec &buffer, const char *kind, const TensorType &expected,
                 const char *owner) {
  if (buffer.type != expected)
    fail("manifest: entry '{}': {} is {}, the {} is {}", entry.entry, describeBuffer(buffer, kind), buffer.type.str(),
         owner, expected.str());
}

bool isScalarArgument(Role role) {
  return role == Role::RandomKey || role == Role::LearningRate || role == Role::StepCount;
}

bool isOutput(Role role) {
  return role == Role::Loss || role == Role::Metric || role == Role::Prediction || role == Role::NumericsIndex;
}

/// A learning rate's `optimizer` indexes the program's optimizer list; one that belongs to another
/// step would silently train with the wrong schedule.
void checkOptimizerIndex(const ProgramSpec &program, const EntrySpec &entry, int index) {
  if (static_cast<size_t>(index) >= program.optimizers.size())
    fail("manifest: entry '{}': learning rate of optimizer {}, the program has {}", entry.entry, index,
         program.optimizers.size());
  const std::string &owner = program.optimizers[static_cast<size_t>(index)].step;
  if (!owner.empty() && !entry.step.empty() && owner != entry.step)
    fail("manifest: entry '{}' (step {}) takes the learning rate of optimizer {}, which updates step {}", entry.entry,
         entry.step, index, owner);
}

} // namespace

BoundEntry::BoundEntry(const EntrySpec &spec) : entrySpec(&spec) {}

void BoundEntry::setKey(uint64_t key) {
  for (EntryBuffer &scalar : scalars)
    if (scalar.spec->role == Role::RandomKey)
      writeKey(scalar.data, scalar.spec->type.dataType, key);
}

void BoundEntry::setStepCount(int64_t count) {
  for (EntryBuffer &scalar : scalars)
    if (scalar.spec->role == Role::StepCount)
      writeScalar(scalar.data, scalar.spec->type.dataType, static_cast<double>(count));
}

void BoundEntry::setLearningRates(const std::vector<double> &rates) {
  for (EntryBuffer &scalar : scalars)
    if (scalar.spec->role == Role::LearningRate)
      writeScalar(scalar.data, scalar.spec->type.dataType, rates[static_cast<size_t>(scalar.spec->optimizer)]);
}

void BoundEntry::call() {
  for (size_t i = 0; i < buffers.size(); ++i)
    buffers[i] = *sources[i];
  function(buffers.data());
  for (TensorBuffer *tensor : swapped)
    std::swap(tensor->current, tensor->next);
}

void BoundEntry::undoUpdates() {
  // `call` swapped each pointer pair: the old value is still in `next`.
  for (TensorBuffer *tensor : swapped)
    std::swap(tensor->current, tensor->next);
}

const EntryBuffer *BoundEntry::findOutput(Role role) const {
  for (const EntryBuffer &output : results)
    if (output.spec->role == role)
      return &output;
  return nullptr;
}

Model::Model(const ProgramSpec &program) : programSpec(&program) {
  tensorBuffers.resize(program.tensors.size());
  for (size_t i = 0; i < program.tensors.size(); ++i) {
    tensorBuffers[i].spec = &program.tensors[i];
    planner.request(&tensorBuffers[i].current, program.tensors[i].type.byteSize(), "tensors");
  }
  const std::vector<FieldSpec> &fields = program.dataset.fields;
  const std::vector<FieldSpec> &rawFields = program.dataset.rawFields;
  batchBuffers.resize(fields.size());
  sampleFieldBuffers.resize(fields.size());
  rawSampleBuffers.resize(rawFields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    planner.request(&batchBuffers[i], static_cast<size_t>(program.batch) * fields[i].type.byteSize(), "batch");
    planner.request(&sampleFieldBuffers[i], fields[i].type.byteSize(), "sample staging");
  }
  for (size_t i = 0; i < rawFields.size(); ++i)
    planner.request(&rawSampleBuffers[i], rawFields[i].type.byteSize(), "sample staging");

  for (const EntrySpec &spec : program.entries) {
    entries.push_back(std::make_unique<BoundEntry>(spec));
    bind(*entries.back());
  }
  for (const EntrySpec *step : program.steps())
    stepEntries.push_back(findEntry(step->entry));
}

void Model::allocate() { memory = planner.allocate(); }

BoundEntry *Model::findEntry(std::string_view entry) {
  for (const std::unique_ptr<BoundEntry> &bound : entries)
    if (bound->spec().entry == entry)
      return bound.get();
  return nullptr;
}

void Model::bind(BoundEntry &bound) {
  const EntrySpec &spec = bound.spec();
  bound.function = findEntryPoint(spec.symbol);
  bound.buffers.assign(spec.arguments.size() + spec.results.size(), nullptr);
  // The planner keeps the addresses of these elements: no reallocation once requests are made.
  bound.scalars.reserve(std::count_if(spec.arguments.begin(), spec.arguments.end(),
                                      [](const BufferSpec &buffer) { return isScalarArgument(buffer.role); }));
  bound.results.reserve(std::count_if(spec.results.begin(), spec.results.end(),
                                      [](const BufferSpec &buffer) { return isOutput(buffer.role); }));
  for (const BufferSpec &argument : spec.arguments)
    bindArgument(bound, argument);
  for (const BufferSpec &result : spec.results)
    bindResult(bound, result);
}

void *const *Model::fieldSource(const std::vector<FieldSpec> &fields, std::vector<void *> &buffers,
                                const BufferSpec &buffer, const Shape &prefix, const EntrySpec &entry) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name != buffer.name)
      continue;
    TensorType expected = fields[i].type;
    expected.shape.insert(expected.shape.begin(), prefix.begin(), prefix.end());
    requireType(entry, buffer, roleName(buffer.role), expected, "data field");
    return &buffers[i];
  }
  fail("manifest: entry '{}': no data field '{}'", entry.entry, buffer.name);
}

/// The kept tensor `buffer` refers to, after checking its role and type.
static TensorBuffer &tensorFor(std::vector<TensorBuffer> &tensors, const EntrySpec &entry, const BufferSpec &buffer,
                               const char *kind) {
  for (TensorBuffer &tensor : tensors) {
    if (tensor.spec->name != buffer.name)
      continue;
    if (tensor.spec->role != buffer.role)
      fail("manifest: entry '{}': {} has role {}, the tensor has role {}", entry.entry, describeBuffer(buffer, kind),
           roleName(buffer.role), roleName(tensor.spec->role));
    requireType(entry, buffer, kind, tensor.spec->type, "tensor");
    return tensor;
  }
  fail("manifest: entry '{}': {} is not among the program's tensors", entry.entry, describeBuffer(buffer, kind));
}

void Model::bindArgument(BoundEntry &bound, const BufferSpec &argument) {
  const EntrySpec &spec = bound.spec();
  if (isPersistent(argument.role)) {
    bound.sources.push_back(&tensorFor(tensorBuffers, spec, argument, "argument").current);
  } else if (argument.role == Role::Input) {
    bound.sources.push_back(
        fieldSource(programSpec->dataset.fields, batchBuffers, argument, {programSpec->batch}, spec));
  } else if (argument.role == Role::Raw) {
    bound.sources.push_back(fieldSource(programSpec->dataset.rawFields, rawSampleBuffers, argument, {}, spec));
  } else if (isScalarArgument(argument.role)) {
    if (argument.type.elementCount() != 1)
      fail("manifest: entry '{}': {} must be a scalar", spec.entry, describeBuffer(argument, "argument"));
    if (argument.role == Role::LearningRate)
      checkOptimizerIndex(*programSpec, spec, argument.optimizer);
    bound.scalars.push_back({&argument, nullptr});
    planner.request(&bound.scalars.back().data, argument.type.byteSize(), "scalars");
    bound.sources.push_back(&bound.scalars.back().data);
  } else {
    fail("manifest: entry '{}': role {} cannot be an argument", spec.entry, roleName(argument.role));
  }
}

void Model::bindResult(BoundEntry &bound, const BufferSpec &result) {
  const EntrySpec &spec = bound.spec();
  if (isPersistent(result.role)) {
    TensorBuffer &tensor = tensorFor(tensorBuffers, spec, result, "result");
    bound.written.push_back(&tensor);
    bool alsoRead = std::any_of(spec.arguments.begin(), spec.arguments.end(), [&](const BufferSpec &argument) {
      return isPersistent(argument.role) && argument.name == result.name;
    });
    if (!alsoRead) {
      // Nothing in this call reads the old value, so the result may overwrite it in place.
      bound.sources.push_back(&tensor.current);
      return;
    }
    // One second buffer per tensor, however many entries update it.
    bool planned = std::any_of(entries.begin(), entries.end(), [&](const std::unique_ptr<BoundEntry> &other) {
      return std::count(other->swapped.begin(), other->swapped.end(), &tensor) != 0;
    });
    if (!planned)
      planner.request(&tensor.next, tensor.spec->type.byteSize(), "double buffers");
    bound.swapped.push_back(&tensor);
    bound.sources.push_back(&tensor.next);
  } else if (result.role == Role::Field) {
    bound.sources.push_back(fieldSource(programSpec->dataset.fields, sampleFieldBuffers, result, {}, spec));
  } else if (isOutput(result.role)) {
    bound.results.push_back({&result, nullptr});
    planner.request(&bound.results.back().data, result.type.byteSize(), "results");
    bound.sources.push_back(&bound.results.back().data);
  } else {
    fail("manifest: entry '{}': role {} cannot be a result", spec.entry, roleName(result.role));
  }
}

std::vector<SampleCall> &Model::sampleCalls(size_t count) {
  while (sampleCallers.size() < count)
    sampleCallers.emplace_back(programSpec->dataset, findEntry("sample")->spec());
  return sampleCallers;
}

void Model::initialize(uint64_t seed) {
  BoundEntry *init = findEntry("init");
  if (!init)
    fail("manifest: program '{}' has no init entry", programSpec->name);
  init->setKey(initKey(seed));
  init->call();
}

int64_t Model::elementCount(Role role) const {
  int64_t count = 0;
  for (const TensorBuffer &tensor : tensorBuffers)
    if (tensor.spec->role == role)
      count += tensor.spec->type.elementCount();
  return count;
}
