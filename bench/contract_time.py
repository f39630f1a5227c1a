"""How long the contract suite takes, with labkit's fixes and against plain moto, and what the
fixes cost per request. Prints numbers; not a test. Run from the repository root:

    PYTHONPATH=$PWD .venv/bin/python bench/contract_time.py
"""

import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def suite(plain, extra=()):
    env = dict(os.environ, PYTHONPATH=ROOT)
    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE"):
        env.pop(key, None)
    if plain:
        env["LABKIT_PLAIN_MOTO"] = "1"
    else:
        env.pop("LABKIT_PLAIN_MOTO", None)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra,
                           "tests/contract", "-k", "contract"], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    summary = [line for line in proc.stdout.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    return wall, summary[-1] if summary else proc.stdout[-300:]


def per_request(calls=200):
    """Median milliseconds of DescribeSnapshots + DescribeVolumes through the local AWS (this process)."""
    sys.path.insert(0, ROOT)
    import labkit
    from labkit import scenario

    for key in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL"):
        os.environ.pop(key, None)
    lab = labkit.start(quiet=True)
    scenario.ensure(lab)
    timings = []
    for _ in range(calls):
        t = time.perf_counter()
        lab.ec2.describe_snapshots(OwnerIds=["self"])
        lab.ec2.describe_volumes()
        timings.append((time.perf_counter() - t) * 1000 / 2)
    timings.sort()
    return timings[len(timings) // 2]


if __name__ == "__main__":
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for label, plain, extra in (
        ("fixes      ", False, ()),
        ("fixes, no nbval/hypothesis plugins", False, ("-p", "no:nbval", "-p", "no:hypothesispytest")),
        ("plain moto ", True, ()),
    ):
        wall, summary = suite(plain, extra)
        print(f"contract suite, {label}: {wall:5.1f} s wall  ({summary.strip()})")
    print(f"one EC2 request through the local AWS (median of 200 pairs): {per_request():.1f} ms")
