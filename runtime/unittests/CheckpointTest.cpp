//===- CheckpointTest.cpp - Checkpoints of a model: round trip and mismatches ===//

#include "dlm/Runtime/Checkpoint.h"

#include "dlm/Runtime/Model.h"
#include "dlm/Runtime/SafeTensors.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace dlm::runtime;
using namespace dlm::runtime::test_support;

namespace {

/// A program with only tensors: a Model of it has no entry points to look up.
ProgramSpec programWith(const std::vector<TensorSpec> &tensors) {
  ProgramSpec program;
  program.name = "classify";
  program.kind = "train";
  program.tensors = tensors;
  return program;
}

const std::vector<TensorSpec> kTensors = {
    {"net.fc1.weight", Role::Param, {DataType::F32, {100, 400}}, "", ""},
    {"net.fc1.bias", Role::Param, {DataType::F32, {100}}, "", ""},
    {"net.fc1.weight.momentum_buffer", Role::OptimizerState, {DataType::F32, {100, 400}}, "", ""},
};

/// Fills every tensor of `model` with values depending on `base`.
void fill(Model &model, float base) {
  for (TensorBuffer &tensor : model.tensors()) {
    auto *values = static_cast<float *>(tensor.current);
    for (int64_t i = 0; i < tensor.spec->type.elementCount(); ++i)
      values[i] = base + static_cast<float>(i) * 0.5f;
  }
}

bool sameTensors(const Model &a, const Model &b) {
  for (size_t i = 0; i < a.tensors().size(); ++i)
    if (std::memcmp(a.tensors()[i].current, b.tensors()[i].current, a.tensors()[i].spec->type.byteSize()) != 0)
      return false;
  return true;
}

class CheckpointTest : public ::testing::Test {
protected:
  CheckpointTest() : program(programWith(kTensors)), model(program) {
    model.allocate();
    fill(model, 1);
    path = directory.path("model.safetensors");
    state.program = "classify";
    state.epochsDone = 2;
    state.epochs = 5;
    state.batchesDone = 1874;
    state.seed = 0xFFFFFFFFFFFFFFFFull;
    state.trainSamples = 60000;
    state.stepsPerEpoch = 937;
    state.baseRate = 0.025;
    saveCheckpoint(path, model, state);
  }

  TemporaryDirectory directory;
  ProgramSpec program;
  Model model;
  std::string path;
  TrainingState state;
};

TEST_F(CheckpointTest, RoundTripOfTensorsAndTrainingState) {
  Model restored(program);
  restored.allocate();
  std::optional<TrainingState> loaded = loadCheckpoint(path, restored, CheckpointScope::Everything);
  EXPECT_TRUE(sameTensors(model, restored));
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->program, "classify");
  EXPECT_EQ(loaded->epochsDone, 2);
  EXPECT_EQ(loaded->epochs, 5);
  EXPECT_EQ(loaded->batchesDone, 1874);
  EXPECT_EQ(loaded->seed, 0xFFFFFFFFFFFFFFFFull);
  EXPECT_EQ(loaded->trainSamples, 60000);
  EXPECT_EQ(loaded->stepsPerEpoch, 937);
  EXPECT_EQ(loaded->baseRate, 0.025);
  EXPECT_EQ(SafeTensorsFile::read(path).metadata().at("program"), "classify");
}

TEST_F(CheckpointTest, ShapeMismatchNamesTheTensor) {
  std::vector<TensorSpec> other = kTensors;
  other[0].type.shape = {120, 400};
  ProgramSpec otherProgram = programWith(other);
  Model wider(otherProgram);
  wider.allocate();
  EXPECT_EQ(errorOf([&] { loadCheckpoint(path, wider, CheckpointScope::Everything); }),
            path + ": tensor 'net.fc1.weight' has shape [100, 400], the model expects [120, 400]");
}

TEST_F(CheckpointTest, DtypeMismatch) {
  std::vector<TensorSpec> other = kTensors;
  other[1].type.dataType = DataType::F64;
  ProgramSpec otherProgram = programWith(other);
  Model doubles(otherProgram);
  doubles.allocate();
  EXPECT_EQ(errorOf([&] { loadCheckpoint(path, doubles, CheckpointScope::Everything); }),
            path + ": tensor 'net.fc1.bias' has dtype f32, the model expects f64");
}

