// SPDX-License-Identifier: Apache-2.0
// IF, WHILE, CALL_ONCE and the resource-variable ops on multi-subgraph models built here;
// expectations by hand.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Runner;

// Subgraph computing out = OP(x, x) for float [2].
void AddBinarySubgraph(ModelBuilder& b, int32_t op) {
  const int x = b.AddTensor(TensorType::kFloat32, {2});
  const int out = b.AddTensor(TensorType::kFloat32, {2});
  b.AddOp(op, {x, x}, {out});
  b.SetInputs({x});
  b.SetOutputs({out});
}

host::AlignedBuffer BuildIf(int then_index, int else_index) {
  ModelBuilder b;
  const int cond = b.AddTensor(TensorType::kBool, {1});
  const int x = b.AddTensor(TensorType::kFloat32, {2});
  const int out = b.AddTensor(TensorType::kFloat32, {2});
  auto opts = tflite::CreateIfOptions(b.fbb(), then_index, else_index);
  b.AddOp(tflite::BuiltinOperator_IF, {cond, x}, {out}, tflite::BuiltinOptions_IfOptions, opts.Union());
  b.SetInputs({cond, x});
  b.SetOutputs({out});
  b.BeginSubgraph();
  AddBinarySubgraph(b, tflite::BuiltinOperator_ADD);
  b.BeginSubgraph();
  AddBinarySubgraph(b, tflite::BuiltinOperator_MUL);
  return b.Finish();
}

TEST(If, RunsTheChosenBranch) {
  Runner r(BuildIf(1, 2));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  for (bool cond : {true, false}) {
    r.SetInput<uint8_t>(0, {static_cast<uint8_t>(cond)});
    r.SetInput<float>(1, {3, -0.5f});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<float>(0), cond ? (std::vector<float>{6, -1}) : (std::vector<float>{9, 0.25f})) << cond;
  }
}

TEST(If, RejectsBadSubgraphIndices) {
  Runner out_of_range(BuildIf(1, 5));
  EXPECT_EQ(out_of_range.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(out_of_range.allocate_status().message())
                .find("IF (node 0): else subgraph index 5 is out of range (model has 3 subgraphs"),
            std::string::npos)
      << out_of_range.allocate_status().message();
  Runner main(BuildIf(0, 1));
  EXPECT_NE(std::string(main.allocate_status().message()).find("then subgraph index 0 is out of range"), std::string::npos)
      << main.allocate_status().message();
}

TEST(If, MutualRecursionFailsCleanly) {
  // Subgraph 1 runs subgraph 2, which runs subgraph 1 again.
  ModelBuilder b;
  for (int s = 0; s < 3; ++s) {
    if (s > 0) b.BeginSubgraph();
    const int cond = b.AddTensor(TensorType::kBool, {1});
    const int x = b.AddTensor(TensorType::kFloat32, {2});
    const int out = b.AddTensor(TensorType::kFloat32, {2});
    const int target = s == 1 ? 2 : 1;
    auto opts = tflite::CreateIfOptions(b.fbb(), target, target);
    b.AddOp(tflite::BuiltinOperator_IF, {cond, cond, x}, {out}, tflite::BuiltinOptions_IfOptions, opts.Union());  // passes (cond, x) on
    b.SetInputs({cond, x});
    b.SetOutputs({out});
  }
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<uint8_t>(0, {1});
  const Status status = r.Invoke();
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(status.message()).find("IF (node 0 of subgraph 2): a subgraph cannot run itself"), std::string::npos)
      << status.message();
  // The interpreter stays usable.
  EXPECT_EQ(r.Invoke().code(), StatusCode::kUnsupported);
}

// A chain of IFs: subgraph s runs subgraph s + 1; the last one adds x to itself.
host::AlignedBuffer BuildIfChain(int levels) {
  ModelBuilder b;
  for (int s = 0; s <= levels; ++s) {
    if (s > 0) b.BeginSubgraph();
    const int cond = b.AddTensor(TensorType::kBool, {1});
    const int x = b.AddTensor(TensorType::kFloat32, {2});
    const int out = b.AddTensor(TensorType::kFloat32, {2});
    if (s < levels) {
      auto opts = tflite::CreateIfOptions(b.fbb(), s + 1, s + 1);
      b.AddOp(tflite::BuiltinOperator_IF, {cond, cond, x}, {out}, tflite::BuiltinOptions_IfOptions, opts.Union());
    } else {
      b.AddOp(tflite::BuiltinOperator_ADD, {x, x}, {out});
    }
    b.SetInputs({cond, x});
    b.SetOutputs({out});
  }
  return b.Finish();
}

