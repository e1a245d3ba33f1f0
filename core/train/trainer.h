// One training run of METHOD §5: stages, the D and G steps, lazy R1, EMA, the teacher, and the
// full state needed to continue exactly. Single-threaded; TrainingSession drives it on a worker.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/data/patch_sampler.h"
#include "core/model/discriminator.h"
#include "core/model/generator.h"
#include "core/session/events.h"

namespace inrgan {

// What one step measured, before timing and memory are added by the caller.
struct StepReport {
  std::int64_t step = 0;
  int stage = 0;
  std::vector<std::pair<std::string, double>> losses;
  std::vector<PatchWindow> real_windows;
  std::vector<PatchWindow> fake_windows;
  std::size_t overlay_image_index = 0;  // the image the first real window was cropped from
  bool stage_finished = false;           // this step used up the stage's budget
};

class Trainer {
 public:
  // `sampler` may be null for a trainer that only loads and renders (no steps).
  Trainer(Config config, std::shared_ptr<PatchSampler> sampler, torch::Device device,
          std::string data_fingerprint = {});

  // One D step (with lazy R1) and one G step (with the reconstruction loss in patch stages).
  StepReport step();
  // Moves to the next stage: freezes the EMA generator as teacher, keeps D (METHOD §5).
  // Returns false when the last stage has ended.
  bool next_stage();
  // Adds wall time spent in the current stage (for time budgets); returns true when it is used up.
  bool add_stage_seconds(double seconds);

  bool finished() const { return finished_; }
  int stage() const { return stage_; }
  std::int64_t step_count() const { return step_; }
  std::int64_t images_shown() const { return images_shown_; }
  std::int64_t stage_images_shown() const { return stage_images_shown_; }
  double stage_seconds() const { return stage_seconds_; }
  const Config& config() const { return config_; }
  // The data fingerprint stored in the last checkpoint loaded ("" when none or unknown).
  const std::string& checkpoint_fingerprint() const { return checkpoint_fingerprint_; }

  // Fixed-seed sample grid from the EMA generator at min(r_k, sample_max_resolution).
  SampleEvent sample_grid();

  // Full state, written atomically; loading restores it so that training continues exactly.
  void save(const std::filesystem::path& file) const;
  void load(const std::filesystem::path& file);

  Generator& generator() { return g_; }
  Generator& generator_ema() { return g_ema_; }
  Discriminator& discriminator() { return d_; }

 private:
  std::vector<PatchWindow> draw_fake_windows(int batch);
  torch::Tensor render_windows(Generator& g, const torch::Tensor& w,
                               const std::vector<PatchWindow>& windows, int pixels);
  torch::Tensor sample_latents(int batch);
  void make_optimizers();
  void make_d_optimizer();

  Config config_;
  std::shared_ptr<PatchSampler> sampler_;
  torch::Device device_;
  std::string data_fingerprint_;
  std::string checkpoint_fingerprint_;

  Generator g_{nullptr}, g_ema_{nullptr}, teacher_{nullptr};
  Discriminator d_{nullptr};
  std::unique_ptr<torch::optim::Adam> opt_g_, opt_d_;

  int stage_ = 0;
  std::int64_t step_ = 0;
  std::int64_t images_shown_ = 0;
  std::int64_t stage_images_shown_ = 0;
  double stage_seconds_ = 0.0;
  bool finished_ = false;
  bool has_teacher_ = false;
  double last_r1_ = -1.0;  // latest lazy R1 penalty, -1 before the first

  at::Generator torch_rng_;  // latents
  std::mt19937_64 rng_;      // data order, windows, augmentation
};

// The EMA generator and config stored in a checkpoint, for rendering.
struct LoadedGenerator {
  Config config;
  Generator generator{nullptr};
  std::int64_t step = 0;
  int stage = 0;
};
LoadedGenerator load_generator(const std::filesystem::path& checkpoint, torch::Device device);
// The config a checkpoint was trained with.
Config read_checkpoint_config(const std::filesystem::path& checkpoint);


}  // namespace inrgan
