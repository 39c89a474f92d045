// SPDX-License-Identifier: Apache-2.0
// The arithmetic below follows KISS FFT v130's macros for each scalar type:
//   fixed point: products in a wider type rounded by (x + 2^(F-1)) >> F (F = 15 or 31), every
//   stage divides its inputs by the radix (multiply by SAMP_MAX/p, round), sums are done in
//   `int` (int16) or wrap in 32 bits (int32), and HALF_OF is an arithmetic shift;
//   float: plain products and sums in float, in the same expression order, HALF_OF = x * 0.5f.
// Twiddles are cos/sin of the same double phases KISS FFT computes, rounded as it rounds them.
#include "src/math/kiss_fft.h"

#include "src/math/signal_math.h"

namespace tinyrt {
namespace math {
namespace {

constexpr int kMaxStages = 32;  // KISS FFT's MAXFACTORS

// The plan's header; twiddles[ncfft] and super_twiddles[ncfft / 2] follow it.
struct Plan {
  int32_t ncfft;                    // complex FFT length = fft_length / 2
  int32_t inverse;                  // 1 for the inverse transform
  int32_t factors[2 * kMaxStages];  // (radix, remaining length) per stage
  int32_t padding[2];               // keeps the twiddles 8-byte aligned
};
static_assert(sizeof(Plan) % 8 == 0, "twiddles must stay aligned");

template <typename T>
const Complex<T>* Twiddles(const Plan* plan) {
  return reinterpret_cast<const Complex<T>*>(plan + 1);
}
template <typename T>
const Complex<T>* SuperTwiddles(const Plan* plan) {
  return Twiddles<T>(plan) + plan->ncfft;
}

// KISS FFT's kf_factor: powers of 4 first, then 2, then odd primes up to floor(sqrt(n)), then
// the rest. Returns the number of stages, or 0 if one needs an unsupported radix.
int Factor(int32_t n, int32_t* factors) {
  int32_t floor_sqrt = 0;
  while (static_cast<int64_t>(floor_sqrt + 1) * (floor_sqrt + 1) <= n) ++floor_sqrt;
  int32_t p = 4;
  int stages = 0;
  do {
    while (n % p != 0) {
      p = p == 4 ? 2 : (p == 2 ? 3 : p + 2);
      if (p > floor_sqrt) p = n;
    }
    if (stages == kMaxStages || p > 5) return 0;
    n /= p;
    factors[2 * stages] = p;
    factors[2 * stages + 1] = n;
    ++stages;
  } while (n > 1);
  return stages;
}

// Scalar arithmetic per type: Acc is what C's usual conversions compute sums in.
template <typename T>
struct Ops;

template <>
struct Ops<int16_t> {
  using Acc = int32_t;
  static int16_t Store(Acc v) { return static_cast<int16_t>(v); }
  static Acc Half(Acc v) { return v >> 1; }
  static int16_t Round(int32_t product) { return static_cast<int16_t>((product + (1 << 14)) >> 15); }
  static int16_t Mul(int16_t a, int16_t b) { return Round(static_cast<int32_t>(a) * b); }
  static void CMul(Complex<int16_t>* m, const Complex<int16_t>& a, const Complex<int16_t>& b) {
    m->real = Round(static_cast<int32_t>(a.real) * b.real - static_cast<int32_t>(a.imag) * b.imag);
    m->imag = Round(static_cast<int32_t>(a.real) * b.imag + static_cast<int32_t>(a.imag) * b.real);
  }
  static void Scale(Complex<int16_t>* c, int16_t s) {
    c->real = Mul(c->real, s);
    c->imag = Mul(c->imag, s);
  }
  static void FixDiv(Complex<int16_t>* c, int p) {
    const int32_t s = 32767 / p;
    c->real = Round(c->real * s);
    c->imag = Round(c->imag * s);
  }
  static int16_t Twiddle(double v) { return static_cast<int16_t>(FloorSmall(0.5 + 32767 * v)); }
};

template <>
struct Ops<int32_t> {
  using Acc = int64_t;
  // 32-bit sums wrap (what the reference's int arithmetic does on every target we know).
  static int32_t Store(Acc v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }
  static Acc Half(Acc v) { return Store(v) >> 1; }
  static int32_t Round(int64_t product) { return Store((product + (static_cast<int64_t>(1) << 30)) >> 31); }
  static int32_t Mul(int32_t a, int32_t b) { return Round(static_cast<int64_t>(a) * b); }
  static void CMul(Complex<int32_t>* m, const Complex<int32_t>& a, const Complex<int32_t>& b) {
    m->real = Round(static_cast<int64_t>(a.real) * b.real - static_cast<int64_t>(a.imag) * b.imag);
    m->imag = Round(static_cast<int64_t>(a.real) * b.imag + static_cast<int64_t>(a.imag) * b.real);
  }
  static void Scale(Complex<int32_t>* c, int32_t s) {
    c->real = Mul(c->real, s);
    c->imag = Mul(c->imag, s);
  }
  static void FixDiv(Complex<int32_t>* c, int p) {
    const int64_t s = 2147483647 / p;
    c->real = Round(c->real * s);
    c->imag = Round(c->imag * s);
  }
  static int32_t Twiddle(double v) { return static_cast<int32_t>(FloorSmall(0.5 + 2147483647.0 * v)); }
};

template <>
struct Ops<float> {
  using Acc = float;
  static float Store(Acc v) { return v; }
  static Acc Half(Acc v) { return v * 0.5f; }
  static float Mul(float a, float b) { return a * b; }
  static void CMul(Complex<float>* m, const Complex<float>& a, const Complex<float>& b) {
    m->real = a.real * b.real - a.imag * b.imag;
    m->imag = a.real * b.imag + a.imag * b.real;
  }
  static void Scale(Complex<float>* c, float s) {
    c->real *= s;
    c->imag *= s;
  }
  static void FixDiv(Complex<float>*, int) {}
  static float Twiddle(double v) { return static_cast<float>(v); }
};

template <typename T>
using Acc = typename Ops<T>::Acc;

template <typename T>
inline void Add(Complex<T>* r, const Complex<T>& a, const Complex<T>& b) {
  r->real = Ops<T>::Store(Acc<T>(a.real) + b.real);
  r->imag = Ops<T>::Store(Acc<T>(a.imag) + b.imag);
}
template <typename T>
inline void Sub(Complex<T>* r, const Complex<T>& a, const Complex<T>& b) {
  r->real = Ops<T>::Store(Acc<T>(a.real) - b.real);
  r->imag = Ops<T>::Store(Acc<T>(a.imag) - b.imag);
}

template <typename T>
void Butterfly2(Complex<T>* out, size_t fstride, const Complex<T>* tw, int m) {
  Complex<T>* out2 = out + m;
  for (int k = 0; k < m; ++k) {
    Ops<T>::FixDiv(&out[k], 2);
    Ops<T>::FixDiv(&out2[k], 2);
    Complex<T> t;
    Ops<T>::CMul(&t, out2[k], tw[k * fstride]);
    Sub(&out2[k], out[k], t);
    Add(&out[k], out[k], t);
  }
}

template <typename T>
void Butterfly3(Complex<T>* out, size_t fstride, const Complex<T>* tw, int m) {
  const Complex<T> epi3 = tw[fstride * m];
  for (int k = 0; k < m; ++k) {
    Complex<T>* f0 = out + k;
    Complex<T>* f1 = f0 + m;
    Complex<T>* f2 = f0 + 2 * m;
    Ops<T>::FixDiv(f0, 3);
    Ops<T>::FixDiv(f1, 3);
    Ops<T>::FixDiv(f2, 3);
    Complex<T> s0, s1, s2, s3;
    Ops<T>::CMul(&s1, *f1, tw[k * fstride]);
    Ops<T>::CMul(&s2, *f2, tw[2 * k * fstride]);
    Add(&s3, s1, s2);
    Sub(&s0, s1, s2);
    f1->real = Ops<T>::Store(Acc<T>(f0->real) - Ops<T>::Half(s3.real));
    f1->imag = Ops<T>::Store(Acc<T>(f0->imag) - Ops<T>::Half(s3.imag));
    Ops<T>::Scale(&s0, epi3.imag);
    Add(f0, *f0, s3);
    f2->real = Ops<T>::Store(Acc<T>(f1->real) + s0.imag);
    f2->imag = Ops<T>::Store(Acc<T>(f1->imag) - s0.real);
    f1->real = Ops<T>::Store(Acc<T>(f1->real) - s0.imag);
    f1->imag = Ops<T>::Store(Acc<T>(f1->imag) + s0.real);
  }
}

template <typename T>
void Butterfly4(Complex<T>* out, size_t fstride, const Complex<T>* tw, int m, bool inverse) {
  for (int k = 0; k < m; ++k) {
    Complex<T>* f0 = out + k;
    Complex<T>* f1 = f0 + m;
    Complex<T>* f2 = f0 + 2 * m;
    Complex<T>* f3 = f0 + 3 * m;
    Ops<T>::FixDiv(f0, 4);
    Ops<T>::FixDiv(f1, 4);
    Ops<T>::FixDiv(f2, 4);
    Ops<T>::FixDiv(f3, 4);
    Complex<T> s[6];
    Ops<T>::CMul(&s[0], *f1, tw[k * fstride]);
    Ops<T>::CMul(&s[1], *f2, tw[2 * k * fstride]);
    Ops<T>::CMul(&s[2], *f3, tw[3 * k * fstride]);
    Sub(&s[5], *f0, s[1]);
    Add(f0, *f0, s[1]);
    Add(&s[3], s[0], s[2]);
    Sub(&s[4], s[0], s[2]);
    Sub(f2, *f0, s[3]);
    Add(f0, *f0, s[3]);
    if (inverse) {
      f1->real = Ops<T>::Store(Acc<T>(s[5].real) - s[4].imag);
      f1->imag = Ops<T>::Store(Acc<T>(s[5].imag) + s[4].real);
      f3->real = Ops<T>::Store(Acc<T>(s[5].real) + s[4].imag);
      f3->imag = Ops<T>::Store(Acc<T>(s[5].imag) - s[4].real);
    } else {
      f1->real = Ops<T>::Store(Acc<T>(s[5].real) + s[4].imag);
      f1->imag = Ops<T>::Store(Acc<T>(s[5].imag) - s[4].real);
      f3->real = Ops<T>::Store(Acc<T>(s[5].real) - s[4].imag);
      f3->imag = Ops<T>::Store(Acc<T>(s[5].imag) + s[4].real);
    }
  }
}

template <typename T>
void Butterfly5(Complex<T>* out, size_t fstride, const Complex<T>* tw, int m) {
  const Complex<T> ya = tw[fstride * m];
  const Complex<T> yb = tw[fstride * 2 * m];
  using O = Ops<T>;
  for (int u = 0; u < m; ++u) {
    Complex<T>* f0 = out + u;
    Complex<T>* f1 = f0 + m;
    Complex<T>* f2 = f0 + 2 * m;
    Complex<T>* f3 = f0 + 3 * m;
    Complex<T>* f4 = f0 + 4 * m;
    O::FixDiv(f0, 5);
    O::FixDiv(f1, 5);
    O::FixDiv(f2, 5);
    O::FixDiv(f3, 5);
    O::FixDiv(f4, 5);
    Complex<T> s[13];
    s[0] = *f0;
    O::CMul(&s[1], *f1, tw[u * fstride]);
    O::CMul(&s[2], *f2, tw[2 * u * fstride]);
    O::CMul(&s[3], *f3, tw[3 * u * fstride]);
    O::CMul(&s[4], *f4, tw[4 * u * fstride]);
    Add(&s[7], s[1], s[4]);
    Sub(&s[10], s[1], s[4]);
    Add(&s[8], s[2], s[3]);
    Sub(&s[9], s[2], s[3]);
    f0->real = O::Store(Acc<T>(f0->real) + (Acc<T>(s[7].real) + s[8].real));
    f0->imag = O::Store(Acc<T>(f0->imag) + (Acc<T>(s[7].imag) + s[8].imag));
    s[5].real = O::Store(Acc<T>(s[0].real) + O::Mul(s[7].real, ya.real) + O::Mul(s[8].real, yb.real));
    s[5].imag = O::Store(Acc<T>(s[0].imag) + O::Mul(s[7].imag, ya.real) + O::Mul(s[8].imag, yb.real));
    s[6].real = O::Store(Acc<T>(O::Mul(s[10].imag, ya.imag)) + O::Mul(s[9].imag, yb.imag));
    s[6].imag = O::Store(-Acc<T>(O::Mul(s[10].real, ya.imag)) - O::Mul(s[9].real, yb.imag));
    Sub(f1, s[5], s[6]);
    Add(f4, s[5], s[6]);
    s[11].real = O::Store(Acc<T>(s[0].real) + O::Mul(s[7].real, yb.real) + O::Mul(s[8].real, ya.real));
    s[11].imag = O::Store(Acc<T>(s[0].imag) + O::Mul(s[7].imag, yb.real) + O::Mul(s[8].imag, ya.real));
    s[12].real = O::Store(-Acc<T>(O::Mul(s[10].imag, yb.imag)) + O::Mul(s[9].imag, ya.imag));
    s[12].imag = O::Store(Acc<T>(O::Mul(s[10].real, yb.imag)) - O::Mul(s[9].real, ya.imag));
    Add(f2, s[11], s[12]);
    Sub(f3, s[11], s[12]);
  }
}

// KISS FFT's kf_work: decimation in time, recursing over the stages.
template <typename T>
void Work(Complex<T>* out, const Complex<T>* in, size_t fstride, const Plan* plan, int stage) {
  const int p = plan->factors[2 * stage];
  const int m = plan->factors[2 * stage + 1];
  if (m == 1) {
    for (int q = 0; q < p; ++q) out[q] = in[q * fstride];
  } else {
    for (int q = 0; q < p; ++q) Work(out + q * m, in + q * fstride, fstride * p, plan, stage + 1);
  }
  const Complex<T>* tw = Twiddles<T>(plan);
  switch (p) {
    case 2: Butterfly2(out, fstride, tw, m); break;
    case 3: Butterfly3(out, fstride, tw, m); break;
    case 4: Butterfly4(out, fstride, tw, m, plan->inverse != 0); break;
    default: Butterfly5(out, fstride, tw, m); break;  // Factor() admits only 2..5
  }
}

}  // namespace

bool RealFftLengthSupported(int32_t fft_length) {
  if (fft_length < 4 || (fft_length & 1) != 0) return false;
  int32_t factors[2 * kMaxStages];
  return Factor(fft_length / 2, factors) > 0;
}

template <typename T>
size_t RealFftPlanBytes(int32_t fft_length) {
  const size_t ncfft = static_cast<size_t>(fft_length / 2);
  return sizeof(Plan) + sizeof(Complex<T>) * (ncfft + ncfft / 2);
}

template <typename T>
void RealFftInit(int32_t fft_length, bool inverse, void* memory) {
  Plan* plan = static_cast<Plan*>(memory);
  const int32_t n = fft_length / 2;
  plan->ncfft = n;
  plan->inverse = inverse ? 1 : 0;
  for (int32_t& f : plan->factors) f = 0;
  plan->padding[0] = plan->padding[1] = 0;
  Factor(n, plan->factors);
  Complex<T>* tw = reinterpret_cast<Complex<T>*>(plan + 1);
  const double pi = 3.14159265358979323846;
  for (int32_t i = 0; i < n; ++i) {
    double phase = -2 * pi * i / n;  // same double operations as kiss_fft_alloc
    if (inverse) phase *= -1;
    tw[i].real = Ops<T>::Twiddle(CosSmall(phase));
    tw[i].imag = Ops<T>::Twiddle(SinSmall(phase));
  }
  Complex<T>* super = tw + n;
  for (int32_t i = 0; i < n / 2; ++i) {
    double phase = -pi * (static_cast<double>(i + 1) / n + .5);  // as kiss_fftr_alloc
    if (inverse) phase *= -1;
    super[i].real = Ops<T>::Twiddle(CosSmall(phase));
    super[i].imag = Ops<T>::Twiddle(SinSmall(phase));
  }
}

template <typename T>
void RealFft(const void* memory, const T* input, Complex<T>* output, Complex<T>* work) {
  using O = Ops<T>;
  const Plan* plan = static_cast<const Plan*>(memory);
  const int32_t n = plan->ncfft;
  // The real sequence, read as n complex values (even samples real, odd imaginary).
  Work(work, reinterpret_cast<const Complex<T>*>(input), 1, plan, 0);
  Complex<T> dc = work[0];
  O::FixDiv(&dc, 2);
  output[0].real = O::Store(Acc<T>(dc.real) + dc.imag);
  output[n].real = O::Store(Acc<T>(dc.real) - dc.imag);
  output[0].imag = output[n].imag = 0;
  const Complex<T>* super = SuperTwiddles<T>(plan);
  for (int32_t k = 1; k <= n / 2; ++k) {
    Complex<T> fpk = work[k];
    Complex<T> fpnk;
    fpnk.real = work[n - k].real;
    fpnk.imag = O::Store(-Acc<T>(work[n - k].imag));
    O::FixDiv(&fpk, 2);
    O::FixDiv(&fpnk, 2);
    Complex<T> f1k, f2k, tw;
    Add(&f1k, fpk, fpnk);
    Sub(&f2k, fpk, fpnk);
    O::CMul(&tw, f2k, super[k - 1]);
    output[k].real = O::Store(O::Half(Acc<T>(f1k.real) + tw.real));
    output[k].imag = O::Store(O::Half(Acc<T>(f1k.imag) + tw.imag));
    output[n - k].real = O::Store(O::Half(Acc<T>(f1k.real) - tw.real));
    output[n - k].imag = O::Store(O::Half(Acc<T>(tw.imag) - f1k.imag));
  }
}

template <typename T>
void InverseRealFft(const void* memory, const Complex<T>* input, T* output, Complex<T>* work) {
  using O = Ops<T>;
  const Plan* plan = static_cast<const Plan*>(memory);
  const int32_t n = plan->ncfft;
  work[0].real = O::Store(Acc<T>(input[0].real) + input[n].real);
  work[0].imag = O::Store(Acc<T>(input[0].real) - input[n].real);
  O::FixDiv(&work[0], 2);
  const Complex<T>* super = SuperTwiddles<T>(plan);
  for (int32_t k = 1; k <= n / 2; ++k) {
    Complex<T> fk = input[k];
    Complex<T> fnkc;
    fnkc.real = input[n - k].real;
    fnkc.imag = O::Store(-Acc<T>(input[n - k].imag));
    O::FixDiv(&fk, 2);
    O::FixDiv(&fnkc, 2);
    Complex<T> fek, tmp, fok;
    Add(&fek, fk, fnkc);
    Sub(&tmp, fk, fnkc);
    O::CMul(&fok, tmp, super[k - 1]);
    Add(&work[k], fek, fok);
    Sub(&work[n - k], fek, fok);
    work[n - k].imag = O::Store(Acc<T>(work[n - k].imag) * -1);
  }
  Work(reinterpret_cast<Complex<T>*>(output), work, 1, plan, 0);
}

#define TINYRT_INSTANTIATE_FFT(T)                                            \
  template size_t RealFftPlanBytes<T>(int32_t);                              \
  template void RealFftInit<T>(int32_t, bool, void*);                        \
  template void RealFft<T>(const void*, const T*, Complex<T>*, Complex<T>*); \
  template void InverseRealFft<T>(const void*, const Complex<T>*, T*, Complex<T>*);
TINYRT_INSTANTIATE_FFT(int16_t)
TINYRT_INSTANTIATE_FFT(int32_t)
TINYRT_INSTANTIATE_FFT(float)
#undef TINYRT_INSTANTIATE_FFT

}  // namespace math
}  // namespace tinyrt
