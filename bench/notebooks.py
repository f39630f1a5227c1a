"""How long the lessons take to run top to bottom (kernel start included), each with its own
fresh local AWS, as nbval runs them: one after another, and two at a time on the 2 cores (as
`make test` does with pytest -n 2). Not a test: prints seconds.

Run: .venv/bin/python bench/notebooks.py
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run(path):
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - started


def main():
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL"):
        os.environ.pop(key, None)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print("notebook                               seconds")
    total = 0.0
    for path in NOTEBOOKS:
        took = run(path)
        total += took
        print(f"{path.stem:38s} {took:6.1f}")
    print(f"{'all, one after another':38s} {total:6.1f}  (target < 60 s)")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, NOTEBOOKS))
    print(f"{'all, two at a time (as make test)':38s} {time.perf_counter() - started:6.1f}")


if __name__ == "__main__":
    main()
