// SPDX-License-Identifier: Apache-2.0
// Differential testing against TFLM (docs/robustness.md): runs one model on one of tinyrt's host
// kernel variants, and reads/writes the corpus pack that CI replays without the oracle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tinyrt {
namespace difftest {

// The kernel variants this build and CPU run: "reference" always; "portable" (the optimized
// variants with AVX2 switched off) in an optimized build; "avx2" where the CPU has it.
std::vector<std::string> HostVariants();

struct Result {
  bool ok = false;
  std::string error;                          // "load: ...", "allocate: ...", "invoke: ..."
  std::vector<std::vector<uint8_t>> outputs;  // raw bytes of each output tensor
  std::vector<int> output_types;              // tinyrt::TensorType of each output
  size_t arena_used = 0;                      // arena_used_bytes() after AllocateTensors
  int scratch_fallbacks = 0;                  // nodes running the reference: scratch too large or costing arena
};

// Loads `model`, allocates with every kernel registered, on `variant`, copies `inputs` (raw
// bytes, one per model input; a size mismatch is an error), invokes once.
Result Run(const std::vector<uint8_t>& model, const std::vector<std::vector<uint8_t>>& inputs, const std::string& variant);

// Compares with the rules of ../shared/golden/README.md: integers bit-exact, float32
// |a-b| <= 1e-5*max(1,|b|), NaN where the expected value is NaN. `type` is a tinyrt::TensorType.
bool SameOutput(int type, const std::vector<uint8_t>& got, const std::vector<uint8_t>& want, std::string* report);

// A corpus case: a model, its inputs and TFLM's outputs (or TFLM's refusal).
struct Case {
  std::string name;
  std::vector<uint8_t> model;
  std::vector<std::vector<uint8_t>> inputs;
  bool tflm_ok = false;
  std::string tflm_error;                     // when !tflm_ok
  std::vector<std::vector<uint8_t>> outputs;  // TFLM's, when tflm_ok
  std::string expect;                         // "" = match TFLM; otherwise the documented reason
};

// Pack file (tools/difftest/campaign.py writes it): "TRDIFF01", u32 count, then per case: str name, blob model, u32 n_in, blob*n_in,
// u8 tflm_ok, str tflm_error, u32 n_out, blob*n_out, str expect (str/blob = u32 length + bytes).
bool ReadPack(const std::string& path, std::vector<Case>* cases, std::string* error);

}  // namespace difftest
}  // namespace tinyrt
