//===- SafeTensorsTest.cpp - The safetensors format: layout, round trip, damage ===//

#include "dlm/Runtime/SafeTensors.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>

using namespace dlm::runtime;
using namespace dlm::runtime::test_support;

namespace {

class SafeTensorsTest : public ::testing::Test {
protected:
  void SetUp() override {
    path = directory.path("model.safetensors");
    writeSafeTensors(path,
                     {{"net.fc.weight", {DataType::F32, {2, 3}}, weights}, {"steps", {DataType::I64, {2}}, counts}},
                     {{"epoch", "3"}});
  }

  TemporaryDirectory directory;
  std::string path;
  float weights[6] = {1.5f, -2, 0, 3.25f, 1e-30f, -7};
  int64_t counts[2] = {1, -(int64_t{1} << 40)};
};

TEST_F(SafeTensorsTest, LayoutIsTheSafetensorsFormat) {
  std::string bytes = readFile(path);
  uint64_t headerBytes;
  std::memcpy(&headerBytes, bytes.data(), 8);
  EXPECT_EQ(headerBytes % 8, 0u);
  ASSERT_EQ(bytes.size(), 8 + headerBytes + 6 * 4 + 2 * 8);
  nlohmann::json header = nlohmann::json::parse(bytes.substr(8, headerBytes));
  EXPECT_EQ(header["net.fc.weight"]["dtype"], "F32");
  EXPECT_EQ(header["net.fc.weight"]["shape"], nlohmann::json({2, 3}));
  EXPECT_EQ(header["net.fc.weight"]["data_offsets"], nlohmann::json({0, 24}));
  EXPECT_EQ(header["steps"]["data_offsets"], nlohmann::json({24, 40}));
  EXPECT_EQ(header["__metadata__"]["epoch"], "3");
  EXPECT_EQ(std::memcmp(bytes.data() + 8 + headerBytes, weights, sizeof(weights)), 0);
}

TEST_F(SafeTensorsTest, RoundTrip) {
  SafeTensorsFile file = SafeTensorsFile::read(path);
  ASSERT_EQ(file.tensors().size(), 2u);
  const NamedTensor *weight = file.find("net.fc.weight");
  ASSERT_NE(weight, nullptr);
  EXPECT_EQ(weight->type, (TensorType{DataType::F32, {2, 3}}));
  EXPECT_EQ(std::memcmp(weight->data, weights, sizeof(weights)), 0);
  const NamedTensor *steps = file.find("steps");
  ASSERT_NE(steps, nullptr);
  EXPECT_EQ(std::memcmp(steps->data, counts, sizeof(counts)), 0);
  EXPECT_EQ(file.metadata().at("epoch"), "3");
  EXPECT_EQ(file.find("missing"), nullptr);
  // No temporary file is left beside the checkpoint.
  EXPECT_EQ(readFile(path + ".tmp." + std::to_string(getpid())), "");
}

TEST_F(SafeTensorsTest, TruncatedFile) {
  std::string bytes = readFile(path);
  writeFile(path, bytes.substr(0, bytes.size() - 5));
  EXPECT_EQ(errorOf([&] { SafeTensorsFile::read(path); }),
            path + ": truncated: tensor 'steps' needs bytes 24 to 40 of the data, the file has 35");
  writeFile(path, bytes.substr(0, 50));
  EXPECT_NE(errorOf([&] { SafeTensorsFile::read(path); }).find(path + ": truncated or not a safetensors file"),
            std::string::npos);
  writeFile(path, bytes.substr(0, 5));
  EXPECT_EQ(errorOf([&] { SafeTensorsFile::read(path); }),
            path + ": not a safetensors file: 5 bytes, too short to hold the header length");
}

TEST_F(SafeTensorsTest, GarbageFile) {
  writeFile(path, "PK\x03\x04 this is a zip file, not a checkpoint at all, with some more bytes");
  EXPECT_NE(errorOf([&] { SafeTensorsFile::read(path); }).find(path + ": truncated or not a safetensors file"),
            std::string::npos);
  std::string header = "{not json}";
  uint64_t length = header.size();
  writeFile(path, std::string(reinterpret_cast<char *>(&length), 8) + header);
  EXPECT_EQ(errorOf([&] { SafeTensorsFile::read(path); }),
            path + ": not a safetensors file: the header is not a JSON object");
  EXPECT_EQ(errorOf([&] { SafeTensorsFile::read(directory.path("absent.safetensors")); }),
            directory.path("absent.safetensors") + ": cannot open: No such file or directory");
}

TEST_F(SafeTensorsTest, InconsistentHeaders) {
  auto withHeader = [&](const std::string &header) {
    uint64_t length = header.size();
    writeFile(path, std::string(reinterpret_cast<char *>(&length), 8) + header + std::string(16, '\0'));
    return errorOf([&] { SafeTensorsFile::read(path); });
  };
  EXPECT_EQ(withHeader(R"({"w": {"dtype": "BF16", "shape": [2], "data_offsets": [0, 4]}})"),
            path + ": tensor 'w' has dtype BF16, which dlm does not support");
  EXPECT_EQ(withHeader(R"({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 12]}})"),
            path + ": tensor 'w' is f32[2] but has 12 bytes of data");
  EXPECT_EQ(withHeader(R"({"w": {"dtype": "F32", "shape": [2], "data_offsets": [8]}})"),
            path + ": tensor 'w' has malformed data_offsets");
  EXPECT_EQ(withHeader(R"({"w": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}})"),
            path + ": tensor 'w' has a malformed shape [-2]");
  EXPECT_EQ(withHeader(R"({"__metadata__": {"epoch": 3}})"), path + ": metadata 'epoch' is not a string");
}

} // namespace
