#include "core/data/image_folder.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "core/data/image_decode.h"

namespace inrgan {
namespace fs = std::filesystem;
namespace {

constexpr const char* kImageExtensions[] = {".png", ".jpg", ".jpeg", ".bmp", ".tga", ".gif"};

// Dot files and folders (.DS_Store, ._photo.jpg, .cache, .git) and the resource-fork folders that
// macOS adds to zip files are never training data; they are ignored without a message.
bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.starts_with('.') || name == "__MACOSX";
}

bool has_image_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(std::begin(kImageExtensions), std::end(kImageExtensions), ext) !=
         std::end(kImageExtensions);
}

// 64-bit FNV-1a: tiny, stable across platforms and runs (std::hash is neither).
struct Fnv1a {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  void add(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ p[i]) * 0x100000001b3ULL;
  }
  void add_le(std::uint64_t value, int bytes) {  // fixed byte order, whatever the machine's
    for (int i = 0; i < bytes; ++i) {
      const std::uint8_t b = static_cast<std::uint8_t>(value >> (8 * i));
      add(&b, 1);
    }
  }
};

struct Candidate {
  fs::path path;
  std::string relative;  // generic form, used for sorting and the fingerprint
};

struct CheckResult {
  bool ok = false;
  int width = 0;
  int height = 0;
  std::uintmax_t file_size = 0;
  std::string reason;
};

std::vector<Candidate> list_candidates(const fs::path& dir) {
  std::vector<Candidate> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!has_image_extension(path)) continue;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) continue;  // a folder named "x.png"
    found.push_back({path, path.lexically_relative(dir).generic_string()});
  }
  if (ec)
    throw std::runtime_error("cannot list the image folder " + dir.string() + ": " + ec.message());
  std::sort(found.begin(), found.end(),
            [](const Candidate& a, const Candidate& b) { return a.relative < b.relative; });
  return found;
}

CheckResult check_file(const Candidate& candidate, int min_side) {
  CheckResult result;
  std::error_code ec;
  result.file_size = fs::file_size(candidate.path, ec);
  if (ec) {
    result.reason = "cannot read: " + ec.message();
    return result;
  }
  std::string error;
  const auto image = decode_image(candidate.path, &error);
  if (!image) {
    result.reason = error;
    return result;
  }
  result.width = image->width;
  result.height = image->height;
  if (std::min(image->width, image->height) < min_side) {
    result.reason = "too small (" + std::to_string(image->width) + " x " +
                    std::to_string(image->height) + "; each side must be at least " +
                    std::to_string(min_side) + " pixels)";
    return result;
  }
  result.ok = true;
  return result;
}

// Decodes every candidate on a few threads. progress() runs on the calling thread only, so that a
// caller's callback (a UI model, a log) needs no locking of its own.
std::vector<CheckResult> check_all(const std::vector<Candidate>& candidates, int min_side,
                                   const std::function<void(int, int)>& progress) {
  const int total = static_cast<int>(candidates.size());
  std::vector<CheckResult> results(candidates.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable changed;
  int done = 0;

  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  const unsigned count = std::min<unsigned>(std::min(cores, 8u), std::max(1, total));
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < count; ++t) {
    workers.emplace_back([&] {
      while (!stop) {
        const std::size_t i = next.fetch_add(1);
        if (i >= candidates.size()) break;
        results[i] = check_file(candidates[i], min_side);
        {
          std::lock_guard<std::mutex> lock(mutex);
          ++done;
        }
        changed.notify_one();
      }
    });
  }
  try {
    for (int reported = 0; reported < total;) {
      std::unique_lock<std::mutex> lock(mutex);
      changed.wait(lock, [&] { return done > reported; });
      reported = done;
      lock.unlock();
      if (progress) progress(reported, total);
    }
  } catch (...) {  // a throwing callback (e.g. a cancel) must not leave threads running
    stop = true;
    for (auto& w : workers) w.join();
    throw;
  }
  for (auto& w : workers) w.join();
  return results;
}

RgbImage crop(const RgbImage& image, int x, int y, int width, int height) {
  RgbImage out;
  out.width = width;
  out.height = height;
  out.pixels.resize(static_cast<std::size_t>(width) * height * 3);
  for (int row = 0; row < height; ++row) {
    const auto* src =
        image.pixels.data() + (static_cast<std::size_t>(y + row) * image.width + x) * 3;
    std::copy(src, src + width * 3, out.pixels.data() + static_cast<std::size_t>(row) * width * 3);
  }
  return out;
}

}  // namespace

