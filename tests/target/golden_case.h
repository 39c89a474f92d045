// SPDX-License-Identifier: Apache-2.0
// A golden test case compiled into firmware: the model and, per seed, the inputs and TFLM's
// outputs, plus the arena and op resolver the model needs. tools/model_to_c --golden generates
// one per model (arrays in flash); golden_main.cc, compiled once per target, runs it.
#pragma once

#include <stdint.h>

#include "tinyrt/op_resolver.h"
#include "tinyrt/status.h"

struct GoldenBlob {
  const unsigned char* data;
  unsigned int size;
};

struct GoldenSeed {
  int seed;
  const GoldenBlob* inputs;   // num_inputs of them
  const GoldenBlob* outputs;  // num_outputs of them
};

struct GoldenCase {
  const char* name;
  GoldenBlob model;
  unsigned int num_inputs;
  unsigned int num_outputs;
  unsigned int num_seeds;
  const GoldenSeed* seeds;
};

namespace golden {

extern const GoldenCase kCase;
// A static, 16-byte aligned arena of exactly the size tinyrt planned for the model on the host.
extern uint8_t g_arena[];
extern const unsigned kArenaBytes;
// The generated ModelOpResolver (NAME_golden_ops.h), filled by RegisterModelOps on the first call.
const tinyrt::OpResolver& Resolver(tinyrt::Status* status);

}  // namespace golden
