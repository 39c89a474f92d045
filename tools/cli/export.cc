// SPDX-License-Identifier: Apache-2.0
// `tinyrt export --platform P [--model M.tflite] [--example NAME]... -o DIR`: a self-contained
// source tree of the runtime for one embedded build system (docs/platforms.md).
//
// Every platform gets the same library tree under DIR/src (the include root):
//   src/tinyrt.h                   the one entry header
//   src/tinyrt/*.h, kernel/        the public headers, and schema_generated.h (the model reader)
//   src/tinyrt/runtime/...         the runtime sources (.cpp), their includes rewritten from
//                                  "src/..." to "tinyrt/runtime/..." so that src/ is the only
//                                  include directory; sources whose names repeat get their folder
//                                  as prefix (IDEs that put all objects in one folder)
//   src/flatbuffers/               the FlatBuffers 2.0.8 headers the reader includes (Apache-2.0,
//                                  with LICENSE), FLATBUFFERS_ASSERT preset to nothing
//   src/tinyrt_model/              with --model: the model as an aligned const array, its ops
//                                  header and its plan header (exact arena size)
// With --model or --example, only the kernels of those models are exported. Each example
// (hello_world, micro_speech, person_detection) is a program that runs its model on three golden
// seeds and compares the outputs with TFLM's, byte for byte; without --model and --example, the
// three examples and every kernel are exported. Then the platform's manifest and conventions.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "tinyrt/interpreter.h"
#include "tinyrt/op_resolver.h"
#include "tools/cli/cli.h"
#include "tools/host_support.h"

#ifndef TINYRT_VERSION
#define TINYRT_VERSION "0.0.0"
#endif
#ifndef TINYRT_FLATBUFFERS_INCLUDE_DIR
#define TINYRT_FLATBUFFERS_INCLUDE_DIR "/usr/include"
#endif

namespace tinyrt {
namespace cli {
namespace {

namespace fs = std::filesystem;

const char* const kPlatforms[] = {"make", "arduino", "platformio", "esp-idf", "zephyr", "mbed", "cmsis-pack"};

struct Example {
  const char* name;
  const char* model;  // under data/models and data/golden
  const char* about;
};
const Example kExamples[] = {
    {"hello_world", "hello_world_int8", "TFLM's hello_world: sin(x) by a tiny int8 model"},
    {"micro_speech", "micro_speech_quantized", "TFLM's micro_speech: yes/no/silence/unknown from 49x40 int8 audio features"},
    {"person_detection", "person_detect", "TFLM's person_detection: person/no person in a 96x96 grayscale image"},
};

struct ExportOptions {
  std::string platform, model, out, source, flatbuffers, model_to_c;
  std::string url = "https://github.com/tinyrt/tinyrt";
  std::vector<std::string> examples;
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "tinyrt export: %s\n", message.c_str());
  return 1;
}

bool ReadText(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

bool WriteText(const fs::path& path, const std::string& text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

std::string Quote(const std::string& s) { return "'" + Replace(s, "'", "'\\''") + "'"; }

// One file of the exported tree: where it goes (relative to DIR) and its content.
struct OutFile {
  std::string path, text;
};

// ---- The library tree ------------------------------------------------------------------------

// The kernel symbol (kOp_NAME, kOp_Custom_Kernel) of each op a model uses.
bool ModelKernels(const std::string& model_path, const std::map<std::string, std::string>& custom_kernels, std::set<std::string>* out,
                  std::string* error) {
  host::AlignedBuffer bytes;
  if (!host::ReadFile(model_path, &bytes)) return *error = "cannot read " + model_path, false;
  Model model;
  const Status status = model.Load(bytes.data(), bytes.size());
  if (!status.ok()) return *error = model_path + ": " + status.message(), false;
  for (const host::ModelOp& op : host::ModelOps(model)) {
    if (op.builtin_code != kBuiltinCustom) {
      out->insert(std::string("kOp_") + BuiltinOperatorName(op.builtin_code));
      continue;
    }
    const char* method = CustomResolverMethodName(op.custom_name.c_str());  // "AddSignalWindow()"
    if (method == nullptr) continue;                                        // the application's own kernel
    const std::string name = std::string(method).substr(3, std::string(method).size() - 5);
    auto it = custom_kernels.find(name);
    if (it == custom_kernels.end()) return *error = "no kernel source for custom op " + op.custom_name, false;
    out->insert("kOp_Custom_" + it->second);
  }
  return true;
}

class LibraryTree {
 public:
  LibraryTree(const std::string& source, const std::string& flatbuffers) : source_(source), flatbuffers_(flatbuffers) {}

  // kernels: the kOp_ symbols to keep; empty keeps every kernel.
  bool Build(const std::set<std::string>& kernels, std::vector<OutFile>* files, std::string* error) {
    // Public headers.
    for (const auto& entry : fs::recursive_directory_iterator(source_ / "include/tinyrt")) {
      if (!entry.is_regular_file()) continue;
      if (!Add(entry.path(), "src/tinyrt/" + fs::relative(entry.path(), source_ / "include/tinyrt").string(), files, error)) return false;
    }
    // The model reader: flatc's generated header, with FlatBuffers' assert turned off (the runtime
    // reports errors instead; Arduino and Keil have no way to pass the definition).
    std::string schema;
    if (!ReadText(source_ / "src/generated/tinyrt/schema_generated.h", &schema)) return *error = "cannot read the schema reader", false;
    schema = Replace(schema, "#include \"flatbuffers/flatbuffers.h\"",
                     "#ifndef FLATBUFFERS_ASSERT  // tinyrt export: the runtime reports errors, it never asserts\n"
                     "#define FLATBUFFERS_ASSERT static_cast<void>\n#endif\n#include \"flatbuffers/flatbuffers.h\"");
    files->push_back({"src/tinyrt/schema_generated.h", schema});

    // Runtime sources; a source whose file name repeats gets its folder as a prefix.
    std::vector<fs::path> sources;
    for (const char* dir : {"src/core", "src/math", "src/kernels", "src/kernels/ref", "src/kernels/opt"}) {
      for (const auto& entry : fs::directory_iterator(source_ / dir)) {
        if (entry.is_regular_file()) sources.push_back(entry.path());
      }
    }
    std::sort(sources.begin(), sources.end());
    std::map<std::string, int> stems;
    for (const fs::path& p : sources) {
      if (p.extension() == ".cc") ++stems[p.stem().string()];
    }
    std::set<std::string> dropped_ops;  // ref kernels left out: their opt/ variants (same file name) go too
    for (const fs::path& p : sources) {
      if (!kernels.empty() && p.parent_path().filename() == "ref" && p.extension() == ".cc" && !KeepKernelFile(p, kernels)) {
        dropped_ops.insert(p.stem().string());
      }
    }
    for (const fs::path& p : sources) {
      const std::string dir = p.parent_path().filename().string();
      if (!kernels.empty() && p.extension() == ".cc") {
        if (p.filename() == "all_ops_resolver.cc") continue;  // references every kernel
        if ((dir == "ref" || dir == "opt") && dropped_ops.count(p.stem().string()) != 0) continue;
      }
      std::string name = p.filename().string();
      if (p.extension() == ".cc") name = (stems[p.stem().string()] > 1 ? dir + "_" : "") + p.stem().string() + ".cpp";
      const std::string rel = fs::relative(p.parent_path(), source_ / "src").string();
      if (!Add(p, "src/tinyrt/runtime/" + rel + "/" + name, files, error)) return false;
    }
    return AddFlatbuffers(files, error);
  }

  // The custom kernels by resolver name (include/tinyrt/signal_ops.inc: TINYRT_CUSTOM(Name, Kernel)).
  std::map<std::string, std::string> CustomKernels() const {
    std::string inc;
    std::map<std::string, std::string> out;
    if (!ReadText(source_ / "include/tinyrt/signal_ops.inc", &inc)) return out;
    const std::regex line("TINYRT_CUSTOM\\((\\w+),\\s*(\\w+)\\)");
    for (auto it = std::sregex_iterator(inc.begin(), inc.end(), line); it != std::sregex_iterator(); ++it) out[(*it)[1]] = (*it)[2];
    return out;
  }

 private:
  static bool KeepKernelFile(const fs::path& p, const std::set<std::string>& kernels) {
    std::string text;
    if (!ReadText(p, &text)) return true;
    // `const OpKernel kOp_NAME =`, or TINYRT_FLOAT_UNARY_OP(NAME, fn) (src/kernels/elementwise.h).
    const std::regex def("const OpKernel kOp_(\\w+) =|TINYRT_FLOAT_UNARY_OP\\((\\w+),");
    bool defines_any = false;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), def); it != std::sregex_iterator(); ++it) {
      defines_any = true;
      if (kernels.count("kOp_" + ((*it)[1].matched ? (*it)[1].str() : (*it)[2].str())) != 0) return true;
    }
    return !defines_any;
  }

