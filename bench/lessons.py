"""How long each lesson takes a student, measured on the notebooks (prints numbers; not a test).

    python bench/lessons.py            # reading + exercises + console steps, from the notebooks
    BENCH_EXECUTE=1 python bench/lessons.py   # also runs each notebook and adds its run time

The walk-through model, stated so a teacher can change it: a student reads the prose at 130 words a
minute (technical Spanish, with code to look at), spends 30 seconds on each code cell (read,
run, look at the output), 4 minutes on each exercise (try, check, maybe open the solution) and
30 seconds on each step of a console procedure done in the widget. Appendices ("## Apéndice")
are optional and not counted. The announced "Tiempo estimado" is this total rounded to the nearest
5 minutes (the model, calibrated: the old lesson 03 gives 38 minutes, what a review timed at 35-40).
"""

import os
import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_MINUTE = 130
CODE_CELL_MIN = 0.5
EXERCISE_MIN = 4
CONSOLE_STEP_MIN = 0.5


def main_part(nb):
    """The cells before an optional appendix."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## Apéndice"):
            break
        cells.append(cell)
    return cells


def estimate(nb):
    cells = main_part(nb)
    words = sum(len(re.sub(r"<details>.*?</details>", "", c.source, flags=re.S).split())
                for c in cells if c.cell_type == "markdown")
    code = sum(1 for c in cells if c.cell_type == "code" and "ejercicio" not in c.metadata.get("tags", [])
               and "comprobacion" not in c.metadata.get("tags", []))
    exercises = sum(1 for c in cells if "ejercicio" in c.metadata.get("tags", []))
    console = sum(len(re.findall(r"^\d+\. ", c.source, re.M)) for c in cells
                  if c.cell_type == "markdown" and "## Procedimiento (Web)" in c.source)
    minutes = words / WORDS_PER_MINUTE + code * CODE_CELL_MIN + exercises * EXERCISE_MIN + console * CONSOLE_STEP_MIN
    return {"words": words, "code": code, "exercises": exercises, "console_steps": console, "minutes": minutes}


def announced(nb):
    match = re.search(r"\*\*Tiempo estimado:\*\* (\d+) minutos", nb.cells[0].source)
    return int(match.group(1)) if match else None


def run_seconds(path):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   allow_errors=True).execute()
    return time.perf_counter() - start


def main():
    execute = os.environ.get("BENCH_EXECUTE") == "1"
    print(f"{'lección':32} {'palabras':>8} {'código':>6} {'ejerc.':>6} {'consola':>7} "
          f"{'ejecución s':>11} {'estimado min':>12} {'anunciado':>9}")
    total = 0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        e = estimate(nb)
        seconds = run_seconds(path) if execute else 0.0
        minutes = e["minutes"] + seconds / 60
        total += minutes
        print(f"{path.stem:32} {e['words']:8d} {e['code']:6d} {e['exercises']:6d} {e['console_steps']:7d} "
              f"{seconds:11.1f} {minutes:12.1f} {announced(nb)!s:>9}")
    print(f"{'total':32} {'':8} {'':6} {'':6} {'':7} {'':11} {total:12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
