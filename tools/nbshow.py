"""Print a notebook's code cells and their text outputs (for reviewing a build)."""

import sys

import nbformat

for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    print(f"######## {path}")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        print(f"--- [{i}] {cell.source[:300]}")
        for out in cell.outputs:
            if out.output_type == "stream":
                print(f"  <{out.name}> {out.text[:1500]}")
            elif out.output_type in ("execute_result", "display_data"):
                data = out.get("data", {})
                print(f"  <{out.output_type}> {str(data.get('text/markdown') or data.get('text/plain', ''))[:1500]}")
            elif out.output_type == "error":
                print(f"  <error> {out.ename}: {out.evalue}")
