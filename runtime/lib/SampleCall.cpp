//===- SampleCall.cpp - The sample entry with an argument array of its own ---===//

#include "dlm/Runtime/SampleCall.h"

#include "dlm/Runtime/Error.h"

using namespace dlm::runtime;

/// The index of the field named `name`, if there is one.
static std::optional<size_t> fieldIndex(const std::vector<FieldSpec> &fields, const std::string &name) {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name)
      return i;
  return std::nullopt;
}

SampleCall::SampleCall(const DatasetSpec &dataset, const EntrySpec &sample)
    : function(findEntryPoint(sample.symbol)), buffers(sample.arguments.size() + sample.results.size(), nullptr),
      rawPositions(dataset.rawFields.size()), fieldPositions(dataset.fields.size()) {
  // The types were checked when the model bound its entries.
  for (size_t i = 0; i < sample.arguments.size(); ++i) {
    const BufferSpec &argument = sample.arguments[i];
    std::optional<size_t> raw = fieldIndex(dataset.rawFields, argument.name);
    if (argument.role == Role::Raw && raw) {
      rawPositions[*raw] = i;
    } else if (argument.role == Role::RandomKey) {
      keyPosition = i;
      keyType = argument.type.dataType;
    } else {
      fail("manifest: entry '{}': argument {} of role {}, where sample takes raw fields and a key", sample.entry, i,
           roleName(argument.role));
    }
  }
  for (size_t i = 0; i < sample.results.size(); ++i) {
    const BufferSpec &result = sample.results[i];
    std::optional<size_t> field = fieldIndex(dataset.fields, result.name);
    if (result.role != Role::Field || !field)
      fail("manifest: entry '{}': result {} of role {}, where sample returns data fields", sample.entry, i,
           roleName(result.role));
    fieldPositions[*field] = sample.arguments.size() + i;
  }
}

void SampleCall::setRaw(size_t field, const void *bytes) {
  // The entry never writes its arguments (dlm-read-only-arguments).
  if (rawPositions[field])
    buffers[*rawPositions[field]] = const_cast<void *>(bytes);
}

void SampleCall::setField(size_t field, void *slot) {
  if (fieldPositions[field])
    buffers[*fieldPositions[field]] = slot;
}

void SampleCall::setKey(uint64_t value) { writeKey(key, keyType, value); }

void SampleCall::call() {
  if (keyPosition)
    buffers[*keyPosition] = key;
  function(buffers.data());
}
