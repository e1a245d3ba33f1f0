#include "core/model/module_utils.h"

#include <stdexcept>
#include <string>

namespace inrgan {

namespace {

using NamedTensors = torch::OrderedDict<std::string, torch::Tensor>;

// Pairs dst and src tensors by name; every name must exist on both sides with the same shape.
template <typename Fn>
void for_each_pair(const NamedTensors& dst, const NamedTensors& src, const char* kind, Fn fn) {
  if (dst.size() != src.size())
    throw std::invalid_argument(std::string("module copy: ") + kind + " counts differ (" +
                                std::to_string(dst.size()) + " vs " + std::to_string(src.size()) +
                                ")");
  for (const auto& item : dst) {
    const torch::Tensor* source = src.find(item.key());
    if (!source)
      throw std::invalid_argument(std::string("module copy: ") + kind + " '" + item.key() +
                                  "' missing in the source");
    if (!item.value().sizes().equals(source->sizes()))
      throw std::invalid_argument(std::string("module copy: ") + kind + " '" + item.key() +
                                  "' has a different shape");
    fn(item.value(), *source);
  }
}

}  // namespace

void copy_module_state(torch::nn::Module& dst, const torch::nn::Module& src) {
  torch::NoGradGuard no_grad;
  auto copy = [](torch::Tensor d, const torch::Tensor& s) { d.copy_(s); };
  for_each_pair(dst.named_parameters(), src.named_parameters(), "parameter", copy);
  for_each_pair(dst.named_buffers(), src.named_buffers(), "buffer", copy);
}

void ema_update(torch::nn::Module& ema, const torch::nn::Module& live, double beta) {
  torch::NoGradGuard no_grad;
  const double step = 1.0 - beta;  // ema + (1 - beta) (live - ema) == lerp(live, ema, beta)
  for_each_pair(ema.named_parameters(), live.named_parameters(), "parameter",
                [step](torch::Tensor e, const torch::Tensor& l) { e.lerp_(l, step); });
  for_each_pair(ema.named_buffers(), live.named_buffers(), "buffer",
                [](torch::Tensor e, const torch::Tensor& l) { e.copy_(l); });
}

std::int64_t count_parameters(const torch::nn::Module& module) {
  std::int64_t total = 0;
  for (const auto& p : module.parameters()) total += p.numel();
  return total;
}

}  // namespace inrgan
