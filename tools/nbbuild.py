"""Lessons are jupytext py:percent scripts in ``tools/src``; the notebooks are built from them.

    python tools/nbbuild.py build tools/src/NN_tema.py notebooks/NN_tema.ipynb
    python tools/nbbuild.py fmt        # rewrite every source in jupytext's own canonical form

The source is the one source of truth for a lesson: cell types, text, tags and every other cell
metadata (``# %% tags=["raises-exception"] editable=false``) come from it, read by jupytext; the
notebook adds only the outputs of running it. ``tests/test_lessons.py`` checks both directions.
"""

import json
import re
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
    keep_needed_widget_state(nb)
    nbformat.write(nb, dst)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def keep_needed_widget_state(nb):
    """Store the state of a widget only when a reader needs it to see the output.

    A kit widget's output carries a static ``text/html`` rendering beside the widget view (see
    ``labkit.console.static_view``): GitHub, nbconvert and JupyterLab before running (an untrusted
    notebook) show that, so its models are not stored. A widget output without ``text/html`` keeps
    the models it refers to (and only those: nbclient stores every model the kernel ever made).
    """
    stored = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    state = stored.get("state", {})
    todo = [out["data"][WIDGET_VIEW]["model_id"] for cell in nb.cells for out in cell.get("outputs", [])
            if WIDGET_VIEW in out.get("data", {}) and "text/html" not in out["data"]]
    needed = set()
    while todo:
        model_id = todo.pop()
        if model_id in needed or model_id not in state:
            continue
        needed.add(model_id)
        todo.extend(re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[model_id])))
    if needed:
        stored["state"] = {k: v for k, v in state.items() if k in needed}
    else:
        nb.metadata.pop("widgets", None)


def fmt():
    for src in sorted(SOURCES.glob("*.py")):
        text = canonical(src)
        if text != src.read_text(encoding="utf-8"):
            src.write_text(text, encoding="utf-8")
            print(f"reescrito: {src.name}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"build": build, "fmt": fmt}[command](*args)
