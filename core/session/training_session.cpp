#include "core/session/training_session.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/data/image_folder.h"
#include "core/data/patch_sampler.h"
#include "core/model/module_utils.h"
#include "core/render/generator_source_impl.h"
#include "core/session/run_folder.h"
#include "core/train/checkpoint_files.h"
#include "core/train/trainer.h"
#include "core/util/runtime.h"

namespace inrgan {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct TrainingSession::Impl {
  EventSink sink;
  std::thread worker;
  mutable std::mutex mutex;
  std::condition_variable wake;
  SessionState state = SessionState::Idle;
  bool pause_requested = false;
  bool stop_requested = false;
  std::atomic<bool> snapshot_requested{false};

  void emit(const TrainingEvent& event) {
    if (sink) sink(event);
  }
  void log(LogLevel level, std::string message) { emit(LogEvent{level, std::move(message)}); }
  void set_state(SessionState next, std::string message = {}) {
    {
      std::lock_guard lock(mutex);
      state = next;
    }
    emit(StateEvent{next, std::move(message)});
  }
  // Blocks while paused, answering snapshot requests (exploring a paused run is common); returns
  // false when a stop was asked for.
  bool wait_while_paused(const std::function<void()>& publish_snapshot) {
    std::unique_lock lock(mutex);
    if (pause_requested && !stop_requested) {
      state = SessionState::Paused;
      lock.unlock();
      emit(StateEvent{SessionState::Paused, {}});
      lock.lock();
      for (;;) {
        wake.wait(lock, [&] { return !pause_requested || stop_requested || snapshot_requested; });
        if (!snapshot_requested || !pause_requested || stop_requested) break;
        lock.unlock();
        publish_snapshot();
        lock.lock();
      }
      if (!stop_requested) {
        state = SessionState::Running;
        lock.unlock();
        emit(StateEvent{SessionState::Running, {}});
        lock.lock();
      }
    }
    return !stop_requested;
  }

