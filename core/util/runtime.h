// Process-wide LibTorch setup: thread count and device choice. Torch-free header.
#pragma once

#include <string>

namespace inrgan {

// Settings that OpenBLAS and OpenMP read only when they load, so they must be in the environment
// before the program starts; when one is missing this sets it and re-executes the program, once.
// Call first thing in main(). A variable the user set is kept; INRGAN_NO_BLAS_TUNING=1 turns it
// all off.
// - OMP_WAIT_POLICY=passive and OPENBLAS_THREAD_TIMEOUT=4: LibTorch runs element-wise ops on
//   OpenMP threads and matrix products on OpenBLAS's own threads. Both pools spin after their
//   work by default, each taking the cores the other needs: measured on 2 cores, training ran
//   1.9x and rendering 3-4x faster with idle threads that sleep (bench-render shows it).
// - OPENBLAS_CORETYPE: on CPUs newer than the OpenBLAS build (or virtual CPUs with a generic model
//   name) OpenBLAS falls back to "Prescott" kernels, 4-5x slower on our matrix products; then the
//   AVX-512 (or AVX2 + FMA) kernels the CPU has are named.
void tune_process_environment(char** argv);
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
