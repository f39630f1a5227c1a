"""Lessons are jupytext py:percent scripts in ``tools/src``; the notebooks are built from them.

    python tools/nbbuild.py build tools/src/NN_tema.py notebooks/NN_tema.ipynb
    python tools/nbbuild.py fmt        # rewrite every source in jupytext's own canonical form

The source is the one source of truth for a lesson: cell types, text, tags and every other cell
metadata (``# %% tags=["raises-exception"] editable=false``) come from it, read by jupytext; the
notebook adds only the outputs of running it. ``tests/test_lessons.py`` checks both directions.
"""

import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

FORMAT = "py:percent"
SOURCES = Path(__file__).resolve().parent / "src"
NOTEBOOK_METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
    "language_info": {"name": "python"},
}


def read_source(path):
    """The lesson as jupytext reads it: cells with their metadata, no outputs."""
    return jupytext.read(path, fmt=FORMAT)


def canonical(path):
    """The source text as jupytext writes it back: equal to the file when nothing is lost."""
    return jupytext.writes(read_source(path), fmt=FORMAT)


def cells(nb):
    """What a notebook and its source must share: type, text and metadata of every cell."""
    return [(c.cell_type, c.source, dict(c.metadata)) for c in nb.cells]


def build(src, dst, timeout=120):
    nb = read_source(src)
    nb.metadata = nbformat.from_dict(NOTEBOOK_METADATA)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
    # record_timing=False: no execution timestamps stored in the notebook.
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(Path(dst).parent)}})
    client.execute()
    nbformat.write(nb, dst)


def fmt():
    for src in sorted(SOURCES.glob("*.py")):
        text = canonical(src)
        if text != src.read_text(encoding="utf-8"):
            src.write_text(text, encoding="utf-8")
            print(f"reescrito: {src.name}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"build": build, "fmt": fmt}[command](*args)
