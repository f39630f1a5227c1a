"""The code's own claims about itself: no import cycles among labkit's modules (imports inside
functions count too), and every "Used by NN_lesson" in a function's docstring is true."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "labkit"
SOURCES = ROOT / "tools" / "src"


def _modules():
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def import_graph():
    """module -> the labkit modules it imports, anywhere in its body."""
    modules = _modules()
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([node.module] if node.module else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph):
    """Groups of modules that import each other, directly or around a loop (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles_in_labkit():
    graph = import_graph()
    assert "labkit.local_aws.fixes.state" in graph["labkit.local_aws.fixes.snapshots"]  # the graph is real
    assert cycles(graph) == []


def _used_by_claims():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                doc = ast.get_docstring(node) or ""
                used_by = re.search(r"Used by (.*?)(?:\.\s|\.$|$)", " ".join(doc.split()))
                for lesson in re.findall(r"\b(\d{2}_[a-z0-9_]+)", used_by.group(1) if used_by else ""):
                    yield path.relative_to(ROOT), node.name, lesson


def test_used_by_claims_in_docstrings_are_true():
    """A docstring that says a lesson uses a function names a lesson whose source calls it."""
    claims = list(_used_by_claims())
    assert claims, "no 'Used by NN_lesson' claim was found: the test reads nothing"
    wrong = [(str(path), name, lesson) for path, name, lesson in claims
             if not re.search(rf"\b{re.escape(name)}\b", (SOURCES / f"{lesson}.py").read_text(encoding="utf-8"))]
    assert wrong == []
