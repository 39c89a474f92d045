// SPDX-License-Identifier: Apache-2.0
// model_to_c: turns .tflite models and golden .bin files into C++ sources for firmware — TFLM's
// `xxd -i` step done right: 16-byte aligned, const (so it stays in flash), with its length.
//
//   model_to_c [--format bytes|string] -o OUT.cc [--header OUT.h] NAME=FILE [NAME=FILE ...]
//       One `alignas(16) const unsigned char NAME[] = {...}; const unsigned int NAME_len = N;`
//       per file; OUT.h declares them.
//
//   model_to_c [-o OUT.cc [--header OUT.h]] --ops-header OPS.h [--namespace NS] NAME=MODEL.tflite
//       Also (or only) OPS.h: the op resolver the model needs, of exactly the right size, and a
//       function registering exactly the ops its nodes use (namespace NS, default NAME_ops):
//         using ModelOpResolver = tinyrt::MicroMutableOpResolver<4>;
//         inline tinyrt::Status RegisterModelOps(ModelOpResolver& r);   // r.AddConv2D(), ...
//       plus kOps[] (builtin code, custom name, version of each op) and kArenaUsedBytes (tinyrt's
//       arena_used_bytes() for the model, the same on every target). Custom ops register through
//       their named helper (AddSignalWindow()) when tinyrt has the kernel, else through
//       AddCustom("Name", &kCustomKernel_Name), a kernel the application defines.
//       Fails if tinyrt's kernel for an op does not run the model's version of it.
//
//   model_to_c [-o OUT.cc ...] [--ops-header OPS.h] --plan-header PLAN.h [--plan-name kModel] NAME=MODEL.tflite
//       Also (or only) PLAN.h: the model's whole arena plan for tinyrt's kernels (the offset of every
//       tensor and scratch buffer) and the exact arena size, for MicroInterpreter::UseArenaPlan;
//       firmware built with TINYRT_ONLINE_PLANNER=OFF needs one. `tinyrt plan --header` writes the same.
//
//   model_to_c --golden MODEL.tflite GOLDEN_DIR --name NAME -o OUT.cc [--seeds N] [--flip-output S]
//       An on-target golden test case for tests/target/golden_main.cc (interface in
//       tests/target/golden_case.h): the model, each seed's inputs and expected outputs
//       (GOLDEN_DIR/seedS/{inputI,outputJ}.bin), a static arena of exactly the size tinyrt plans
//       here on the host (the size is the same on every target), and Resolver(): a
//       MicroMutableOpResolver with just the ops the model uses.
//       --flip-output S flips a bit of seed S's first expected output: a case that must fail, to
//       show the on-target comparison catches a mismatch.
//
// --format string writes the bytes as one string literal instead of a list of numbers: the same
// array (one byte longer, for the literal's NUL), but compilers read it many times faster, which
// matters for megabyte models built for seven targets. --golden uses it by default.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "tinyrt/interpreter.h"
#include "tinyrt/kernel.h"
#include "tinyrt/op_resolver.h"
#include "tools/host_support.h"
#include "tools/model_to_c/plan_header.h"

namespace {

struct Blob {
  std::string name;
  std::vector<uint8_t> bytes;
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "model_to_c: %s\n", message.c_str());
  return 1;
}

bool ValidIdentifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Writes `content` only if it differs from what is there, so that unchanged outputs do not
// trigger recompiling (large) generated sources.
bool WriteIfChanged(const std::string& path, const std::string& content) {
  std::vector<uint8_t> old;
  if (tinyrt::host::ReadFile(path, &old) && old.size() == content.size() && std::memcmp(old.data(), content.data(), old.size()) == 0) {
    return true;
  }
  return tinyrt::host::WriteFile(path, content.data(), content.size());
}

enum class Format { kBytes, kString };