TEST(If, NestingIsBounded) {
  Runner ok(BuildIfChain(8));
  ASSERT_TRUE(ok.ok()) << ok.allocate_status().message();
  ok.SetInput<uint8_t>(0, {1});
  ok.SetInput<float>(1, {1, 2});
  ASSERT_TRUE(ok.Invoke().ok());
  EXPECT_EQ(ok.Output<float>(0), (std::vector<float>{2, 4}));

  Runner deep(BuildIfChain(9));
  ASSERT_TRUE(deep.ok()) << deep.allocate_status().message();
  deep.SetInput<uint8_t>(0, {1});
  const Status status = deep.Invoke();
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(status.message()).find("IF (node 0 of subgraph 8): control flow is nested more than 8 deep"), std::string::npos)
      << status.message();
}

TEST(If, RejectsMismatchedSubgraphTensors) {
  ModelBuilder b;
  const int cond = b.AddTensor(TensorType::kBool, {1});
  const int x = b.AddTensor(TensorType::kFloat32, {3});
  const int out = b.AddTensor(TensorType::kFloat32, {2});
  auto opts = tflite::CreateIfOptions(b.fbb(), 1, 1);
  b.AddOp(tflite::BuiltinOperator_IF, {cond, x}, {out}, tflite::BuiltinOptions_IfOptions, opts.Union());
  b.SetInputs({cond, x});
  b.SetOutputs({out});
  b.BeginSubgraph();
  AddBinarySubgraph(b, tflite::BuiltinOperator_ADD);  // float [2]
  Runner r(b.Finish());
  EXPECT_NE(std::string(r.allocate_status().message())
                .find("IF (node 0): input 1 is float32 of 12 bytes in the op but float32 of 8 bytes in the subgraph"),
            std::string::npos)
      << r.allocate_status().message();
}

// WHILE(flag, x): cond passes the flag through; the body doubles x and clears the flag.
host::AlignedBuffer BuildWhile() {
  ModelBuilder b;
  const int flag = b.AddTensor(TensorType::kBool, {1});
  const int x = b.AddTensor(TensorType::kFloat32, {2});
  const int flag_out = b.AddTensor(TensorType::kBool, {1});
  const int x_out = b.AddTensor(TensorType::kFloat32, {2});
  auto opts = tflite::CreateWhileOptions(b.fbb(), 1, 2);
  b.AddOp(tflite::BuiltinOperator_WHILE, {flag, x}, {flag_out, x_out}, tflite::BuiltinOptions_WhileOptions, opts.Union());
  b.SetInputs({flag, x});
  b.SetOutputs({flag_out, x_out});
  b.BeginSubgraph();  // cond
  {
    const int f = b.AddTensor(TensorType::kBool, {1});
    const int v = b.AddTensor(TensorType::kFloat32, {2});
    const int keep = b.AddTensor(TensorType::kBool, {1});
    b.AddOp(tflite::BuiltinOperator_RESHAPE, {f}, {keep});
    b.SetInputs({f, v});
    b.SetOutputs({keep});
  }
  b.BeginSubgraph();  // body
  {
    const int f = b.AddTensor(TensorType::kBool, {1});
    const int v = b.AddTensor(TensorType::kFloat32, {2});
    const int no = b.AddConstant<uint8_t>(TensorType::kBool, {1}, {0});
    const int f_out = b.AddTensor(TensorType::kBool, {1});
    const int v_out = b.AddTensor(TensorType::kFloat32, {2});
    b.AddOp(tflite::BuiltinOperator_RESHAPE, {no}, {f_out});
    b.AddOp(tflite::BuiltinOperator_ADD, {v, v}, {v_out});
    b.SetInputs({f, v});
    b.SetOutputs({f_out, v_out});
  }
  return b.Finish();
}

TEST(While, RunsTheBodyWhileTheConditionHolds) {
  Runner r(BuildWhile());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<uint8_t>(0, {1});
  r.SetInput<float>(1, {1.5f, -2});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<uint8_t>(0), (std::vector<uint8_t>{0}));
  EXPECT_EQ(r.Output<float>(1), (std::vector<float>{3, -4}));  // one iteration
  r.SetInput<uint8_t>(0, {0});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(1), (std::vector<float>{1.5f, -2}));  // no iteration: inputs pass through
}

