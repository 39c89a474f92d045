// A golden test case compiled into firmware: the model and, per seed, the inputs and TFLM's
// outputs. tools/model_to_c --golden generates one (arrays in flash, this table pointing at them).
#pragma once

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
