// main() of every core test: the same BLAS kernels, thread settings and thread count as the programs use, so that
// tests exercise (and take the time of) what users run.
#include <gtest/gtest.h>

#include "core/util/runtime.h"

int main(int argc, char** argv) {
  inrgan::tune_process_environment(argv);
  inrgan::init_runtime();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
