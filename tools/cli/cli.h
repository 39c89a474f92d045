// SPDX-License-Identifier: Apache-2.0
// The `tinyrt` host command-line tool: one file per command (inspect.cc, run.cc, bench.cc,
// plan.cc) over the shared model report (model_report.h); main.cc parses the arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tinyrt {
namespace cli {

struct Options {
  std::string model;
  bool reference = false;  // --reference: reference kernels only
  // inspect
  bool json = false;
  // run
  std::vector<std::string> inputs;
  uint32_t seed = 1;
  std::string output_dir;
  // bench
  int iterations = 200;
  bool compare = false;
  bool profile = false;
  // plan
  std::string svg;
  std::string header;
  std::string name = "kModel";
};

int Inspect(const Options& options);
int Run(const Options& options);
int Bench(const Options& options);
int Plan(const Options& options);
// `tinyrt export` parses its own arguments (export.cc).
int Export(int argc, char** argv);

}  // namespace cli
}  // namespace tinyrt
