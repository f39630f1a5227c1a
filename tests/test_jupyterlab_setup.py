"""The students' JupyterLab, as `make install` leaves it, asked through Jupyter's own commands."""

import re
import subprocess
import sys

import pytest


def _jupyter(*args):
    out = subprocess.run([sys.executable, "-m", "jupyter", *args], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)


@pytest.mark.parametrize("args, name", [
    (("labextension", "list"), "jupyterlab-jupytext"),
    (("server", "extension", "list"), "jupyterlab_jupytext"),
])
def test_jupytext_is_for_maintainers_only(args, name):
    """jupytext builds the lessons; its English menus and launcher items stay out of the class."""
    lines = [line for line in _jupyter(*args).splitlines() if name in line and ("enabled" in line or "disabled" in line)]
    assert lines and all("disabled" in line for line in lines), lines