  // A runtime file with its includes rewritten to the exported layout.
  bool Add(const fs::path& from, const std::string& to, std::vector<OutFile>* files, std::string* error) {
    std::string text;
    if (!ReadText(from, &text)) return *error = "cannot read " + from.string(), false;
    files->push_back({to, Replace(text, "#include \"src/", "#include \"tinyrt/runtime/")});
    return true;
  }

  // flatbuffers.h and the headers it includes, transitively, and the licence.
  bool AddFlatbuffers(std::vector<OutFile>* files, std::string* error) {
    std::vector<std::string> todo = {"flatbuffers.h"};
    std::set<std::string> done;
    const std::regex include("#include \"flatbuffers/([\\w.]+)\"");
    while (!todo.empty()) {
      const std::string name = todo.back();
      todo.pop_back();
      if (!done.insert(name).second) continue;
      std::string text;
      if (!ReadText(flatbuffers_ / "flatbuffers" / name, &text)) {
        return *error = "cannot read " + (flatbuffers_ / "flatbuffers" / name).string() +
                        " (--flatbuffers DIR: the folder holding flatbuffers/)",
               false;
      }
      for (auto it = std::sregex_iterator(text.begin(), text.end(), include); it != std::sregex_iterator(); ++it) todo.push_back((*it)[1]);
      files->push_back({"src/flatbuffers/" + name, text});
    }
    std::string license;
    if (!ReadText(source_ / "LICENSE", &license)) return *error = "cannot read LICENSE", false;
    files->push_back({"src/flatbuffers/LICENSE",
                      "The headers in this folder are FlatBuffers 2.0.8 (https://github.com/google/flatbuffers),\n"
                      "Copyright Google Inc., under the Apache License, Version 2.0, whose text follows.\n\n" +
                          license});
    return true;
  }

