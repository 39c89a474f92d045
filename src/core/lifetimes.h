// SPDX-License-Identifier: Apache-2.0
// Buffer lifetimes: the first and last node that use each activation of a subgraph. Computed
// by this one walk for the planner (AllocateTensors) and for MicroInterpreter::planned_buffer()
// (which the CLI's plan, its picture and the plan header read).
#pragma once

#include <stdint.h>

#include "tinyrt/schema_generated.h"
#include "tinyrt/status.h"

namespace tinyrt {

enum class LifetimeIssue : uint8_t {
  kNone,
  kReadBeforeWrite,     // a node reads an activation no earlier node writes (nor the caller)
  kWrittenTwice,        // a node writes an activation a model input or earlier node holds
  kWritesUntracked,     // a node writes a tensor without a lifetime the caller refused
  kOutputNeverWritten,  // a graph output no node writes
};

// Walks graph inputs (live from node 0), each node's inputs and outputs, and graph outputs
// (live until the last node). `slot(t)` returns tensor t's record (members `first` and `last`,
// both negative until set) or nullptr for tensors without a lifetime (constants, state);
// `untracked_write(t)` says whether a node may write such a tensor (state updated in place) or
// not (constants). At the first issue, returns `on_issue(issue, node, index, tensor)`: the node at
// fault (-1 for graph outputs), its input or output index (the graph output's index), the tensor.
template <typename SlotFn, typename UntrackedWriteFn, typename IssueFn>
Status ComputeLifetimes(const tflite::SubGraph* graph, SlotFn slot, UntrackedWriteFn untracked_write, IssueFn on_issue) {
  const auto* graph_inputs = graph->inputs();
  for (uint32_t i = 0; graph_inputs != nullptr && i < graph_inputs->size(); ++i) {
    if (auto* b = slot(graph_inputs->Get(i))) b->first = b->last = 0;
  }
  const uint32_t num_nodes = graph->operators()->size();
  for (uint32_t n = 0; n < num_nodes; ++n) {
    const tflite::Operator* op = graph->operators()->Get(n);
    const int32_t node = static_cast<int32_t>(n);
    for (uint32_t i = 0; op->inputs() != nullptr && i < op->inputs()->size(); ++i) {
      const int32_t t = op->inputs()->Get(i);
      auto* b = t < 0 ? nullptr : slot(t);
      if (b == nullptr) continue;
      if (b->first < 0) return on_issue(LifetimeIssue::kReadBeforeWrite, node, i, t);
      b->last = static_cast<decltype(b->last)>(node);
    }
    for (uint32_t i = 0; op->outputs() != nullptr && i < op->outputs()->size(); ++i) {
      const int32_t t = op->outputs()->Get(i);
      auto* b = slot(t);
      if (b == nullptr) {
        if (!untracked_write(t)) return on_issue(LifetimeIssue::kWritesUntracked, node, i, t);
        continue;
      }
      // Each activation has one writer: an op may not overwrite a model input, its own input or
      // another op's output (the kernels assume their outputs are fresh buffers).
      if (b->first >= 0) return on_issue(LifetimeIssue::kWrittenTwice, node, i, t);
      b->first = b->last = static_cast<decltype(b->first)>(node);
    }
  }
  const auto* graph_outputs = graph->outputs();
  for (uint32_t i = 0; graph_outputs != nullptr && i < graph_outputs->size(); ++i) {
    const int32_t t = graph_outputs->Get(i);
    auto* b = slot(t);
    if (b == nullptr) continue;
    if (b->first < 0) return on_issue(LifetimeIssue::kOutputNeverWritten, -1, i, t);
    b->last = static_cast<decltype(b->last)>(num_nodes - 1);
  }
  return Status::Ok();
}

}  // namespace tinyrt