TEST_F(CheckpointTest, MissingAndUnexpectedTensors) {
  std::vector<TensorSpec> more = kTensors;
  more.push_back({"net.fc2.weight", Role::Param, {DataType::F32, {10, 100}}, "", ""});
  ProgramSpec moreProgram = programWith(more);
  Model bigger(moreProgram);
  bigger.allocate();
  EXPECT_EQ(errorOf([&] { loadCheckpoint(path, bigger, CheckpointScope::Everything); }),
            path + ": has no tensor 'net.fc2.weight' (f32[10, 100]), which the model needs");

  ProgramSpec fewerProgram = programWith({kTensors[0], kTensors[2]});
  Model smaller(fewerProgram);
  smaller.allocate();
  EXPECT_EQ(errorOf([&] { loadCheckpoint(path, smaller, CheckpointScope::Everything); }),
            path + ": tensor 'net.fc1.bias' is not part of program 'classify' (is this another model's checkpoint?)");
}

TEST_F(CheckpointTest, InferenceDoesNotNeedOptimizerState) {
  writeSafeTensors(path,
                   {{"net.fc1.weight", kTensors[0].type, model.tensors()[0].current},
                    {"net.fc1.bias", kTensors[1].type, model.tensors()[1].current}},
                   {});
  Model restored(program);
  restored.allocate();
  EXPECT_FALSE(loadCheckpoint(path, restored, CheckpointScope::Inference));
  EXPECT_EQ(errorOf([&] { loadCheckpoint(path, restored, CheckpointScope::Everything); }),
            path + ": has no tensor 'net.fc1.weight.momentum_buffer' (f32[100, 400]), which the model needs");
}

TEST_F(CheckpointTest, FailedLoadLeavesTheModelUntouched) {
  std::vector<TensorSpec> other = kTensors;
  other[2].type.shape = {100, 401};
  ProgramSpec otherProgram = programWith(other);
  Model mismatched(otherProgram);
  mismatched.allocate();
  fill(mismatched, 9);
  float before = *static_cast<float *>(mismatched.tensors()[0].current);
  EXPECT_NE(errorOf([&] { loadCheckpoint(path, mismatched, CheckpointScope::Everything); }), "no error");
  EXPECT_EQ(*static_cast<float *>(mismatched.tensors()[0].current), before);
}

TEST_F(CheckpointTest, PretrainedTensorsFoundUnderAnotherInstanceName) {
  // A teacher block's weights come from a checkpoint where they were `net.*`.
  std::vector<TensorSpec> teacher = {
      {"teacher.fc1.weight", Role::Param, {DataType::F32, {100, 400}}, path, ""},
      {"teacher.fc1.bias", Role::Param, {DataType::F32, {100}}, path, ""},
      {"student.bias", Role::Param, {DataType::F32, {100}}, path, "net.fc1.bias"},
  };
  ProgramSpec distill = programWith(teacher);
  Model student(distill);
  student.allocate();
  loadPretrainedTensors(student);
  EXPECT_EQ(std::memcmp(student.tensors()[0].current, model.tensors()[0].current, 100 * 400 * 4), 0);
  EXPECT_EQ(std::memcmp(student.tensors()[1].current, model.tensors()[1].current, 100 * 4), 0);
  EXPECT_EQ(std::memcmp(student.tensors()[2].current, model.tensors()[1].current, 100 * 4), 0);

  std::vector<TensorSpec> absent = {{"teacher.fc9.weight", Role::Param, {DataType::F32, {1}}, path, ""}};
  ProgramSpec absentProgram = programWith(absent);
  Model missing(absentProgram);
  missing.allocate();
  EXPECT_EQ(errorOf([&] { loadPretrainedTensors(missing); }),
            path + ": no tensor 'teacher.fc9.weight' or 'fc9.weight' under a prefix common to the model's other "
                   "tensors from this file");
}

} // namespace
