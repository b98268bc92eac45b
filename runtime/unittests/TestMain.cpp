//===- TestMain.cpp - main() of the runtime unit tests ---------------------===//
//
// Defined here rather than taken from gtest_main so that the runtime's own
// main() (in the same archive as the code under test) is never linked in.
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