void AppendArray(const Blob& blob, Format format, std::string* out) {
  char line[128];
  // Declared extern first: a namespace-scope const would otherwise have internal linkage.
  *out += "extern const unsigned char " + blob.name + "[];\nextern const unsigned int " + blob.name + "_len;\n";
  if (format == Format::kString) {
    // +1: the literal's terminating NUL, not part of the data. Printable characters as they are,
    // everything else as 3-digit octal escapes (never ambiguous, unlike \x).
    *out += "alignas(16) const unsigned char " + blob.name + "[" + std::to_string(blob.bytes.size() + 1) + "] =";
    for (size_t i = 0; i < blob.bytes.size(); ++i) {
      if (i % 64 == 0) *out += i == 0 ? "\n    \"" : "\"\n    \"";
      const uint8_t c = blob.bytes[i];
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '?') {
        *out += static_cast<char>(c);
      } else {
        std::snprintf(line, sizeof(line), "\\%03o", c);
        *out += line;
      }
    }
    *out += blob.bytes.empty() ? " \"\";\n" : "\";\n";
    std::snprintf(line, sizeof(line), "const unsigned int %s_len = %zuu;\n\n", blob.name.c_str(), blob.bytes.size());
    *out += line;
    return;
  }
  *out += "alignas(16) const unsigned char " + blob.name + "[] = {";
  for (size_t i = 0; i < blob.bytes.size(); ++i) {
    if (i % 16 == 0) *out += "\n   ";
    std::snprintf(line, sizeof(line), " 0x%02x,", blob.bytes[i]);
    *out += line;
  }
  // An empty file still needs one element: zero-length arrays are not C++.
  if (blob.bytes.empty()) *out += "0";
  std::snprintf(line, sizeof(line), "\n};\nconst unsigned int %s_len = %zuu;\n\n", blob.name.c_str(), blob.bytes.size());
  *out += line;
}

void AppendDeclaration(const Blob& blob, std::string* out) {
  *out += "extern const unsigned char " + blob.name + "[];\n";
  *out += "extern const unsigned int " + blob.name + "_len;\n";
}

const char kBanner[] = "// Generated by tools/model_to_c: do not edit.\n";

int OpsHeader(const Blob& model_blob, const std::string& model_path, std::string ns, const std::string& out_h);

// A model planned by tinyrt itself (every kernel, a host-sized arena): its ops and its arena.
struct PlannedModel {
  tinyrt::host::AlignedBuffer bytes;
  tinyrt::Model model;
  tinyrt::AllOpsResolver resolver;
  tinyrt::host::AlignedBuffer arena{256u << 20};
  std::unique_ptr<tinyrt::MicroInterpreter> interpreter;
};

// Loads and allocates; the error names the model.
bool Plan(const Blob& model_blob, const std::string& model_path, PlannedModel* out, std::string* error) {
  out->bytes.Resize(model_blob.bytes.size());
  if (!model_blob.bytes.empty()) std::memcpy(out->bytes.data(), model_blob.bytes.data(), model_blob.bytes.size());
  tinyrt::Status status = out->model.Load(out->bytes.data(), out->bytes.size());
  if (status.ok()) {
    out->interpreter.reset(new tinyrt::MicroInterpreter(out->model, out->resolver, out->arena.data(), out->arena.size()));
    status = out->interpreter->AllocateTensors();
  }
  if (!status.ok()) *error = model_path + ": " + status.message();
  return status.ok();
}

// The plan header (--plan-header): see the comment at the top.
int PlanHeaderFile(const Blob& model_blob, const std::string& model_path, const std::string& name, const std::string& out_h) {
  if (!ValidIdentifier(name)) return Fail("--plan-name '" + name + "' is not a C identifier");
  PlannedModel planned;
  std::string error;
  if (!Plan(model_blob, model_path, &planned, &error)) return Fail(error);
  if (!WriteIfChanged(out_h, tinyrt::firmware::PlanHeader(*planned.interpreter, model_path, name))) return Fail("cannot write " + out_h);
  return 0;
}

