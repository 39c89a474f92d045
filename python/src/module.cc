// SPDX-License-Identifier: Apache-2.0
// tinyrt._tinyrt: the Python binding of the runtime (pybind11). One Session holds a model's
// bytes, an AllOpsResolver, an arena and a MicroInterpreter; the TFLite-style API on top of it
// (dicts, numpy arrays, ValueError on bad inputs) is python/tinyrt/interpreter.py.
//
// Beyond the runtime: copies of the inputs (written into the arena before every Invoke, so an
// input set once serves every Invoke, as in TFLite, although the runtime reuses input bytes),
// per-node times (host::NodeTimer, as `tinyrt bench --profile`), and preserve_all_tensors:
// after each node runs, a copy of its outputs, so every intermediate tensor can be read after
// Invoke although the arena plan gives their bytes to later tensors. The plan and the arena
// figures stay those of the default interpreter.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"
#include "tinyrt/schema_generated.h"
#include "tools/host_support.h"

namespace py = pybind11;

namespace {

using tinyrt::Status;
using tinyrt::StatusCode;
using tinyrt::TensorView;

// Exception classes per status code (created in the module init).
PyObject* g_errors[9] = {};

[[noreturn]] void Raise(StatusCode code, const std::string& message) {
  const unsigned i = static_cast<unsigned>(code) < 9 ? static_cast<unsigned>(code) : 8;
  PyErr_SetString(g_errors[i] != nullptr ? g_errors[i] : PyExc_RuntimeError, message.c_str());
  throw py::error_already_set();
}
[[noreturn]] void Raise(const Status& status) { Raise(status.code(), status.message()); }

// The hosted arena when the caller gives no size: room to learn the exact size, which the
// interpreter is then rebuilt with.
constexpr size_t kProbeArenaBytes = 64u << 20;

class Session;

// host::NodeTimer, plus a callback after each top-level node.
class Hook : public tinyrt::host::NodeTimer {
 public:
  explicit Hook(Session* session) : session_(session) {}

 protected:
  void NodeDone(size_t event) override;

 private:
  Session* session_;
};

class Session {
 public:
  Session(const py::bytes& model, size_t arena_size, bool preserve, bool reference)
      : arena_size_(arena_size), preserve_(preserve), reference_(reference), hook_(this) {
    const std::string bytes = model;
    model_bytes_.Resize(bytes.size());
    if (!bytes.empty()) std::memcpy(model_bytes_.data(), bytes.data(), bytes.size());
    const Status status = model_.Load(model_bytes_.data(), model_bytes_.size());
    if (!status.ok()) Raise(status);
    graph_ = model_.main_subgraph();
  }

  // --- The model (valid before allocation) ---------------------------------------------------
  size_t num_tensors() const { return graph_->tensors() != nullptr ? graph_->tensors()->size() : 0; }
  std::vector<int> inputs() const { return List(graph_->inputs()); }
  std::vector<int> outputs() const { return List(graph_->outputs()); }

  py::dict tensor_info(int index) const {
    const tflite::Tensor* t = FlatTensor(index);
    const TensorView view(t, nullptr);
    py::dict d;
    d["name"] = std::string(view.name());
    d["index"] = index;
    d["dtype"] = std::string(tinyrt::TensorTypeName(view.type()));
    std::vector<int> shape;
    for (int i = 0; i < view.rank(); ++i) shape.push_back(view.dim(i));
    d["shape"] = shape;
    d["shape_signature"] = t->shape_signature() != nullptr ? List(t->shape_signature()) : shape;
    std::vector<float> scales;
    std::vector<int> zero_points;
    for (int c = 0; c < view.num_scales(); ++c) {
      scales.push_back(view.scale(c));
      zero_points.push_back(view.zero_point(c));
    }
    d["scales"] = scales;
    d["zero_points"] = zero_points;
    d["quantized_dimension"] = view.is_quantized() ? view.quantized_dimension() : 0;
    d["variable"] = view.is_variable();
    return d;
  }