  void run(SessionOptions options);
  void train(SessionOptions& options);
};

namespace {

StepEvent make_step_event(const Trainer& trainer, const StepReport& report, double images_per_second,
                          double seconds_per_step) {
  const Config& config = trainer.config();
  StepEvent e;
  e.step = report.step;
  e.stage = trainer.stage();
  e.num_stages = config.num_stages();
  e.resolution = config.stage_resolution(trainer.stage());
  e.patch = config.stage_input_size(trainer.stage());
  e.images_shown = trainer.images_shown();
  e.stage_images_shown = trainer.stage_images_shown();
  e.stage_budget_images = config.schedule.stage_images[trainer.stage()];
  e.stage_seconds = trainer.stage_seconds();
  if (trainer.stage() < static_cast<int>(config.schedule.stage_seconds.size()))
    e.stage_budget_seconds = config.schedule.stage_seconds[trainer.stage()];
  e.losses = report.losses;
  e.images_per_second = images_per_second;
  e.seconds_per_step = seconds_per_step;
  if (images_per_second > 0) {
    const double stage_left =
        static_cast<double>(std::max<std::int64_t>(0, e.stage_budget_images - e.stage_images_shown));
    double later = 0;
    for (int k = trainer.stage() + 1; k < e.num_stages; ++k)
      later += static_cast<double>(config.schedule.stage_images[k]);
    e.stage_eta_seconds = stage_left / images_per_second;
    if (e.stage_budget_seconds > 0)
      e.stage_eta_seconds = std::min(e.stage_eta_seconds, e.stage_budget_seconds - e.stage_seconds);
    e.eta_seconds = e.stage_eta_seconds + later / images_per_second;
  }
  e.peak_memory_bytes = peak_rss_bytes();
  e.real_windows = report.real_windows;
  e.fake_windows = report.fake_windows;
  return e;
}

StageEvent make_stage_event(const Trainer& trainer) {
  const Config& c = trainer.config();
  return StageEvent{trainer.stage(), c.num_stages(), c.stage_resolution(trainer.stage()),
                    c.stage_input_size(trainer.stage()), c.schedule.stage_images[trainer.stage()]};
}

std::int64_t next_multiple(std::int64_t value, std::int64_t every) {
  return (value / every + 1) * every;
}

}  // namespace

void TrainingSession::Impl::run(SessionOptions options) {
  try {
    train(options);
  } catch (const c10::Error& e) {  // LibTorch's messages carry a C++ backtrace: drop it
    set_state(SessionState::Failed, e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_state(SessionState::Failed, e.what());
  } catch (...) {
    set_state(SessionState::Failed, "unknown error");
  }
}

void TrainingSession::Impl::train(SessionOptions& options) {
  set_state(SessionState::Preparing);
  Config config = options.config;
  std::optional<fs::path> resume_from;
  if (options.resume) {
    resume_from = find_checkpoint(options.run_dir);
    config = read_checkpoint_config(*resume_from);
    log(LogLevel::Info, "Resuming from " + resume_from->string() + " with the run's stored config");
    if (options.config_given && to_toml(options.config) != to_toml(config))
      log(LogLevel::Warning, "The config given with resume differs from the run's stored config; "
                             "the stored config is used so that the run continues exactly.");
  }
  init_runtime(config.training.threads);
  const torch::Device device(resolve_device(config.training.device));
  emit(PrepareEvent{"Checking images in " + options.data_dir.string(), 0, 0});
  auto scan = scan_image_folder(options.data_dir, 8, [&](int done, int total) {
    emit(PrepareEvent{"Checking images in " + options.data_dir.string(), done, total});
  });
  // Only now: a folder with nothing to train on must not leave a run folder behind.
  RunFolder run(options.run_dir);
  run.write_config(config);
  if (!scan.skipped.empty()) {
    run.write_skipped(scan.skipped);
    const std::size_t shown = std::min<std::size_t>(scan.skipped.size(), 20);
    for (std::size_t i = 0; i < shown; ++i)
      log(LogLevel::Warning, "Skipped " + scan.skipped[i].path.string() + ": " + scan.skipped[i].reason);
    if (scan.skipped.size() > shown)
      log(LogLevel::Warning, "... and " + std::to_string(scan.skipped.size() - shown) +
                                 " more; all are listed in " + (run.root() / "skipped_files.txt").string());
  }
  log(LogLevel::Info, "Training on " + std::to_string(scan.images.size()) + " images from " +
                          options.data_dir.string());
  const std::string fingerprint = scan.fingerprint;
  auto cache = std::make_shared<ResizedImageCache>(std::move(scan), config.data.cache_mb << 20,
                                                   config.data.crop == "center");
  auto sampler = std::make_shared<PatchSampler>(cache, config.data);
  Trainer trainer(config, sampler, device, fingerprint);
  if (resume_from) {
    trainer.load(*resume_from);
    // A hard kill can leave stats lines past the checkpoint; they would repeat after the resume.
    run.truncate_stats_after(trainer.step_count());
    const std::string& stored = trainer.checkpoint_fingerprint();
    if (!stored.empty() && stored != fingerprint)
      log(LogLevel::Warning, "The data folder differs from the one this run was trained on "
                             "(files added, removed or changed); training continues on it.");
  }
  const std::string blas = blas_core_name();
  log(LogLevel::Info, "Generator " + std::to_string(count_parameters(*trainer.generator())) +
                          " parameters, discriminator " +
                          std::to_string(count_parameters(*trainer.discriminator())) +
                          " parameters, device " + device.str() + ", " +
                          std::to_string(torch::get_num_threads()) + " threads" +
                          (blas.empty() ? "" : ", OpenBLAS " + blas + " kernels"));

  const auto& out = config.output;
  std::int64_t next_checkpoint = next_multiple(trainer.images_shown(), out.checkpoint_every_images);
  std::int64_t saved_at_step = resume_from ? trainer.step_count() : -1;
  auto save_checkpoint = [&] {
    const auto file = checkpoint_path(run.root(), trainer.step_count());
    trainer.save(file);
    rotate_checkpoints(run.root(), out.keep_checkpoints);
    emit(CheckpointEvent{file, trainer.step_count()});
    saved_at_step = trainer.step_count();
    next_checkpoint = next_multiple(trainer.images_shown(), out.checkpoint_every_images);
  };
  // A copy of the EMA generator for the explorer: it renders from it while training goes on.
  auto publish_snapshot = [&] {
    snapshot_requested = false;
    emit(GeneratorSnapshotEvent{make_snapshot_source(trainer.generator_ema(), config,
                                                     trainer.step_count(), trainer.stage()),
                                trainer.step_count()});
  };
  std::int64_t sampled_at_step = -1;
  auto publish_samples = [&] {
    if (sampled_at_step == trainer.step_count()) return;  // one grid per step at most
    sampled_at_step = trainer.step_count();
    SampleEvent event = trainer.sample_grid();
    event.file = run.write_sample_grid(event);
    emit(event);
    publish_snapshot();
  };

  emit(make_stage_event(trainer));
  set_state(SessionState::Running);
  if (!resume_from) publish_samples();
  std::int64_t next_sample = next_multiple(trainer.images_shown(), out.sample_every_images);
  std::int64_t session_steps = 0;
  double images_per_second = 0, seconds_per_step = 0;
  int ticks = 0;

  while (!trainer.finished()) {
    if (!wait_while_paused(publish_snapshot)) break;
    const auto start = Clock::now();
    StepReport report = trainer.step();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const bool out_of_time = trainer.add_stage_seconds(seconds);
    for (const auto& [name, value] : report.losses)
      if (!std::isfinite(value))
        throw std::runtime_error("step " + std::to_string(report.step) + ": loss " + name +
                                 " is not finite; training stopped before saving this state (the "
                                 "last good checkpoint is kept). Lower the learning rate or raise "
                                 "r1_gamma, then resume.");
    // Smoothed over ~20 steps; the first step (allocations) is not representative.
    const double alpha = session_steps == 0 ? 1.0 : 0.05;
    seconds_per_step = (1 - alpha) * seconds_per_step + alpha * seconds;
    images_per_second = config.training.batch / std::max(seconds_per_step, 1e-9);
    ++session_steps;
    const bool stage_done = report.stage_finished || out_of_time;

    if (report.step % out.log_every_steps == 0 || stage_done) {
      StepEvent event = make_step_event(trainer, report, images_per_second, seconds_per_step);
      run.append_stats(event);
      emit(event);
      if (ticks++ % 5 == 0) {
        PatchOverlayEvent overlay;
        overlay.stage = trainer.stage();
        overlay.resolution = config.stage_resolution(trainer.stage());
        overlay.image = *cache->get(report.overlay_image_index, overlay.resolution);
        overlay.windows = {report.real_windows.front()};
        emit(overlay);
      }
    }
    if (snapshot_requested) publish_snapshot();
    if (trainer.images_shown() >= next_sample) {
      publish_samples();
      next_sample = next_multiple(trainer.images_shown(), out.sample_every_images);
    }
    // At a stage change the checkpoint is written after next_stage(), with the new teacher.
    if (trainer.images_shown() >= next_checkpoint && !stage_done) {
      save_checkpoint();
    }
    if (stage_done) {
      const int ended = trainer.stage();
      if (trainer.next_stage()) {
        log(LogLevel::Info, "Stage " + std::to_string(ended) + " done; stage " +
                                std::to_string(trainer.stage()) + " at " +
                                std::to_string(config.stage_resolution(trainer.stage())) + " px");
        emit(make_stage_event(trainer));
        publish_samples();
        save_checkpoint();  // the new stage's teacher is part of the state
      }
    }
    if (options.max_steps > 0 && session_steps >= options.max_steps) break;
  }
  if (trainer.finished()) publish_samples();
  if (saved_at_step != trainer.step_count() || trainer.finished()) save_checkpoint();
  if (trainer.finished())
    set_state(SessionState::Finished, "Training complete after " +
                                          std::to_string(trainer.step_count()) + " steps");
  else
    set_state(SessionState::Finished, "Stopped at step " + std::to_string(trainer.step_count()) +
                                          "; resume to continue");
}

TrainingSession::TrainingSession(EventSink sink) : impl_(std::make_unique<Impl>()) {
  impl_->sink = std::move(sink);
}

TrainingSession::~TrainingSession() {
  stop();
  wait();
}

void TrainingSession::start(SessionOptions options) {
  {
    std::lock_guard lock(impl_->mutex);
    const auto s = impl_->state;
    if (s == SessionState::Preparing || s == SessionState::Running || s == SessionState::Paused ||
        s == SessionState::Stopping)
      throw std::logic_error("a training session is already running");
  }
  if (impl_->worker.joinable()) impl_->worker.join();
  // Reject bad input here, before the worker starts: the caller gets the message at once.
  validate(options.config);
  std::error_code ec;
  if (!fs::is_directory(options.data_dir, ec))
    throw ConfigError("data folder " + options.data_dir.string() + " does not exist or is not a folder");
  if (options.run_dir.empty()) throw ConfigError("no run folder given");
  if (options.resume && !find_checkpoint(options.run_dir))
    throw ConfigError("cannot resume: no checkpoint in " + checkpoint_dir(options.run_dir).string());
  if (!options.resume && !list_checkpoints(options.run_dir).empty())
    throw ConfigError("run folder " + options.run_dir.string() +
                      " already holds checkpoints: resume it, or choose a new run folder");
  {
    std::lock_guard lock(impl_->mutex);
    impl_->pause_requested = false;
    impl_->stop_requested = false;
    impl_->state = SessionState::Preparing;
  }
  impl_->worker = std::thread([impl = impl_.get(), options = std::move(options)]() mutable {
    impl->run(std::move(options));
  });
}

void TrainingSession::request_snapshot() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->snapshot_requested = true;
  }
  impl_->wake.notify_all();
}

void TrainingSession::pause() {
  std::lock_guard lock(impl_->mutex);
  impl_->pause_requested = true;
}

void TrainingSession::resume() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->pause_requested = false;
  }
  impl_->wake.notify_all();
}

void TrainingSession::stop() {
  bool running = false;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop_requested = true;
    const auto s = impl_->state;
    running = s == SessionState::Preparing || s == SessionState::Running || s == SessionState::Paused;
    if (running) impl_->state = SessionState::Stopping;
  }
  impl_->wake.notify_all();
  if (running) impl_->emit(StateEvent{SessionState::Stopping, {}});
}

void TrainingSession::wait() {
  if (impl_->worker.joinable()) impl_->worker.join();
}

SessionState TrainingSession::state() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state;
}

}  // namespace inrgan
