// SPDX-License-Identifier: Apache-2.0
// Real FFT and inverse real FFT computed exactly as TFLM's signal library computes them: KISS FFT
// v130 (with TFLM's patch) built for int16 (FIXED_POINT=16), int32 (FIXED_POINT=32) and float.
// The fixed-point variants scale by 1/N (each radix-p stage divides by p, with KISS FFT's
// rounding), so a forward transform of x returns DFT(x)/N and the inverse returns the normalized
// inverse DFT; the float variants are unscaled.
//
// The plan (factors, twiddles) lives in caller memory (the arena) and holds no pointers.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinyrt {
namespace math {

template <typename T>
struct Complex {
  T real;
  T imag;
};

// KISS FFT splits the complex FFT of fft_length/2 points into stages of radix 4, 2, 3, 5 and
// any other prime; TFLM's build cannot run the generic (other prime) butterfly, so lengths
// whose half has a prime factor above 5 are not supported. Also fft_length must be even, >= 4.
bool RealFftLengthSupported(int32_t fft_length);

// Bytes of the plan for `fft_length` (call only for supported lengths).
template <typename T>
size_t RealFftPlanBytes(int32_t fft_length);

// Builds the plan for a forward (inverse == false) or inverse real FFT into `plan`, which must
// have RealFftPlanBytes() bytes, 8-byte aligned.
template <typename T>
void RealFftInit(int32_t fft_length, bool inverse, void* plan);

// Forward: `input` holds fft_length real samples; writes fft_length/2 + 1 bins to `output`.
// `work` holds fft_length/2 complex values (scratch).
template <typename T>
void RealFft(const void* plan, const T* input, Complex<T>* output, Complex<T>* work);

// Inverse: reads fft_length/2 + 1 bins, writes fft_length real samples. `work` as above. The
// float variant is not divided by fft_length here (TFLM's kernel does that).
template <typename T>
void InverseRealFft(const void* plan, const Complex<T>* input, T* output, Complex<T>* work);

}  // namespace math
}  // namespace tinyrt
