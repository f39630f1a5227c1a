"""How long the oracle over the AWS CLI's documented EC2 examples takes, and its score.

Not a test (tests/test_aws_oracle.py is): prints the examples that differ, the score per group and
the seconds it took against a fresh local AWS. It should stay under a minute on a quiet machine.
"""

import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))

import aws_oracle  # noqa: E402

import labkit  # noqa: E402


def main():
    lab = labkit.start(quiet=True)
    started = time.perf_counter()
    results = aws_oracle.run_all(lab)
    seconds = time.perf_counter() - started
    aws_oracle.report(results)
    print(f"oracle: {len(results)} documented examples in {seconds:.1f} s")
    lab.local.stop()


if __name__ == "__main__":
    main()