  // The golden generator's input `input` for `seed` (data/golden/README.md), as raw bytes.
  py::bytes golden_input(int input, uint32_t seed) const {
    const std::vector<int> in = inputs();
    if (input < 0 || static_cast<size_t>(input) >= in.size())
      Raise(StatusCode::kInvalidArgument,
            "input " + std::to_string(input) + " out of range (the model has " + std::to_string(in.size()) + " inputs)");
    const TensorView meta(FlatTensor(in[static_cast<size_t>(input)]), nullptr);
    tinyrt::host::AlignedBuffer buffer(meta.bytes());
    const TensorView view(meta.flatbuffer(), buffer.data());
    if (!tinyrt::host::FillGoldenInput(view, seed, static_cast<uint32_t>(input))) {
      Raise(StatusCode::kUnsupported, std::string("the golden generator has no rule for ") + tinyrt::TensorTypeName(meta.type()));
    }
    return py::bytes(reinterpret_cast<const char*>(buffer.data()), buffer.size());
  }

  // --- Allocation --------------------------------------------------------------------------
  void allocate() {
    if (interpreter_ != nullptr) return;  // TFLite allows calling allocate_tensors() again
    size_t size = arena_size_;
    if (size == 0) {  // learn the exact size in a large arena, then use exactly that
      Build(std::max(kProbeArenaBytes, model_bytes_.size() * 32));
      size = interpreter_->arena_used_bytes();
      interpreter_.reset();
    }
    Build(size);
    executed_.clear();
    const auto* ops = graph_->operators();
    for (uint32_t n = 0; ops != nullptr && n < ops->size(); ++n) {
      if (Runs(ops->Get(n))) executed_.push_back(n);
    }
    shadows_.clear();
    for (int t : inputs()) shadows_.emplace_back(interpreter_->tensor(static_cast<size_t>(t)).bytes(), 0);
    preserved_.assign(num_tensors(), std::vector<uint8_t>());
    invoked_ = false;
  }
  bool allocated() const { return interpreter_ != nullptr; }

  // --- Data --------------------------------------------------------------------------------
  void set_input(int tensor, const py::bytes& data) {
    Require();
    const int k = InputPosition(tensor);
    if (k < 0)
      Raise(StatusCode::kInvalidArgument,
            "tensor " + std::to_string(tensor) + " is not an input of the model (inputs: " + Join(inputs()) + ")");
    const std::string bytes = data;
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<uint8_t>& shadow = shadows_[static_cast<size_t>(k)];
    if (bytes.size() != shadow.size())
      Raise(StatusCode::kInvalidArgument, "input tensor " + std::to_string(tensor) + " needs " + std::to_string(shadow.size()) +
                                              " bytes, got " + std::to_string(bytes.size()));
    std::memcpy(shadow.data(), bytes.data(), bytes.size());
  }

  py::bytes get(int tensor) {
    Require();
    if (tensor < 0 || static_cast<size_t>(tensor) >= num_tensors())
      Raise(StatusCode::kInvalidArgument,
            "tensor index " + std::to_string(tensor) + " out of range (the model has " + std::to_string(num_tensors()) + " tensors)");
    std::lock_guard<std::mutex> lock(mutex_);
    const int k = InputPosition(tensor);
    if (k >= 0) return Bytes(shadows_[static_cast<size_t>(k)].data(), shadows_[static_cast<size_t>(k)].size());
    const TensorView view = interpreter_->tensor(static_cast<size_t>(tensor));
    if (preserve_ && invoked_ && !preserved_[static_cast<size_t>(tensor)].empty()) {
      return Bytes(preserved_[static_cast<size_t>(tensor)].data(), preserved_[static_cast<size_t>(tensor)].size());
    }
    if (view.bytes() == 0) return py::bytes();
    if (view.raw() == nullptr)
      Raise(StatusCode::kInvalidArgument,
            "tensor " + std::to_string(tensor) + " ('" + view.name() + "') has no data: no node of the main subgraph uses it");
    const bool constant = view.raw() >= model_bytes_.data() && view.raw() < model_bytes_.data() + model_bytes_.size();
    const std::vector<int> out = outputs();
    const bool output = std::find(out.begin(), out.end(), tensor) != out.end();
    if (!constant && !output && !view.is_variable() && !(preserve_ && !invoked_)) {
      Raise(StatusCode::kInvalidArgument, "tensor " + std::to_string(tensor) + " ('" + view.name() +
                                              "') is an intermediate tensor: the arena plan gives its bytes to other tensors once it is "
                                              "consumed. Create the Interpreter with preserve_all_tensors=True to read it after invoke()");
    }
    return Bytes(view.raw(), view.bytes());
  }

