// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility (tinyrt::tflm): the C types of TFLite's common.h that TFLM
// applications and kernels use (TfLiteStatus, TfLiteType, TfLiteTensor, TfLiteIntArray, ...),
// with TFLM's names and layouts, and the TF_LITE_ENSURE* macros. Written for tinyrt; a
// TfLiteTensor handed out by tflite::MicroInterpreter views a tinyrt tensor (its data in the
// arena or the model, its dims read in place from the model).
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum TfLiteStatus {
  kTfLiteOk = 0,
  kTfLiteError = 1,
  kTfLiteDelegateError = 2,
  kTfLiteApplicationError = 3,
  kTfLiteDelegateDataNotFound = 4,
  kTfLiteDelegateDataWriteError = 5,
  kTfLiteDelegateDataReadError = 6,
  kTfLiteUnresolvedOps = 7,
  kTfLiteCancelled = 8,
} TfLiteStatus;

// TFLite's TensorType numbering (as tinyrt::TensorType).
typedef enum {
  kTfLiteNoType = 0,
  kTfLiteFloat32 = 1,
  kTfLiteInt32 = 2,
  kTfLiteUInt8 = 3,
  kTfLiteInt64 = 4,
  kTfLiteString = 5,
  kTfLiteBool = 6,
  kTfLiteInt16 = 7,
  kTfLiteComplex64 = 8,
  kTfLiteInt8 = 9,
  kTfLiteFloat16 = 10,
  kTfLiteFloat64 = 11,
  kTfLiteComplex128 = 12,
  kTfLiteUInt64 = 13,
  kTfLiteResource = 14,
  kTfLiteVariant = 15,
  kTfLiteUInt32 = 16,
  kTfLiteUInt16 = 17,
  kTfLiteInt4 = 18,
} TfLiteType;

// Same layout as a FlatBuffer vector of int32 (length, then elements): tensors' dims point
// straight into the model.
typedef struct TfLiteIntArray {
  int size;
  int data[];
} TfLiteIntArray;

typedef struct TfLiteFloatArray {
  int size;
  float data[];
} TfLiteFloatArray;

typedef struct {
  float re, im;
} TfLiteComplex64;

typedef struct {
  uint16_t data;
} TfLiteFloat16;

typedef union TfLitePtrUnion {
  int32_t* i32;
  uint32_t* u32;
  int64_t* i64;
  uint64_t* u64;
  float* f;
  TfLiteFloat16* f16;
  double* f64;
  char* raw;
  const char* raw_const;
  uint8_t* uint8;
  bool* b;
  int16_t* i16;
  uint16_t* ui16;
  TfLiteComplex64* c64;
  int8_t* int8;
  void* data;
} TfLitePtrUnion;

typedef struct TfLiteQuantizationParams {
  float scale;
  int32_t zero_point;
} TfLiteQuantizationParams;

typedef enum TfLiteQuantizationType {
  kTfLiteNoQuantization = 0,
  kTfLiteAffineQuantization = 1,
} TfLiteQuantizationType;

typedef struct TfLiteQuantization {
  TfLiteQuantizationType type;
  void* params;
} TfLiteQuantization;

typedef struct TfLiteAffineQuantization {
  TfLiteFloatArray* scale;
  TfLiteIntArray* zero_point;
  int32_t quantized_dimension;
} TfLiteAffineQuantization;

typedef enum TfLiteAllocationType {
  kTfLiteMemNone = 0,
  kTfLiteMmapRo,
  kTfLiteArenaRw,
  kTfLiteArenaRwPersistent,
  kTfLiteDynamic,
  kTfLitePersistentRo,
  kTfLiteCustom,
  kTfLiteVariantObject,
} TfLiteAllocationType;

// The fields of TFLM's (TF_LITE_STATIC_MEMORY) TfLiteTensor, in its order.
typedef struct TfLiteTensor {
  TfLiteQuantization quantization;
  TfLiteQuantizationParams params;
  TfLitePtrUnion data;
  TfLiteIntArray* dims;
  size_t bytes;
  TfLiteType type;
  TfLiteAllocationType allocation_type;
  bool is_variable;
} TfLiteTensor;

// The slim tensor a TFLM kernel sees in Eval.
typedef struct TfLiteEvalTensor {
  TfLitePtrUnion data;
  TfLiteIntArray* dims;
  TfLiteType type;
} TfLiteEvalTensor;

// A node as a TFLM kernel sees it. inputs/outputs hold node-local tensor indices (input i is
// i, output j is inputs->size + j; -1 for an absent optional input): the indices that
// TfLiteContext::GetEvalTensor and GetTensor take.
typedef struct TfLiteNode {
  TfLiteIntArray* inputs;
  TfLiteIntArray* outputs;
  TfLiteIntArray* intermediates;
  void* user_data;                  // what the registration's init returned
  void* builtin_data;               // nullptr: tinyrt does not parse builtin options for TFLM kernels
  const void* custom_initial_data;  // custom ops: the model's custom options
  int custom_initial_data_size;
} TfLiteNode;

