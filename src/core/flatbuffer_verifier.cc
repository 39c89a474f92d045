// SPDX-License-Identifier: Apache-2.0
#include "src/core/flatbuffer_verifier.h"

#include <string.h>

#include "src/core/schema_specs.h"

namespace tinyrt {

// The generator's field slots are flatc's: vtable offset 4 + 2 * slot.
#define TINYRT_CHECK_SLOT(table, field, slot) \
  static_assert(tflite::table::field == 4 + 2 * (slot), #table "." #field " slot differs from flatc's");
TINYRT_SCHEMA_SLOTS(TINYRT_CHECK_SLOT)
#undef TINYRT_CHECK_SLOT

namespace {
// flatbuffers' largest buffer (offsets are signed 32-bit).
constexpr size_t kMaxBufferSize = 0x7FFFFFFFu;
}  // namespace

uint32_t FlatBufferVerifier::U32(size_t position) const {
  uint32_t value;
  memcpy(&value, buffer_ + position, sizeof(value));
  return value;
}

uint16_t FlatBufferVerifier::U16(size_t position) const {
  uint16_t value;
  memcpy(&value, buffer_ + position, sizeof(value));
  return value;
}

// A uoffset at `position`: aligned, inside, non-zero, below 2^31, pointing inside the buffer.
bool FlatBufferVerifier::Offset(size_t position, size_t* target) const {
  if ((position & 3) != 0 || !InBounds(position, 4)) return false;
  const uint32_t offset = U32(position);
  if (offset == 0 || offset > kMaxBufferSize || !InBounds(position + offset, 1)) return false;
  *target = position + offset;
  return true;
}

// A vector's length at `position` (4-aligned) and its elements. Elements of up to 4 bytes are
// thereby aligned to their size; 8-byte ones (int64 zero points) may be only 4-byte aligned,
// as some converters write them and TFLM reads them: their readers copy them (VectorInt64At).
bool FlatBufferVerifier::Vector(size_t position, uint32_t log2_element_size, uint32_t* count) const {
  if ((position & 3) != 0 || !InBounds(position, 4)) return false;
  *count = U32(position);
  const size_t data = position + 4;
  // count * element size <= size_ - data, without a (64-bit) multiplication or division.
  return data <= size_ && *count <= ((size_ - data) >> log2_element_size);
}

bool FlatBufferVerifier::String(size_t position) const {
  uint32_t length = 0;
  return Vector(position, 0, &length) && InBounds(position + 4, static_cast<size_t>(length) + 1) && buffer_[position + 4 + length] == '\0';
}

bool FlatBufferVerifier::Field(size_t table, size_t vtable, uint32_t vtable_size, const TableSpec& spec, uint32_t slot) {
  const uint32_t entry = 4 + 2 * slot;
  if (entry >= vtable_size) return true;  // beyond the vtable: absent
  const uint16_t field_offset = U16(vtable + entry);
  if (field_offset == 0) return true;  // absent
  const FieldSpec& field = spec.fields[slot];
  const size_t position = table + field_offset;
  if (field.kind == FieldKind::kAbsent) return true;
  if (field.kind == FieldKind::kScalar) return (position & ((1u << field.arg) - 1)) == 0 && InBounds(position, 1u << field.arg);
  size_t target = 0;
  if (!Offset(position, &target)) return false;
  uint32_t count = 0;
  switch (field.kind) {
    case FieldKind::kString: return String(target);
    case FieldKind::kVector: return Vector(target, field.arg, &count);
    case FieldKind::kTable: return Table(target, schema_specs::kIndexedTables[field.arg]);
    case FieldKind::kVectorOfStrings:
    case FieldKind::kVectorOfTables:
      if (!Vector(target, 2, &count)) return false;
      for (uint32_t i = 0; i < count; ++i) {
        // Elements may be 0 (a table whose vtable is itself, as flatbuffers allows); the target
        // must lie inside the buffer, which String() and Table() check.
        const size_t element_slot = target + 4 + 4 * static_cast<size_t>(i);
        const uint32_t offset = U32(element_slot);
        if (offset > size_ - element_slot) return false;
        const size_t element = element_slot + offset;
        if (field.kind == FieldKind::kVectorOfStrings ? !String(element) : !Table(element, schema_specs::kIndexedTables[field.arg])) {
          return false;
        }
      }
      return true;
    case FieldKind::kUnion: {
      // The type byte is the previous slot (verified before this one as a 1-byte scalar).
      const uint32_t type_entry = entry - 2;
      const uint16_t type_offset = U16(vtable + type_entry);
      const uint8_t type = type_offset == 0 ? 0 : buffer_[table + type_offset];
      const UnionSpec& u = schema_specs::kUnions[field.arg];
      if (type == 0 || type > u.num_members) return true;  // NONE or a type this schema does not know
      return Table(target, schema_specs::kIndexedTables[u.members[type - 1]]);
    }
    default: return false;
  }
}

bool FlatBufferVerifier::Table(size_t position, const TableSpec& spec) {
  if (++depth_ > max_depth_ || ++tables_ > max_tables_) return false;
  if ((position & 3) != 0 || !InBounds(position, 4)) return false;
  // The vtable: at table - soffset, 2-aligned, its size (first entry) even and inside.
  const int64_t vtable = static_cast<int64_t>(position) - static_cast<int32_t>(U32(position));
  if (vtable < 0 || (vtable & 1) != 0 || !InBounds(static_cast<size_t>(vtable), 2)) return false;
  const uint32_t vtable_size = U16(static_cast<size_t>(vtable));
  if ((vtable_size & 1) != 0 || !InBounds(static_cast<size_t>(vtable), vtable_size)) return false;
  for (uint32_t slot = 0; slot < spec.num_fields; ++slot) {
    if (!Field(position, static_cast<size_t>(vtable), vtable_size, spec, slot)) return false;
  }
  --depth_;
  return true;
}

bool FlatBufferVerifier::VerifyRoot() {
  size_t root = 0;
  // 12 bytes: flatbuffers' smallest buffer (root offset, vtable offset, an empty vtable).
  if (size_ < 12 || size_ > kMaxBufferSize || !Offset(0, &root)) return false;
  return Table(root, schema_specs::kIndexedTables[schema_specs::kRootTable]);
}

bool FlatBufferVerifier::VerifyTableAt(const void* table, const TableSpec& spec) {
  const uint8_t* p = static_cast<const uint8_t*>(table);
  if (p < buffer_ || p >= buffer_ + size_) return false;
  return Table(static_cast<size_t>(p - buffer_), spec);
}

}  // namespace tinyrt
