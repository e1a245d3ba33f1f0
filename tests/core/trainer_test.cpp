#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

#include "core/config/config.h"
#include "core/data/image_folder.h"
#include "core/data/patch_sampler.h"
#include "core/train/trainer.h"
#include "core/util/runtime.h"
#include "test_images.h"

using namespace inrgan;

namespace {

Config small_config() {
  Config c = load_config(preset_path("tiny"));
  c.schedule.stage_images = {24, 40};  // 6 steps in stage 0, 10 in stage 1 (batch 4)
  c.training.r1_interval = 4;          // R1 on both sides of the resume point
  return c;
}

std::shared_ptr<PatchSampler> make_sampler(const std::filesystem::path& dir, const Config& c) {
  auto cache = std::make_shared<ResizedImageCache>(scan_image_folder(dir), 64 << 20, false);
  return std::make_shared<PatchSampler>(cache, c.data);
}

void run_steps(Trainer& trainer, int steps) {
  for (int i = 0; i < steps && !trainer.finished(); ++i)
    if (trainer.step().stage_finished) trainer.next_stage();
}

void expect_same_parameters(torch::nn::Module& a, torch::nn::Module& b, const char* what) {
  auto pa = a.named_parameters(), pb = b.named_parameters();
  ASSERT_EQ(pa.size(), pb.size());
  for (const auto& item : pa)
    EXPECT_TRUE(torch::equal(item.value(), pb[item.key()])) << what << " " << item.key();
  auto ba = a.named_buffers(), bb = b.named_buffers();
  for (const auto& item : ba)
    EXPECT_TRUE(torch::equal(item.value(), bb[item.key()])) << what << " buffer " << item.key();
}

bool any_parameter_differs(torch::nn::Module& a, torch::nn::Module& b) {
  auto pb = b.named_parameters();
  for (const auto& item : a.named_parameters())
    if (!torch::equal(item.value(), pb[item.key()])) return true;
  return false;
}

class TrainerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_runtime();
    dir_ = test_support::fresh_temp_dir("trainer");
    test_support::write_disc_folder(dir_ / "images", 6, 40);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

}  // namespace

// Resume means continue: N steps, checkpoint, resume, M steps == N + M steps in one go. The resume
// point is inside stage 0 and the run crosses into stage 1, so the teacher is restored too.
TEST_F(TrainerTest, ResumeGivesTheSameParametersAsOneRun) {
  const Config c = small_config();
  Trainer whole(c, make_sampler(dir_ / "images", c), torch::kCPU);
  run_steps(whole, 12);
  ASSERT_EQ(whole.stage(), 1);

  Trainer first(c, make_sampler(dir_ / "images", c), torch::kCPU);
  run_steps(first, 5);
  const auto file = dir_ / "ckpt.pt";
  first.save(file);
  Trainer resumed(c, make_sampler(dir_ / "images", c), torch::kCPU);
  resumed.load(file);
  EXPECT_EQ(resumed.step_count(), 5);
  run_steps(resumed, 7);

  EXPECT_EQ(resumed.step_count(), whole.step_count());
  EXPECT_EQ(resumed.images_shown(), whole.images_shown());
  EXPECT_EQ(resumed.stage(), whole.stage());
  expect_same_parameters(*resumed.generator(), *whole.generator(), "G");
  expect_same_parameters(*resumed.generator_ema(), *whole.generator_ema(), "G_ema");
  expect_same_parameters(*resumed.discriminator(), *whole.discriminator(), "D");
}

TEST_F(TrainerTest, ResumeAfterAStageChangeKeepsTheTeacherAndTheSchedule) {
  const Config c = small_config();
  Trainer whole(c, make_sampler(dir_ / "images", c), torch::kCPU);
  run_steps(whole, 14);
  Trainer first(c, make_sampler(dir_ / "images", c), torch::kCPU);
  run_steps(first, 9);  // in stage 1, with a teacher
  ASSERT_EQ(first.stage(), 1);
  first.save(dir_ / "ckpt.pt");
  Trainer resumed(c, make_sampler(dir_ / "images", c), torch::kCPU);
  resumed.load(dir_ / "ckpt.pt");
  EXPECT_EQ(resumed.stage(), 1);
  EXPECT_EQ(resumed.stage_images_shown(), first.stage_images_shown());
  run_steps(resumed, 5);
  expect_same_parameters(*resumed.generator(), *whole.generator(), "G");
  expect_same_parameters(*resumed.discriminator(), *whole.discriminator(), "D");
}

TEST_F(TrainerTest, StepsChangeGeneratorAndDiscriminatorAndReportFiniteLosses) {
  const Config c = small_config();
  Trainer trained(c, make_sampler(dir_ / "images", c), torch::kCPU);
  Trainer untouched(c, make_sampler(dir_ / "images", c), torch::kCPU);
  StepReport report = trained.step();
  EXPECT_EQ(report.step, 1);
  EXPECT_EQ(trained.images_shown(), c.training.batch);
  for (const auto& [name, value] : report.losses) EXPECT_TRUE(std::isfinite(value)) << name;
  EXPECT_TRUE(any_parameter_differs(*trained.generator(), *untouched.generator()));
  EXPECT_TRUE(any_parameter_differs(*trained.discriminator(), *untouched.discriminator()));
  EXPECT_TRUE(any_parameter_differs(*trained.generator_ema(), *untouched.generator_ema()));
}

TEST_F(TrainerTest, StageOneDrawsWindowsOfTheFinerGridAndReportsReconstruction) {
  const Config c = small_config();
  Trainer trainer(c, make_sampler(dir_ / "images", c), torch::kCPU);
  run_steps(trainer, 6);
  ASSERT_EQ(trainer.stage(), 1);
  StepReport report = trainer.step();
  const int r = c.stage_resolution(1), p = c.schedule.patch;
  ASSERT_EQ(static_cast<int>(report.fake_windows.size()), c.training.batch);
  for (const auto& w : report.fake_windows) {
    EXPECT_EQ(w.grid, r);
    EXPECT_EQ(w.size, p);
    EXPECT_GE(w.u, 0);
    EXPECT_LE(w.u, r - p);
    EXPECT_LE(w.v, r - p);
  }
  bool has_rec = false;
  for (const auto& [name, value] : report.losses)
    if (name == "g_rec") {
      has_rec = true;
      EXPECT_GT(value, 0.0);
    }
  EXPECT_TRUE(has_rec);
}

TEST_F(TrainerTest, SampleGridHasTheConfiguredLayout) {
  const Config c = small_config();
  Trainer trainer(c, make_sampler(dir_ / "images", c), torch::kCPU);
  SampleEvent grid = trainer.sample_grid();
  const int cell = c.stage_resolution(0);
  EXPECT_EQ(grid.grid.width, c.output.sample_grid_cols * cell);
  EXPECT_EQ(grid.grid.height, c.output.sample_grid_rows * cell);
  EXPECT_EQ(grid.grid.pixels.size(), static_cast<std::size_t>(grid.grid.width * grid.grid.height * 3));
}

TEST_F(TrainerTest, LoadRejectsAFileThatIsNotACheckpoint) {
  const Config c = small_config();
  Trainer trainer(c, make_sampler(dir_ / "images", c), torch::kCPU);
  std::ofstream(dir_ / "junk.pt") << "not a checkpoint";
  try {
    trainer.load(dir_ / "junk.pt");
    ADD_FAILURE();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("junk.pt"), std::string::npos) << e.what();
  }
}