int Arrays(const std::vector<std::string>& specs, Format format, const std::string& out_cc, const std::string& out_h,
           const std::string& ops_h, const std::string& ns, const std::string& plan_h, const std::string& plan_name) {
  std::vector<Blob> blobs;
  for (const std::string& spec : specs) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos) return Fail("expected NAME=FILE, got '" + spec + "'");
    Blob blob;
    blob.name = spec.substr(0, eq);
    if (!ValidIdentifier(blob.name)) return Fail("'" + blob.name + "' is not a C identifier");
    if (!tinyrt::host::ReadFile(spec.substr(eq + 1), &blob.bytes)) return Fail("cannot read " + spec.substr(eq + 1));
    blobs.push_back(std::move(blob));
  }
  if (!ops_h.empty() || !plan_h.empty()) {
    if (blobs.size() != 1) return Fail("--ops-header and --plan-header take exactly one NAME=MODEL.tflite");
    const std::string path = specs[0].substr(specs[0].find('=') + 1);
    if (!ops_h.empty()) {
      const int status = OpsHeader(blobs[0], path, ns.empty() ? blobs[0].name + "_ops" : ns, ops_h);
      if (status != 0) return status;
    }
    if (!plan_h.empty()) {
      const int status = PlanHeaderFile(blobs[0], path, plan_name, plan_h);
      if (status != 0) return status;
    }
    if (out_cc.empty()) return 0;
  }
  std::string cc = kBanner;
  if (!out_h.empty()) cc += "#include \"" + out_h.substr(out_h.find_last_of('/') + 1) + "\"\n\n";
  for (const Blob& blob : blobs) AppendArray(blob, format, &cc);
  if (!WriteIfChanged(out_cc, cc)) return Fail("cannot write " + out_cc);
  if (!out_h.empty()) {
    std::string h = std::string(kBanner) + "#pragma once\n\n";
    for (const Blob& blob : blobs) AppendDeclaration(blob, &h);
    if (!WriteIfChanged(out_h, h)) return Fail("cannot write " + out_h);
  }
  return 0;
}

