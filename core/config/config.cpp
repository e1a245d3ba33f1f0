// Config files: TOML or JSON, both read through one JSON document so that every key is checked
// the same way. Unknown keys are errors: a typo must not silently fall back to a default.
#include "core/config/config.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace inrgan {

using nlohmann::json;

namespace {

// Reads the keys of one table, remembering which were used so that leftovers can be reported.
class TableReader {
 public:
  TableReader(const json& table, std::string path, const std::string& origin)
      : table_(table), path_(std::move(path)), origin_(origin) {
    if (!table_.is_object()) fail(path_, "must be a table");
  }

  template <typename T>
  void read(const char* key, T& out) {
    used_.insert(key);
    auto it = table_.find(key);
    if (it == table_.end()) return;
    try {
      out = convert<T>(*it);
    } catch (const std::exception& e) {
      fail(full(key), e.what());
    }
  }

  void finish() const {
    for (auto it = table_.begin(); it != table_.end(); ++it) {
      if (!used_.count(it.key())) {
        std::string known;
        for (const auto& k : used_) known += (known.empty() ? "" : ", ") + k;
        fail(full(it.key()), "is not a known key (known here: " + known + ")");
      }
    }
  }

 private:
  template <typename T>
  static T convert(const json& value) {
    if constexpr (std::is_same_v<T, bool>) {
      if (!value.is_boolean()) throw std::invalid_argument("must be true or false");
      return value.get<bool>();
    } else if constexpr (std::is_integral_v<T>) {
      if (!value.is_number_integer()) throw std::invalid_argument("must be an integer");
      if constexpr (std::is_unsigned_v<T>) {
        if (value.get<long long>() < 0) throw std::invalid_argument("must not be negative");
      }
      return value.get<T>();
    } else if constexpr (std::is_floating_point_v<T>) {
      if (!value.is_number()) throw std::invalid_argument("must be a number");
      return value.get<T>();
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (!value.is_string()) throw std::invalid_argument("must be a string");
      return value.get<std::string>();
    } else {  // std::vector<X>
      if (!value.is_array()) throw std::invalid_argument("must be an array");
      T result;
      for (const auto& item : value) result.push_back(convert<typename T::value_type>(item));
      return result;
    }
  }

  std::string full(const std::string& key) const { return path_ + "." + key; }
  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw ConfigError(origin_ + ": " + key + " " + what);
  }

  const json& table_;
  std::string path_;
  const std::string& origin_;
  std::set<std::string> used_;
};

const json& section(const json& root, const char* name) {
  static const json empty = json::object();
  auto it = root.find(name);
  return it == root.end() ? empty : *it;
}

Config from_json(const json& root, const std::string& origin) {
  if (!root.is_object()) throw ConfigError(origin + ": the top level must be a table");
  Config c;
  {
    TableReader r(section(root, "model"), "model", origin);
    auto& g = c.generator;
    r.read("style_dim", g.style_dim);
    r.read("mapping_layers", g.mapping_layers);
    r.read("mapping_lr_mul", g.mapping_lr_mul);
    r.read("fourier_features", g.fourier_features);
    r.read("fourier_init_scale", g.fourier_init_scale);
    r.read("embedding_channels", g.embedding_channels);
    r.read("embedding_size", g.embedding_size);
    r.read("embedding_padding", g.embedding_padding);
    r.read("widths", g.widths);
    r.read("torgb_every", g.torgb_every);
    r.finish();
  }
  {
    TableReader r(section(root, "discriminator"), "discriminator", origin);
    auto& d = c.discriminator;
    r.read("base_channels", d.base_channels);
    r.read("max_channels", d.max_channels);
    r.read("mbstd_group", d.mbstd_group);
    r.read("mbstd_channels", d.mbstd_channels);
    r.finish();
  }
  {
    TableReader r(section(root, "schedule"), "schedule", origin);
    auto& s = c.schedule;
    r.read("mode", s.mode);
    r.read("resolution", s.resolution);
    r.read("patch", s.patch);
    r.read("stage_images", s.stage_images);
    r.read("stage_seconds", s.stage_seconds);
    r.read("reset_d_optimizer", s.reset_d_optimizer);
    r.finish();
  }
  {
    TableReader r(section(root, "training"), "training", origin);
    auto& t = c.training;
    r.read("batch", t.batch);
    r.read("lr", t.lr);
    r.read("beta1", t.beta1);
    r.read("beta2", t.beta2);
    r.read("r1_gamma", t.r1_gamma);
    r.read("r1_gamma_per_stage", t.r1_gamma_per_stage);
    r.read("r1_interval", t.r1_interval);
    r.read("lambda_rec", t.lambda_rec);
    r.read("teacher", t.teacher);
    r.read("ema_halflife_images", t.ema_halflife_images);
    r.read("ema_rampup", t.ema_rampup);
    r.read("w_avg_beta", t.w_avg_beta);
    r.read("seed", t.seed);
    r.read("device", t.device);
    r.read("threads", t.threads);
    r.finish();
  }
  {
    TableReader r(section(root, "data"), "data", origin);
    auto& d = c.data;
    r.read("flip", d.flip);
    r.read("dihedral", d.dihedral);
    r.read("crop", d.crop);
    r.read("cache_mb", d.cache_mb);
    r.finish();
  }
  {
    TableReader r(section(root, "output"), "output", origin);
    auto& o = c.output;
    r.read("sample_every_images", o.sample_every_images);
    r.read("sample_grid_cols", o.sample_grid_cols);
    r.read("sample_grid_rows", o.sample_grid_rows);
    r.read("sample_max_resolution", o.sample_max_resolution);
    r.read("sample_seed", o.sample_seed);
    r.read("checkpoint_every_images", o.checkpoint_every_images);
    r.read("keep_checkpoints", o.keep_checkpoints);
    r.read("log_every_steps", o.log_every_steps);
    r.finish();
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    static const std::set<std::string> sections = {"model",    "discriminator", "schedule",
                                                   "training", "data",          "output"};
    if (!sections.count(it.key()))
      throw ConfigError(origin + ": [" + it.key() +
                        "] is not a known section (model, discriminator, schedule, training, "
                        "data, output)");
  }
  validate(c, origin);
  return c;
}

