// SPDX-License-Identifier: Apache-2.0
// Host-only helpers shared by the CLI, examples, tests and benchmarks: file I/O, aligned
// buffers, the golden input generator and golden comparison. Uses the full standard library.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/profiler.h"
#include "tinyrt/tensor.h"

namespace tinyrt {
namespace host {

// A 16-byte aligned, zero-initialised byte buffer (models and arenas need the alignment).
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t size) { Resize(size); }
  void Resize(size_t size);
  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  std::unique_ptr<uint8_t[]> storage_;
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

bool ReadFile(const std::string& path, AlignedBuffer* out);
bool ReadFile(const std::string& path, std::vector<uint8_t>* out);
bool WriteFile(const std::string& path, const void* data, size_t size);
bool FileExists(const std::string& path);

// ../shared next to the source tree (or $TINYRT_SHARED_DIR); empty if absent.
std::string SharedDir();
// The project's bundled test data (data).
std::string BundledDataDir();
// Path of a model by name ("person_detect"): ../shared/models first, then the bundled copy.
std::string FindModel(const std::string& name);
// Golden directory of a model: ../shared/golden/NAME or the bundled copy; empty if none.
std::string FindGoldenDir(const std::string& name);

// Fills a tensor with the golden generator of ../shared/golden/README.md for seed/input index.
// Returns false for a type the generator does not define.
bool FillGoldenInput(const TensorView& tensor, uint32_t seed, uint32_t input_index);

// Compares an output tensor with golden bytes: bit-exact for integers, |a-b| <= tol*max(1,|b|)
// for float32 (NaN must match NaN). On mismatch, describes the first differences in *report.
bool CompareWithGolden(const TensorView& tensor, const std::vector<uint8_t>& golden, float float_tolerance, std::string* report);

// One operator a model uses: its builtin code (or CUSTOM and its name), the highest version
// among its nodes and the number of nodes.
struct ModelOp {
  int32_t builtin_code;
  std::string custom_name;  // custom ops only
  int version;
  int nodes;
};
// The distinct operators of a loaded model's (main) subgraph, sorted by builtin code, custom
// ops last by name. Only operators some node uses (not unused entries of the code table).
std::vector<ModelOp> ModelOps(const Model& model);

// Multiply-accumulates of node `node` counted as TFLM's benchmarks count them: CONV_2D
// (output elements x filter height x width x input channels per group), DEPTHWISE_CONV_2D
// (output elements x filter height x width) and FULLY_CONNECTED (output elements x input depth);
// 0 for every other op.
int64_t NodeMacs(const Model& model, uint32_t node);

// Formats shape as "[1, 96, 96, 1]".
std::string ShapeString(const TensorView& tensor);

// Wall time per node of the main subgraph, summed over Invokes (the interpreter calls
// BeginEvent/EndEvent around each node it runs, in order). Events nested inside a node (the
// nodes of a subgraph that IF or WHILE runs) count towards that node. Call NextInvoke() before
// each Invoke.
class NodeTimer : public MicroProfiler {
 public:
  virtual ~NodeTimer() = default;
  uint32_t BeginEvent(const char* tag) override;
  void EndEvent(uint32_t handle) override;
  void NextInvoke() {
    next_ = 0;
    depth_ = 0;
  }
  void Reset() { totals_.assign(totals_.size(), 0.0); }
  // Per node event (in the order the nodes ran): summed microseconds and the op name.
  const std::vector<double>& totals() const { return totals_; }
  const std::vector<std::string>& tags() const { return tags_; }

 protected:
  // Called after a top-level node's EndEvent, with its event number in this Invoke.
  virtual void NodeDone(size_t /*event*/) {}

 private:
  static constexpr uint32_t kNested = 0xFFFFFFFFu;
  size_t next_ = 0;
  int depth_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::vector<double> totals_;
  std::vector<std::string> tags_;
};

// One row of the arena plan (`tinyrt plan`): a planned buffer and the name of its tensor, or
// "scratch of op N" for a scratch buffer.
struct PlanRow {
  PlannedBuffer buffer;
  std::string name;
};
std::vector<PlanRow> PlanRows(const MicroInterpreter& interpreter);

}  // namespace host
}  // namespace tinyrt
