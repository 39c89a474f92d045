// Optimized int8 CONV_2D: a GEMM of int8 columns against the filter rows (src/kernels/opt/gemm.cc),
// two output pixels at a time. For a pointwise convolution (1x1 filter, no padding) the columns are
// the input pixels themselves; otherwise each pixel's window is gathered (im2col) into a column in
// a scratch buffer planned in the arena (2 bytes per filter tap: two columns), padding taps set to
// the input zero point so they add nothing. Any filter size, stride, padding and dilation; grouped
// convolutions run the reference variant. Runs in place like the reference (the output over the
// input, overwritten rows read from the ring the reference Prepare planned) when the planner
// shares the buffers.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/im2col.h"
#include "src/kernels/opt/isa.h"
#include "src/kernels/opt/x86_avx2.h"

namespace tinyrt {
namespace kernels {
namespace {

// Largest im2col scratch the optimized variant asks for (two int8 columns).
constexpr size_t kMaxColumnBytes = 32 * 1024;

bool Pointwise(const ConvGeometry& g) { return g.filter_height == 1 && g.filter_width == 1 && g.pad_height == 0 && g.pad_width == 0; }

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
  if (!Pointwise(data->g)) {
    const size_t taps = static_cast<size_t>(data->g.filter_height) * static_cast<size_t>(data->g.filter_width) *
                        static_cast<size_t>(data->filter_depth);
    if (2 * taps > kMaxColumnBytes) {
      ctx.SetReferenceReason(ReferenceReason::kScratch);
      return Status::Ok();
    }
    uint32_t handle = 0;
    TINYRT_RETURN_IF_ERROR(ctx.RequestScratch(2 * taps, &handle));
    if (!KeepExtraScratch(handle, &data->in_place, &data->ring)) {
      ctx.SetReferenceReason(ReferenceReason::kScratch);
      return Status::Ok();
    }
  }
  ctx.SetReferenceReason(ReferenceReason::kNone);
  *selected = optimized;
#if defined(TINYRT_ISA_X86_AVX2)
  if (X86Avx2Enabled()) *selected = optimized + kX86Avx2VariantStep;  // x86_avx2_*.cc, when the CPU has AVX2
#endif
  return Status::Ok();
}

Status EvalConv2DInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
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
  const bool pointwise = Pointwise(g);
  const uint32_t columns = ExtraScratch(d.in_place, d.ring);
  int8_t* col0 = pointwise ? nullptr : reinterpret_cast<int8_t*>(ctx.scratch(columns));
  int8_t* col1 = col0 + taps;
  const int8_t zero_point = static_cast<int8_t>(-q.input_offset);
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
      // Pixel pairs within the row (an in-place row must be complete before the next begins).
      for (int32_t ox = 0; ox < g.output_width; ox += 2) {
        const bool pair = ox + 1 < g.output_width;
        const int8_t* c0;
        const int8_t* c1;
        if (pointwise) {
          c0 = rows[0] + static_cast<size_t>(ox) * g.stride_width * g.input_depth;
          c1 = c0 + static_cast<size_t>(g.stride_width) * g.input_depth;
        } else {
          opt::BuildColumn(rows, fy_begin, fy_end, g, ox, zero_point, col0);
          if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, zero_point, col1);
          c0 = col0;
          c1 = col1;
        }
        int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
        opt::GemmColumns(c0, pair ? c1 : nullptr, taps, q.input_offset, filter, depth, bias, multipliers, shifts, true, r, out0, out0 + depth);
      }
    }
  }
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
