// The subcommands of `inrgan`. Each registers its options on the CLI11 app and returns the
// function that runs it (exit code).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace inrgan::cli {

using Command = std::function<int()>;

Command add_train_command(CLI::App& app);
Command add_render_command(CLI::App& app);
Command add_bench_command(CLI::App& app);
Command add_bench_render_command(CLI::App& app);

}  // namespace inrgan::cli
