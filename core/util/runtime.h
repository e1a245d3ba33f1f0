// Process-wide LibTorch setup: thread count and device choice. Torch-free header.
#pragma once

#include <string>

namespace inrgan {

// OpenBLAS picks its kernels when it loads, from the CPU model. On CPUs newer than the OpenBLAS
// build (or virtual CPUs with a generic model name) it falls back to "Prescott" kernels, 4-5x
// slower on our matrix products. When that happened and the CPU has AVX-512 (or AVX2 + FMA), this
// sets OPENBLAS_CORETYPE to the matching kernels and re-executes the program, once. Call first
// thing in main(). No effect when OPENBLAS_CORETYPE or INRGAN_NO_BLAS_TUNING is set.
void select_blas_kernels(char** argv);
// The OpenBLAS kernel set in use ("SkylakeX", "Prescott", ...), or "" without OpenBLAS.
std::string blas_core_name();

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
