"""The lessons in a real browser: JupyterLab started the way `make lab` starts it
(`python -m labkit lab`, 127.0.0.1, a token), driven in headless Debian Chromium by Playwright.

Part 1 opens LESSON, runs all cells from the Spanish menu, and checks outputs and menus.
Part 2 is DEMO #16: run the notebook, click `Create snapshot` in the console widget, see the
snapshot in the widget's Snapshots list, in the shared local AWS and in the
`!aws ec2 describe-snapshots --owner self` cell.

Until the lessons land on main, a small stand-in notebook (same file name) is used for each
missing one. To move to the real lessons nothing changes here but, if needed, the few lines of
`demo16_steps()` (which button, which cell).

Runs in CI (CI=true: missing Chromium is a failure); elsewhere it skips only when Chromium or
Playwright is missing. Screenshots and measurements go to the test's tmp folder and, when
LABKIT_SCREENSHOT_DIR is set, are copied there.
"""

import json
import re
import time
from pathlib import Path

import pytest

import labdriver as drv

LESSON = "00_bienvenida.ipynb"
DEMO16 = "02_demo16_crear_snapshot.ipynb"
SPANISH_MENUS = ["Archivo", "Editar", "Ver", "Ejecutar", "Kernel", "Pestañas", "Configuración", "Ayuda"]
ENGLISH_MENUS = {"File", "Edit", "View", "Run", "Tabs", "Settings", "Help"}
SNAP = r"snap-[0-9a-f]{8,17}"


# --- stand-ins for lessons that are not on main yet ----------------------------------------

def _stand_in(path, cells):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
                for kind, src in cells]
    nbformat.write(nb, path)


STAND_INS = {
    LESSON: [
        ("md", "# Bienvenida (cuaderno provisional de la prueba del navegador)"),
        ("code", "import labkit\nlab = labkit.start()"),
        ("code", "from labkit import scenario, tables\nescenario = scenario.ensure(lab)\ntables.instances(lab)"),
        ("code", '!aws ec2 describe-instances --query "Reservations[].Instances[].InstanceId" --output text'),
    ],
    DEMO16: [
        ("md", "# DEMO #16 (cuaderno provisional): crear un snapshot desde la consola"),
        ("code", "import labkit\nfrom labkit import scenario, tables\nlab = labkit.start()\n"
                 "escenario = scenario.ensure(lab)"),
        ("code", "import ipywidgets as widgets\n"
                 "volumen = [v for v in lab.ec2.describe_volumes(Filters=[{'Name': 'attachment.instance-id',\n"
                 "    'Values': [escenario.private_instance_id]}])['Volumes'] if v['Size'] == 10][0]['VolumeId']\n"
                 "boton = widgets.Button(description='Create snapshot', button_style='warning')\n"
                 "lista = widgets.Output()\n"
                 "def crear(_):\n"
                 "    lab.ec2.create_snapshot(VolumeId=volumen, Description='DEMO #16')\n"
                 "    with lista:\n"
                 "        lista.clear_output()\n"
                 "        print('Snapshots')\n"
                 "        print(tables.snapshots(lab)[['Snapshot ID', 'Volume ID', 'Description']].to_string())\n"
                 "boton.on_click(crear)\n"
                 "widgets.VBox([widgets.Label(f'Volumen: {volumen}'), boton, lista])"),
        ("code", '!aws ec2 describe-snapshots --owner self --query "Snapshots[].[SnapshotId,VolumeId]" --output text'),
    ],
}


# --- fixtures -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    drv.need(Path(drv.CHROMIUM).exists(),
             f"Chromium is not installed at {drv.CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        drv.need(False, "Playwright is not installed (pip install playwright; no browser download needed)")
    with sync_playwright() as playwright:
        started = time.monotonic()
        chromium = drv.launch_chromium(playwright)
        chromium.launch_seconds = round(time.monotonic() - started, 1)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """One `labkit lab` for the module, on a copy of the notebooks (the browser saves what it runs)."""
    workdir = tmp_path_factory.mktemp("lab")
    notebooks = workdir / "notebooks"
    copied = drv.copy_notebooks(notebooks, names={LESSON, DEMO16})
    for name, cells in STAND_INS.items():
        if name not in copied:
            _stand_in(notebooks / name, cells)
    started = time.monotonic()
    lab = drv.start_lab(workdir)
    lab.start_seconds = round(time.monotonic() - started, 1)
    lab.stand_ins = sorted(set(STAND_INS) - set(copied))
    yield lab
    lab.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _record(tmp_path, name, numbers):
    """Print the measurements (pytest -s / -rP) and keep them as JSON next to the screenshots."""
    path = tmp_path / f"medidas-{name}.json"
    path.write_text(json.dumps(numbers, indent=2, ensure_ascii=False), encoding="utf-8")
    drv.keep_artifact(path)
    print(f"\nMEDIDAS {name}: {json.dumps(numbers, ensure_ascii=False)}")


