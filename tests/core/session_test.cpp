#include <gtest/gtest.h>
#include <torch/torch.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "core/config/config.h"
#include "core/render/render_image.h"
#include "core/session/training_session.h"
#include "core/train/checkpoint_files.h"
#include "core/train/trainer.h"
#include "test_images.h"

using namespace inrgan;
using namespace std::chrono_literals;

namespace {

// Collects events from the worker thread.
struct Recorder {
  std::mutex mutex;
  std::vector<TrainingEvent> events;
  EventSink sink() {
    return [this](const TrainingEvent& e) {
      std::lock_guard lock(mutex);
      events.push_back(e);
    };
  }
  template <typename T>
  std::vector<T> all() {
    std::lock_guard lock(mutex);
    std::vector<T> out;
    for (const auto& e : events)
      if (const auto* x = std::get_if<T>(&e)) out.push_back(*x);
    return out;
  }
};

bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

bool any_parameter_differs(torch::nn::Module& a, torch::nn::Module& b) {
  auto pb = b.named_parameters();
  for (const auto& item : a.named_parameters())
    if (!torch::equal(item.value(), pb[item.key()])) return true;
  return false;
}

}  // namespace

// The smallest preset, run to the end on a few real telescope photos, as a user would.
TEST(TrainingSession, ShortRunOnRealPhotosChangesGAndDAndWritesTheRunFolder) {
  const auto dir = test_support::fresh_temp_dir("session-real");
  if (!test_support::copy_real_photos(dir / "photos", 8))
    FAIL() << "default data set missing: run scripts/fetch_data.sh";
  std::ofstream(dir / "photos" / "notes.png") << "this is text, not an image";

  Recorder recorder;
  SessionOptions options;
  options.config = load_config(preset_path("tiny"));
  options.data_dir = dir / "photos";
  options.run_dir = dir / "run";
  TrainingSession session(recorder.sink());
  session.start(options);
  session.wait();
  ASSERT_EQ(session.state(), SessionState::Finished)
      << (recorder.all<StateEvent>().empty() ? "" : recorder.all<StateEvent>().back().message);

  // Every stage ran, with steps reported per stage and losses that are numbers.
  const auto stages = recorder.all<StageEvent>();
  ASSERT_EQ(stages.size(), 2u);
  EXPECT_EQ(stages[1].resolution, 16);
  const auto steps = recorder.all<StepEvent>();
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps.back().images_shown, options.config.total_images());
  EXPECT_GT(steps.back().images_per_second, 0.0);
  EXPECT_GT(steps.back().peak_memory_bytes, 0);

  // The junk file was skipped and reported by name.
  bool reported = false;
  for (const auto& log : recorder.all<LogEvent>())
    reported |= log.message.find("notes.png") != std::string::npos;
  EXPECT_TRUE(reported);

  // Run folder: resolved config, stats, samples, checkpoint.
  EXPECT_NO_THROW(load_config(dir / "run" / "config.toml"));
  std::ifstream stats(dir / "run" / "stats.jsonl");
  std::string line;
  int lines = 0;
  while (std::getline(stats, line)) {
    ++lines;
    EXPECT_NE(line.find("\"g_adv\""), std::string::npos);
  }
  EXPECT_GE(lines, 2);
  EXPECT_TRUE(std::filesystem::exists(dir / "run" / "samples" / "latest.png"));
  const auto samples = recorder.all<SampleEvent>();
  ASSERT_GE(samples.size(), 2u);
  EXPECT_FALSE(samples.back().grid.empty());
  const auto checkpoint = find_checkpoint(dir / "run");
  ASSERT_TRUE(checkpoint.has_value());

  // G and D moved away from their initial values.
  Trainer initial(options.config, nullptr, torch::kCPU);
  Trainer trained(options.config, nullptr, torch::kCPU);
  trained.load(*checkpoint);
  EXPECT_TRUE(trained.finished());
  EXPECT_TRUE(any_parameter_differs(*trained.generator(), *initial.generator()));
  EXPECT_TRUE(any_parameter_differs(*trained.generator_ema(), *initial.generator_ema()));
  EXPECT_TRUE(any_parameter_differs(*trained.discriminator(), *initial.discriminator()));
  std::filesystem::remove_all(dir);
}

