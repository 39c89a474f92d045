// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: tflite::Register_<OP>() for every builtin kernel tinyrt has (and
// TFLM's type-specialised names such as Register_CONV_2D_INT8(), which name the same tinyrt
// kernel: it picks its arithmetic from the tensor types in Prepare), and the signal library's
// tflite::tflm_signal::Register_WINDOW() and friends. Each returns a registration naming the
// tinyrt kernel, for the resolver's Add<Op>(registration) overloads.
#pragma once

#include "tensorflow/lite/micro/micro_common.h"
#include "tinyrt/kernel_fwd.h"

namespace tflite {

// Defined weak in the library (src/tflm/registrations.cc): an application that links its own
// kernel under TFLM's name (e.g. TFLM's kernels/zeros_like.cc defines Register_ZEROS_LIKE())
// replaces tinyrt's. They sit in one object file, whose unused functions (and the kernels they
// name) a firmware's --gc-sections drops; AddConv2D() without an argument needs none of them.
#define TINYRT_BUILTIN(code, NAME, Method) TFLMRegistration Register_##NAME();
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN

// TFLM's per-type registrations: the same kernel.
#define TINYRT_TFLM_VARIANT(NAME, SUFFIX) \
  inline TFLMRegistration Register_##NAME##_##SUFFIX() { return Register_##NAME(); }
TINYRT_TFLM_VARIANT(ADD, INT8)
TINYRT_TFLM_VARIANT(ADD, INT16)
TINYRT_TFLM_VARIANT(AVERAGE_POOL_2D, INT8)
TINYRT_TFLM_VARIANT(AVERAGE_POOL_2D, INT16)
TINYRT_TFLM_VARIANT(BATCH_MATMUL, INT8)
TINYRT_TFLM_VARIANT(BATCH_MATMUL, INT16)
TINYRT_TFLM_VARIANT(CONV_2D, INT8)
TINYRT_TFLM_VARIANT(CONV_2D, INT16)
TINYRT_TFLM_VARIANT(CONV_2D, INT8REF)
TINYRT_TFLM_VARIANT(DEPTHWISE_CONV_2D, INT8)
TINYRT_TFLM_VARIANT(DEPTHWISE_CONV_2D, INT16)
TINYRT_TFLM_VARIANT(FULLY_CONNECTED, INT8)
TINYRT_TFLM_VARIANT(FULLY_CONNECTED, INT16)
TINYRT_TFLM_VARIANT(MAX_POOL_2D, INT8)
TINYRT_TFLM_VARIANT(MAX_POOL_2D, INT16)
TINYRT_TFLM_VARIANT(MAXIMUM, INT8)
TINYRT_TFLM_VARIANT(MINIMUM, INT8)
TINYRT_TFLM_VARIANT(MUL, INT8)
TINYRT_TFLM_VARIANT(PAD, INT8)
TINYRT_TFLM_VARIANT(SOFTMAX, INT8)
TINYRT_TFLM_VARIANT(SOFTMAX, INT16)
TINYRT_TFLM_VARIANT(SOFTMAX, INT8_INT16)
TINYRT_TFLM_VARIANT(SVDF, INT8)
TINYRT_TFLM_VARIANT(TRANSPOSE, INT8)
TINYRT_TFLM_VARIANT(TRANSPOSE_CONV, INT8)
TINYRT_TFLM_VARIANT(UNIDIRECTIONAL_SEQUENCE_LSTM, INT8)
TINYRT_TFLM_VARIANT(UNIDIRECTIONAL_SEQUENCE_LSTM, INT16)
#undef TINYRT_TFLM_VARIANT

namespace tflm_signal {
// TFLM's signal op names: (registration suffix, resolver method suffix, tinyrt kernel).
#define TINYRT_TFLM_SIGNAL_OPS(X)                                                   \
  X(DELAY, Delay, SignalDelay)                                                      \
  X(ENERGY, Energy, SignalEnergy)                                                   \
  X(FFT_AUTO_SCALE, FftAutoScale, SignalFftAutoScale)                               \
  X(FILTER_BANK, FilterBank, SignalFilterBank)                                      \
  X(FILTER_BANK_LOG, FilterBankLog, SignalFilterBankLog)                            \
  X(FILTER_BANK_SPECTRAL_SUBTRACTION, FilterBankSpectralSubtraction,                \
    SignalFilterBankSpectralSubtraction)                                            \
  X(FILTER_BANK_SQUARE_ROOT, FilterBankSquareRoot, SignalFilterBankSquareRoot)      \
  X(FRAMER, Framer, SignalFramer)                                                   \
  X(IRFFT, Irfft, SignalIrfft)                                                      \
  X(OVERLAP_ADD, OverlapAdd, SignalOverlapAdd)                                      \
  X(PCAN, PCAN, SignalPCAN)                                                         \
  X(RFFT, Rfft, SignalRfft)                                                         \
  X(STACKER, Stacker, SignalStacker)                                                \
  X(WINDOW, Window, SignalWindow)
#define TINYRT_TFLM_SIGNAL_REGISTER(REG, Method, Kernel)                                 \
  inline TFLMRegistration Register_##REG() {                                             \
    return TFLMRegistration{nullptr, nullptr, nullptr, nullptr, nullptr, 32, #Kernel,    \
                            &::tinyrt::kernels::kOp_Custom_##Kernel};                    \
  }
TINYRT_TFLM_SIGNAL_OPS(TINYRT_TFLM_SIGNAL_REGISTER)
#undef TINYRT_TFLM_SIGNAL_REGISTER
}  // namespace tflm_signal

}  // namespace tflite