  fs::path source_, flatbuffers_;
};

// ---- Models and examples ---------------------------------------------------------------------

std::string SelfDir() {
  char buffer[4096];
  const ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (n <= 0) return ".";
  buffer[n] = '\0';
  return fs::path(buffer).parent_path().string();
}

// model_to_c writes the model array, the ops header and the plan header (kModelArenaBytes).
bool ModelFiles(const ExportOptions& o, const std::string& model, const fs::path& dir, std::string* error) {
  fs::create_directories(dir);
  const std::string command = Quote(o.model_to_c) + " --format string -o " + Quote((dir / "model_data.cpp").string()) + " --header " +
                              Quote((dir / "model_data.h").string()) + " --ops-header " + Quote((dir / "model_ops.h").string()) +
                              " --namespace model_ops --plan-header " + Quote((dir / "model_plan.h").string()) +
                              " --plan-name kModel g_model=" + Quote(model);
  if (std::system(command.c_str()) != 0) return *error = "model_to_c failed: " + command, false;
  return true;
}

// The golden seeds of an example as arrays (golden_data.cpp/.h, by model_to_c) and a table of them.
bool GoldenFiles(const ExportOptions& o, const std::string& golden_dir, const fs::path& dir, std::string* error) {
  std::string specs, table;
  int seeds = 0, inputs = 0, outputs = 0;
  for (int seed = 1; seed <= 3; ++seed) {
    const fs::path seed_dir = fs::path(golden_dir) / ("seed" + std::to_string(seed));
    if (!fs::exists(seed_dir / "input0.bin")) break;
    ++seeds;
    for (const char* kind : {"input", "output"}) {
      int count = 0;
      table += "    {";
      for (; fs::exists(seed_dir / (kind + std::to_string(count) + ".bin")); ++count) {
        const fs::path file = seed_dir / (kind + std::to_string(count) + ".bin");
        const std::string name = "g_seed" + std::to_string(seed) + "_" + kind + std::to_string(count);
        specs += " " + name + "=" + Quote(file.string());
        table += "{" + name + ", " + std::to_string(fs::file_size(file)) + "u}, ";
      }
      table += "},\n";
      (std::string(kind) == "input" ? inputs : outputs) = count;
    }
  }
  if (seeds == 0) return *error = "no golden seeds in " + golden_dir, false;
  const std::string command = Quote(o.model_to_c) + " --format string -o " + Quote((dir / "golden_data.cpp").string()) + " --header " +
                              Quote((dir / "golden_data.h").string()) + specs;
  if (std::system(command.c_str()) != 0) return *error = "model_to_c failed: " + command, false;
  std::string h = "// Generated by tinyrt export: the golden seeds (TFLM's outputs for the inputs of data/golden/README.md).\n";
  h += "#pragma once\n\n#include \"golden_data.h\"\n\n";
  h += "struct GoldenTensor {\n  const unsigned char* data;\n  unsigned size;\n};\n";
  h += "constexpr unsigned kGoldenSeeds = " + std::to_string(seeds) + ", kGoldenInputs = " + std::to_string(inputs) +
       ", kGoldenOutputs = " + std::to_string(outputs) + ";\n";
  h += "// Per seed: its inputs, then its expected outputs.\n";
  h += "static const GoldenTensor kGolden[kGoldenSeeds * 2][" + std::to_string(std::max(inputs, outputs)) + "] = {\n" + table + "};\n";
  return WriteText(dir / "golden.h", h) || (*error = "cannot write golden.h", false);
}

// The example program, shared by every platform: the platform's main calls RunExample.
const char kExampleHeader[] = R"~(// Generated by tinyrt export: the example program, the same on every platform. It runs the model
// (model_data.h, in flash) on each golden seed in an arena of exactly the planned size and compares
// the outputs with TFLM's, byte for byte. The platform's main (or setup()) calls RunExample with a
// function that prints a string; it returns 0 when every seed matched.
#pragma once

#include <stdint.h>
#include <string.h>

#include "golden.h"
#include "model_data.h"
#include "model_ops.h"
#include "model_plan.h"
#include "tinyrt.h"

static_assert(kModelArenaBytes == model_ops::kArenaUsedBytes, "the plan and the ops header agree");
alignas(16) static uint8_t g_example_arena[kModelArenaBytes] TINYRT_ARENA_ATTR;

inline void ExamplePrintNumber(void (*print)(const char*), unsigned long value) {
  char text[24];
  int n = sizeof(text) - 1;
  text[n] = '\0';
  do {
    text[--n] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  print(text + n);
}

inline int ExampleFail(void (*print)(const char*), const char* what, const tinyrt::Status& status) {
  print(TINYRT_EXAMPLE_NAME ": ");
  print(what);
  print(": ");
  print(status.message());
  print("\n");
  return 2;
}

inline int RunExample(void (*print)(const char*)) {
  tinyrt::Model model;
  tinyrt::Status status = model.Load(g_model, g_model_len);  // verifies the model once, in place
  if (!status.ok()) return ExampleFail(print, "Load", status);
  model_ops::ModelOpResolver resolver;  // exactly the model's ops
  status = model_ops::RegisterModelOps(resolver);
  if (!status.ok()) return ExampleFail(print, "resolver", status);
  tinyrt::MicroInterpreter interpreter(model, resolver, g_example_arena, sizeof(g_example_arena));
  status = interpreter.AllocateTensors();
  if (!status.ok()) return ExampleFail(print, "AllocateTensors", status);
  unsigned matched = 0;
  for (unsigned s = 0; s < kGoldenSeeds; ++s) {
    bool ok = interpreter.Reset().ok();
    for (unsigned i = 0; ok && i < kGoldenInputs; ++i) {
      const tinyrt::TensorView input = interpreter.input(i);
      ok = input.bytes() == kGolden[2 * s][i].size;
      if (ok) memcpy(input.raw(), kGolden[2 * s][i].data, kGolden[2 * s][i].size);
    }
    status = interpreter.Invoke();
    if (!status.ok()) return ExampleFail(print, "Invoke", status);
    for (unsigned j = 0; ok && j < kGoldenOutputs; ++j) {
      const tinyrt::TensorView output = interpreter.output(j);
      ok = output.bytes() == kGolden[2 * s + 1][j].size && memcmp(output.raw(), kGolden[2 * s + 1][j].data, output.bytes()) == 0;
    }
    print(TINYRT_EXAMPLE_NAME ": seed ");
    ExamplePrintNumber(print, s + 1);
    print(ok ? ": outputs equal TFLM's\n" : ": outputs DIFFER from TFLM's\n");
    matched += ok ? 1 : 0;
  }
  print(TINYRT_EXAMPLE_NAME ": arena ");
  ExamplePrintNumber(print, interpreter.arena_used_bytes());
  print(" bytes used of ");
  ExamplePrintNumber(print, sizeof(g_example_arena));
  const bool ok = matched == kGoldenSeeds && interpreter.arena_used_bytes() == sizeof(g_example_arena);
  print(ok ? "\n" TINYRT_EXAMPLE_NAME ": ok\n" : "\n" TINYRT_EXAMPLE_NAME ": FAILED\n");
  return ok ? 0 : 1;
}
)~";

// The entry header (src/tinyrt.h).
const char kEntryHeader[] = R"~(// tinyrt: the one header an application includes (Arduino: #include <tinyrt.h>). Generated by
// `tinyrt export`; the API is that of tinyrt's include/tinyrt (README.md of the tinyrt project).
#pragma once

#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"
#include "tinyrt/status.h"
#include "tinyrt/tensor.h"

// TINYRT_ARENA_ATTR goes before an arena's declaration: where the arena lives. ESP-IDF: menuconfig
// "tinyrt" > "Arena placement" (Kconfig) puts it in PSRAM; elsewhere define it to a section
// attribute of your linker script, or leave it empty (ordinary RAM).
#if !defined(TINYRT_ARENA_ATTR) && defined(ESP_PLATFORM)
#include "sdkconfig.h"
#if defined(CONFIG_TINYRT_ARENA_PSRAM)
#include "esp_attr.h"
#define TINYRT_ARENA_ATTR EXT_RAM_BSS_ATTR
#endif
#endif
#ifndef TINYRT_ARENA_ATTR
#define TINYRT_ARENA_ATTR
#endif
)~";

// main.cpp of an example: print through printf (stdout), except where noted.
std::string ExampleMain(const std::string& platform, const std::string& name) {
  std::string m = "// Generated by tinyrt export: the " + name + " example for " + platform + " (example.h does the work).\n";
  m += "#include <stdio.h>\n\n#define TINYRT_EXAMPLE_NAME \"" + name + "\"\n#include \"example.h\"\n\n";
  m += "static void Print(const char* text) { fputs(text, stdout); }\n\n";
  if (platform == "esp-idf") return m + "extern \"C\" void app_main(void) { RunExample(Print); }\n";
  if (platform == "make") {
    // The board's semihosting console on the QEMU targets (no printf: smaller, no heap).
    m = "// Generated by tinyrt export: the " + name + " example (example.h does the work).\n";
    m += "#define TINYRT_EXAMPLE_NAME \"" + name + "\"\n#include \"example.h\"\n\n";
    m += "#if defined(TINYRT_BOARD)\n#include \"board.h\"  // targets/: board_puts (semihosting)\n";
    m += "static void Print(const char* text) { board_puts(text); }\n#else\n#include <stdio.h>\n";
    m += "static void Print(const char* text) { fputs(text, stdout); }\n#endif\n\n";
  }
  return m + "int main(void) { return RunExample(Print); }\n";
}

