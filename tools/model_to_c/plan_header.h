// SPDX-License-Identifier: Apache-2.0
// Firmware code generation shared by tools/model_to_c (which writes every firmware header) and
// `tinyrt plan --header` (which writes the plan header through the same function).
#pragma once

#include <string>

#include "tinyrt/interpreter.h"

namespace tinyrt {
namespace firmware {

// The arena plan of an allocated interpreter as constants a firmware compiles in: the exact arena
// size (`NAMEArenaBytes`) and the offsets for MicroInterpreter::UseArenaPlan (`NAMEArenaPlan`):
// no planning on the device, and no planner code with TINYRT_ONLINE_PLANNER=0. `model_file`
// names the model in the header's comment.
std::string PlanHeader(const MicroInterpreter& interpreter, const std::string& model_file, const std::string& name);

}  // namespace firmware
}  // namespace tinyrt
