"""Student copies: solutions stripped, exercise outputs cleared, still valid."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from labkit import student

ROOT = Path(__file__).resolve().parent.parent


def test_code_solution_is_replaced_by_a_placeholder():
    src = "x = 1\n### BEGIN SOLUTION\nsnap = crear()\n### END SOLUTION\nlabkit.checks.algo(lab)\n"
    out = student.strip_source(src, "code")
    assert out == "x = 1\n# Escribe tu código aquí\nlabkit.checks.algo(lab)\n"


def test_indented_solution_keeps_indentation():
    src = "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n"
    assert student.strip_source(src, "code") == "def f():\n    # Escribe tu código aquí\n"


def test_markdown_solution_is_removed():
    src = "Ejercicio 1\n<!-- BEGIN SOLUTION -->\n<details>respuesta</details>\n<!-- END SOLUTION -->\nFin"
    assert student.strip_source(src, "markdown") == "Ejercicio 1\nFin"


def test_exercise_cells_lose_outputs_and_are_not_compared():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("### BEGIN SOLUTION\n1\n### END SOLUTION\n")
    cell.metadata["tags"] = ["ejercicio"]
    cell.outputs = [nbformat.v4.new_output("stream", text="1")]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("<!-- BEGIN SOLUTION -->x<!-- END SOLUTION -->")]
    out = student.student_notebook(nb)
    assert len(out.cells) == 1  # the markdown cell held only a solution
    assert out.cells[0].outputs == [] and "nbval-ignore-output" in out.cells[0].metadata["tags"]
    assert nb.cells[0].outputs  # original untouched


@pytest.mark.timeout(1500)  # nbval over every student copy, one after another, in a child pytest
def test_student_copies_hold_no_solution_and_pass_nbval(tmp_path):
    written = student.make_copies(ROOT / "notebooks", tmp_path)
    assert written
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    env = {k: v for k, v in os.environ.items() if k not in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL")}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
         "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=1400,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_check_cells_stay_protected_and_solutions_go(tmp_path):
    """Checks sit in their own cell, protected as nbgrader protects test cells: the student copy
    keeps each one after its answer cell, not editable, not deletable, tagged; the collapsed
    solutions are gone."""
    written = student.make_copies(ROOT / "notebooks", tmp_path)
    for path in written:
        if path.name.startswith("00"):
            continue
        cells = nbformat.read(path, as_version=4).cells
        checks = [i for i, c in enumerate(cells) if "comprobacion" in c.metadata.get("tags", [])]
        answers = [i for i, c in enumerate(cells) if "ejercicio" in c.metadata.get("tags", [])]
        assert checks and [i + 1 for i in answers] == checks, path.name
        for i in checks:
            meta = cells[i].metadata
            assert meta.get("editable") is False and meta.get("deletable") is False, path.name
            assert "labkit.checks." in cells[i].source and "Escribe tu código" not in cells[i].source
        assert not any("Ver la solución" in c.source for c in cells), path.name
