#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/config/config.h"

using namespace inrgan;

TEST(Config, EveryShippedPresetLoadsAndValidates) {
  const auto names = preset_names();
  ASSERT_GE(names.size(), 3u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const Config c = load_config(preset_path(name));
    EXPECT_EQ(static_cast<int>(c.schedule.stage_images.size()), c.num_stages());
  }
}

TEST(Config, CpuPresetHasTwoStagesOf32And64Pixels) {
  const Config c = load_config(preset_path("cpu-small"));
  ASSERT_EQ(c.num_stages(), 2);
  EXPECT_EQ(c.stage_resolution(0), 32);
  EXPECT_EQ(c.stage_resolution(1), 64);
  EXPECT_EQ(c.stage_input_size(1), 32);
}

TEST(Config, Cips256PresetHasThePublishedGeneratorSize) {
  const Config c = load_config(preset_path("cips256"));
  EXPECT_EQ(c.generator.widths.size(), 15u);
  EXPECT_EQ(c.generator.widths.front(), 512);
  EXPECT_EQ(c.generator.style_dim, 512);
  EXPECT_EQ(c.generator.mapping_layers, 8);
  EXPECT_EQ(c.generator.fourier_features, 512);
  EXPECT_EQ(c.generator.embedding_channels, 512);
}

TEST(Config, FullModeHasOneStageAtTheTargetResolution) {
  const Config c = parse_config_toml(
      "[schedule]\nmode = \"full\"\nresolution = 64\npatch = 32\nstage_images = [100]\n");
  EXPECT_EQ(c.num_stages(), 1);
  EXPECT_EQ(c.stage_resolution(0), 64);
  EXPECT_EQ(c.stage_input_size(0), 64);
}

TEST(Config, ResolvedTomlRoundTrips) {
  Config c = load_config(preset_path("cpu-small"));
  c.training.r1_gamma_per_stage = {0.1, 0.2};
  c.schedule.stage_seconds = {60.0, 0.0};
  c.training.lr = 0.00123456789;
  const Config back = parse_config_toml(to_toml(c));
  EXPECT_EQ(to_toml(back), to_toml(c));
  EXPECT_DOUBLE_EQ(back.training.lr, 0.00123456789);
  EXPECT_DOUBLE_EQ(back.r1_gamma_for_stage(1), 0.2);
}

TEST(Config, JsonAndTomlGiveTheSameConfig) {
  const Config t = parse_config_toml("[training]\nbatch = 4\n[model]\nwidths = [8, 8]\n");
  const Config j = parse_config_json(R"({"training": {"batch": 4}, "model": {"widths": [8, 8]}})");
  EXPECT_EQ(to_toml(t), to_toml(j));
}

// Each bad config must fail with a message naming the key.
TEST(Config, BadValuesAreRejectedNamingTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"[training]\nbatch = 0\n", "training.batch"},
      {"[training]\nbatch = 6\n", "mbstd_group"},
      {"[schedule]\npatch = 24\n", "schedule.patch"},
      {"[schedule]\nresolution = 96\n", "schedule.resolution"},
      {"[schedule]\nstage_images = [100]\n", "schedule.stage_images"},
      {"[model]\nembedding_padding = \"wrap\"\n", "model.embedding_padding"},
      {"[model]\nwidths = []\n", "model.widths"},
      {"[training]\nlearning_rate = 0.1\n", "training.learning_rate"},
      {"[trainig]\nbatch = 8\n", "trainig"},
      {"[training]\nbatch = \"eight\"\n", "training.batch"},
      {"[training]\nteacher = \"other\"\n", "training.teacher"},
      {"[training]\nbatch = 8\nbatch = 9\n", "not valid TOML"},
  };
  for (const auto& [text, key] : cases) {
    SCOPED_TRACE(text);
    try {
      parse_config_toml(text, "bad.toml");
      ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("bad.toml"), std::string::npos) << e.what();
    }
  }
}

TEST(Config, MissingFileAndWrongExtensionAreClearErrors) {
  EXPECT_THROW(load_config("/nonexistent/x.toml"), ConfigError);
  const auto path = std::filesystem::temp_directory_path() / "inrgan_config_test.yaml";
  std::ofstream(path) << "a: 1\n";
  try {
    load_config(path);
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(".toml or .json"), std::string::npos);
  }
  std::filesystem::remove(path);
}

TEST(Config, UnknownPresetListsTheKnownOnes) {
  try {
    preset_path("no-such-preset");
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("cpu-small"), std::string::npos) << e.what();
  }
}
