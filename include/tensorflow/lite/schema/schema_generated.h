// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: the TFLite schema's C++ reader. tinyrt's generated reader of the
// same schema (namespace tflite, TFLite's field ids) stands in for it: tflite::Model,
// tflite::SubGraph, tflite::BuiltinOperator_..., and TFLITE_SCHEMA_VERSION.
#pragma once

#include "tinyrt/schema_generated.h"

#ifndef TFLITE_SCHEMA_VERSION
#define TFLITE_SCHEMA_VERSION (3)
#endif