bool is_power_of_two(long long v) { return v > 0 && (v & (v - 1)) == 0; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path.string() + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

template <typename T>
std::string toml_array(const std::vector<T>& values) {
  std::ostringstream out;
  out << "[";
  for (std::size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values[i];
  out << "]";
  return out.str();
}

std::string toml_number(double v) {
  std::ostringstream out;
  out.precision(17);
  out << v;
  std::string s = out.str();
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // keep it a float in TOML
  return s;
}

}  // namespace

int Config::num_stages() const {
  if (schedule.mode == "full") return 1;
  int stages = 1;
  for (int r = schedule.patch; r < schedule.resolution; r *= 2) ++stages;
  return stages;
}

int Config::stage_resolution(int stage) const {
  if (schedule.mode == "full") return schedule.resolution;
  return schedule.patch << stage;
}

int Config::stage_input_size(int /*stage*/) const {
  return schedule.mode == "full" ? schedule.resolution : schedule.patch;
}

double Config::r1_gamma_for_stage(int stage) const {
  if (stage >= 0 && stage < static_cast<int>(training.r1_gamma_per_stage.size()))
    return training.r1_gamma_per_stage[stage];
  return training.r1_gamma;
}

std::int64_t Config::total_images() const {
  std::int64_t total = 0;
  for (auto v : schedule.stage_images) total += v;
  return total;
}

void validate(const Config& c, const std::string& origin) {
  auto fail = [&](const std::string& key, const std::string& what) {
    throw ConfigError(origin + ": " + key + " " + what);
  };
  const auto& g = c.generator;
  if (g.style_dim < 1) fail("model.style_dim", "must be >= 1");
  if (g.mapping_layers < 1) fail("model.mapping_layers", "must be >= 1");
  if (!(g.mapping_lr_mul > 0)) fail("model.mapping_lr_mul", "must be > 0");
  if (g.fourier_features < 1) fail("model.fourier_features", "must be >= 1");
  if (!(g.fourier_init_scale > 0)) fail("model.fourier_init_scale", "must be > 0");
  if (g.embedding_channels < 0) fail("model.embedding_channels", "must be >= 0 (0 disables it)");
  if (g.embedding_channels > 0 && g.embedding_size < 2) fail("model.embedding_size", "must be >= 2");
  if (g.embedding_padding != "border" && g.embedding_padding != "zeros" &&
      g.embedding_padding != "reflection")
    fail("model.embedding_padding", "must be \"border\", \"zeros\" or \"reflection\", not \"" +
                                        g.embedding_padding + "\"");
  if (g.widths.empty()) fail("model.widths", "must list at least one layer width");
  for (int w : g.widths)
    if (w < 1) fail("model.widths", "entries must be >= 1 (got " + std::to_string(w) + ")");
  if (g.torgb_every < 1) fail("model.torgb_every", "must be >= 1");

  const auto& d = c.discriminator;
  if (d.base_channels < 1) fail("discriminator.base_channels", "must be >= 1");
  if (d.max_channels < d.base_channels)
    fail("discriminator.max_channels", "must be >= base_channels");
  if (d.mbstd_group < 1) fail("discriminator.mbstd_group", "must be >= 1");
  if (d.mbstd_channels < 0) fail("discriminator.mbstd_channels", "must be >= 0");

  const auto& s = c.schedule;
  if (s.mode != "patch" && s.mode != "full")
    fail("schedule.mode", "must be \"patch\" or \"full\", not \"" + s.mode + "\"");
  if (!is_power_of_two(s.patch) || s.patch < 8)
    fail("schedule.patch", "must be a power of two >= 8 (got " + std::to_string(s.patch) + ")");
  if (s.resolution < s.patch || !is_power_of_two(s.resolution / s.patch) ||
      s.resolution % s.patch != 0)
    fail("schedule.resolution", "must be patch times a power of two (got resolution " +
                                    std::to_string(s.resolution) + ", patch " +
                                    std::to_string(s.patch) + ")");
  const int stages = c.num_stages();
  if (static_cast<int>(s.stage_images.size()) != stages)
    fail("schedule.stage_images", "must have " + std::to_string(stages) +
                                      " entries, one per stage (resolution " +
                                      std::to_string(s.resolution) + ", patch " +
                                      std::to_string(s.patch) + ", mode " + s.mode + "), not " +
                                      std::to_string(s.stage_images.size()));
  for (auto v : s.stage_images)
    if (v < 1) fail("schedule.stage_images", "entries must be >= 1");
  if (!s.stage_seconds.empty() && static_cast<int>(s.stage_seconds.size()) != stages)
    fail("schedule.stage_seconds", "must be empty or have one entry per stage");
  for (auto v : s.stage_seconds)
    if (v < 0) fail("schedule.stage_seconds", "entries must be >= 0 (0 = no time budget)");

  const auto& t = c.training;
  if (t.batch < 1) fail("training.batch", "must be >= 1");
  const int group = std::min(d.mbstd_group, t.batch);
  if (t.batch % group != 0)
    fail("training.batch", "(" + std::to_string(t.batch) +
                               ") must be divisible by discriminator.mbstd_group (" +
                               std::to_string(d.mbstd_group) + ")");
  if (!(t.lr > 0)) fail("training.lr", "must be > 0");
  if (t.beta1 < 0 || t.beta1 >= 1) fail("training.beta1", "must be in [0, 1)");
  if (t.beta2 < 0 || t.beta2 >= 1) fail("training.beta2", "must be in [0, 1)");
  if (t.r1_gamma < 0) fail("training.r1_gamma", "must be >= 0");
  if (!t.r1_gamma_per_stage.empty() && static_cast<int>(t.r1_gamma_per_stage.size()) != stages)
    fail("training.r1_gamma_per_stage", "must be empty or have one entry per stage");
  if (t.r1_interval < 1) fail("training.r1_interval", "must be >= 1");
  if (t.lambda_rec < 0) fail("training.lambda_rec", "must be >= 0");
  if (t.teacher != "frozen_ema" && t.teacher != "self")
    fail("training.teacher", "must be \"frozen_ema\" or \"self\", not \"" + t.teacher + "\"");
  if (!(t.ema_halflife_images > 0)) fail("training.ema_halflife_images", "must be > 0");
  if (t.ema_rampup < 0) fail("training.ema_rampup", "must be >= 0");
  if (t.w_avg_beta < 0 || t.w_avg_beta >= 1) fail("training.w_avg_beta", "must be in [0, 1)");
  if (t.device != "auto" && t.device != "cpu" && t.device != "cuda")
    fail("training.device", "must be \"auto\", \"cpu\" or \"cuda\", not \"" + t.device + "\"");
  if (t.threads < 0) fail("training.threads", "must be >= 0 (0 = all cores)");

  if (c.data.crop != "random" && c.data.crop != "center")
    fail("data.crop", "must be \"random\" or \"center\", not \"" + c.data.crop + "\"");
  if (c.data.cache_mb < 1) fail("data.cache_mb", "must be >= 1");

  const auto& o = c.output;
  if (o.sample_every_images < 1) fail("output.sample_every_images", "must be >= 1");
  if (o.sample_grid_cols < 1 || o.sample_grid_rows < 1)
    fail("output.sample_grid_cols/rows", "must be >= 1");
  if (o.sample_max_resolution < 8) fail("output.sample_max_resolution", "must be >= 8");
  if (o.checkpoint_every_images < 1) fail("output.checkpoint_every_images", "must be >= 1");
  if (o.keep_checkpoints < 1) fail("output.keep_checkpoints", "must be >= 1");
  if (o.log_every_steps < 1) fail("output.log_every_steps", "must be >= 1");
}

Config parse_config_json(const std::string& text, const std::string& origin) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ConfigError(origin + ": not valid JSON: " + e.what());
  }
  return from_json(root, origin);
}

