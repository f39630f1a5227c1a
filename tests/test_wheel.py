"""The package installs like one (marker `wheel`): a wheel built from the repository, installed
without `-e` into a fresh venv (uv, pinned by requirements.lock), imports from that venv, starts the
lab's local AWS and runs lesson 00 with `jupyter nbconvert --execute` from that venv; its outputs
match the committed ones (after the nbval sanitizers). About a minute: build, install from uv's
cache, one lesson. Skip it while developing with `-m "not wheel"`.
"""

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSON = "00_bienvenida.ipynb"
UV = Path(sys.executable).parent / "uv"

pytestmark = [pytest.mark.wheel, pytest.mark.timeout(1200)]


def run(args, **kwargs):
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def sanitize(text):
    """The nbval sanitizers of tests/nbval_sanitize.cfg (ids, times, ports), in their order."""
    config = configparser.ConfigParser()
    config.read(ROOT / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    for section in config.sections():
        replace = config[section]["replace"].strip('"')
        text = re.sub(config[section]["regex"], replace, text)
    return text


def text_outputs(nb):
    """Per code cell: its stream and text/plain outputs joined (streams may arrive split)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            parts = [o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
                     for o in cell.outputs if o.output_type != "error"]
            cells.append(sanitize("".join(parts)))
    return cells


def test_built_wheel_installs_in_a_fresh_venv_and_runs_a_lesson(tmp_path):
    if not UV.exists():
        pytest.skip(f"uv is not installed in {UV.parent} (make install installs it)")
    source = tmp_path / "fuente"  # a copy: building writes build/ and *.egg-info next to pyproject.toml
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "labkit", source / "labkit", ignore=shutil.ignore_patterns("__pycache__"))
    run([UV, "build", "-q", "--wheel", "--out-dir", tmp_path / "dist", source])
    (wheel,) = (tmp_path / "dist").glob("labkit-*.whl")

    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    run([UV, "venv", "-q", venv, "--python", sys.executable])
    run([UV, "pip", "install", "-q", "--python", python, "-c", ROOT / "requirements.lock", wheel])

    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "LABKIT_ENDPOINT", "AWS_ENDPOINT_URL", "LABKIT_MODE")}
    env["PATH"] = os.pathsep.join([str(venv / "bin"), "/usr/bin", "/bin"])
    where, images = run([python, "-c", "import labkit, labkit.local_aws.catalogue as c; print(labkit.__file__); "
                         "print(len(c.load()))"], cwd=tmp_path, env=env).stdout.split()
    assert where.startswith(str(venv / "lib")), where  # the installed package, not the repository
    assert int(images) > 0  # the AMI catalogue (catalogue.json) came with the wheel

    work = tmp_path / "leccion"
    work.mkdir()
    shutil.copy2(ROOT / "notebooks" / LESSON, work / LESSON)
    run([venv / "bin" / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", "ejecutada.ipynb",
         LESSON], cwd=work, env=env)
    ran = nbformat.read(work / "ejecutada.ipynb", as_version=4)
    committed = nbformat.read(ROOT / "notebooks" / LESSON, as_version=4)
    assert "AWS simulado (local) · región us-east-1" in text_outputs(ran)[0]
    assert text_outputs(ran) == text_outputs(committed)
