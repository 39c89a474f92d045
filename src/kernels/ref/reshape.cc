// SPDX-License-Identifier: Apache-2.0
// RESHAPE: same bytes, new shape. The output shape is the output tensor's (static in the
// model); Prepare checks it against the requested shape (the constant shape input, else the
// options' new_shape, with one -1 inferred) and the element counts. Eval copies the bytes
// unless the interpreter placed input and output in the same buffer.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

// Element count of a requested shape, with at most one -1 stretched to fit `elements`.
// Returns false (with a message) when the request cannot describe `elements` elements.
template <typename GetDim>
Status CheckRequestedShape(PrepareContext& ctx, int rank, GetDim dim, size_t elements, const TensorView& output) {
  int stretch = -1;
  size_t known = 1;
  for (int i = 0; i < rank; ++i) {
    const int32_t v = dim(i);
    if (v == -1) {
      TINYRT_PREPARE_CHECK(ctx, stretch < 0, "the requested shape has more than one -1");
      stretch = i;
    } else {
      TINYRT_PREPARE_CHECK(ctx, v >= 0, "the requested shape has dimension " << v);
      known *= static_cast<size_t>(v);
    }
  }
  if (stretch >= 0) {
    TINYRT_PREPARE_CHECK(ctx, known != 0 && elements % known == 0,
                         "cannot infer the -1 dimension: " << static_cast<uint64_t>(elements) << " elements are not a multiple of "
                                                           << static_cast<uint64_t>(known));
  } else {
    TINYRT_PREPARE_CHECK(
        ctx, known == elements,
        "the requested shape has " << static_cast<uint64_t>(known) << " elements, the input " << static_cast<uint64_t>(elements));
  }
  TINYRT_PREPARE_CHECK(ctx, rank == output.rank(), "the requested shape has rank " << rank << " but the output tensor " << output.rank());
  for (int i = 0; i < rank; ++i) {
    const int32_t want = i == stretch ? static_cast<int32_t>(elements / known) : dim(i);
    TINYRT_PREPARE_CHECK(ctx, want == output.dim(i),
                         "output dimension " << i << " is " << output.dim(i) << " but the requested shape has " << want);
  }
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  ShareElementwiseInput(ctx);
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, input.type() == output.type(),
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(input.type()));
  TINYRT_PREPARE_CHECK(ctx, TensorTypeSize(input.type()) != 0, "input type " << TensorTypeName(input.type()) << " is not supported");
  TINYRT_PREPARE_CHECK(
      ctx, input.elements() == output.elements(),
      "input has " << static_cast<uint64_t>(input.elements()) << " elements, output " << static_cast<uint64_t>(output.elements()));

  // The requested shape, when the model states it statically.
  const TensorView shape = ctx.has_input(1) ? ctx.input(1) : TensorView();
  const auto* options = ctx.options<tflite::ReshapeOptions>(tflite::BuiltinOptions_ReshapeOptions);
  if (shape.valid() && shape.raw() != nullptr) {
    TINYRT_PREPARE_CHECK(ctx, shape.type() == TensorType::kInt32 && shape.rank() <= 1,
                         "the shape input must be a 1-D int32 tensor, is " << TensorTypeName(shape.type()) << " of rank " << shape.rank());
    const int32_t* dims = shape.data<int32_t>();
    TINYRT_RETURN_IF_ERROR(CheckRequestedShape(
        ctx, static_cast<int>(shape.elements()), [dims](int i) { return dims[i]; }, input.elements(), output));
  } else if (!shape.valid() && options != nullptr && options->new_shape() != nullptr) {
    const auto* new_shape = options->new_shape();
    // Legacy converters wrote [0] for a scalar.
    const bool legacy_scalar = new_shape->size() == 1 && new_shape->Get(0) == 0;
    if (!legacy_scalar) {
      TINYRT_RETURN_IF_ERROR(CheckRequestedShape(
          ctx, static_cast<int>(new_shape->size()), [new_shape](int i) { return new_shape->Get(static_cast<uint32_t>(i)); },
          input.elements(), output));
    }
  }
  // else: a shape computed at run time; the output tensor's static shape is what counts.

  return PrepareByteCopy(ctx, input);
}

constexpr EvalVariant kVariants[] = {
    {EvalByteCopy, "reference"},
};

}  // namespace

const OpKernel kOp_RESHAPE = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