std::string InoSketch(const std::string& name, const std::string& about) {
  return "// " + about +
         ".\n// Generated by tinyrt export: runs the model on TFLM's golden inputs and prints whether the\n"
         "// outputs are TFLM's, byte for byte (example.h); open the Serial Monitor at 115200 baud.\n"
         "#include <tinyrt.h>\n\n#define TINYRT_EXAMPLE_NAME \"" +
         name +
         "\"\n#include \"example.h\"\n\n"
         "static void Print(const char* text) { Serial.print(text); }\n\n"
         "void setup() {\n  Serial.begin(115200);\n  while (!Serial) {\n  }\n  RunExample(Print);\n}\n\n"
         "void loop() {}\n";
}

// ---- Platform manifests ----------------------------------------------------------------------

struct Tree {
  std::string version = TINYRT_VERSION;
  std::string url;                       // the project's home (--url)
  std::vector<std::string> lib_sources;  // .cpp under src/, relative to DIR
  std::vector<std::string> lib_headers;
  std::vector<std::string> examples;                                // names
  std::map<std::string, std::vector<std::string>> example_sources;  // relative to the example's folder
  std::string example_dir(const std::string& platform, const std::string& name) const {
    if (platform == "zephyr") return "samples/" + name;
    return "examples/" + name;
  }
  std::string example_src_dir(const std::string& platform, const std::string& name) const {
    if (platform == "esp-idf") return example_dir(platform, name) + "/main";
    if (platform == "zephyr") return example_dir(platform, name) + "/src";
    return example_dir(platform, name);
  }
};

const std::string kDescription = "TFLite inference for microcontrollers: TFLM's API and results (bit-exact int8/int16), one arena, no heap";

std::string Makefile(const Tree& t) {
  std::string first = t.examples.empty() ? "" : t.examples[0];
  return R"~(# SPDX-License-Identifier: Apache-2.0
# Generated by `tinyrt export --platform make`: tinyrt (src/) and its examples, with GNU make.
#   make                            host build of examples/$(EXAMPLE) (g++), run it: make run
#   make TARGET=cortex-m4f run      arm-none-eabi-gcc for the Arm MPS2 AN386 board, run under QEMU
#   make TARGET=rv32imc run         riscv64-unknown-elf-gcc + picolibc, RV32IMC on QEMU's virt machine
#   make lib [TARGET=...]           just build/$(TARGET)/libtinyrt.a, for your own project
# On your own board: TARGET=cortex-m4f (or add a block below) with BOARD_SRCS and LDSCRIPT of yours.
# Options: EXAMPLE=)~" +
         first + R"~( (a folder of examples/), CROSS (tool prefix), OPT=-Os, DEFS (-DTINYRT_ERROR_MESSAGES=0:
# short error codes instead of sentences), JOBS via make -j.
TARGET ?= host
EXAMPLE ?= )~" +
         first + R"~(
OPT ?= -Os
BUILD := build/$(TARGET)