// The op resolver header (--ops-header): see the comment at the top.
int OpsHeader(const Blob& model_blob, const std::string& model_path, std::string ns, const std::string& out_h) {
  if (ns == "-") ns.clear();
  if (!ns.empty() && !ValidIdentifier(ns)) return Fail("--namespace '" + ns + "' is not a C identifier");
  tinyrt::host::AlignedBuffer model_bytes(model_blob.bytes.size());
  if (!model_blob.bytes.empty()) std::memcpy(model_bytes.data(), model_blob.bytes.data(), model_blob.bytes.size());
  tinyrt::Model model;
  const tinyrt::Status status = model.Load(model_bytes.data(), model_bytes.size());
  if (!status.ok()) return Fail(model_path + ": " + status.message());
  const std::vector<tinyrt::host::ModelOp> ops = tinyrt::host::ModelOps(model);
  if (ops.empty()) return Fail(model_path + ": the model has no operators");

  // Every kernel tinyrt has (builtin and named custom ones), to find each op's registration.
  static tinyrt::AllOpsResolver all;
  std::string calls, table, externs, summary;
  for (const tinyrt::host::ModelOp& op : ops) {
    const bool custom = op.builtin_code == tinyrt::kBuiltinCustom;
    const char* op_name = custom ? op.custom_name.c_str() : tinyrt::BuiltinOperatorName(op.builtin_code);
    const int index = all.Find(op.builtin_code, custom ? op.custom_name.c_str() : nullptr);
    std::string call;
    const char* helper = custom ? tinyrt::CustomResolverMethodName(op.custom_name.c_str()) : nullptr;  // "AddSignalWindow()"
    if (helper != nullptr) {
      call = std::string("r.") + helper;
    } else if (custom) {
      std::string id;
      for (char c : op.custom_name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      externs += "// The model's custom op \"" + op.custom_name + "\": tinyrt has no kernel for it, the application provides one.\n";
      externs += "extern const tinyrt::OpKernel kCustomKernel_" + id + ";\n";
      call = "r.AddCustom(\"" + op.custom_name + "\", &kCustomKernel_" + id + ")";
    } else {
      const char* method = tinyrt::ResolverMethodName(op.builtin_code);  // "AddConv2D()"
      if (method == nullptr) return Fail(model_path + ": tinyrt has no kernel for " + op_name);
      call = std::string("r.") + method;
    }
    if (index >= 0 && op.version > all.registration(index).kernel->max_version) {
      return Fail(model_path + ": " + op_name + " version " + std::to_string(op.version) + " is not supported (tinyrt runs versions 1 to " +
                  std::to_string(all.registration(index).kernel->max_version) + ")");
    }
    const std::string detail =
        std::string(op_name) + " v" + std::to_string(op.version) + ", " + std::to_string(op.nodes) + (op.nodes == 1 ? " node" : " nodes");
    calls += "  TINYRT_RETURN_IF_ERROR(" + call + ");  // " + detail + "\n";
    table += "    {" + std::to_string(op.builtin_code) + ", " + (custom ? "\"" + op.custom_name + "\"" : std::string("nullptr")) + ", " +
             std::to_string(op.version) + "},  // " + op_name + "\n";
    summary += (summary.empty() ? "" : ", ") + std::string(op_name);
  }

  // The arena the model needs, when every op has a kernel here.
  std::string arena;
  {
    tinyrt::host::AlignedBuffer buffer(256u << 20);
    tinyrt::MicroInterpreter interpreter(model, all, buffer.data(), buffer.size());
    if (interpreter.AllocateTensors().ok()) {
      arena =
          "// tinyrt's arena_used_bytes() for this model (planned on the host; the same on every target):\n"
          "// an alignas(16) arena of this many bytes is enough.\n"
          "constexpr unsigned kArenaUsedBytes = " +
          std::to_string(interpreter.arena_used_bytes()) + ";\n\n";
    }
  }

  const std::string file = model_path.substr(model_path.find_last_of('/') + 1);
  std::string h = std::string(kBanner) + "// The ops " + file + " uses: " + summary + ".\n";
  h += "//   " + (ns.empty() ? std::string() : ns + "::") + "ModelOpResolver resolver;\n";
  h += "//   tinyrt::Status status = " + (ns.empty() ? std::string() : ns + "::") + "RegisterModelOps(resolver);\n";
  h += "#pragma once\n\n#include <stdint.h>\n\n#include \"tinyrt/op_resolver.h\"\n#include \"tinyrt/status.h\"\n\n";
  if (!ns.empty()) h += "namespace " + ns + " {\n\n";
  if (!externs.empty()) h += externs + "\n";
  h += "// Exactly as many slots as the model has distinct ops.\n";
  h += "using ModelOpResolver = tinyrt::MicroMutableOpResolver<" + std::to_string(ops.size()) + ">;\n\n";
  h += "// Registers exactly the ops the model's nodes use (only their kernels are linked).\n";
  h += "inline tinyrt::Status RegisterModelOps(ModelOpResolver& r) {\n" + calls + "  return tinyrt::Status::Ok();\n}\n\n";
  h += "// The model's ops: builtin code (32 = CUSTOM), custom name, highest version among its nodes.\n";
  h += "struct ModelOpInfo {\n  int32_t builtin_code;\n  const char* custom_name;\n  int version;\n};\n";
  h += "constexpr ModelOpInfo kOps[] = {\n" + table + "};\n";
  h += "constexpr unsigned kNumOps = " + std::to_string(ops.size()) + ";\n\n";
  h += arena;
  if (!ns.empty()) h += "}  // namespace " + ns + "\n";
  if (!WriteIfChanged(out_h, h)) return Fail("cannot write " + out_h);
  return 0;
}

int Golden(const std::string& model_path, const std::string& golden_dir, const std::string& name, int max_seeds, int flip_seed,
           Format format, const std::string& out_cc) {
  if (!ValidIdentifier(name)) return Fail("--name '" + name + "' is not a C identifier");
  Blob model_blob{name + "_model", {}};
  if (!tinyrt::host::ReadFile(model_path, &model_blob.bytes)) return Fail("cannot read " + model_path);

  // Plan the model with tinyrt itself: which ops, how much arena.
  PlannedModel planned;
  std::string error;
  if (!Plan(model_blob, model_path, &planned, &error)) return Fail(error);
  const tinyrt::Model& model = planned.model;
  const tinyrt::MicroInterpreter& interpreter = *planned.interpreter;

  // The resolver: the ops header (OUT_ops.h beside OUT.cc), as any firmware would use it.
  const std::string ops_h =
      out_cc.substr(0, out_cc.size() - (out_cc.size() > 3 && out_cc.compare(out_cc.size() - 3, 3, ".cc") == 0 ? 3 : 0)) + "_ops.h";
  if (OpsHeader(model_blob, model_path, name + "_ops", ops_h) != 0) return 1;
  const size_t num_ops = tinyrt::host::ModelOps(model).size();

  // Seeds: seed1, seed2, ... until one is missing; each must match the model's inputs/outputs.
  std::vector<Blob> data;
  std::vector<int> seeds;
  for (int seed = 1; max_seeds <= 0 || seed <= max_seeds; ++seed) {
    const std::string dir = golden_dir + "/seed" + std::to_string(seed);
    if (!tinyrt::host::FileExists(dir + "/input0.bin")) break;
    for (int kind = 0; kind < 2; ++kind) {
      const size_t count = kind == 0 ? interpreter.inputs_size() : interpreter.outputs_size();
      for (size_t i = 0; i < count; ++i) {
        const std::string what = std::string(kind == 0 ? "input" : "output") + std::to_string(i);
        Blob blob{name + "_seed" + std::to_string(seed) + "_" + what, {}};
        const std::string path = dir + "/" + what + ".bin";
        if (!tinyrt::host::ReadFile(path, &blob.bytes)) return Fail("cannot read " + path);
        const tinyrt::TensorView tensor = kind == 0 ? interpreter.input(i) : interpreter.output(i);
        if (blob.bytes.size() != tensor.bytes()) {
          return Fail(path + ": " + std::to_string(blob.bytes.size()) + " bytes, the model's " + what + " has " +
                      std::to_string(tensor.bytes()));
        }
        // The last byte: for float32 (little-endian) it holds the exponent, so the value changes
        // far beyond the float tolerance.
        if (seed == flip_seed && kind == 1 && i == 0 && !blob.bytes.empty()) blob.bytes.back() ^= 0x40;
        data.push_back(std::move(blob));
      }
    }
    seeds.push_back(seed);
  }
  if (seeds.empty()) return Fail("no golden seeds in " + golden_dir);

  const size_t arena_bytes = interpreter.arena_used_bytes();
  std::string cc = std::string(kBanner) + "// Golden test case " + name + " (" + model_path + ").\n#include <stdint.h>\n\n#include \"" +
                   ops_h.substr(ops_h.find_last_of('/') + 1) + "\"\n#include \"golden_case.h\"\n#include \"tinyrt/op_resolver.h\"\n\n";
  AppendArray(model_blob, format, &cc);
  for (const Blob& blob : data) AppendArray(blob, format, &cc);
  cc += "namespace golden {\nnamespace {\n\n";
  const size_t num_in = interpreter.inputs_size(), num_out = interpreter.outputs_size();
  size_t next = 0;
  for (int seed : seeds) {
    const std::string prefix = "kSeed" + std::to_string(seed);
    cc += "const GoldenBlob " + prefix + "Inputs[] = {";
    for (size_t i = 0; i < num_in; ++i, ++next) cc += "{" + data[next].name + ", " + data[next].name + "_len}, ";
    cc += "};\nconst GoldenBlob " + prefix + "Outputs[] = {";
    for (size_t i = 0; i < num_out; ++i, ++next) cc += "{" + data[next].name + ", " + data[next].name + "_len}, ";
    cc += "};\n";
  }
  cc += "const GoldenSeed kSeeds[] = {\n";
  for (int seed : seeds) {
    const std::string prefix = "kSeed" + std::to_string(seed);
    cc += "    {" + std::to_string(seed) + ", " + prefix + "Inputs, " + prefix + "Outputs},\n";
  }
  cc += "};\n\n}  // namespace\n\nconst GoldenCase kCase = {\n    \"" + name + "\",\n    {" + model_blob.name + ", " + model_blob.name +
        "_len},\n    " + std::to_string(num_in) + ", " + std::to_string(num_out) + ", " + std::to_string(seeds.size()) +
        ",\n    kSeeds,\n};\n\n";
  cc += "// tinyrt's arena_used_bytes() for this model, planned on the host: identical on every target.\n";
  cc += "const unsigned kArenaBytes = " + std::to_string(arena_bytes) + ";\n";
  cc += "alignas(16) uint8_t g_arena[" + std::to_string(arena_bytes) + "];\n\n";
  cc += "static_assert(" + name + "_ops::kArenaUsedBytes == " + std::to_string(arena_bytes) +
        ", \"the ops header plans the same arena\");\n\n";
  cc += "const tinyrt::OpResolver& Resolver(tinyrt::Status* status) {\n";
  cc += "  static " + name + "_ops::ModelOpResolver resolver;\n";
  cc += "  *status = tinyrt::Status::Ok();\n";
  cc += "  if (resolver.size() == 0) *status = " + name + "_ops::RegisterModelOps(resolver);\n";
  cc += "  return resolver;\n}\n\n}  // namespace golden\n";

  if (!WriteIfChanged(out_cc, cc)) return Fail("cannot write " + out_cc);
  std::printf("model_to_c: %s: %zu ops (%zu kernels), arena %zu bytes, %zu seeds, model %zu bytes\n", name.c_str(),
              interpreter.operators_size(), num_ops, interpreter.arena_used_bytes(), seeds.size(), model_blob.bytes.size());
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: model_to_c [--format bytes|string] -o OUT.cc [--header OUT.h] NAME=FILE [NAME=FILE ...]\n"
               "       model_to_c [-o OUT.cc [--header OUT.h]] --ops-header OPS.h [--namespace NS|-] NAME=MODEL.tflite\n"
               "       model_to_c [-o OUT.cc [--header OUT.h]] [--ops-header OPS.h] --plan-header PLAN.h [--plan-name kModel]\n"
               "                  NAME=MODEL.tflite\n"
               "       model_to_c --golden MODEL.tflite GOLDEN_DIR --name NAME -o OUT.cc [--seeds N]\n"
               "                  [--flip-output SEED] [--format bytes|string]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_cc, out_h, ops_h, ns, name, model_path, golden_dir, plan_h, plan_name = "kModel";
  std::vector<std::string> specs;
  int max_seeds = 0, flip_seed = 0;
  std::string format_name;
  bool golden = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "-o" && has_value) {
      out_cc = argv[++i];
    } else if (arg == "--header" && has_value) {
      out_h = argv[++i];
    } else if (arg == "--ops-header" && has_value) {
      ops_h = argv[++i];
    } else if (arg == "--plan-header" && has_value) {
      plan_h = argv[++i];
    } else if (arg == "--plan-name" && has_value) {
      plan_name = argv[++i];
    } else if (arg == "--namespace" && has_value) {
      ns = argv[++i];
    } else if (arg == "--name" && has_value) {
      name = argv[++i];
    } else if (arg == "--seeds" && has_value) {
      max_seeds = std::atoi(argv[++i]);
    } else if (arg == "--format" && has_value) {
      format_name = argv[++i];
    } else if (arg == "--flip-output" && has_value) {
      flip_seed = std::atoi(argv[++i]);
    } else if (arg == "--golden" && i + 2 < argc) {
      golden = true;
      model_path = argv[++i];
      golden_dir = argv[++i];
    } else if (!arg.empty() && arg[0] != '-') {
      specs.push_back(arg);
    } else {
      return Usage();
    }
  }
  if ((out_cc.empty() && ops_h.empty() && plan_h.empty()) || (out_cc.empty() && !out_h.empty()) ||
      (format_name != "" && format_name != "bytes" && format_name != "string")) {
    return Usage();
  }
  if (golden) {
    if (out_cc.empty() || name.empty() || !out_h.empty() || !ops_h.empty() || !plan_h.empty() || !specs.empty()) return Usage();
    const Format format = format_name == "bytes" ? Format::kBytes : Format::kString;
    return Golden(model_path, golden_dir, name, max_seeds, flip_seed, format, out_cc);
  }
  if (specs.empty()) return Usage();
  return Arrays(specs, format_name == "string" ? Format::kString : Format::kBytes, out_cc, out_h, ops_h, ns, plan_h, plan_name);
}
