#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests `tinyrt export`: every platform's tree for every example, built as its build system would.

For each platform and example (hello_world, micro_speech, person_detection), `tinyrt export`
writes a tree; then:
  - its manifest is parsed and checked against the platform's documented required fields
    (library.properties, library.json, idf_component.yml + CMakeLists.txt + Kconfig,
    zephyr/module.yml + CMakeLists.txt + Kconfig, mbed_lib.json, the .pdsc);
  - make: `make TARGET=cortex-m4f run` and `make TARGET=rv32imc run` (QEMU), the Makefile as
    exported, and `make run` (the host build) for hello_world;
  - the others: the sources and include directories the manifest declares (Arduino: every .cpp
    under src/ with src/ on the include path and the .ino compiled as C++ after <Arduino.h>; the
    ESP-IDF and Zephyr CMake lists; PlatformIO's srcFilter and flags; the .pdsc's files) are
    compiled for Cortex-M4F and linked with the MPS2 AN386 board support (targets/common) into a
    firmware that QEMU runs; ESP-IDF also for RV32IMC (ESP32-C3 class; QEMU's virt machine);
  - every firmware must print "NAME: ok": its model ran on the three golden seeds and gave TFLM's
    outputs byte for byte in an arena of exactly the planned size; a tree with a wrong expected
    output must print FAILED (the check can fail);
  - `make --model kws_ref_model.tflite` (no example): libtinyrt.a with the model and its kernels.
Objects are compiled through ccache in a throwaway directory (the same runtime file with the same
flags compiles once for all platforms), JOBS at a time.

  tests/export/export_test.py --tinyrt build/tinyrt --work build-export [--jobs 2]
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUPPORT = os.path.join(ROOT, "tests", "export", "support")
COMMON = os.path.join(ROOT, "targets", "common")
PLATFORMS = ["make", "arduino", "platformio", "esp-idf", "zephyr", "mbed", "cmsis-pack"]
EXAMPLES = ["hello_world", "micro_speech", "person_detection"]

M4F_CPU = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"]
RV32_CPU = ["-march=rv32imc", "-mabi=ilp32", "--specs=picolibc.specs"]
RV32_CXX_HEADERS = ["-isystem", "/usr/include/newlib/c++/12.2.1", "-isystem",
                    "/usr/include/newlib/c++/12.2.1/arm-none-eabi/thumb/v6-m/nofp"]
# The C++ flags of the exported Makefile (CXXSTD, OPT, -Wall), so that the same file compiles once.
CXX_FLAGS = ["-std=gnu++17", "-fno-exceptions", "-fno-rtti", "-fno-threadsafe-statics", "-ffunction-sections",
             "-fdata-sections", "-fno-use-cxa-atexit", "-Os", "-Wall"]
SEMIHOSTING = ["-display", "none", "-monitor", "none", "-serial", "none", "-chardev", "stdio,id=sh0",
               "-semihosting-config", "enable=on,target=native,chardev=sh0"]
ARCH = {
    "cortex-m4f": {
        "prefix": "arm-none-eabi-", "cpu": M4F_CPU, "cxx_extra": [],
        "board": [os.path.join(COMMON, "cortex_m", "startup.c"), os.path.join(COMMON, "cortex_m", "semihosting.c"),
                  os.path.join(SUPPORT, "retarget_newlib.c")],
        "ldflags": M4F_CPU + ["-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections",
                              "-L" + os.path.join(COMMON, "cortex_m"),
                              "-T" + os.path.join(ROOT, "targets", "boards", "mps2-common", "memory.ld")],
        "link": "g++",
        "qemu": ["qemu-system-arm", "-M", "mps2-an386"] + SEMIHOSTING,
    },
    "rv32imc": {
        "prefix": "riscv64-unknown-elf-", "cpu": RV32_CPU, "cxx_extra": RV32_CXX_HEADERS,
        "board": [os.path.join(COMMON, "riscv", "board_riscv.c")],
        "ldflags": RV32_CPU + ["--oslib=semihost", "--crt0=semihost", "-Wl,--gc-sections",
                               "-Wl,--defsym=__flash=0x80000000,--defsym=__flash_size=4194304",
                               "-Wl,--defsym=__ram=0x80400000,--defsym=__ram_size=409600",
                               "-Wl,--defsym=__stack_size=16384"],
        "link": "gcc",  # no libstdc++ for this toolchain, and nothing needs one
        "qemu": ["qemu-system-riscv32", "-M", "virt", "-bios", "none", "-cpu", "rv32,a=false,f=false,d=false"] + SEMIHOSTING,
    },
}

SEMVER = re.compile(r"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
    return condition


# ---- Manifests: each returns what the build system compiles -------------------------------------
# A build: {"sources": [paths relative to the tree], "includes": [...], "flags": [...], "example_dir": ...,
#           "example_sources": [...], "main": "printf" | "arduino" | "app_main"}

def cmake_call(text, command):
    """The arguments of `command(...)` in a CMake file (no nested parentheses), or None."""
    m = re.search(r"\b" + command + r"\s*\(([^)]*)\)", text)
    return m.group(1).replace('"', "").split() if m else None


def cmake_keyword_list(args, keyword, keywords):
    if keyword not in args:
        return []
    out = []
    for a in args[args.index(keyword) + 1:]:
        if a in keywords:
            break
        out.append(a)
    return out


def kconfig_symbols(path, name):
    text = open(path).read()
    check(text.count("menu ") + text.count('menu "') <= text.count("endmenu") * 2, f"{name}: Kconfig menu/endmenu")
    check(len(re.findall(r"^\s*choice\b", text, re.M)) == text.count("endchoice"), f"{name}: Kconfig choice/endchoice")
    symbols = re.findall(r"^\s*config\s+(\w+)", text, re.M)
    for block in re.split(r"^\s*config\s+\w+", text, flags=re.M)[1:]:
        check(re.search(r"^\s*(bool|int|hex|string|tristate)\b", block, re.M), f"{name}: a Kconfig symbol without type")
    return symbols


def check_arduino(tree, example):
    props = {}
    for line in open(os.path.join(tree, "library.properties")):
        line = line.strip()
        if line and not line.startswith("#"):
            check("=" in line, f"arduino: library.properties line without '=': {line}")
            key, _, value = line.partition("=")
            props[key] = value
    for key in ["name", "version", "author", "maintainer", "sentence", "paragraph", "category", "url", "architectures"]:
        check(props.get(key), f"arduino: library.properties lacks {key}")
    check(re.match(r"^[A-Za-z0-9][A-Za-z0-9 _.\-]{0,62}$", props.get("name", "")), "arduino: name")
    check(SEMVER.match(props.get("version", "")), "arduino: version is not semver")
    check(props.get("category") in ["Display", "Communication", "Signal Input/Output", "Sensors", "Device Control",
                                    "Timing", "Data Storage", "Data Processing", "Other"], "arduino: category")
    for header in props.get("includes", "").split(","):
        check(os.path.isfile(os.path.join(tree, "src", header.strip())), f"arduino: includes {header} missing in src/")
    sketch = os.path.join("examples", example, example + ".ino")
    check(os.path.isfile(os.path.join(tree, sketch)), f"arduino: {sketch} missing")
    check(not os.path.exists(os.path.join(tree, "library.json")), "arduino: stray library.json")
    sources = sorted(os.path.relpath(p, tree) for ext in ("c", "cpp", "S")
                     for p in glob.glob(os.path.join(tree, "src", "**", "*." + ext), recursive=True))
    ex = os.path.join("examples", example)
    return {"sources": sources, "includes": ["src"], "flags": [], "example_dir": ex,
            "example_sources": sorted(os.path.basename(p) for p in glob.glob(os.path.join(tree, ex, "*.cpp"))) + [example + ".ino"],
            "main": "arduino"}


def pio_filter(base, patterns):
    """PlatformIO's srcFilter: +<glob> / -<glob> relative to srcDir, applied in order."""
    selected = set()
    for sign, pattern in re.findall(r"([+-])<([^>]*)>", " ".join(patterns)):
        matches = {os.path.relpath(p, base) for p in glob.glob(os.path.join(base, pattern), recursive=True) if os.path.isfile(p)}
        selected = selected | matches if sign == "+" else selected - matches
    return sorted(s for s in selected if s.endswith((".c", ".cc", ".cpp", ".S")))


def check_platformio(tree, example):
    manifest = json.load(open(os.path.join(tree, "library.json")))
    for key in ["name", "version"]:
        check(key in manifest, f"platformio: library.json lacks {key}")
    check(SEMVER.match(manifest.get("version", "")), "platformio: version is not semver")
    check(isinstance(manifest.get("keywords", []), list), "platformio: keywords")
    check(manifest.get("license") == "Apache-2.0", "platformio: license")
    build = manifest.get("build", {})
    src_dir = build.get("srcDir", "src")
    include_dir = build.get("includeDir", "include")
    check(os.path.isdir(os.path.join(tree, src_dir)), "platformio: srcDir")
    check(os.path.isdir(os.path.join(tree, include_dir)), "platformio: includeDir")
    for pattern in manifest.get("examples", []):
        check(glob.glob(os.path.join(tree, pattern)), f"platformio: examples {pattern} match nothing")
    flags = build.get("flags", [])
    flags = flags.split() if isinstance(flags, str) else flags
    sources = [os.path.join(src_dir, s) for s in pio_filter(os.path.join(tree, src_dir), build.get("srcFilter", ["+<*>"]))]
    ex = os.path.join("examples", example)
    return {"sources": sources, "includes": [include_dir, src_dir], "flags": flags, "example_dir": ex,
            "example_sources": sorted(os.path.basename(p) for p in glob.glob(os.path.join(tree, ex, "*.cpp"))), "main": "printf"}


IDF_KEYWORDS = ["SRCS", "SRC_DIRS", "EXCLUDE_SRCS", "INCLUDE_DIRS", "PRIV_INCLUDE_DIRS", "REQUIRES", "PRIV_REQUIRES",
                "LDFRAGMENTS", "REQUIRED_IDF_TARGETS", "EMBED_FILES", "EMBED_TXTFILES", "KCONFIG", "KCONFIG_PROJBUILD", "WHOLE_ARCHIVE"]


def check_esp_idf(tree, example):
    text = open(os.path.join(tree, "CMakeLists.txt")).read()
    args = cmake_call(text, "idf_component_register")
    if not check(args is not None, "esp-idf: CMakeLists.txt has no idf_component_register"):
        return None
    srcs = cmake_keyword_list(args, "SRCS", IDF_KEYWORDS)
    includes = cmake_keyword_list(args, "INCLUDE_DIRS", IDF_KEYWORDS)
    for f in srcs:
        check(os.path.isfile(os.path.join(tree, f)), f"esp-idf: SRCS {f} missing")
    check(includes and all(os.path.isdir(os.path.join(tree, d)) for d in includes), "esp-idf: INCLUDE_DIRS")
    options = cmake_call(text, "target_compile_options") or []
    manifest = yaml.safe_load(open(os.path.join(tree, "idf_component.yml")))
    check(SEMVER.match(str(manifest.get("version", ""))), "esp-idf: idf_component.yml version")
    check("idf" in manifest.get("dependencies", {}), "esp-idf: idf_component.yml dependencies.idf")
    check("esp32c3" in manifest.get("targets", []), "esp-idf: idf_component.yml targets lacks esp32c3")
    for key in manifest:
        check(key in ["version", "description", "url", "repository", "documentation", "issues", "discussion", "license",
                      "maintainers", "tags", "targets", "dependencies", "files", "examples"], f"esp-idf: unknown key {key}")
    symbols = kconfig_symbols(os.path.join(tree, "Kconfig"), "esp-idf")
    for s in ["TINYRT_ERROR_MESSAGES", "TINYRT_ARENA_INTERNAL", "TINYRT_ARENA_PSRAM"]:
        check(s in symbols, f"esp-idf: Kconfig lacks {s}")
    for s in re.findall(r"CONFIG_(\w+)", text):
        check(s in symbols, f"esp-idf: CMakeLists uses CONFIG_{s}, not in Kconfig")
    ex_main = os.path.join("examples", example, "main")
    main_args = cmake_call(open(os.path.join(tree, ex_main, "CMakeLists.txt")).read(), "idf_component_register") or []
    check("tinyrt" in cmake_keyword_list(main_args, "REQUIRES", IDF_KEYWORDS), "esp-idf: the example's main does not REQUIRE tinyrt")
    check(os.path.isfile(os.path.join(tree, "examples", example, "CMakeLists.txt")), "esp-idf: example project CMakeLists.txt")
    ex_srcs = cmake_keyword_list(main_args, "SRCS", IDF_KEYWORDS)
    return {"sources": srcs, "includes": includes, "flags": [o for o in options if o not in ("PRIVATE", "PUBLIC", "${COMPONENT_LIB}")],
            "example_dir": ex_main, "example_sources": ex_srcs, "main": "app_main"}


def check_zephyr(tree, example):
    module = yaml.safe_load(open(os.path.join(tree, "zephyr", "module.yml")))
    check(module.get("name") == "tinyrt", "zephyr: module.yml name")
    build = module.get("build", {})
    cmake_dir = os.path.join(tree, build.get("cmake", "zephyr"))
    check(os.path.isfile(os.path.join(cmake_dir, "CMakeLists.txt")), "zephyr: build.cmake has no CMakeLists.txt")
    kconfig = os.path.join(tree, build.get("kconfig", "zephyr/Kconfig"))
    if not check(os.path.isfile(kconfig), "zephyr: build.kconfig missing"):
        return None
    symbols = kconfig_symbols(kconfig, "zephyr")
    check("TINYRT" in symbols, "zephyr: Kconfig lacks TINYRT")
    text = open(os.path.join(cmake_dir, "CMakeLists.txt")).read()
    for s in re.findall(r"CONFIG_(\w+)", text):
        check(s in symbols, f"zephyr: CMakeLists uses CONFIG_{s}, not in Kconfig")
    srcs = cmake_call(text, "zephyr_library_sources") or []
    includes = cmake_call(text, "zephyr_include_directories") or []
    for f in srcs:
        check(os.path.isfile(os.path.join(cmake_dir, f)), f"zephyr: source {f} missing")
    sample = os.path.join("samples", example)
    conf = open(os.path.join(tree, sample, "prj.conf")).read()
    check("CONFIG_TINYRT=y" in conf and "CONFIG_CPP=y" in conf, "zephyr: sample prj.conf")
    app = cmake_call(open(os.path.join(tree, sample, "CMakeLists.txt")).read(), "target_sources") or []
    app = [a for a in app if a not in ("app", "PRIVATE")]
    for f in app:
        check(os.path.isfile(os.path.join(tree, sample, f)), f"zephyr: sample source {f} missing")
    rel = os.path.relpath(cmake_dir, tree)
    return {"sources": [os.path.normpath(os.path.join(rel, s)) for s in srcs],
            "includes": [os.path.normpath(os.path.join(rel, i)) for i in includes],
            "flags": cmake_call(text, "zephyr_library_compile_options") or [], "example_dir": os.path.join(sample, "src"),
            "example_sources": [os.path.relpath(a, "src") for a in app], "main": "printf"}


def check_mbed(tree, example):
    manifest = json.load(open(os.path.join(tree, "mbed_lib.json")))
    check(re.match(r"^[a-z0-9_-]+$", manifest.get("name", "")), "mbed: mbed_lib.json name")
    for key in manifest:
        check(key in ["name", "config", "target_overrides", "macros", "requires", "overrides"], f"mbed: unknown key {key}")
    for name, param in manifest.get("config", {}).items():
        check(isinstance(param, dict) and "help" in param and "value" in param, f"mbed: config {name} needs help and value")
        check(re.match(r"^[A-Z_][A-Z0-9_]*$", param.get("macro_name", "MBED_CONF_X")), f"mbed: config {name} macro_name")
    # Mbed CLI compiles every source outside .mbedignore and puts every folder with headers on the
    # include path: none of those may hide a C library header.
    ignored = [l.strip() for l in open(os.path.join(tree, ".mbedignore")) if l.strip()]

    def kept(rel):
        return not any(glob.fnmatch.fnmatch(rel, pattern) for pattern in ignored)
    sources, dirs = [], set()
    for dirpath, _, names in os.walk(tree):
        for n in names:
            rel = os.path.relpath(os.path.join(dirpath, n), tree)
            if not kept(rel):
                continue
            if n.endswith((".c", ".cpp", ".cc")):
                sources.append(rel)
            if n.endswith(".h"):
                dirs.add(os.path.dirname(rel))
                check(n not in ("string.h", "stdint.h", "stddef.h", "math.h", "stdio.h", "stdlib.h", "assert.h", "vector", "memory"),
                      f"mbed: {rel} would hide the C library's {n} on Mbed CLI's include path")
    check("src" in dirs, "mbed: src/ (tinyrt.h) is not an include folder")
    ex = os.path.join("examples", example)
    return {"sources": sorted(sources), "includes": ["src"], "flags": [], "example_dir": ex,
            "example_sources": sorted(os.path.basename(p) for p in glob.glob(os.path.join(tree, ex, "*.cpp"))), "main": "printf"}


def check_cmsis_pack(tree, example):
    pdscs = glob.glob(os.path.join(tree, "*.pdsc"))
    if not check(len(pdscs) == 1, "cmsis-pack: exactly one .pdsc"):
        return None
    root = ET.parse(pdscs[0]).getroot()
    check(root.tag == "package" and root.get("schemaVersion"), "cmsis-pack: <package schemaVersion=...>")
    for tag in ["vendor", "name", "description", "url", "releases"]:
        check(root.find(tag) is not None and (tag == "releases" or root.find(tag).text), f"cmsis-pack: <{tag}> missing")
    check(os.path.basename(pdscs[0]) == f"{root.findtext('vendor')}.{root.findtext('name')}.pdsc", "cmsis-pack: file name Vendor.Name.pdsc")
    releases = root.findall("releases/release")
    check(releases and all(SEMVER.match(r.get("version", "")) for r in releases), "cmsis-pack: release version")
    check(all(re.match(r"^\d{4}-\d{2}-\d{2}$", r.get("date", "")) for r in releases), "cmsis-pack: release date")
    license_file = root.findtext("license")
    check(license_file is None or os.path.isfile(os.path.join(tree, license_file)), "cmsis-pack: <license> file")
    condition_ids = {c.get("id") for c in root.findall("conditions/condition")}
    sources, includes = [], []
    components = root.findall("components/component")
    check(components, "cmsis-pack: no component")
    for c in components:
        for attr in ["Cclass", "Cgroup", "Cversion"]:
            check(c.get(attr), f"cmsis-pack: component lacks {attr}")
        check(c.get("condition") is None or c.get("condition") in condition_ids, "cmsis-pack: component condition")
        check(c.find("description") is not None, "cmsis-pack: component description")
        for f in c.findall("files/file"):
            name, category = f.get("name"), f.get("category")
            check(category in ["doc", "header", "include", "library", "object", "source", "sourceAsm", "sourceC", "sourceCpp",
                               "linkerScript", "utility", "image", "preIncludeGlobal", "preIncludeLocal", "other"],
                  f"cmsis-pack: file category {category}")
            if category == "include":
                check(name.endswith("/") and os.path.isdir(os.path.join(tree, name)), f"cmsis-pack: include {name}")
                includes.append(name.rstrip("/"))
            else:
                check(os.path.isfile(os.path.join(tree, name)), f"cmsis-pack: file {name} missing")
            if category in ("sourceCpp", "sourceC"):
                sources.append(name)
    # Every runtime source of the tree is in the pack.
    on_disk = sorted(os.path.relpath(p, tree) for p in glob.glob(os.path.join(tree, "src", "**", "*.cpp"), recursive=True))
    check(sorted(sources) == on_disk, "cmsis-pack: the .pdsc does not list every source")
    ex = os.path.join("examples", example)
    return {"sources": sources, "includes": includes, "flags": [], "example_dir": ex,
            "example_sources": sorted(os.path.basename(p) for p in glob.glob(os.path.join(tree, ex, "*.cpp"))), "main": "printf"}


def check_make(tree, example):
    for f in ["Makefile", ".vscode/tasks.json", ".vscode/c_cpp_properties.json"]:
        check(os.path.isfile(os.path.join(tree, f)), f"make: {f} missing")
    tasks = json.load(open(os.path.join(tree, ".vscode", "tasks.json")))
    check(tasks.get("version") == "2.0.0" and any(t.get("group", {}) == {"kind": "build", "isDefault": True}
                                                  for t in tasks.get("tasks", [])), "make: .vscode/tasks.json default build task")
    props = json.load(open(os.path.join(tree, ".vscode", "c_cpp_properties.json")))
    check(props.get("version") == 4 and all("includePath" in c and "name" in c for c in props.get("configurations", [])),
          "make: .vscode/c_cpp_properties.json")
    return None


CHECKS = {"make": check_make, "arduino": check_arduino, "platformio": check_platformio, "esp-idf": check_esp_idf,
          "zephyr": check_zephyr, "mbed": check_mbed, "cmsis-pack": check_cmsis_pack}


# ---- Building -------------------------------------------------------------------------------

def run(cmd, cwd=None, timeout=600):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                       text=True, timeout=timeout)
    return p.returncode, p.stdout


def compile_one(job):
    arch, tree, src, obj, flags = job
    a = ARCH[arch]
    os.makedirs(os.path.dirname(obj), exist_ok=True)
    is_c = src.endswith(".c")
    compiler = a["prefix"] + ("gcc" if is_c else "g++")
    if is_c:
        cmd = ["ccache", compiler] + a["cpu"] + ["-ffunction-sections", "-fdata-sections", "-Os", "-Wall",
                                                 "-fno-tree-loop-distribute-patterns"] + flags + ["-c", src, "-o", obj]
    else:
        cmd = ["ccache", compiler] + a["cpu"] + a["cxx_extra"] + flags + ["-MMD", "-MP", "-c", src, "-o", obj]
    rc, out = run(cmd, cwd=tree)
    return rc, " ".join(cmd) + "\n" + out


def firmware_jobs(arch, tree, spec, objdir):
    """Compile jobs and objects of one firmware: the library as the manifest declares, the example,
    the harness's main and the board support."""
    lib_flags = list(CXX_FLAGS)
    for f in spec["flags"]:  # the manifest's flags, unless the base set has them
        if f not in lib_flags:
            lib_flags.append(f)
    lib_flags += ["-I" + i for i in spec["includes"]]
    jobs = []
    for s in spec["sources"]:
        if s.endswith(".c"):
            continue
        jobs.append((arch, tree, s, os.path.join(objdir, "lib", s + ".o"), lib_flags))
    ex_flags = lib_flags + ["-I" + spec["example_dir"]]
    for s in spec["example_sources"]:
        src = os.path.join(spec["example_dir"], s)
        if s.endswith(".ino"):  # Arduino: the sketch is C++ after #include <Arduino.h>
            jobs.append((arch, tree, src, os.path.join(objdir, "app", s + ".o"),
                         ex_flags + ["-I" + SUPPORT, "-I" + COMMON, "-include", "Arduino.h", "-x", "c++"]))
        else:
            jobs.append((arch, tree, src, os.path.join(objdir, "app", s + ".o"), ex_flags))
    harness = {"arduino": "arduino_main.cpp", "app_main": "idf_main.c", "printf": None}[spec["main"]]
    if harness:
        src = os.path.join(SUPPORT, harness)
        jobs.append((arch, tree, src, os.path.join(objdir, "app", harness + ".o"),
                     (["-I" + SUPPORT, "-I" + COMMON] + ([] if src.endswith(".c") else CXX_FLAGS))))
    for b in ARCH[arch]["board"]:
        jobs.append((arch, tree, b, os.path.join(objdir, "board", os.path.basename(b) + ".o"), ["-I" + COMMON]))
    return jobs


def link_and_run(arch, tree, objs, elf, name):
    a = ARCH[arch]
    rc, out = run([a["prefix"] + a["link"]] + objs + a["ldflags"] + ["-o", elf], cwd=tree)
    if not check(rc == 0, f"{name}: link failed"):
        print(out[-3000:])
        return False
    rc, out = run(a["qemu"] + ["-kernel", elf], timeout=300)
    ok = rc == 0 and re.search(r"^\w+: ok$", out, re.M) is not None and "FAILED" not in out
    check(ok, f"{name}: the firmware did not print ok (exit {rc})")
    print(f"  {name}: " + (out.strip().splitlines()[-1] if out.strip() else f"no output (exit {rc})"))
    if not ok:
        print(out[-2000:])
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tinyrt", required=True, help="the tinyrt CLI (host build)")
    parser.add_argument("--work", required=True, help="a scratch folder (emptied)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--platforms", nargs="*", default=PLATFORMS)
    parser.add_argument("--examples", nargs="*", default=EXAMPLES)
    args = parser.parse_args()
    start = time.time()
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    # A throwaway ccache: identical runtime files of different platforms compile once.
    os.environ.update(CCACHE_DIR=os.path.join(work, "ccache"), CCACHE_BASEDIR=work, CCACHE_NOHASHDIR="1",
                      CCACHE_MAXSIZE="2G")
    builds = []  # (arch, tree, spec, name)
    exports = 0
    for platform in args.platforms:
        for example in args.examples:
            tree = os.path.join(work, platform, example)
            rc, out = run([args.tinyrt, "export", "--platform", platform, "--example", example, "-o", tree])
            if not check(rc == 0, f"{platform}/{example}: tinyrt export failed"):
                print(out)
                continue
            exports += 1
            spec = CHECKS[platform](tree, example)
            if spec is not None:
                builds.append(("cortex-m4f", tree, spec, f"{platform}/{example} cortex-m4f"))
                if platform == "esp-idf":  # ESP32-C3 class
                    builds.append(("rv32imc", tree, spec, f"{platform}/{example} rv32imc (esp32c3)"))
    print(f"[{time.time() - start:.0f}s] {exports} exports, manifests checked ({len(failures)} failures)")

    jobs, per_build = [], []
    for arch, tree, spec, name in builds:
        objdir = os.path.join(tree, "_build_" + arch)
        js = firmware_jobs(arch, tree, spec, objdir)
        jobs += js
        per_build.append((arch, tree, [j[3] for j in js], os.path.join(objdir, "firmware.elf"), name))
    # The Makefile exports: make builds and runs them itself (CXX through ccache).
    make_trees = [os.path.join(work, "make", e) for e in args.examples if "make" in args.platforms]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for rc, out in pool.map(compile_one, jobs):
            if not check(rc == 0, "compile failed"):
                print(out[-4000:])
    print(f"[{time.time() - start:.0f}s] {len(jobs)} compiles for {len(builds)} firmware")
    firmware = 0
    for arch, tree, objs, elf, name in per_build:
        firmware += link_and_run(arch, tree, objs, elf, name)
    for tree in make_trees:
        targets = [("cortex-m4f", "arm-none-eabi-"), ("rv32imc", "riscv64-unknown-elf-")]
        if os.path.basename(tree) == "hello_world":
            targets.append(("host", ""))  # the Makefile's host build, once
        for target, prefix in targets:
            name = f"make/{os.path.basename(tree)} {target}"
            rc, out = run(["make", "-j", str(args.jobs), "TARGET=" + target, "CXX=ccache " + prefix + "g++",
                           "CC=ccache " + prefix + "gcc", "run"], cwd=tree, timeout=1200)
            ok = rc == 0 and re.search(r"^\w+: ok$", out, re.M) is not None
            check(ok, f"{name}: make run failed")
            print(f"  {name}: " + (out.strip().splitlines()[-1] if ok else out[-3000:]))
            firmware += ok
    # The check can fail: hello_world's tree with seed 1's expected output swapped for its input
    # (one byte each, different values) must print FAILED and exit non-zero.
    if "make" in args.platforms and "hello_world" in args.examples:
        tree = os.path.join(work, "make", "hello_world")
        golden_h = os.path.join(tree, "examples", "hello_world", "golden.h")
        text = open(golden_h).read()
        if check("{g_seed1_output0, 1u}" in text, "self-test: golden.h has no 1-byte g_seed1_output0"):
            open(golden_h, "w").write(text.replace("{g_seed1_output0, 1u}", "{g_seed1_input0, 1u}"))
            rc, out = run(["make", "-j", str(args.jobs), "TARGET=cortex-m4f", "CXX=ccache arm-none-eabi-g++",
                           "CC=ccache arm-none-eabi-gcc", "run"], cwd=tree, timeout=1200)
            caught = rc != 0 and "seed 1: outputs DIFFER" in out and "hello_world: FAILED" in out
            check(caught, "self-test: a wrong expected output was not reported")
            print("  self-test (make/hello_world, a wrong golden): " + ("reported, exit non-zero" if caught else out[-2000:]))
            open(golden_h, "w").write(text)
    # --model without an example: the library with the model in it (only its kernels) builds for Cortex-M4F.
    if "make" in args.platforms:
        tree = os.path.join(work, "make-model")
        rc, out = run([args.tinyrt, "export", "--platform", "make", "--model",
                       os.path.join(ROOT, "data", "models", "kws_ref_model.tflite"), "-o", tree])
        if check(rc == 0, "make --model: tinyrt export failed"):
            rc, out = run(["make", "-j", str(args.jobs), "TARGET=cortex-m4f", "CXX=ccache arm-none-eabi-g++",
                           "CC=ccache arm-none-eabi-gcc", "AR=arm-none-eabi-ar"], cwd=tree, timeout=1200)
            lib = os.path.join(tree, "build", "cortex-m4f", "libtinyrt.a")
            ok = check(rc == 0 and os.path.isfile(lib), "make --model kws_ref_model: make TARGET=cortex-m4f failed")
            if ok:
                members = run(["arm-none-eabi-ar", "t", lib])[1].split()
                ok = check("model_data.o" in members and "conv_2d.o" in " ".join(members) and "svdf.o" not in members,
                           "make --model kws_ref_model: libtinyrt.a members")
            print("  make --model kws_ref_model cortex-m4f: " + ("libtinyrt.a with the model and its kernels" if ok else out[-3000:]))
    stats = run(["ccache", "--print-stats"])[1]
    hits = re.search(r"^(?:direct_cache_hit|local_storage_hit)\t(\d+)", stats, re.M)
    misses = re.search(r"^(?:cache_miss|local_storage_miss)\t(\d+)", stats, re.M)
    print(f"[{time.time() - start:.0f}s] {firmware} firmware ran; ccache hits {hits.group(1) if hits else '?'}, "
          f"misses {misses.group(1) if misses else '?'}")
    if failures:
        print(f"{len(failures)} FAILURES:")
        for f in failures:
            print("  " + f)
        return 1
    print(f"export: all passed ({exports} exports, {firmware} programs ran: {len(builds) + 2 * len(make_trees)} firmware under QEMU, "
          f"{firmware - len(builds) - 2 * len(make_trees)} on the host)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