ImageFolderScan scan_image_folder(const fs::path& dir, int min_side,
                                  const std::function<void(int, int)>& progress) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw std::runtime_error("image folder not found: " + dir.string());
  if (!fs::is_directory(dir, ec)) {
    throw std::runtime_error("not a folder: " + dir.string() +
                             " (give the folder that holds the images)");
  }
  const std::vector<Candidate> candidates = list_candidates(dir);
  if (candidates.empty()) {
    throw std::runtime_error("no image files (png, jpg, jpeg, bmp, tga, gif) in " + dir.string());
  }
  const std::vector<CheckResult> results = check_all(candidates, min_side, progress);

  ImageFolderScan scan;
  scan.root = dir;
  Fnv1a fingerprint;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const CheckResult& r = results[i];
    if (!r.ok) {
      scan.skipped.push_back({candidates[i].path, r.reason});
      continue;
    }
    scan.images.push_back({candidates[i].path, r.width, r.height});
    const std::string& rel = candidates[i].relative;
    fingerprint.add(rel.data(), rel.size() + 1);  // with the terminating 0: "ab"+"c" != "a"+"bc"
    fingerprint.add_le(r.file_size, 8);
    fingerprint.add_le(static_cast<std::uint32_t>(r.width), 4);
    fingerprint.add_le(static_cast<std::uint32_t>(r.height), 4);
  }
  if (scan.images.empty()) {
    std::string message = "no usable image in " + dir.string() + ": all " +
                          std::to_string(scan.skipped.size()) + " image files were skipped (";
    for (std::size_t i = 0; i < std::min<std::size_t>(3, scan.skipped.size()); ++i) {
      if (i) message += "; ";
      message += scan.skipped[i].path.filename().string() + ": " + scan.skipped[i].reason;
    }
    throw std::runtime_error(message + (scan.skipped.size() > 3 ? "; ...)" : ")"));
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fingerprint.hash));
  scan.fingerprint = hex;
  return scan;
}

ResizedImageCache::ResizedImageCache(ImageFolderScan scan, std::int64_t budget_bytes,
                                     bool center_crop)
    : scan_(std::move(scan)), budget_bytes_(budget_bytes), center_crop_(center_crop) {}

std::int64_t ResizedImageCache::bytes_held() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

std::shared_ptr<const RgbImage> ResizedImageCache::get(std::size_t index, int resolution) {
  if (index >= scan_.images.size()) {
    throw std::out_of_range("image index " + std::to_string(index) + " out of range (" +
                            std::to_string(scan_.images.size()) + " images)");
  }
  if (resolution <= 0 || resolution >= (1 << 20)) {
    throw std::invalid_argument("bad resolution " + std::to_string(resolution));
  }
  const std::uint64_t key =
      (static_cast<std::uint64_t>(index) << 20) | static_cast<std::uint64_t>(resolution);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);  // most recently used at the front
      return it->second->second;
    }
  }

  // Decode outside the lock, so that sampler threads wanting different images work in parallel.
  const ImageRecord& record = scan_.images[index];
  std::string error;
  const auto decoded = decode_image(record.path, &error);
  if (!decoded) {
    throw std::runtime_error("cannot read the training image " + record.path.string() + ": " +
                             error + " (it was readable when the folder was scanned)");
  }
  RgbImage resized;
  const int w = decoded->width, h = decoded->height, side = std::min(w, h);
  if (center_crop_ || w == h) {
    resized = resize_area(crop(*decoded, (w - side) / 2, (h - side) / 2, side, side), resolution,
                          resolution);
  } else {
    // Random square crop happens per sample in the sampler: keep the aspect, short side = r.
    const auto scaled_long = [&](int long_side) {
      return std::max(resolution, static_cast<int>(std::lround(static_cast<double>(long_side) *
                                                               resolution / side)));
    };
    resized = w < h ? resize_area(*decoded, resolution, scaled_long(h))
                    : resize_area(*decoded, scaled_long(w), resolution);
  }
  auto item = std::make_shared<const RgbImage>(std::move(resized));
  const auto item_bytes = static_cast<std::int64_t>(item->pixels.size());

  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {  // another thread made it meanwhile
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
  }
  lru_.emplace_front(key, item);
  index_[key] = lru_.begin();
  bytes_ += item_bytes;
  // Evict least recently used; the newest item always stays, even when alone it exceeds the budget.
  while (bytes_ > budget_bytes_ && lru_.size() > 1) {
    const auto& [old_key, old_item] = lru_.back();
    bytes_ -= static_cast<std::int64_t>(old_item->pixels.size());
    index_.erase(old_key);
    lru_.pop_back();
  }
  return item;
}

}  // namespace inrgan