  // TFLite's interpreter.tensor(i)(): a numpy array over the bytes themselves (the input copy
  // that invoke() writes into the arena, or the output in the arena), keeping the Session alive.
  py::array tensor_array(int tensor) {
    Require();
    const TensorView meta(FlatTensor(tensor), nullptr);
    const int k = InputPosition(tensor);
    const std::vector<int> out = outputs();
    uint8_t* data = nullptr;
    if (k >= 0) {
      data = shadows_[static_cast<size_t>(k)].data();
    } else if (std::find(out.begin(), out.end(), tensor) != out.end()) {
      data = interpreter_->tensor(static_cast<size_t>(tensor)).raw();
    }
    if (data == nullptr) {
      Raise(StatusCode::kInvalidArgument,
            "tensor(" + std::to_string(tensor) +
                "): only the model's inputs and outputs have buffers that stay; read other tensors with get_tensor()");
    }
    std::vector<ssize_t> shape;
    for (int i = 0; i < meta.rank(); ++i) shape.push_back(meta.dim(i));
    return py::array(py::dtype(std::string(tinyrt::TensorTypeName(meta.type()))), shape, data,
                     py::cast(this, py::return_value_policy::reference));  // the existing Python object
  }

  void invoke() {
    Require();
    Status status;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mutex_);
      const std::vector<int> in = inputs();
      for (size_t k = 0; k < in.size(); ++k) {
        const TensorView view = interpreter_->tensor(static_cast<size_t>(in[k]));
        if (view.raw() != nullptr) std::memcpy(view.raw(), shadows_[k].data(), shadows_[k].size());
      }
      hook_.Reset();
      hook_.NextInvoke();
      events_ = 0;
      invoke_begin_ = Seconds();
      status = interpreter_->Invoke();
      invoke_end_ = Seconds();
      invoked_ = true;
    }
    if (!status.ok()) Raise(status);
    if (events_ != executed_.size()) {
      Raise(StatusCode::kInternal,
            "the profiler saw " + std::to_string(events_) + " nodes run, expected " + std::to_string(executed_.size()));
    }
  }

  // CLOCK_MONOTONIC seconds (Python's time.monotonic()) when the last Invoke began and ended,
  // taken without the GIL: a thread that ran Python code in between proves the GIL was free.
  std::pair<double, double> last_invoke_window() const { return {invoke_begin_, invoke_end_}; }

  void reset() {
    Require();
    std::lock_guard<std::mutex> lock(mutex_);
    const Status status = interpreter_->Reset();
    if (!status.ok()) Raise(status);
  }

  // Called by the hook after node event `event` of the running Invoke (GIL released).
  void NodeDone(size_t event) {
    events_ = event + 1;
    if (!preserve_ || event >= executed_.size()) return;
    const tflite::Operator* op = graph_->operators()->Get(executed_[event]);
    if (op->outputs() == nullptr) return;
    for (int32_t t : *op->outputs()) {
      if (t < 0 || static_cast<size_t>(t) >= preserved_.size()) continue;
      const TensorView view = interpreter_->tensor(static_cast<size_t>(t));
      if (view.raw() == nullptr) continue;
      preserved_[static_cast<size_t>(t)].assign(view.raw(), view.raw() + view.bytes());
    }
  }

  // --- Introspection -------------------------------------------------------------------------
  size_t arena_used_bytes() const { return Require(), interpreter_->arena_used_bytes(); }
  size_t arena_persistent_bytes() const { return Require(), interpreter_->arena_persistent_bytes(); }
  size_t arena_planned_bytes() const { return Require(), interpreter_->arena_planned_bytes(); }
  size_t arena_size() const { return Require(), arena_.size(); }

  py::list nodes() const {
    Require();
    py::list list;
    const auto* ops = graph_->operators();
    for (size_t n = 0; n < interpreter_->operators_size(); ++n) {
      const tinyrt::NodeInfo info = interpreter_->node(n);
      const tflite::Operator* op = ops->Get(static_cast<uint32_t>(n));
      py::dict d;
      d["index"] = n;
      d["op"] = std::string(info.custom_name != nullptr ? info.custom_name : tinyrt::BuiltinOperatorName(info.builtin_code));
      d["version"] = info.version;
      d["kernel"] = std::string(info.variant);
      d["reference_reason"] = std::string(info.reference_reason);
      d["macs"] = tinyrt::host::NodeMacs(model_, static_cast<uint32_t>(n));
      d["inputs"] = List(op->inputs());
      d["outputs"] = List(op->outputs());
      d["runs"] = std::find(executed_.begin(), executed_.end(), n) != executed_.end();
      list.append(d);
    }
    return list;
  }

  py::list plan() const {
    Require();
    py::list list;
    for (const tinyrt::host::PlanRow& row : tinyrt::host::PlanRows(*interpreter_)) {
      py::dict d;
      d["tensor"] = row.buffer.tensor;
      d["node"] = row.buffer.node;
      d["name"] = row.name;
      d["offset"] = row.buffer.offset;
      d["size"] = row.buffer.size;
      d["first_use"] = row.buffer.first_use;
      d["last_use"] = row.buffer.last_use;
      list.append(d);
    }
    return list;
  }

  // Microseconds per node of the last Invoke: (node index, time), in the order they ran.
  std::vector<std::pair<uint32_t, double>> profile() const {
    Require();
    std::vector<std::pair<uint32_t, double>> times;
    for (size_t e = 0; invoked_ && e < events_ && e < executed_.size() && e < hook_.totals().size(); ++e) {
      times.emplace_back(executed_[e], hook_.totals()[e]);
    }
    return times;
  }

 private:
  void Build(size_t size) {
    arena_.Resize(size);
    interpreter_.reset(new tinyrt::MicroInterpreter(model_, resolver_, arena_.data(), arena_.size(), &hook_));
    interpreter_->UseReferenceKernels(reference_);
    const Status status = interpreter_->AllocateTensors();
    if (!status.ok()) {
      const std::string message = status.message();  // points into the interpreter
      interpreter_.reset();
      Raise(status.code(), message);
    }
  }

  // Whether Invoke runs the node: the interpreter skips a node whose outputs are all empty,
  // unless it has side effects (custom ops, IF, WHILE); the rule of MicroInterpreter::PrepareNodes.
  bool Runs(const tflite::Operator* op) const {
    const int32_t builtin = tinyrt::OperatorBuiltinCode(model_.flatbuffer()->operator_codes()->Get(op->opcode_index()));
    if (builtin == tinyrt::kBuiltinCustom || builtin == tflite::BuiltinOperator_IF || builtin == tflite::BuiltinOperator_WHILE) return true;
    if (op->outputs() == nullptr || op->outputs()->size() == 0) return true;
    for (int32_t t : *op->outputs()) {
      if (t < 0 || interpreter_->tensor(static_cast<size_t>(t)).elements() != 0) return true;
    }
    return false;
  }

  void Require() const {
    if (interpreter_ == nullptr) Raise(StatusCode::kNotReady, "allocate_tensors() has not been called (or failed)");
  }
  const tflite::Tensor* FlatTensor(int index) const {
    if (index < 0 || static_cast<size_t>(index) >= num_tensors())
      Raise(StatusCode::kInvalidArgument,
            "tensor index " + std::to_string(index) + " out of range (the model has " + std::to_string(num_tensors()) + " tensors)");
    return graph_->tensors()->Get(static_cast<uint32_t>(index));
  }
  int InputPosition(int tensor) const {
    const std::vector<int> in = inputs();
    const auto it = std::find(in.begin(), in.end(), tensor);
    return it == in.end() ? -1 : static_cast<int>(it - in.begin());
  }
  template <typename Vector>
  static std::vector<int> List(const Vector* v) {
    return v == nullptr ? std::vector<int>() : std::vector<int>(v->begin(), v->end());
  }
  static std::string Join(const std::vector<int>& v) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s;
  }
  static double Seconds() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
  static py::bytes Bytes(const uint8_t* data, size_t size) { return py::bytes(reinterpret_cast<const char*>(data), size); }

  tinyrt::host::AlignedBuffer model_bytes_;
  tinyrt::Model model_;
  const tflite::SubGraph* graph_ = nullptr;
  tinyrt::AllOpsResolver resolver_;
  size_t arena_size_;
  bool preserve_;
  bool reference_;
  Hook hook_;
  tinyrt::host::AlignedBuffer arena_;
  std::unique_ptr<tinyrt::MicroInterpreter> interpreter_;
  std::vector<uint32_t> executed_;               // main-subgraph nodes Invoke runs, in order
  std::vector<std::vector<uint8_t>> shadows_;    // per input
  std::vector<std::vector<uint8_t>> preserved_;  // per tensor (preserve_all_tensors)
  size_t events_ = 0;                            // top-level nodes the last Invoke ran
  bool invoked_ = false;
  double invoke_begin_ = 0, invoke_end_ = 0;
  std::mutex mutex_;
};

