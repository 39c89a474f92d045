// SPDX-License-Identifier: Apache-2.0
// The tinyrt side of the differential campaign (tools/difftest/campaign.py): runs models on every
// host kernel variant and compares each output with TFLM's.
//   difftest_runner --batch            jobs on stdin, one per line: MODEL EXPECTDIR|- IN0.bin ...
//   difftest_runner MODEL EXPECTDIR|- IN0.bin ...
// EXPECTDIR holds TFLM's output{J}.bin; "-" means TFLM refused the model. One JSON reply line per
// job: {"VARIANT": ["match"|"mismatch"|"error"|"ran", "detail"], ...}.
//   difftest_runner --replay PACK... [--verbose]
// replays committed corpus packs (tests/difftest/): every case on every variant; exit 1 on any
// unexpected result.
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "tools/difftest/difftest_run.h"
#include "tools/host_support.h"

namespace {

using tinyrt::difftest::Case;
using tinyrt::difftest::Result;

std::string Json(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    if (static_cast<unsigned char>(c) < 32) {
      o += ' ';
      continue;
    }
    o += c;
  }
  return o + "\"";
}

// Runs one case on one variant and judges it against TFLM's result.
// Returns "match", "mismatch", "error" (tinyrt refused what TFLM ran) or "ran" (tinyrt ran what TFLM refused).
std::string Judge(const Case& k, const std::string& variant, std::string* detail) {
  const Result r = tinyrt::difftest::Run(k.model, k.inputs, variant);
  if (!k.tflm_ok) {
    *detail = r.ok ? "TFLM: " + k.tflm_error : r.error;
    return r.ok ? "ran" : "both_refuse";
  }
  if (!r.ok) {
    *detail = r.error;
    return "error";
  }
  if (r.outputs.size() != k.outputs.size()) {
    *detail = "tinyrt has " + std::to_string(r.outputs.size()) + " outputs, TFLM " + std::to_string(k.outputs.size());
    return "mismatch";
  }
  for (size_t j = 0; j < r.outputs.size(); ++j) {
    std::string report;
    if (!tinyrt::difftest::SameOutput(r.output_types[j], r.outputs[j], k.outputs[j], &report)) {
      *detail = "output " + std::to_string(j) + ": " + report;
      return "mismatch";
    }
  }
  return "match";
}

std::string RunJob(const std::vector<std::string>& args, const std::vector<std::string>& variants) {
  if (args.size() < 2) return "{\"job\": [\"error\", \"usage: MODEL EXPECTDIR|- INPUTS...\"]}";
  Case k;
  if (!tinyrt::host::ReadFile(args[0], &k.model)) return "{\"job\": [\"error\", " + Json("cannot read " + args[0]) + "]}";
  for (size_t i = 2; i < args.size(); ++i) {
    k.inputs.emplace_back();
    if (!tinyrt::host::ReadFile(args[i], &k.inputs.back())) return "{\"job\": [\"error\", " + Json("cannot read " + args[i]) + "]}";
  }
  k.tflm_ok = args[1] != "-";
  if (k.tflm_ok) {
    for (int j = 0;; ++j) {
      const std::string path = args[1] + "/output" + std::to_string(j) + ".bin";
      if (!tinyrt::host::FileExists(path)) break;
      k.outputs.emplace_back();
      tinyrt::host::ReadFile(path, &k.outputs.back());
    }
  } else {
    k.tflm_error = "refused";
  }
  std::string reply = "{";
  for (size_t v = 0; v < variants.size(); ++v) {
    std::string detail;
    const std::string verdict = Judge(k, variants[v], &detail);
    reply += (v ? ", " : "") + Json(variants[v]) + ": [" + Json(verdict) + ", " + Json(detail) + "]";
  }
  return reply + "}";
}

std::vector<std::string> Split(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> v;
  std::string w;
  while (in >> w) v.push_back(w);
  return v;
}

// A case passes when every variant gives its expected verdict: TFLM's outputs ("match"), or for a
// case TFLM refuses, tinyrt refusing too or running it by design ("ran" recorded in `expect`).
int Replay(const std::vector<std::string>& packs, bool verbose, const std::vector<std::string>& variants) {
  std::vector<Case> cases;
  std::string error;
  for (const std::string& pack : packs) {
    if (!tinyrt::difftest::ReadPack(pack, &cases, &error)) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 2;
    }
  }
  int failures = 0, runs = 0;
  for (const Case& k : cases) {
    for (const std::string& v : variants) {
      std::string detail;
      const std::string verdict = Judge(k, v, &detail);
      ++runs;
      // `expect` names the verdict a documented case gives instead of "match" (e.g. "ran:
      // TFLM refuses ..., tinyrt computes it by design").
      const std::string want = k.tflm_ok ? (k.expect.empty() ? "match" : k.expect.substr(0, k.expect.find(':')))
                                         : (k.expect.empty() ? "both_refuse" : k.expect.substr(0, k.expect.find(':')));
      if (verdict != want) {
        ++failures;
        std::printf("FAIL %s [%s]: %s (expected %s) %s\n", k.name.c_str(), v.c_str(), verdict.c_str(), want.c_str(), detail.c_str());
      } else if (verbose) {
        std::printf("ok   %s [%s]: %s\n", k.name.c_str(), v.c_str(), verdict.c_str());
      }
    }
  }
  std::string names;
  for (const auto& v : variants) names += (names.empty() ? "" : ", ") + v;
  std::printf("%zu cases x %zu variants (%s): %d runs, %d failures\n", cases.size(), variants.size(), names.c_str(), runs, failures);
  return failures == 0 && !cases.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> variants = tinyrt::difftest::HostVariants();
  if (argc >= 3 && std::string(argv[1]) == "--replay") {
    std::vector<std::string> packs;
    bool verbose = false;
    for (int i = 2; i < argc; ++i) {
      if (std::string(argv[i]) == "--verbose") verbose = true;
      else packs.push_back(argv[i]);
    }
    return Replay(packs, verbose, variants);
  }
  if (argc >= 2 && std::string(argv[1]) == "--variants") {
    for (const auto& v : variants) std::printf("%s\n", v.c_str());
    return 0;
  }
  if (argc >= 2 && std::string(argv[1]) == "--batch") {
    char* line = nullptr;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
      const std::vector<std::string> args = Split(line);
      if (args.empty()) continue;
      std::printf("%s\n", RunJob(args, variants).c_str());
      std::fflush(stdout);
    }
    return 0;
  }
  if (argc < 3) {
    std::fprintf(stderr, "usage: difftest_runner --batch | --variants | --replay PACK... [--verbose] | MODEL EXPECTDIR|- IN.bin...\n");
    return 2;
  }
  std::printf("%s\n", RunJob(std::vector<std::string>(argv + 1, argv + argc), variants).c_str());
  return 0;
}
