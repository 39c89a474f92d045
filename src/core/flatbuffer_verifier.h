// SPDX-License-Identifier: Apache-2.0
// tinyrt's FlatBuffer verifier: one small loop driven by per-table field descriptions generated
// from the schema (src/core/schema_specs.h, tools/gen_schema_specs.py), instead of
// flatbuffers' generated Verify functions (one per table, each inlining the generic checks, and a
// 64-bit division). It checks what flatbuffers' verifier checks: every table, vtable, field,
// string and vector lies inside the buffer, aligned; offsets are non-zero and point forward;
// strings are NUL-terminated; nesting depth and table count are bounded. One exception, as in
// TFLM (which reads such models): a vector of 8-byte scalars (quantization zero points) needs only
// the 4-byte alignment every vector has; such vectors are read with VectorInt64At.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace tinyrt {

// Element i of a verified vector of int64 (flatbuffers::Vector<int64_t>), read byte-wise: the
// verifier accepts these vectors 4-byte aligned, so they are never read through an int64_t
// pointer (an unaligned LDRD faults on Cortex-M; every unaligned access does on Cortex-M0).
template <typename Vector>
inline int64_t VectorInt64At(const Vector* v, uint32_t i) {
  int64_t value;
  memcpy(&value, v->Data() + static_cast<size_t>(i) * sizeof(int64_t), sizeof(value));
  return value;
}

enum class FieldKind : uint8_t {
  kAbsent,  // deprecated slot: no accessor reads it
  kScalar,  // arg: log2 of its size in bytes
  kString,
  kVector,  // of scalars; arg: log2 of the element size
  kVectorOfStrings,
  kTable,           // arg: index into schema_specs::kIndexedTables
  kVectorOfTables,  // arg: index into schema_specs::kIndexedTables
  kUnion,           // arg: index into schema_specs::kUnions; the type byte is the slot before
};

struct FieldSpec {
  FieldKind kind;
  uint8_t arg;
};

struct TableSpec {
  const FieldSpec* fields;  // one per slot, in slot order
  uint8_t num_fields;
};

struct UnionSpec {
  const uint8_t* members;  // indexed table of type 1, 2, ...
  uint8_t num_members;
};

class FlatBufferVerifier {
 public:
  FlatBufferVerifier(const uint8_t* buffer, size_t size, uint32_t max_depth = 32, uint32_t max_tables = 1u << 20)
      : buffer_(buffer), size_(size), max_depth_(max_depth), max_tables_(max_tables) {}

  // The root table (offset at byte 0) against the schema's root type.
  bool VerifyRoot();
  // One table at `table` (inside the buffer) against `spec`.
  bool VerifyTableAt(const void* table, const TableSpec& spec);

 private:
  bool Table(size_t position, const TableSpec& spec);
  bool Field(size_t table, size_t vtable, uint32_t vtable_size, const TableSpec& spec, uint32_t slot);
  bool Offset(size_t position, size_t* target) const;
  bool Vector(size_t position, uint32_t log2_element_size, uint32_t* count) const;
  bool String(size_t position) const;
  bool InBounds(size_t position, size_t bytes) const { return position <= size_ && bytes <= size_ - position; }
  uint32_t U32(size_t position) const;
  uint16_t U16(size_t position) const;

  const uint8_t* buffer_;
  size_t size_;
  uint32_t max_depth_;
  uint32_t max_tables_;
  uint32_t depth_ = 0;
  uint32_t tables_ = 0;
};

}  // namespace tinyrt
