//===- IdxTest.cpp - Reading IDX files, and what is wrong with bad ones ----===//

#include "dlm/Runtime/Idx.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <zlib.h>

using namespace dlm::runtime;
using namespace dlm::runtime::test_support;

namespace {

/// An IDX header: 00 00 type rank, then each dimension big-endian.
std::string idxHeader(uint8_t type, const std::vector<uint32_t> &dimensions) {
  std::string header = {0, 0, static_cast<char>(type), static_cast<char>(dimensions.size())};
  for (uint32_t extent : dimensions)
    for (int shift = 24; shift >= 0; shift -= 8)
      header += static_cast<char>(extent >> shift & 0xFF);
  return header;
}

/// Three 2×2 u8 images.
std::string smallImages() {
  return idxHeader(0x08, {3, 2, 2}) + std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c", 12);
}

TEST(IdxTest, ReadsPlainFiles) {
  TemporaryDirectory directory;
  writeFile(directory.path("images"), smallImages());
  IdxArray array = readIdx(directory.path("images"), "image", std::nullopt);
  EXPECT_EQ(array.dataType, DataType::U8);
  EXPECT_EQ(array.count, 3);
  EXPECT_EQ(array.fileCount, 3);
  EXPECT_EQ(array.sampleShape, (Shape{2, 2}));
  ASSERT_EQ(array.data.size(), 12u);
  EXPECT_EQ(static_cast<int>(array.data[11]), 12);
}

TEST(IdxTest, ReadsGzipFilesAndHonorsTheLimit) {
  TemporaryDirectory directory;
  std::string path = directory.path("images.gz");
  std::string bytes = smallImages();
  gzFile file = gzopen(path.c_str(), "wb");
  gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(file);
  IdxArray array = readIdx(path, "image", 2);
  EXPECT_EQ(array.count, 2);
  EXPECT_EQ(array.fileCount, 3);
  EXPECT_EQ(array.data.size(), 8u);
}

TEST(IdxTest, ConvertsBigEndianElements) {
  TemporaryDirectory directory;
  writeFile(directory.path("labels"), idxHeader(0x0C, {2}) + std::string("\x00\x00\x01\x02\xff\xff\xff\xfe", 8));
  IdxArray array = readIdx(directory.path("labels"), "label", std::nullopt);
  EXPECT_EQ(array.dataType, DataType::I32);
  EXPECT_EQ(array.sampleShape, Shape{});
  EXPECT_EQ(readElement(array.data.data(), DataType::I32, 0), 258);
  EXPECT_EQ(readElement(array.data.data(), DataType::I32, 1), -2);
}

TEST(IdxTest, TruncatedFileSaysHowMuchIsMissing) {
  TemporaryDirectory directory;
  std::string path = directory.path("images");
  writeFile(path, smallImages().substr(0, 21));
  EXPECT_EQ(errorOf([&] { readIdx(path, "image", std::nullopt); }),
            path + ": truncated: expected 28 bytes of image data, got 21");
  writeFile(path, smallImages().substr(0, 10));
  EXPECT_EQ(errorOf([&] { readIdx(path, "image", std::nullopt); }),
            path + ": truncated: the header ends before its 3 dimensions");
}

TEST(IdxTest, MalformedFilesAreReported) {
  TemporaryDirectory directory;
  std::string path = directory.path("bad");
  writeFile(path, "");
  EXPECT_EQ(errorOf([&] { readIdx(path, "image", std::nullopt); }),
            path + ": not an IDX file (it does not start with 00 00 <type> <dimensions>)");
  writeFile(path, "GIF89a and so on");
  EXPECT_EQ(errorOf([&] { readIdx(path, "image", std::nullopt); }),
            path + ": not an IDX file (it does not start with 00 00 <type> <dimensions>)");
  writeFile(path, idxHeader(0x0B, {1}) + "ab");
  EXPECT_EQ(errorOf([&] { readIdx(path, "label", std::nullopt); }),
            path + ": IDX element type 0x0B is not supported (u8, i8, i32, f32 and f64 are)");
  EXPECT_EQ(errorOf([&] { readIdx(directory.path("missing.gz"), "image", std::nullopt); }),
            directory.path("missing.gz") + ": cannot open: No such file or directory");
}

TEST(IdxTest, CorruptGzipIsReported) {
  TemporaryDirectory directory;
  std::string path = directory.path("images.gz");
  // A gzip header followed by bytes that are not a deflate stream.
  writeFile(path, std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) + std::string(64, '\xff'));
  EXPECT_NE(errorOf([&] { readIdx(path, "image", std::nullopt); }).find(path + ": "), std::string::npos);
}

} // namespace
