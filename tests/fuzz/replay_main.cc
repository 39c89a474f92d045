// SPDX-License-Identifier: Apache-2.0
// Replays fuzzer inputs (regressions and corpus) through the fuzz target without libFuzzer, so
// every crash ever found stays a test in the ordinary build.
#include <dirent.h>
#include <cstdio>
#include <string>
#include <vector>

#include "tools/host_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  int replayed = 0;
  for (int a = 1; a < argc; ++a) {
    std::vector<std::string> files;
    if (DIR* dir = opendir(argv[a])) {
      while (dirent* entry = readdir(dir)) {
        if (entry->d_name[0] != '.') files.push_back(std::string(argv[a]) + "/" + entry->d_name);
      }
      closedir(dir);
    } else {
      files.push_back(argv[a]);
    }
    for (const std::string& file : files) {
      std::vector<uint8_t> bytes;
      if (!tinyrt::host::ReadFile(file, &bytes)) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        return 1;
      }
      LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
      ++replayed;
    }
  }
  std::printf("replayed %d inputs without a crash\n", replayed);
  return replayed > 0 ? 0 : 1;
}
