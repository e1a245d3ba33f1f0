// Batch export helpers (declared in export_png.h): seed lists, file names per seed, and the
// frames of an interpolation strip.
#include <charconv>
#include <stdexcept>
#include <string>

#include "core/render/export_png.h"

namespace inrgan {

std::vector<Latent> interpolation_frames(std::uint64_t seed_a, std::uint64_t seed_b, int count) {
  if (count < 2)
    throw std::invalid_argument("an interpolation strip needs at least 2 frames, not " +
                                std::to_string(count));
  std::vector<Latent> frames;
  for (int i = 0; i < count; ++i)
    frames.push_back({seed_a, seed_b, static_cast<double>(i) / static_cast<double>(count - 1)});
  return frames;
}

namespace {
std::uint64_t parse_seed(const std::string& text, const std::string& whole) {
  std::uint64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end)
    throw std::invalid_argument("seed list \"" + whole + "\": \"" + text +
                                "\" is not a seed (a whole number >= 0)");
  return value;
}
}  // namespace

std::vector<std::uint64_t> parse_seed_list(const std::string& text) {
  // A batch of more seeds than this is almost certainly a typo (0-1000000).
  constexpr std::uint64_t kMaxSeeds = 100000;
  std::vector<std::uint64_t> seeds;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos
                                                                     : comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty() && item.front() == '-')  // else "-1" would read as a range from ""
      throw std::invalid_argument("seed list \"" + text + "\": \"" + item +
                                  "\" is negative (seeds are whole numbers >= 0)");
    const auto dash = item.find('-');
    if (dash == std::string::npos) {
      seeds.push_back(parse_seed(item, text));
    } else {
      const auto first = parse_seed(item.substr(0, dash), text);
      const auto last = parse_seed(item.substr(dash + 1), text);
      if (last < first)
        throw std::invalid_argument("seed list \"" + text + "\": range " + item + " runs backwards");
      if (last - first >= kMaxSeeds)
        throw std::invalid_argument("seed list \"" + text + "\": range " + item +
                                    " has more than " + std::to_string(kMaxSeeds) + " seeds");
      for (auto s = first; s <= last; ++s) seeds.push_back(s);
    }
    if (seeds.size() > kMaxSeeds)
      throw std::invalid_argument("seed list \"" + text + "\" has more than " +
                                  std::to_string(kMaxSeeds) + " seeds");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return seeds;
}

std::filesystem::path output_for_seed(const std::filesystem::path& pattern, std::uint64_t seed) {
  std::string name = pattern.filename().string();
  const std::string placeholder = "{seed}";
  const auto at = name.find(placeholder);
  if (at != std::string::npos) {
    name.replace(at, placeholder.size(), std::to_string(seed));
  } else {
    const auto stem = pattern.stem().string();
    name = stem + "-seed" + std::to_string(seed) + pattern.extension().string();
  }
  return pattern.parent_path() / name;
}

}  // namespace inrgan
