#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prints the docs' measured tables (markdown): arena bytes per model beside TFLM's, and host
# time per Invoke. Usage: scripts/report.sh [arena|bench|speed|all]   (needs build/tinyrt)
#   speed: per core, per model: instructions and modeled Cortex-M4 cycles (the shared cycle-model
#          plugin ../shared/tools/qemu-cyclecount) per Invoke and per MAC, beside TFLM+CMSIS-NN,
#          and the ratios (targets/qemu_plugin/profile.py invoke) on cortex-m4f, cortex-m55 and
#          cortex-m3; instructions per MAC of the five MLPerf Tiny models on cortex-m0 (Thumb-1
#          code on the Cortex-M3 board, build-cortex-m0-an385) and rv32imc; then host microseconds
#          per Invoke of the optimized and reference kernels (tinyrt bench --compare). Configures
#          the build-TARGET folders it needs (as targets/run_qemu_tests.sh) and builds only the
#          profile firmware.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
cli=build/tinyrt
shared=../shared
models=(hello_world_int8 hello_world_float simple_add_model kws_ref_model micro_speech_quantized person_detect vww_96_int8
        vww_96_float pretrainedResnet_quant pretrainedResnet ad01_int8 ad01_fp32 model_ToyCar_quant_fullint
        audio_preprocessor_int8 audio_preprocessor_float trained_lstm trained_lstm_int8 keyword_scrambled)
model_path() { [ -f "$shared/models/$1.tflite" ] && echo "$shared/models/$1.tflite" || echo "data/models/$1.tflite"; }
tflm() { { grep "^$1," "$shared/reference/tflm_x86_reference.csv" 2>/dev/null || true; } | cut -d, -f"$2"; }

tflm_m4() { { grep "^$1," "$shared/reference/tflm_cortex_m_reference.csv" 2>/dev/null || true; } | cut -d, -f3; }
if [ "$what" = arena ] || [ "$what" = all ]; then
  echo "| model | TFLM x86-64 | TFLM Cortex-M4 | peak live activations | tinyrt arena | persistent | planned | planner workspace | tinyrt / TFLM x86 | tinyrt / TFLM M4 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for m in "${models[@]}"; do
    path=$(model_path "$m"); [ -f "$path" ] || continue
    out=$("$cli" plan "$path" 2>/dev/null) || { echo "| $m | $(tflm "$m" 2) | $(tflm_m4 "$m") | | unsupported | | | | | |"; continue; }
    used=$(echo "$out" | grep '^arena_used_bytes:' | awk '{print $2}')
    pers=$(echo "$out" | grep '^persistent:' | awk '{print $2}')
    planned=$(echo "$out" | grep '^planned:' | awk '{print $2}')
    ws=$(echo "$out" | grep '^planner_workspace:' | awk '{print $2}')
    peak=$(echo "$out" | grep '^peak_live_activations:' | awk '{print $2}')
    t=$(tflm "$m" 2); t4=$(tflm_m4 "$m")
    ratio=$([ -n "$t" ] && awk "BEGIN{printf \"%.3f\", $used/$t}" || echo "")
    ratio4=$([ -n "$t4" ] && awk "BEGIN{printf \"%.3f\", $used/$t4}" || echo "")
    echo "| $m | $t | $t4 | $peak | $used | $pers | $planned | $ws | $ratio | $ratio4 |"
  done
  echo
fi
if [ "$what" = bench ] || [ "$what" = all ]; then
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; g++ $(g++ -dumpfullversion), -O3 Release."
  echo
  echo "| model | TFLM x86 median us (reference kernels) | tinyrt median us | tinyrt min us | tinyrt median / TFLM |"
  echo "|---|---:|---:|---:|---:|"
  for m in "${models[@]}"; do
    path=$(model_path "$m"); [ -f "$path" ] || continue
    out=$("$cli" bench "$path" 2>/dev/null) || continue
    us=$(echo "$out" | grep median_us | awk '{print $2}')
    min=$(echo "$out" | grep min_us | awk '{print $2}')
    t=$(tflm "$m" 3)
    ratio=$([ -n "$t" ] && awk "BEGIN{printf \"%.2f\", $us/$t}" || echo "")
    echo "| $m | $t | $us | $min | $ratio |"
  done
fi
if [ "$what" = speed ]; then
  five=(kws_ref_model vww_96_int8 person_detect pretrainedResnet_quant ad01_int8)
  speed_models=("${five[@]}" micro_speech_quantized trained_lstm_int8 trained_lstm keyword_scrambled)
  # build-TARGET for each core (toolchain file; extra cache settings).
  configure() {
    [ -f "build-$1/qemu_command.txt" ] && return
    cmake -S . -B "build-$1" -DCMAKE_TOOLCHAIN_FILE="$PWD/targets/cmake/$2.cmake" -DCMAKE_BUILD_TYPE=MinSizeRel \
      -DTINYRT_HOST_TOOLS_DIR="$PWD/build-host-tools" "${@:3}" >/dev/null
  }
  for t in cortex-m4f cortex-m55 cortex-m3 rv32imc; do configure "$t" "$t"; done
  configure cortex-m0-an385 cortex-m0 -DTINYRT_BOARD=mps2-an385
  echo "Instructions and modeled Cortex-M4 cycles per Invoke (QEMU plugins, after a warm-up Invoke and Reset(); optimized and reference kernels in the same firmware):"
  echo
  python3 targets/qemu_plugin/profile.py invoke --targets cortex-m4f cortex-m55 cortex-m3 --models "${speed_models[@]}"
  echo "Cores without the DSP extension, the five MLPerf Tiny models (cortex-m0-an385: code built for Cortex-M0, Thumb-1 only, run on the Cortex-M3 board):"
  echo
  python3 targets/qemu_plugin/profile.py invoke --targets cortex-m0-an385 rv32imc --models "${five[@]}"
  echo
  echo "Host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, shared; g++ $(g++ -dumpfullversion), Release."
  echo
  echo "| model | optimized median us | reference median us | speed-up | TFLM x86 reference median us | TFLM / optimized |"
  echo "|---|---:|---:|---:|---:|---:|"
  for m in "${speed_models[@]}"; do
    path=$(model_path "$m"); [ -f "$path" ] || continue
    out=$("$cli" bench "$path" --compare --iterations 50 2>/dev/null) || continue
    us=$(echo "$out" | grep '^median_us' | awk '{print $2}')
    ref=$(echo "$out" | grep '^reference_median_us' | awk '{print $2}')
    up=$(echo "$out" | grep '^speedup_median' | awk '{print $2}')
    t=$(tflm "$m" 3)
    ratio=$([ -n "$t" ] && awk "BEGIN{printf \"%.1f\", $t/$us}" || echo "")
    echo "| $m | $us | $ref | $up | $t | $ratio |"
  done
fi
