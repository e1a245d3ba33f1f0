#include <gtest/gtest.h>

#include <fstream>

#include "core/train/checkpoint_files.h"
#include "test_images.h"

using namespace inrgan;

TEST(CheckpointFiles, AFailedWriteLeavesTheOldFileIntact) {
  const auto dir = test_support::fresh_temp_dir("ckpt-atomic");
  const auto file = dir / "state.pt";
  write_atomically(file, [](const std::filesystem::path& temp) { std::ofstream(temp) << "old"; });
  EXPECT_THROW(write_atomically(file,
                                [](const std::filesystem::path& temp) {
                                  std::ofstream(temp) << "half";
                                  throw std::runtime_error("disk full");
                                }),
               std::runtime_error);
  std::ifstream in(file);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "old");
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1);  // no temp file left behind
  std::filesystem::remove_all(dir);
}

TEST(CheckpointFiles, RotationKeepsTheNewestAndFindReturnsTheLatest) {
  const auto dir = test_support::fresh_temp_dir("ckpt-rotate");
  for (long long step : {5, 120, 40, 1000})
    write_atomically(checkpoint_path(dir, step),
                     [](const std::filesystem::path& t) { std::ofstream(t) << "x"; });
  rotate_checkpoints(dir, 2);
  const auto left = list_checkpoints(dir);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0], checkpoint_path(dir, 120));
  EXPECT_EQ(left[1], checkpoint_path(dir, 1000));
  EXPECT_EQ(find_checkpoint(dir).value(), checkpoint_path(dir, 1000));
  EXPECT_EQ(find_checkpoint(left[0]).value(), left[0]);
  EXPECT_FALSE(find_checkpoint(dir / "nothing").has_value());
  std::filesystem::remove_all(dir);
}
