// Whole-module tensor copies for the trainer: EMA generators, frozen teachers, stage hand-over.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace inrgan {

// Copies every parameter and buffer of src into the same-named tensor of dst, in place and
// without autograd (dst keeps its own tensors, so optimisers holding them stay valid).
// Throws std::invalid_argument when the names or shapes differ.
void copy_module_state(torch::nn::Module& dst, const torch::nn::Module& src);

// ema <- lerp(live, ema, beta) for every parameter; buffers (w_avg) are copied from live.
void ema_update(torch::nn::Module& ema, const torch::nn::Module& live, double beta);

// Number of scalar parameters (buffers not counted).
std::int64_t count_parameters(const torch::nn::Module& module);

}  // namespace inrgan
