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


@pytest.mark.parametrize("name", ["jupyter_lsp", "notebook_shim"])
def test_server_extensions_a_student_does_not_use_are_off(name):
    """Language servers (none installed; JupyterLab's LSP is off by default) and the classic
    notebook's compatibility layer cost every server's start CPU (a whole class starts at once:
    docs/aula.md) and give a student nothing."""
    lines = [line for line in _jupyter("server", "extension", "list").splitlines()
             if re.fullmatch(rf"\s*{name} (enabled|disabled)", line)]
    assert lines and all("disabled" in line for line in lines), lines


@pytest.mark.parametrize("name", ["jupyterlab", "jupyter_server_terminals"])
def test_what_a_student_uses_stays_on(name):
    """JupyterLab itself and its terminals (the course's `aws ...` commands)."""
    lines = [line for line in _jupyter("server", "extension", "list").splitlines()
             if re.fullmatch(rf"\s*{name} (enabled|disabled)", line)]
    assert lines and all("enabled" in line for line in lines), lines
