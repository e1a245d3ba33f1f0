// Carries the precompiled <torch/torch.h> that the core libraries and tests reuse.