# --- part 1: a lesson runs in Spanish JupyterLab --------------------------------------------

def test_lesson_runs_all_cells_in_spanish_jupyterlab(lab_server, browser, page, tmp_path):
    started = time.monotonic()
    drv.open_notebook(page, lab_server, LESSON)

    menus = drv.menu_labels(page)
    assert menus == SPANISH_MENUS, f"menu bar is not the Spanish one: {menus}"
    assert not ENGLISH_MENUS & set(menus)
    assert "Ejecutar todas las celdas" in drv.menu_item_labels(page, "Ejecutar")

    drv.run_all(page)
    prompts = drv.prompts(page)
    assert prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts
    outputs = page.locator(f"{drv.CODE_CELLS} .jp-OutputArea-output")
    assert outputs.count() >= 1, "running all cells produced no output"
    text = drv.all_output_text(page)
    cells = [c for c in lab_server.api(f"contents/{LESSON}")["content"]["cells"] if c["cell_type"] == "code"]
    for index, cell in enumerate(cells):
        if "raises-exception" not in cell["metadata"].get("tags", []):
            output = drv.cell_output_text(page, index)
            assert "Traceback (most recent call last)" not in output, f"code cell {index} failed:\n{output[-2000:]}"
    assert "cuenta 123456789012" in text and "endpoint http://127.0.0.1:" in text, \
        "labkit.start() did not print its Spanish line"
    assert lab_server.aws_endpoint in text, "the kernel did not use the lab's shared local AWS"

    shot = drv.screenshot(page, tmp_path / "navegador-00-bienvenida.png")
    assert shot.stat().st_size > 10_000
    _record(tmp_path, "leccion", {
        "cuaderno": LESSON, "provisional": LESSON in lab_server.stand_ins,
        "arranque_lab_s": lab_server.start_seconds, "arranque_chromium_s": browser.launch_seconds,
        "abrir_y_ejecutar_s": round(time.monotonic() - started, 1),
    })


# --- part 2: DEMO #16, the console widget ---------------------------------------------------

def demo16_steps(page):
    """What a student does in DEMO #16 after running all cells; returns the new snapshot id.

    Switch here when the real widget lands (button text, where its Snapshots list is shown).
    """
    widget_cell = drv.find_cell(page, "Create snapshot")
    drv.click_output_button(page, "Create snapshot")
    listed = drv.wait_output_contains(page, widget_cell, rf"Snapshots[\s\S]*({SNAP})")
    return listed.group(1), widget_cell


def test_demo16_create_snapshot_with_the_console_widget(lab_server, page, tmp_path):
    import boto3

    started = time.monotonic()
    drv.open_notebook(page, lab_server, DEMO16)
    drv.run_all(page)
    shared = boto3.client("ec2", endpoint_url=lab_server.aws_endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    before = {s["SnapshotId"] for s in shared.describe_snapshots(OwnerIds=["self"])["Snapshots"]}

    snapshot_id, widget_cell = demo16_steps(page)
    assert snapshot_id not in before

    # The same account the whole lab shares (what DEMO #17 will find later).
    snap = shared.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]
    volume = shared.describe_volumes(VolumeIds=[snap["VolumeId"]])["Volumes"][0]
    instance = volume["Attachments"][0]["InstanceId"]
    tags = shared.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]["Tags"]
    assert {"Key": "Name", "Value": "Instancia privada"} in tags, "snapshot is not of the private instance's volume"

    cli_cell = drv.find_cell(page, "describe-snapshots --owner self")
    assert snapshot_id in drv.run_cell(page, cli_cell), "`!aws ec2 describe-snapshots --owner self` misses it"

    page.locator(f"{drv.CODE_CELLS}").nth(widget_cell).scroll_into_view_if_needed()
    shot = drv.screenshot(page, tmp_path / "navegador-02-demo16.png")
    assert shot.stat().st_size > 10_000
    memory = lab_server.memory()
    _record(tmp_path, "demo16", {
        "cuaderno": DEMO16, "provisional": DEMO16 in lab_server.stand_ins,
        "demo16_s": round(time.monotonic() - started, 1), "memoria_lab": memory,
    })
    kinds = {p["que"] for p in memory["procesos"]}
    assert {"labkit lab (AWS local)", "jupyter lab", "kernel"} <= kinds, memory
