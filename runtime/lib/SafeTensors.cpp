//===- SafeTensors.cpp - The safetensors checkpoint format -----------------===//

#include "dlm/Runtime/SafeTensors.h"

#include "dlm/Runtime/AtomicFile.h"
#include "dlm/Runtime/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace dlm::runtime;
using nlohmann::json;

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors data is little-endian");

namespace {

/// The largest header accepted, as in the reference implementation: a larger length is garbage.
constexpr uint64_t kMaximumHeaderBytes = 100'000'000;

struct FileCloser {
  void operator()(FILE *file) const { std::fclose(file); }
};

std::vector<std::byte> readWholeFile(const std::string &path) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file)
    fail("{}: cannot open: {}", path, systemErrorText());
  std::vector<std::byte> contents;
  std::byte chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof(chunk), file.get())) > 0)
    contents.insert(contents.end(), chunk, chunk + got);
  if (std::ferror(file.get()))
    fail("{}: cannot read: {}", path, systemErrorText());
  return contents;
}

Shape parseShape(const json &value, const std::string &path, const std::string &name) {
  if (!value.is_array())
    fail("{}: tensor '{}' has no shape", path, name);
  Shape shape;
  for (const json &extent : value) {
    if (!extent.is_number_unsigned())
      fail("{}: tensor '{}' has a malformed shape {}", path, name, value.dump());
    shape.push_back(extent.get<int64_t>());
  }
  return shape;
}

Metadata parseMetadata(const json &value, const std::string &path) {
  if (!value.is_object())
    fail("{}: __metadata__ is not an object", path);
  Metadata metadata;
  for (const auto &[key, text] : value.items()) {
    if (!text.is_string())
      fail("{}: metadata '{}' is not a string", path, key);
    metadata[key] = text.get<std::string>();
  }
  return metadata;
}

} // namespace

void dlm::runtime::writeSafeTensors(const std::string &path, const std::vector<NamedTensor> &tensors,
                                    const Metadata &metadata) {
  // Keep the given order in the header: readers do not care, and a person reading it might.
  nlohmann::ordered_json header;
  if (!metadata.empty())
    header["__metadata__"] = metadata;
  std::vector<std::string_view> pieces(2);
  uint64_t offset = 0;
  for (const NamedTensor &tensor : tensors) {
    size_t bytes = tensor.type.byteSize();
    header[tensor.name] = {{"dtype", safeTensorsTypeName(tensor.type.dataType)},
                           {"shape", tensor.type.shape},
                           {"data_offsets", {offset, offset + bytes}}};
    pieces.emplace_back(static_cast<const char *>(tensor.data), bytes);
    offset += bytes;
  }
  std::string headerText = header.dump();
  // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
  headerText.append((8 - headerText.size() % 8) % 8, ' ');
  char length[8];
  uint64_t headerBytes = headerText.size();
  std::memcpy(length, &headerBytes, sizeof(length));
  pieces[0] = std::string_view(length, sizeof(length));
  pieces[1] = headerText;
  writeFileAtomically(path, pieces);
}

SafeTensorsFile SafeTensorsFile::read(const std::string &path) {
  SafeTensorsFile file;
  file.filePath = path;
  file.contents = readWholeFile(path);
  size_t size = file.contents.size();
  if (size < 8)
    fail("{}: not a safetensors file: {} bytes, too short to hold the header length", path, size);
  uint64_t headerBytes;
  std::memcpy(&headerBytes, file.contents.data(), sizeof(headerBytes));
  if (headerBytes > kMaximumHeaderBytes || headerBytes > size - 8)
    fail("{}: truncated or not a safetensors file: the header length is {} bytes, the file has {} after it", path,
         headerBytes, size - 8);
  const auto *headerStart = reinterpret_cast<const char *>(file.contents.data()) + 8;
  json header = json::parse(headerStart, headerStart + headerBytes, nullptr, /*allow_exceptions=*/false);
  if (header.is_discarded() || !header.is_object())
    fail("{}: not a safetensors file: the header is not a JSON object", path);

  size_t dataStart = 8 + headerBytes;
  uint64_t dataBytes = size - dataStart;
  for (const auto &[name, value] : header.items()) {
    if (name == "__metadata__") {
      file.fileMetadata = parseMetadata(value, path);
      continue;
    }
    if (!value.is_object() || !value.contains("dtype") || !value["dtype"].is_string())
      fail("{}: tensor '{}' has no dtype", path, name);
    std::string typeName = value["dtype"].get<std::string>();
    std::optional<DataType> dataType = parseSafeTensorsTypeName(typeName);
    if (!dataType)
      fail("{}: tensor '{}' has dtype {}, which dlm does not support", path, name, typeName);
    NamedTensor tensor{name, {*dataType, parseShape(value.value("shape", json()), path, name)}, nullptr};
    const json offsets = value.value("data_offsets", json());
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
      fail("{}: tensor '{}' has malformed data_offsets", path, name);
    auto begin = offsets[0].get<uint64_t>(), end = offsets[1].get<uint64_t>();
    if (begin > end || end > dataBytes)
      fail("{}: truncated: tensor '{}' needs bytes {} to {} of the data, the file has {}", path, name, begin, end,
           dataBytes);
    if (end - begin != tensor.type.byteSize())
      fail("{}: tensor '{}' is {} but has {} bytes of data", path, name, tensor.type.str(), end - begin);
    tensor.data = file.contents.data() + dataStart + begin;
    file.entries.push_back(std::move(tensor));
  }
  std::sort(file.entries.begin(), file.entries.end(),
            [](const NamedTensor &a, const NamedTensor &b) { return a.data < b.data; });
  return file;
}

const NamedTensor *SafeTensorsFile::find(const std::string &name) const {
  for (const NamedTensor &tensor : entries)
    if (tensor.name == name)
      return &tensor;
  return nullptr;
}
