"""Debian's jupyter_kernel_test (0.4.5) against the project kernel: run by tests/kernel/conformance.test.ts.

The kernelspec "ml-interview-notebooks" must be on JUPYTER_PATH (the vitest test writes it into a temp folder).
Run by hand: JUPYTER_PATH=DIR/share/jupyter /usr/bin/python3 -m unittest -v tests/kernel/test_kernel.py
"""
import unittest

import jupyter_kernel_test


class ProjectKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "ml-interview-notebooks"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("some error")'

    # Member completion on a global; the exact list is TypeScript's, so only a few names are pinned.
    completion_samples = [
        {"text": "Math.fl", "matches": {"floor"}},
        {"text": "const abcdefg = 1; abcde", "matches": {"abcdefg"}},
    ]

    complete_code_samples = ["1", "console.log('x')", "function f() { return 1 }", "const s = 'a';"]
    incomplete_code_samples = ["function f() {", "const x = [1, 2,", "if (true) {"]
    invalid_code_samples = ["const = 1;", "1 +* 2;"]

    code_inspect_sample = "Math.max"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": "'typescript'.toUpperCase()", "result": "'TYPESCRIPT'"},
    ]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": "import * as tslab from 'tslab'; tslab.display.html('<b>hi</b>')", "mime": "text/html"},
        {"code": "import * as tslab from 'tslab'; tslab.display.markdown('*hi*')", "mime": "text/markdown"},
    ]

    code_generate_error = "throw new RangeError('expected k <= 150 samples, got k = 200')"


if __name__ == "__main__":
    unittest.main()
