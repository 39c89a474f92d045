// On-target golden test: runs one model (compiled in by tools/model_to_c --golden, header named by
// TINYRT_GOLDEN_HEADER) on each golden seed and compares the outputs with TFLM's: bit-exact for
// integer types, |a-b| <= 1e-5*max(1,|b|) for float32. The arena is a static array of exactly the
// size tinyrt planned on the host, which must also be enough here. Prints one line per seed and a
// summary, exits 0 if everything matched, 1 otherwise (2 if the model could not even be set up).
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "golden_case.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/op_resolver.h"
#include TINYRT_GOLDEN_HEADER

#ifndef TINYRT_TARGET_NAME
#define TINYRT_TARGET_NAME "target"
#endif

namespace {

alignas(16) uint8_t g_arena[golden::kArenaBytes];

// One console line built without printf (which would bring newlib's formatter, and its heap).
class Line {
 public:
  Line& operator<<(const char* text) {
    while (*text != '\0' && length_ < sizeof(buffer_) - 2) buffer_[length_++] = *text++;
    return *this;
  }
  Line& operator<<(long value) {
    char digits[24];
    int n = 0;
    unsigned long magnitude = value < 0 ? 0ul - static_cast<unsigned long>(value) : static_cast<unsigned long>(value);
    do {
      digits[n++] = static_cast<char>('0' + magnitude % 10);
      magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) digits[n++] = '-';
    while (n > 0 && length_ < sizeof(buffer_) - 2) buffer_[length_++] = digits[--n];
    return *this;
  }
  Line& operator<<(int value) { return *this << static_cast<long>(value); }
  Line& operator<<(unsigned value) { return *this << static_cast<long>(value); }
  Line& operator<<(unsigned long value) { return *this << static_cast<long>(value); }
  ~Line() {
    buffer_[length_++] = '\n';
    buffer_[length_] = '\0';
    board_puts(buffer_);
  }

 private:
  char buffer_[200];
  size_t length_ = 0;
};

float AbsF(float x) { return x < 0 ? -x : x; }

// Compares one output; on mismatch reports the first differing element.
bool CompareOutput(const tinyrt::TensorView& tensor, const GoldenBlob& golden, const char* model, int seed,
                   unsigned index) {
  if (tensor.bytes() != golden.size) {
    Line() << model << " seed" << seed << ": output" << index << " has " << tensor.bytes() << " bytes, golden "
           << golden.size;
    return false;
  }
  if (tensor.type() == tinyrt::TensorType::kFloat32) {
    const size_t count = golden.size / sizeof(float);
    for (size_t i = 0; i < count; ++i) {
      float got, want;
      memcpy(&got, tensor.raw() + i * sizeof(float), sizeof(float));
      memcpy(&want, golden.data + i * sizeof(float), sizeof(float));
      const bool both_nan = got != got && want != want;
      const float bound = 1e-5f * (AbsF(want) > 1.0f ? AbsF(want) : 1.0f);
      if (!both_nan && !(AbsF(got - want) <= bound)) {
        // Print as micro-units: no float formatting on the target.
        Line() << model << " seed" << seed << ": output" << index << "[" << i << "] = "
               << static_cast<long>(got * 1e6f) << "e-6, golden " << static_cast<long>(want * 1e6f) << "e-6";
        return false;
      }
    }
    return true;
  }
  for (size_t i = 0; i < golden.size; ++i) {
    if (tensor.raw()[i] != golden.data[i]) {
      Line() << model << " seed" << seed << ": output" << index << " byte " << i << " = "
             << static_cast<int>(tensor.raw()[i]) << ", golden " << static_cast<int>(golden.data[i]);
      return false;
    }
  }
  return true;
}

int Run() {
  const GoldenCase& c = golden::kCase;
  tinyrt::Model model;
  tinyrt::Status status = model.Load(c.model.data, c.model.size);
  if (!status.ok()) {
    Line() << c.name << ": Load failed: " << status.message();
    return 2;
  }
  tinyrt::MicroMutableOpResolver<golden::kNumOps> resolver;
  status = golden::AddOps(resolver);
  if (!status.ok()) {
    Line() << c.name << ": resolver: " << status.message();
    return 2;
  }
  tinyrt::MicroInterpreter interpreter(model, resolver, g_arena, sizeof(g_arena));
  status = interpreter.AllocateTensors();
  if (!status.ok()) {
    Line() << c.name << ": AllocateTensors failed: " << status.message();
    return 2;
  }
  int failed = 0, seeds_ok = 0;
  if (interpreter.arena_used_bytes() != golden::kArenaBytes) {
    Line() << c.name << ": arena_used_bytes " << interpreter.arena_used_bytes() << " on target, "
           << golden::kArenaBytes << " on host";
    ++failed;
  }

  for (unsigned s = 0; s < c.num_seeds; ++s) {
    const GoldenSeed& seed = c.seeds[s];
    bool ok = interpreter.Reset().ok();
    for (unsigned i = 0; i < c.num_inputs; ++i) {
      const tinyrt::TensorView input = interpreter.input(i);
      ok = ok && input.bytes() == seed.inputs[i].size;
      if (ok) memcpy(input.raw(), seed.inputs[i].data, seed.inputs[i].size);
    }
    if (!ok) {
      Line() << c.name << " seed" << seed.seed << ": input setup failed";
      ++failed;
      continue;
    }
    tinyrt_bench_begin();
    status = interpreter.Invoke();
    tinyrt_bench_end();
    if (!status.ok()) {
      Line() << c.name << " seed" << seed.seed << ": Invoke failed: " << status.message();
      ++failed;
      continue;
    }
    size_t bytes = 0;
    for (unsigned j = 0; j < c.num_outputs; ++j) {
      ok = CompareOutput(interpreter.output(j), seed.outputs[j], c.name, seed.seed, j) && ok;
      bytes += seed.outputs[j].size;
    }
    Line() << c.name << " seed" << seed.seed << ": " << (ok ? "ok" : "MISMATCH") << " (" << c.num_outputs
           << " outputs, " << bytes << " bytes)";
    failed += ok ? 0 : 1;
    seeds_ok += ok ? 1 : 0;
  }

  Line() << "golden " << c.name << " on " << TINYRT_TARGET_NAME << ": " << seeds_ok << "/"
         << c.num_seeds << " seeds match TFLM; arena " << interpreter.arena_used_bytes() << " B, stack "
         << board_stack_used() << " B, statics " << board_static_ram() << " B, RAM " << board_ram_size() << " B";
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main() { return Run(); }