LIB_SRCS := $(shell find src -name '*.cpp' | sort)
APP_SRCS := $(if $(EXAMPLE),$(sort $(wildcard examples/$(EXAMPLE)/*.cpp)))
CXXSTD := -std=gnu++17 -fno-exceptions -fno-rtti -fno-threadsafe-statics -ffunction-sections -fdata-sections
BOARD_SRCS :=
BOARD_INC :=

ifeq ($(TARGET),host)
  CROSS ?=
  CPU :=
  LINK = $(CROSS)g++
  LDFLAGS := -Wl,--gc-sections
  RUN :=
else ifeq ($(TARGET),cortex-m4f)
  CROSS ?= arm-none-eabi-
  CPU := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
  CXXSTD += -fno-use-cxa-atexit
  BOARD_SRCS := targets/cortex_m/startup.c targets/cortex_m/semihosting.c
  BOARD_INC := -Itargets -DTINYRT_BOARD
  LDSCRIPT ?= targets/mps2-an386/memory.ld
  LINK = $(CROSS)g++
  LDFLAGS := $(CPU) -nostartfiles --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections -Ltargets/cortex_m -T$(LDSCRIPT)
  RUN := qemu-system-arm -M mps2-an386 -display none -monitor none -serial none -chardev stdio,id=sh0 \
         -semihosting-config enable=on,target=native,chardev=sh0 -kernel
else ifeq ($(TARGET),rv32imc)
  CROSS ?= riscv64-unknown-elf-
  CPU := -march=rv32imc -mabi=ilp32 --specs=picolibc.specs
  CXXSTD += -fno-use-cxa-atexit
  # Toolchains without their own C++ headers (Debian's riscv64-unknown-elf-gcc): borrow the
  # header-only part of arm-none-eabi's libstdc++ (FlatBuffers' headers include <vector>, ...;
  # nothing of the library is linked), only when the toolchain cannot find <vector> itself.
  HASH := \#
  HAVE_CXX_HEADERS := $(shell echo '$(HASH)include <vector>' | $(CROSS)g++ $(CPU) -x c++ -fsyntax-only - >/dev/null 2>&1 && echo yes)
  NEWLIB_CXX := /usr/include/newlib/c++/12.2.1
  CXX_HEADERS ?= $(if $(HAVE_CXX_HEADERS),,$(if $(wildcard $(NEWLIB_CXX)),-isystem $(NEWLIB_CXX) -isystem $(NEWLIB_CXX)/arm-none-eabi/thumb/v6-m/nofp))
  CPU_CXX := $(CXX_HEADERS)
  BOARD_SRCS := targets/riscv/board_riscv.c
  BOARD_INC := -Itargets -DTINYRT_BOARD
  LINK = $(CROSS)gcc
  LDFLAGS := $(CPU) --oslib=semihost --crt0=semihost -Wl,--gc-sections -Wl,--defsym=__flash=0x80000000,--defsym=__flash_size=4194304 \
             -Wl,--defsym=__ram=0x80400000,--defsym=__ram_size=409600 -Wl,--defsym=__stack_size=16384
  RUN := qemu-system-riscv32 -M virt -bios none -cpu rv32,a=false,f=false,d=false -display none -monitor none -serial none \
         -chardev stdio,id=sh0 -semihosting-config enable=on,target=native,chardev=sh0 -kernel
else
  $(error unknown TARGET $(TARGET): host, cortex-m4f or rv32imc)
endif

CXX = $(CROSS)g++
CC = $(CROSS)gcc
AR = $(CROSS)ar
CXXFLAGS := $(CPU) $(CPU_CXX) $(CXXSTD) $(OPT) -Wall -Isrc $(DEFS)
CFLAGS := $(CPU) -ffunction-sections -fdata-sections $(OPT) -Wall -fno-tree-loop-distribute-patterns $(BOARD_INC)

LIB_OBJS := $(LIB_SRCS:%.cpp=$(BUILD)/%.o)
APP_OBJS := $(APP_SRCS:%.cpp=$(BUILD)/%.o) $(BOARD_SRCS:%.c=$(BUILD)/%.o)
FIRMWARE := $(BUILD)/$(EXAMPLE).elf

all: $(if $(EXAMPLE),$(FIRMWARE),lib)
lib: $(BUILD)/libtinyrt.a

$(BUILD)/libtinyrt.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

$(FIRMWARE): $(APP_OBJS) $(BUILD)/libtinyrt.a
	$(LINK) $(APP_OBJS) $(BUILD)/libtinyrt.a $(LDFLAGS) -o $@

$(BUILD)/src/%.o: src/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/examples/%.o: examples/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) $(BOARD_INC) -MMD -MP -c $< -o $@

$(BUILD)/targets/%.o: targets/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

run: $(FIRMWARE)
	$(RUN) $(FIRMWARE) </dev/null

clean:
	rm -rf build

.PHONY: all lib run clean
-include $(LIB_OBJS:.o=.d) $(APP_OBJS:.o=.d)
)~";
}

std::string VscodeTasks() {
  return R"~({
  "version": "2.0.0",
  "tasks": [
    {"label": "build (host)", "type": "shell", "command": "make -j", "group": {"kind": "build", "isDefault": true}, "problemMatcher": ["$gcc"]},
    {"label": "build (cortex-m4f)", "type": "shell", "command": "make -j TARGET=cortex-m4f", "group": "build", "problemMatcher": ["$gcc"]},
    {"label": "run (cortex-m4f, QEMU)", "type": "shell", "command": "make -j TARGET=cortex-m4f run", "group": "test", "problemMatcher": ["$gcc"]},
    {"label": "build (rv32imc)", "type": "shell", "command": "make -j TARGET=rv32imc", "group": "build", "problemMatcher": ["$gcc"]},
    {"label": "clean", "type": "shell", "command": "make clean", "problemMatcher": []}
  ]
}
)~";
}

std::string VscodeCpp() {
  return R"~({
  "version": 4,
  "configurations": [
    {
      "name": "cortex-m4f",
      "includePath": ["${workspaceFolder}/src", "${workspaceFolder}/targets", "${workspaceFolder}/examples/**"],
      "defines": ["TINYRT_BOARD"],
      "compilerPath": "arm-none-eabi-g++",
      "compilerArgs": ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"],
      "cStandard": "c11",
      "cppStandard": "c++17",
      "intelliSenseMode": "gcc-arm"
    },
    {
      "name": "host",
      "includePath": ["${workspaceFolder}/src", "${workspaceFolder}/examples/**"],
      "compilerPath": "g++",
      "cStandard": "c11",
      "cppStandard": "c++17",
      "intelliSenseMode": "linux-gcc-x64"
    }
  ]
}
)~";
}

std::string ArduinoProperties(const Tree& t) {
  return "name=tinyrt\nversion=" + t.version +
         "\nauthor=tinyrt contributors\nmaintainer=tinyrt contributors\n"
         "sentence=Runs TensorFlow Lite models on microcontrollers with TFLM's API and results.\n"
         "paragraph=Standard .tflite models, bit-exact with TFLM's reference kernels (int8/int16), in one caller-owned arena "
         "of an exact, planned size, without heap. Examples: hello_world, micro_speech, person_detection.\n"
         "category=Data Processing\nurl=" +
         t.url + "\narchitectures=*\nincludes=tinyrt.h\nlicense=Apache-2.0\n";
}

std::string JsonList(const std::vector<std::string>& items, const std::string& indent) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "\n" : ",\n") + indent + "  \"" + items[i] + "\"";
  return out + (items.empty() ? "]" : "\n" + indent + "]");
}

std::string PlatformioJson(const Tree& t) {
  std::vector<std::string> examples;
  for (const std::string& e : t.examples) examples.push_back("examples/" + e + "/*.cpp");
  return "{\n  \"name\": \"tinyrt\",\n  \"version\": \"" + t.version + "\",\n  \"description\": \"" + kDescription +
         "\",\n"
         "  \"keywords\": [\"tflite\", \"tflm\", \"machine learning\", \"inference\", \"int8\"],\n"
         "  \"license\": \"Apache-2.0\",\n  \"authors\": [{\"name\": \"tinyrt contributors\"}],\n"
         "  \"repository\": {\"type\": \"git\", \"url\": \"" +
         t.url +
         ".git\"},\n"
         "  \"frameworks\": \"*\",\n  \"platforms\": \"*\",\n  \"headers\": \"tinyrt.h\",\n"
         "  \"examples\": " +
         JsonList(examples, "  ") +
         ",\n"
         "  \"build\": {\n    \"srcDir\": \"src\",\n    \"includeDir\": \"src\",\n    \"srcFilter\": [\"+<**/*.cpp>\"],\n"
         "    \"flags\": [\"-std=gnu++17\", \"-fno-exceptions\", \"-fno-rtti\", \"-fno-threadsafe-statics\"],\n"
         "    \"unflags\": [\"-std=gnu++11\", \"-std=gnu++14\"],\n    \"libArchive\": true\n  }\n}\n";
}

std::string IdfCMake(const Tree& t) {
  std::string srcs;
  for (const std::string& s : t.lib_sources) srcs += "    \"" + s + "\"\n";
  return "# SPDX-License-Identifier: Apache-2.0\n# Generated by `tinyrt export --platform esp-idf`: the tinyrt component.\n"
         "idf_component_register(\n  SRCS\n" +
         srcs +
         "  INCLUDE_DIRS \"src\")\n"
         "# C++17 without exceptions or RTTI, as the runtime is written (no heap either).\n"
         "target_compile_options(${COMPONENT_LIB} PRIVATE -std=gnu++17 -fno-exceptions -fno-rtti)\n"
         "# Kconfig: messages are on unless turned off (tinyrt's default), and must agree in every file.\n"
         "if(NOT CONFIG_TINYRT_ERROR_MESSAGES)\n  target_compile_definitions(${COMPONENT_LIB} PUBLIC TINYRT_ERROR_MESSAGES=0)\nendif()\n";
}

std::string IdfComponentYml(const Tree& t) {
  return "## Generated by `tinyrt export --platform esp-idf` (IDF Component Manager manifest)\nversion: \"" + t.version +
         "\"\ndescription: \"" + kDescription + "\"\nurl: \"" + t.url +
         "\"\nlicense: \"Apache-2.0\"\n"
         "targets:\n  - esp32\n  - esp32s2\n  - esp32s3\n  - esp32c3\n  - esp32c6\n  - esp32h2\n"
         "dependencies:\n  idf: \">=4.4\"\n";
}

std::string IdfKconfig() {
  return R"~(# Generated by `tinyrt export --platform esp-idf`: idf.py menuconfig > Component config > tinyrt
menu "tinyrt"

    config TINYRT_ERROR_MESSAGES
        bool "Error messages in statuses"
        default y
        help
            Statuses carry sentences naming the cause ("CONV_2D (node 3): ..."). Off: short codes
            such as E3@4 (missing op at node 4), about 7-15 KB less flash.

    choice TINYRT_ARENA_PLACEMENT
        prompt "Arena placement"
        default TINYRT_ARENA_INTERNAL
        help
            Where arenas declared with TINYRT_ARENA_ATTR (tinyrt.h) live.

        config TINYRT_ARENA_INTERNAL
            bool "Internal RAM"
        config TINYRT_ARENA_PSRAM
            bool "External PSRAM (EXT_RAM_BSS_ATTR)"
            depends on SPIRAM
    endchoice

endmenu
)~";
}

std::string ZephyrCMake(const Tree& t) {
  std::string srcs;
  for (const std::string& s : t.lib_sources) srcs += "    " + s + "\n";
  return "# SPDX-License-Identifier: Apache-2.0\n# Generated by `tinyrt export --platform zephyr`: the tinyrt module's library.\n"
         "if(CONFIG_TINYRT)\n  zephyr_library()\n  zephyr_library_sources(\n" +
         srcs +
         "  )\n"
         "  zephyr_include_directories(src)\n"
         "  zephyr_library_compile_options(-fno-exceptions -fno-rtti)\n"
         "  if(NOT CONFIG_TINYRT_ERROR_MESSAGES)\n    zephyr_compile_definitions(TINYRT_ERROR_MESSAGES=0)\n  endif()\nendif()\n";
}

std::string ZephyrKconfig() {
  return R"~(# Generated by `tinyrt export --platform zephyr`
config TINYRT
	bool "tinyrt: TFLite inference runtime"
	depends on CPP
	select REQUIRES_FULL_LIBCPP
	help
	  tinyrt runs .tflite models with TFLM's API. It needs C++17 and the full C++ library's
	  headers (the FlatBuffers headers of its model reader include <vector>; nothing of the
	  library is linked: no heap, no exceptions).

config TINYRT_ERROR_MESSAGES
	bool "tinyrt: error messages in statuses"
	depends on TINYRT
	default y
	help
	  Off: short codes (E3@4) instead of sentences, about 7-15 KB less flash.
)~";
}

