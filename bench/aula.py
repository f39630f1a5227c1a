"""Classroom numbers: run the browser and JupyterHub tests and print their timings and memory.

    .venv/bin/python bench/aula.py

Prints the run time of each test file, the lab's start and run times, the memory of one
student's lab under `make lab` (local AWS + jupyter lab + one kernel) and on JupyterHub
(student's server with their local AWS + one kernel), and the spawn time of two students.
Numbers depend on the machine's load: run it on a quiet machine.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(test, out):
    env = dict(os.environ, LABKIT_SCREENSHOT_DIR=str(out))
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    print(f"{test}: {'ok' if proc.returncode == 0 else 'FALLO'} en {seconds:.1f} s")
    if proc.returncode:
        print(proc.stdout[-3000:])
    return proc.returncode


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        code = run("tests/test_browser.py", out) | run("tests/test_jupyterhub.py", out)
        for path in sorted(out.glob("medidas-*.json")):
            numbers = json.loads(path.read_text(encoding="utf-8"))
            for key in ("memoria_lab",):
                if key in numbers:
                    lab = numbers[key]
                    per_kind = {}
                    for proc in lab["procesos"]:
                        per_kind.setdefault(proc["que"], proc)  # one kernel is one student's lab
                    numbers["un_alumno_make_lab_mib"] = {
                        "rss": round(sum(p["rss_mib"] for p in per_kind.values()), 1),
                        "pss": round(sum(p["pss_mib"] for p in per_kind.values()), 1),
                        "procesos": {k: p["rss_mib"] for k, p in per_kind.items()},
                    }
                    del numbers[key]
            numbers.pop("procesos", None)
            print(f"{path.stem}: {json.dumps(numbers, ensure_ascii=False)}")
    return code


if __name__ == "__main__":
    sys.exit(main())