TEST(TrainingSession, PauseResumeAndStopAnswerWithinASecondAndResumeContinues) {
  const auto dir = test_support::fresh_temp_dir("session-control");
  test_support::write_disc_folder(dir / "images", 6, 32);
  Config config = load_config(preset_path("tiny"));
  config.schedule.stage_images = {1000000, 1000000};
  config.output.checkpoint_every_images = 1000000;
  Recorder recorder;
  SessionOptions options{config, dir / "images", dir / "run"};
  {
    TrainingSession session(recorder.sink());
    session.start(options);
    ASSERT_TRUE(wait_for([&] { return recorder.all<StepEvent>().size() >= 3; }, 60s));
    session.pause();
    EXPECT_TRUE(wait_for([&] { return session.state() == SessionState::Paused; }, 1s));
    const auto paused_steps = recorder.all<StepEvent>().size();
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(recorder.all<StepEvent>().size(), paused_steps);  // nothing runs while paused
    session.resume();
    EXPECT_TRUE(wait_for([&] { return recorder.all<StepEvent>().size() > paused_steps; }, 5s));
    session.stop();
    EXPECT_TRUE(wait_for([&] { return session.state() == SessionState::Finished; }, 2s));
  }
  const auto stopped_at = recorder.all<StepEvent>().back().step;
  const auto checkpoint = find_checkpoint(dir / "run");
  ASSERT_TRUE(checkpoint.has_value());

  // A new session resumes the run from its checkpoint instead of starting over.
  Recorder second;
  options.resume = true;
  options.max_steps = 2;
  TrainingSession session(second.sink());
  session.start(options);
  session.wait();
  const auto steps = second.all<StepEvent>();
  ASSERT_FALSE(steps.empty());
  EXPECT_GT(steps.front().step, stopped_at);
  EXPECT_EQ(steps.back().step, stopped_at + 2);
  std::filesystem::remove_all(dir);
}

TEST(TrainingSession, BadInputIsRejectedBeforeWorkStarts) {
  const auto dir = test_support::fresh_temp_dir("session-bad");
  Recorder recorder;
  TrainingSession session(recorder.sink());
  SessionOptions options{load_config(preset_path("tiny")), dir / "missing", dir / "run"};
  try {
    session.start(options);
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
  }
  options.data_dir = dir;
  options.resume = true;
  EXPECT_THROW(session.start(options), ConfigError);  // nothing to resume
  options.resume = false;
  options.config.training.batch = 0;
  EXPECT_THROW(session.start(options), ConfigError);
  EXPECT_EQ(session.state(), SessionState::Idle);
  std::filesystem::remove_all(dir);
}

TEST(TrainingSession, AFolderWithoutImagesFailsWithAMessageAndNoCrash) {
  const auto dir = test_support::fresh_temp_dir("session-empty");
  std::filesystem::create_directories(dir / "junk");
  std::ofstream(dir / "junk" / "a.png") << "text";
  std::ofstream(dir / "junk" / "readme.txt") << "text";
  Recorder recorder;
  TrainingSession session(recorder.sink());
  session.start({load_config(preset_path("tiny")), dir / "junk", dir / "run"});
  session.wait();
  EXPECT_EQ(session.state(), SessionState::Failed);
  const auto states = recorder.all<StateEvent>();
  ASSERT_FALSE(states.empty());
  EXPECT_NE(states.back().message.find("junk"), std::string::npos) << states.back().message;
  // Nothing to train on: no run folder is left behind to trip up the next try.
  EXPECT_FALSE(std::filesystem::exists(dir / "run"));
  std::filesystem::remove_all(dir);
}

// The explorer renders from snapshots of the EMA generator while training goes on: they come with
// every sample grid and on request (also while paused), and stay as they were when taken.
TEST(TrainingSession, SnapshotsOfTheEmaGeneratorForTheExplorer) {
  const auto dir = test_support::fresh_temp_dir("session-snapshot");
  test_support::write_disc_folder(dir / "images", 6, 32);
  Config config = load_config(preset_path("tiny"));
  config.schedule.stage_images = {1000000, 1000000};
  config.output.checkpoint_every_images = 1000000;
  Recorder recorder;
  SessionOptions options{config, dir / "images", dir / "run"};
  TrainingSession session(recorder.sink());
  session.start(options);
  // The first sample grid (before step 1) comes with a snapshot.
  ASSERT_TRUE(wait_for([&] { return !recorder.all<GeneratorSnapshotEvent>().empty(); }, 60s));
  const auto first = recorder.all<GeneratorSnapshotEvent>().front();
  ASSERT_TRUE(first.generator);
  EXPECT_EQ(first.generator->label(), "live");
  EXPECT_EQ(first.generator->step(), first.step);
  const auto before = render_image(first.generator, {3}, 1.0, View::training_domain(), 16, 16);

  ASSERT_TRUE(wait_for([&] { return recorder.all<StepEvent>().size() >= 5; }, 60s));
  session.request_snapshot();
  ASSERT_TRUE(wait_for([&] { return recorder.all<GeneratorSnapshotEvent>().size() >= 2; }, 5s));
  const auto later = recorder.all<GeneratorSnapshotEvent>().back();
  EXPECT_GT(later.step, first.step);
  // Training changed the EMA generator, and the first snapshot did not change with it.
  EXPECT_NE(render_image(later.generator, {3}, 1.0, View::training_domain(), 16, 16).pixels,
            before.pixels);
  EXPECT_EQ(render_image(first.generator, {3}, 1.0, View::training_domain(), 16, 16).pixels,
            before.pixels);

  session.pause();
  ASSERT_TRUE(wait_for([&] { return session.state() == SessionState::Paused; }, 2s));
  const auto count = recorder.all<GeneratorSnapshotEvent>().size();
  session.request_snapshot();
  EXPECT_TRUE(wait_for([&] { return recorder.all<GeneratorSnapshotEvent>().size() > count; }, 2s));
  EXPECT_EQ(session.state(), SessionState::Paused);
  session.stop();
  session.wait();
  std::filesystem::remove_all(dir);
}
