// SPDX-License-Identifier: Apache-2.0
#include "tools/difftest/difftest_run.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>

#include "src/kernels/opt/x86_avx2.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/kernel.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"
#include "tools/host_support.h"

namespace tinyrt {
namespace difftest {

namespace {
constexpr size_t kArenaBytes = 16u << 20;
}

std::vector<std::string> HostVariants() {
  std::vector<std::string> v = {"reference"};
#if TINYRT_OPT_KERNELS
  v.push_back("portable");
#endif
#if defined(TINYRT_ISA_X86_AVX2)
  kernels::SetX86Avx2Allowed(true);
  if (kernels::X86Avx2Enabled()) v.push_back("avx2");
#endif
  return v;
}

Result Run(const std::vector<uint8_t>& model_bytes, const std::vector<std::vector<uint8_t>>& inputs, const std::string& variant) {
  Result r;
  host::AlignedBuffer bytes(model_bytes.size());
  if (!model_bytes.empty()) std::memcpy(bytes.data(), model_bytes.data(), model_bytes.size());
  Model model;
  Status status = model.Load(bytes.data(), bytes.size());
  if (!status.ok()) {
    r.error = std::string("load: ") + status.message();
    return r;
  }
#if defined(TINYRT_ISA_X86_AVX2)
  kernels::SetX86Avx2Allowed(variant == "avx2");
#endif
  static AllOpsResolver resolver;
  static host::AlignedBuffer arena(kArenaBytes);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  interpreter.UseReferenceKernels(variant == "reference");
  status = interpreter.AllocateTensors();
#if defined(TINYRT_ISA_X86_AVX2)
  kernels::SetX86Avx2Allowed(true);
#endif
  if (!status.ok()) {
    r.error = std::string("allocate: ") + status.message();
    return r;
  }
  r.arena_used = interpreter.arena_used_bytes();
  for (size_t n = 0; n < interpreter.operators_size(); ++n) {
    if (std::strcmp(interpreter.node(n).reference_reason, ReferenceReasonText(ReferenceReason::kScratch)) == 0) ++r.scratch_fallbacks;
  }
  if (inputs.size() != interpreter.inputs_size()) {
    r.error = "inputs: model has " + std::to_string(interpreter.inputs_size()) + " inputs, case gives " + std::to_string(inputs.size());
    return r;
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    TensorView t = interpreter.input(i);
    if (t.bytes() != inputs[i].size()) {
      r.error = "inputs: input " + std::to_string(i) + " needs " + std::to_string(t.bytes()) + " bytes, case gives " +
                std::to_string(inputs[i].size());
      return r;
    }
    if (t.bytes()) std::memcpy(t.raw(), inputs[i].data(), t.bytes());
  }
  status = interpreter.Invoke();
  if (!status.ok()) {
    r.error = std::string("invoke: ") + status.message();
    return r;
  }
  for (size_t j = 0; j < interpreter.outputs_size(); ++j) {
    const TensorView t = interpreter.output(j);
    r.outputs.emplace_back(t.raw(), t.raw() + t.bytes());
    r.output_types.push_back(static_cast<int>(t.type()));
  }
  r.ok = true;
  return r;
}

bool SameOutput(int type, const std::vector<uint8_t>& got, const std::vector<uint8_t>& want, std::string* report) {
  std::ostringstream out;
  if (got.size() != want.size()) {
    out << "size differs: tinyrt " << got.size() << " bytes, TFLM " << want.size();
    *report = out.str();
    return false;
  }
  int mismatches = 0;
  const TensorType t = static_cast<TensorType>(type);
  if (t == TensorType::kFloat32) {
    for (size_t i = 0; i + 4 <= got.size(); i += 4) {
      float a, b;
      std::memcpy(&a, &got[i], 4);
      std::memcpy(&b, &want[i], 4);
      bool ok;
      if (std::isnan(b))
        ok = std::isnan(a);
      else if (std::isinf(b))
        ok = a == b;
      else
        ok = std::fabs(a - b) <= 1e-5f * std::max(1.0f, std::fabs(b));
      if (!ok && mismatches++ < 4) out << " [" << i / 4 << "] tinyrt " << a << " TFLM " << b << ";";
    }
  } else {
    size_t element = TensorTypeSize(t);
    if (element == 0) element = 1;
    for (size_t i = 0; i + element <= got.size(); i += element) {
      if (std::memcmp(&got[i], &want[i], element) == 0) continue;
      if (mismatches++ < 4) {
        int64_t a = 0, b = 0;
        std::memcpy(&a, &got[i], element);
        std::memcpy(&b, &want[i], element);
        if (element < 8) {
          const int bits = static_cast<int>(element * 8);
          a = static_cast<int64_t>(static_cast<uint64_t>(a) << (64 - bits)) >> (64 - bits);
          b = static_cast<int64_t>(static_cast<uint64_t>(b) << (64 - bits)) >> (64 - bits);
        }
        out << " [" << i / element << "] tinyrt " << a << " TFLM " << b << ";";
      }
    }
  }
  if (mismatches == 0) return true;
  std::ostringstream head;
  head << mismatches << " elements differ:" << out.str();
  *report = head.str();
  return false;
}

namespace {

struct Reader {
  const std::vector<uint8_t>& d;
  size_t p = 0;
  bool bad = false;
  uint32_t U32() {
    if (p + 4 > d.size()) {
      bad = true;
      return 0;
    }
    uint32_t v = static_cast<uint32_t>(d[p]) | static_cast<uint32_t>(d[p + 1]) << 8 | static_cast<uint32_t>(d[p + 2]) << 16 |
                 static_cast<uint32_t>(d[p + 3]) << 24;
    p += 4;
    return v;
  }
  uint8_t U8() {
    if (p + 1 > d.size()) {
      bad = true;
      return 0;
    }
    return d[p++];
  }
  std::vector<uint8_t> Blob() {
    const uint32_t n = U32();
    if (bad || n > d.size() - p) {
      bad = true;
      return {};
    }
    std::vector<uint8_t> v(d.begin() + static_cast<std::ptrdiff_t>(p), d.begin() + static_cast<std::ptrdiff_t>(p + n));
    p += n;
    return v;
  }
  std::string Str() {
    const std::vector<uint8_t> b = Blob();
    return std::string(b.begin(), b.end());
  }
};

}  // namespace

bool ReadPack(const std::string& path, std::vector<Case>* cases, std::string* error) {
  std::vector<uint8_t> data;
  if (!host::ReadFile(path, &data)) {
    *error = "cannot read " + path;
    return false;
  }
  if (data.size() < 12 || std::memcmp(data.data(), "TRDIFF01", 8) != 0) {
    *error = path + " is not a difftest pack (magic TRDIFF01)";
    return false;
  }
  Reader r{data, 8};
  const uint32_t count = r.U32();
  for (uint32_t c = 0; c < count && !r.bad; ++c) {
    Case k;
    k.name = r.Str();
    k.model = r.Blob();
    const uint32_t n_in = r.U32();
    for (uint32_t i = 0; i < n_in && !r.bad; ++i) k.inputs.push_back(r.Blob());
    k.tflm_ok = r.U8() != 0;
    k.tflm_error = r.Str();
    const uint32_t n_out = r.U32();
    for (uint32_t i = 0; i < n_out && !r.bad; ++i) k.outputs.push_back(r.Blob());
    k.expect = r.Str();
    cases->push_back(std::move(k));
  }
  if (r.bad || r.p != data.size()) {
    *error = path + " is truncated or corrupt at byte " + std::to_string(r.p);
    return false;
  }
  return true;
}

}  // namespace difftest
}  // namespace tinyrt
