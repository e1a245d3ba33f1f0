#include "core/train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/geometry/coords.h"
#include "core/model/module_utils.h"
#include "core/train/checkpoint_files.h"
#include "core/train/losses.h"

namespace inrgan {

namespace {

constexpr std::int64_t kCheckpointFormat = 1;

torch::Tensor string_tensor(const std::string& text) {
  return torch::from_blob(const_cast<char*>(text.data()), {static_cast<std::int64_t>(text.size())},
                          torch::kUInt8)
      .clone();
}

std::string tensor_string(const torch::Tensor& t) {
  auto bytes = t.to(torch::kCPU).contiguous();
  return std::string(reinterpret_cast<const char*>(bytes.data_ptr<std::uint8_t>()),
                     static_cast<std::size_t>(bytes.numel()));
}

void write_module(torch::serialize::OutputArchive& root, const char* key,
                  const torch::nn::Module& module) {
  torch::serialize::OutputArchive sub;
  module.save(sub);
  root.write(key, sub);
}

void read_module(torch::serialize::InputArchive& root, const char* key, torch::nn::Module& module) {
  torch::serialize::InputArchive sub;
  root.read(key, sub);
  module.load(sub);
}

template <typename T>
T read_scalar(torch::serialize::InputArchive& root, const char* key) {
  torch::Tensor t;
  root.read(key, t);
  return t.item<T>();
}

void set_requires_grad(torch::nn::Module& module, bool flag) {
  for (auto& p : module.parameters()) p.set_requires_grad(flag);
}

Generator frozen_copy(const Generator& source, const GeneratorConfig& config,
                      torch::Device device) {
  Generator copy(config);
  copy->to(device);
  copy_module_state(*copy, *source);
  copy->eval();
  set_requires_grad(*copy, false);
  return copy;
}

}  // namespace

Trainer::Trainer(Config config, std::shared_ptr<PatchSampler> sampler, torch::Device device,
                 std::string data_fingerprint)
    : config_(std::move(config)),
      sampler_(std::move(sampler)),
      device_(device),
      data_fingerprint_(std::move(data_fingerprint)),
      torch_rng_(at::make_generator<at::CPUGeneratorImpl>(config_.training.seed)),
      rng_(config_.training.seed) {
  validate(config_);
  // Parameter initialisation draws from the global generator: seed it so runs are repeatable.
  torch::manual_seed(config_.training.seed);
  g_ = Generator(config_.generator);
  g_->to(device_);
  g_ema_ = frozen_copy(g_, config_.generator, device_);
  d_ = Discriminator(config_.discriminator, config_.stage_input_size(0));
  d_->to(device_);
  make_optimizers();
}

void Trainer::make_optimizers() {
  const auto& t = config_.training;
  opt_g_ = std::make_unique<torch::optim::Adam>(
      g_->parameters(), torch::optim::AdamOptions(t.lr).betas({t.beta1, t.beta2}).eps(1e-8));
  make_d_optimizer();
}

void Trainer::make_d_optimizer() {
  // Lazy regularisation: D steps every interval with R1 in one of them; StyleGAN2 corrects the
  // learning rate and betas so that the effective optimiser matches the non-lazy one.
  const auto& t = config_.training;
  const double c = static_cast<double>(t.r1_interval) / (t.r1_interval + 1.0);
  opt_d_ = std::make_unique<torch::optim::Adam>(
      d_->parameters(), torch::optim::AdamOptions(t.lr * c)
                            .betas({std::pow(t.beta1, c), std::pow(t.beta2, c)})
                            .eps(1e-8));
}

torch::Tensor Trainer::sample_latents(int batch) {
  // Drawn on the CPU from our own generator, so that CPU and CUDA runs see the same latents.
  return torch::randn({batch, config_.generator.style_dim}, torch_rng_, torch::kFloat32)
      .to(device_);
}

std::vector<PatchWindow> Trainer::draw_fake_windows(int batch) {
  const int size = config_.stage_input_size(stage_);
  const int grid = config_.stage_resolution(stage_);
  std::vector<PatchWindow> windows(batch, PatchWindow{0, 0, size, grid});
  if (grid > size) {
    std::uniform_int_distribution<int> offset(0, grid - size);
    for (auto& w : windows) {
      w.u = offset(rng_);
      w.v = offset(rng_);
    }
  }
  return windows;
}

torch::Tensor Trainer::render_windows(Generator& g, const torch::Tensor& w,
                                      const std::vector<PatchWindow>& windows, int pixels) {
  // Rendering the window's view at `pixels` puts the teacher's pixel centres exactly at the
  // centres of the student's 2x2 blocks (METHOD §2), also for odd window offsets.
  std::vector<torch::Tensor> coords;
  coords.reserve(windows.size());
  for (const auto& window : windows)
    coords.push_back(view_coords(window_view(window), pixels, pixels));
  auto rgb = g->synthesize(torch::stack(coords).to(device_), w);
  return pixels_to_image(rgb, pixels, pixels);
}

StepReport Trainer::step() {
  if (!sampler_) throw std::logic_error("Trainer::step: this trainer has no data");
  if (finished_) throw std::logic_error("Trainer::step: training has finished");
  const auto& t = config_.training;
  const int batch = t.batch;
  const int resolution = config_.stage_resolution(stage_);
  const int size = config_.stage_input_size(stage_);
  StepReport report;
  report.stage = stage_;
  g_->train();
  d_->train();

  // --- Discriminator step (R1 every r1_interval steps, scaled by the interval).
  RealBatch real = sampler_->sample(batch, resolution, size, rng_);
  auto real_images = real.images.to(device_);
  report.real_windows = real.windows;
  report.overlay_image_index = real.image_indices.empty() ? 0 : real.image_indices.front();
  auto d_windows = draw_fake_windows(batch);
  auto d_latents = sample_latents(batch);
  torch::Tensor fake;
  {
    torch::NoGradGuard no_grad;
    fake = render_windows(g_, g_->map(d_latents), d_windows, size);
  }
  const double gamma = config_.r1_gamma_for_stage(stage_);
  const bool do_r1 = gamma > 0 && step_ % t.r1_interval == 0;
  if (do_r1) real_images.requires_grad_(true);
  auto real_logits = d_->forward(real_images);
  auto fake_logits = d_->forward(fake);
  auto d_real = discriminator_real_loss(real_logits);
  auto d_fake = discriminator_fake_loss(fake_logits);
  auto d_total = d_real + d_fake;
  torch::Tensor r1;
  if (do_r1) {
    r1 = r1_penalty(real_logits, real_images);
    d_total = d_total + r1 * (gamma * 0.5 * t.r1_interval);
  }
  opt_d_->zero_grad();
  d_total.backward();
  opt_d_->step();

  // --- Generator step. D's parameters need no gradient here.
  set_requires_grad(*d_, false);
  auto g_windows = draw_fake_windows(batch);
  report.fake_windows = g_windows;
  auto latents = sample_latents(batch);
  auto w = g_->map(latents);
  g_->update_w_avg(w.detach(), t.w_avg_beta);
  fake = render_windows(g_, w, g_windows, size);
  auto g_adv = generator_adversarial_loss(d_->forward(fake));
  auto g_total = g_adv;
  torch::Tensor rec;
  if (stage_ > 0 && t.lambda_rec > 0) {
    torch::Tensor target;
    {
      torch::NoGradGuard no_grad;
      Generator& teacher = (t.teacher == "self" || !has_teacher_) ? g_ : teacher_;
      target = render_windows(teacher, teacher->map(latents), g_windows, size / 2);
    }
    rec = reconstruction_loss(fake, target);
    g_total = g_total + rec * t.lambda_rec;
  }
  opt_g_->zero_grad();
  g_total.backward();
  opt_g_->step();
  set_requires_grad(*d_, true);

  // --- Bookkeeping and EMA.
  ++step_;
  images_shown_ += batch;
  stage_images_shown_ += batch;
  {
    torch::NoGradGuard no_grad;
    ema_update(*g_ema_, *g_,
               ema_beta(t.ema_halflife_images, t.ema_rampup, static_cast<double>(images_shown_),
                        batch));
  }
  report.step = step_;
  report.losses = {{"g_adv", g_adv.item<double>()},  {"g_total", g_total.item<double>()},
                   {"d_real", d_real.item<double>()}, {"d_fake", d_fake.item<double>()},
                   {"d_total", d_total.item<double>()}};
  if (rec.defined()) report.losses.emplace_back("g_rec", rec.item<double>());
  // R1 runs every r1_interval steps; report the latest value on every step so charts see it.
  if (r1.defined()) last_r1_ = r1.item<double>();
  if (last_r1_ >= 0) report.losses.emplace_back("r1", last_r1_);
  report.stage_finished = stage_images_shown_ >= config_.schedule.stage_images[stage_];
  return report;
}

bool Trainer::add_stage_seconds(double seconds) {
  stage_seconds_ += seconds;
  const auto& budget = config_.schedule.stage_seconds;
  return stage_ < static_cast<int>(budget.size()) && budget[stage_] > 0 &&
         stage_seconds_ >= budget[stage_];
}

bool Trainer::next_stage() {
  if (stage_ + 1 >= config_.num_stages()) {
    finished_ = true;
    return false;
  }
  teacher_ = frozen_copy(g_ema_, config_.generator, device_);
  has_teacher_ = true;
  ++stage_;
  stage_images_shown_ = 0;
  stage_seconds_ = 0.0;
  if (config_.schedule.reset_d_optimizer) make_d_optimizer();
  return true;
}

SampleEvent Trainer::sample_grid() {
  const auto& out = config_.output;
  const int count = out.sample_grid_cols * out.sample_grid_rows;
  const int cell = std::min(config_.stage_resolution(stage_), out.sample_max_resolution);
  auto rng = at::make_generator<at::CPUGeneratorImpl>(out.sample_seed);
  auto z = torch::randn({count, config_.generator.style_dim}, rng, torch::kFloat32).to(device_);
  torch::Tensor images;
  {
    torch::NoGradGuard no_grad;
    g_ema_->eval();
    images = render_view(g_ema_, g_ema_->map(z), View::training_domain(), cell, cell);
  }
  // [rows*cols, 3, c, c] -> [3, rows*c, cols*c]
  auto grid = images.to(torch::kCPU)
                  .view({out.sample_grid_rows, out.sample_grid_cols, 3, cell, cell})
                  .permute({2, 0, 3, 1, 4})
                  .reshape({3, out.sample_grid_rows * cell, out.sample_grid_cols * cell});
  SampleEvent event;
  event.stage = stage_;
  event.images_shown = images_shown_;
  event.cell_size = cell;
  event.cols = out.sample_grid_cols;
  event.rows = out.sample_grid_rows;
  event.grid = tensor_to_image(grid);
  return event;
}

void Trainer::save(const std::filesystem::path& file) const {
  torch::serialize::OutputArchive root;
  root.write("format", torch::tensor(kCheckpointFormat));
  root.write("config", string_tensor(to_toml(config_)));
  root.write("data_fingerprint", string_tensor(data_fingerprint_));
  write_module(root, "G", *g_);
  write_module(root, "G_ema", *g_ema_);
  write_module(root, "D", *d_);
  if (has_teacher_) write_module(root, "teacher", *teacher_);
  {
    torch::serialize::OutputArchive sub;
    opt_g_->save(sub);
    root.write("opt_G", sub);
  }
  {
    torch::serialize::OutputArchive sub;
    opt_d_->save(sub);
    root.write("opt_D", sub);
  }
  root.write("stage", torch::tensor(static_cast<std::int64_t>(stage_)));
  root.write("step", torch::tensor(step_));
  root.write("images_shown", torch::tensor(images_shown_));
  root.write("stage_images_shown", torch::tensor(stage_images_shown_));
  root.write("stage_seconds", torch::tensor(stage_seconds_, torch::kFloat64));
  root.write("finished", torch::tensor(static_cast<std::int64_t>(finished_)));
  root.write("has_teacher", torch::tensor(static_cast<std::int64_t>(has_teacher_)));
  root.write("rng_torch", torch_rng_.get_state());
  std::ostringstream rng_state;
  rng_state << rng_;
  root.write("rng_std", string_tensor(rng_state.str()));
  // Serialise in memory first: LibTorch's file writer aborts the process on a full disk, while a
  // checked write of the bytes fails with a message and leaves the previous checkpoint in place.
  std::ostringstream bytes;
  root.save_to(bytes);
  const std::string data = bytes.str();
  write_atomically(file, [&](const std::filesystem::path& temp) {
    std::ofstream out(temp, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out)
      throw std::runtime_error("cannot write checkpoint " + file.string() + ": " +
                               std::strerror(errno));
  });
}

void Trainer::load(const std::filesystem::path& file) {
  torch::serialize::InputArchive root;
  try {
    root.load_from(file.string(), device_);
  } catch (const c10::Error& e) {
    throw std::runtime_error(file.string() + ": not a readable checkpoint (" +
                             std::string(e.what_without_backtrace()) + ")");
  }
  if (read_scalar<std::int64_t>(root, "format") != kCheckpointFormat)
    throw std::runtime_error(file.string() + ": checkpoint format not supported");
  torch::Tensor fingerprint;
  checkpoint_fingerprint_ = root.try_read("data_fingerprint", fingerprint) ? tensor_string(fingerprint) : "";
  read_module(root, "G", *g_);
  read_module(root, "G_ema", *g_ema_);
  read_module(root, "D", *d_);
  has_teacher_ = read_scalar<std::int64_t>(root, "has_teacher") != 0;
  if (has_teacher_) {
    teacher_ = frozen_copy(g_ema_, config_.generator, device_);
    read_module(root, "teacher", *teacher_);
  }
  {
    torch::serialize::InputArchive sub;
    root.read("opt_G", sub);
    opt_g_->load(sub);
  }
  {
    torch::serialize::InputArchive sub;
    root.read("opt_D", sub);
    opt_d_->load(sub);
  }
  stage_ = static_cast<int>(read_scalar<std::int64_t>(root, "stage"));
  step_ = read_scalar<std::int64_t>(root, "step");
  images_shown_ = read_scalar<std::int64_t>(root, "images_shown");
  stage_images_shown_ = read_scalar<std::int64_t>(root, "stage_images_shown");
  stage_seconds_ = read_scalar<double>(root, "stage_seconds");
  finished_ = read_scalar<std::int64_t>(root, "finished") != 0;
  torch::Tensor state;
  root.read("rng_torch", state);
  torch_rng_.set_state(state.to(torch::kCPU));
  root.read("rng_std", state);
  std::istringstream rng_state(tensor_string(state));
  rng_state >> rng_;
}

namespace {
std::string read_checkpoint_string(const std::filesystem::path& file, const char* key) {
  torch::serialize::InputArchive root;
  try {
    root.load_from(file.string(), torch::kCPU);
  } catch (const c10::Error& e) {
    throw std::runtime_error(file.string() + ": not a readable checkpoint (" +
                             std::string(e.what_without_backtrace()) + ")");
  }
  torch::Tensor text;
  if (!root.try_read(key, text)) return {};
  return tensor_string(text);
}
}  // namespace

Config read_checkpoint_config(const std::filesystem::path& file) {
  const std::string text = read_checkpoint_string(file, "config");
  if (text.empty()) throw std::runtime_error(file.string() + ": the checkpoint holds no config");
  return parse_config_toml(text, file.string() + " (stored config)");
}


LoadedGenerator load_generator(const std::filesystem::path& checkpoint, torch::Device device) {
  LoadedGenerator loaded;
  loaded.config = read_checkpoint_config(checkpoint);
  torch::serialize::InputArchive root;
  root.load_from(checkpoint.string(), device);
  loaded.generator = Generator(loaded.config.generator);
  loaded.generator->to(device);
  read_module(root, "G_ema", *loaded.generator);
  loaded.generator->eval();
  loaded.step = read_scalar<std::int64_t>(root, "step");
  loaded.stage = static_cast<int>(read_scalar<std::int64_t>(root, "stage"));
  return loaded;
}

}  // namespace inrgan
