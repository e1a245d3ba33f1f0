// Step-time measurements for the CPU preset (METHOD §8: a D + G step must stay under 0.3 s on
// two cores). Disabled by default: timings are not pass/fail on a shared machine. Run with
//   model_benchmark_test --gtest_also_run_disabled_tests
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "core/geometry/coords.h"
#include "core/model/discriminator.h"
#include "core/model/generator.h"

namespace inrgan {
namespace {

// Fastest of `reps` runs after `warmup` runs, in milliseconds: the least disturbed by other
// processes on a shared machine.
double time_ms(const std::function<void()>& fn, int warmup = 3, int reps = 15) {
  for (int i = 0; i < warmup; ++i) fn();
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times.front();
}

std::vector<PatchWindow> random_windows(int batch, int patch, int grid) {
  std::vector<PatchWindow> windows;
  for (int b = 0; b < batch; ++b)
    windows.push_back({b * 3 % (grid - patch + 1), b * 5 % (grid - patch + 1), patch, grid});
  return windows;
}

TEST(ModelBenchmark, DISABLED_CpuPresetStepTimes) {
  // Two intra-op threads (the dev machine's cores) unless INRGAN_BENCH_THREADS says otherwise.
  const char* threads = std::getenv("INRGAN_BENCH_THREADS");
  torch::set_num_threads(threads ? std::atoi(threads) : 2);
  std::printf("threads: %d\n", torch::get_num_threads());
  torch::manual_seed(1);
  const int batch = 8, patch = 32, grid = 64;
  Generator g(GeneratorConfig{});  // the CPU preset defaults: widths 4 x 64
  Discriminator d(DiscriminatorConfig{}, patch);
  Generator teacher(GeneratorConfig{});
  auto coords = window_coords(random_windows(batch, patch, grid));
  auto teacher_coords = window_coords(random_windows(batch, patch / 2, grid / 2));
  auto real = torch::randn({batch, 3, patch, patch});

  const double g_ms = time_ms([&] {
    g->zero_grad();
    g->forward(coords, torch::randn({batch, 128})).square().mean().backward();
  });
  const double d_ms = time_ms([&] {
    d->zero_grad();
    d->forward(real).sum().backward();
  });
  // One D step and one G step as the trainer runs them (logistic losses, reconstruction
  // against a teacher at half resolution), without the optimiser updates.
  const double d_step_ms = time_ms([&] {
    d->zero_grad();
    torch::Tensor fake;
    {
      torch::NoGradGuard no_grad;
      fake = pixels_to_image(g->forward(coords, torch::randn({batch, 128})), patch, patch);
    }
    (torch::softplus(d->forward(fake)) + torch::softplus(-d->forward(real))).mean().backward();
  });
  const double g_step_ms = time_ms([&] {
    g->zero_grad();
    auto z = torch::randn({batch, 128});
    auto fake = pixels_to_image(g->forward(coords, z), patch, patch);
    torch::Tensor target;
    {
      torch::NoGradGuard no_grad;
      target = pixels_to_image(teacher->forward(teacher_coords, z), patch / 2, patch / 2);
    }
    auto rec = (torch::avg_pool2d(fake, 2) - target).abs().mean();
    (torch::softplus(-d->forward(fake)).mean() + 5.0 * rec).backward();
  });
  const double r1_ms = time_ms([&] {
    d->zero_grad();
    auto x = real.detach().requires_grad_(true);
    auto grad = torch::autograd::grad({d->forward(x).sum()}, {x}, {}, true, true)[0];
    grad.square().sum().backward();
  });
  const double render_ms = time_ms([&] {
    render_view(g, torch::randn({1, 128}), View{}, 256, 256);
  }, 1, 5);
  // The two training kernels of one 64 -> 64 modulated layer (ModulationKernel).
  double kernel_ms[2];
  for (int k = 0; k < 2; ++k) {
    ModulatedLinear layer(64, 64, 128, true, true,
                          k == 0 ? ModulationKernel::kPerSampleWeights : ModulationKernel::kSharedGemm);
    auto x = torch::randn({batch, patch * patch, 64}, torch::requires_grad());
    auto w = torch::randn({batch, 128});
    kernel_ms[k] = time_ms([&] { layer->forward(x, w).sum().backward(); });
  }
  std::printf("ModFC 64->64 fwd+bwd: per-sample weights %.2f ms, shared GEMM %.2f ms\n",
              kernel_ms[0], kernel_ms[1]);
  std::printf("G fwd+bwd (B=%d, %dx%d windows): %.1f ms\n", batch, patch, patch, g_ms);
  std::printf("D fwd+bwd (B=%d, %dx%d): %.1f ms\n", batch, patch, patch, d_ms);
  std::printf("D step (G no-grad + D real/fake fwd+bwd): %.1f ms\n", d_step_ms);
  std::printf("G step (G + D fwd+bwd + teacher): %.1f ms\n", g_step_ms);
  std::printf("R1 (double backward, every 16 D steps): %.1f ms\n", r1_ms);
  std::printf("D + G step: %.1f ms (+ R1 / 16 = %.1f ms)\n", d_step_ms + g_step_ms, r1_ms / 16);
  std::printf("render_view 256x256: %.1f ms\n", render_ms);
}

}  // namespace
}  // namespace inrgan
