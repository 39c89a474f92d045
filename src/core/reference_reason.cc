// SPDX-License-Identifier: Apache-2.0
#include "tinyrt/kernel.h"

namespace tinyrt {

const char* ReferenceReasonText(ReferenceReason reason) {
  // Indexed by ReferenceReason; kept short (firmware carries them for the per-op profile).
  static constexpr const char* kTexts[] = {
      "",
      "reference kernels forced",
      "built with TINYRT_REFERENCE_KERNELS",
      "no optimized kernel for this type",
      "dilation > 1",
      "grouped convolution",
      "filter zero point is not 0",
      "scratch buffer too large",
      "broadcasting",
      "int4 filter",
  };
  static_assert(sizeof(kTexts) / sizeof(kTexts[0]) == static_cast<size_t>(ReferenceReason::kCount), "one text per reason");
  const size_t i = static_cast<size_t>(reason);
  return i < static_cast<size_t>(ReferenceReason::kCount) ? kTexts[i] : "";
}

}  // namespace tinyrt
