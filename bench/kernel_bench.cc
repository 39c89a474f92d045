// SPDX-License-Identifier: Apache-2.0
// Host benchmarks of the int8 kernels (Google Benchmark, not timed tests): each shape runs with
// the optimized variant and with the reference one, in the same process.
//   build/bench/kernel_bench [--benchmark_filter=Conv]
#include <benchmark/benchmark.h>

#include <vector>

#include "tests/test_util.h"
#include "tests/unit/conv_test_util.h"

namespace tinyrt {
namespace {

struct Session {
  host::AlignedBuffer bytes;
  Model model;
  AllOpsResolver resolver;
  host::AlignedBuffer arena;
  std::unique_ptr<MicroInterpreter> interpreter;

  Session(host::AlignedBuffer b, bool reference) : bytes(std::move(b)) {
    arena.Resize(8 << 20);
    interpreter.reset(new MicroInterpreter(model, resolver, arena.data(), arena.size()));
    interpreter->UseReferenceKernels(reference);
    // The benchmarks' own models: a failure is a bug in this file, reported by the first Invoke.
    if (model.Load(bytes.data(), bytes.size()).ok() && interpreter->AllocateTensors().ok()) {
      TensorView in = interpreter->input(0);
      for (size_t i = 0; i < in.bytes(); ++i) in.data<int8_t>()[i] = static_cast<int8_t>(i * 37 + 11);
    }
  }
};

void RunSession(benchmark::State& state, host::AlignedBuffer model, int64_t macs) {
  Session s(std::move(model), state.range(0) != 0);
  state.SetLabel(s.interpreter->node(0).variant);
  for (auto _ : state) {
    if (!s.interpreter->Invoke().ok()) {
      state.SkipWithError(s.interpreter->error());
      break;
    }
  }
  state.counters["MACs/s"] = benchmark::Counter(static_cast<double>(macs), benchmark::Counter::kIsIterationInvariantRate);
}

host::AlignedBuffer ConvModel(bool depthwise, int32_t h, int32_t w, int32_t in_d, int32_t f, int32_t out_d, int32_t stride, int64_t* macs) {
  conv_test::ConvCase c;
  c.depthwise = depthwise;
  c.type = TensorType::kInt8;
  c.bias_type = TensorType::kInt32;
  c.in_h = h, c.in_w = w, c.in_d = in_d, c.f_h = c.f_w = f, c.out_d = out_d;
  c.stride_h = c.stride_w = stride;
  c.padding = tflite::Padding_SAME;
  const conv_test::ConvRun run(c);
  *macs = static_cast<int64_t>(run.out_h) * run.out_w * out_d * f * f * (depthwise ? 1 : in_d);
  return run.BuildModel();
}

// Arg 0: optimized variant, 1: reference.
void BM_Conv1x1_64(benchmark::State& state) {
  int64_t macs;
  auto m = ConvModel(false, 25, 5, 64, 1, 64, 1, &macs);
  RunSession(state, std::move(m), macs);
}
void BM_Conv3x3_32(benchmark::State& state) {
  int64_t macs;
  auto m = ConvModel(false, 16, 16, 32, 3, 32, 1, &macs);
  RunSession(state, std::move(m), macs);
}
void BM_ConvKwsFirst(benchmark::State& state) {  // 10x4 on one channel, stride 2 (approximated square 4x4 here)
  int64_t macs;
  auto m = ConvModel(false, 49, 10, 1, 4, 64, 2, &macs);
  RunSession(state, std::move(m), macs);
}
void BM_Depthwise3x3_64(benchmark::State& state) {
  int64_t macs;
  auto m = ConvModel(true, 25, 5, 64, 3, 64, 1, &macs);
  RunSession(state, std::move(m), macs);
}
void BM_Depthwise3x3_32_Stride2(benchmark::State& state) {
  int64_t macs;
  auto m = ConvModel(true, 48, 48, 32, 3, 32, 2, &macs);
  RunSession(state, std::move(m), macs);
}
void BM_DepthwiseMultiplier8(benchmark::State& state) {  // micro_speech's layer shape
  int64_t macs;
  auto m = ConvModel(true, 49, 40, 1, 8, 8, 2, &macs);
  RunSession(state, std::move(m), macs);
}
void BM_FullyConnected640x128(benchmark::State& state) {
  testing::ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 640}, testing::Quant{{0.05f}, {3}});
  std::vector<int8_t> w(640 * 128);
  for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<int8_t>(i * 13 + 5);
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {128, 640}, w, testing::Quant{{0.003f}, {0}});
  const int out = b.AddTensor(TensorType::kInt8, {1, 128}, testing::Quant{{0.2f}, {-4}});
  auto opts = tflite::CreateFullyConnectedOptions(b.fbb(), tflite::ActivationFunctionType_RELU);
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, wt}, {out}, tflite::BuiltinOptions_FullyConnectedOptions, opts.Union(), 4);
  b.SetInputs({in});
  b.SetOutputs({out});
  RunSession(state, b.Finish(), 640 * 128);
}

BENCHMARK(BM_Conv1x1_64)->Arg(0)->Arg(1);
BENCHMARK(BM_Conv3x3_32)->Arg(0)->Arg(1);
BENCHMARK(BM_ConvKwsFirst)->Arg(0)->Arg(1);
BENCHMARK(BM_Depthwise3x3_64)->Arg(0)->Arg(1);
BENCHMARK(BM_Depthwise3x3_32_Stride2)->Arg(0)->Arg(1);
BENCHMARK(BM_DepthwiseMultiplier8)->Arg(0)->Arg(1);
BENCHMARK(BM_FullyConnected640x128)->Arg(0)->Arg(1);

}  // namespace
}  // namespace tinyrt

BENCHMARK_MAIN();