std::string ZephyrSample(const std::string& name, std::vector<std::string> sources) {
  std::string list;
  for (const std::string& s : sources) list += " src/" + s;
  return "# SPDX-License-Identifier: Apache-2.0\n# Generated by tinyrt export: west build -b <board> samples/" + name +
         " -- -DZEPHYR_EXTRA_MODULES=<this tree>\ncmake_minimum_required(VERSION 3.20.0)\n"
         "find_package(Zephyr REQUIRED HINTS $ENV{ZEPHYR_BASE})\nproject(" +
         name + ")\ntarget_sources(app PRIVATE" + list + ")\n";
}

std::string MbedLibJson() {
  return R"~({
  "name": "tinyrt",
  "config": {
    "error-messages": {
      "help": "Error messages in statuses: null or 1 (the default: sentences), 0 (short codes such as E3@4, 7-15 KB less flash)",
      "value": null,
      "macro_name": "TINYRT_ERROR_MESSAGES"
    }
  },
  "target_overrides": {
    "*": {}
  }
}
)~";
}

std::string Pdsc(const Tree& t, const std::string& date) {
  std::string files;
  for (const std::string& h : t.lib_headers) files += "        <file category=\"header\" name=\"" + h + "\"/>\n";
  for (const std::string& s : t.lib_sources) files += "        <file category=\"sourceCpp\" name=\"" + s + "\"/>\n";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Generated by tinyrt export (platform cmsis-pack): the pack tinyrt.tinyrt -->\n"
         "<package schemaVersion=\"1.7.7\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xs:noNamespaceSchemaLocation=\"PACK.xsd\">\n"
         "  <vendor>tinyrt</vendor>\n  <name>tinyrt</name>\n  <description>" +
         kDescription +
         "</description>\n"
         "  <url>" +
         t.url +
         "/releases/</url>\n  <license>LICENSE</license>\n"
         "  <releases>\n    <release version=\"" +
         t.version + "\" date=\"" + date +
         "\">First pack of tinyrt</release>\n  </releases>\n"
         "  <keywords>\n    <keyword>tflite</keyword>\n    <keyword>machine learning</keyword>\n  </keywords>\n"
         "  <conditions>\n    <condition id=\"Cortex-M\">\n      <description>Arm Cortex-M</description>\n"
         "      <accept Dcore=\"Cortex-M0\"/>\n      <accept Dcore=\"Cortex-M0+\"/>\n      <accept Dcore=\"Cortex-M3\"/>\n"
         "      <accept Dcore=\"Cortex-M4\"/>\n      <accept Dcore=\"Cortex-M7\"/>\n      <accept Dcore=\"Cortex-M33\"/>\n"
         "      <accept Dcore=\"Cortex-M55\"/>\n    </condition>\n  </conditions>\n"
         "  <components>\n    <component Cclass=\"Machine Learning\" Cgroup=\"tinyrt\" Csub=\"Runtime\" Cversion=\"" +
         t.version +
         "\" condition=\"Cortex-M\">\n"
         "      <description>tinyrt runtime: TFLite models with TFLM's API, one arena, no heap (C++17)</description>\n"
         "      <RTE_Components_h>#define RTE_ML_TINYRT</RTE_Components_h>\n      <files>\n"
         "        <file category=\"include\" name=\"src/\"/>\n" +
         files + "      </files>\n    </component>\n  </components>\n</package>\n";
}

