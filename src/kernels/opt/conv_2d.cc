// Optimized int8 CONV_2D: each pair of output pixels gathers its windows into two int16 columns
// (im2col with the input offset added, zero for padding taps, in a scratch buffer planned in the
// arena: 4 bytes per filter tap), then one GEMM pass over all output channels (src/kernels/opt/
// gemm.cc). Handles any filter size, stride, padding and dilation; grouped convolutions run the
// reference variant. Runs in place like the reference (the output over the input, rows saved to
// the ring the reference Prepare planned) when the planner shares the buffers.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/isa.h"

namespace tinyrt {
namespace kernels {
namespace {

// Largest im2col scratch the optimized variant asks for (two columns of int16).
constexpr size_t kMaxColumnBytes = 64 * 1024;

// Fills `col` with the window of output pixel (row window `rows`, column ox), in the ISA's column
// layout; filter rows outside [fy_begin, fy_end) are padding.
void BuildColumn(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t ox, int32_t offset,
                 int16_t* col) {
  const int32_t depth = g.input_depth;
  const int32_t ix0 = ox * g.stride_width - g.pad_width;
  const int32_t row_taps = g.filter_width * depth;
  const bool row_contiguous = g.dilation_width == 1 && ix0 >= 0 && ix0 + g.filter_width <= g.input_width;
  // Pieces that start and end on groups of 4 convert straight into the column layout.
  const bool direct = depth % 4 == 0 || (row_contiguous && row_taps % 4 == 0);
  int16_t* dst = col;
  for (int32_t fy = 0; fy < g.filter_height; ++fy, dst += row_taps) {
    if (fy < fy_begin || fy >= fy_end) {
      memset(dst, 0, sizeof(int16_t) * static_cast<size_t>(row_taps));
      continue;
    }
    const int8_t* row = rows[fy];
    if (row_contiguous) {
      if (direct) {
        opt::ConvertColumn(row + ix0 * depth, row_taps, offset, dst);
      } else {
        opt::ConvertNatural(row + ix0 * depth, row_taps, offset, dst);
      }
      continue;
    }
    for (int32_t fx = 0; fx < g.filter_width; ++fx) {
      const int32_t ix = ix0 + fx * g.dilation_width;
      int16_t* piece = dst + fx * depth;
      if (ix < 0 || ix >= g.input_width) {
        memset(piece, 0, sizeof(int16_t) * static_cast<size_t>(depth));
      } else if (direct) {
        opt::ConvertColumn(row + ix * depth, depth, offset, piece);
      } else {
        opt::ConvertNatural(row + ix * depth, depth, offset, piece);
      }
    }
  }
  if (!direct) opt::FinishColumn(col, g.filter_height * row_taps);
}

}  // namespace

Status SelectConv2DVariant(PrepareContext& ctx, ConvData* data, uint8_t reference, uint8_t optimized, uint8_t* selected) {
  *selected = reference;
  if (!TINYRT_OPT_KERNELS) {
    ctx.SetReferenceReason(ReferenceReason::kNotBuilt);
    return Status::Ok();
  }
  if (ctx.reference_kernels_only()) {
    ctx.SetReferenceReason(ReferenceReason::kForced);
    return Status::Ok();
  }
  if (data->filters_per_group != data->g.output_depth) {
    ctx.SetReferenceReason(ReferenceReason::kGroups);
    return Status::Ok();
  }
  const size_t taps = static_cast<size_t>(data->g.filter_height) * static_cast<size_t>(data->g.filter_width) *
                      static_cast<size_t>(data->filter_depth);
  const size_t bytes = 2 * sizeof(int16_t) * taps;
  if (bytes > kMaxColumnBytes) {
    ctx.SetReferenceReason(ReferenceReason::kScratch);
    return Status::Ok();
  }
  TINYRT_RETURN_IF_ERROR(ctx.RequestScratch(bytes, &data->opt_scratch));
  ctx.SetReferenceReason(ReferenceReason::kNone);
  *selected = optimized;
  return Status::Ok();
}

Status EvalConv2DInt8Opt(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ConvData>();
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t taps = g.filter_height * g.filter_width * g.input_depth;
  int16_t* col0 = reinterpret_cast<int16_t*>(ctx.scratch(d.opt_scratch));
  int16_t* col1 = col0 + taps;
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const int32_t depth = g.output_depth;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  const RowWindow window = ConvRowWindow(g, 1);
  for (int32_t b = 0; b < g.batches; ++b) {
    const int8_t* image = input + static_cast<size_t>(b) * g.input_height * g.input_width * g.input_depth;
    RowReader reader(reinterpret_cast<const uint8_t*>(image), window, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared);
    WindowRows<int8_t> rows(image, static_cast<size_t>(g.input_width) * g.input_depth, g.dilation_height);
    for (int32_t step = 0; step < g.output_height; ++step) {
      const int32_t oy = reader.reverse() ? g.output_height - 1 - step : step;
      reader.Begin(oy);
      const int32_t iy0 = oy * g.stride_height - g.pad_height;
      int32_t fy_begin, fy_end;
      WindowTaps(iy0, g.dilation_height, g.filter_height, g.input_height, &fy_begin, &fy_end);
      rows.Fetch(reader, iy0, fy_begin, fy_end);
      int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
      // Pixel pairs within the row (an in-place row must be computed before the next is begun).
      for (int32_t ox = 0; ox < g.output_width; ox += 2) {
        const bool pair = ox + 1 < g.output_width;
        BuildColumn(rows, fy_begin, fy_end, g, ox, q.input_offset, col0);
        if (pair) BuildColumn(rows, fy_begin, fy_end, g, ox + 1, q.input_offset, col1);
        int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
        opt::GemmColumns(col0, pair ? col1 : nullptr, taps, filter, depth, bias, multipliers, shifts, true, r, out0, out0 + depth);
      }
    }
  }
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
