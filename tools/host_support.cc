// SPDX-License-Identifier: Apache-2.0
#include "tools/host_support.h"

#include <sys/stat.h>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <algorithm>

#include "tinyrt/op_resolver.h"
#include "tinyrt/schema_generated.h"

namespace tinyrt {
namespace host {

void AlignedBuffer::Resize(size_t size) {
  storage_.reset(new uint8_t[size + 16]());
  const uintptr_t address = reinterpret_cast<uintptr_t>(storage_.get());
  data_ = storage_.get() + ((16 - (address & 15)) & 15);
  size_ = size;
}

bool ReadFile(const std::string& path, AlignedBuffer* out) {
  std::vector<uint8_t> bytes;
  if (!ReadFile(path, &bytes)) return false;
  out->Resize(bytes.size());
  if (!bytes.empty()) std::memcpy(out->data(), bytes.data(), bytes.size());
  return true;
}

bool ReadFile(const std::string& path, std::vector<uint8_t>* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  out->assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

bool WriteFile(const std::string& path, const void* data, size_t size) {
  std::ofstream file(path, std::ios::binary);
  if (!file) return false;
  file.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  return static_cast<bool>(file);
}

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string SharedDir() {
  if (const char* env = std::getenv("TINYRT_SHARED_DIR")) {
    return FileExists(env) ? std::string(env) : std::string();
  }
#ifdef TINYRT_DEFAULT_SHARED_DIR
  if (FileExists(TINYRT_DEFAULT_SHARED_DIR "/models")) return TINYRT_DEFAULT_SHARED_DIR;
#endif
  return "";
}

std::string BundledDataDir() {
#ifdef TINYRT_SOURCE_DIR
  return TINYRT_SOURCE_DIR "/data";
#else
  return "data";
#endif
}

std::string FindModel(const std::string& name) {
  const std::string shared = SharedDir();
  if (!shared.empty() && FileExists(shared + "/models/" + name + ".tflite")) return shared + "/models/" + name + ".tflite";
  const std::string bundled = BundledDataDir() + "/models/" + name + ".tflite";
  return FileExists(bundled) ? bundled : "";
}

std::string FindGoldenDir(const std::string& name) {
  const std::string shared = SharedDir();
  if (!shared.empty() && FileExists(shared + "/golden/" + name + "/seed1")) return shared + "/golden/" + name;
  const std::string bundled = BundledDataDir() + "/golden/" + name;
  return FileExists(bundled + "/seed1") ? bundled : "";
}

bool FillGoldenInput(const TensorView& tensor, uint32_t seed, uint32_t input_index) {
  uint32_t state = 0x9E3779B9u ^ (seed * 0x85EBCA6Bu) ^ (input_index * 0xC2B2AE35u);
  auto next = [&state]() {
    uint32_t x = state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    state = x;
    return x;
  };
  const size_t n = tensor.elements();
  switch (tensor.type()) {
    case TensorType::kInt8:
      for (size_t i = 0; i < n; ++i) tensor.data<int8_t>()[i] = static_cast<int8_t>(next() >> 24);
      return true;
    case TensorType::kUInt8:
      for (size_t i = 0; i < n; ++i) tensor.data<uint8_t>()[i] = static_cast<uint8_t>(next() >> 24);
      return true;
    case TensorType::kInt16:
      for (size_t i = 0; i < n; ++i) tensor.data<int16_t>()[i] = static_cast<int16_t>(next() >> 16);
      return true;
    case TensorType::kInt32:
      for (size_t i = 0; i < n; ++i) tensor.data<int32_t>()[i] = static_cast<int32_t>(next() >> 20) - 2048;
      return true;
    case TensorType::kInt64:  // the int32 formula, widened (as the opsuite goldens were made)
      for (size_t i = 0; i < n; ++i) tensor.data<int64_t>()[i] = static_cast<int32_t>(next() >> 20) - 2048;
      return true;
    case TensorType::kFloat32:
      for (size_t i = 0; i < n; ++i) tensor.data<float>()[i] = (static_cast<float>(next() >> 8) / 16777216.0f) * 2 - 1;
      return true;
    case TensorType::kBool:
      for (size_t i = 0; i < n; ++i) tensor.data<bool>()[i] = (next() >> 31) != 0;
      return true;
    case TensorType::kUInt32:  // other types: one byte per step, like uint8 (as the opsuite goldens were made)
      for (size_t i = 0; i < tensor.bytes(); ++i) tensor.data<uint8_t>()[i] = static_cast<uint8_t>(next() >> 24);
      return true;
    default: return false;
  }
}

bool CompareWithGolden(const TensorView& tensor, const std::vector<uint8_t>& golden, float float_tolerance, std::string* report) {
  std::ostringstream out;
  if (golden.size() != tensor.bytes()) {
    out << "size differs: output has " << tensor.bytes() << " bytes, golden " << golden.size();
    *report = out.str();
    return false;
  }
  int mismatches = 0;
  const size_t n = tensor.elements();
  if (tensor.type() == TensorType::kFloat32) {
    const float* got = tensor.data<float>();
    const float* want = reinterpret_cast<const float*>(golden.data());
    for (size_t i = 0; i < n; ++i) {
      const float a = got[i];
      const float b = want[i];
      bool ok;
      if (std::isnan(b)) {
        ok = std::isnan(a);
      } else if (std::isinf(b)) {
        ok = a == b;
      } else {
        ok = std::fabs(a - b) <= float_tolerance * std::max(1.0f, std::fabs(b));
      }
      if (!ok && mismatches++ < 5) out << " [" << i << "] got " << a << " want " << b << ";";
    }
  } else {
    const size_t element = TensorTypeSize(tensor.type());
    for (size_t i = 0; i < n; ++i) {
      if (std::memcmp(tensor.raw() + i * element, golden.data() + i * element, element) == 0) continue;
      if (mismatches++ < 5) {
        int64_t a = 0, b = 0;
        std::memcpy(&a, tensor.raw() + i * element, element);
        std::memcpy(&b, golden.data() + i * element, element);
        if (element < 8) {  // sign-extend for display
          const int bits = static_cast<int>(element * 8);
          a = (a << (64 - bits)) >> (64 - bits);
          b = (b << (64 - bits)) >> (64 - bits);
        }
        out << " [" << i << "] got " << a << " want " << b << ";";
      }
    }
  }
  if (mismatches == 0) return true;
  *report = std::to_string(mismatches) + " of " + std::to_string(n) + " elements differ:" + out.str();
  return false;
}

std::vector<ModelOp> ModelOps(const Model& model) {
  std::vector<ModelOp> ops;
  if (!model.loaded()) return ops;
  // Every subgraph's ops (control flow runs subgraphs 1, 2, ... too).
  for (const tflite::SubGraph* graph : *model.flatbuffer()->subgraphs())
    for (uint32_t n = 0; n < graph->operators()->size(); ++n) {
      const auto* code = model.flatbuffer()->operator_codes()->Get(graph->operators()->Get(n)->opcode_index());
      const int32_t builtin = OperatorBuiltinCode(code);
      const std::string custom = builtin == kBuiltinCustom ? code->custom_code()->str() : std::string();
      auto it =
          std::find_if(ops.begin(), ops.end(), [&](const ModelOp& op) { return op.builtin_code == builtin && op.custom_name == custom; });
      if (it == ops.end()) {
        ops.push_back(ModelOp{builtin, custom, code->version(), 1});
      } else {
        it->version = std::max<int>(it->version, code->version());
        ++it->nodes;
      }
    }
  std::sort(ops.begin(), ops.end(), [](const ModelOp& a, const ModelOp& b) {
    return a.builtin_code != b.builtin_code ? a.builtin_code < b.builtin_code : a.custom_name < b.custom_name;
  });
  return ops;
}

int64_t NodeMacs(const Model& model, uint32_t node) {
  const tflite::SubGraph* graph = model.main_subgraph();
  if (graph == nullptr || node >= graph->operators()->size()) return 0;
  const tflite::Operator* op = graph->operators()->Get(node);
  const int32_t builtin = OperatorBuiltinCode(model.flatbuffer()->operator_codes()->Get(op->opcode_index()));
  if (builtin != tflite::BuiltinOperator_CONV_2D && builtin != tflite::BuiltinOperator_DEPTHWISE_CONV_2D &&
      builtin != tflite::BuiltinOperator_FULLY_CONNECTED) {
    return 0;
  }
  if (op->inputs() == nullptr || op->inputs()->size() < 2 || op->outputs() == nullptr || op->outputs()->size() < 1) return 0;
  auto view = [&](int32_t t) { return TensorView(graph->tensors()->Get(static_cast<uint32_t>(t)), nullptr); };
  const TensorView filter = view(op->inputs()->Get(1));
  const TensorView output = view(op->outputs()->Get(0));
  const int64_t outputs = static_cast<int64_t>(output.elements());
  if (builtin == tflite::BuiltinOperator_FULLY_CONNECTED) {  // filter [units, depth]
    return filter.rank() < 1 ? 0 : outputs * filter.dim(filter.rank() - 1);
  }
  if (filter.rank() != 4) return 0;
  const int64_t window = static_cast<int64_t>(filter.dim(1)) * filter.dim(2);
  if (builtin == tflite::BuiltinOperator_DEPTHWISE_CONV_2D) return outputs * window;  // filter [1, h, w, channels]
  return outputs * window * filter.dim(3);  // CONV_2D filter [out channels, h, w, in channels per group]
}

std::string ShapeString(const TensorView& tensor) {
  std::string s = "[";
  for (int i = 0; i < tensor.rank(); ++i) s += (i ? ", " : "") + std::to_string(tensor.dim(i));
  return s + "]";
}

uint32_t NodeTimer::BeginEvent(const char* tag) {
  if (depth_++ > 0) return kNested;
  if (next_ >= totals_.size()) {
    totals_.resize(next_ + 1, 0.0);
    tags_.resize(next_ + 1);
  }
  tags_[next_] = tag;
  start_ = std::chrono::steady_clock::now();
  return static_cast<uint32_t>(next_++);
}

void NodeTimer::EndEvent(uint32_t handle) {
  --depth_;
  if (handle == kNested) return;
  totals_[handle] += std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start_).count();
  NodeDone(handle);
}

std::vector<PlanRow> PlanRows(const MicroInterpreter& interpreter) {
  std::vector<PlanRow> rows;
  for (size_t i = 0; i < interpreter.planned_buffers_size(); ++i) {
    PlanRow row{interpreter.planned_buffer(i), ""};
    row.name = row.buffer.tensor >= 0 ? std::string(interpreter.tensor(static_cast<size_t>(row.buffer.tensor)).name())
                                      : "scratch of op " + std::to_string(row.buffer.node);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace host
}  // namespace tinyrt
