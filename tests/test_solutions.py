"""The commented solutions really solve the exercises: each lesson is run with every answer cell
replaced by the code of its collapsed solution, and every check must then say "✅ ¡Correcto!".
(The committed notebooks, checked by nbval, show the other side: with nothing done, no check passes.)"""

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p for p in (ROOT / "notebooks").glob("0[1-8]_*.ipynb"))


def solved(nb):
    """A copy of ``nb`` whose answer cells hold their solution's code."""
    nb = nbformat.from_dict(nb)
    cells = nb.cells
    for i, cell in enumerate(cells):
        if "ejercicio" in cell.metadata.get("tags", []):
            solution = cells[i + 2].source
            cell.source = "\n".join(re.findall(r"```python\n(.*?)```", solution, re.S))
    return nb


def test_solved_copy_replaces_only_answers():
    nb = nbformat.read(LESSONS[0], as_version=4)
    copy = solved(nb)
    changed = [i for i, (a, b) in enumerate(zip(nb.cells, copy.cells)) if a.source != b.source]
    assert changed == [i for i, c in enumerate(nb.cells) if "ejercicio" in c.metadata.get("tags", [])]
    assert all("Escribe tu código" not in copy.cells[i].source for i in changed)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_solution_passes_its_check(path, tmp_path):
    nb = solved(nbformat.read(path, as_version=4))
    env_backup = {k: os.environ.pop(k) for k in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL") if k in os.environ}
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                       allow_errors=True).execute()
    finally:
        os.environ.update(env_backup)
    for cell in nb.cells:
        if "comprobacion" in cell.metadata.get("tags", []):
            shown = "".join(o.get("data", {}).get("text/markdown", "") or o.get("text", "") for o in cell.outputs)
            assert shown.startswith("✅ ¡Correcto!"), f"{path.stem}: {cell.source}\n{shown}"
