"""Skips are visible, and in CI they are failures where everything must run: tests/conftest.py
turns a skipped browser or JupyterHub test into a failure when CI=true (and only there)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPING = "import pytest\n\n\ndef test_needs_something():\n    pytest.skip('falta algo')\n"


@pytest.mark.parametrize("ci, expected", [("true", {"failed": 2, "skipped": 1}), ("", {"skipped": 3})])
def test_ci_turns_a_skipped_browser_or_hub_test_into_a_failure(tmp_path, ci, expected):
    shutil.copy2(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    for name in ("test_browser.py", "test_jupyterhub.py", "test_otra_cosa.py"):
        (tmp_path / name).write_text(SKIPPING, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["CI"] = ci
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfEs", "-p", "no:cacheprovider", "-p", "no:xdist",
                           "-p", "no:nbval", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    summary = proc.stdout.strip().splitlines()[-1]
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (failed|passed|skipped)", summary)}
    assert counts == expected, proc.stdout[-2000:]
    assert "falta algo" in proc.stdout  # the reason is printed either way
    if ci:
        assert "CI=true: this test must run in CI" in proc.stdout and "test_otra_cosa.py" not in \
            "".join(line for line in proc.stdout.splitlines() if line.startswith("FAILED"))
