"""A lesson runs twice in a row in the same account with the same outputs, as when a
student re-runs it in `make lab`: `labkit.lesson.begin` removes what the lesson's previous run
left, and what other lessons left does not change its outputs. All notebooks that create
resources share one local AWS here, one after another, so each also runs after the others."""

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbval.plugin import get_sanitize_patterns

from labkit import local_aws

ROOT = Path(__file__).resolve().parent.parent
CHANGING = ["02_demo16_crear_snapshot", "03_almacenamiento_incremental", "05_demo17_crear_ami",
            "06_faq_y_limpieza", "07_cifrado_y_compartir", "08_que_sigue"]
PATTERNS = get_sanitize_patterns((ROOT / "tests" / "nbval_sanitize.cfg").read_text(encoding="utf-8"))
# Cells that list the whole account: on a second run they also show the instances the first run
# launched and terminated (AWS keeps terminated instances visible for about an hour). The
# notebook says so next to the cell.
HISTORY_TAG = "account-history"
SKIPPED_KEYS = {"application/vnd.jupyter.widget-view+json", "image/png", "execution_count", "metadata"}


@pytest.fixture(scope="module")
def shared_account():
    server = local_aws.start(0)
    yield server.endpoint
    server.stop()


def sanitize(text):
    import re

    for regex, replace in PATTERNS:
        text = re.sub(regex, replace, text)
    return text


def run(name, endpoint):
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["LABKIT_ENDPOINT"] = endpoint
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    outputs = []  # one text per code cell: its streams (however they were chunked) and data
    for cell in nb.cells:
        if cell.cell_type != "code" or HISTORY_TAG in cell.metadata.get("tags", []):
            continue
        text = ""
        for out in cell.outputs:
            data = {k: v for k, v in out.get("data", {}).items() if k not in SKIPPED_KEYS}
            text += str(out.get("text", "")) + (str(data) if data else "")
        outputs.append(sanitize(text))
    return outputs


@pytest.mark.parametrize("name", CHANGING)
def test_lesson_twice_in_a_row_same_outputs(name, shared_account):
    first = run(name, shared_account)
    second = run(name, shared_account)
    assert len(first) == len(second)
    for index, (a, b) in enumerate(zip(first, second)):
        assert a == b, f"code cell {index} differs on the second run:\n--- first\n{a}\n--- second\n{b}"
