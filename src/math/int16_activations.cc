// SPDX-License-Identifier: Apache-2.0
#include "src/math/int16_activations.h"

#include <string.h>

namespace tinyrt {
namespace math {

const uint16_t kSigmoidTableUint16[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688, 43304, 43912, 44511,
    45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983,
    54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743,
    59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778,
    62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257,
    64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950,
    64974, 64997, 65019, 65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258, 65269,
    65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415,
    65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479, 65481,
    65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511,
    65512, 65513, 65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525,
    65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531,
    65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
};

void PowerOfTwoActivationRescale(int shift, int32_t* multiplier, int* right_shift) {
  if (shift >= 0) {
    *multiplier = static_cast<int32_t>(3) << shift;
    *right_shift = 0;
  } else {
    *multiplier = 3;
    *right_shift = -shift;
  }
}

bool CheckedLog2(float x, int* log2_rounded) {
  // x = m * 2^e with m in [1, 2): log2(x) = e + log2(m). TFLite rounds log2(x) computed in float
  // and accepts it as a power of two when the fractional part is below 1e-3, i.e. when m is
  // within 2^0.001 of 1 or of 2; the rounding switches at m = sqrt(2).
  uint32_t bits;
  memcpy(&bits, &x, sizeof(bits));
  int biased = static_cast<int>((bits >> 23) & 0xFF);
  uint32_t mantissa = bits & 0x7FFFFFu;
  if (biased == 0) {  // subnormal: normalise the mantissa
    int e = -126;
    while ((mantissa & 0x800000u) == 0) {
      mantissa <<= 1;
      --e;
    }
    mantissa &= 0x7FFFFFu;
    biased = e + 127;
  }
  const int exponent = biased - 127;
  uint32_t one_bits = 0x3F800000u | mantissa;
  float m;
  memcpy(&m, &one_bits, sizeof(m));
  constexpr float kTwoToThousandth = 1.00069338746f;  // 2^0.001
  constexpr float kTwoToLess = 1.99861466156f;        // 2^0.999
  constexpr float kSqrtTwo = 1.41421356237f;
  if (m < kTwoToThousandth) {
    *log2_rounded = exponent;
    return true;
  }
  if (m > kTwoToLess) {
    *log2_rounded = exponent + 1;
    return true;
  }
  *log2_rounded = m < kSqrtTwo ? exponent : exponent + 1;
  return false;
}

}  // namespace math
}  // namespace tinyrt
