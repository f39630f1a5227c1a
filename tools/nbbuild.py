"""Authoring helper: turn a py:percent-like text into a notebook and execute it in place.

    python tools/nbbuild.py SRC.md.py notebooks/NN_tema.ipynb

SRC cells are separated by lines '# %%' (code) and '# %% [markdown]' (markdown);
'# %% tags=["raises-exception"]' adds tags. Not used by tests; notebooks are the source of truth.
"""

import json
import re
import sys

import nbformat
from nbclient import NotebookClient

HEADER = re.compile(r"^# %%(?P<md> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")


def parse(text):
    cells, kind, tags, lines = [], None, [], []

    def flush():
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            body = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in body.splitlines())
            cell = nbformat.v4.new_markdown_cell(body)
        else:
            cell = nbformat.v4.new_code_cell(body)
        if tags:
            cell.metadata["tags"] = tags
        cells.append(cell)

    for line in text.splitlines():
        match = HEADER.match(line)
        if match:
            flush()
            kind = "markdown" if match.group("md") else "code"
            tags = json.loads(match.group("tags")) if match.group("tags") else []
            lines = []
        else:
            lines.append(line)
    flush()
    return cells


def build(src, dst, timeout=120):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = parse(open(src, encoding="utf-8").read())
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": "notebooks"}}).execute()
    nbformat.write(nb, dst)


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
