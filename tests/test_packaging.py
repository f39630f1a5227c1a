"""What pyproject.toml declares is true: every package the code imports is declared where that code
runs (labkit: dependencies; classroom/: + the classroom extra; tests/, bench/, tools/: + the test
extra), and requires-python admits every package pinned in requirements.lock (each package's own
Requires-Python metadata is the oracle). The wheel itself: tests/test_wheel.py.
"""

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Modules of this repository imported by name (test helpers found on sys.path by pytest).
# The kit itself, and the modules of tests/ (helpers, and tests that bench/ reuses).
LOCAL = {"labkit", "nbbuild"} | {p.stem for p in (ROOT / "tests").glob("*.py")}


def declared(*extras):
    """Canonical names of the dependencies plus the given extras (``labkit[x]`` expanded)."""
    names, todo = set(), [*PROJECT["dependencies"]]
    for extra in extras:
        todo += PROJECT["optional-dependencies"][extra]
    while todo:
        req = Requirement(todo.pop())
        if canonicalize_name(req.name) == "labkit":
            todo += [r for extra in req.extras for r in PROJECT["optional-dependencies"][extra]]
        else:
            names.add(canonicalize_name(req.name))
    return names


def imported_distributions(paths):
    """{distribution: a file importing it} for the third-party top-level imports of ``paths``."""
    by_module = metadata.packages_distributions()
    found = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in LOCAL:
                    continue
                assert top in by_module, f"{path.relative_to(ROOT)} imports {top}, which no installed package provides"
                for dist in by_module[top]:
                    found.setdefault(canonicalize_name(dist), str(path.relative_to(ROOT)))
    return found


def python_files(*folders):
    return [p for folder in folders for p in (ROOT / folder).rglob("*.py") if "node_modules" not in p.parts]


@pytest.mark.parametrize("folders, extras", [
    (("labkit",), ()),
    (("classroom",), ("classroom",)),
    (("tests", "bench"), ("test",)),
])
def test_every_imported_package_is_declared(folders, extras):
    files = python_files(*folders)
    if folders == ("tests", "bench"):
        files.append(ROOT / "tools" / "nbbuild.py")
    missing = {dist: where for dist, where in imported_distributions(files).items() if dist not in declared(*extras)}
    assert missing == {}


def test_requires_python_admits_every_locked_package():
    spec = PROJECT["requires-python"]
    lowest = Version(re.fullmatch(r">=\s*([\d.]+)", spec).group(1))
    assert Version("{0.major}.{0.minor}.{0.micro}".format(sys.version_info)) in SpecifierSet(spec)
    locked = re.findall(r"^([A-Za-z0-9_.\-]+)==", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M)
    assert len(locked) > 100
    refuse = {}
    for name in locked:
        needs = metadata.metadata(name).get("Requires-Python")
        if needs and lowest not in SpecifierSet(needs):
            refuse[name] = needs
    assert refuse == {}, f"requires-python {spec} admits Python {lowest}, which these locked packages refuse"
