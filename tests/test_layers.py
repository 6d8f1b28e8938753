"""The core of the app must not depend on Textual, so it can be tested and reused alone."""

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from grimp import ImportGraph

CORE_PACKAGES = ["model", "core", "store", "export"]


def test_model_core_store_and_export_do_not_import_textual() -> None:
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


def test_the_ui_does_import_textual() -> None:
    # The same check on the UI proves the subprocess method can see an import of Textual.
    script = "import sys, workshop_tui.ui.app; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"


# What only the session's owner (store/open_session.py) may do with a session file.
FILE_WORK = {
    "modules": {"fcntl", "workshop_tui.store.atomic", "workshop_tui.store.journal", "workshop_tui.store.session_lock"},
    "names": {
        "save_session",
        "save_new_session",
        "write_atomically",
        "create_new",
        "open_own_file",
        "SessionLock",
        "Journal",
    },
    "calls": {"open", "write_text", "write_bytes", "read_text", "read_bytes", "flock", "lockf"},
    "os_calls": {"open", "replace", "rename", "unlink", "write", "truncate", "ftruncate"},
}


def _file_work_in(path: Path) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name in FILE_WORK["modules"]]
        elif isinstance(node, ast.ImportFrom):
            if node.module in FILE_WORK["modules"]:
                found.append(node.module)
            found += [alias.name for alias in node.names if alias.name in FILE_WORK["names"]]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            on_os = isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "os"
            if name in FILE_WORK["calls"] or (on_os and name in FILE_WORK["os_calls"]):
                found.append(f"{name}() on line {node.lineno}")
    return found


def test_no_screen_opens_locks_or_writes_a_session_file() -> None:
    from pathlib import Path

    ui = Path(__file__).resolve().parent.parent / "workshop_tui" / "ui"
    offences = {str(p.relative_to(ui)): _file_work_in(p) for p in sorted(ui.rglob("*.py"))}
    assert {name: found for name, found in offences.items() if found} == {}


def test_the_file_work_check_sees_file_work_where_there_is_some() -> None:
    # The same check on the owner proves it can see opening, locking and writing.
    from pathlib import Path

    store = Path(__file__).resolve().parent.parent / "workshop_tui" / "store"
    assert "workshop_tui.store.session_lock" in _file_work_in(store / "open_session.py")
    assert "fcntl" in _file_work_in(store / "session_lock.py")
    assert "open_own_file" in _file_work_in(store / "journal.py")  # opens the file, never through a link
    assert any(found.startswith("open()") for found in _file_work_in(store / "atomic.py"))


# No import circles. The layers' own contracts (lower layers never import higher ones) are in
# pyproject.toml, checked by `lint-imports` in .ci/run; this finds circles between modules anywhere,
# counting imports inside functions and under TYPE_CHECKING, which hide a circle rather than break it.


def import_circles(graph: "ImportGraph") -> list[set[str]]:
    """Each group of modules that import one another, directly or through others: a module's circle is
    the modules it imports, at any depth, that also import it."""
    circles: list[set[str]] = []
    for module in sorted(graph.modules):
        if any(module in circle for circle in circles):
            continue
        circle = graph.find_upstream_modules(module) & graph.find_downstream_modules(module)
        if circle:
            circles.append(circle | {module})
    return circles


def _said(graph: "ImportGraph", circle: set[str]) -> str:
    """A circle as the imports that make it, each with its line, so the message says where to look."""
    lines = []
    for importer in sorted(circle):
        for imported in sorted(circle & graph.find_modules_directly_imported_by(importer)):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(f"{importer} line {detail['line_number']}: {detail['line_contents']}")
    return "\n".join(lines)


def test_no_module_imports_one_that_imports_it_back() -> None:
    grimp = pytest.importorskip("grimp", reason="grimp comes with the test extra: pip install -e '.[test]'")
    graph = grimp.build_graph("workshop_tui", cache_dir=None)
    circles = import_circles(graph)
    said = [_said(graph, circle) for circle in circles]
    assert said == [], "Import circles:\n\n" + "\n\n".join(said)


def test_the_circle_check_sees_a_circle_closed_inside_a_function(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same check on a small package proves it sees a circle, even one closed by an import in a function.
    grimp = pytest.importorskip("grimp", reason="grimp comes with the test extra: pip install -e '.[test]'")
    package = tmp_path / "circle_example"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "owner.py").write_text("from circle_example import server\n")
    (package / "server.py").write_text("def command():\n    from circle_example.owner import Owner\n")
    (package / "alone.py").write_text("from circle_example import owner\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circle_example", cache_dir=None)
    assert import_circles(graph) == [{"circle_example.owner", "circle_example.server"}]
    assert "circle_example.server line 2:" in _said(graph, import_circles(graph)[0])