void Hook::NodeDone(size_t event) { session_->NodeDone(event); }

PyObject* NewError(py::module_& m, const char* name, std::initializer_list<PyObject*> bases, const char* doc) {
  py::tuple tuple(bases.size());
  size_t i = 0;
  for (PyObject* b : bases) tuple[i++] = py::reinterpret_borrow<py::object>(b);
  const std::string qualified = std::string("tinyrt.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, tuple.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.attr(name) = py::reinterpret_borrow<py::object>(type);  // the module keeps a reference
  return type;
}

}  // namespace

PYBIND11_MODULE(_tinyrt, m) {
  m.doc() = "tinyrt's runtime, bound for Python (use the tinyrt package, not this module)";
  PyObject* base = NewError(m, "TinyrtError", {PyExc_RuntimeError}, "An error reported by tinyrt (its message names the cause).");
  g_errors[static_cast<int>(StatusCode::kOk)] = base;
  g_errors[static_cast<int>(StatusCode::kInvalidModel)] =
      NewError(m, "InvalidModelError", {base, PyExc_ValueError}, "The bytes are not a valid TFLite model tinyrt can read.");
  PyObject* unsupported = NewError(m, "UnsupportedError", {base}, "An op, op version, tensor type or feature tinyrt cannot run.");
  g_errors[static_cast<int>(StatusCode::kUnsupported)] = unsupported;
  g_errors[static_cast<int>(StatusCode::kMissingOp)] =
      NewError(m, "MissingOpError", {unsupported}, "The model needs an op (or op version) tinyrt has no kernel for.");
  g_errors[static_cast<int>(StatusCode::kArenaTooSmall)] =
      NewError(m, "ArenaTooSmallError", {base}, "The arena cannot hold what the model needs (the message says how much it needs).");
  g_errors[static_cast<int>(StatusCode::kInvalidArgument)] =
      NewError(m, "InvalidArgumentError", {base, PyExc_ValueError}, "A bad index, size or value.");
  g_errors[static_cast<int>(StatusCode::kNotReady)] = base;
  g_errors[static_cast<int>(StatusCode::kResolverFull)] = base;
  g_errors[static_cast<int>(StatusCode::kInternal)] = base;

  py::class_<Session>(m, "Session")
      .def(py::init<const py::bytes&, size_t, bool, bool>(), py::arg("model"), py::arg("arena_size") = 0,
           py::arg("preserve_all_tensors") = false, py::arg("reference_kernels") = false)
      .def("num_tensors", &Session::num_tensors)
      .def("inputs", &Session::inputs)
      .def("outputs", &Session::outputs)
      .def("tensor_info", &Session::tensor_info)
      .def("golden_input", &Session::golden_input)
      .def("allocate", &Session::allocate)
      .def_property_readonly("allocated", &Session::allocated)
      .def("set_input", &Session::set_input)
      .def("get", &Session::get)
      .def("tensor_array", &Session::tensor_array)
      .def("invoke", &Session::invoke)
      .def("reset", &Session::reset)
      .def_property_readonly("last_invoke_window", &Session::last_invoke_window)
      .def("nodes", &Session::nodes)
      .def("plan", &Session::plan)
      .def("profile", &Session::profile)
      .def_property_readonly("arena_used_bytes", &Session::arena_used_bytes)
      .def_property_readonly("arena_persistent_bytes", &Session::arena_persistent_bytes)
      .def_property_readonly("arena_planned_bytes", &Session::arena_planned_bytes)
      .def_property_readonly("arena_size", &Session::arena_size);
  m.def("shared_dir", &tinyrt::host::SharedDir, "../shared beside the source tree (or $TINYRT_SHARED_DIR), '' if absent");
  m.def("bundled_data_dir", &tinyrt::host::BundledDataDir, "the source tree's data/ directory");
  m.def("find_model", &tinyrt::host::FindModel, "path of a model by name, ../shared first, '' if none");
  m.def("find_golden_dir", &tinyrt::host::FindGoldenDir, "golden directory of a model by name, '' if none");
}
