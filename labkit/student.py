"""Student copies of the lessons: solutions stripped (nbgrader-style markers), exercise outputs
cleared. ``python -m labkit student [carpeta]`` (default: ``student/``).

Markers, as in nbgrader: in code cells the lines between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` become ``# Escribe tu código aquí``; in markdown cells the text between
``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` (the lessons' collapsed solutions) is
removed. Cells tagged ``ejercicio`` lose their outputs and are tagged ``nbval-ignore-output``
(their answer is the student's), so the student copy still passes nbval. Check cells (tag
``comprobacion``, metadata ``editable: false`` and ``deletable: false``, as nbgrader locks its test
cells) are kept exactly as they are.
"""

import re
from pathlib import Path

import nbformat

CODE_BLOCK = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION[ \t]*\n?", re.S | re.M)
MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->\n?", re.S)
PLACEHOLDER = "# Escribe tu código aquí\n"
EXERCISE_TAG = "ejercicio"


def strip_source(source, cell_type):
    """The source without its solutions."""
    if cell_type == "code":
        return CODE_BLOCK.sub(lambda m: m.group(1) + PLACEHOLDER, source)
    return MD_BLOCK.sub("", source)


def student_notebook(nb):
    """A stripped copy of ``nb`` (the original is not changed)."""
    copy = nbformat.from_dict(nb)
    cells = []
    for cell in copy.cells:
        cell.source = strip_source(cell.source, cell.cell_type)
        if cell.cell_type == "markdown" and not cell.source.strip():
            continue
        tags = cell.metadata.setdefault("tags", [])
        if cell.cell_type == "code" and EXERCISE_TAG in tags:
            cell.outputs = []
            cell.execution_count = None
            if "nbval-ignore-output" not in tags:
                tags.append("nbval-ignore-output")
        if not tags:
            del cell.metadata["tags"]
        cells.append(cell)
    copy.cells = cells
    return copy


def make_copies(src="notebooks", dst="student"):
    """Write a student copy of every notebook in ``src`` to ``dst``; return their paths."""
    src, dst = Path(src), Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(src.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        out = dst / path.name
        nbformat.write(student_notebook(nb), out)
        written.append(out)
    return written


def main(argv):
    dst = argv[0] if argv else "student"
    written = make_copies("notebooks", dst)
    print(f"{len(written)} notebooks para estudiantes en {dst}/ (sin soluciones).")
    return 0