std::string ReadmeFor(const std::string& platform, const Tree& t, const std::string& model_note) {
  std::string r = "tinyrt " + t.version + ", exported for " + platform + " by `tinyrt export`.\n\n";
  r += "src/            the runtime (include root: src/; entry header src/tinyrt.h), FlatBuffers' headers in src/flatbuffers\n";
  if (!model_note.empty()) r += model_note;
  if (!t.examples.empty()) {
    r += platform == "zephyr" ? "samples:       " : "examples:      ";
    for (const std::string& e : t.examples) r += " " + e;
    r += " (each runs its model on TFLM's golden inputs and checks the outputs byte for byte)\n";
  }
  const std::string first = t.examples.empty() ? "hello_world" : t.examples[0];
  const std::map<std::string, std::string> how = {
      {"make", "  make TARGET=cortex-m4f run     (or TARGET=rv32imc, or the host: make run; make lib for libtinyrt.a)\n"},
      {"arduino", "  zip this folder, Arduino IDE: Sketch > Include Library > Add .ZIP Library, then File > Examples > tinyrt\n"},
      {"platformio", "  put this folder in your project's lib/ (or lib_deps = file://...), then pio run\n"},
      {"esp-idf",
       "  put this folder at components/tinyrt of your project, REQUIRES tinyrt in main, idf.py build\n"
       "  an example: idf.py -C examples/" +
           first + " set-target esp32c3 build\n"},
      {"zephyr", "  west build -b <board> samples/" + first + " -- -DZEPHYR_EXTRA_MODULES=<this folder>\n"},
      {"mbed", "  put this folder in your Mbed CLI project, mbed compile with a -std=gnu++17 profile\n"},
      {"cmsis-pack", "  zip this folder as tinyrt.tinyrt." + t.version + ".pack, Pack Installer: File > Import\n"}};
  r += "\nBuild:\n" + how.at(platform) +
       "More: docs/platforms.md of the tinyrt project. Licence: Apache-2.0 (LICENSE; FlatBuffers: src/flatbuffers/LICENSE).\n";
  return r;
}

// ---- Export ----------------------------------------------------------------------------------

int Usage() {
  std::fprintf(stderr,
               "usage: tinyrt export --platform P [--model M.tflite] [--example NAME]... -o DIR\n"
               "  P: make, arduino, platformio, esp-idf, zephyr, mbed, cmsis-pack\n"
               "  --example: hello_world, micro_speech, person_detection or all (default: all, unless --model is given)\n"
               "  --url URL: the project's home in the manifests (default https://github.com/tinyrt/tinyrt)\n"
               "  --source DIR (the tinyrt tree), --flatbuffers DIR (holding flatbuffers/), --model-to-c PATH: found by default\n");
  return 2;
}

int ExportTree(int argc, char** argv);

}  // namespace

