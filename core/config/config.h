// Run configuration: plain values, loaded from TOML or JSON and validated before any work starts.
// No torch here: the UI reads and shows configs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace inrgan {

// A bad config file or value. The message names the file and the key.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// METHOD §3. Defaults are the measured CPU starting point of METHOD §8.
struct GeneratorConfig {
  int style_dim = 128;
  int mapping_layers = 4;
  double mapping_lr_mul = 0.01;
  int fourier_features = 64;
  double fourier_init_scale = 2.12;  // B ~ U[-a, a]
  int embedding_channels = 16;       // 0 disables the coordinate embedding
  int embedding_size = 16;           // S_e, independent of the resolution (ours)
  std::string embedding_padding = "border";  // border | zeros | reflection
  std::vector<int> widths = {64, 64, 64, 64};  // one entry per modulated FC layer
  int torgb_every = 2;               // a ToRGB head after every n layers (and after the last)
};

// METHOD §4.
struct DiscriminatorConfig {
  int base_channels = 32;  // channels at the input resolution
  int max_channels = 64;   // channels double per 2x downsampling up to this cap
  int mbstd_group = 4;     // minibatch-stddev group; must divide the batch
  int mbstd_channels = 1;
};

// METHOD §5.
struct ScheduleConfig {
  std::string mode = "patch";  // patch | full (baseline: one stage at R on whole images)
  int resolution = 64;         // R
  int patch = 32;              // P; R / P is a power of two
  std::vector<std::int64_t> stage_images = {20000, 16000};  // budget per stage, images shown
  std::vector<double> stage_seconds;  // optional time budget per stage (0 = none); first to run out ends the stage
  bool reset_d_optimizer = false;     // reset D's Adam state at each stage change
};

struct TrainingConfig {
  int batch = 8;
  double lr = 0.002;
  double beta1 = 0.0;
  double beta2 = 0.99;
  double r1_gamma = 0.05;
  std::vector<double> r1_gamma_per_stage;  // optional override, one per stage
  int r1_interval = 16;                    // lazy R1 every n D steps
  double lambda_rec = 5.0;
  std::string teacher = "frozen_ema";      // frozen_ema | self (live G, stopped gradients)
  double ema_halflife_images = 10000.0;
  double ema_rampup = 0.05;                // half-life <= rampup * images shown; 0 = off
  double w_avg_beta = 0.995;
  std::uint64_t seed = 1;
  std::string device = "auto";             // auto | cpu | cuda
  int threads = 0;                         // intra-op threads; 0 = all cores
};

struct DataConfig {
  bool flip = true;        // random horizontal flip
  bool dihedral = false;   // random 8-fold rotation/flip (sky photos, textures)
  std::string crop = "random";  // random | center: square crop of non-square images
  std::int64_t cache_mb = 1024;  // budget for resized images held in memory
};

struct OutputConfig {
  std::int64_t sample_every_images = 2000;
  int sample_grid_cols = 4;
  int sample_grid_rows = 4;
  int sample_max_resolution = 128;  // sample grid cells are rendered at min(r_k, this)
  std::uint64_t sample_seed = 1234;
  std::int64_t checkpoint_every_images = 5000;
  int keep_checkpoints = 3;
  int log_every_steps = 10;
};

struct Config {
  GeneratorConfig generator;
  DiscriminatorConfig discriminator;
  ScheduleConfig schedule;
  TrainingConfig training;
  DataConfig data;
  OutputConfig output;

  // Number of stages K + 1 (1 in full mode).
  int num_stages() const;
  // r_k: resolution generated in stage k (P 2^k; R in full mode).
  int stage_resolution(int stage) const;
  // Side of the square the generator renders and D sees in stage k (P; R in full mode).
  int stage_input_size(int stage) const;
  double r1_gamma_for_stage(int stage) const;
  std::int64_t total_images() const;
};

// Parse a TOML (.toml) or JSON (.json) file; unknown keys and bad values are errors naming the key.
Config load_config(const std::filesystem::path& path);
Config parse_config_toml(const std::string& text, const std::string& origin = "<string>");
Config parse_config_json(const std::string& text, const std::string& origin = "<string>");
// Throws ConfigError describing the first problem found.
void validate(const Config& config, const std::string& origin = "<config>");
// The resolved config, every key written out, as TOML (round-trips through parse_config_toml).
std::string to_toml(const Config& config);

// Presets shipped in resources/presets: name -> file. Looked up next to the executable, in the
// source tree, and in the install prefix.
std::vector<std::string> preset_names();
std::filesystem::path preset_path(const std::string& name);

}  // namespace inrgan
