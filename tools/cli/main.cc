// SPDX-License-Identifier: Apache-2.0
// tinyrt: host command-line tool.
//   tinyrt inspect MODEL [--json]
//   tinyrt run MODEL [--input FILE]... [--seed S] [--output-dir DIR]
//   tinyrt bench MODEL [--iterations N] [--compare] [--profile]
//   tinyrt plan MODEL [--svg FILE] [--header FILE [--name NAME]]
//   tinyrt export --platform P [--model M.tflite] [--example NAME]... -o DIR
#include <cstdio>
#include <cstdlib>
#include <string>

#include "src/kernels/opt/x86_avx2.h"
#include "tools/cli/cli.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage:\n"
               "  tinyrt inspect MODEL [--json]        ops, tensors, arena bytes, unsupported ops, kernel variants\n"
               "  tinyrt run MODEL [--input FILE]... [--seed S] [--output-dir DIR]\n"
               "                                       one Invoke on raw input files or golden-generator inputs\n"
               "  tinyrt bench MODEL [--iterations N] [--compare] [--profile]\n"
               "                                       median time per Invoke and arena bytes (--compare: optimized and\n"
               "                                       reference kernels in the same run; --profile: mean time per node)\n"
               "  tinyrt plan MODEL [--svg FILE] [--header FILE [--name NAME]]\n"
               "                                       the arena plan: offset, size, first/last op of every buffer;\n"
               "                                       --header writes it and the exact arena size as C++ constants\n"
               "  tinyrt export --platform P [--model M.tflite] [--example NAME]... -o DIR\n"
               "                                       a self-contained source tree for make, arduino, platformio, esp-idf,\n"
               "                                       zephyr, mbed or cmsis-pack (docs/platforms.md)\n"
               "  --reference (any command): run the reference kernels only\n"
               "  --no-avx2 (any command, x86-64): the portable optimized variants instead of the AVX2 ones\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  const std::string command = argv[1];
  if (command == "export") return tinyrt::cli::Export(argc, argv);
  tinyrt::cli::Options options;
  options.model = argv[2];
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "error: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--json") {
      options.json = true;
    } else if (arg == "--input") {
      options.inputs.push_back(value());
    } else if (arg == "--seed") {
      options.seed = static_cast<uint32_t>(std::stoul(value()));
    } else if (arg == "--output-dir") {
      options.output_dir = value();
    } else if (arg == "--iterations") {
      options.iterations = std::stoi(value());
    } else if (arg == "--reference") {
      options.reference = true;
    } else if (arg == "--compare") {
      options.compare = true;
    } else if (arg == "--profile") {
      options.profile = true;
    } else if (arg == "--no-avx2") {
#if defined(TINYRT_ISA_X86_AVX2)
      tinyrt::kernels::SetX86Avx2Allowed(false);
#endif
    } else if (arg == "--svg") {
      options.svg = value();
    } else if (arg == "--header") {
      options.header = value();
    } else if (arg == "--name") {
      options.name = value();
    } else {
      std::fprintf(stderr, "error: unknown option %s\n", arg.c_str());
      return Usage();
    }
  }
  if (command == "inspect") return tinyrt::cli::Inspect(options);
  if (command == "run") return tinyrt::cli::Run(options);
  if (command == "bench") return tinyrt::cli::Bench(options);
  if (command == "plan") return tinyrt::cli::Plan(options);
  return Usage();
}
