// SPDX-License-Identifier: Apache-2.0
// Two models in one arena on target (SharedArena): the audio front end (audio_preprocessor_int8,
// stateful) and the keyword model (micro_speech_quantized). Each runs alone first, in an arena of
// exactly its kArenaUsedBytes, twice, on fixed input patterns; then both share one arena of
// exactly kSharedBytes, invoked interleaved (front end, keyword, front end, keyword), and every
// output must equal the model's own run byte for byte. The shared size is asserted: the same
// figure on every target and on the host (docs/results.md), and one byte less fails.
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "put_number.h"
#include "shared_frontend_ops.h"
#include "shared_kws_ops.h"
#include "tinyrt/interpreter.h"

extern const unsigned char shared_frontend[];
extern const unsigned int shared_frontend_len;
extern const unsigned char shared_kws[];
extern const unsigned int shared_kws_len;

namespace {

// persistent 3,584 + planned 5,360 (x86-64 and every target alike).
constexpr size_t kSharedBytes = 8944;
constexpr int kInvokes = 2;
constexpr size_t kMaxOutput = 64;

alignas(16) uint8_t g_frontend_arena[shared_frontend_ops::kArenaUsedBytes];
alignas(16) uint8_t g_kws_arena[shared_kws_ops::kArenaUsedBytes];
alignas(16) uint8_t g_shared[kSharedBytes];
uint8_t g_alone[2][kInvokes][kMaxOutput];

int g_failures = 0;

void Fail(const char* what) {
  board_puts("shared_arena: FAIL ");
  board_puts(what);
  board_puts("\n");
  ++g_failures;
}

// Input pattern `k` of model `m` (any bytes are valid int8/int16 values).
void Fill(tinyrt::MicroInterpreter& interpreter, int m, int k) {
  tinyrt::TensorView input = interpreter.input(0);
  uint8_t* bytes = input.data<uint8_t>();
  for (size_t i = 0; i < input.bytes(); ++i) bytes[i] = static_cast<uint8_t>(i * (37 + 2 * m) + 11 * k + 5);
}

bool Invoke(tinyrt::MicroInterpreter& interpreter, int m, int k) {
  Fill(interpreter, m, k);
  if (!interpreter.Invoke().ok()) return false;
  return interpreter.output(0).bytes() <= kMaxOutput;
}

}  // namespace

int main() {
  tinyrt::Model models[2];
  if (!models[0].Load(shared_frontend, shared_frontend_len).ok() || !models[1].Load(shared_kws, shared_kws_len).ok()) return 2;
  shared_frontend_ops::ModelOpResolver frontend_ops;
  shared_kws_ops::ModelOpResolver kws_ops;
  if (!shared_frontend_ops::RegisterModelOps(frontend_ops).ok() || !shared_kws_ops::RegisterModelOps(kws_ops).ok()) return 2;
  const tinyrt::OpResolver* resolvers[2] = {&frontend_ops, &kws_ops};

  // Each model alone.
  uint8_t* alone_arenas[2] = {g_frontend_arena, g_kws_arena};
  const size_t alone_sizes[2] = {sizeof(g_frontend_arena), sizeof(g_kws_arena)};
  for (int m = 0; m < 2; ++m) {
    tinyrt::MicroInterpreter interpreter(models[m], *resolvers[m], alone_arenas[m], alone_sizes[m]);
    if (!interpreter.AllocateTensors().ok()) return 2;
    for (int k = 0; k < kInvokes; ++k) {
      if (!Invoke(interpreter, m, k)) return 2;
      memcpy(g_alone[m][k], interpreter.output(0).data<uint8_t>(), interpreter.output(0).bytes());
    }
  }

  // Both in one arena, interleaved.
  {
    tinyrt::SharedArena shared(g_shared, sizeof(g_shared));
    tinyrt::MicroInterpreter frontend(models[0], frontend_ops, shared);
    tinyrt::MicroInterpreter kws(models[1], kws_ops, shared);
    tinyrt::MicroInterpreter* interpreters[2] = {&frontend, &kws};
    if (!frontend.AllocateTensors().ok() || !kws.AllocateTensors().ok()) {
      Fail("the two models do not fit kSharedBytes");
    } else {
      board_puts("shared_arena: used ");
      PutNumber(static_cast<unsigned>(shared.used_bytes()));
      board_puts(" = persistent ");
      PutNumber(static_cast<unsigned>(shared.persistent_bytes()));
      board_puts(" + planned ");
      PutNumber(static_cast<unsigned>(shared.planned_bytes()));
      board_puts(" (alone ");
      PutNumber(static_cast<unsigned>(sizeof(g_frontend_arena) + sizeof(g_kws_arena)));
      board_puts(")\n");
      if (shared.used_bytes() != kSharedBytes) Fail("used_bytes() is not kSharedBytes");
      for (int k = 0; k < kInvokes; ++k) {
        for (int m = 0; m < 2; ++m) {
          if (!Invoke(*interpreters[m], m, k)) {
            Fail("Invoke");
          } else if (memcmp(interpreters[m]->output(0).data<uint8_t>(), g_alone[m][k], interpreters[m]->output(0).bytes()) != 0) {
            Fail(m == 0 ? "front end output differs from its own run" : "keyword output differs from its own run");
          }
        }
      }
    }
  }

  // One byte less: the second model does not fit, and says so.
  {
    tinyrt::SharedArena shared(g_shared, kSharedBytes - 1);
    tinyrt::MicroInterpreter frontend(models[0], frontend_ops, shared);
    tinyrt::MicroInterpreter kws(models[1], kws_ops, shared);
    const tinyrt::Status first = frontend.AllocateTensors();
    const tinyrt::Status second = kws.AllocateTensors();
    if (!first.ok() || second.ok()) Fail("kSharedBytes - 1 is not refused at the second model");
    board_puts("shared_arena: one byte less: ");
    board_puts(second.message());
    board_puts("\n");
  }

  board_puts(g_failures == 0 ? "shared_arena: ok\n" : "shared_arena: FAILED\n");
  return g_failures == 0 ? 0 : 1;
}
