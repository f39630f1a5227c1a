"""How long each lesson takes to run top to bottom (kernel start included), one after another,
each with its own fresh local AWS, as nbval runs them. Not a test: prints seconds.

Run: .venv/bin/python bench/notebooks.py
"""

import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def main():
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL"):
        os.environ.pop(key, None)
    total = 0.0
    print("notebook                               seconds")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        took = time.perf_counter() - started
        total += took
        print(f"{path.stem:38s} {took:6.1f}")
    print(f"{'all notebooks':38s} {total:6.1f}  (target < 60 s)")


if __name__ == "__main__":
    main()
