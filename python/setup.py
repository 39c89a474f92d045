# SPDX-License-Identifier: Apache-2.0
# Builds the tinyrt package: CMake builds the extension module tinyrt._tinyrt from the project's
# own sources (the runtime in ../src, the host helpers in ../tools) and pybind11; setuptools
# installs it with the Python files. No network: with Debian's python3-setuptools,
# python3-pybind11 and python3-numpy,
#     /usr/bin/python3 -m pip install --no-build-isolation ./python
# (or into a venv made with --system-site-packages). Extra CMake arguments: TINYRT_CMAKE_ARGS;
# TINYRT_CMAKE_BUILD_DIR packages the module of an existing build instead.
import os
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        # TINYRT_CMAKE_BUILD_DIR: an existing configured build of this source tree (the project's
        # own, with the Python module on) whose _tinyrt target is brought up to date and packaged,
        # instead of configuring and compiling the runtime once more (scripts/test.sh uses it).
        build_dir = os.environ.get("TINYRT_CMAKE_BUILD_DIR")
        if build_dir:
            build_dir = os.path.abspath(build_dir)
        else:
            build_dir = os.path.abspath(os.path.join(self.build_temp, "cmake"))
            os.makedirs(build_dir, exist_ok=True)
            args = ["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release", "-DTINYRT_BUILD_TESTS=OFF",
                    "-DTINYRT_BUILD_BENCH=OFF", "-DTINYRT_BUILD_PYTHON=ON", f"-DPython3_EXECUTABLE={sys.executable}"]
            if shutil.which("ccache"):
                args += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DCMAKE_C_COMPILER_LAUNCHER=ccache"]
            args += shlex.split(os.environ.get("TINYRT_CMAKE_ARGS", ""))
            subprocess.check_call(args)
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "_tinyrt", "-j", str(os.cpu_count() or 2)])
        package_dir = os.path.join(build_dir, "python", "tinyrt")
        built = [f for f in os.listdir(package_dir) if f.startswith("_tinyrt") and f.endswith(".so")]
        if len(built) != 1:
            raise RuntimeError(f"expected one _tinyrt module in {package_dir}, found {built}")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(package_dir, built[0]), target)


setup(
    name="tinyrt",
    version="0.1.0",
    description="Run TFLite models in Python with tinyrt, the microcontroller runtime (bit-exact with TFLM)",
    license="Apache-2.0",
    packages=["tinyrt"],
    ext_modules=[Extension("tinyrt._tinyrt", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    install_requires=["numpy"],
    python_requires=">=3.9",
    zip_safe=False,
)
