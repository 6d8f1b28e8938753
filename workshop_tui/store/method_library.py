"""The method library shipped with the app: well-known facilitation methods, ready to insert as steps."""

from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from pydantic import ValidationError

from workshop_tui.model.method import LibraryMethod
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import read_toml


def library_path() -> Path:
    with as_file(files("workshop_tui") / "methods" / "library.toml") as real:
        return Path(real)


@cache
def methods() -> tuple[LibraryMethod, ...]:
    """Every method in the library, in the order it lists them; FileProblem if it is damaged."""
    path = library_path()
    data = read_toml(path, "method library")
    found = []
    for number, entry in enumerate(data.get("methods", []), start=1):
        try:
            found.append(LibraryMethod.model_validate(entry))
        except ValidationError as error:
            first = error.errors()[0]
            where = f"methods[{number}]." + ".".join(str(part) for part in first["loc"])
            raise FileProblem(path, where, first["msg"].lower(), "Fix the library file.") from None
    return tuple(found)


def find_method(name: str) -> LibraryMethod:
    for method in methods():
        if method.name == name:
            return method
    known = ", ".join(m.name for m in methods())
    raise KeyError(f"there is no method called '{name}'; the library has: {known}")
