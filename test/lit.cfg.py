# lit.cfg.py - configuration of the dlm lit test suites.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "dlm"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".dlm", ".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dlm_obj_root, "test")

llvm_config.use_default_substitutions()
config.substitutions.append(("%dlm_src", config.dlm_src_root))
llvm_config.add_tool_substitutions(["dlmc", "dlm-opt", "dlm-gradcheck", "dlm-difftest", "dlm-runtime-fake-model"], [config.dlm_tools_dir])
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
