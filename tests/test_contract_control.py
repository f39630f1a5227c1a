"""The negative control of the contract suite: against plain moto (LABKIT_PLAIN_MOTO=1, none of the
kit's fixes) every contract test must fail. One that passes there checks nothing the kit fixes.

Runs tests/contract in a child pytest (its own local AWS, serving plain moto) and reads its JUnit report.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "tests" / "contract"


def outcome(case):
    for kind in ("failure", "error", "skipped"):
        if case.find(kind) is not None:
            return kind
    return "passed"


@pytest.mark.timeout(1200)
def test_every_contract_test_fails_on_plain_moto(tmp_path):
    report = tmp_path / "plain-moto.xml"
    env = {k: v for k, v in os.environ.items()
           if k not in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE") and not k.startswith("PYTEST_")}
    env.update(LABKIT_PLAIN_MOTO="1", PATH=os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", ""))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-o", "timeout=120",
         f"--junitxml={report}", str(CONTRACT), "-k", "test_contract_"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1100)
    assert report.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    cases = {f"{c.get('classname')}::{c.get('name')}": outcome(c) for c in ET.parse(report).getroot().iter("testcase")}
    assert cases and all(name.split("::")[1].startswith("test_contract_") for name in cases)
    assert {name: result for name, result in cases.items() if result != "failure"} == {}
    # every row's file took part: one gap file with no test collected would pass unnoticed
    assert {name.split("::")[0].rsplit(".", 1)[-1] for name in cases} == \
        {path.stem for path in CONTRACT.glob("test_gap*.py")}