// The context a TFLM kernel gets (tinyrt fills in the functions; impl_ is private to it).
typedef struct TfLiteContext {
  size_t tensors_size;
  void* impl_;
  void* (*AllocatePersistentBuffer)(struct TfLiteContext* ctx, size_t bytes);
  TfLiteStatus (*RequestScratchBufferInArena)(struct TfLiteContext* ctx, size_t bytes, int* buffer_idx);
  void* (*GetScratchBuffer)(struct TfLiteContext* ctx, int buffer_idx);
  TfLiteTensor* (*GetTensor)(const struct TfLiteContext* context, int tensor_idx);
  TfLiteEvalTensor* (*GetEvalTensor)(const struct TfLiteContext* context, int tensor_idx);
  void (*ReportError)(struct TfLiteContext* context, const char* format, ...);
} TfLiteContext;

// TFLite's name of a type ("FLOAT32", "INT8", ...).
static inline const char* TfLiteTypeGetName(TfLiteType type) {
  static const char* const kNames[] = {"NOTYPE",   "FLOAT32",   "INT32",  "UINT8",   "INT64",   "STRING",     "BOOL",
                                       "INT16",    "COMPLEX64", "INT8",   "FLOAT16", "FLOAT64", "COMPLEX128", "UINT64",
                                       "RESOURCE", "VARIANT",   "UINT32", "UINT16",  "INT4"};
  const unsigned i = (unsigned)type;
  return i < sizeof(kNames) / sizeof(kNames[0]) ? kNames[i] : "Unknown type";
}

#ifdef __cplusplus
}  // extern "C"
#endif

// Reporting for the TF_LITE_ENSURE* macros: the failing condition is printed with
// MicroPrintf (TFLM prints through the context's ReportError; tinyrt has one log).
#ifdef __cplusplus
extern "C++" {
namespace tflite {
void MicroPrintf(const char* format, ...);
}  // namespace tflite
}
#define TF_LITE_COMPAT_REPORT_(...) ::tflite::MicroPrintf(__VA_ARGS__)
#endif

#define TF_LITE_ENSURE_STATUS(a)      \
  do {                                \
    const TfLiteStatus s__ = (a);     \
    if (s__ != kTfLiteOk) return s__; \
  } while (0)

#define TF_LITE_ENSURE(context, a)                                              \
  do {                                                                          \
    (void)(context);                                                            \
    if (!(a)) {                                                                 \
      TF_LITE_COMPAT_REPORT_("%s:%d %s was not true.", __FILE__, __LINE__, #a); \
      return kTfLiteError;                                                      \
    }                                                                           \
  } while (0)

#define TF_LITE_ENSURE_MSG(context, a, msg)                          \
  do {                                                               \
    (void)(context);                                                 \
    if (!(a)) {                                                      \
      TF_LITE_COMPAT_REPORT_("%s:%d %s", __FILE__, __LINE__, (msg)); \
      return kTfLiteError;                                           \
    }                                                                \
  } while (0)

#define TF_LITE_ENSURE_EQ(context, a, b)                                                                                         \
  do {                                                                                                                           \
    (void)(context);                                                                                                             \
    if ((a) != (b)) {                                                                                                            \
      TF_LITE_COMPAT_REPORT_("%s:%d %s != %s (%d != %d)", __FILE__, __LINE__, #a, #b, static_cast<int>(a), static_cast<int>(b)); \
      return kTfLiteError;                                                                                                       \
    }                                                                                                                            \
  } while (0)

#define TF_LITE_ENSURE_TYPES_EQ(context, a, b)                                                                                        \
  do {                                                                                                                                \
    (void)(context);                                                                                                                  \
    if ((a) != (b)) {                                                                                                                 \
      TF_LITE_COMPAT_REPORT_("%s:%d %s != %s (type %d != %d)", __FILE__, __LINE__, #a, #b, static_cast<int>(a), static_cast<int>(b)); \
      return kTfLiteError;                                                                                                            \
    }                                                                                                                                 \
  } while (0)

#define TF_LITE_ENSURE_NEAR(context, a, b, epsilon)                               \
  do {                                                                            \
    (void)(context);                                                              \
    const double d__ = static_cast<double>(a) - static_cast<double>(b);           \
    if (d__ > (epsilon) || -d__ > (epsilon)) {                                    \
      TF_LITE_COMPAT_REPORT_("%s:%d %s not near %s", __FILE__, __LINE__, #a, #b); \
      return kTfLiteError;                                                        \
    }                                                                             \
  } while (0)

#define TF_LITE_ENSURE_OK(context, status) TF_LITE_ENSURE_STATUS(status)
#define TF_LITE_KERNEL_LOG(context, ...) TF_LITE_COMPAT_REPORT_(__VA_ARGS__)
#define TF_LITE_MAYBE_KERNEL_LOG(context, ...) TF_LITE_COMPAT_REPORT_(__VA_ARGS__)
