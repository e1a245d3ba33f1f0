// `inrgan render`: one image of a trained generator, any size, any view (outside [-1, 1] too).
#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/cli/commands.h"
#include "core/data/image_decode.h"
#include "core/data/patch_sampler.h"
#include "core/geometry/view.h"
#include "core/train/checkpoint_files.h"
#include "core/train/trainer.h"
#include "core/util/runtime.h"

namespace inrgan::cli {

namespace {

struct RenderOptions {
  std::string checkpoint, size = "256x256", view = "-1,-1,1,1", out, device = "auto";
  std::uint64_t seed = 0;
  double psi = 1.0;
};

std::pair<int, int> parse_size(const std::string& text) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') ||
      w < 1 || h < 1)
    throw std::invalid_argument("--size \"" + text + "\" must be WIDTHxHEIGHT, e.g. 512x256");
  return {w, h};
}

int run_render(const RenderOptions& o) {
  View view;
  int width = 0, height = 0;
  try {
    view = parse_view(o.view);
    std::tie(width, height) = parse_size(o.size);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "inrgan render: %s\n", e.what());
    return 2;
  }
  if (!std::isfinite(o.psi)) {
    std::fprintf(stderr, "inrgan render: --psi must be a finite number\n");
    return 2;
  }
  if (std::filesystem::path(o.out).extension() != ".png") {
    std::fprintf(stderr, "inrgan render: --out \"%s\" must end in .png (PNG is what is written)\n",
                 o.out.c_str());
    return 2;
  }
  // The whole image is held as floats here: bound it (streamed export of larger images is to come).
  constexpr long long kMaxPixels = 16384LL * 16384LL;
  if (static_cast<long long>(width) * height > kMaxPixels) {
    std::fprintf(stderr, "inrgan render: --size %dx%d is too large: at most %lld pixels (16384x16384)\n",
                 width, height, kMaxPixels);
    return 2;
  }
  const auto file = find_checkpoint(o.checkpoint);
  if (!file) {
    std::fprintf(stderr, "inrgan render: %s is neither a checkpoint nor a run folder with one\n",
                 o.checkpoint.c_str());
    return 2;
  }
  init_runtime();
  const torch::Device device(resolve_device(o.device));
  auto loaded = load_generator(*file, device);
  // One latent per seed: the same seed gives the same image in the studio and the viewer.
  auto rng = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  auto z = torch::randn({1, loaded.config.generator.style_dim}, rng, torch::kFloat32).to(device);
  torch::Tensor image;
  {
    torch::NoGradGuard no_grad;
    auto w = loaded.generator->truncate(loaded.generator->map(z), o.psi);
    image = render_view(loaded.generator, w, view, width, height);
  }
  std::string error;
  if (!write_png(o.out, tensor_to_image(image[0].to(torch::kCPU)), &error)) {
    std::fprintf(stderr, "inrgan render: %s\n", error.c_str());
    return 1;
  }
  std::fprintf(stderr, "Wrote %s (%dx%d, view %s, seed %llu, psi %g) from %s (step %lld)\n",
               o.out.c_str(), width, height, format_view(view).c_str(),
               static_cast<unsigned long long>(o.seed), o.psi, file->c_str(),
               static_cast<long long>(loaded.step));
  return 0;
}

}  // namespace

Command add_render_command(CLI::App& app) {
  auto o = std::make_shared<RenderOptions>();
  auto* sub = app.add_subcommand("render", "Render a generator at any size and view");
  sub->add_option("--checkpoint", o->checkpoint, "Checkpoint file, or a run folder (newest checkpoint)")
      ->required();
  sub->add_option("--seed", o->seed, "Latent seed")->capture_default_str();
  sub->add_option("--size", o->size, "Output WIDTHxHEIGHT in pixels")->capture_default_str();
  sub->add_option("--view", o->view,
                  "Region x0,y0,x1,y1 of image space; [-1,1]^2 is the training domain, beyond "
                  "it is outpainting")
      ->capture_default_str();
  sub->add_option("--psi", o->psi, "Truncation: 1 = none, 0 = the average image")->capture_default_str();
  sub->add_option("--device", o->device, "auto, cpu or cuda")->capture_default_str();
  sub->add_option("--out", o->out, "Output PNG")->required();
  return [o] { return run_render(*o); };
}

}  // namespace inrgan::cli
