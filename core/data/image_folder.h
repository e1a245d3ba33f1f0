// The training images of a folder: scanned, validated, and resized per stage within a memory budget.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/session/events.h"

namespace inrgan {

struct ImageRecord {
  std::filesystem::path path;
  int width = 0;
  int height = 0;
};

struct SkippedFile {
  std::filesystem::path path;
  std::string reason;
};

struct ImageFolderScan {
  std::filesystem::path root;
  std::vector<ImageRecord> images;   // sorted by path
  std::vector<SkippedFile> skipped;  // files that cannot be used, with the reason
  std::string fingerprint;           // stable hash of the usable files' names, sizes and dimensions
};

// Scans `dir` recursively. Image files (by extension: png, jpg, jpeg, bmp, tga, gif) are fully decoded
// once to validate them; hidden files and folders (".*", "__MACOSX") are ignored silently; other
// files are ignored; image files that fail to decode or are too small (< min_side) are skipped with
// the reason. progress(done, total) is called as files are checked. Throws std::runtime_error when
// `dir` does not exist or holds no usable image.
ImageFolderScan scan_image_folder(const std::filesystem::path& dir, int min_side = 8,
                                  const std::function<void(int, int)>& progress = {});

// Square images resized (area filter) to a stage resolution, held in an LRU within a byte budget.
// Non-square images are first cropped to a square: centre crop (crop = "center") or, for "random",
// the short side is resized to r and the returned image keeps its aspect (the sampler crops).
// Thread-safe.
class ResizedImageCache {
 public:
  ResizedImageCache(ImageFolderScan scan, std::int64_t budget_bytes, bool center_crop);
  // Image `index` with its short side resized to `resolution` (square when center_crop).
  std::shared_ptr<const RgbImage> get(std::size_t index, int resolution);
  std::size_t size() const { return scan_.images.size(); }
  const ImageFolderScan& scan() const { return scan_; }
  std::int64_t bytes_held() const;

 private:
  // LRU state: implementation's choice
  ImageFolderScan scan_;
  std::int64_t budget_bytes_;
  bool center_crop_;
  mutable std::mutex mutex_;
  std::list<std::pair<std::uint64_t, std::shared_ptr<const RgbImage>>> lru_;
  std::unordered_map<std::uint64_t, decltype(lru_)::iterator> index_;
  std::int64_t bytes_ = 0;
};

}  // namespace inrgan