// CALL_ONCE initialises a variable to {10, 20}; every Invoke outputs var + x and stores it.
host::AlignedBuffer BuildCallOnceAccumulator() {
  ModelBuilder b;
  const int x = b.AddTensor(TensorType::kFloat32, {2});
  const int handle = b.AddTensor(TensorType::kResource, {});
  const int value = b.AddTensor(TensorType::kFloat32, {2});
  const int out = b.AddTensor(TensorType::kFloat32, {2});
  auto once = tflite::CreateCallOnceOptions(b.fbb(), 1);
  b.AddOp(tflite::BuiltinOperator_CALL_ONCE, {}, {}, tflite::BuiltinOptions_CallOnceOptions, once.Union());
  auto name = tflite::CreateVarHandleOptionsDirect(b.fbb(), "", "acc");
  b.AddOp(tflite::BuiltinOperator_VAR_HANDLE, {}, {handle}, tflite::BuiltinOptions_VarHandleOptions, name.Union());
  b.AddOp(tflite::BuiltinOperator_READ_VARIABLE, {handle}, {value});
  b.AddOp(tflite::BuiltinOperator_ADD, {value, x}, {out});
  b.AddOp(tflite::BuiltinOperator_ASSIGN_VARIABLE, {handle, out}, {});
  b.SetInputs({x});
  b.SetOutputs({out});
  b.BeginSubgraph();
  const int init_handle = b.AddTensor(TensorType::kResource, {});
  const int init = b.AddConstant<float>(TensorType::kFloat32, {2}, {10, 20});
  auto init_name = tflite::CreateVarHandleOptionsDirect(b.fbb(), "", "acc");
  b.AddOp(tflite::BuiltinOperator_VAR_HANDLE, {}, {init_handle}, tflite::BuiltinOptions_VarHandleOptions, init_name.Union());
  b.AddOp(tflite::BuiltinOperator_ASSIGN_VARIABLE, {init_handle, init}, {});
  return b.Finish();
}

TEST(CallOnce, InitialisesVariablesOnceAndAgainAfterReset) {
  Runner r(BuildCallOnceAccumulator());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 2});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{11, 22}));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{12, 24}));  // the variable persists, init does not rerun
  ASSERT_TRUE(r.interpreter().Reset().ok());
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{11, 22}));
}

TEST(ResourceVariables, DistinctNamesAreDistinctAndSizesMustAgree) {
  ModelBuilder b;
  const int x = b.AddTensor(TensorType::kInt8, {3});
  const int h1 = b.AddTensor(TensorType::kResource, {});
  const int h2 = b.AddTensor(TensorType::kResource, {});
  const int out1 = b.AddTensor(TensorType::kInt8, {3});
  const int out2 = b.AddTensor(TensorType::kInt8, {3});
  auto n1 = tflite::CreateVarHandleOptionsDirect(b.fbb(), "c", "a");
  auto n2 = tflite::CreateVarHandleOptionsDirect(b.fbb(), "c", "b");
  b.AddOp(tflite::BuiltinOperator_VAR_HANDLE, {}, {h1}, tflite::BuiltinOptions_VarHandleOptions, n1.Union());
  b.AddOp(tflite::BuiltinOperator_VAR_HANDLE, {}, {h2}, tflite::BuiltinOptions_VarHandleOptions, n2.Union());
  b.AddOp(tflite::BuiltinOperator_READ_VARIABLE, {h1}, {out1});  // previous Invoke's value (zeros at first)
  b.AddOp(tflite::BuiltinOperator_ASSIGN_VARIABLE, {h1, x}, {});
  b.AddOp(tflite::BuiltinOperator_READ_VARIABLE, {h2}, {out2});  // never assigned: zeros
  b.SetInputs({x});
  b.SetOutputs({out1, out2});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {1, -2, 3});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{0, 0, 0}));
  r.SetInput<int8_t>(0, {4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, -2, 3}));
  EXPECT_EQ(r.Output<int8_t>(1), (std::vector<int8_t>{0, 0, 0}));

  ModelBuilder m;
  const int v = m.AddTensor(TensorType::kFloat32, {2});
  const int h = m.AddTensor(TensorType::kResource, {});
  const int wide = m.AddTensor(TensorType::kFloat32, {3});
  m.AddOp(tflite::BuiltinOperator_VAR_HANDLE, {}, {h});
  m.AddOp(tflite::BuiltinOperator_ASSIGN_VARIABLE, {h, v}, {});
  m.AddOp(tflite::BuiltinOperator_READ_VARIABLE, {h}, {wide});
  m.SetInputs({v});
  m.SetOutputs({wide});
  Runner mismatch(m.Finish());
  EXPECT_NE(
      std::string(mismatch.allocate_status().message()).find("READ_VARIABLE (node 2): resource variable 0 holds 8 bytes, this op uses 12"),
      std::string::npos)
      << mismatch.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt

namespace tinyrt {
namespace {

TEST(ControlFlowArena, ExactArenaWorksAndOneByteLessFails) {
  size_t used = 0;
  {
    Runner r(BuildCallOnceAccumulator());
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    used = r.interpreter().arena_used_bytes();
  }
  Runner exact(BuildCallOnceAccumulator(), used);
  ASSERT_TRUE(exact.ok()) << exact.allocate_status().message();
  exact.SetInput<float>(0, {1, 2});
  ASSERT_TRUE(exact.Invoke().ok());
  EXPECT_EQ(exact.Output<float>(0), (std::vector<float>{11, 22}));
  Runner small(BuildCallOnceAccumulator(), used - 1);
  EXPECT_EQ(small.allocate_status().code(), StatusCode::kArenaTooSmall) << small.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
