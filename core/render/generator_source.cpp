#include "core/render/generator_source.h"

#include <stdexcept>

#include "core/model/module_utils.h"
#include "core/render/generator_source_impl.h"
#include "core/train/checkpoint_files.h"
#include "core/train/trainer.h"
#include "core/util/runtime.h"

namespace inrgan {

GeneratorSource::GeneratorSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GeneratorSource::~GeneratorSource() = default;

const std::string& GeneratorSource::label() const { return impl_->label; }
const std::filesystem::path& GeneratorSource::file() const { return impl_->file; }
std::int64_t GeneratorSource::step() const { return impl_->step; }
int GeneratorSource::stage() const { return impl_->stage; }
const Config& GeneratorSource::config() const { return impl_->config; }
int GeneratorSource::training_resolution() const {
  return impl_->config.schedule.resolution;
}

GeneratorSourcePtr open_checkpoint_source(const std::filesystem::path& checkpoint_or_run_dir,
                                          const std::string& device) {
  const auto file = find_checkpoint(checkpoint_or_run_dir);
  if (!file)
    throw std::runtime_error(checkpoint_or_run_dir.string() +
                             " is neither a checkpoint nor a run folder with one");
  auto impl = std::make_unique<GeneratorSource::Impl>();
  impl->device = torch::Device(resolve_device(device));
  try {
    auto loaded = load_generator(*file, impl->device);
    impl->generator = loaded.generator;
    impl->config = std::move(loaded.config);
    impl->step = loaded.step;
    impl->stage = loaded.stage;
  } catch (const c10::Error& e) {
    throw std::runtime_error(file->string() + ": " + e.what_without_backtrace());
  } catch (const std::exception& e) {
    const std::string what = e.what();
    // Most loader messages already name the file.
    throw std::runtime_error(what.find(file->string()) == std::string::npos
                                 ? file->string() + ": " + what
                                 : what);
  }
  impl->generator->eval();
  impl->label = file->filename().string();
  impl->file = *file;
  return std::make_shared<const GeneratorSource>(std::move(impl));
}

GeneratorSourcePtr random_weights_source(const Config& config, std::uint64_t seed,
                                         const std::string& label, const std::string& device) {
  torch::manual_seed(seed);
  Generator generator(config.generator);
  generator->to(torch::Device(resolve_device(device)));
  return make_snapshot_source(generator, config, 0, 0, label);
}

GeneratorSourcePtr make_snapshot_source(Generator& generator, const Config& config,
                                        std::int64_t step, int stage, const std::string& label) {
  auto impl = std::make_unique<GeneratorSource::Impl>();
  impl->generator = Generator(config.generator);
  impl->device = generator->w_avg.device();
  impl->generator->to(impl->device);
  copy_module_state(*impl->generator, *generator);
  impl->generator->eval();
  impl->config = config;
  impl->label = label;
  impl->step = step;
  impl->stage = stage;
  return std::make_shared<const GeneratorSource>(std::move(impl));
}

}  // namespace inrgan
