// SPDX-License-Identifier: Apache-2.0
// Moved to the public kernel API (docs/custom_kernels.md); kept so existing includes work.
#pragma once

#include "tinyrt/kernel/custom_options.h"
