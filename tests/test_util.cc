// SPDX-License-Identifier: Apache-2.0
#include "tests/test_util.h"

#include <cmath>

namespace tinyrt {
namespace testing {

ModelBuilder::ModelBuilder() {
  buffers_.push_back(tflite::CreateBuffer(fbb_));  // buffer 0: the empty sentinel
}

static flatbuffers::Offset<tflite::QuantizationParameters> BuildQuant(flatbuffers::FlatBufferBuilder& fbb, const Quant& q) {
  if (q.scales.empty()) return 0;
  std::vector<int64_t> zps = q.zero_points;
  if (zps.empty()) zps.assign(q.scales.size(), 0);
  flatbuffers::Offset<flatbuffers::Vector<int64_t>> zp_offset;
  if (q.zero_point_padding >= 0) {
    // The int64 values written as int32 halves (4-byte alignment only) after the padding, with
    // the element count of the int64 vector.
    for (int32_t i = 0; i < q.zero_point_padding; ++i) fbb.PushElement<uint8_t>(0);
    std::vector<int32_t> halves(zps.size() * 2);
    std::memcpy(halves.data(), zps.data(), zps.size() * sizeof(int64_t));
    fbb.StartVector(halves.size(), sizeof(int32_t));
    for (size_t i = halves.size(); i-- > 0;) fbb.PushElement(halves[i]);
    zp_offset = flatbuffers::Offset<flatbuffers::Vector<int64_t>>(fbb.EndVector(zps.size()));
  } else {
    zp_offset = fbb.CreateVector(zps);
  }
  return tflite::CreateQuantizationParameters(fbb, 0, 0, fbb.CreateVector(q.scales), zp_offset, tflite::QuantizationDetails_NONE, 0,
                                              q.axis);
}

int ModelBuilder::AddTensor(TensorType type, const std::vector<int32_t>& shape, const Quant& quant, bool is_variable,
                            const std::string& name) {
  const auto shape_offset = fbb_.CreateVector(shape);
  const auto name_offset = fbb_.CreateString(name.empty() ? "t" + std::to_string(tensors_.size()) : name);
  const auto q = BuildQuant(fbb_, quant);
  tflite::TensorBuilder t(fbb_);
  t.add_shape(shape_offset);
  t.add_type(static_cast<tflite::TensorType>(type));
  t.add_buffer(0);
  t.add_name(name_offset);
  if (!q.IsNull()) t.add_quantization(q);
  t.add_is_variable(is_variable);
  tensors_.push_back(t.Finish());
  return static_cast<int>(tensors_.size() - 1);
}

int ModelBuilder::AddTensorWithBuffer(TensorType type, const std::vector<int32_t>& shape, uint32_t buffer, const Quant& quant) {
  const auto shape_offset = fbb_.CreateVector(shape);
  const auto q = BuildQuant(fbb_, quant);
  tflite::TensorBuilder t(fbb_);
  t.add_shape(shape_offset);
  t.add_type(static_cast<tflite::TensorType>(type));
  t.add_buffer(buffer);
  if (!q.IsNull()) t.add_quantization(q);
  tensors_.push_back(t.Finish());
  return static_cast<int>(tensors_.size() - 1);
}

int ModelBuilder::AddConstantBytes(TensorType type, const std::vector<int32_t>& shape, const void* data, size_t bytes, const Quant& quant) {
  fbb_.ForceVectorAlignment(bytes, 1, 16);
  const auto data_offset = fbb_.CreateVector(static_cast<const uint8_t*>(data), bytes);
  buffers_.push_back(tflite::CreateBuffer(fbb_, data_offset));
  const auto shape_offset = fbb_.CreateVector(shape);
  const auto name_offset = fbb_.CreateString("c" + std::to_string(tensors_.size()));
  const auto q = BuildQuant(fbb_, quant);
  tflite::TensorBuilder t(fbb_);
  t.add_shape(shape_offset);
  t.add_type(static_cast<tflite::TensorType>(type));
  t.add_buffer(static_cast<uint32_t>(buffers_.size() - 1));
  t.add_name(name_offset);
  if (!q.IsNull()) t.add_quantization(q);
  tensors_.push_back(t.Finish());
  return static_cast<int>(tensors_.size() - 1);
}

void ModelBuilder::AddOp(int32_t builtin_code, const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs,
                         tflite::BuiltinOptions options_type, flatbuffers::Offset<void> options, int version,
                         const std::string& custom_name, const std::vector<uint8_t>& custom_options) {
  uint32_t code_index = 0;
  const auto key = std::make_pair(builtin_code * 1000 + version, custom_name);
  for (; code_index < code_keys_.size(); ++code_index) {
    if (code_keys_[code_index] == key) break;
  }
  if (code_index == code_keys_.size()) {
    code_keys_.push_back(key);
    const auto name = custom_name.empty() ? 0 : fbb_.CreateString(custom_name);
    codes_.push_back(tflite::CreateOperatorCode(fbb_, static_cast<int8_t>(builtin_code < 127 ? builtin_code : 127), name, version,
                                                static_cast<tflite::BuiltinOperator>(builtin_code)));
  }
  const auto in = fbb_.CreateVector(inputs);
  const auto out = fbb_.CreateVector(outputs);
  const auto custom = custom_options.empty() ? 0 : fbb_.CreateVector(custom_options);
  tflite::OperatorBuilder op(fbb_);
  op.add_opcode_index(code_index);
  op.add_inputs(in);
  op.add_outputs(out);
  if (options_type != tflite::BuiltinOptions_NONE) {
    op.add_builtin_options_type(options_type);
    op.add_builtin_options(flatbuffers::Offset<tflite::OpaqueTable>(options.o));
  }
  if (!custom.IsNull()) op.add_custom_options(custom);
  operators_.push_back(op.Finish());
}

void ModelBuilder::AddMetadata(const std::string& name, const std::vector<uint8_t>& data) {
  fbb_.ForceVectorAlignment(data.size(), sizeof(uint8_t), 16);
  const auto bytes = fbb_.CreateVector(data);
  buffers_.push_back(tflite::CreateBuffer(fbb_, bytes));
  metadata_.push_back(tflite::CreateMetadata(fbb_, fbb_.CreateString(name), static_cast<uint32_t>(buffers_.size() - 1)));
}

int ModelBuilder::BeginSubgraph() {
  subgraphs_.push_back(tflite::CreateSubGraph(fbb_, fbb_.CreateVector(tensors_), fbb_.CreateVector(inputs_), fbb_.CreateVector(outputs_),
                                              fbb_.CreateVector(operators_), fbb_.CreateString(subgraphs_.empty() ? "main" : "sub")));
  tensors_.clear();
  operators_.clear();
  inputs_.clear();
  outputs_.clear();
  return static_cast<int>(subgraphs_.size());
}

host::AlignedBuffer ModelBuilder::Finish() {
  BeginSubgraph();
  const auto model = tflite::CreateModel(fbb_, 3, fbb_.CreateVector(codes_), fbb_.CreateVector(subgraphs_), fbb_.CreateString("test"),
                                         fbb_.CreateVector(buffers_), 0, metadata_.empty() ? 0 : fbb_.CreateVector(metadata_));
  tflite::FinishModelBuffer(fbb_, model);
  host::AlignedBuffer out(fbb_.GetSize());
  std::memcpy(out.data(), fbb_.GetBufferPointer(), fbb_.GetSize());
  return out;
}

Runner::Runner(host::AlignedBuffer model, size_t arena_bytes) : model_bytes_(std::move(model)), arena_(arena_bytes) {
  load_status_ = model_.Load(model_bytes_.data(), model_bytes_.size());
  interpreter_.reset(new MicroInterpreter(model_, resolver_, arena_.data(), arena_.size()));
  if (load_status_.ok()) allocate_status_ = interpreter_->AllocateTensors();
}

int32_t QuantizeValue(float value, float scale, int32_t zero_point, int32_t qmin, int32_t qmax) {
  const float q = std::round(value / scale) + static_cast<float>(zero_point);
  return static_cast<int32_t>(std::fmin(std::fmax(q, static_cast<float>(qmin)), static_cast<float>(qmax)));
}

std::unique_ptr<LoadedModel> LoadModelFile(const std::string& name) {
  auto m = std::make_unique<LoadedModel>();
  if (!host::ReadFile(host::FindModel(name), &m->bytes)) return nullptr;
  if (!m->model.Load(m->bytes.data(), m->bytes.size()).ok()) return nullptr;
  return m;
}

std::vector<uint8_t> InvokeOnGoldenInputs(MicroInterpreter& interpreter, int invoke, Status* status) {
  *status = Status::Ok();
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
    if (!host::FillGoldenInput(interpreter.input(i), static_cast<uint32_t>(invoke + 1), static_cast<uint32_t>(i))) {
      *status = Status(StatusCode::kInvalidArgument, "an input's type has no golden generator");
      return {};
    }
  }
  *status = interpreter.Invoke();
  std::vector<uint8_t> out;
  for (size_t o = 0; o < interpreter.outputs_size(); ++o) {
    const TensorView t = interpreter.output(o);
    out.insert(out.end(), t.raw(), t.raw() + t.bytes());
  }
  return out;
}

}  // namespace testing
}  // namespace tinyrt
