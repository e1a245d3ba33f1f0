#include "core/util/runtime.h"

#include <torch/torch.h>

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace inrgan {

std::string blas_core_name() {
  using CoreName = char* (*)();
  auto core_name = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
  return core_name ? std::string(core_name()) : std::string();
}

namespace {
// The kernels to name in OPENBLAS_CORETYPE, or nullptr when OpenBLAS's own choice is right.
const char* better_blas_kernels() {
  std::string core = blas_core_name();
  std::transform(core.begin(), core.end(), core.begin(), [](unsigned char c) { return std::tolower(c); });
  // Only the generic fallbacks are replaced; a core OpenBLAS recognised is left alone.
  if (core != "prescott" && core != "core2" && core != "nehalem" && core != "unknown") return nullptr;
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
    return "SkylakeX";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
  return nullptr;
}

// Sets `name` to `value` unless the user set it; true when it was set here.
bool set_default(const char* name, const char* value) {
  if (!value || std::getenv(name)) return false;
  ::setenv(name, value, 1);
  return true;
}
}  // namespace

void tune_process_environment(char** argv) {
  // INRGAN_ENV_TUNED marks the re-executed process, so that a setting the libraries ignore can
  // never restart it again.
  if (std::getenv("INRGAN_NO_BLAS_TUNING") || std::getenv("INRGAN_ENV_TUNED")) return;
  bool changed = set_default("OMP_WAIT_POLICY", "passive");
  changed = set_default("OPENBLAS_THREAD_TIMEOUT", "4") || changed;
  changed = set_default("OPENBLAS_CORETYPE", better_blas_kernels()) || changed;
  if (!changed) return;
  ::setenv("INRGAN_ENV_TUNED", "1", 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: then run on as we are
}

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
