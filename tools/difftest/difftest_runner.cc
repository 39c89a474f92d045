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
//   difftest_runner --arena PACK...
// runs packs of tools/difftest/arena_cases.py (case names carry TFLM's arena_used_bytes,
// `tflm_arena=N`): every case on every variant, outputs as TFLM's and arena_used_bytes() at most
// TFLM's; exit 1 otherwise.
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
std::string Judge(const Case& k, const std::string& variant, std::string* detail, Result* result = nullptr) {
  Result local;
  Result& r = result != nullptr ? *result : local;
  r = tinyrt::difftest::Run(k.model, k.inputs, variant);
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

// No model needs more arena than with TFLM, whatever kernel variant runs (docs/memory.md): each
// case of an arena pack matches TFLM's outputs within at most TFLM's arena. The pack is only
// meaningful if the planner had to choose: some optimized runs must have fallen back to the
// reference for their scratch's arena (scratch_fallbacks), and some must keep it.
int ArenaReplay(const std::vector<std::string>& packs, const std::vector<std::string>& variants) {
  std::vector<Case> cases;
  std::string error;
  for (const std::string& pack : packs) {
    if (!tinyrt::difftest::ReadPack(pack, &cases, &error)) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 2;
    }
  }
  int failures = 0, runs = 0, fell_back = 0, kept = 0;
  size_t tinyrt_sum = 0, tflm_sum = 0;
  for (const Case& k : cases) {
    const size_t at = k.name.find("tflm_arena=");
    if (at == std::string::npos) {
      std::printf("FAIL %s: no tflm_arena= in the case name\n", k.name.c_str());
      ++failures;
      continue;
    }
    const size_t tflm = std::stoul(k.name.substr(at + 11));
    for (const std::string& v : variants) {
      std::string detail;
      Result r;
      const std::string verdict = Judge(k, v, &detail, &r);
      ++runs;
      if (verdict != "match") {
        ++failures;
        std::printf("FAIL %s [%s]: %s %s\n", k.name.c_str(), v.c_str(), verdict.c_str(), detail.c_str());
        continue;
      }
      if (r.arena_used > tflm) {
        ++failures;
        std::printf("FAIL %s [%s]: arena %zu bytes, TFLM's %zu\n", k.name.c_str(), v.c_str(), r.arena_used, tflm);
      }
      if (v != "reference") (r.scratch_fallbacks > 0 ? fell_back : kept)++;
      tinyrt_sum += r.arena_used;
      tflm_sum += tflm;
    }
  }
  const bool optimized = variants.size() > 1;
  std::printf(
      "%zu cases x %zu variants: %d runs, %d failures; optimized runs with a convolution's scratch dropped for the arena: %d, "
      "without: %d; arena tinyrt / TFLM %.3f\n",
      cases.size(), variants.size(), runs, failures, fell_back, kept, tflm_sum ? static_cast<double>(tinyrt_sum) / tflm_sum : 0.0);
  if (optimized && (fell_back == 0 || kept == 0)) {
    std::printf("FAIL: the pack must hold both kinds of cases\n");
    return 1;
  }
  return failures == 0 && !cases.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> variants = tinyrt::difftest::HostVariants();
  if (argc >= 3 && std::string(argv[1]) == "--replay") {
    std::vector<std::string> packs;
    bool verbose = false;
    for (int i = 2; i < argc; ++i) {
      if (std::string(argv[i]) == "--verbose")
        verbose = true;
      else
        packs.push_back(argv[i]);
    }
    return Replay(packs, verbose, variants);
  }
  if (argc >= 3 && std::string(argv[1]) == "--arena") return ArenaReplay(std::vector<std::string>(argv + 2, argv + argc), variants);
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
    std::fprintf(
        stderr,
        "usage: difftest_runner --batch | --variants | --replay PACK... [--verbose] | --arena PACK... | MODEL EXPECTDIR|- IN.bin...\n");
    return 2;
  }
  std::printf("%s\n", RunJob(std::vector<std::string>(argv + 1, argv + argc), variants).c_str());
  return 0;
}
