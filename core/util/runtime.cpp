#include "core/util/runtime.h"

#include <torch/torch.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace inrgan {

void init_runtime(int threads) {
  if (threads <= 0) {
    threads = static_cast<int>(std::thread::hardware_concurrency());
    if (threads <= 0) threads = 1;
  }
  if (torch::get_num_threads() != threads) torch::set_num_threads(threads);
}

std::string resolve_device(const std::string& requested) {
  if (requested == "cpu") return "cpu";
  const bool cuda = torch::cuda::is_available();
  if (requested == "cuda") {
    if (!cuda)
      throw std::invalid_argument(
          "device = \"cuda\" was asked for, but this LibTorch build sees no CUDA device");
    return "cuda";
  }
  if (requested == "auto") return cuda ? "cuda" : "cpu";
  throw std::invalid_argument("device must be auto, cpu or cuda, not \"" + requested + "\"");
}

namespace {
long long read_status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stoll(line.substr(prefix.size())) * 1024;
  }
  return 0;
}
}  // namespace

long long peak_rss_bytes() { return read_status_kb("VmHWM"); }
long long current_rss_bytes() { return read_status_kb("VmRSS"); }

}  // namespace inrgan