// A file system error (permissions, a full disk) becomes a message, not an abort.
int Export(int argc, char** argv) {
  try {
    return ExportTree(argc, argv);
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
}

namespace {

int ExportTree(int argc, char** argv) {
  ExportOptions o;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return Usage();
    const std::string value = argv[++i];
    if (arg == "--platform") {
      o.platform = value;
    } else if (arg == "--model") {
      o.model = value;
    } else if (arg == "--example") {
      o.examples.push_back(value);
    } else if (arg == "-o" || arg == "--output") {
      o.out = value;
    } else if (arg == "--source") {
      o.source = value;
    } else if (arg == "--flatbuffers") {
      o.flatbuffers = value;
    } else if (arg == "--url") {
      o.url = value;
    } else if (arg == "--model-to-c") {
      o.model_to_c = value;
    } else {
      std::fprintf(stderr, "tinyrt export: unknown option %s\n", arg.c_str());
      return Usage();
    }
  }
  if (o.platform.empty() || o.out.empty()) return Usage();
  if (std::find(std::begin(kPlatforms), std::end(kPlatforms), o.platform) == std::end(kPlatforms)) {
    return Fail("unknown platform '" + o.platform + "' (make, arduino, platformio, esp-idf, zephyr, mbed, cmsis-pack)");
  }
  if (o.source.empty()) o.source = fs::path(host::BundledDataDir()).parent_path().string();
  if (o.flatbuffers.empty()) o.flatbuffers = TINYRT_FLATBUFFERS_INCLUDE_DIR;
  if (o.model_to_c.empty()) o.model_to_c = SelfDir() + "/model_to_c";
  if (!fs::exists(o.model_to_c)) return Fail("model_to_c not found at " + o.model_to_c + " (--model-to-c PATH)");
  if (!o.model.empty()) o.model = fs::absolute(o.model).string();

  // Which examples; which kernels (only the models' when a model or an example is named).
  const bool restrict_kernels = !o.model.empty() || !o.examples.empty();
  std::vector<const Example*> examples;
  if (o.examples.empty() && o.model.empty()) o.examples.push_back("all");
  for (const std::string& name : o.examples) {
    bool found = false;
    for (const Example& e : kExamples) {
      if (name == "all" || name == e.name) {
        if (std::find(examples.begin(), examples.end(), &e) == examples.end()) examples.push_back(&e);
        found = true;
      }
    }
    if (!found) return Fail("unknown example '" + name + "' (hello_world, micro_speech, person_detection, all)");
  }
  LibraryTree library(o.source, o.flatbuffers);
  std::set<std::string> kernels;
  std::string error;
  if (restrict_kernels) {
    const auto custom = library.CustomKernels();
    if (!o.model.empty() && !ModelKernels(o.model, custom, &kernels, &error)) return Fail(error);
    for (const Example* e : examples) {
      if (!ModelKernels(host::FindModel(e->model), custom, &kernels, &error)) return Fail(error);
    }
  }

  const fs::path out(o.out);
  if (fs::exists(out) && !fs::is_empty(out)) return Fail(o.out + " exists and is not empty");
  std::vector<OutFile> files;
  if (!library.Build(kernels, &files, &error)) return Fail(error);
  files.push_back({"src/tinyrt.h", kEntryHeader});
  Tree t;
  t.url = o.url;
  for (const OutFile& f : files) {
    if (fs::path(f.path).extension() == ".cpp") t.lib_sources.push_back(f.path);
    if (fs::path(f.path).extension() == ".h" || fs::path(f.path).extension() == ".inc") t.lib_headers.push_back(f.path);
  }
  for (const OutFile& f : files) {
    if (!WriteText(out / f.path, f.text)) return Fail("cannot write " + (out / f.path).string());
  }

  std::string model_note;
  if (!o.model.empty()) {
    if (!ModelFiles(o, o.model, out / "src/tinyrt_model", &error)) return Fail(error);
    t.lib_sources.push_back("src/tinyrt_model/model_data.cpp");
    for (const char* h : {"model_data.h", "model_ops.h", "model_plan.h"}) t.lib_headers.push_back(std::string("src/tinyrt_model/") + h);
    std::string plan;
    ReadText(out / "src/tinyrt_model/model_plan.h", &plan);
    std::smatch m;
    const std::string bytes = std::regex_search(plan, m, std::regex("kModelArenaBytes = (\\d+)")) ? m[1].str() : "?";
    model_note = "src/tinyrt_model/  " + fs::path(o.model).filename().string() +
                 ": g_model (model_data.h), model_ops::ModelOpResolver and RegisterModelOps (model_ops.h), "
                 "kModelArenaBytes = " +
                 bytes + " and kModelArenaPlan (model_plan.h)\n";
    std::printf("model %s: %zu kernels, arena %s bytes\n", o.model.c_str(), kernels.size(), bytes.c_str());
  }
  std::sort(t.lib_sources.begin(), t.lib_sources.end());

  for (const Example* e : examples) {
    t.examples.push_back(e->name);
    const fs::path dir = out / t.example_src_dir(o.platform, e->name);
    if (!ModelFiles(o, host::FindModel(e->model), dir, &error)) return Fail(error);
    if (!GoldenFiles(o, host::FindGoldenDir(e->model), dir, &error)) return Fail(error);
    WriteText(dir / "example.h", kExampleHeader);
    std::vector<std::string> sources = {"model_data.cpp", "golden_data.cpp"};
    if (o.platform == "arduino") {
      WriteText(dir / (std::string(e->name) + ".ino"), InoSketch(e->name, e->about));
      sources.push_back(std::string(e->name) + ".ino");
    } else {
      WriteText(dir / "main.cpp", ExampleMain(o.platform, e->name));
      sources.insert(sources.begin(), "main.cpp");
    }
    t.example_sources[e->name] = sources;
    const fs::path edir = out / t.example_dir(o.platform, e->name);
    if (o.platform == "esp-idf") {
      WriteText(edir / "CMakeLists.txt",
                "# SPDX-License-Identifier: Apache-2.0\n# Generated by tinyrt export: idf.py -C examples/" + std::string(e->name) +
                    " set-target esp32c3 build\ncmake_minimum_required(VERSION 3.16)\n"
                    "set(EXTRA_COMPONENT_DIRS \"${CMAKE_CURRENT_LIST_DIR}/../..\")  # the tinyrt component (a folder named tinyrt)\n"
                    "include($ENV{IDF_PATH}/tools/cmake/project.cmake)\nproject(" +
                    e->name + ")\n");
      WriteText(dir / "CMakeLists.txt",
                "idf_component_register(SRCS \"main.cpp\" \"model_data.cpp\" \"golden_data.cpp\"\n"
                "                       INCLUDE_DIRS \".\"\n                       REQUIRES tinyrt)\n");
    } else if (o.platform == "zephyr") {
      WriteText(edir / "CMakeLists.txt", ZephyrSample(e->name, sources));
      WriteText(edir / "prj.conf", "CONFIG_CPP=y\nCONFIG_STD_CPP17=y\nCONFIG_TINYRT=y\nCONFIG_MAIN_STACK_SIZE=8192\n");
    }
  }

  // The platform's manifest and conventions.
  const std::string& p = o.platform;
  std::vector<OutFile> extra;
  if (p == "make") {
    extra.push_back({"Makefile", Makefile(t)});
    extra.push_back({".vscode/tasks.json", VscodeTasks()});
    extra.push_back({".vscode/c_cpp_properties.json", VscodeCpp()});
    // Board support for the two QEMU targets (tinyrt's targets/common and board memory maps).
    const fs::path targets = fs::path(o.source) / "targets";
    const std::pair<const char*, const char*> board_files[] = {
        {"common/board.h", "board.h"},
        {"common/stack_paint.h", "stack_paint.h"},
        {"common/cortex_m/startup.c", "cortex_m/startup.c"},
        {"common/cortex_m/semihosting.c", "cortex_m/semihosting.c"},
        {"common/cortex_m/sections.ld", "cortex_m/sections.ld"},
        {"boards/mps2-common/memory.ld", "mps2-an386/memory.ld"},
        {"common/riscv/board_riscv.c", "riscv/board_riscv.c"},
    };
    for (const auto& f : board_files) {
      std::string text;
      if (!ReadText(targets / f.first, &text)) return Fail("cannot read " + (targets / f.first).string());
      extra.push_back({std::string("targets/") + f.second, text});
    }
  } else if (p == "arduino") {
    extra.push_back({"library.properties", ArduinoProperties(t)});
  } else if (p == "platformio") {
    extra.push_back({"library.json", PlatformioJson(t)});
  } else if (p == "esp-idf") {
    extra.push_back({"CMakeLists.txt", IdfCMake(t)});
    extra.push_back({"idf_component.yml", IdfComponentYml(t)});
    extra.push_back({"Kconfig", IdfKconfig()});
  } else if (p == "zephyr") {
    extra.push_back(
        {"zephyr/module.yml", "# Generated by `tinyrt export --platform zephyr`\nname: tinyrt\nbuild:\n  cmake: .\n  kconfig: Kconfig\n"});
    extra.push_back({"CMakeLists.txt", ZephyrCMake(t)});
    extra.push_back({"Kconfig", ZephyrKconfig()});
  } else if (p == "mbed") {
    extra.push_back({"mbed_lib.json", MbedLibJson()});
    // Mbed CLI puts every folder with headers on the include path: FlatBuffers' string.h would
    // hide the C library's. Its headers are found through src/ ("flatbuffers/...") instead.
    extra.push_back({".mbedignore", "examples/*\nsrc/flatbuffers/*\n"});
  } else if (p == "cmsis-pack") {
    char date[16];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof(date), "%Y-%m-%d", std::gmtime(&now));
    extra.push_back({"tinyrt.tinyrt.pdsc", Pdsc(t, date)});
  }
  extra.push_back({"README.txt", ReadmeFor(p, t, model_note)});
  std::string license;
  if (!ReadText(fs::path(o.source) / "LICENSE", &license)) return Fail("cannot read LICENSE");
  extra.push_back({"LICENSE", license});
  for (const OutFile& f : extra) {
    if (!WriteText(out / f.path, f.text)) return Fail("cannot write " + (out / f.path).string());
  }
  std::printf("exported tinyrt for %s to %s: %zu runtime sources, %zu examples\n", p.c_str(), o.out.c_str(), t.lib_sources.size(),
              t.examples.size());
  return 0;
}

}  // namespace
}  // namespace cli
}  // namespace tinyrt
