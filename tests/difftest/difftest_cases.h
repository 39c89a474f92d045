// SPDX-License-Identifier: Apache-2.0
// A slice of the difftest corpus as C++ arrays (tools/difftest/pack_to_c.py), for target_main.cc.
#pragma once

struct DifftestBlob {
  const unsigned char* data;
  unsigned size;
};

struct DifftestCase {
  const char* name;
  const unsigned char* model;
  unsigned model_size;
  const DifftestBlob* inputs;
  unsigned num_inputs;
  const DifftestBlob* outputs;  // TFLM's
  unsigned num_outputs;
};

extern const DifftestCase kDifftestCases[];
extern const unsigned kNumDifftestCases;
