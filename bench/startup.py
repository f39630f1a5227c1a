"""Startup benchmark: `import labkit` to a ready course scenario, and one CLI call.

Run: .venv/bin/python bench/startup.py   (each measurement in a fresh process)
Target on the 2-core machine: under 1.5 s to a ready scenario.
"""

import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import time
t0 = time.perf_counter()
import labkit
t1 = time.perf_counter()
lab = labkit.start(quiet=True)
t2 = time.perf_counter()
labkit.scenario.ensure(lab)
t3 = time.perf_counter()
import json, subprocess
c0 = time.perf_counter()
subprocess.run(["aws", "ec2", "describe-volumes"], env=lab.cli_env(), capture_output=True, check=True)
c1 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "start": t2 - t1, "scenario": t3 - t2, "total": t3 - t0, "cli": c1 - c0}))
"""


def main(runs=None):
    runs = int(os.environ.get("BENCH_RUNS", 9)) if runs is None else runs
    env = {k: v for k, v in os.environ.items() if k not in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL")}
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"startup over {runs} fresh processes (median, seconds):")
    for key in ("import", "start", "scenario", "total", "cli"):
        values = [r[key] for r in results]
        print(f"  {key:9s} {statistics.median(values):6.3f}  (min {min(values):.3f}, max {max(values):.3f})")
    total = statistics.median(r["total"] for r in results)
    print(f"import labkit -> scenario ready: {total:.2f} s (target < 1.5 s): {'OK' if total < 1.5 else 'OVER'}")


if __name__ == "__main__":
    main()
