//===- Idx.cpp - Reading IDX files (MNIST's format), gzip'd or plain -------===//
//
// http://yann.lecun.com/exdb/mnist/: two zero bytes, a type code, the number
// of dimensions, each dimension as a big-endian u32, then the data, big-endian.
// zlib's gz* functions read gzip'd and plain files alike.
//
//===----------------------------------------------------------------------===//

#include "dlm/Runtime/Idx.h"

#include "dlm/Runtime/Error.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <memory>

using namespace dlm::runtime;

namespace {

struct GzipFileCloser {
  void operator()(gzFile_s *file) const { gzclose(file); }
};
using GzipFile = std::unique_ptr<gzFile_s, GzipFileCloser>;

/// Reads up to `size` bytes; returns how many were read. Throws on corrupt compressed data.
size_t readBytes(gzFile file, void *buffer, size_t size, const std::string &path) {
  size_t done = 0;
  while (done < size) {
    auto chunk = static_cast<unsigned>(std::min<size_t>(size - done, 1u << 30));
    int got = gzread(file, static_cast<std::byte *>(buffer) + done, chunk);
    if (got < 0) {
      int code = 0;
      const char *message = gzerror(file, &code);
      fail("{}: corrupt data: {}", path, code == Z_ERRNO ? systemErrorText() : std::string(message));
    }
    if (got == 0)
      break;
    done += static_cast<size_t>(got);
  }
  return done;
}

/// The ABI element type of an IDX type code; nullopt for codes the ABI has no type for.
std::optional<DataType> idxDataType(uint8_t code) {
  switch (code) {
  case 0x08:
    return DataType::U8;
  case 0x09:
    return DataType::I8;
  case 0x0C:
    return DataType::I32;
  case 0x0D:
    return DataType::F32;
  case 0x0E:
    return DataType::F64;
  default:
    return std::nullopt;
  }
}

uint32_t bigEndian32(const unsigned char *bytes) {
  return uint32_t{bytes[0]} << 24 | uint32_t{bytes[1]} << 16 | uint32_t{bytes[2]} << 8 | uint32_t{bytes[3]};
}

/// IDX data is big-endian; the runtime's buffers are in native order.
void toNativeOrder(std::vector<std::byte> &data, size_t size) {
  if (size == 1 || __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
    return;
  for (size_t offset = 0; offset + size <= data.size(); offset += size)
    std::reverse(data.begin() + static_cast<std::ptrdiff_t>(offset),
                 data.begin() + static_cast<std::ptrdiff_t>(offset + size));
}

} // namespace

IdxArray dlm::runtime::readIdx(const std::string &path, const std::string &fieldName, std::optional<int64_t> limit) {
  errno = 0;
  GzipFile file(gzopen(path.c_str(), "rb"));
  if (!file)
    fail("{}: cannot open: {}", path, errno ? systemErrorText() : "out of memory");
  gzbuffer(file.get(), 1 << 18);

  unsigned char magic[4];
  size_t got = readBytes(file.get(), magic, sizeof(magic), path);
  if (got < sizeof(magic) || magic[0] != 0 || magic[1] != 0 || magic[3] == 0)
    fail("{}: not an IDX file (it does not start with 00 00 <type> <dimensions>)", path);
  std::optional<DataType> dataType = idxDataType(magic[2]);
  if (!dataType)
    fail("{}: IDX element type 0x{:02X} is not supported (u8, i8, i32, f32 and f64 are)", path, magic[2]);

  IdxArray array;
  array.dataType = *dataType;
  std::vector<unsigned char> dimensions(4 * size_t{magic[3]});
  size_t headerBytes = sizeof(magic) + dimensions.size();
  if (readBytes(file.get(), dimensions.data(), dimensions.size(), path) < dimensions.size())
    fail("{}: truncated: the header ends before its {} dimensions", path, magic[3]);
  array.fileCount = bigEndian32(dimensions.data());
  size_t sampleElements = 1;
  for (size_t d = 1; d < magic[3]; ++d) {
    uint32_t extent = bigEndian32(&dimensions[4 * d]);
    array.sampleShape.push_back(extent);
    if (extent != 0 && sampleElements > (size_t{1} << 40) / extent)
      fail("{}: implausible sample shape {}", path, shapeString(array.sampleShape));
    sampleElements *= extent;
  }

  size_t sampleBytes = sampleElements * elementSize(array.dataType);
  array.count = limit ? std::min(*limit, array.fileCount) : array.fileCount;
  // Grow with the data actually read, so a header claiming absurd sizes cannot make the runtime
  // allocate (and touch) memory the file does not have.
  size_t needed = static_cast<size_t>(array.count) * sampleBytes;
  got = 0;
  while (got < needed) {
    size_t capacity = std::min(needed, std::max(got * 2, size_t{1} << 26));
    array.data.resize(capacity);
    size_t read = readBytes(file.get(), array.data.data() + got, capacity - got, path);
    got += read;
    if (got < capacity)
      break;
  }
  if (got < needed)
    fail("{}: truncated: expected {} bytes of {} data, got {}", path,
         headerBytes + static_cast<size_t>(array.fileCount) * sampleBytes, fieldName, headerBytes + got);
  toNativeOrder(array.data, elementSize(array.dataType));
  return array;
}