Config parse_config_toml(const std::string& text, const std::string& origin) {
  toml::table table;
  try {
    table = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream message;
    message << origin << ":" << e.source().begin.line << ":" << e.source().begin.column
            << ": not valid TOML: " << e.description();
    throw ConfigError(message.str());
  }
  std::ostringstream as_json;
  as_json << toml::json_formatter{table};
  return from_json(json::parse(as_json.str()), origin);
}

Config load_config(const std::filesystem::path& path) {
  const std::string text = read_file(path);
  const auto ext = path.extension().string();
  if (ext == ".json") return parse_config_json(text, path.string());
  if (ext == ".toml") return parse_config_toml(text, path.string());
  throw ConfigError(path.string() + ": config files must end in .toml or .json");
}

std::string to_toml(const Config& c) {
  std::ostringstream o;
  auto str = [](const std::string& s) { return "\"" + s + "\""; };
  const auto& g = c.generator;
  o << "[model]\n"
    << "style_dim = " << g.style_dim << "\n"
    << "mapping_layers = " << g.mapping_layers << "\n"
    << "mapping_lr_mul = " << toml_number(g.mapping_lr_mul) << "\n"
    << "fourier_features = " << g.fourier_features << "\n"
    << "fourier_init_scale = " << toml_number(g.fourier_init_scale) << "\n"
    << "embedding_channels = " << g.embedding_channels << "\n"
    << "embedding_size = " << g.embedding_size << "\n"
    << "embedding_padding = " << str(g.embedding_padding) << "\n"
    << "widths = " << toml_array(g.widths) << "\n"
    << "torgb_every = " << g.torgb_every << "\n\n";
  const auto& d = c.discriminator;
  o << "[discriminator]\n"
    << "base_channels = " << d.base_channels << "\n"
    << "max_channels = " << d.max_channels << "\n"
    << "mbstd_group = " << d.mbstd_group << "\n"
    << "mbstd_channels = " << d.mbstd_channels << "\n\n";
  const auto& s = c.schedule;
  std::vector<std::string> seconds;
  for (double v : s.stage_seconds) seconds.push_back(toml_number(v));
  o << "[schedule]\n"
    << "mode = " << str(s.mode) << "\n"
    << "resolution = " << s.resolution << "\n"
    << "patch = " << s.patch << "\n"
    << "stage_images = " << toml_array(s.stage_images) << "\n"
    << "stage_seconds = " << toml_array(seconds) << "\n"
    << "reset_d_optimizer = " << (s.reset_d_optimizer ? "true" : "false") << "\n\n";
  const auto& t = c.training;
  std::vector<std::string> gammas;
  for (double v : t.r1_gamma_per_stage) gammas.push_back(toml_number(v));
  o << "[training]\n"
    << "batch = " << t.batch << "\n"
    << "lr = " << toml_number(t.lr) << "\n"
    << "beta1 = " << toml_number(t.beta1) << "\n"
    << "beta2 = " << toml_number(t.beta2) << "\n"
    << "r1_gamma = " << toml_number(t.r1_gamma) << "\n"
    << "r1_gamma_per_stage = " << toml_array(gammas) << "\n"
    << "r1_interval = " << t.r1_interval << "\n"
    << "lambda_rec = " << toml_number(t.lambda_rec) << "\n"
    << "teacher = " << str(t.teacher) << "\n"
    << "ema_halflife_images = " << toml_number(t.ema_halflife_images) << "\n"
    << "ema_rampup = " << toml_number(t.ema_rampup) << "\n"
    << "w_avg_beta = " << toml_number(t.w_avg_beta) << "\n"
    << "seed = " << t.seed << "\n"
    << "device = " << str(t.device) << "\n"
    << "threads = " << t.threads << "\n\n";
  o << "[data]\n"
    << "flip = " << (c.data.flip ? "true" : "false") << "\n"
    << "dihedral = " << (c.data.dihedral ? "true" : "false") << "\n"
    << "crop = " << str(c.data.crop) << "\n"
    << "cache_mb = " << c.data.cache_mb << "\n\n";
  const auto& out = c.output;
  o << "[output]\n"
    << "sample_every_images = " << out.sample_every_images << "\n"
    << "sample_grid_cols = " << out.sample_grid_cols << "\n"
    << "sample_grid_rows = " << out.sample_grid_rows << "\n"
    << "sample_max_resolution = " << out.sample_max_resolution << "\n"
    << "sample_seed = " << out.sample_seed << "\n"
    << "checkpoint_every_images = " << out.checkpoint_every_images << "\n"
    << "keep_checkpoints = " << out.keep_checkpoints << "\n"
    << "log_every_steps = " << out.log_every_steps << "\n";
  return o.str();
}

}  // namespace inrgan
