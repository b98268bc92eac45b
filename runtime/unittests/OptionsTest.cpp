//===- OptionsTest.cpp - The command line: values, defaults and misuse -----===//

#include "dlm/Runtime/Options.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

using namespace dlm::runtime;
using namespace dlm::runtime::test_support;

namespace {

Options parse(std::vector<const char *> words) {
  words.insert(words.begin(), "/some/where/lenet");
  return parseOptions(static_cast<int>(words.size()), words.data());
}

TEST(OptionsTest, TrainWithEveryKindOfValue) {
  Options options = parse({"train", "classify", "--epochs", "3", "--lr=0.01", "--seed", "18446744073709551615",
                           "--limit-train", "6400", "--resume", "--quiet", "--data", "/data"});
  EXPECT_EQ(options.command, Command::Train);
  EXPECT_EQ(options.program, "classify");
  EXPECT_EQ(options.epochs, 3);
  EXPECT_EQ(options.learningRate, 0.01);
  EXPECT_EQ(options.seed, 18446744073709551615ull);
  EXPECT_EQ(options.limitTrain, 6400);
  EXPECT_TRUE(options.resume);
  EXPECT_TRUE(options.quiet);
  EXPECT_EQ(options.dataDirectory, "/data");
}

TEST(OptionsTest, DefaultsDeriveFromTheExecutableName) {
  unsetenv("DLM_DATA");
  Options options = parse({"eval"});
  EXPECT_EQ(options.executableName, "lenet");
  EXPECT_EQ(options.checkpoint, "lenet.safetensors");
  EXPECT_EQ(options.logPrefix, "lenet");
  EXPECT_EQ(options.dataDirectory, kDefaultDataDirectory);
  setenv("DLM_DATA", "/elsewhere", 1);
  EXPECT_EQ(parse({"eval"}).dataDirectory, "/elsewhere");
  unsetenv("DLM_DATA");
}

TEST(OptionsTest, MisuseIsAUsageError) {
  EXPECT_EQ(errorOf([] {
              parse({"train", "--epochs", "many"});
            }),
            "--epochs expects an integer of at least 1, got 'many'");
  EXPECT_EQ(errorOf([] { parse({"train", "--epochs"}); }), "--epochs expects a value (N)");
  EXPECT_EQ(errorOf([] { parse({"train", "--resume=yes"}); }), "--resume takes no value");
  EXPECT_EQ(errorOf([] { parse({"train", "--fast"}); }), "unknown option '--fast' (see 'lenet --help')");
  EXPECT_EQ(errorOf([] {
              parse({"eval", "--epochs", "2"});
            }),
            "--epochs does not apply to 'eval' (see 'lenet eval --help')");
  EXPECT_EQ(errorOf([] { parse({"fit"}); }), "unknown command 'fit': expected train, eval, predict or info");
  EXPECT_EQ(errorOf([] { parse({}); }), "no command given: expected train, eval, predict or info (see 'lenet --help')");
  EXPECT_EQ(errorOf([] { parse({"train", "a", "b"}); }), "unexpected argument 'b'");
  EXPECT_EQ(errorOf([] { parse({"train", "--lr", "-1"}); }), "--lr expects a non-negative number, got '-1'");
  EXPECT_EQ(exitCodeOf([] { parse({"train", "--seed", "-3"}); }), ExitUsageError);
}

TEST(OptionsTest, Help) {
  EXPECT_TRUE(parse({"--help"}).help);
  EXPECT_TRUE(parse({"help"}).help);
  Options trainHelp = parse({"train", "-h", "--bogus-is-not-checked"});
  EXPECT_TRUE(trainHelp.help);
  EXPECT_EQ(trainHelp.command, Command::Train);
  std::string text = helpText("lenet", Command::Train);
  EXPECT_NE(text.find("usage: lenet train [PROGRAM] [options]"), std::string::npos);
  EXPECT_NE(text.find("--check-numerics"), std::string::npos);
  EXPECT_EQ(helpText("lenet", Command::Info).find("--epochs"), std::string::npos);
}

} // namespace
