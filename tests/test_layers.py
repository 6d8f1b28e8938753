"""The core of the app must not depend on Textual, so it can be tested and reused alone."""

import subprocess
import sys

CORE_PACKAGES = ["model", "core", "store", "export"]


def test_model_core_store_and_export_do_not_import_textual():
    script = (
        "import sys, pkgutil, importlib\n"
        "import workshop_tui\n"
        f"for package in {CORE_PACKAGES!r}:\n"
        "    top = importlib.import_module('workshop_tui.' + package)\n"
        "    for module in pkgutil.walk_packages(top.__path__, top.__name__ + '.'):\n"
        "        importlib.import_module(module.name)\n"
        "leaks = sorted(name for name in sys.modules if name == 'textual' or name.startswith('textual.'))\n"
        "print(leaks)\n"
        "count = sum(1 for name in sys.modules if name.startswith('workshop_tui.'))\n"
        "print(count)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    leaks, count = result.stdout.splitlines()
    assert leaks == "[]"
    # Guard against the test passing because nothing was imported at all.
    assert int(count) >= 10


def test_the_ui_does_import_textual():
    # The same check on the UI proves the subprocess method can see an import of Textual.
    script = "import sys, workshop_tui.ui.app; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
