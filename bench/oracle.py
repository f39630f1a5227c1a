"""How long the oracle over the AWS CLI's documented EC2 examples takes, and its score.

Not a test (tests/test_aws_oracle.py is): prints the examples that differ, the score per group and
the seconds it took against a fresh local AWS. It should stay under a minute on a quiet machine.
"""

import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))

import aws_oracle  # noqa: E402

import labkit  # noqa: E402


def main():
    lab = labkit.start(quiet=True)
    started, cpu = time.perf_counter(), time.process_time()
    results = aws_oracle.run_all(lab)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    aws_oracle.report(results)
    # CPU seconds of this process (the CLI and, in a thread, the local AWS): what a busy machine does
    # not inflate as much as the wall-clock time
    print(f"oracle: {len(results)} documented examples in {seconds:.1f} s ({cpu:.1f} s of CPU); "
          f"load average {os.getloadavg()[0]:.1f}")
    lab.local.stop()


if __name__ == "__main__":
    main()
