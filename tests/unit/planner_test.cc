// SPDX-License-Identifier: Apache-2.0
// The arena planner on random lifetimes: no two simultaneously live buffers share bytes, groups
// (in-place pairs) share their start, fixed (offline) buffers stay where they are, and the result
// is never below the largest sum of live sizes.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "src/core/planner.h"
#include "tests/unit/conv_test_util.h"

namespace tinyrt {
namespace {

std::vector<PlannerBuffer> RandomBuffers(conv_test::Lcg& rng, uint32_t count, int nodes) {
  std::vector<PlannerBuffer> buffers(count);
  for (uint32_t i = 0; i < count; ++i) {
    const int16_t first = static_cast<int16_t>(rng.Int(0, nodes - 1));
    const int16_t last = static_cast<int16_t>(std::min<int32_t>(nodes - 1, first + rng.Int(0, 4)));
    buffers[i] = PlannerBuffer{static_cast<uint32_t>(rng.Int(1, 64) * 16), 0, 0, first, last, static_cast<uint16_t>(i), kPlannerNoBuffer};
  }
  return buffers;
}

uint32_t Plan(std::vector<PlannerBuffer>& buffers) {
  std::vector<uint32_t> workspace(PlannerWorkspaceBytes(static_cast<uint32_t>(buffers.size())) / 4 + 1);
  return PlanMemory(buffers.data(), static_cast<uint32_t>(buffers.size()), workspace.data());
}

uint32_t MostLiveBytes(const std::vector<PlannerBuffer>& buffers, int nodes) {
  uint32_t most = 0;
  for (int n = 0; n < nodes; ++n) {
    uint32_t live = 0;
    for (const auto& b : buffers) {
      if (b.first <= n && n <= b.last) live += b.size;
    }
    most = std::max(most, live);
  }
  return most;
}

TEST(Planner, RandomLifetimesNeverCollide) {
  conv_test::Lcg rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    const int nodes = rng.Int(1, 20);
    std::vector<PlannerBuffer> buffers = RandomBuffers(rng, static_cast<uint32_t>(rng.Int(1, 40)), nodes);
    const uint32_t total = Plan(buffers);
    uint32_t a, b;
    ASSERT_FALSE(PlannerFindConflict(buffers.data(), static_cast<uint32_t>(buffers.size()), false, &a, &b))
        << "trial " << trial << ": " << a << " " << b;
    EXPECT_GE(total, MostLiveBytes(buffers, nodes));
    for (const auto& buffer : buffers) EXPECT_LE(buffer.offset + buffer.size, total);
  }
}

TEST(Planner, ChainOfBuffersNeedsOnlyTheLargestPair) {
  // A chain a -> b -> c -> d (each live for two nodes): any two neighbours overlap in time only.
  std::vector<PlannerBuffer> buffers;
  const uint32_t sizes[] = {160, 320, 48, 320};
  for (int i = 0; i < 4; ++i) {
    buffers.push_back(
        PlannerBuffer{sizes[i], 0, 0, static_cast<int16_t>(i), static_cast<int16_t>(i + 1), static_cast<uint16_t>(i), kPlannerNoBuffer});
  }
  EXPECT_EQ(Plan(buffers), 480u);  // 160 + 320: the largest live pair
}

TEST(Planner, GroupsShareTheirStartAndFixedBuffersStay) {
  conv_test::Lcg rng(12);
  for (int trial = 0; trial < 200; ++trial) {
    const int nodes = rng.Int(2, 16);
    std::vector<PlannerBuffer> buffers = RandomBuffers(rng, static_cast<uint32_t>(rng.Int(4, 30)), nodes);
    // A few in-place pairs: a buffer ending at node n joins one starting there.
    for (uint32_t i = 0; i < buffers.size(); ++i) {
      for (uint32_t j = 0; j < buffers.size(); ++j) {
        if (i != j && buffers[j].first == buffers[i].last && buffers[i].group == i && buffers[j].group == j &&
            buffers[i].next == kPlannerNoBuffer && rng.Int(0, 3) == 0) {
          PlannerJoin(buffers.data(), static_cast<uint16_t>(i), static_cast<uint16_t>(j));
        }
      }
    }
    // One fixed buffer high up.
    buffers[0].fixed = 0;
    if (buffers[0].group == 0 && buffers[0].next == kPlannerNoBuffer) {
      buffers[0].fixed = 1;
      buffers[0].offset = 4096;
    }
    Plan(buffers);
    uint32_t a, b;
    ASSERT_FALSE(PlannerFindConflict(buffers.data(), static_cast<uint32_t>(buffers.size()), false, &a, &b)) << "trial " << trial;
    for (const auto& buffer : buffers) EXPECT_EQ(buffer.offset, buffers[buffer.group].offset);
    if (buffers[0].fixed) {
      EXPECT_EQ(buffers[0].offset, 4096u);
    }
  }
}

}  // namespace
}  // namespace tinyrt
