// Process-wide LibTorch setup: thread count and device choice. Torch-free header.
#pragma once

#include <string>

namespace inrgan {

// Sets LibTorch's intra-op threads (Debian's LibTorch starts with one). threads <= 0: all cores.
void init_runtime(int threads = 0);

// "auto" | "cpu" | "cuda" -> the device name to use ("cpu" or "cuda"). Throws std::invalid_argument
// when CUDA is asked for and not available.
std::string resolve_device(const std::string& requested);

// Peak resident set size of this process, in bytes (VmHWM), or 0 when unknown.
long long peak_rss_bytes();
// Current resident set size, in bytes.
long long current_rss_bytes();

}  // namespace inrgan
